/**
 * Decisions are data the user owns; the engine never hides a finding because
 * of one. This helper annotates findings with their decision so that the app,
 * reports and bundles read decisions the same way.
 */
import { parseDayDate, parseLifecycleDate } from '../domain';
import type { Decision } from '../domain';
import type { Finding } from './finding-kinds';

/**
 * - open: no decision;
 * - accepted: an accepted risk, no expiry or not expired on the as-of date;
 * - mitigated: the team recorded a mitigation (not expired);
 * - reopened: the decision's expiry day is before the as-of date (the day
 *   itself still counts as covered).
 */
export type FindingStatus = 'open' | 'accepted' | 'mitigated' | 'reopened';

export type DecidedFinding = Decided<Finding>;

export type Decided<F> = F & { decision: Decision | null; status: FindingStatus };

/** Works on any finding with a key and a product (engine findings, or findings as a bundle recorded them). */
export function applyDecisions<F extends Pick<Finding, 'key' | 'productId'>>(findings: readonly F[], decisions: readonly Decision[], asOf: string): Decided<F>[] {
  const asOfDay = parseDayDate(asOf);
  if (!asOfDay.ok) throw new RangeError(`asOf: ${asOfDay.reason}`);
  // The latest decision on a key wins; ties broken by id so the choice does not depend on input order.
  const latest = new Map<string, Decision>();
  for (const d of decisions) {
    const prev = latest.get(d.findingKey);
    if (!prev || d.decidedAt > prev.decidedAt || (d.decidedAt === prev.decidedAt && d.id > prev.id)) latest.set(d.findingKey, d);
  }
  return findings.map((f) => {
    const d = latest.get(f.key);
    if (d === undefined || d.productId !== f.productId) return { ...f, decision: null, status: 'open' as const };
    let status: FindingStatus = d.type;
    if (hasExpired(d.expires, asOfDay.day, `decision ${d.id}.expires`)) status = 'reopened';
    return { ...f, decision: d, status };
  });
}

/**
 * The one expiry rule for everything the user accepts (decisions, accepted
 * risks): expired when the expiry day is before the as-of day; the day itself
 * still counts as covered. No expiry = never.
 */
export function hasExpired(expires: string | null, asOfDay: number, where: string): boolean {
  if (expires === null) return false;
  const exp = parseLifecycleDate(expires);
  if (!exp.ok) throw new RangeError(`${where}: ${exp.reason}`);
  return exp.day < asOfDay;
}
