import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplateCsv, portfolioToCsv, TEMPLATE_COLUMNS } from '../../../shared/csv';
import type { Portfolio, Product } from '../../../shared/domain';
import { groupedByLine, portfolioArb, withoutIds } from './portfolio-arb';

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
    expect(lines[1]).toBe('Line,consumer,P,,other,EU;US,,,7.5,2030-01,' + ','.repeat(17) + ','.repeat(4)); // then the scope (3) and ecosystem (1) columns
    expect(lines[2]).toBe('Empty line,medical' + ','.repeat(30));
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
