/**
 * Product timeline (Gantt-like): one row per component, grouped IT / ecosystem /
 * mechanical, with the product's lifecycle markers and the stretch in which
 * units are in use without security support.
 */
import { addYears, type DayNumber } from '../domain/dates';
import { isEcosystemRole, type Component, type Product } from '../domain/schemas';
import { chartDate, chartDay, type ChartDate } from './chart-dates';
import type { ChartFinding, ChartPlan } from './engine-types';
import { effectiveSupportEnd } from '../engine/support-end';
import { lastPlacedCounted } from '../engine/analyze';

export const TIMELINE_GROUPS = ['it', 'ecosystem', 'mechanical'] as const;
export type TimelineGroup = (typeof TIMELINE_GROUPS)[number];
export const TIMELINE_GROUP_LABELS: Record<TimelineGroup, string> = {
  it: 'IT (device)',
  ecosystem: 'Ecosystem (cloud, mobile app, gateway)',
  mechanical: 'Mechanical',
};
/** Row-header form, where the axis leaves little room. */
export const TIMELINE_GROUP_SHORT: Record<TimelineGroup, string> = { it: 'IT (device)', ecosystem: 'Ecosystem', mechanical: 'Mechanical' };

export interface TimelineBar {
  start: ChartDate;
  end: ChartDate;
  /** Drawn extent on the time axis: an unknown end runs to the edge of the chart, hatched and labelled unknown. */
  from: DayNumber;
  to: DayNumber;
  openStart: boolean;
  openEnd: boolean;
}

export interface TimelineSource { field: string; note: string }

export interface TimelineComponentRow {
  kind: 'component';
  key: string;
  componentId: string;
  name: string;
  role: Component['role'];
  group: TimelineGroup;
  /** What the bar ends at. */
  endKind: 'security support end' | 'expected wear-out' | 'certificate expiry';
  bar: TimelineBar;
  /**
   * Mechanical parts: the bar ends at the first unit's wear-out (first placed + expected life); this is
   * the last unit's (last placing the rules count from + expected life), the date the wear-out findings use.
   */
  lastWearOut: ChartDate | null;
  /** Spare-parts availability, its own band; null when spare parts do not apply (IT without a spare date). */
  spare: TimelineBar | null;
  blocker: boolean;
  shortfallDays: number | null;
  sources: TimelineSource[];
}

export interface TimelineGroupRow {
  kind: 'group';
  key: string;
  group: TimelineGroup;
  label: string;
  count: number;
  continued: boolean;
}

export type TimelineRow = TimelineComponentRow | TimelineGroupRow;

export const TIMELINE_MARKERS = ['last-placed', 'declared-support-end', 'effective-support-end', 'use-end', 'legal-minimum-end', 'as-of'] as const;
export type TimelineMarkerId = (typeof TIMELINE_MARKERS)[number];

export interface TimelineMarker {
  id: TimelineMarkerId;
  label: string;
  date: ChartDate;
  /** Why a marker is not drawn (unknown, still on sale). */
  note: string | null;
}

export interface TimelineMismatch { from: ChartDate; to: ChartDate; gapDays: number | null }

export interface ProductTimeline {
  productId: string;
  productName: string;
  asOf: string;
  firstPlaced: ChartDate;
  stillOnSale: boolean;
  rows: TimelineRow[];
  componentCount: number;
  markers: TimelineMarker[];
  /** The effective support end and the core component that sets it (null = the declared end does). */
  effectiveSupportEnd: ChartDate;
  effectiveSetBy: string | null;
  /** Present exactly when the engine reports `support-ends-before-use` for the product (which counts from the effective end). */
  mismatch: TimelineMismatch | null;
  domain: [DayNumber, DayNumber];
}

export interface TimelineInput {
  asOf: string;
  /** The planner's result for this product (use end, legal minimum, blockers); null when not computed. */
  plan: ChartPlan | null;
  /** Findings; those of other products are ignored. */
  findings: readonly ChartFinding[];
}

export function componentGroup(c: Pick<Component, 'class' | 'role'>): TimelineGroup {
  if (c.class === 'mechanical') return 'mechanical';
  return isEcosystemRole(c.role) ? 'ecosystem' : 'it';
}

const SOURCE_FIELDS: { key: keyof Component['sources']; label: string }[] = [
  { key: 'securitySupportEnd', label: 'Security support end' },
  { key: 'expectedLifeYears', label: 'Expected life' },
  { key: 'sparePartsUntil', label: 'Spare parts until' },
  { key: 'expires', label: 'Expires' },
];

const PAD_DAYS = 182;
/** Room for open-ended bars beyond the last known date, so "unknown" reads as open, not as an end. */
const OPEN_DAYS = 730;

interface RawRow {
  c: Component;
  group: TimelineGroup;
  endKind: TimelineComponentRow['endKind'];
  start: ChartDate;
  end: ChartDate;
  spareEnd: ChartDate | null;
}

function barEnd(c: Component, first: ChartDate): { end: ChartDate; endKind: TimelineComponentRow['endKind'] } {
  if (c.class === 'mechanical') {
    const end = first.day !== null && c.expectedLifeYears !== null ? chartDay(addYears(first.day, c.expectedLifeYears)) : chartDate(null);
    return { end, endKind: 'expected wear-out' };
  }
  if (c.role === 'certificate' && c.securitySupportEnd === null) {
    return { end: chartDate(c.expires), endKind: 'certificate expiry' };
  }
  return { end: chartDate(c.securitySupportEnd), endKind: 'security support end' };
}

function spareApplies(c: Component): boolean {
  return c.sparePartsUntil !== null || c.class === 'mechanical' || c.fieldReplaceable === 'user' || c.fieldReplaceable === 'professional';
}

function makeBar(start: ChartDate, end: ChartDate, domain: [number, number]): TimelineBar {
  const from = start.day ?? domain[0];
  // An end before a known start (bad data) is still drawn where it is, as a zero-length bar.
  const to = end.day ?? domain[1];
  return { start, end, from: Math.min(from, to), to: Math.max(from, to), openStart: start.day === null, openEnd: end.day === null };
}

export function buildProductTimeline(product: Product, input: TimelineInput): ProductTimeline {
  const first = chartDate(product.firstPlacedOnMarket);
  const plan = input.plan && input.plan.productId === product.id ? input.plan : null;
  const blockers = new Map((plan?.blockers ?? []).map((b) => [b.componentId, b]));

  const raw: RawRow[] = product.components.map((c) => {
    const { end, endKind } = barEnd(c, first);
    return { c, group: componentGroup(c), endKind, start: first, end, spareEnd: spareApplies(c) ? chartDate(c.sparePartsUntil) : null };
  });

  const lastCounted = chartDate(lastPlacedCounted(product, input.asOf));
  const lastWear = (c: Component): ChartDate | null =>
    c.class === 'mechanical' && c.expectedLifeYears !== null && lastCounted.day !== null ? chartDay(addYears(lastCounted.day, c.expectedLifeYears)) : null;
  const eff = effectiveSupportEnd(product);
  const mismatchFinding = input.findings.find((f) => f.kind === 'support-ends-before-use' && f.productId === product.id);
  const markers: TimelineMarker[] = [
    {
      id: 'last-placed',
      label: 'Last placed on market',
      date: chartDate(product.lastPlacedOnMarket),
      note: product.lastPlacedOnMarket === null ? 'still on sale' : null,
    },
    { id: 'declared-support-end', label: 'Declared support end', date: chartDate(product.declaredSupportEnd), note: null },
    {
      id: 'effective-support-end',
      label: 'Effective support end',
      date: chartDate(eff.end),
      note: eff.end === null ? null : eff.setBy ? `set by core component ${eff.setBy.component} (${eff.setBy.role})` : 'the declared end',
    },
    { id: 'use-end', label: 'Use end', date: chartDate(plan?.useEnd ?? null), note: null },
    {
      id: 'legal-minimum-end',
      label: 'Legal minimum support end',
      date: chartDate(plan?.legalMinimumEnd ?? null),
      // Without missing data, a planner with no legal minimum means none applies (e.g. placed before the CRA applies).
      note: plan && plan.legalMinimumEnd === null && plan.missing !== undefined && plan.missing.length === 0 ? 'no legal minimum applies' : null,
    },
    { id: 'as-of', label: 'As of', date: chartDate(input.asOf), note: null },
  ];
  for (const m of markers) if (m.date.day === null && m.note === null) m.note = 'unknown';

  let mismatch: TimelineMismatch | null = null;
  if (mismatchFinding) {
    mismatch = {
      from: chartDate(mismatchFinding.dates.supportEnd ?? mismatchFinding.dates.declaredSupportEnd ?? product.declaredSupportEnd),
      to: chartDate(mismatchFinding.dates.useEnd ?? plan?.useEnd ?? null),
      gapDays: mismatchFinding.gapDays,
    };
  }

  const known: number[] = [];
  const push = (d: ChartDate | null) => { if (d && d.day !== null) known.push(d.day); };
  push(first);
  for (const r of raw) { push(r.end); push(r.spareEnd); push(lastWear(r.c)); }
  for (const m of markers) push(m.date);
  if (mismatch) { push(mismatch.from); push(mismatch.to); }
  const anyOpen = raw.some((r) => r.end.day === null || (r.spareEnd !== null && r.spareEnd.day === null)) || first.day === null;
  let lo = Math.min(...known);
  let hi = Math.max(...known);
  lo -= PAD_DAYS;
  hi += anyOpen ? OPEN_DAYS : PAD_DAYS;
  const domain: [number, number] = [lo, hi];

  const rows: TimelineRow[] = [];
  for (const group of TIMELINE_GROUPS) {
    const inGroup = raw.filter((r) => r.group === group);
    if (inGroup.length === 0) continue;
    rows.push({ kind: 'group', key: `group:${group}`, group, label: TIMELINE_GROUP_LABELS[group], count: inGroup.length, continued: false });
    // Components keep the user's order inside a group: the grid and the chart read the same.
    for (const r of inGroup) {
      const b = blockers.get(r.c.id);
      rows.push({
        kind: 'component',
        key: `component:${r.c.id}`,
        componentId: r.c.id,
        name: r.c.name,
        role: r.c.role,
        group,
        endKind: r.endKind,
        bar: makeBar(r.start, r.end, domain),
        lastWearOut: r.start.day !== null ? lastWear(r.c) : null,
        spare: r.spareEnd ? makeBar(r.start, r.spareEnd, domain) : null,
        blocker: b !== undefined,
        shortfallDays: b?.shortfallDays ?? null,
        sources: SOURCE_FIELDS.filter((s) => r.c.sources[s.key]).map((s) => ({ field: s.label, note: r.c.sources[s.key] as string })),
      });
    }
  }

  return {
    productId: product.id,
    productName: product.name,
    asOf: input.asOf,
    firstPlaced: first,
    stillOnSale: product.lastPlacedOnMarket === null,
    rows,
    componentCount: raw.length,
    markers,
    effectiveSupportEnd: chartDate(eff.end),
    effectiveSetBy: eff.setBy ? `${eff.setBy.component} (${eff.setBy.role})` : null,
    mismatch,
    domain,
  };
}
