import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { OPTIONAL_COLUMNS, TEMPLATE_COLUMNS, parseTemplateRows, portfolioToRows } from '../../../shared/csv';
import { portfolioSchema } from '../../../shared/domain/schemas';
import { excelSerialToIso, gridToTemplateRows, isoToExcelSerial, templateRowsToCells } from '../../../shared/interop/xlsx-rows';
import type { GridRows, SheetGrid } from '../../../shared/interop/xlsx-rows';
import { readXlsx, writeXlsx } from '../../../shared/interop/xlsx-workbook';
import { sampleLine, sampleProduct } from './sample-product';

const fixtures = fileURLToPath(new URL('../../fixtures/interop/xlsx/', import.meta.url));

function rowsOf(r: ReturnType<typeof gridToTemplateRows>): GridRows {
  if (r.header === null) throw new Error(r.errors.map((e) => e.reason).join('\n'));
  return r;
}

async function gridOf(bytes: Uint8Array, sheet?: string): Promise<SheetGrid> {
  const r = await readXlsx(ExcelJS, bytes, sheet === undefined ? {} : { sheet });
  if (!r.ok) throw new Error(r.error);
  return r.grid;
}

describe('Excel serial dates', () => {
  it('1900 system, including the fictitious 29 Feb 1900', () => {
    expect(excelSerialToIso(1, false)).toEqual({ ok: true, date: '1900-01-01' });
    expect(excelSerialToIso(59, false)).toEqual({ ok: true, date: '1900-02-28' });
    expect(excelSerialToIso(60, false).ok).toBe(false);
    expect(excelSerialToIso(61, false)).toEqual({ ok: true, date: '1900-03-01' });
    expect(excelSerialToIso(46387, false)).toEqual({ ok: true, date: '2026-12-31' });
    expect(excelSerialToIso(46387.75, false)).toEqual({ ok: true, date: '2026-12-31' });
    expect(excelSerialToIso(0, false).ok).toBe(false);
    expect(excelSerialToIso(-5, false).ok).toBe(false);
    expect(excelSerialToIso(3_000_000, false).ok).toBe(false);
  });

  it('1904 system', () => {
    expect(excelSerialToIso(0.5, true).ok).toBe(false);
    expect(excelSerialToIso(1, true)).toEqual({ ok: true, date: '1904-01-02' });
    expect(excelSerialToIso(46387 - 1462, true)).toEqual({ ok: true, date: '2026-12-31' });
  });

  it('isoToExcelSerial is the inverse', () => {
    for (const d of ['1900-01-01', '1900-02-28', '1900-03-01', '2024-02-29', '2099-12-31']) {
      expect(excelSerialToIso(isoToExcelSerial(d), false)).toEqual({ ok: true, date: d });
      expect(excelSerialToIso(isoToExcelSerial(d, true), true)).toEqual(d < '1904-01-02' ? expect.objectContaining({ ok: false }) : { ok: true, date: d });
    }
  });
});

describe('grid -> template rows', () => {
  it('finds the header below title rows and fills merged cells down', () => {
    const grid: SheetGrid = {
      name: 'S', date1904: false,
      rows: [
        [{ t: 'string', v: 'Title' }],
        [],
        TEMPLATE_COLUMNS.map((c) => ({ t: 'string' as const, v: c.replace(/_/g, ' ').toUpperCase() })),
        [{ t: 'string', v: 'L' }, null, { t: 'string', v: 'P' }],
        [],
      ],
      merges: [{ top: 3, left: 0, bottom: 4, right: 0 }, { top: 3, left: 2, bottom: 4, right: 2 }],
    };
    const r = rowsOf(gridToTemplateRows(grid));
    expect(r.header).toEqual([...TEMPLATE_COLUMNS]);
    expect(r.firstRow).toBe(4);
    expect(r.rows.map((row) => [row[0], row[2]])).toEqual([['L', 'P'], ['L', 'P']]);
  });

  it('says so when there is no header', () => {
    const r = gridToTemplateRows({ name: 'Data', date1904: false, rows: [[{ t: 'string', v: 'product' }]], merges: [] });
    expect(r.header).toBeNull();
    expect(r.errors[0]!.reason).toMatch(/sheet "Data": no header row/);
  });

  it('error cells and impossible serials are errors with row and column, never values', () => {
    const header = TEMPLATE_COLUMNS.map((c) => ({ t: 'string' as const, v: c }));
    const row = TEMPLATE_COLUMNS.map(() => null) as SheetGrid['rows'][number];
    row[TEMPLATE_COLUMNS.indexOf('security_support_end')] = { t: 'number', v: 60 };
    row[TEMPLATE_COLUMNS.indexOf('version')] = { t: 'error', v: '#N/A' };
    const r = rowsOf(gridToTemplateRows({ name: 'S', date1904: false, rows: [header, row], merges: [] }));
    expect(r.errors).toEqual([
      { row: 2, column: 'version', value: '#N/A', reason: 'the cell holds the spreadsheet error #N/A' },
      { row: 2, column: 'security_support_end', value: '60', reason: expect.stringMatching(/29 February 1900/) },
    ]);
    expect(r.rows[0]![TEMPLATE_COLUMNS.indexOf('security_support_end')]).toBe('');
  });
});

describe('handmade workbooks (title row, merged product cells, serial dates, rich text, formula, booleans)', () => {
  for (const file of ['handmade-1900.xlsx', 'handmade-1904.xlsx']) {
    it(`${file}: reads the named sheet into template rows that parse`, async () => {
      const bytes = new Uint8Array(readFileSync(`${fixtures}${file}`));
      const first = await readXlsx(ExcelJS, bytes);
      expect(first.ok && first.sheetNames).toEqual(['Notes', 'Portfolio']);
      expect(first.ok && gridToTemplateRows(first.grid).header).toBeNull();
      expect(await readXlsx(ExcelJS, bytes, { sheet: 'Nope' })).toEqual({ ok: false, error: 'no sheet named "Nope" (sheets: Notes, Portfolio)' });

      const grid = await gridOf(bytes, 'Portfolio');
      expect(grid.date1904).toBe(file.includes('1904'));
      const r = rowsOf(gridToTemplateRows(grid));
      expect(r.errors).toEqual([]);
      expect(r.header).toEqual(TEMPLATE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c))); // made before the optional scope columns
      expect(r.firstRow).toBe(4);
      const col = (row: string[], name: string): string => row[TEMPLATE_COLUMNS.indexOf(name as never)]!;
      const [kernel, relay, hub] = r.rows as [string[], string[], string[]];
      expect(col(kernel, 'component')).toBe('Linux kernel');
      expect(col(kernel, 'first_placed_on_market')).toBe('2025-03-01');
      expect(col(kernel, 'declared_support_end')).toBe('2032-12-31');
      expect(col(kernel, 'security_support_end')).toBe('2026-12-31');
      expect(col(kernel, 'expected_use_years')).toBe('10');
      expect(col(kernel, 'core')).toBe('yes');
      expect(col(relay, 'product')).toBe('Thermostat T2');
      expect(col(relay, 'declared_support_end')).toBe('2032-12-31');
      expect(col(relay, 'expected_life_years')).toBe('7.5');
      expect(col(relay, 'core')).toBe('no');
      expect(col(hub, 'expires')).toBe('2025-12-31');

      const parsed = parseTemplateRows(r.header, r.rows, { firstRow: r.firstRow });
      expect(parsed.errors).toEqual([]);
      const thermo = parsed.portfolio.products.find((p) => p.name === 'Thermostat T2')!;
      expect(thermo).toMatchObject({ markets: ['EU', 'UK'], expectedUseYears: 10, declaredSupportEnd: '2032-12-31', unitsPerYear: 40000 });
      expect(thermo.components.map((c) => [c.name, c.securitySupportEnd, c.expectedLifeYears, c.sparePartsUntil])).toEqual([
        ['Linux kernel', '2026-12-31', null, null],
        ['Relay', null, 7.5, '2035-06'],
      ]);
    });
  }

  it('a file that is not a workbook is refused with a message', async () => {
    const r = await readXlsx(ExcelJS, new TextEncoder().encode('product,component\n'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/not a readable \.xlsx workbook/);
  });
});

describe('portfolio -> xlsx -> rows -> portfolio', () => {
  it('round trip through a workbook written by the library loses nothing', async () => {
    const start = portfolioSchema.parse({ lines: [sampleLine], products: [sampleProduct], decisions: [] });
    // Ids are derived from names by the template parser, so compare against the template's own reading.
    const viaTemplate = parseTemplateRows([...TEMPLATE_COLUMNS], portfolioToRows(start));
    expect(viaTemplate.errors).toEqual([]);

    const cells = templateRowsToCells([...TEMPLATE_COLUMNS], portfolioToRows(viaTemplate.portfolio));
    const bytes = await writeXlsx(ExcelJS, [...TEMPLATE_COLUMNS], cells);
    const grid = await gridOf(bytes);
    const kernelRow = grid.rows[1]!;
    expect(kernelRow[TEMPLATE_COLUMNS.indexOf('security_support_end')]).toEqual({ t: 'date', v: '2026-12-31' });
    expect(kernelRow[TEMPLATE_COLUMNS.indexOf('units_per_year')]).toEqual({ t: 'number', v: 40000 });
    expect(kernelRow[TEMPLATE_COLUMNS.indexOf('declared_support_end')]).toEqual({ t: 'string', v: '2032-12' });

    const r = rowsOf(gridToTemplateRows(grid));
    const back = parseTemplateRows(r.header, r.rows, { firstRow: r.firstRow });
    expect(back.errors).toEqual([]);
    expect(back.portfolio).toEqual(viaTemplate.portfolio);
  });

  it('writes the same bytes for the same input', async () => {
    const cells = templateRowsToCells([...TEMPLATE_COLUMNS], portfolioToRows({ lines: [sampleLine], products: [sampleProduct] }));
    const a = await writeXlsx(ExcelJS, [...TEMPLATE_COLUMNS], cells);
    const b = await writeXlsx(ExcelJS, [...TEMPLATE_COLUMNS], cells);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
