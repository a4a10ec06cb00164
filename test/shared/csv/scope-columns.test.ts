/**
 * The scope and ecosystem columns (sold_to_consumers, sector_regulation,
 * planned_last_placed, on_shutdown) are optional: files made before them keep
 * importing, and files with them round-trip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_COLUMNS, parseTemplateCsv, portfolioToCsv, TEMPLATE_COLUMNS } from '../../../shared/csv';

const SAMPLE = readFileSync(join(import.meta.dirname, '..', '..', '..', 'assets', 'sample-portfolio.csv'), 'utf8');

const BASE = TEMPLATE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c));
function csv(extra: Record<string, string>[], columns: readonly string[] = TEMPLATE_COLUMNS): string {
  const row = (cells: Record<string, string>) => columns.map((c) => cells[c] ?? '').join(',');
  return [columns.join(','), ...extra.map(row)].join('\n');
}
const cloudRow = (cells: Record<string, string> = {}) => ({
  product_line: 'Clinic', environment: 'medical', product: 'Infusion pump P1', category: 'other', markets: 'DE;GB',
  component: 'Fleet cloud', class: 'it', role: 'cloud', core: 'no', security_support_end: '2031-06', ...cells,
});

describe('scope columns', () => {
  it('a file without them (the shipped sample) still imports, with the defaults', () => {
    expect(SAMPLE.split('\n')[0]).not.toContain('sold_to_consumers');
    const r = parseTemplateCsv(SAMPLE);
    expect(r.errors).toEqual([]);
    for (const p of r.portfolio.products) {
      expect(p).toMatchObject({ soldToConsumers: null, sectorRegulation: null, plannedLastPlaced: null });
      for (const c of p.components) expect(c.onShutdown).toBeNull();
    }
    const minimal = parseTemplateCsv(csv([cloudRow()], BASE));
    expect(minimal.errors).toEqual([]);
  });

  it('reads them, and writes them back', () => {
    const text = csv([cloudRow({ sold_to_consumers: 'No', sector_regulation: 'mdr', planned_last_placed: '2029-06', on_shutdown: 'loses-remote' })]);
    const r = parseTemplateCsv(text);
    expect(r.errors).toEqual([]);
    const [p] = r.portfolio.products;
    expect(p).toMatchObject({ soldToConsumers: 'no', sectorRegulation: 'mdr', plannedLastPlaced: '2029-06' });
    expect(p!.components[0]!.onShutdown).toBe('loses-remote');
    expect(parseTemplateCsv(portfolioToCsv(r.portfolio)).portfolio).toEqual(r.portfolio);
  });

  it('refuses a value outside the list, on its cell, naming the allowed values', () => {
    const r = parseTemplateCsv(csv([cloudRow({ sector_regulation: 'rail', sold_to_consumers: 'maybe', on_shutdown: 'explodes' })]));
    expect(r.portfolio.products).toEqual([]);
    expect(r.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['sector_regulation', 'sold_to_consumers', 'on_shutdown']));
    expect(r.errors.find((e) => e.column === 'sector_regulation')!.reason).toBe('"rail" is not one of: mdr, ivdr, vehicles, aviation, marine');
  });

  it('a product whose rows disagree on a scope cell is refused, naming both rows', () => {
    const r = parseTemplateCsv(csv([cloudRow({ sold_to_consumers: 'yes' }), cloudRow({ component: 'App', role: 'mobile-app', sold_to_consumers: 'no' })]));
    expect(r.errors.some((e) => e.column === 'sold_to_consumers' && /row 2/.test(e.reason))).toBe(true);
  });
});
