/**
 * Every command reads every input format through one module: the real CLI on
 * the sample portfolio, a hand-made XLSX workbook, a real trivy SBOM, portfolio
 * JSON, and German and broken spreadsheets written here.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTemplateCsv, TEMPLATE_COLUMNS } from '../../shared/csv';
import { portfolioSchema } from '../../shared/domain/schemas';
import { ROOT, runCli } from './run-cli';

const SAMPLE = 'assets/sample-portfolio.csv';
const AS_OF = '2026-11-28';
const TRIVY = 'test/fixtures/cli/trivy-centos-7-1.5.json';
const XLSX = 'test/fixtures/interop/xlsx/handmade-1900.xlsx';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-input-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** One template row: the named cells, the rest empty. */
function row(cells: Partial<Record<(typeof TEMPLATE_COLUMNS)[number], string>>, delimiter = ','): string {
  return TEMPLATE_COLUMNS.map((c) => cells[c] ?? '').join(delimiter);
}
const plug = { product_line: 'Smart plugs', environment: 'consumer', product: 'Plug S1', category: 'other', component: 'Plug firmware', class: 'it', role: 'firmware' } as const;

describe('convert', () => {
  it('CSV -> JSON -> CSV gives back the same rows, and the JSON is the portfolio schema', async () => {
    const json = join(tmp, 'sample.json');
    const toJson = await runCli(['convert', SAMPLE, '-o', json]);
    expect(toJson).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const written = JSON.parse(readFileSync(json, 'utf8')) as unknown;
    const parsed = portfolioSchema.parse(written);
    expect(Object.keys(written as object).sort()).toEqual(['decisions', 'lines', 'products']);
    const original = parseTemplateCsv(readFileSync(join(ROOT, SAMPLE), 'utf8'));
    expect(original.errors).toEqual([]);
    expect(parsed).toEqual(original.portfolio);
    // no temporary file is left next to the output
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const back = await runCli(['convert', json, '--format', 'csv']);
    expect(back.code).toBe(0);
    expect(back.stderr).toBe('');
    expect(parseTemplateCsv(back.stdout).portfolio).toEqual(original.portfolio);
    expect(back.stdout.split('\r\n')[0]).toBe(TEMPLATE_COLUMNS.join(','));
  });

  it('refuses to write over its input and leaves it untouched', async () => {
    const path = join(tmp, 'self.csv');
    writeFileSync(path, readFileSync(join(ROOT, SAMPLE)));
    const r = await runCli(['convert', path, '-o', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the output .*self\.csv is the input file/);
    expect(readFileSync(path)).toEqual(readFileSync(join(ROOT, SAMPLE)));
  });
});

describe('every command reads every format', () => {
  it('analyze on portfolio JSON gives the same findings as on the CSV', async () => {
    const json = join(tmp, 'for-analyze.json');
    expect((await runCli(['convert', SAMPLE, '-o', json])).code).toBe(0);
    const [a, b] = await Promise.all([
      runCli(['analyze', SAMPLE, '--as-of', AS_OF, '--format', 'json']),
      runCli(['analyze', json, '--as-of', AS_OF, '--format', 'json']),
    ]);
    expect(b.code).toBe(0);
    expect(b.stderr).toBe('');
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  });

  it('a real CycloneDX SBOM (trivy, 1.5) becomes one product with its components; its remarks go to stderr', async () => {
    const r = await runCli(['convert', TRIVY, '--format', 'json']);
    expect(r.code).toBe(0);
    const p = portfolioSchema.parse(JSON.parse(r.stdout));
    expect(p.products).toHaveLength(1);
    expect(p.products[0]!.name).toBe('integration/testdata/fixtures/images/centos-7.tar.gz');
    expect(p.products[0]!.components.map((c) => [c.name, c.version])).toEqual([
      ['bash', '4.2.46-31.el7'], ['openssl-libs', '1.0.2k-16.el7'], ['centos', '7.6.1810'],
    ]);
    expect(r.stderr).toMatch(/^convert: warning: test\/fixtures\/cli\/trivy-centos-7-1\.5\.json: column product line: "" understood as consumer/m);
    const plan = await runCli(['plan', TRIVY, '--as-of', AS_OF, '--format', 'json']);
    expect(plan.code).toBe(0);
    expect((JSON.parse(plan.stdout) as { plans: unknown[] }).plans).toHaveLength(1);
  });

  it('export writes a bundle from an SBOM, and the bundle reads back with the same product', async () => {
    const out = join(tmp, 'sbom.sspan');
    const r = await runCli(['export', TRIVY, '-o', out, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const back = await runCli(['convert', out, '--format', 'json']);
    expect(back.code).toBe(0);
    expect(portfolioSchema.parse(JSON.parse(back.stdout)).products.map((p) => p.components.length)).toEqual([3]);
  });

  it('an XLSX workbook (title row, merged cells, a notes sheet first) is found and read', async () => {
    const r = await runCli(['analyze', XLSX, '--as-of', AS_OF, '--format', 'json']);
    // Excel's date numbers are converted, and each conversion is shown
    expect(r.stderr).toMatch(/row 4, column Declared support end: "48579" understood as 2032-12-31 \(Excel date number \(1900 date system\)\)/);
    expect(r.code === 0 || r.code === 1).toBe(true);
    const conv = await runCli(['convert', XLSX, '--format', 'json']);
    const p = portfolioSchema.parse(JSON.parse(conv.stdout));
    expect(p.products.length).toBeGreaterThan(0);
    expect(p.products.every((x) => x.components.length > 0)).toBe(true);
  });

  it('XML that is not CycloneDX, and JSON that is neither, are refused by content', async () => {
    const xml = join(tmp, 'other.xml');
    writeFileSync(xml, '<?xml version="1.0"?><project><name>x</name></project>');
    const a = await runCli(['analyze', xml]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/is XML that is not a CycloneDX SBOM/);
    const json = join(tmp, 'other.json');
    writeFileSync(json, '{"name": "package", "version": "1.0.0"}');
    const b = await runCli(['analyze', json]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/is JSON that is neither a CycloneDX SBOM/);
  });

  it('portfolio JSON that breaks the schema names the field', async () => {
    const json = join(tmp, 'bad-portfolio.json');
    writeFileSync(json, JSON.stringify({ lines: [{ id: 'l', name: 'L', environment: 'space' }], products: [] }));
    const r = await runCli(['analyze', json]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/column lines\.0\.environment: /);
  });
});

describe('--lenient, --locale, --map', () => {
  const bad = (): string => {
    const path = join(tmp, 'bad-cells.csv');
    writeFileSync(path, [
      TEMPLATE_COLUMNS.join(','),
      row({ ...plug, security_support_end: '2031-02-30' }),
      row({ ...plug, component: 'Relay', class: 'mechanical', role: 'other', expected_life_years: 'eight' }),
    ].join('\n'));
    return path;
  };

  it('without --lenient an unreadable cell exits 2 naming row and column, and nothing is written', async () => {
    const out = join(tmp, 'never.json');
    const r = await runCli(['convert', bad(), '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/has 2 problems; nothing was read; --lenient leaves unreadable cells empty instead/);
    expect(r.stderr).toMatch(/row 2, column security_support_end: /);
    expect(r.stderr).toMatch(/row 3, column expected_life_years: /);
    expect(readdirSync(tmp)).not.toContain('never.json');
  });

  it('with --lenient the cells are left empty (unknown) and listed as warnings with the original', async () => {
    const r = await runCli(['convert', bad(), '--lenient', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^convert: warning: .*bad-cells\.csv: row 2, column security_support_end: "2031-02-30" understood as unknown \(left empty\)/m);
    expect(r.stderr).toMatch(/^convert: warning: .*bad-cells\.csv: row 3, column expected_life_years: "eight" understood as unknown \(left empty\)/m);
    const p = portfolioSchema.parse(JSON.parse(r.stdout));
    expect(p.products[0]!.components.map((c) => [c.name, c.securitySupportEnd, c.expectedLifeYears])).toEqual([['Plug firmware', null, null], ['Relay', null, null]]);
  });

  it('--locale de reads German dates and numbers, each conversion listed; detected without it; refused with --locale en', async () => {
    const path = join(tmp, 'german.csv');
    writeFileSync(path, `\ufeff${[
      TEMPLATE_COLUMNS.join(';'),
      row({ ...plug, expected_use_years: '7,5', units_per_year: '40.000', security_support_end: '31.12.2030', declared_support_end: '12.2030' }, ';'),
    ].join('\r\n')}\r\n`);
    const de = await runCli(['convert', path, '--locale', 'de', '--format', 'json']);
    expect(de.code).toBe(0);
    for (const line of [
      /row 2, column expected_use_years: "7,5" understood as 7\.5 \(decimal comma \(German conventions\)\)/,
      /row 2, column units_per_year: "40\.000" understood as 40000 \("\." as thousands separator \(German conventions\)\)/,
      /row 2, column security_support_end: "31\.12\.2030" understood as 2030-12-31 \(date DD\.MM\.YYYY\)/,
      /row 2, column declared_support_end: "12\.2030" understood as 2030-12 \(month MM\.YYYY: the end of that month\)/,
    ]) expect(de.stderr).toMatch(line);
    const p = portfolioSchema.parse(JSON.parse(de.stdout)).products[0]!;
    expect([p.expectedUseYears, p.unitsPerYear, p.declaredSupportEnd, p.components[0]!.securitySupportEnd]).toEqual([7.5, 40000, '2030-12', '2030-12-31']);

    // without --locale the conventions are detected from the file (semicolons, decimal commas): the same result
    const auto = await runCli(['convert', path, '--format', 'json']);
    expect(auto.code).toBe(0);
    expect(auto.stdout).toBe(de.stdout);
    // forced English conventions refuse the decimal comma, naming row and column
    const plain = await runCli(['convert', path, '--locale', 'en', '--format', 'json']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/row 2, column expected_use_years: "7,5" has a decimal comma, but the file uses English conventions/);
    const wrong = await runCli(['convert', path, '--locale', 'fr']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--locale "fr" is not one of: auto, en, de/);
  });

  it('--map applies a profile to the columns; a missing or invalid profile exits 2 and says why', async () => {
    const path = join(tmp, 'own-headers.csv');
    const header = TEMPLATE_COLUMNS.map((c) => (c === 'security_support_end' ? 'Sicherheitsupdates bis' : c === 'product' ? 'Produkt' : c));
    writeFileSync(path, `${header.join(',')}\n${row({ ...plug, security_support_end: '2031-06' })}\n`);
    const profile = join(tmp, 'profile.json');
    writeFileSync(profile, JSON.stringify({
      format: 'supportspan-import-profile', version: 1, name: 'Plan 2026',
      header: header.map((h) => h.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()),
      columns: { 'sicherheitsupdates bis': 'security_support_end', produkt: 'product' },
    }));
    const r = await runCli(['convert', path, '--map', profile, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(portfolioSchema.parse(JSON.parse(r.stdout)).products[0]!.components[0]!.securitySupportEnd).toBe('2031-06');

    const missing = await runCli(['convert', path, '--map', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/the import profile .*nope\.json: no such file/);
    const notJson = join(tmp, 'profile.txt');
    writeFileSync(notJson, 'columns: all');
    const invalid = await runCli(['convert', path, '--map', notJson]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/the import profile .*profile\.txt is not valid JSON/);
    const badTarget = join(tmp, 'profile-bad.json');
    writeFileSync(badTarget, JSON.stringify({ format: 'supportspan-import-profile', version: 1, name: 'x', header: [], columns: { produkt: 'product_name' } }));
    const refused = await runCli(['convert', path, '--map', badTarget]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not a Supportspan import profile/);
    expect(refused.stdout).toBe('');
  });

  it('control characters in a file are printed escaped', async () => {
    const path = join(tmp, 'escape.csv');
    writeFileSync(path, `${TEMPLATE_COLUMNS.join(',')}\n${row({ ...plug, security_support_end: '\u001b[2J2031' })}\n`);
    const r = await runCli(['analyze', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('\\u001b[2J2031');
  });
});
