/**
 * Auditor reviews of the obligations, under the review key convention
 * `activity:<productId>:<A0..A8>` and `vuln:<recordId>` (findings keep their
 * finding key, risks use `risk:<riskId>`). The auditor response already
 * carries any key with a status (agreed / disputed / needs evidence) and a
 * note; what the reviewer saw is recorded in its reviewed-finding shape, so
 * the response reads on its own.
 */
import type { Portfolio } from '../domain/schemas';
import { isActivityId, type ActivityId } from './activity-catalog';
import { ACTIVITY_STATUS_LABELS, activityReviewKey, evidenceList, portfolioActivities, type FindingLike, type ProductActivity } from './activities';
import { VULN_KIND_LABELS, vulnReviewKey, type VulnerabilityRecord } from './vulnerabilities';
import type { ActivityRecord } from './activities';

export const ACTIVITY_REVIEW_PREFIX = 'activity:';
export const VULN_REVIEW_PREFIX = 'vuln:';

export type ObligationReviewTarget =
  | { type: 'activity'; productId: string; activityId: ActivityId }
  | { type: 'vulnerability'; id: string };

/** What a review key names, or null when it is not an activity's or a vulnerability record's. */
export function parseObligationReviewKey(key: string): ObligationReviewTarget | null {
  if (key.startsWith(ACTIVITY_REVIEW_PREFIX)) {
    const rest = key.slice(ACTIVITY_REVIEW_PREFIX.length);
    const at = rest.lastIndexOf(':');
    const productId = rest.slice(0, at);
    const activityId = rest.slice(at + 1);
    return at > 0 && isActivityId(activityId) ? { type: 'activity', productId, activityId } : null;
  }
  if (key.startsWith(VULN_REVIEW_PREFIX)) {
    const id = key.slice(VULN_REVIEW_PREFIX.length);
    return id ? { type: 'vulnerability', id } : null;
  }
  return null;
}

export interface ReviewedItem {
  kind: string;
  severity: 'high' | 'medium' | 'low';
  product: string | null;
  component: string | null;
  message: string;
}

/** What the reviewer saw of an activity: high when its status does not hold or a high finding is open on it. */
export function reviewedActivity(product: string, a: ProductActivity): ReviewedItem {
  const r = a.record;
  const severity = a.statusProblem || a.blockingFindings.length ? 'high' : a.derived.length ? 'medium' : 'low';
  const parts = [
    ACTIVITY_STATUS_LABELS[r.status] + (r.reason ? ` (${r.reason})` : ''),
    `${evidenceList(a).length} evidence`,
    `${a.derived.length} findings`,
    r.signOff ? `signed off by ${r.signOff.name} on ${r.signOff.date}` : 'not signed off',
  ];
  return { kind: 'activity', severity, product, component: null, message: `Activity ${a.number}: ${a.title}. ${parts.join('; ')}.` };
}

/** What the reviewer saw of a vulnerability or incident record (always high: Art 14 deadlines run). */
export function reviewedVulnerability(v: VulnerabilityRecord, productNames: ReadonlyMap<string, string>): ReviewedItem {
  const sent = (['early-warning', 'notification', 'final-report'] as const).filter((k) => v.reports[k] !== null);
  return {
    kind: 'vulnerability',
    severity: 'high',
    product: v.productIds.map((id) => productNames.get(id) ?? id).join(', '),
    component: null,
    message: `${VULN_KIND_LABELS[v.kind]} ${v.identifier}: ${v.title}; became aware ${v.knownAt}; reports sent: ${sent.length ? sent.join(', ') : 'none'}.`,
  };
}

/** The reviewed item a key names in a bundle's data, or null when the key names nothing there. */
export function reviewedObligation(
  key: string,
  input: { portfolio: Pick<Portfolio, 'products'> & Partial<Pick<Portfolio, 'decisions'>>; activityRecords: readonly ActivityRecord[]; vulnerabilities: readonly VulnerabilityRecord[]; findings: readonly FindingLike[]; asOf: string },
): ReviewedItem | null {
  const target = parseObligationReviewKey(key);
  if (!target) return null;
  if (target.type === 'vulnerability') {
    const v = input.vulnerabilities.find((x) => x.id === target.id);
    return v ? reviewedVulnerability(v, new Map(input.portfolio.products.map((p) => [p.id, p.name]))) : null;
  }
  const product = input.portfolio.products.find((p) => p.id === target.productId);
  if (!product) return null;
  const [mine] = portfolioActivities({ portfolio: { products: [product], decisions: input.portfolio.decisions ?? [] }, records: input.activityRecords, findings: input.findings, asOf: input.asOf });
  const a = mine!.activities.find((x) => x.id === target.activityId)!;
  return reviewedActivity(product.name, a);
}

export { activityReviewKey, vulnReviewKey };
