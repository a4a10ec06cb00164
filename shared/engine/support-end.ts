/**
 * The product's effective security-support end, defined once: the earliest of
 * the declared end and the security-support ends of its core IT components
 * (certificates excepted: they are renewed). A unit whose core component gets
 * no fixes is exposed whatever was declared, so every view (findings, planner,
 * timeline, fleet exposure, portfolio gap) reads this, not the declared end.
 *
 * Unknown when the declared end is unknown; core components whose end is
 * unknown are not counted and are named in `uncounted`.
 *
 * Dependencies: a component's support cannot outlast what it depends on
 * (`dependsOn`, kept from SBOM dependency graphs or edited in the grid): its
 * end is the earliest of its own and its IT dependencies' ends, followed
 * through the chain (cycles are cut where they close; certificates are
 * renewed and do not count). `via` names the chain below the core component
 * that sets the end, nearest first.
 */
import { dayToIso, parseLifecycleDate } from '../domain';
import type { Component, DayNumber, Product } from '../domain';

export interface EffectiveEndDays {
  end: DayNumber | null;
  declared: DayNumber | null;
  /** The core component that sets the end; null when the declared end does (or is unknown). */
  setBy: Component | null;
  setByEnd: DayNumber | null;
  /** The dependencies through which `setBy`'s end is set, nearest first; empty when its own end sets it. */
  via: Component[];
  uncounted: Component[];
}

export interface EffectiveSupportEnd {
  /** `YYYY-MM-DD`; null when the declared end is unknown. */
  end: string | null;
  declared: string | null;
  setBy: {
    componentId: string; component: string; role: string; securitySupportEnd: string;
    /** Present when a dependency sets the end: the chain below the core component, nearest first. */
    via?: { componentId: string; component: string; role: string }[];
  } | null;
  /** Names of core IT components whose support end is unknown (not counted). */
  uncounted: string[];
}

export function countsForSupportEnd(c: Component): boolean {
  return c.class === 'it' && c.core === true && c.role !== 'certificate';
}

type DayOf = (text: string, field: string, c: Component | null) => DayNumber;

/** Whether a dependency bounds the support of what depends on it (certificates are renewed; mechanical parts get no fixes). */
function boundsDependents(c: Component): boolean {
  return c.class === 'it' && c.role !== 'certificate';
}

/** A component's own end bounded by its dependencies': the end and the chain that sets it (empty = its own end). */
export interface ComponentEnd { end: DayNumber | null; via: Component[] }

/**
 * Every component's support end as bounded by its dependencies. Products
 * without any `dependsOn` take the direct path (no map, no recursion).
 */
export function componentEnds(product: Product, day: DayOf): (c: Component) => ComponentEnd {
  const own = (c: Component): DayNumber | null => (c.securitySupportEnd === null ? null : day(c.securitySupportEnd, 'securitySupportEnd', c));
  if (!product.components.some((c) => c.dependsOn !== undefined && c.dependsOn.length > 0)) return (c) => ({ end: own(c), via: [] });
  const byId = new Map(product.components.map((c) => [c.id, c]));
  const memo = new Map<string, ComponentEnd>();
  const visiting = new Set<string>();
  const resolve = (c: Component): ComponentEnd => {
    const done = memo.get(c.id);
    if (done) return done;
    visiting.add(c.id);
    let best: ComponentEnd = { end: own(c), via: [] };
    for (const depId of c.dependsOn ?? []) {
      const dep = byId.get(depId);
      if (dep === undefined || dep === c || visiting.has(depId) || !boundsDependents(dep)) continue;
      const d = resolve(dep);
      if (d.end !== null && (best.end === null || d.end < best.end)) best = { end: d.end, via: [dep, ...d.via] };
    }
    visiting.delete(c.id);
    memo.set(c.id, best);
    return best;
  };
  return resolve;
}

/** The engine's form: `day` parses (and caches) dates and names the field in its error. */
export function effectiveEndDays(product: Product, day: DayOf): EffectiveEndDays {
  const declared = product.declaredSupportEnd === null ? null : day(product.declaredSupportEnd, 'declaredSupportEnd', null);
  let end = declared;
  let setBy: Component | null = null;
  let setByEnd: DayNumber | null = null;
  let via: Component[] = [];
  const uncounted: Component[] = [];
  const endOf = componentEnds(product, day);
  for (const c of product.components) {
    if (!countsForSupportEnd(c)) continue;
    const e = endOf(c);
    if (e.end === null) {
      uncounted.push(c);
      continue;
    }
    if (end !== null && e.end < end) {
      end = e.end;
      setBy = c;
      setByEnd = e.end;
      via = e.via;
    }
  }
  return { end, declared, setBy, setByEnd, via, uncounted };
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
      ...(e.via.length > 0 ? { via: e.via.map((c) => ({ componentId: c.id, component: c.name, role: c.role })) } : {}),
    },
    uncounted: e.uncounted.map((c) => c.name),
  };
}

/** "2033-12-31 (set by core component Kernel, os)" or "2041-12-31 (the declared end)". */
export function describeEffectiveEnd(e: EffectiveSupportEnd): string {
  if (e.end === null) return 'unknown (no declared support end)';
  if (!e.setBy) return `${e.end} (the declared end)`;
  const chain = e.setBy.via?.length ? `, through ${e.setBy.via.map((v) => `${v.component} (${v.role})`).join(' → ')}` : '';
  return `${e.end} (set by core component ${e.setBy.component}, ${e.setBy.role}${chain})`;
}
