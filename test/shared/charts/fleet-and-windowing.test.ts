import { describe, expect, it } from 'vitest';
import {
  buildFleetExposure, effectiveSupportEnd, extendLifecycleDate, planWhatIf, timelineLayout, timelinePage, windowRows,
  buildProductTimeline, TIMELINE_PAGE_SIZE, type ChartFleetForecast,
} from '../../../shared/charts';
import { forecastFleet, planSupportPeriod, analyzeProduct } from '../../../shared/engine';
import { AS_OF, line, makeProduct } from './fixtures';
import type { Component } from '../../../shared/domain';

describe('buildFleetExposure', () => {
  const cur: ChartFleetForecast = { productId: 'p', supportEnd: '2030-06', years: [
    { year: 2030, unitsPlaced: 0, unitsInUse: 100, unitsWithoutSupport: 0 },
    { year: 2031, unitsPlaced: 0, unitsInUse: 90, unitsWithoutSupport: 90 },
  ] };
  it('splits units in use into supported + without support', () => {
    const f = buildFleetExposure(cur);
    expect(f.points).toEqual([
      { year: 2030, unitsInUse: 100, supported: 100, withoutSupport: 0, whatIfSupported: null, whatIfWithoutSupport: null },
      { year: 2031, unitsInUse: 90, supported: 0, withoutSupport: 90, whatIfSupported: null, whatIfWithoutSupport: null },
    ]);
    expect(f.unitYearsWithout).toBe(90);
    expect(f.whatIfUnitYearsWithout).toBeNull();
    expect(f.supportEnd.label).toBe('2030-06');
    expect(f.hasUnits).toBe(true);
  });
  it('keeps both series when a what-if is given, over the union of years', () => {
    const alt: ChartFleetForecast = { productId: 'p', supportEnd: '2031-12-31', years: [
      { year: 2031, unitsPlaced: 0, unitsInUse: 90, unitsWithoutSupport: 0 },
      { year: 2032, unitsPlaced: 0, unitsInUse: 70, unitsWithoutSupport: 70 },
    ] };
    const f = buildFleetExposure(cur, alt);
    expect(f.points.map((p) => [p.year, p.withoutSupport, p.whatIfWithoutSupport])).toEqual([[2030, 0, 0], [2031, 90, 0], [2032, 0, 70]]);
    expect(f.whatIfUnitYearsWithout).toBe(70);
    expect(f.whatIfSupportEnd?.label).toBe('2031-12-31');
  });
  it('says when there is no fleet', () => {
    expect(buildFleetExposure({ productId: 'p', supportEnd: null, years: [] }).hasUnits).toBe(false);
  });
});

describe('what-if', () => {
  it('extends a month-precision end to the end of the target month', () => {
    expect(extendLifecycleDate('2030-06', 8)).toBe('2031-02-28');
    expect(extendLifecycleDate('2030-01-31', 1)).toBe('2030-02-28');
    expect(extendLifecycleDate('2030-06-15', 12)).toBe('2031-06-15');
    expect(() => extendLifecycleDate('2030-6', 1)).toThrow(/not a date/);
  });

  it('extend: the what-if support end is the effective end of the declared end plus N months', () => {
    const unbounded = makeProduct({ components: [] });
    expect(planWhatIf(unbounded, { kind: 'extend', months: 24 })).toEqual({ currentOverride: undefined, whatIfOverride: '2032-06-30', reason: null });
    // The core SoC (2028-03) keeps bounding the effective end however far the declared end moves.
    expect(planWhatIf(makeProduct(), { kind: 'extend', months: 24 })).toMatchObject({ currentOverride: undefined, whatIfOverride: '2028-03-31', reason: expect.stringMatching(/set by core component SoC/) });
    expect(planWhatIf(makeProduct({ declaredSupportEnd: null }), { kind: 'extend', months: 24 })).toMatchObject({ whatIfOverride: undefined, reason: expect.stringMatching(/unknown/) });
    expect(planWhatIf(makeProduct(), { kind: 'extend', months: 1.5 }).whatIfOverride).toBeUndefined();
  });

  it('swap: the fleet is only as supported as its weakest core IT component', () => {
    const p = makeProduct();
    // SoC (2028-03) bounds the declared 2030-06; the cloud's end is unknown and reported as not counted.
    expect(effectiveSupportEnd(p)).toEqual({ end: '2028-03-31', uncounted: ['Cloud backend'] });
    const plan = planWhatIf(p, { kind: 'swap', componentId: 'soc', securitySupportEnd: '2035-12' });
    // The current curve is the engine's own, which already counts from the effective end.
    expect(plan.currentOverride).toBeUndefined();
    expect(forecastFleet(p, { asOf: AS_OF }).supportEnd).toBe('2028-03-31');
    expect(plan.whatIfOverride).toBe('2030-06-30');
    expect(plan.reason).toMatch(/Cloud backend/);
    expect(planWhatIf(p, { kind: 'swap', componentId: 'soc', securitySupportEnd: '2035-13' })).toMatchObject({ whatIfOverride: undefined, reason: expect.stringMatching(/month 13/) });
    expect(planWhatIf(p, { kind: 'swap', componentId: 'nope', securitySupportEnd: '2035-12' }).reason).toMatch(/not part of/);
    expect(planWhatIf(p, { kind: 'swap', componentId: 'relay', securitySupportEnd: '2035-12' }).reason).toMatch(/not a core IT component/);
  });

  it('with the engine: extending support never increases the units without support', () => {
    const p = makeProduct({ components: [] });
    const current = forecastFleet(p, { asOf: AS_OF });
    const plan = planWhatIf(p, { kind: 'extend', months: 36 });
    const alt = forecastFleet(p, { asOf: AS_OF, supportEndOverride: plan.whatIfOverride ?? null });
    const f = buildFleetExposure(current, alt);
    expect(f.unitYearsWithout).toBeGreaterThan(0);
    expect(f.whatIfUnitYearsWithout as number).toBeLessThan(f.unitYearsWithout as number);
    for (const pt of f.points) expect(pt.whatIfWithoutSupport as number).toBeLessThanOrEqual((pt.withoutSupport as number) + 1e-9);
    // Bounded by a core component, the extension changes nothing, in the same way in every view.
    const bounded = makeProduct();
    const bPlan = planWhatIf(bounded, { kind: 'extend', months: 36 });
    const b = buildFleetExposure(forecastFleet(bounded, { asOf: AS_OF }), forecastFleet(bounded, { asOf: AS_OF, supportEndOverride: bPlan.whatIfOverride ?? null }));
    expect(b.whatIfUnitYearsWithout).toBeCloseTo(b.unitYearsWithout as number, 6);
  });
});

describe('windowing', () => {
  const rows = Array.from({ length: 95 }, (_, i) => i);
  it('pages rows and clamps out-of-range pages', () => {
    expect(windowRows(rows, 0, 40)).toMatchObject({ pageIndex: 0, pageCount: 3, first: 1, last: 40, total: 95 });
    expect(windowRows(rows, 80, 40)).toMatchObject({ pageIndex: 2, first: 81, last: 95 });
    expect(windowRows(rows, 9999, 40).pageIndex).toBe(2);
    expect(windowRows(rows, -5, 40).pageIndex).toBe(0);
    expect(windowRows([], 0, 40)).toMatchObject({ rows: [], first: 0, last: 0, pageCount: 1 });
    expect(() => windowRows(rows, 0, 0)).toThrow(/positive integer/);
  });

  it('pages a 500-component timeline and repeats the group header on continued pages', () => {
    const components: Partial<Component>[] = Array.from({ length: 500 }, (_, i) => (i < 300
      ? { id: `c${i}`, name: `Chip ${i}`, class: 'it', role: 'firmware', securitySupportEnd: '2031-01' }
      : { id: `c${i}`, name: `Part ${i}`, class: 'mechanical', role: 'motor', expectedLifeYears: 12 }));
    const p = makeProduct({ components: components as Component[] });
    const t = buildProductTimeline(p, { asOf: AS_OF, plan: planSupportPeriod(p, line, { asOf: AS_OF }), findings: analyzeProduct(p, line, { asOf: AS_OF }) });
    expect(t.rows).toHaveLength(502);
    const layout = timelineLayout(t.rows.length);
    expect(layout).toMatchObject({ paged: true, pageSize: TIMELINE_PAGE_SIZE, pageCount: Math.ceil(502 / TIMELINE_PAGE_SIZE) });
    expect(timelineLayout(20).paged).toBe(false);
    const second = timelinePage(t.rows, 1);
    expect(second.rows[0]).toMatchObject({ kind: 'group', group: 'it', continued: true });
    expect(second.rows.filter((r) => r.kind === 'component')).toHaveLength(TIMELINE_PAGE_SIZE);
    const all = new Set<string>();
    for (let i = 0; i < layout.pageCount; i++) for (const r of timelinePage(t.rows, i).rows) if (r.kind === 'component') all.add(r.componentId);
    expect(all.size).toBe(500);
  });
});
