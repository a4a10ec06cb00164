import { describe, expect, it } from 'vitest';
import { buildFleetExposure, buildProductTimeline, fleetSteps, fleetTicks, type TimelineComponentRow } from '../../../shared/charts';
import { toDay } from '../../../shared/domain/dates';
import { analyzeProduct, forecastFleet, planSupportPeriod } from '../../../shared/engine';
import { AS_OF, line, makeProduct } from './fixtures';

describe('fleet steps', () => {
  const product = makeProduct({ components: [], declaredSupportEnd: '2030-06' });
  const exposure = buildFleetExposure(forecastFleet(product, { asOf: AS_OF }));
  const steps = fleetSteps(exposure);
  const cut = 2030 + (toDay('2030-07-01') - toDay('2030-01-01')) / 365;

  it('draws no unit without support before the support end, and every unit in use after it', () => {
    expect(exposure.supportEnd.label).toBe('2030-06-30');
    for (const s of steps) {
      if (s.x < cut - 1e-9) expect(s.withoutSupport, `x ${s.x}`).toBe(0);
      else expect(s.withoutSupport, `x ${s.x}`).toBeCloseTo(s.unitsInUse, 6);
    }
    // The support year is split where support ends.
    expect(steps.some((s) => Math.abs(s.x - cut) < 1e-9)).toBe(true);
  });

  it('keeps the unit-years: the area under the steps is the sum of the yearly values', () => {
    let area = 0;
    for (let i = 0; i + 1 < steps.length; i++) area += (steps[i + 1]!.x - steps[i]!.x) * (steps[i]!.withoutSupport ?? 0);
    expect(exposure.unitYearsWithout).toBeGreaterThan(0);
    expect(area).toBeCloseTo(exposure.unitYearsWithout as number, 3);
  });

  it('ends the curve and the ticks at the end of the last year', () => {
    const lastYear = exposure.points[exposure.points.length - 1]!.year;
    expect(steps[steps.length - 1]!.x).toBe(lastYear + 1);
    const ticks = fleetTicks(exposure.points[0]!.year, lastYear);
    expect(ticks[ticks.length - 1]).toBe(lastYear + 1);
    expect(ticks.length).toBeLessThanOrEqual(12);
    expect(ticks[0]).toBeGreaterThanOrEqual(exposure.points[0]!.year);
    expect(fleetTicks(2024, 2026)).toEqual([2024, 2025, 2026, 2027]);
  });

  it('leaves the split unknown when the support end is', () => {
    const unknown = fleetSteps(buildFleetExposure(forecastFleet(makeProduct({ components: [], declaredSupportEnd: null }), { asOf: AS_OF })));
    expect(unknown.every((s) => s.withoutSupport === null)).toBe(true);
  });
});

describe('timeline wear-out', () => {
  it('shows the first unit’s wear-out as the bar end and the last unit’s as the findings count it', () => {
    const p = makeProduct({ components: [{ id: 'relay', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 8, fieldReplaceable: 'no' }] });
    const opts = { asOf: AS_OF };
    const findings = analyzeProduct(p, line, opts);
    const t = buildProductTimeline(p, { asOf: AS_OF, plan: planSupportPeriod(p, line, opts), findings });
    const row = t.rows.find((r): r is TimelineComponentRow => r.kind === 'component' && r.componentId === 'relay');
    expect(row?.bar.end.label).toBe('2032-01-15');
    expect(row?.lastWearOut?.label).toBe('2034-12-31');
    const wear = findings.find((f) => f.componentId === 'relay' && f.dates.wearOut);
    expect(wear?.dates.wearOut).toBe(row?.lastWearOut?.label);
    // IT components have no wear-out.
    expect(t.rows.filter((r): r is TimelineComponentRow => r.kind === 'component' && r.group !== 'mechanical').every((r) => r.lastWearOut === null)).toBe(true);
  });

  it('counts a product still on sale from the as-of date', () => {
    const p = makeProduct({ lastPlacedOnMarket: null, components: [{ id: 'relay', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 8, fieldReplaceable: 'no' }] });
    const t = buildProductTimeline(p, { asOf: AS_OF, plan: null, findings: [] });
    const row = t.rows.find((r): r is TimelineComponentRow => r.kind === 'component');
    expect(row?.lastWearOut?.label).toBe('2034-03-01');
  });
});
