import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_TEMPLATE_CHARS, OPTIONAL_COLUMNS, TEMPLATE_COLUMNS, detectDelimiter, parseTemplateCsv, parseTemplateRows,
} from '../../../shared/csv';
import type { RowError } from '../../../shared/csv';
import { portfolioSchema } from '../../../shared/domain/schemas';
import { csvOf, firmwareRow, motorRow, productRow } from './csv-rows';

const root = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string): string => readFileSync(join(root, 'test', 'fixtures', 'csv', name), 'utf8');

function only(errors: RowError[]): RowError {
  expect(errors).toHaveLength(1);
  return errors[0] as RowError;
}

describe('parseTemplateCsv: structure', () => {
  it('reads one row per component into products with their components', () => {
    const { portfolio, errors } = parseTemplateCsv(csvOf([firmwareRow(), motorRow()]));
    expect(errors).toEqual([]);
    expect(portfolio.lines).toHaveLength(1);
    expect(portfolio.lines[0]).toMatchObject({ name: 'Thermostats', environment: 'consumer', notes: '' });
    expect(portfolio.products).toHaveLength(1);
    const p = portfolio.products[0]!;
    expect(p).toMatchObject({
      name: 'T1', sku: 'T1-EU', category: 'thermostat', markets: ['EU', 'UK'], firstPlacedOnMarket: '2024-01-01',
      lastPlacedOnMarket: '2026-12-31', expectedUseYears: 10, declaredSupportEnd: '2037-12', unitsPerYear: 1000,
      lineId: portfolio.lines[0]!.id,
    });
    expect(p.components.map((c) => c.name)).toEqual(['Firmware', 'Motor']);
    expect(p.components[0]).toMatchObject({ class: 'it', role: 'firmware', core: true, securitySupportEnd: '2037-12', updateMechanism: 'ota', expectedLifeYears: null, repairDocs: null });
    expect(p.components[1]).toMatchObject({ class: 'mechanical', role: 'motor', core: null, expectedLifeYears: 8, fieldReplaceable: 'professional', sparePartsUntil: '2040-06-30', repairDocs: true });
    expect(portfolioSchema.safeParse(portfolio).success).toBe(true);
  });

  it('reads a product without components from a row with empty component cells, and a line-only row', () => {
    const { portfolio, errors } = parseTemplateCsv(csvOf([productRow(), { product_line: 'Gateways', environment: 'industrial' }]));
    expect(errors).toEqual([]);
    expect(portfolio.lines.map((l) => l.name)).toEqual(['Thermostats', 'Gateways']);
    expect(portfolio.products).toHaveLength(1);
    expect(portfolio.products[0]!.components).toEqual([]);
  });

  it('treats empty cells as unknown (null), never as zero or a date', () => {
    const { portfolio, errors } = parseTemplateCsv(csvOf([firmwareRow({
      expected_use_years: '', declared_support_end: '', units_per_year: '', last_placed_on_market: '', core: '', security_support_end: '', update_mechanism: '',
    })]));
    expect(errors).toEqual([]);
    const p = portfolio.products[0]!;
    expect([p.expectedUseYears, p.declaredSupportEnd, p.unitsPerYear, p.lastPlacedOnMarket]).toEqual([null, null, null, null]);
    expect([p.components[0]!.core, p.components[0]!.securitySupportEnd, p.components[0]!.updateMechanism]).toEqual([null, null, null]);
  });

  it('handles quoted fields containing commas, quotes and newlines', () => {
    const text = csvOf([firmwareRow({ product: 'T1, "Pro"\nedition', component: 'Firmware, main\r\nimage', supplier: 'Acme "Labs", Inc.' })]);
    const { portfolio, errors } = parseTemplateCsv(text);
    expect(errors).toEqual([]);
    expect(portfolio.products[0]!.name).toBe('T1, "Pro"\nedition');
    expect(portfolio.products[0]!.components[0]!.name).toBe('Firmware, main\r\nimage');
    expect(portfolio.products[0]!.components[0]!.supplier).toBe('Acme "Labs", Inc.');
  });

  it('counts rows as spreadsheet rows even when a quoted cell spans lines', () => {
    const text = csvOf([firmwareRow({ supplier: 'line one\nline two\nline three' }), motorRow({ expected_life_years: 'soon' })]);
    const e = only(parseTemplateCsv(text).errors);
    expect(e).toMatchObject({ row: 3, column: 'expected_life_years', value: 'soon' });
  });

  it('strips a UTF-8 byte order mark and reads CRLF line ends', () => {
    const text = `\ufeff${csvOf([firmwareRow(), motorRow()], { newline: '\r\n' })}`;
    const { portfolio, errors } = parseTemplateCsv(text);
    expect(errors).toEqual([]);
    expect(portfolio.lines[0]!.name).toBe('Thermostats');
    expect(portfolio.products[0]!.components.map((c) => c.name)).toEqual(['Firmware', 'Motor']);
    expect(portfolio.products[0]!.components[1]!.repairDocs).toBe(true);
  });

  it('reads the semicolon-separated variant written by European Excel, markets quoted', () => {
    const text = csvOf([firmwareRow({ supplier: 'Acme, Inc.' })], { delimiter: ';', newline: '\r\n' });
    expect(detectDelimiter(text)).toBe(';');
    const { portfolio, errors } = parseTemplateCsv(text);
    expect(errors).toEqual([]);
    expect(portfolio.products[0]!.markets).toEqual(['EU', 'UK']);
    expect(portfolio.products[0]!.components[0]!.supplier).toBe('Acme, Inc.');
  });

  it('reads the semicolon fixture saved with BOM and CRLF', () => {
    const { portfolio, errors } = parseTemplateCsv(fixture('semicolon-bom-crlf.csv'));
    expect(errors).toEqual([]);
    expect(portfolio.products.map((p) => p.name)).toEqual(['Smart plug S1']);
    expect(portfolio.products[0]!.components).toHaveLength(2);
  });

  it('accepts header names in any case and order, and skips blank rows', () => {
    const header = [...TEMPLATE_COLUMNS].reverse().map((c) => c.toUpperCase());
    const rows = [firmwareRow(), {}, motorRow()].map((r) => [...TEMPLATE_COLUMNS].reverse().map((c) => (r as Record<string, string>)[c] ?? ''));
    const { portfolio, errors } = parseTemplateRows(header, rows);
    expect(errors).toEqual([]);
    expect(portfolio.products[0]!.components.map((c) => c.name)).toEqual(['Firmware', 'Motor']);
  });

  it('gives the same ids for the same names, and different ids for different identities', () => {
    const a = parseTemplateCsv(csvOf([firmwareRow(), motorRow()])).portfolio;
    const b = parseTemplateCsv(csvOf([firmwareRow(), motorRow()], { newline: '\r\n' })).portfolio;
    expect(b).toEqual(a);
    const other = parseTemplateCsv(csvOf([firmwareRow({ product_line: 'Other line' })])).portfolio;
    expect(other.products[0]!.id).not.toBe(a.products[0]!.id);
    expect(other.products[0]!.components[0]!.id).not.toBe(a.products[0]!.components[0]!.id);
    const ids = [a.lines[0]!.id, a.products[0]!.id, ...a.products[0]!.components.map((c) => c.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+-[0-9a-f]{16}$/);
  });
});

describe('parseTemplateCsv: refusals', () => {
  it('refuses an empty file, and a file with only whitespace', () => {
    for (const text of ['', '\ufeff', '  \r\n\n']) {
      const e = only(parseTemplateCsv(text).errors);
      expect(e.row).toBe(0);
      expect(e.reason).toMatch(/empty/);
    }
  });

  it('refuses text over the size limit before parsing it', () => {
    const big = 'x'.repeat(MAX_TEMPLATE_CHARS + 1);
    const e = only(parseTemplateCsv(big).errors);
    expect(e).toMatchObject({ row: 0, column: null });
    expect(e.reason).toMatch(/limit/);
  });

  it('names unknown, missing and duplicate header columns', () => {
    const e1 = parseTemplateCsv(fixture('wrong-header.csv')).errors;
    expect(e1.every((e) => e.row === 1)).toBe(true);
    const text = e1.map((e) => e.reason).join('\n');
    expect(text).toMatch(/unknown column: "support_until"/);
    expect(text).toMatch(/missing column: security_support_end/);

    const header = [...TEMPLATE_COLUMNS, 'sku'];
    const dup = parseTemplateRows(header, []).errors;
    expect(dup).toEqual([{ row: 1, column: 'sku', reason: 'column "sku" appears more than once (columns 4 and 33)' }]);

    const missing = parseTemplateRows(TEMPLATE_COLUMNS.filter((c) => c !== 'core' && c !== 'expires'), []).errors;
    expect(only(missing).reason).toBe('missing columns: core, expires');

    // Files written before the notes, purl and cpe columns existed still read.
    const older = parseTemplateRows(TEMPLATE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c)), []).errors;
    expect(older).toEqual([]);
  });

  it('refuses impossible dates with the reason, never rolling them over', () => {
    const cases: [string, RegExp][] = [
      ['2025-02-30', /day 30 .* does not exist \(2025-02 has 28 days\)/],
      ['0000-00-00', /year 0000 .* outside 1900-2199/],
      ['2026-13', /month 13 .* does not exist/],
      ['31/12/2026', /is not a date: use YYYY-MM-DD/],
      ['2026-1-5', /is not a date/],
    ];
    for (const [value, reason] of cases) {
      const { errors, portfolio } = parseTemplateCsv(csvOf([firmwareRow({ security_support_end: value })]));
      const e = only(errors);
      expect(e).toMatchObject({ row: 2, column: 'security_support_end', value });
      expect(e.reason).toMatch(reason);
      expect(portfolio.products).toEqual([]);
    }
    expect(parseTemplateCsv(csvOf([firmwareRow({ security_support_end: '2024-02-29' })])).errors).toEqual([]);
  });

  it('refuses the bad-date fixture on its row', () => {
    const e = only(parseTemplateCsv(fixture('bad-date.csv')).errors);
    expect(e).toMatchObject({ row: 3, column: 'spare_parts_until', value: '2025-02-30' });
  });

  it('lists the allowed values when an enum is unknown', () => {
    const e = only(parseTemplateCsv(csvOf([firmwareRow({ role: 'bootloader' })])).errors);
    expect(e).toMatchObject({ row: 2, column: 'role', value: 'bootloader' });
    expect(e.reason).toContain('"bootloader" is not one of: firmware, os, soc, radio, crypto');
    const env = only(parseTemplateCsv(csvOf([firmwareRow({ environment: 'home' })])).errors);
    expect(env.reason).toBe('"home" is not one of: consumer, enterprise, industrial, medical');
    const upd = only(parseTemplateCsv(csvOf([firmwareRow({ update_mechanism: 'usb' })])).errors);
    expect(upd.reason).toBe('"usb" is not one of: ota, local, none');
  });

  it('reads enum and yes/no cells case-insensitively, and nothing but yes/no for yes/no', () => {
    const okRes = parseTemplateCsv(csvOf([firmwareRow({ class: 'IT', update_mechanism: 'OTA', core: 'Yes' })]));
    expect(okRes.errors).toEqual([]);
    expect(okRes.portfolio.products[0]!.components[0]).toMatchObject({ class: 'it', updateMechanism: 'ota', core: true });
    for (const value of ['y', 'true', '1', 'x']) {
      const e = only(parseTemplateCsv(csvOf([firmwareRow({ core: value })])).errors);
      expect(e).toMatchObject({ column: 'core', value, reason: `"${value}" is not yes or no` });
    }
  });

  it('refuses number garbage, decimal commas, exponents and thousands separators', () => {
    const years: [string, RegExp][] = [
      ['7 years', /not a number of years/], ['1e3', /not a number of years/], ['7,5', /decimal comma: write it with a point, e.g. 7.5/],
      ['-3', /not a number of years/], ['0', /outside the accepted range/], ['101', /outside the accepted range/], ['ten', /not a number/],
    ];
    for (const [value, reason] of years) {
      const e = only(parseTemplateCsv(csvOf([firmwareRow({ expected_use_years: value })])).errors);
      expect(e).toMatchObject({ row: 2, column: 'expected_use_years', value });
      expect(e.reason).toMatch(reason);
    }
    expect(parseTemplateCsv(csvOf([firmwareRow({ expected_use_years: '7.5' })])).portfolio.products[0]!.expectedUseYears).toBe(7.5);
    const units: [string, RegExp][] = [['12,000', /thousands separators/], ['12.000', /thousands separators/], ['1.5', /not a whole number/], ['1e6', /not a whole number/]];
    for (const [value, reason] of units) {
      const e = only(parseTemplateCsv(csvOf([firmwareRow({ units_per_year: value })])).errors);
      expect(e).toMatchObject({ column: 'units_per_year', value });
      expect(e.reason).toMatch(reason);
    }
  });

  it('reads markets separated by ";" and refuses other separators, bad codes and repeats', () => {
    const { portfolio } = parseTemplateCsv(csvOf([firmwareRow({ markets: 'eu; UK ;US' })]));
    expect(portfolio.products[0]!.markets).toEqual(['EU', 'UK', 'US']);
    expect(only(parseTemplateCsv(csvOf([firmwareRow({ markets: 'EU, UK' })])).errors).reason).toMatch(/separate markets with ";"/);
    expect(only(parseTemplateCsv(csvOf([firmwareRow({ markets: 'EU;Europe!' })])).errors).reason).toMatch(/"Europe!" is not a market code/);
    expect(only(parseTemplateCsv(csvOf([firmwareRow({ markets: 'EU;eu' })])).errors).reason).toBe('market EU is listed twice');
  });

  it('requires the names, category, class and role', () => {
    const cases: [Record<string, string>, string][] = [
      [{ product_line: '' }, 'product_line'], [{ environment: '' }, 'environment'], [{ category: '' }, 'category'],
      [{ class: '' }, 'class'], [{ role: '' }, 'role'], [{ component: '' }, 'component'],
    ];
    for (const [cells, column] of cases) {
      const errors = parseTemplateCsv(csvOf([firmwareRow(cells)])).errors;
      expect(errors.map((e) => e.column)).toContain(column);
    }
    const e = only(parseTemplateCsv(csvOf([firmwareRow({ product: '' })])).errors);
    expect(e).toMatchObject({ row: 2, column: 'product' });
  });

  it('refuses a product whose repeated fields disagree between its rows, naming both rows', () => {
    const text = csvOf([firmwareRow(), motorRow(), motorRow({ component: 'Pump', role: 'pump', declared_support_end: '2038-06' })]);
    const { errors, portfolio } = parseTemplateCsv(text);
    const e = only(errors);
    expect(e).toMatchObject({ row: 4, column: 'declared_support_end', value: '2038-06' });
    expect(e.reason).toContain('differs from row 2 for product "T1"');
    expect(portfolio.products).toEqual([]); // never half a product
    expect(portfolio.lines.map((l) => l.name)).toEqual(['Thermostats']);
  });

  it('refuses an empty cell where another row of the product has a value', () => {
    const e = only(parseTemplateCsv(csvOf([firmwareRow(), motorRow({ markets: '' })])).errors);
    expect(e).toMatchObject({ row: 3, column: 'markets' });
  });

  it('refuses a product line with two environments, and drops its products', () => {
    const text = csvOf([firmwareRow(), motorRow({ product: 'T2', sku: 'T2', environment: 'industrial' }), firmwareRow({ product_line: 'Locks', product: 'L1', sku: 'L1' })]);
    const { errors, portfolio } = parseTemplateCsv(text);
    const e = only(errors);
    expect(e).toMatchObject({ row: 3, column: 'environment' });
    expect(e.reason).toContain('differs from row 2 ("consumer") for product line "Thermostats"');
    expect(portfolio.lines.map((l) => l.name)).toEqual(['Locks']);
    expect(portfolio.products.map((p) => p.name)).toEqual(['L1']);
  });

  it('keeps two components of one product with the same name, each with its own id; refuses one SKU for two products', () => {
    const twice = parseTemplateCsv(csvOf([firmwareRow(), firmwareRow({ version: '2.0' })]));
    expect(twice.errors).toEqual([]);
    const [a, b] = twice.portfolio.products[0]!.components;
    expect([a?.version, b?.version]).toEqual(['1.0', '2.0']);
    expect(a?.name).toBe(b?.name);
    expect(a?.id).not.toBe(b?.id);
    // The first keeps the id it had before the name was repeated.
    expect(a?.id).toBe(parseTemplateCsv(csvOf([firmwareRow()])).portfolio.products[0]!.components[0]!.id);
    const sku = only(parseTemplateCsv(csvOf([firmwareRow(), firmwareRow({ product: 'T2' })])).errors);
    expect(sku).toMatchObject({ row: 3, column: 'sku' });
    expect(sku.reason).toContain('already used by product "T1" (row 2)');
  });

  it('refuses last placed on market before first placed on market', () => {
    const e = only(parseTemplateCsv(csvOf([firmwareRow({ first_placed_on_market: '2025-06', last_placed_on_market: '2025-05-31' })])).errors);
    expect(e).toMatchObject({ row: 2, column: 'last_placed_on_market' });
  });

  it('refuses rows with missing cells or values beyond the header', () => {
    const header = TEMPLATE_COLUMNS.join(',');
    const short = only(parseTemplateCsv(`${header}\nThermostats,consumer,T1\n`).errors);
    expect(short).toMatchObject({ row: 2, column: null });
    expect(short.reason).toMatch(/has 3 cells but the header has 32/);
    const full = csvOf([firmwareRow()]).split('\n')[1]!;
    expect(parseTemplateCsv(`${header}\n${full},,\n`).errors).toEqual([]); // empty trailing cells are fine
    expect(only(parseTemplateCsv(`${header}\n${full},surprise\n`).errors).reason).toMatch(/beyond the header's 32 columns/);
  });

  it('reports schema limits on the cell, e.g. a name that is too long', () => {
    const e = only(parseTemplateCsv(csvOf([firmwareRow({ component: 'x'.repeat(201) })])).errors);
    expect(e).toMatchObject({ row: 2, column: 'component' });
  });

  it('reports every bad row, sorted by row, and keeps the good products apart', () => {
    const text = csvOf([
      firmwareRow({ product: 'A', sku: 'A' }),
      firmwareRow({ product: 'B', sku: 'B', expected_use_years: 'many' }),
      firmwareRow({ product: 'C', sku: 'C', category: 'toaster' }),
      firmwareRow({ product: 'D', sku: 'D' }),
    ]);
    const { errors, portfolio } = parseTemplateCsv(text);
    expect(errors.map((e) => [e.row, e.column])).toEqual([[3, 'expected_use_years'], [4, 'category']]);
    expect(portfolio.products.map((p) => p.name)).toEqual(['A', 'D']);
  });

  it('caps the listed errors and counts the rest', () => {
    const rows = Array.from({ length: 30 }, (_, i) => firmwareRow({ product: `P${i}`, sku: `S${i}`, core: 'maybe' }));
    const { errors } = parseTemplateCsv(csvOf(rows), { maxErrors: 10 });
    expect(errors).toHaveLength(11);
    expect(errors[10]!.reason).toBe('20 more errors not listed');
  });

  it('reports a quote that is never closed', () => {
    const header = TEMPLATE_COLUMNS.join(',');
    const { errors } = parseTemplateCsv(`${header}\n"Thermostats,consumer,T1\n`);
    expect(errors.some((e) => /malformed/.test(e.reason))).toBe(true);
  });
});

describe('the shipped assets', () => {
  for (const name of ['template.csv', 'sample-portfolio.csv']) {
    it(`${name} parses without errors into schema-valid data`, () => {
      const { portfolio, errors } = parseTemplateCsv(readFileSync(join(root, 'assets', name), 'utf8'));
      expect(errors).toEqual([]);
      expect(portfolio.products.length).toBeGreaterThan(0);
      expect(portfolioSchema.safeParse(portfolio).success).toBe(true);
    });
  }

  it('the sample has at least four product lines across consumer and industrial, each product with IT, ecosystem and mechanical components', () => {
    const { portfolio } = parseTemplateCsv(readFileSync(join(root, 'assets', 'sample-portfolio.csv'), 'utf8'));
    expect(portfolio.lines.length).toBeGreaterThanOrEqual(4);
    expect(new Set(portfolio.lines.map((l) => l.environment))).toEqual(new Set(['consumer', 'industrial']));
    for (const p of portfolio.products) {
      const roles = new Set(p.components.map((c) => c.role));
      expect(p.components.some((c) => c.class === 'mechanical'), p.name).toBe(true);
      expect(['firmware', 'os', 'soc'].some((r) => roles.has(r as never)), p.name).toBe(true);
      expect(['cloud', 'mobile-app', 'gateway'].some((r) => roles.has(r as never)), p.name).toBe(true);
      expect(p.unitsPerYear, p.name).not.toBeNull();
    }
  });
});
