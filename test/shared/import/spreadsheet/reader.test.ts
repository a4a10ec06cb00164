import { describe, expect, it } from 'vitest';
import { parseProfileText, profileFitsHeader, profileToJson, readSpreadsheet } from '../../../../shared/import/spreadsheet';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const HEADER = 'Product line,Environment,Product,Category,Component,Class,Role,Security support end,Field replaceable,Units per year';
const csv = (...rows: string[]): Uint8Array => enc([HEADER, ...rows].join('\n') + '\n');
const read = (bytes: Uint8Array, options = {}) => readSpreadsheet(bytes, 'file.csv', options);

describe('asking instead of guessing', () => {
  it('a column whose slash dates do not show their order is asked once; the answer reads every cell', async () => {
    const bytes = csv('L,consumer,P,other,A,it,firmware,01/02/2035,,', 'L,consumer,P,other,B,it,firmware,03/04/2036,,');
    const asked = await read(bytes);
    expect(asked.questions).toEqual([{ column: 'security_support_end', header: 'Security support end', samples: ['01/02/2035', '03/04/2036'] }]);
    expect(asked.errors.map((e) => [e.row, e.column])).toEqual([[2, 'Security support end'], [3, 'Security support end']]);
    expect(asked.errors[0]!.reason).toMatch(/could be day\/month or month\/day/);

    const answered = await read(bytes, { dateOrder: { security_support_end: 'mdy' } });
    expect(answered.errors).toEqual([]);
    expect(answered.questions).toEqual([]);
    expect(answered.portfolio.products[0]!.components.map((c) => c.securitySupportEnd)).toEqual(['2035-01-02', '2036-03-04']);
    expect(answered.profile.dateOrder).toEqual({ security_support_end: 'mdy' });
  });

  it('an unknown enum value is listed once in the value table; the choice is applied and remembered in the profile', async () => {
    const bytes = csv('L,consumer,P,other,A,it,firmware,,Werkstatt,', 'L,consumer,P,other,B,it,firmware,,Werkstatt,', 'L,consumer,P,other,C,it,firmware,,Service technician,');
    const first = await read(bytes);
    const table = first.enums.find((t) => t.column === 'field_replaceable')!;
    expect(table.values).toEqual([
      { original: 'Werkstatt', count: 2, mappedTo: null, how: null },
      { original: 'Service technician', count: 1, mappedTo: 'professional', how: 'synonym' },
    ]);
    expect(first.errors.map((e) => e.row)).toEqual([2, 3]);

    const chosen = await read(bytes, { enumMap: { field_replaceable: { Werkstatt: 'professional' } } });
    expect(chosen.errors).toEqual([]);
    expect(chosen.profile.enums).toEqual({ field_replaceable: { werkstatt: 'professional', 'service technician': 'professional' } });

    // Saved, written as a file, read back and applied next time: nothing is asked again.
    const file = parseProfileText(profileToJson({ ...chosen.profile, name: 'Service sheet' }));
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    expect(profileFitsHeader(file.profile, first.header)).toBe(true);
    const again = await read(bytes, { profile: file.profile });
    expect(again.errors).toEqual([]);
    expect(again.profileApplied).toBe('Service sheet');
    expect(again.enums.find((t) => t.column === 'field_replaceable')!.values[0]).toMatchObject({ mappedTo: 'professional', how: 'profile' });
  });

  it('refuses a profile file that is not one, in plain words', () => {
    expect(parseProfileText('{')).toEqual({ ok: false, error: 'the file is not JSON: not an import profile' });
    expect(parseProfileText('{"format":"x"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^not a Supportspan import profile/) });
    const bad = { format: 'supportspan-import-profile', version: 1, name: 'x', header: [], columns: {}, enums: { role: { a: 'wizard' } } };
    expect(parseProfileText(JSON.stringify(bad))).toMatchObject({ ok: false, error: expect.stringMatching(/"wizard", which is not one of/) });
  });
});

describe('errors per product, not per row; one bad row, not the whole product', () => {
  it('a product value that differs between rows is one error for the product', async () => {
    const r = await read(csv('L,consumer,P,other,A,it,firmware,,,100', 'L,consumer,P,other,B,it,firmware,,,200', 'L,consumer,P,other,C,it,firmware,,,200'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'Units per year' });
    expect(r.errors[0]!.reason).toBe('product "P" has different values: "100" on row 2; "200" on rows 3, 4. It has one value: fix the rows that differ');
    expect(r.portfolio.products).toEqual([]);
  });

  it('an empty product cell repeats the product\'s value (as merged cells do)', async () => {
    const r = await read(csv('L,consumer,P,other,A,it,firmware,,,100', 'L,,P,,B,it,firmware,,,'));
    expect(r.errors).toEqual([]);
    expect(r.portfolio.products[0]!.components.map((c) => c.name)).toEqual(['A', 'B']);
  });

  it('a bad component cell leaves out its row only; lenient leaves the cell empty and notes it', async () => {
    const bytes = csv('L,consumer,P,other,A,it,firmware,2030-13-01,,', 'L,consumer,P,other,B,it,firmware,2031-01,,');
    const strict = await read(bytes);
    expect(strict.errors.map((e) => [e.row, e.column, e.value])).toEqual([[2, 'Security support end', '2030-13-01']]);
    expect(strict.portfolio.products[0]!.components.map((c) => c.name)).toEqual(['B']);
    const lenient = await read(bytes, { lenient: true });
    expect(lenient.errors).toEqual([]);
    expect(lenient.portfolio.products[0]!.components.map((c) => [c.name, c.securitySupportEnd])).toEqual([['A', null], ['B', '2031-01']]);
    expect(lenient.notes.find((n) => n.row === 2)).toMatchObject({ column: 'Security support end', original: '2030-13-01', understoodAs: 'unknown (left empty)' });
  });

  it('explicit unknowns become empty with a note; a repeated header and a Summe row are skipped', async () => {
    const r = await read(csv('L,consumer,P,other,A,it,firmware,TBD,?,-', HEADER, 'L,consumer,P,other,B,it,firmware,n/a,,', 'Summe,,,,,,,,,100'));
    expect(r.errors).toEqual([]);
    expect(r.notes.filter((n) => n.row === 2).map((n) => [n.column, n.original, n.understoodAs])).toEqual([
      ['Security support end', 'TBD', 'unknown (empty)'], ['Field replaceable', '?', 'unknown (empty)'], ['Units per year', '-', 'unknown (empty)'],
    ]);
    expect(r.skipped.map((s) => [s.row, s.kind])).toEqual([[3, 'header'], [5, 'total']]);
  });

  it('unmapped columns can be sent to notes; several are kept with their headers', async () => {
    const bytes = enc('Product line,Environment,Product,Category,Component,Class,Role,Owner,Cost centre\nL,consumer,P,other,A,it,firmware,Kim,4711\n');
    const plain = await read(bytes);
    expect(plain.columns.filter((c) => c.column === null).map((c) => c.header)).toEqual(['Owner', 'Cost centre']);
    expect(plain.details.some((d) => d.includes('not read: "Owner", "Cost centre"'))).toBe(true);
    const kept = await read(bytes, { columnMap: { 7: 'component_notes', 8: 'component_notes' } });
    expect(kept.portfolio.products[0]!.components[0]!.notes).toBe('Owner: Kim\nCost centre: 4711');
  });
});

describe('refusals in the user\'s terms', () => {
  it('no header, empty file, an unclosed quote, too many rows', async () => {
    expect((await read(enc('just a title\nand some text\n'))).errors[0]!.reason).toMatch(/no header row found in the first 30 rows/);
    expect((await read(enc(''))).errors[0]!.reason).toBe('file.csv: the file is empty');
    expect((await read(enc(`${HEADER}\n"L,consumer\n`))).errors[0]!.reason).toMatch(/a quoted cell is not closed/);
    const many = csv(...Array.from({ length: 20 }, (_, i) => `L,consumer,P,other,C${i},it,firmware,,,`));
    expect((await read(many, { maxRows: 10 })).errors[0]!.reason).toMatch(/more than 10 rows; at most 10 are read/);
  });
});
