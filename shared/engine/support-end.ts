/**
 * The product's effective security-support end, defined once: the earliest of
 * the declared end and the security-support ends of its core IT components
 * (certificates excepted: they are renewed). A unit whose core component gets
 * no fixes is exposed whatever was declared, so every view (findings, planner,
 * timeline, fleet exposure, portfolio gap) reads this, not the declared end.
 *
 * Unknown when the declared end is unknown; core components whose end is
 * unknown are not counted and are named in `uncounted`.
 */
import { dayToIso, parseLifecycleDate } from '../domain';
import type { Component, DayNumber, Product } from '../domain';

export interface EffectiveEndDays {
  end: DayNumber | null;
  declared: DayNumber | null;
  /** The core component that sets the end; null when the declared end does (or is unknown). */
  setBy: Component | null;
  setByEnd: DayNumber | null;
  uncounted: Component[];
}

export interface EffectiveSupportEnd {
  /** `YYYY-MM-DD`; null when the declared end is unknown. */
  end: string | null;
  declared: string | null;
  setBy: { componentId: string; component: string; role: string; securitySupportEnd: string } | null;
  /** Names of core IT components whose support end is unknown (not counted). */
  uncounted: string[];
}

export function countsForSupportEnd(c: Component): boolean {
  return c.class === 'it' && c.core === true && c.role !== 'certificate';
}

type DayOf = (text: string, field: string, c: Component | null) => DayNumber;

/** The engine's form: `day` parses (and caches) dates and names the field in its error. */
export function effectiveEndDays(product: Product, day: DayOf): EffectiveEndDays {
  const declared = product.declaredSupportEnd === null ? null : day(product.declaredSupportEnd, 'declaredSupportEnd', null);
  let end = declared;
  let setBy: Component | null = null;
  let setByEnd: DayNumber | null = null;
  const uncounted: Component[] = [];
  for (const c of product.components) {
    if (!countsForSupportEnd(c)) continue;
    if (c.securitySupportEnd === null) {
      uncounted.push(c);
      continue;
    }
    const d = day(c.securitySupportEnd, 'securitySupportEnd', c);
    if (end !== null && d < end) {
      end = d;
      setBy = c;
      setByEnd = d;
    }
  }
  return { end, declared, setBy, setByEnd, uncounted };
}

function strictDay(where: string) {
  return (text: string, field: string, c: Component | null): DayNumber => {
    const r = parseLifecycleDate(text);
    if (!r.ok) throw new RangeError(`${where}${c ? ` component ${c.id}` : ''}.${field}: ${r.reason}`);
    return r.day;
  };
}

/** The effective end of a product as dates (for the UI, charts and the CLI). */
export function effectiveSupportEnd(product: Product): EffectiveSupportEnd {
  const e = effectiveEndDays(product, strictDay(`product ${product.id}`));
  return toIso(e);
}

export function toIso(e: EffectiveEndDays, iso: (d: DayNumber) => string = dayToIso): EffectiveSupportEnd {
  return {
    end: e.end === null ? null : iso(e.end),
    declared: e.declared === null ? null : iso(e.declared),
    setBy: e.setBy === null || e.setByEnd === null ? null : {
      componentId: e.setBy.id, component: e.setBy.name, role: e.setBy.role, securitySupportEnd: iso(e.setByEnd),
    },
    uncounted: e.uncounted.map((c) => c.name),
  };
}

/** "2033-12-31 (set by core component Kernel, os)" or "2041-12-31 (the declared end)". */
export function describeEffectiveEnd(e: EffectiveSupportEnd): string {
  if (e.end === null) return 'unknown (no declared support end)';
  return e.setBy ? `${e.end} (set by core component ${e.setBy.component}, ${e.setBy.role})` : `${e.end} (the declared end)`;
}
