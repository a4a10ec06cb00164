/**
 * One effective support end in every view: a declared end of 2041-12 and a
 * core kernel ending 2033-12 give 2033-12-31 in the findings, the planner, the
 * forecast and each chart builder, and a what-if moves it the same way in all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFleetExposure, buildGapChart, buildProductTimeline, planWhatIf } from '../../../shared/charts';
import { componentSchema, dayToIso, productSchema, toDay } from '../../../shared/domain';
import type { Product } from '../../../shared/domain';
import {
  DEFAULT_RULE_PACKS, analyzePortfolio, analyzeProduct, effectiveSupportEnd, forecastFleet, planSupportPeriod, productAnalysis, useEnd,
} from '../../../shared/engine';
import type { Finding } from '../../../shared/engine';
import { AS_OF, LINE, comp, ofKind, product } from './fixtures';

const kernel = (end: string | null) => comp({ id: 'kernel', name: 'Linux kernel', class: 'it', role: 'os', supplier: 'CIP', core: true, securitySupportEnd: end, updateMechanism: 'ota' });
// Last placed 2028-06-30, 12 years of use: use end 2040-06-30; declared end 2041-12-31.
const gateway = (kernelEnd: string | null = '2033-12', overrides: Partial<Product> = {}) =>
  product({ category: 'gateway', expectedUseYears: 12, declaredSupportEnd: '2041-12', ...overrides }, [kernel(kernelEnd)]);
const opts = { asOf: AS_OF };

describe('the effective support end', () => {
  it('is the earliest of the declared end and the core IT components, with the component that sets it', () => {
    expect(effectiveSupportEnd(gateway())).toEqual({
      end: '2033-12-31', declared: '2041-12-31', uncounted: [],
      setBy: { componentId: 'kernel', component: 'Linux kernel', role: 'os', securitySupportEnd: '2033-12-31' },
    });
    expect(effectiveSupportEnd(gateway('2045-01'))).toMatchObject({ end: '2041-12-31', setBy: null });
    expect(effectiveSupportEnd(gateway(null))).toMatchObject({ end: '2041-12-31', uncounted: ['Linux kernel'] });
    expect(effectiveSupportEnd(gateway('2033-12', { declaredSupportEnd: null }))).toMatchObject({ end: null, declared: null });
    // Not core, a certificate, or mechanical: not counted.
    const others = product({ declaredSupportEnd: '2041-12' }, [
      comp({ id: 'a', name: 'Lib', class: 'it', role: 'crypto', core: false, securitySupportEnd: '2030-01' }),
      comp({ id: 'b', name: 'Cert', class: 'it', role: 'certificate', core: true, securitySupportEnd: '2030-01' }),
    ]);
    expect(effectiveSupportEnd(others).end).toBe('2041-12-31');
  });

  it('findings: support ends before use counts from it and names the component', () => {
    const [f] = ofKind(analyzeProduct(gateway(), LINE, opts), 'support-ends-before-use');
    expect(f).toMatchObject({ gapDays: toDay('2040-06-30') - toDay('2033-12-31'), dates: { supportEnd: '2033-12-31', declaredSupportEnd: '2041-12-31', useEnd: '2040-06-30' } });
    expect(f!.message).toMatch(/effectively ends 2033-12-31, when core component Linux kernel \(os\) loses support \(declared end 2041-12-31\)/);
    expect(ofKind(analyzeProduct(gateway('2045-01'), LINE, opts), 'support-ends-before-use')).toEqual([]);
    expect(productAnalysis(gateway(), LINE, opts).effectiveSupportEnd.end).toBe('2033-12-31');
    expect(analyzePortfolio({ lines: [LINE], products: [gateway()], decisions: [] }, opts).products[0]!.effectiveSupportEnd).toMatchObject({ end: '2033-12-31', declared: '2041-12-31' });
  });

  it('planner: "meets the plan" only when the effective end does; the declared end is still shown', () => {
    const plan = planSupportPeriod(gateway(), LINE, opts);
    expect(plan.declaredSupportEnd).toBe('2041-12-31');
    expect(plan.recommendedEarliestEnd).toBe('2040-06-30');
    expect(plan.effectiveSupportEnd).toMatchObject({ end: '2033-12-31', setBy: { component: 'Linux kernel' } });
    expect(plan.meetsPlan).toBe(false);
    expect(plan.blockers.map((b) => b.component)).toEqual(['Linux kernel']);
    expect(planSupportPeriod(gateway('2045-01'), LINE, opts).meetsPlan).toBe(true);
  });

  it('timeline: the unsupported stretch starts at the effective end, and the marker names the component', () => {
    const p = gateway();
    const t = buildProductTimeline(p, { asOf: AS_OF, plan: planSupportPeriod(p, LINE, opts), findings: analyzeProduct(p, LINE, opts) });
    expect(t.mismatch).toMatchObject({ from: { label: '2033-12-31' }, to: { label: '2040-06-30' } });
    expect(t.markers.find((m) => m.id === 'declared-support-end')?.date.label).toBe('2041-12');
    expect(t.markers.find((m) => m.id === 'effective-support-end')).toMatchObject({ date: { label: '2033-12-31' }, note: 'set by core component Linux kernel (os)' });
  });

  it('forecast and fleet chart: units in use after the effective end, the same with or without a what-if', () => {
    const p = gateway();
    const f = forecastFleet(p, opts);
    expect(f.supportEnd).toBe('2033-12-31');
    expect(f.supportEndBasis).toBe('effective');
    expect(f.years.find((y) => y.year === 2033)!.unitsWithoutSupport).toBe(0);
    expect(f.years.find((y) => y.year === 2034)!.unitsWithoutSupport).toBeGreaterThan(0);
    // Extending the declared end cannot move past the kernel: the what-if curve keeps 2033-12-31.
    const extend = planWhatIf(p, { kind: 'extend', months: 24 });
    expect(extend.whatIfOverride).toBe('2033-12-31');
    const exposure = buildFleetExposure(forecastFleet(p, opts), forecastFleet(p, { ...opts, supportEndOverride: extend.whatIfOverride ?? null }));
    expect(exposure.supportEnd.label).toBe('2033-12-31');
    expect(exposure.whatIfUnitYearsWithout).toBeCloseTo(exposure.unitYearsWithout!, 6);
    // Swapping the kernel for one supported to 2045 lets the declared end govern, in the forecast as in the planner.
    const swap = planWhatIf(p, { kind: 'swap', componentId: 'kernel', securitySupportEnd: '2045-01' });
    expect(swap.whatIfOverride).toBe('2041-12-31');
    const swapped = { ...p, components: [kernel('2045-01')] };
    expect(forecastFleet(swapped, opts).supportEnd).toBe(swap.whatIfOverride);
    expect(planSupportPeriod(swapped, LINE, opts).effectiveSupportEnd.end).toBe(swap.whatIfOverride);
  });

  it('portfolio gap: the gap column counts from the effective end, with the declared end beside it', () => {
    const p = gateway();
    const analysis = analyzePortfolio({ lines: [LINE], products: [p], decisions: [] }, opts);
    const chart = buildGapChart({ products: [p], lines: [LINE], findings: analysis.findings, useEndOf: (q) => useEnd(q, AS_OF) });
    expect(chart.entries[0]).toMatchObject({ supportEnd: { label: '2033-12-31' }, declaredSupportEnd: { label: '2041-12' }, setBy: 'Linux kernel', gapDays: toDay('2033-12-31') - toDay('2040-06-30') });
  });

  it('with no declared end the forecast shows units without support as unknown, not zero', () => {
    const f = forecastFleet(gateway('2033-12', { declaredSupportEnd: null }), opts);
    expect(f.supportEnd).toBeNull();
    expect(f.years.length).toBeGreaterThan(0);
    expect(f.years.every((y) => y.unitsWithoutSupport === null)).toBe(true);
    const exposure = buildFleetExposure(f);
    expect(exposure.unitYearsWithout).toBeNull();
    expect(exposure.points.every((pt) => pt.withoutSupport === null && pt.supported === null)).toBe(true);
  });
});

describe('products still on sale: the planned end of sale', () => {
  const onSale = (planned: string | null) => gateway('2045-01', { lastPlacedOnMarket: null, plannedLastPlaced: planned });

  it('the planner counts from the planned end of sale and says so', () => {
    const plan = planSupportPeriod(onSale('2029-06'), LINE, opts);
    expect(plan).toMatchObject({ lastPlacedOnMarket: '2029-06-30', lastPlacedBasis: 'planned-end-of-sale', useEnd: '2041-06-30', legalMinimumEnd: '2034-06-30' });
    expect(plan.requirements.find((r) => r.id === 'use-end')!.label).toMatch(/planned end of sale 2029-06-30/);
    expect(plan.requirements.find((r) => r.id === 'cra-minimum')!.label).toMatch(/planned end of sale 2029-06-30 \+ 5 years/);
  });

  it('without one, sales stop on the as-of date, and the result says that', () => {
    expect(planSupportPeriod(onSale(null), LINE, opts)).toMatchObject({ lastPlacedOnMarket: AS_OF, lastPlacedBasis: 'as-of' });
    // A planned end already past is not a plan any more.
    expect(planSupportPeriod(onSale('2025-01'), LINE, opts).lastPlacedBasis).toBe('as-of');
  });

  it('the forecast places units until the planned end of sale', () => {
    const f = forecastFleet(onSale('2029-06'), opts);
    expect(f).toMatchObject({ lastPlacedOnMarket: '2029-06-30', lastPlacedBasis: 'planned-end-of-sale' });
    expect(f.years.find((y) => y.year === 2029)!.unitsPlaced).toBeGreaterThan(0);
    expect(f.years.find((y) => y.year === 2030)!.unitsPlaced).toBe(0);
    expect(forecastFleet(onSale(null), opts).years.find((y) => y.year === 2027)!.unitsPlaced).toBe(0);
  });

  it('is ignored once the product has a last placing', () => {
    expect(planSupportPeriod(gateway('2045-01', { plannedLastPlaced: '2031-01' }), LINE, opts).lastPlacedBasis).toBe('last-placed');
  });
});

describe('smartphones and tablets: operating-system updates (EU 2023/1670)', () => {
  it('the planner requires 5 years of OS updates after the end of placing on the market', () => {
    const phone = product({ category: 'smartphone', markets: ['EU'], firstPlacedOnMarket: '2025-09-01', lastPlacedOnMarket: '2027-06-30', expectedUseYears: 4, declaredSupportEnd: '2031-06' }, []);
    const plan = planSupportPeriod(phone, LINE, opts);
    const os = plan.requirements.find((r) => r.id === 'os-update-minimum')!;
    expect(os).toMatchObject({ end: '2032-06-30', provisions: ['EU 2023/1670 Annex II'] });
    // The OS minimum (2032-06-30) is later than the use end and the CRA minimum of 4 years: it sets the plan.
    expect(plan.recommendedEarliestEnd).toBe('2032-06-30');
    expect(plan.meetsPlan).toBe(false);
    expect(planSupportPeriod({ ...phone, category: 'tablet' }, LINE, opts).requirements.some((r) => r.id === 'os-update-minimum')).toBe(true);
    expect(planSupportPeriod({ ...phone, category: 'thermostat' }, LINE, opts).requirements.some((r) => r.id === 'os-update-minimum')).toBe(false);
    expect(planSupportPeriod({ ...phone, markets: ['US'] }, LINE, opts).requirements.some((r) => r.id === 'os-update-minimum')).toBe(false);
  });
});

describe('rules that did not apply, in the planner', () => {
  it('lists them with the excluding provision', () => {
    const plan = planSupportPeriod(gateway('2045-01', { sectorRegulation: 'mdr' }), LINE, opts);
    expect(plan.requirements.some((r) => r.id === 'cra-minimum')).toBe(false);
    expect(plan.notApplied.map((n) => n.provision)).toEqual(['EU 2024/2847 Art 2(2)(a)', 'UK SI 2023/1007 Sch 3']);
  });
});

// --- properties -----------------------------------------------------------

const lifecycleDate = fc.integer({ min: toDay('2018-01-01'), max: toDay('2045-12-31') }).map(dayToIso);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const componentArb = fc.record({
  class: fc.constantFrom('it', 'mechanical'),
  role: fc.constantFrom('os', 'firmware', 'cloud', 'mobile-app', 'gateway', 'certificate', 'door-seal', 'hinge', 'spray-arm', 'filter', 'thermostat', 'power-supply', 'display-panel', 'battery', 'pump', 'other'),
  core: maybe(fc.boolean()),
  securitySupportEnd: maybe(lifecycleDate),
  expectedLifeYears: maybe(fc.integer({ min: 1, max: 20 })),
  fieldReplaceable: maybe(fc.constantFrom('user', 'professional', 'no')),
  sparePartsUntil: maybe(lifecycleDate),
  repairDocs: maybe(fc.boolean()),
  updateMechanism: maybe(fc.constantFrom('ota', 'local', 'none')),
  onShutdown: maybe(fc.constantFrom('keeps-working', 'loses-remote', 'stops-working')),
});
const productArb = fc.record({
  category: fc.constantFrom('smartphone', 'dishwasher', 'refrigerator', 'washing-machine', 'display', 'thermostat', 'gateway'),
  markets: fc.uniqueArray(fc.constantFrom('EU', 'DE', 'FR', 'EL', 'UK', 'GB', 'NO', 'US', 'XX'), { maxLength: 5 }),
  firstPlacedOnMarket: maybe(lifecycleDate),
  lastPlacedOnMarket: maybe(lifecycleDate),
  plannedLastPlaced: maybe(lifecycleDate),
  expectedUseYears: maybe(fc.integer({ min: 1, max: 20 })),
  declaredSupportEnd: maybe(lifecycleDate),
  soldToConsumers: maybe(fc.constantFrom('yes', 'no')),
  sectorRegulation: maybe(fc.constantFrom('mdr', 'ivdr', 'vehicles', 'aviation', 'marine')),
  components: fc.array(componentArb, { maxLength: 5 }),
}).map((p) => productSchema.parse({
  ...p, id: 'p', lineId: LINE.id, name: 'Product',
  lastPlacedOnMarket: p.firstPlacedOnMarket !== null && p.lastPlacedOnMarket !== null && p.lastPlacedOnMarket < p.firstPlacedOnMarket ? p.firstPlacedOnMarket : p.lastPlacedOnMarket,
  components: p.components.map((c, i) => componentSchema.parse({ ...c, id: `c${i}`, name: `Component ${i}` })),
}));
const asOf = fc.integer({ min: toDay('2022-01-01'), max: toDay('2032-12-31') }).map(dayToIso);
const lineArb = fc.constantFrom('consumer', 'enterprise', 'industrial', 'medical').map((environment) => ({ ...LINE, environment }) as typeof LINE);

/** The provisions of each market's law, from the packs themselves. */
const LAW_OF: Record<'EU' | 'UK', Set<string>> = { EU: new Set(), UK: new Set() };
for (const pack of DEFAULT_RULE_PACKS) for (const m of pack.markets) if (m === 'EU' || m === 'UK') for (const p of pack.provisions) LAW_OF[m].add(p.id);
const citesLaw = (f: Finding, law: 'EU' | 'UK') => f.provisions.some((p) => LAW_OF[law].has(p));
const lawOfCode = (code: string): 'EU' | 'UK' | null => (['EU', 'DE', 'FR', 'EL'].includes(code) ? 'EU' : ['UK', 'GB'].includes(code) ? 'UK' : null);
const severityRank = { high: 0, medium: 1, low: 2 } as const;

describe('properties', () => {
  it("removing a market never adds a finding of that market's law", () => {
    fc.assert(fc.property(productArb, lineArb, asOf, (p, l, a) => {
      fc.pre(p.markets.length > 0);
      const before = analyzeProduct(p, l, { asOf: a });
      for (const m of p.markets) {
        const law = lawOfCode(m);
        if (law === null) continue;
        const after = analyzeProduct({ ...p, markets: p.markets.filter((x) => x !== m) }, l, { asOf: a });
        const had = new Set(before.filter((f) => citesLaw(f, law)).map((f) => f.key));
        for (const f of after) if (citesLaw(f, law)) expect(had.has(f.key), `${f.key} after removing ${m}`).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('marking a listed part not replaceable never lowers the severity of any finding on it', () => {
    fc.assert(fc.property(productArb, lineArb, asOf, fc.constantFrom('user', 'professional', null), (p, l, a, from) => {
      fc.pre(p.components.length > 0);
      const c = p.components[0]!;
      const worst = (q: Product) => {
        const on = analyzeProduct(q, l, { asOf: a }).filter((f) => f.componentId === c.id && f.kind !== 'missing-data');
        return on.length === 0 ? 3 : Math.min(...on.map((f) => severityRank[f.severity]));
      };
      const set = (fr: typeof from | 'no') => ({ ...p, components: [{ ...c, fieldReplaceable: fr }, ...p.components.slice(1)] });
      const analysisOf = (q: Product) => analyzeProduct(q, l, { asOf: a }).filter((f) => f.componentId === c.id);
      const listedBefore = analysisOf(set(from)).some((f) => f.kind === 'legal-min-spares' && !f.key.endsWith(':policy'));
      if (!listedBefore) return;
      expect(worst(set('no'))).toBeLessThanOrEqual(worst(set(from)));
      expect(analysisOf(set('no')).some((f) => f.kind === 'legal-min-spares' && f.severity === 'high')).toBe(true);
    }), { numRuns: 400 });
  });

  it('the effective end is never after the declared end, in the engine and every view', () => {
    fc.assert(fc.property(productArb, asOf, (p, a) => {
      const e = effectiveSupportEnd(p);
      if (p.declaredSupportEnd === null) expect(e.end).toBeNull();
      else expect(toDay(e.end!)).toBeLessThanOrEqual(toDay(p.declaredSupportEnd));
      const plan = planSupportPeriod(p, LINE, { asOf: a });
      expect(plan.effectiveSupportEnd.end).toBe(e.end);
      expect(forecastFleet(p, { asOf: a }).supportEnd).toBe(e.end);
      if (plan.meetsPlan === true) expect(toDay(e.end!)).toBeGreaterThanOrEqual(toDay(plan.recommendedEarliestEnd!));
    }), { numRuns: 300 });
  });
});
