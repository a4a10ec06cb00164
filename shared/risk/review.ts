/**
 * Auditor comments on risks use the review key convention `risk:<riskId>`
 * (findings keep their finding key); what the reviewer saw of the risk is
 * recorded in the shape the auditor response already carries.
 */
import type { RiskRow } from './register';

export const RISK_REVIEW_PREFIX = 'risk:';

export function riskReviewKey(riskId: string): string {
  return `${RISK_REVIEW_PREFIX}${riskId}`;
}

/** The risk id of a review key, or null when the key is not a risk's. */
export function riskIdOfReviewKey(key: string): string | null {
  return key.startsWith(RISK_REVIEW_PREFIX) ? key.slice(RISK_REVIEW_PREFIX.length) || null : null;
}

/** What the reviewer saw: the level read as a severity (critical counts as high). */
export function reviewedRisk(r: RiskRow): { kind: string; severity: 'high' | 'medium' | 'low'; product: string; component: string | null; message: string } {
  const severity = r.level === 'critical' || r.level === 'high' ? 'high' : r.level === 'medium' ? 'medium' : 'low';
  const score = r.score === null ? 'not scored' : `score ${r.score} (${r.level})`;
  return { kind: 'risk', severity, product: r.product, component: r.component, message: `${r.threat.id} ${r.threat.title}: ${score}, ${r.status}.` };
}
