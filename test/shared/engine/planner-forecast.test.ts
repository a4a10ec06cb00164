import { describe, expect, it } from 'vitest';
import { forecastFleet, planSupportPeriod, weibullScaleForMedian, weibullSurvival } from '../../../shared/engine';
import { AS_OF, LINE, comp, product } from './fixtures';

describe('planSupportPeriod', () => {
  it('recommends the use end when it is the latest requirement, and lists each requirement', () => {
    const plan = planSupportPeriod(product(), LINE, { asOf: AS_OF });
    expect(plan).toMatchObject({
      productId: 'thermo', asOf: AS_OF, useEnd: '2036-06-30', legalMinimumEnd: '2033-06-30', policyMinimumEnd: null,
      recommendedEarliestEnd: '2036-06-30', declaredSupportEnd: '2036-12-31', meetsPlan: true, blockers: [], missing: [],
    });
    expect(plan.requirements.map((r) => [r.id, r.end])).toEqual([['use-end', '2036-06-30'], ['cra-minimum', '2033-06-30']]);
    expect(plan.requirements[1]!.provisions).toEqual(['EU 2024/2847 Art 13(8)']);
  });

  it('a stricter policy moves the end and turns a component into a blocker', () => {
    const plan = planSupportPeriod(product(), LINE, { asOf: AS_OF, policy: { minSupportYears: 10 } });
    expect(plan.recommendedEarliestEnd).toBe('2038-06-30');
    expect(plan.meetsPlan).toBe(false);
    expect(plan.blockers).toEqual([{ componentId: 'fw', component: 'Firmware', role: 'firmware', securitySupportEnd: '2037-12-31', shortfallDays: 181 }]);
    expect(plan.requirements.at(-1)!.provisions[0]).toMatch(/^Organisation policy/);
  });

  it('a product still on sale before the CRA applies is owed the minimum from 2027-12-11', () => {
    const plan = planSupportPeriod(product({ lastPlacedOnMarket: null, expectedUseYears: 4, markets: ['EU'] }), LINE, { asOf: AS_OF });
    expect(plan.useEnd).toBe('2030-01-15');
    expect(plan.legalMinimumEnd).toBe('2031-12-11');
    expect(plan.recommendedEarliestEnd).toBe('2031-12-11');
  });

  it('says what is missing instead of recommending', () => {
    const p = product({ expectedUseYears: null }, [
      comp({ id: 'os', name: 'OS', class: 'it', role: 'os', core: true }),
      comp({ id: 'radio', name: 'Radio', class: 'it', role: 'radio', core: null, securitySupportEnd: '2030-01' }),
    ]);
    const plan = planSupportPeriod(p, LINE, { asOf: AS_OF });
    expect(plan.recommendedEarliestEnd).toBeNull();
    expect(plan.meetsPlan).toBeNull();
    expect(plan.blockers).toEqual([{ componentId: 'os', component: 'OS', role: 'os', securitySupportEnd: null, shortfallDays: null }]);
    expect(plan.missing).toEqual([
      'product: expected use in years (product.expectedUseYears)',
      'component OS: security-support end (component.securitySupportEnd)',
      'component Radio: core function yes/no (component.core)',
    ]);
  });
});

/** Closed form of the model: with the median at the expected use U, S(t) = 2^-(t/U)^3. */
const S = (t: number, use: number) => Math.pow(2, -Math.pow(t / use, 3));

describe('forecastFleet', () => {
  it('Weibull scale puts the median at the expected use', () => {
    const scale = weibullScaleForMedian(10);
    expect(weibullSurvival(10, scale)).toBeCloseTo(0.5, 12);
    expect(weibullSurvival(0, scale)).toBe(1);
    expect(weibullSurvival(20, scale)).toBeCloseTo(1 / 256, 12);
  });

  it('one full-year cohort: half the units are left at the end of the year when its age equals the median', () => {
    const p = product({ firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31', expectedUseYears: 10.5, unitsPerYear: 1000, declaredSupportEnd: '2030-06-30' });
    const fc = forecastFleet(p, { asOf: AS_OF });
    expect(fc.model).toEqual({ kind: 'weibull', shape: 3, scaleYears: weibullScaleForMedian(10.5) });
    expect(fc.years[0]).toMatchObject({ year: 2020, unitsPlaced: 1000 });
    expect(fc.years[0]!.unitsInUse).toBeCloseTo(1000 * S(0.5, 10.5), 9);
    const y2030 = fc.years.find((y) => y.year === 2030)!;
    expect(y2030.unitsInUse).toBeCloseTo(500, 9);
    // Support ends 2030-06-30: 184 of 365 days of 2030 are without support.
    expect(y2030.unitsWithoutSupport).toBeCloseTo(500 * 184 / 365, 9);
    expect(fc.years.find((y) => y.year === 2029)!.unitsWithoutSupport).toBe(0);
    const y2031 = fc.years.find((y) => y.year === 2031)!;
    expect(y2031.unitsWithoutSupport).toBe(y2031.unitsInUse);
    // Default horizon: last year placed + 2 x expected use, rounded up.
    expect(fc.years.at(-1)!.year).toBe(2020 + 21);
    expect(fc.missing).toEqual([]);
  });

  it('pro-rates partial first and last years and places each cohort mid-interval', () => {
    const p = product({ firstPlacedOnMarket: '2020-07-01', lastPlacedOnMarket: '2021-06-30', expectedUseYears: 6, unitsPerYear: 3650 });
    const fc = forecastFleet(p, { asOf: AS_OF, fromYear: 2020, toYear: 2025 });
    const a = (3650 * 184) / 366; // 2020 is a leap year: 1 Jul - 31 Dec
    const b = (3650 * 181) / 365; // 1 Jan - 30 Jun 2021
    const midA = (2020 + 182 / 366 + 2021) / 2;
    const midB = 2021 + 181 / 365 / 2;
    expect(fc.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(fc.years[0]!.unitsPlaced).toBeCloseTo(a, 9);
    expect(fc.years[1]!.unitsPlaced).toBeCloseTo(b, 9);
    expect(fc.years[2]!.unitsPlaced).toBe(0);
    expect(fc.years[5]!.unitsInUse).toBeCloseTo(a * S(2026 - midA, 6) + b * S(2026 - midB, 6), 9);
    expect(fc.years[5]!.unitsWithoutSupport).toBe(0); // declared support end 2036-12
  });

  it('a product still on sale is placed up to the as-of date', () => {
    const p = product({ firstPlacedOnMarket: '2025-01-01', lastPlacedOnMarket: null, unitsPerYear: 365 });
    const fc = forecastFleet(p, { asOf: '2026-01-15', toYear: 2026 });
    expect(fc.years.map((y) => y.unitsPlaced)).toEqual([365, 15]);
  });

  it('a what-if support end, and no support end at all', () => {
    const p = product({ firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31', expectedUseYears: 10, unitsPerYear: 100 });
    const early = forecastFleet(p, { asOf: AS_OF, supportEndOverride: '2025-12' });
    expect(early.supportEnd).toBe('2025-12-31');
    expect(early.years.find((y) => y.year === 2025)!.unitsWithoutSupport).toBe(0);
    expect(early.years.find((y) => y.year === 2026)!.unitsWithoutSupport).toBeGreaterThan(0);
    const none = forecastFleet(p, { asOf: AS_OF, supportEndOverride: null });
    expect(none.supportEnd).toBeNull();
    expect(none.missing).toEqual(['product.declaredSupportEnd']);
  });

  it('returns no years, and says why, when placing or use data is missing', () => {
    const fc = forecastFleet(product({ unitsPerYear: null, firstPlacedOnMarket: null }), { asOf: AS_OF });
    expect(fc.years).toEqual([]);
    expect(fc.missing).toEqual(['product.unitsPerYear', 'product.firstPlacedOnMarket']);
  });
});
