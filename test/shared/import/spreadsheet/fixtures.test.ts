/** The spreadsheets of test/fixtures/interop/spreadsheets, made as Excel, German Excel, Google Sheets and old Mac Excel make them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../../shared/import/spreadsheet';

const dir = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'interop', 'spreadsheets');
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const read = (name: string, options = {}) => readSpreadsheet(bytes(name), name, options);
const noteAt = (r: Awaited<ReturnType<typeof read>>, row: number, column: string) => r.notes.find((n) => n.row === row && n.column === column);

describe('German Excel CSV, UTF-8 with BOM and Windows-1252', () => {
  for (const [file, encoding] of [['german-excel-utf8-bom.csv', 'UTF-8 with BOM'], ['german-excel-windows-1252.csv', 'Windows-1252']] as const) {
    it(`${file}: detects ${encoding}, semicolons and German conventions, and converts 31.12.2030, 12,5, 40.000, Ja/Nein`, async () => {
      const r = await read(file);
      expect(r.errors).toEqual([]);
      expect(r.encoding).toBe(encoding);
      expect(r.separator).toBe('semicolon');
      expect(r.locale).toBe('de');
      expect(r.details).toContain(`encoding ${encoding}`);
      expect(r.headerRow).toBe(1);
      const [ks1, gt2] = r.portfolio.products;
      expect(r.portfolio.lines.map((l) => l.name)).toEqual(['Kühlgeräte']);
      expect(ks1).toMatchObject({ name: 'Kühlschrank KS-1', category: 'refrigerator', declaredSupportEnd: '2030-12-31', expectedUseYears: 12.5, unitsPerYear: 40000 });
      expect(ks1!.components.map((c) => [c.name, c.supplier, c.core, c.notes])).toEqual([
        ['Steuerplatine', 'Müller GmbH', true, 'Öffnungszeiten-Logik'],
        ['Kompressor', 'Jäger AG', false, 'Geräuscharm'],
      ]);
      expect(gt2).toMatchObject({ markets: ['EU', 'UK'], declaredSupportEnd: '2032-12', expectedUseYears: 15, unitsPerYear: 1200 });
      expect(noteAt(r, 2, 'Sicherheitsupdates bis')).toMatchObject({ original: '31.12.2030', understoodAs: '2030-12-31' });
      expect(noteAt(r, 2, 'Nutzungsdauer')).toMatchObject({ original: '12,5', understoodAs: '12.5' });
      expect(noteAt(r, 2, 'Stückzahl pro Jahr')).toMatchObject({ original: '40.000', understoodAs: '40000' });
      expect(noteAt(r, 3, 'Kernkomponente')).toMatchObject({ original: 'Nein', understoodAs: 'no' });
      expect(noteAt(r, 4, 'Nutzungsdauer')).toMatchObject({ original: '15 Jahre', understoodAs: '15' });
      expect(noteAt(r, 4, 'Sicherheitsupdates bis')).toMatchObject({ original: 'Dez 2032', understoodAs: '2032-12' });
      expect(noteAt(r, 4, 'Sicherheitssupport bis')).toMatchObject({ original: 'n/a', reason: 'an explicit unknown' });
    });
  }

  it('reads both encodings to the same portfolio', async () => {
    const a = await read('german-excel-utf8-bom.csv');
    const b = await read('german-excel-windows-1252.csv');
    expect(b.portfolio).toEqual(a.portfolio);
  });

  it('forced English conventions refuse the decimal comma instead of guessing', async () => {
    const r = await read('german-excel-utf8-bom.csv', { locale: 'en' });
    expect(r.locale).toBe('en');
    const e = r.errors.find((x) => x.row === 2 && x.column === 'Nutzungsdauer');
    expect(e?.reason).toMatch(/decimal comma, but the file uses English conventions/);
  });
});

describe('Google Sheets CSV (comma, LF, no BOM)', () => {
  it('reads Dec 2036, ISO dates, "40,000", Y/N/true/1/FALSE, lists with commas, a Notes column, and skips the blank row and the Total row with a note', async () => {
    const r = await read('google-sheets.csv');
    expect(r.errors).toEqual([]);
    expect(r.encoding).toBe('UTF-8');
    expect(r.separator).toBe('comma');
    expect(r.locale).toBe('en');
    const [c1, c2] = r.portfolio.products;
    expect(c1).toMatchObject({ name: 'Cam C1', markets: ['EU', 'UK'], declaredSupportEnd: '2036-12', unitsPerYear: 40000 });
    expect(c1!.components.map((c) => [c.name, c.core, c.securitySupportEnd, c.fieldReplaceable, c.notes])).toEqual([
      ['Firmware', true, '2036-12-31', null, 'Night mode, IR'],
      ['Image sensor', false, '2034-06', null, undefined],
      ['Battery', false, null, 'professional', undefined],
    ]);
    // The column shows day/month order (13/06/2037), so 01/02/2035 is 1 February.
    expect(c2!.components.map((c) => c.securitySupportEnd)).toEqual(['2037-06-13', '2035-02-01']);
    expect(noteAt(r, 6, 'Security support end')).toMatchObject({ original: '01/02/2035', understoodAs: '2035-02-01', reason: 'date day/month/year' });
    expect(noteAt(r, 4, 'Field replaceable')).toMatchObject({ original: 'Service technician', understoodAs: 'professional' });
    expect(r.skipped).toEqual([
      { row: 7, kind: 'blank', reason: 'blank row, skipped' },
      { row: 8, kind: 'total', reason: 'a total row, not a product: skipped' },
    ]);
    expect(r.notes.filter((n) => n.understoodAs === 'skipped').map((n) => n.row)).toEqual([7, 8]);
  });
});

describe('workbook with a title row and merged group headers above a German header', () => {
  it('takes row 4 of sheet Portfolio as the header (not the title, not the group row), and lists the other rows it scored', async () => {
    const r = await read('title-group-header.xlsx');
    expect(r.format).toBe('xlsx');
    expect(r.sheets).toEqual(['Hinweise', 'Portfolio']);
    expect(r.sheet).toBe('Portfolio');
    expect(r.headerRow).toBe(4);
    const scores = new Map(r.headerCandidates.map((c) => [c.row, c.score]));
    expect(scores.get(1)).toBe(0);
    expect(scores.get(3)).toBe(2); // "Produkt" and "Komponente" over their groups
    expect(scores.get(4)).toBeGreaterThan(20);
    expect(r.columns.find((c) => c.header === 'Sicherheitsupdates bis')?.column).toBe('declared_support_end');
    expect(r.columns.find((c) => c.header === 'Nutzungsdauer (Jahre)')?.column).toBe('expected_use_years');
  });

  it('lists the two bad cells with row and column, skips only their rows, and imports the rest of the product', async () => {
    const r = await read('title-group-header.xlsx');
    expect(r.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [6, 'Ersatzteile bis', '31.02.2035'],
      [9, 'Update-Mechanismus', 'Kaffeemaschine'],
    ]);
    expect(r.rowsWithErrors).toEqual([6, 9]);
    const t3 = r.portfolio.products.find((p) => p.name === 'Thermostat T3');
    expect(t3).toMatchObject({ sku: 'T3-DE', firstPlacedOnMarket: '2025-01-01', unitsPerYear: 40000, declaredSupportEnd: '2030-12-31' });
    expect(t3!.components.map((c) => c.name)).toEqual(['Linux-Kernel', 'WLAN-Modul']);
    expect(t3!.components[0]).toMatchObject({ role: 'os', securitySupportEnd: '2030-12', notes: 'LTS-Kernel' });
    expect(r.skipped.map((s) => [s.row, s.kind])).toEqual([[8, 'blank'], [10, 'total']]);
  });

  it('fixing the two cells in place and re-checking imports every row', async () => {
    const first = await read('title-group-header.xlsx');
    const col = (h: string): number => first.columns.find((c) => c.header === h)!.index;
    const r = await read('title-group-header.xlsx', { edits: { [`6:${col('Ersatzteile bis')}`]: '28.02.2035', [`9:${col('Update-Mechanismus')}`]: 'OTA' } });
    expect(r.errors).toEqual([]);
    const t3 = r.portfolio.products.find((p) => p.name === 'Thermostat T3')!;
    expect(t3.components.find((c) => c.name === 'Relais')).toMatchObject({ sparePartsUntil: '2035-02-28', expectedLifeYears: 7.5, fieldReplaceable: 'professional' });
    expect(r.portfolio.products.find((p) => p.name === 'Hub H2')?.components[0]).toMatchObject({ updateMechanism: 'ota', securitySupportEnd: '2031-12' });
  });

  it('another header row or sheet can be picked', async () => {
    const r = await read('title-group-header.xlsx', { headerRow: 3 });
    expect(r.headerRow).toBe(3);
    expect(r.errors.some((e) => /no column is mapped to/.test(e.reason))).toBe(true);
    const notes = await read('title-group-header.xlsx', { sheet: 'Hinweise' });
    expect(notes.errors[0]!.reason).toMatch(/no header row found in the first 30 rows of sheet "Hinweise"/);
    const none = await read('title-group-header.xlsx', { sheet: 'Nope' });
    expect(none.errors[0]!.reason).toMatch(/no sheet named "Nope" \(its sheets: Hinweise, Portfolio\)/);
  });
});

describe('1904 date system and Excel Unicode text', () => {
  it('reads a 1904 workbook: a date-formatted cell and a General serial both land on the right day', async () => {
    const r = await read('date1904.xlsx');
    expect(r.errors).toEqual([]);
    const p = r.portfolio.products[0]!;
    expect(p.declaredSupportEnd).toBe('2037-12-31');
    expect(p.components[0]!.securitySupportEnd).toBe('2030-12-31');
    expect(noteAt(r, 2, 'Declared support end')).toMatchObject({ original: '48943', understoodAs: '2037-12-31', reason: 'Excel date number (1904 date system)' });
    expect(noteAt(r, 2, 'Core')).toMatchObject({ original: 'TRUE', understoodAs: 'yes' });
  });

  it('reads UTF-16 LE with BOM, tab-separated', async () => {
    const r = await read('unicode-text-utf16le.txt');
    expect(r.errors).toEqual([]);
    expect(r.encoding).toBe('UTF-16 LE');
    expect(r.separator).toBe('tab');
    expect(r.portfolio.products[0]!.components[0]).toMatchObject({ supplier: 'Zürich Labs', securitySupportEnd: '2031-03' });
  });
});
