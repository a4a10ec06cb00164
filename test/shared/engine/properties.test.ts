import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPONENT_CLASSES, FIELD_REPLACEABLE, ROLES, UPDATE_MECHANISMS, addYears, componentSchema, dayToIso, productSchema, toDay } from '../../../shared/domain';
import type { Product } from '../../../shared/domain';
import { analyzePortfolio, analyzeProduct, severityOf } from '../../../shared/engine';
import { LINE } from './fixtures';

const DAY_2015 = toDay('2015-01-01');
const DAY_2045 = toDay('2045-12-31');

const dayDate = fc.integer({ min: DAY_2015, max: DAY_2045 }).map(dayToIso);
const monthDate = fc.tuple(fc.integer({ min: 2015, max: 2045 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const lifecycleDate = fc.oneof(dayDate, monthDate);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const years = fc.integer({ min: 1, max: 40 }).map((n) => n / 2);

const component = fc.record({
  class: fc.constantFrom(...COMPONENT_CLASSES),
  role: fc.constantFrom(...ROLES),
  core: maybe(fc.boolean()),
  securitySupportEnd: maybe(lifecycleDate),
  updateMechanism: maybe(fc.constantFrom(...UPDATE_MECHANISMS)),
  expectedLifeYears: maybe(years),
  fieldReplaceable: maybe(fc.constantFrom(...FIELD_REPLACEABLE)),
  sparePartsUntil: maybe(lifecycleDate),
  repairDocs: maybe(fc.boolean()),
  expires: maybe(lifecycleDate),
});

const productArb = fc.record({
  category: fc.constantFrom('smartphone', 'washing-machine', 'thermostat', 'gateway', 'dishwasher'),
  markets: fc.subarray(['EU', 'UK', 'US']),
  firstPlacedOnMarket: maybe(lifecycleDate),
  lastPlacedOnMarket: maybe(lifecycleDate),
  expectedUseYears: maybe(years),
  declaredSupportEnd: maybe(lifecycleDate),
  components: fc.array(component, { maxLength: 6 }),
}).map((p, ) => productSchema.parse({
  ...p,
  id: 'p',
  lineId: LINE.id,
  name: 'Product',
  components: p.components.map((c, i) => componentSchema.parse({ ...c, id: `c${i}`, name: `Component ${i}` })),
}));

const asOf = fc.integer({ min: toDay('2020-01-01'), max: toDay('2035-12-31') }).map(dayToIso);
const policy = fc.record({ minSupportYears: fc.option(years, { nil: undefined }), minSpareYears: fc.option(years, { nil: undefined }) });

const run = (p: Product, a: string, pol = {}) => analyzeProduct(p, LINE, { asOf: a, policy: pol });

describe('engine invariants', () => {
  it('extending the declared support end never adds a support-ends-before-use finding', () => {
    fc.assert(fc.property(productArb, asOf, dayDate, fc.integer({ min: 0, max: 5000 }), (p, a, declared, extra) => {
      const before = run({ ...p, declaredSupportEnd: declared }, a).some((f) => f.kind === 'support-ends-before-use');
      const later = dayToIso(toDay(declared) + extra);
      const after = run({ ...p, declaredSupportEnd: later }, a).some((f) => f.kind === 'support-ends-before-use');
      expect(!before && after).toBe(false);
    }));
  });

  it('a declared support end on or after use end never yields support-ends-before-use', () => {
    fc.assert(fc.property(productArb, asOf, (p, a) => {
      const f0 = run(p, a);
      const last = p.lastPlacedOnMarket ?? a;
      if (p.expectedUseYears === null || (p.lastPlacedOnMarket === null && p.firstPlacedOnMarket !== null && toDay(p.firstPlacedOnMarket) > toDay(a))) return;
      const useEnd = dayToIso(addYears(toDay(last), p.expectedUseYears));
      // The finding counts from the effective end, so the core IT components must reach the use end too.
      const covered = p.components.map((c) => (c.class === 'it' && c.core === true && c.role !== 'certificate' && c.securitySupportEnd !== null && toDay(c.securitySupportEnd) < toDay(useEnd) ? { ...c, securitySupportEnd: useEnd } : c));
      expect(run({ ...p, declaredSupportEnd: useEnd, components: covered }, a).some((f) => f.kind === 'support-ends-before-use')).toBe(false);
      expect(f0.filter((f) => f.kind === 'support-ends-before-use').every((f) => f.dates.useEnd === useEnd)).toBe(true);
    }));
  });

  it('analysis is deterministic and independent of product order', () => {
    fc.assert(fc.property(fc.array(productArb, { minLength: 1, maxLength: 5 }), asOf, policy, (ps, a, pol) => {
      const products = ps.map((p, i) => ({ ...p, id: `p${i}`, name: `Product ${i % 2}` }));
      const one = analyzePortfolio({ lines: [LINE], products, decisions: [] }, { asOf: a, policy: pol });
      const two = analyzePortfolio({ lines: [LINE], products: [...products].reverse(), decisions: [] }, { asOf: a, policy: pol });
      expect(two).toEqual(one);
    }), { numRuns: 60 });
  });

  it('adding a component never removes a product-level finding', () => {
    fc.assert(fc.property(productArb, component, asOf, (p, c, a) => {
      const productLevel = (q: Product) => run(q, a).filter((f) => f.componentId === null).map((f) => f.key).sort();
      const extra = componentSchema.parse({ ...c, id: 'extra', name: 'Extra' });
      // A core component can add one (it may set the effective end), never remove one.
      expect(productLevel({ ...p, components: [...p.components, extra] })).toEqual(expect.arrayContaining(productLevel(p)));
    }));
  });

  it('keys are unique, gaps positive, severities follow the one rule, missing fields are never silent', () => {
    fc.assert(fc.property(productArb, asOf, policy, (p, a, pol) => {
      const found = run(p, a, pol);
      expect(new Set(found.map((f) => f.key)).size).toBe(found.length);
      for (const f of found) {
        if (f.gapDays !== null) expect(f.gapDays).toBeGreaterThan(0);
        expect(f.severity).toBe(severityOf(f.kind, f.key.endsWith(':policy')));
        expect(f.message.length).toBeGreaterThan(0);
      }
      expect(found.some((f) => f.key === 'missing-data:p:-:product.expectedUseYears')).toBe(p.expectedUseYears === null);
      const hasDeclaredFinding = found.some((f) => f.kind === 'support-end-undisclosed' || f.key === 'missing-data:p:-:product.declaredSupportEnd');
      expect(hasDeclaredFinding).toBe(p.declaredSupportEnd === null);
    }));
  });
});
