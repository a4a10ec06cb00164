/**
 * Any portfolio, for round-trip properties: names with the characters CSV
 * and spreadsheets trip over, repeated component names, every field.
 * Names may start with = + - @ or ' (npm scopes, minus signs): the export guards them against
 * formulas and the reader takes the guard off again.
 */
import fc from 'fast-check';
import {
  CATEGORIES, COMPONENT_CLASSES, ENVIRONMENTS, FIELD_REPLACEABLE, ROLES, UPDATE_MECHANISMS, dayToIso,
  ON_SHUTDOWN, SECTOR_REGULATIONS, SOLD_TO_CONSUMERS,
} from '../../../shared/domain';
import type { Component, Portfolio, Product, ProductLine } from '../../../shared/domain';

/** Ids are derived on import, so compare with ids replaced by the names they stand for. */
export function withoutIds(p: Pick<Portfolio, 'lines' | 'products'>): unknown {
  const lineName = new Map(p.lines.map((l) => [l.id, l.name]));
  return {
    lines: p.lines.map(({ id: _id, ...rest }) => rest),
    products: p.products.map(({ id: _id, lineId, components, ...rest }) => ({
      ...rest, line: lineName.get(lineId), components: components.map(({ id: _cid, ...c }) => c),
    })),
  };
}

/** The export writes each line's products together, so that is the order a re-import gives. */
export function groupedByLine(p: Portfolio): Portfolio {
  const order = new Map(p.lines.map((l, i) => [l.id, i]));
  return { ...p, products: [...p.products].sort((a, b) => (order.get(a.lineId) ?? 0) - (order.get(b.lineId) ?? 0)) };
}

const nameChars = fc.constantFrom(...'abcXYZ019 ,;"\'\n/()äé€日=+-@'.split(''));
const nameArb = fc.string({ unit: nameChars, minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const textArb = fc.oneof(fc.constant(''), nameArb);
const dateArb = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -25_000, max: 80_000 }).map((d) => dayToIso(d)),
  fc.integer({ min: -25_000, max: 80_000 }).map((d) => dayToIso(d).slice(0, 7)),
);
const yearsArb = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 1000 }).map((n) => n / 10));
const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof(fc.constant(null), arb);

/** Optional text fields are absent when empty (that is how an empty cell reads back). */
const optionalText = fc.oneof(fc.constant(undefined), nameArb);
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A small pool of names, so that repeats are frequent. */
const componentNameArb = fc.oneof(nameArb, fc.constantFrom('Firmware', 'Radio', 'Radio'));

const componentArb: fc.Arbitrary<Omit<Component, 'id'>> = fc.record({
  name: componentNameArb,
  class: fc.constantFrom(...COMPONENT_CLASSES),
  role: fc.constantFrom(...ROLES),
  supplier: textArb,
  version: textArb,
  core: nullable(fc.boolean()),
  securitySupportEnd: dateArb,
  updateMechanism: nullable(fc.constantFrom(...UPDATE_MECHANISMS)),
  expectedLifeYears: yearsArb,
  fieldReplaceable: nullable(fc.constantFrom(...FIELD_REPLACEABLE)),
  sparePartsUntil: dateArb,
  repairDocs: nullable(fc.boolean()),
  expires: dateArb,
  onShutdown: nullable(fc.constantFrom(...ON_SHUTDOWN)),
  sources: fc.constant({}),
}).chain((c) => fc.record({ purl: optionalText, cpe: optionalText, notes: optionalText }).map((extra) => ({ ...c, ...defined(extra) })));

export const portfolioArb: fc.Arbitrary<Portfolio> = fc
  .uniqueArray(fc.record({ name: nameArb, environment: fc.constantFrom(...ENVIRONMENTS) }), { selector: (l) => l.name, minLength: 1, maxLength: 4 })
  .chain((lines) => {
    const lineEntities: ProductLine[] = lines.map((l, i) => ({ id: `line-${i}`, name: l.name, environment: l.environment, notes: '' }));
    const productArb = fc.record({
      lineIndex: fc.integer({ min: 0, max: lines.length - 1 }),
      name: nameArb,
      category: fc.constantFrom(...CATEGORIES),
      markets: fc.uniqueArray(fc.constantFrom('EU', 'UK', 'US', 'CA', 'JP'), { maxLength: 5 }),
      first: fc.integer({ min: 0, max: 30_000 }),
      span: nullable(fc.integer({ min: 0, max: 5000 })),
      firstKnown: fc.boolean(),
      expectedUseYears: yearsArb,
      declaredSupportEnd: dateArb,
      unitsPerYear: nullable(fc.integer({ min: 0, max: 10_000_000 })),
      // Names repeat within a product (two radios, SBOM parts with one name): the round trip keeps each.
      components: fc.array(componentArb, { maxLength: 5 }),
      notes: optionalText,
      soldToConsumers: nullable(fc.constantFrom(...SOLD_TO_CONSUMERS)),
      sectorRegulation: nullable(fc.constantFrom(...SECTOR_REGULATIONS)),
      plannedLastPlaced: nullable(fc.integer({ min: 0, max: 40_000 }).map(dayToIso)),
    });
    return fc.uniqueArray(productArb, { selector: (p) => `${p.lineIndex}\u0000${p.name}`, maxLength: 6 }).map((drafts) => {
      const products: Product[] = drafts.map((d, i) => ({
        id: `product-${i}`,
        lineId: `line-${d.lineIndex}`,
        name: d.name,
        sku: `SKU-${i}`,
        category: d.category,
        markets: d.markets,
        firstPlacedOnMarket: d.firstKnown ? dayToIso(d.first) : null,
        lastPlacedOnMarket: d.span === null ? null : dayToIso(d.first + d.span),
        expectedUseYears: d.expectedUseYears,
        expectedUseRationale: '',
        declaredSupportEnd: d.declaredSupportEnd,
        unitsPerYear: d.unitsPerYear,
        soldToConsumers: d.soldToConsumers,
        sectorRegulation: d.sectorRegulation,
        plannedLastPlaced: d.plannedLastPlaced,
        ...defined({ notes: d.notes }),
        components: d.components.map((c, j) => ({ id: `c-${i}-${j}`, ...c })),
      }));
      return { lines: lineEntities, products, decisions: [] };
    });
  });

