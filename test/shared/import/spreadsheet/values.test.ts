import { describe, expect, it } from 'vitest';
import { convertDate, convertList, convertNumber, convertYears, convertYesNo, excelSerial, isExplicitUnknown, slashOrderEvidence } from '../../../../shared/import/spreadsheet/values';
import { decodeText, detectSeparator } from '../../../../shared/import/spreadsheet/encoding';
import { matchEnum } from '../../../../shared/import/spreadsheet/enum-synonyms';
import { HEADER_SYNONYMS, matchHeader } from '../../../../shared/import/spreadsheet/header-synonyms';
import { fold } from '../../../../shared/import/spreadsheet/fold';

const text = (r: ReturnType<typeof convertDate>): string | null => (r.ok ? r.text : null);

describe('dates', () => {
  it.each([
    ['2030-12-31', '2030-12-31', undefined],
    ['2030-12', '2030-12', undefined],
    ['2030-12-31T00:00:00Z', '2030-12-31', 'date and time: the time of day is dropped'],
    ['31.12.2030', '2030-12-31', 'date DD.MM.YYYY'],
    ['1.2.2030', '2030-02-01', 'date DD.MM.YYYY'],
    ['12.2030', '2030-12', 'month MM.YYYY: the end of that month'],
    ['Dec 2036', '2036-12', 'month name and year: the end of that month'],
    ['Dez 2036', '2036-12', 'month name and year: the end of that month'],
    ['März 2031', '2031-03', 'month name and year: the end of that month'],
    ['December 2036', '2036-12', 'month name and year: the end of that month'],
    ['31 Dec 2036', '2036-12-31', 'day, month name and year'],
    ['Dec 31, 2036', '2036-12-31', 'month name, day and year'],
    ['2030/12/31', '2030-12-31', 'date YYYY/MM/DD'],
    ['47848', '2030-12-31', 'Excel date number (1900 date system)'],
  ])('%s -> %s', (input, out, note) => {
    const r = convertDate(input, { order: null });
    expect(r).toEqual(note === undefined ? { ok: true, text: out } : { ok: true, text: out, note });
  });

  it('refuses impossible or unclear dates with the reason', () => {
    expect(convertDate('31.02.2030', { order: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/does not exist/) });
    expect(convertDate('13.2030', { order: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/month 13 does not exist/) });
    expect(convertDate('31.12.30', { order: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/two-digit year/) });
    expect(convertDate('2030', { order: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/year without a month/) });
    expect(convertDate('Foo 2030', { order: null })).toMatchObject({ ok: false, reason: expect.stringMatching(/not a month name/) });
    expect(convertDate('soon', { order: null })).toMatchObject({ ok: false });
  });

  it('Excel serials in both date systems, with the 1900 leap-year bug', () => {
    expect(excelSerial(47848, false)).toMatchObject({ ok: true, text: '2030-12-31' });
    expect(excelSerial(47848 - 1462, true)).toMatchObject({ ok: true, text: '2030-12-31', note: 'Excel date number (1904 date system)' });
    expect(excelSerial(60, false)).toMatchObject({ ok: false });
  });

  it('slash dates: the column shows the order (a part above 12), else the order is asked, not guessed', () => {
    expect(slashOrderEvidence(['13/06/2037', '01/02/2035'])).toEqual({ order: 'dmy', ambiguous: false, conflict: false });
    expect(slashOrderEvidence(['06/13/2037', '01/02/2035'])).toEqual({ order: 'mdy', ambiguous: false, conflict: false });
    expect(slashOrderEvidence(['01/02/2035', '03/04/2036'])).toEqual({ order: null, ambiguous: true, conflict: false });
    expect(slashOrderEvidence(['13/01/2035', '01/13/2036'])).toMatchObject({ conflict: true });
    expect(convertDate('01/02/2035', { order: null })).toMatchObject({ ok: false, ask: 'date-order' });
    expect(text(convertDate('01/02/2035', { order: 'dmy' }))).toBe('2035-02-01');
    expect(text(convertDate('01/02/2035', { order: 'mdy' }))).toBe('2035-01-02');
  });
});

describe('numbers, years, yes/no, lists, unknowns', () => {
  it('numbers by the file\'s conventions', () => {
    expect(convertNumber('12,5', 'de')).toMatchObject({ ok: true, text: '12.5', note: 'decimal comma (German conventions)' });
    expect(convertNumber('40.000', 'de')).toMatchObject({ ok: true, text: '40000' });
    expect(convertNumber('1.234,5', 'de')).toMatchObject({ ok: true, text: '1234.5' });
    expect(convertNumber('40,000', 'en')).toMatchObject({ ok: true, text: '40000', note: '"," as thousands separator (English conventions)' });
    expect(convertNumber('12.5', 'en')).toEqual({ ok: true, text: '12.5' });
    expect(convertNumber('40 000', 'en')).toMatchObject({ ok: true, text: '40000', note: 'thousands separated by spaces' });
    expect(convertNumber('12,5', 'en')).toMatchObject({ ok: false, reason: expect.stringMatching(/decimal comma/) });
    // In German conventions "," is the decimal comma: 40,000 is forty.
    expect(convertNumber('40,000', 'de')).toMatchObject({ ok: true, text: '40.000', note: 'decimal comma (German conventions)' });
    expect(convertNumber('1,000,000', 'de')).toMatchObject({ ok: false, reason: expect.stringMatching(/German conventions/) });
    expect(convertNumber('many', 'en')).toMatchObject({ ok: false });
  });

  it('years with a unit: 15 years, 15 Jahre, 7,5 Jahre', () => {
    expect(convertYears('15 years', 'en')).toEqual({ ok: true, text: '15', note: 'unit "years" dropped' });
    expect(convertYears('15 Jahre', 'de')).toEqual({ ok: true, text: '15', note: 'unit "Jahre" dropped' });
    expect(convertYears('7,5 Jahre', 'de')).toMatchObject({ ok: true, text: '7.5' });
  });

  it.each([['Y', 'yes'], ['N', 'no'], ['x', 'yes'], ['Ja', 'yes'], ['Nein', 'no'], ['true', 'yes'], ['FALSE', 'no'], ['1', 'yes'], ['0', 'no']])('yes/no %s -> %s with a note', (input, out) => {
    expect(convertYesNo(input)).toEqual({ ok: true, text: out, note: `"${input}" read as ${out}` });
  });

  it('yes/no as written needs no note; anything else is refused', () => {
    expect(convertYesNo('Yes')).toEqual({ ok: true, text: 'yes' });
    expect(convertYesNo('maybe')).toMatchObject({ ok: false });
  });

  it.each([['EU;UK', 'EU;UK', false], ['EU, UK', 'EU;UK', true], ['EU UK', 'EU;UK', true], ['eu/uk', 'EU;UK', true]])('list %s -> %s', (input, out, noted) => {
    const r = convertList(input);
    expect(r.ok && r.text).toBe(out);
    expect(r.ok && r.note !== undefined).toBe(noted);
  });

  it.each(['TBD', 'n/a', 'N/A', 'unknown', '?', '-', '—', 'unbekannt', 'k.A.', 'tbc'])('%s is an explicit unknown', (v) => {
    expect(isExplicitUnknown(v)).toBe(true);
  });
  it.each(['none', 'no', '0', 'Linux'])('%s is not an unknown', (v) => {
    expect(isExplicitUnknown(v)).toBe(false);
  });
});

describe('enums and headers', () => {
  it('maps users\' words for the app\'s values', () => {
    expect(matchEnum('field_replaceable', 'Service technician')).toBe('professional');
    expect(matchEnum('category', 'Waschmaschine')).toBe('washing-machine');
    expect(matchEnum('category', 'Kühlschrank')).toBe('refrigerator');
    expect(matchEnum('environment', 'Industrie')).toBe('industrial');
    expect(matchEnum('role', 'Betriebssystem')).toBe('os');
    expect(matchEnum('update_mechanism', 'Over the air')).toBe('ota');
    expect(matchEnum('update_mechanism', 'Kaffeemaschine')).toBeNull();
  });

  it('maps English and German column names; no name belongs to two columns', () => {
    expect(matchHeader('Produktlinie')?.column).toBe('product_line');
    expect(matchHeader('Sicherheitsupdates bis')).toEqual({ column: 'declared_support_end', german: true });
    expect(matchHeader('SICHERHEITS-UPDATES BIS:')).toBeNull(); // a hyphen splits the word: not the same name
    expect(matchHeader('Security support end')?.column).toBe('security_support_end');
    expect(matchHeader('Lebensdauer (Jahre)')?.column).toBe('expected_life_years');
    expect(matchHeader('units_per_year')?.column).toBe('units_per_year');
    const owner = new Map<string, string>();
    for (const [column, names] of Object.entries(HEADER_SYNONYMS)) {
      for (const n of [column, ...names]) {
        const f = fold(n);
        expect(owner.get(f) ?? column, `"${n}"`).toBe(column);
        owner.set(f, column);
      }
    }
  });
});

describe('encodings and separators', () => {
  it('tells UTF-8 (with and without BOM), UTF-16 LE/BE and Windows-1252 apart', () => {
    const utf8 = new TextEncoder().encode('Müller');
    expect(decodeText(utf8)).toEqual({ text: 'Müller', encoding: 'UTF-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: 'Müller', encoding: 'UTF-8 with BOM' });
    expect(decodeText(new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x80]))).toEqual({ text: 'Müller€', encoding: 'Windows-1252' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x4d, 0, 0xfc, 0]))).toEqual({ text: 'Mü', encoding: 'UTF-16 LE' });
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0, 0x4d, 0, 0xfc]))).toEqual({ text: 'Mü', encoding: 'UTF-16 BE' });
  });

  it('finds the separator outside quotes', () => {
    expect(detectSeparator('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectSeparator('a\tb\tc\n"1,2,3"\t2\t3\n')).toBe('\t');
    expect(detectSeparator('a,b,"c;d;e;f"\n')).toBe(',');
  });
});
