/**
 * Fleet exposure: per year, units in use and units in use without security
 * support (stacked: supported + without = in use), from the engine's fleet
 * forecast, with an optional what-if forecast drawn next to it.
 */
import { addMonths, dayToIso, parseLifecycleDate } from '../domain/dates';
import type { Product } from '../domain/schemas';
import { effectiveSupportEnd as engineEffectiveEnd } from '../engine/support-end';
import { chartDate, type ChartDate } from './chart-dates';
import type { ChartFleetForecast } from './engine-types';

export interface FleetPoint {
  year: number;
  unitsInUse: number;
  /** null (with `withoutSupport`) when the support end is unknown: the split is unknown, not zero. */
  supported: number | null;
  withoutSupport: number | null;
  whatIfSupported: number | null;
  whatIfWithoutSupport: number | null;
}

export interface FleetExposure {
  productId: string;
  points: FleetPoint[];
  supportEnd: ChartDate;
  whatIfSupportEnd: ChartDate | null;
  /** Sum over years of units in use without support ("unit-years exposed"); null when the support end is unknown. */
  unitYearsWithout: number | null;
  whatIfUnitYearsWithout: number | null;
  /** False when the product has no units per year: nothing to forecast. */
  hasUnits: boolean;
}

export function buildFleetExposure(current: ChartFleetForecast, whatIf?: ChartFleetForecast | null): FleetExposure {
  const alt = new Map((whatIf?.years ?? []).map((y) => [y.year, y]));
  const years = new Set(current.years.map((y) => y.year));
  for (const y of alt.keys()) years.add(y);
  const cur = new Map(current.years.map((y) => [y.year, y]));
  const points: FleetPoint[] = [...years].sort((a, b) => a - b).map((year) => {
    const c = cur.get(year);
    const w = whatIf ? alt.get(year) : undefined;
    const inUse = c?.unitsInUse ?? 0;
    const without = current.supportEnd === null ? null : (c?.unitsWithoutSupport ?? 0);
    const wWithout = w ? w.unitsWithoutSupport : 0;
    return {
      year,
      unitsInUse: inUse,
      supported: without === null ? null : inUse - without,
      withoutSupport: without,
      whatIfSupported: whatIf ? (w ? (wWithout === null ? null : w.unitsInUse - wWithout) : 0) : null,
      whatIfWithoutSupport: whatIf ? wWithout : null,
    };
  });
  return {
    productId: current.productId,
    points,
    supportEnd: chartDate(current.supportEnd),
    whatIfSupportEnd: whatIf ? chartDate(whatIf.supportEnd) : null,
    unitYearsWithout: current.supportEnd === null ? null : points.reduce((s, p) => s + (p.withoutSupport ?? 0), 0),
    whatIfUnitYearsWithout: whatIf ? points.reduce((s, p) => s + (p.whatIfWithoutSupport ?? 0), 0) : null,
    hasUnits: points.some((p) => p.unitsInUse > 0),
  };
}

export type WhatIf =
  | { kind: 'extend'; months: number }
  | { kind: 'swap'; componentId: string; securitySupportEnd: string };

export interface WhatIfPlan {
  /** Support end for the current curve: undefined = the engine's own (the effective support end). */
  currentOverride: string | null | undefined;
  /** Support end for the what-if curve; undefined when the what-if cannot be computed (see reason). */
  whatIfOverride: string | null | undefined;
  /** Why the what-if cannot be drawn, or what it leaves out. */
  reason: string | null;
}

/** Adds months to a lifecycle date; a month-precision end stays at the end of its month. */
export function extendLifecycleDate(text: string, months: number): string {
  const parsed = parseLifecycleDate(text);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  if (parsed.precision === 'month') {
    const [y, m] = text.split('-').map(Number) as [number, number];
    const total = y * 12 + (m - 1) + months;
    const ny = Math.floor(total / 12);
    const nm = total - ny * 12 + 1;
    return dayToIso(Date.UTC(ny, nm, 0) / 86_400_000);
  }
  return dayToIso(addMonths(parsed.day, months));
}

/** The effective support end (defined once, in the engine) with the names of the core components not counted. */
export function effectiveSupportEnd(product: Product): { end: string | null; uncounted: string[] } {
  const e = engineEffectiveEnd(product);
  return { end: e.end, uncounted: e.uncounted };
}

export function planWhatIf(product: Product, whatIf: WhatIf): WhatIfPlan {
  if (whatIf.kind === 'extend') {
    if (!Number.isInteger(whatIf.months)) return { currentOverride: undefined, whatIfOverride: undefined, reason: `extend by a whole number of months, not ${whatIf.months}` };
    if (product.declaredSupportEnd === null) {
      return { currentOverride: undefined, whatIfOverride: undefined, reason: 'the declared support end is unknown: there is nothing to extend' };
    }
    // The declared end moves; the effective end moves with it only as far as the core components allow.
    const extended: Product = { ...product, declaredSupportEnd: extendLifecycleDate(product.declaredSupportEnd, whatIf.months) };
    const after = engineEffectiveEnd(extended);
    const notes: string[] = [];
    if (after.setBy) notes.push(`the effective end stays at ${after.setBy.securitySupportEnd}, set by core component ${after.setBy.component}`);
    if (after.uncounted.length) notes.push(`not counted (support end unknown): ${after.uncounted.join(', ')}`);
    return { currentOverride: undefined, whatIfOverride: after.end, reason: notes.length ? notes.join('; ') : null };
  }
  const target = product.components.find((c) => c.id === whatIf.componentId);
  if (!target) return { currentOverride: undefined, whatIfOverride: undefined, reason: `component ${whatIf.componentId} is not part of ${product.name}` };
  const parsed = parseLifecycleDate(whatIf.securitySupportEnd);
  if (!parsed.ok) return { currentOverride: undefined, whatIfOverride: undefined, reason: `replacement support end: ${parsed.reason}` };
  const before = effectiveSupportEnd(product);
  if (before.end === null) {
    return { currentOverride: undefined, whatIfOverride: undefined, reason: 'the declared support end is unknown: a swap cannot be compared' };
  }
  const swapped: Product = {
    ...product,
    components: product.components.map((c) => (c.id === target.id ? { ...c, securitySupportEnd: whatIf.securitySupportEnd } : c)),
  };
  const after = effectiveSupportEnd(swapped);
  const notes: string[] = [];
  if (target.class !== 'it' || target.core !== true) notes.push(`${target.name} is not a core IT component, so it does not bound the support end`);
  if (after.uncounted.length) notes.push(`not counted (support end unknown): ${after.uncounted.join(', ')}`);
  return { currentOverride: undefined, whatIfOverride: after.end, reason: notes.length ? notes.join('; ') : null };
}

/** A point of the drawn step curve: `x` in fractional years (2030.5 = mid-2030), values as in FleetPoint. */
export interface FleetStep extends FleetPoint { x: number }

function yearStart(year: number): number {
  return Date.UTC(year, 0, 1) / 86_400_000;
}

/** Where support ends within its year, as a fractional year: the first day without support. */
function splitAt(end: ChartDate | null): number | null {
  if (!end || end.day === null) return null;
  const first = end.day + 1;
  const y = new Date(first * 86_400_000).getUTCFullYear();
  return y + (first - yearStart(y)) / (yearStart(y + 1) - yearStart(y));
}

/**
 * The yearly points as a step curve (each year's value holds from its 1 January to the next), with
 * the year in which support ends split at that day: before it every unit in use is supported, after it
 * none is. The area of the step equals the year's unit-years without support, and no unsupported area
 * is drawn before the support end (a smoothed curve would overshoot there). A final point at the end of
 * the last year closes the last step.
 */
export function fleetSteps(f: FleetExposure): FleetStep[] {
  const cut = splitAt(f.supportEnd);
  const whatIfCut = splitAt(f.whatIfSupportEnd);
  const out: FleetStep[] = [];
  for (const p of f.points) {
    const xs = [p.year, ...[cut, whatIfCut].filter((c): c is number => c !== null && c > p.year && c < p.year + 1)].sort((a, b) => a - b);
    for (const x of [...new Set(xs)]) {
      const step: FleetStep = { ...p, x };
      if (cut !== null && p.year === Math.floor(cut) && cut > p.year && p.withoutSupport !== null) {
        const after = x >= cut;
        step.withoutSupport = after ? p.unitsInUse : 0;
        step.supported = after ? 0 : p.unitsInUse;
      }
      if (whatIfCut !== null && p.year === Math.floor(whatIfCut) && whatIfCut > p.year && p.whatIfWithoutSupport !== null) {
        const after = x >= whatIfCut;
        const inUse = (p.whatIfSupported ?? 0) + p.whatIfWithoutSupport;
        step.whatIfWithoutSupport = after ? inUse : 0;
        step.whatIfSupported = after ? 0 : inUse;
      }
      out.push(step);
    }
  }
  const last = out[out.length - 1];
  if (last) out.push({ ...last, x: last.year + 1 });
  return out;
}

/** Year ticks for the step curve, counted back from the end of the data so the last tick is its end. */
export function fleetTicks(firstYear: number, lastYear: number, maxTicks = 12): number[] {
  const end = lastYear + 1;
  const span = end - firstYear;
  const step = Math.max(1, Math.ceil(span / Math.max(1, maxTicks - 1)));
  const ticks: number[] = [];
  for (let y = end; y >= firstYear; y -= step) ticks.unshift(y);
  return ticks;
}
