/**
 * The scoring method, as data (docs/risks.md): score = likelihood × impact,
 * the level read from the 5×5 matrix; impact weighted by the product line's
 * environment; residual scores from the controls.
 */
import type { Environment } from '../domain';
import { ACTIVE_CONTROL_STATUSES } from './schemas';
import type { Control, EnvironmentWeights, RiskLevel, RiskMatrix } from './schemas';

export const DEFAULT_MATRIX: RiskMatrix = {
  version: 'supportspan-5x5-1',
  likelihoodAnchors: [
    '1 Rare: needs conditions not expected during the product\'s use',
    '2 Unlikely: possible, no known attack against this kind of product',
    '3 Possible: known attacks against similar products',
    '4 Likely: public exploits exist or the device stays unpatched for years',
    '5 Almost certain: exploited in the field or trivially reachable on every unit',
  ],
  impactAnchors: [
    '1 Negligible: no lasting effect on users or data',
    '2 Minor: one feature lost, quickly restored',
    '3 Moderate: personal data exposed or the device unusable for one user',
    '4 Major: many users or a site affected, a safety function degraded',
    '5 Severe: harm to people, a plant or patient safety, or the whole fleet',
  ],
  // cells[likelihood-1][impact-1]
  cells: [
    ['low', 'low', 'low', 'medium', 'medium'],
    ['low', 'low', 'medium', 'medium', 'high'],
    ['low', 'medium', 'medium', 'high', 'high'],
    ['medium', 'medium', 'high', 'high', 'critical'],
    ['medium', 'high', 'high', 'critical', 'critical'],
  ],
  method: 'Likelihood and impact are each scored 1 to 5 against the written anchors; the score is their product (1-25) and the level is read from the matrix cell. Impact is first weighted by the environment the product line serves. Residual scores take off one likelihood step per control in place or verified and one impact step when a compensating control is in place, never below 1 and never below the assessor\'s own residual estimate.',
};

export const DEFAULT_WEIGHTS: EnvironmentWeights = {
  consumer: { impactAdjust: 0, rationale: 'A compromise mostly costs one household privacy or a working device: impact as scored.' },
  enterprise: { impactAdjust: 0, rationale: 'Enterprise IT has network controls and a security team; a compromise costs data and downtime: impact as scored.' },
  industrial: { impactAdjust: 1, rationale: 'In OT/IIoT a compromise can stop a process or damage equipment and units run for decades: impact one step higher.' },
  medical: { impactAdjust: 2, rationale: 'A compromised medical device can harm a patient: impact two steps higher.' },
};

export interface Scored { likelihood: number; impact: number; score: number; level: RiskLevel }

export function clampScore(n: number): number {
  return Math.min(5, Math.max(1, Math.round(n)));
}

export function checkScore(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new RangeError(`${what} must be a whole number from 1 to 5, not ${String(n)}`);
  return n;
}

export function scoreOf(likelihood: number, impact: number, matrix: RiskMatrix = DEFAULT_MATRIX): Scored {
  checkScore(likelihood, 'likelihood');
  checkScore(impact, 'impact');
  return { likelihood, impact, score: likelihood * impact, level: matrix.cells[likelihood - 1]![impact - 1]! };
}

export function weightedImpact(impact: number, environment: Environment, weights: EnvironmentWeights = DEFAULT_WEIGHTS): number {
  return clampScore(checkScore(impact, 'impact') + weights[environment].impactAdjust);
}

/**
 * Residual likelihood and impact after the controls linked to a risk.
 * Monotone by construction: a control can only take steps off, so removing
 * one never lowers the residual; never above the inherent scores.
 */
export function residualOf(
  inherent: { likelihood: number; impact: number },
  controls: readonly Pick<Control, 'status' | 'compensating'>[],
  estimate: { likelihood: number | null; impact: number | null } = { likelihood: null, impact: null },
): { likelihood: number; impact: number } {
  const active = controls.filter((c) => ACTIVE_CONTROL_STATUSES.includes(c.status));
  if (active.length === 0) return { likelihood: inherent.likelihood, impact: inherent.impact };
  const preventive = active.filter((c) => !c.compensating).length;
  const compensating = active.some((c) => c.compensating) ? 1 : 0;
  const floorL = Math.max(1, inherent.likelihood - preventive);
  const floorI = Math.max(1, inherent.impact - compensating);
  return {
    likelihood: Math.min(inherent.likelihood, Math.max(floorL, estimate.likelihood ?? floorL)),
    impact: Math.min(inherent.impact, Math.max(floorI, estimate.impact ?? floorI)),
  };
}

export const LEVEL_RANK: Readonly<Record<RiskLevel, number>> = { critical: 0, high: 1, medium: 2, low: 3 };
