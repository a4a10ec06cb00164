/**
 * The parts of the engine's results the chart builders read. Declared
 * structurally (a subset of the engine contract) so that the builders depend on
 * what they use, and any engine result is assignable to them.
 */
import type { Finding, FindingKind, Severity } from '../engine';

export type { Finding, FindingKind, Severity };
export { FINDING_KINDS, SEVERITIES } from '../engine';

export type ChartFinding = Pick<Finding, 'kind' | 'severity' | 'productId' | 'componentId' | 'gapDays' | 'dates'>;

export interface ChartPlan {
  productId: string;
  useEnd: string | null;
  legalMinimumEnd: string | null;
  declaredSupportEnd?: string | null;
  /** The effective support end (earliest of the declared end and core IT components' ends); absent = not computed. */
  effectiveSupportEnd?: { end: string | null; declared: string | null; setBy: { componentId: string; component: string; role: string; securitySupportEnd: string } | null };
  /** What data is missing to plan; lets the chart tell "unknown" from "does not apply". */
  missing?: string[];
  blockers: { componentId: string; component: string; securitySupportEnd: string | null; shortfallDays: number | null }[];
}

/** `unitsWithoutSupport` is null when the support end is unknown. */
export interface ChartFleetYear { year: number; unitsPlaced: number; unitsInUse: number; unitsWithoutSupport: number | null }
export interface ChartFleetForecast { productId: string; supportEnd: string | null; years: ChartFleetYear[] }
