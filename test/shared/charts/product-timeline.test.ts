import { describe, expect, it } from 'vitest';
import { buildProductTimeline, chartDate, componentGroup, type TimelineComponentRow } from '../../../shared/charts';
import { toDay, addYears } from '../../../shared/domain/dates';
import { analyzeProduct, planSupportPeriod } from '../../../shared/engine';
import { AS_OF, line, makeProduct } from './fixtures';
import type { Product } from '../../../shared/domain';

function timelineOf(p: Product) {
  const opts = { asOf: AS_OF };
  return buildProductTimeline(p, { asOf: AS_OF, plan: planSupportPeriod(p, line, opts), findings: analyzeProduct(p, line, opts) });
}
const comp = (t: ReturnType<typeof timelineOf>, id: string) =>
  t.rows.find((r): r is TimelineComponentRow => r.kind === 'component' && r.componentId === id) as TimelineComponentRow;

describe('chartDate', () => {
  it('keeps unknown as unknown, never today', () => {
    expect(chartDate(null)).toEqual({ text: null, day: null, precision: null, label: 'unknown' });
    expect(chartDate('')).toMatchObject({ day: null, label: 'unknown' });
  });
  it('puts a month-precision date at the end of its month with a YYYY-MM label', () => {
    expect(chartDate('2028-02')).toEqual({ text: '2028-02', day: toDay('2028-02-29'), precision: 'month', label: '2028-02' });
  });
  it('shows an invalid stored date as invalid, not as a date', () => {
    expect(chartDate('2028-13-01')).toMatchObject({ day: null, label: 'invalid date "2028-13-01"' });
  });
});

describe('buildProductTimeline', () => {
  it('groups components IT / ecosystem / mechanical, in that order, with headers', () => {
    const t = timelineOf(makeProduct());
    expect(t.rows.map((r) => (r.kind === 'group' ? `#${r.group}` : r.componentId))).toEqual(['#it', 'fw', 'soc', '#ecosystem', 'cloud', '#mechanical', 'relay', 'bat']);
    expect(componentGroup({ class: 'it', role: 'mobile-app' })).toBe('ecosystem');
    expect(componentGroup({ class: 'it', role: 'gateway' })).toBe('ecosystem');
    expect(componentGroup({ class: 'mechanical', role: 'battery' })).toBe('mechanical');
    expect(t.componentCount).toBe(5);
  });

  it('runs IT bars to the security support end and mechanical bars to first placed + expected life', () => {
    const t = timelineOf(makeProduct());
    const fw = comp(t, 'fw');
    expect(fw.bar.from).toBe(toDay('2024-01-15'));
    expect(fw.bar.to).toBe(toDay('2031-12-31'));
    expect(fw.endKind).toBe('security support end');
    const relay = comp(t, 'relay');
    expect(relay.endKind).toBe('expected wear-out');
    expect(relay.bar.end.day).toBe(addYears(toDay('2024-01-15'), 15));
    expect(relay.bar.end.label).toBe('2039-01-15');
  });

  it('renders a month-precision end at the end of the month, labelled YYYY-MM', () => {
    const soc = comp(timelineOf(makeProduct()), 'soc');
    expect(soc.bar.end.label).toBe('2028-03');
    expect(soc.bar.to).toBe(toDay('2028-03-31'));
    const decl = timelineOf(makeProduct()).markers.find((m) => m.id === 'declared-support-end');
    expect(decl?.date).toMatchObject({ label: '2030-06', day: toDay('2030-06-30'), precision: 'month' });
  });

  it('draws an unknown end as open to the edge of the chart, labelled unknown, not at the as-of date', () => {
    const t = timelineOf(makeProduct());
    const cloud = comp(t, 'cloud');
    expect(cloud.bar.openEnd).toBe(true);
    expect(cloud.bar.end.label).toBe('unknown');
    expect(cloud.bar.to).toBe(t.domain[1]);
    expect(cloud.bar.to).not.toBe(toDay(AS_OF));
    // The edge lies beyond every known date, so an open bar never looks like it ends at one.
    expect(t.domain[1]).toBeGreaterThan(toDay('2039-01-15'));
  });

  it('keeps spare parts as their own band; unknown spares of a mechanical part are open, IT without spares has none', () => {
    const t = timelineOf(makeProduct());
    expect(comp(t, 'bat').spare).toMatchObject({ openEnd: false, to: toDay('2033-06-30') });
    expect(comp(t, 'relay').spare).toMatchObject({ openEnd: true });
    expect(comp(t, 'relay').spare?.end.label).toBe('unknown');
    expect(comp(t, 'fw').spare).toBeNull();
  });

  it('marks a product still on sale without drawing a last-placed marker at today', () => {
    const t = timelineOf(makeProduct({ lastPlacedOnMarket: null }));
    expect(t.stillOnSale).toBe(true);
    const last = t.markers.find((m) => m.id === 'last-placed');
    expect(last).toMatchObject({ note: 'still on sale' });
    expect(last?.date.day).toBeNull();
    // The use end then counts from the as-of date (engine's definition).
    expect(t.markers.find((m) => m.id === 'use-end')?.date.label).toBe('2036-03-01');
  });

  it('marks missing marker dates as unknown', () => {
    const t = timelineOf(makeProduct({ declaredSupportEnd: null, expectedUseYears: null }));
    expect(t.markers.find((m) => m.id === 'declared-support-end')).toMatchObject({ note: 'unknown', date: { day: null } });
    expect(t.markers.find((m) => m.id === 'use-end')).toMatchObject({ note: 'unknown', date: { day: null } });
    expect(t.markers.find((m) => m.id === 'as-of')?.date.day).toBe(toDay(AS_OF));
  });

  it('opens every bar at the start when the first placed date is unknown', () => {
    const t = timelineOf(makeProduct({ firstPlacedOnMarket: null }));
    const fw = comp(t, 'fw');
    expect(fw.bar.openStart).toBe(true);
    expect(fw.bar.from).toBe(t.domain[0]);
    expect(fw.bar.to).toBe(toDay('2031-12-31'));
    // Wear-out needs the start: unknown, not computed from today.
    expect(comp(t, 'relay').bar.end.day).toBeNull();
  });

  it('shades the mismatch exactly when the engine reports support-ends-before-use', () => {
    const exposed = makeProduct();
    const kinds = (p: Product) => analyzeProduct(p, line, { asOf: AS_OF }).map((f) => f.kind);
    // A declared end past the use end does not cover it while a core component (SoC 2028-03) ends first.
    const declaredOnly = makeProduct({ declaredSupportEnd: '2037-06' });
    const covered = makeProduct({ declaredSupportEnd: '2037-06', components: [] });
    expect(kinds(exposed)).toContain('support-ends-before-use');
    expect(kinds(declaredOnly)).toContain('support-ends-before-use');
    expect(kinds(covered)).not.toContain('support-ends-before-use');
    // The stretch starts at the effective end (the SoC's), not at the declared 2030-06.
    expect(timelineOf(exposed).mismatch).toMatchObject({ from: { label: '2028-03-31' }, to: { label: '2036-12-31' }, gapDays: toDay('2036-12-31') - toDay('2028-03-31') });
    expect(timelineOf(declaredOnly).mismatch).toMatchObject({ from: { label: '2028-03-31' } });
    expect(timelineOf(covered).mismatch).toBeNull();
    const marker = timelineOf(exposed).markers.find((m) => m.id === 'effective-support-end');
    expect(marker).toMatchObject({ date: { label: '2028-03-31' }, note: 'set by core component SoC (soc)' });
    expect(timelineOf(exposed).effectiveSetBy).toBe('SoC (soc)');
  });

  it('ignores findings and plans of other products', () => {
    const p = makeProduct();
    const other = makeProduct({ id: 'other' });
    const opts = { asOf: AS_OF };
    const t = buildProductTimeline(p, { asOf: AS_OF, plan: planSupportPeriod(other, line, opts), findings: analyzeProduct(other, line, opts) });
    expect(t.mismatch).toBeNull();
    expect(t.rows.some((r) => r.kind === 'component' && r.blocker)).toBe(false);
  });

  it('highlights the components the planner names as blockers, with their shortfall', () => {
    const p = makeProduct();
    const plan = planSupportPeriod(p, line, { asOf: AS_OF });
    const t = timelineOf(p);
    const flagged = t.rows.filter((r): r is TimelineComponentRow => r.kind === 'component' && r.blocker).map((r) => r.componentId).sort();
    expect(flagged).toEqual(plan.blockers.map((b) => b.componentId).sort());
    expect(flagged).toContain('soc');
    expect(comp(t, 'soc').shortfallDays).toBe(plan.blockers.find((b) => b.componentId === 'soc')?.shortfallDays);
    expect(comp(t, 'relay').blocker).toBe(false);
  });

  it('carries source notes for the tooltip', () => {
    expect(comp(timelineOf(makeProduct()), 'fw').sources).toEqual([{ field: 'Security support end', note: 'supplier letter 2024-02' }]);
  });

  it('handles a product without components', () => {
    const t = timelineOf(makeProduct({ components: [] }));
    expect(t.rows).toEqual([]);
    expect(t.domain[0]).toBeLessThan(t.domain[1]);
  });
});
