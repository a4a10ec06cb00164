import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplateCsv, portfolioToCsv, TEMPLATE_COLUMNS } from '../../../shared/csv';
import {
  CATEGORIES, COMPONENT_CLASSES, ENVIRONMENTS, FIELD_REPLACEABLE, ROLES, UPDATE_MECHANISMS, dayToIso,
  ON_SHUTDOWN, SECTOR_REGULATIONS, SOLD_TO_CONSUMERS,
} from '../../../shared/domain';
import type { Component, Portfolio, Product, ProductLine } from '../../../shared/domain';

/** Ids are derived on import, so compare with ids replaced by the names they stand for. */
function withoutIds(p: Pick<Portfolio, 'lines' | 'products'>): unknown {
  const lineName = new Map(p.lines.map((l) => [l.id, l.name]));
  return {
    lines: p.lines.map(({ id: _id, ...rest }) => rest),
    products: p.products.map(({ id: _id, lineId, components, ...rest }) => ({
      ...rest, line: lineName.get(lineId), components: components.map(({ id: _cid, ...c }) => c),
    })),
  };
}

/** The export writes each line's products together, so that is the order a re-import gives. */
function groupedByLine(p: Portfolio): Portfolio {
  const order = new Map(p.lines.map((l, i) => [l.id, i]));
  return { ...p, products: [...p.products].sort((a, b) => (order.get(a.lineId) ?? 0) - (order.get(b.lineId) ?? 0)) };
}

const nameChars = fc.constantFrom(...'abcXYZ019 ,;"\'\n/()äé€日'.split(''));
const nameArb = fc.string({ unit: nameChars, minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && !/^[=+\-@]/.test(s));
const textArb = fc.oneof(fc.constant(''), nameArb);
const dateArb = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -25_000, max: 80_000 }).map((d) => dayToIso(d)),
  fc.integer({ min: -25_000, max: 80_000 }).map((d) => dayToIso(d).slice(0, 7)),
);
const yearsArb = fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 1000 }).map((n) => n / 10));
const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof(fc.constant(null), arb);

const componentArb: fc.Arbitrary<Omit<Component, 'id'>> = fc.record({
  name: nameArb,
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
});

const portfolioArb: fc.Arbitrary<Portfolio> = fc
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
      components: fc.uniqueArray(componentArb, { selector: (c) => c.name, maxLength: 5 }),
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
        components: d.components.map((c, j) => ({ id: `c-${i}-${j}`, ...c })),
      }));
      return { lines: lineEntities, products, decisions: [] };
    });
  });

describe('portfolioToCsv', () => {
  it('round-trips: parse(export(p)) equals p apart from ids', () => {
    fc.assert(
      fc.property(portfolioArb, fc.constantFrom(',' as const, ';' as const), fc.boolean(), (portfolio, delimiter, bom) => {
        const csv = portfolioToCsv(portfolio, { delimiter, bom });
        const back = parseTemplateCsv(csv);
        expect(back.errors).toEqual([]);
        expect(withoutIds(back.portfolio)).toEqual(withoutIds(groupedByLine(portfolio)));
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips the sample portfolio exactly, ids included', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', '..', 'assets', 'sample-portfolio.csv'), 'utf8');
    const first = parseTemplateCsv(text);
    expect(first.errors).toEqual([]);
    const second = parseTemplateCsv(portfolioToCsv(first.portfolio));
    expect(second.errors).toEqual([]);
    expect(second.portfolio).toEqual(first.portfolio);
  });

  it('writes the template header, one row per component, and one row for a product without components', () => {
    const portfolio: Portfolio = {
      lines: [{ id: 'l', name: 'Line', environment: 'consumer', notes: '' }, { id: 'e', name: 'Empty line', environment: 'medical', notes: '' }],
      products: [{
        id: 'p', lineId: 'l', name: 'P', sku: '', category: 'other', markets: ['EU', 'US'], firstPlacedOnMarket: null, lastPlacedOnMarket: null,
        expectedUseYears: 7.5, expectedUseRationale: '', declaredSupportEnd: '2030-01', unitsPerYear: null, components: [],
        soldToConsumers: null, sectorRegulation: null, plannedLastPlaced: null,
      }],
      decisions: [],
    };
    const lines = portfolioToCsv(portfolio).split('\r\n');
    expect(lines[0]).toBe(TEMPLATE_COLUMNS.join(','));
    // 13 component cells, then the optional scope (3) and ecosystem (1) columns.
    expect(lines[1]).toBe('Line,consumer,P,,other,EU;US,,,7.5,2030-01,' + ','.repeat(13) + ','.repeat(4));
    expect(lines[2]).toBe('Empty line,medical' + ','.repeat(26));
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    const portfolio: Portfolio = {
      lines: [{ id: 'l', name: '=HYPERLINK("http://example.invalid")', environment: 'consumer', notes: '' }],
      products: [], decisions: [],
    };
    const csv = portfolioToCsv(portfolio);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
    expect(portfolioToCsv(portfolio, { escapeFormulae: false })).toContain('"=HYPERLINK(""http://example.invalid"")"');
  });

  it('refuses a product whose line is not in the portfolio', () => {
    const portfolio = { lines: [], products: [{ id: 'p', lineId: 'nope', name: 'P' } as Product] };
    expect(() => portfolioToCsv(portfolio)).toThrow(/not in the portfolio/);
  });
});
