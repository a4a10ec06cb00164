import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTemplateCsv, TEMPLATE_COLUMNS } from '../../shared/csv';
import { FINDING_KINDS, analyzePortfolio } from '../../shared/engine';
import { ROOT, runCli } from './run-cli';

const SAMPLE = 'assets/sample-portfolio.csv';
const TEMPLATE = 'assets/template.csv';
const AS_OF = '2026-11-28';
const fixture = (name: string): string => join('test', 'fixtures', 'csv', name);

/** Writes copies of the sample portfolio (product lines renamed per copy, so rows stay valid and distinct) up to a size. */
function writeSampleCopies(path: string, minBytes: number): { bytes: number; copies: number; components: number } {
  const sampleRows = readFileSync(join(ROOT, SAMPLE), 'utf8').trimEnd().split('\n');
  const fd = openSync(path, 'w');
  let bytes = writeSync(fd, `${sampleRows[0]}\n`);
  let copies = 0;
  for (; bytes < minBytes; copies++) {
    const chunk = sampleRows.slice(1).map((row) => row.replace(/^([^,]+)/, `$1 ${copies}`)).join('\n');
    bytes += writeSync(fd, `${chunk}\n`);
  }
  closeSync(fd);
  return { bytes, copies, components: copies * (sampleRows.length - 1) };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-cli-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('analyze', () => {
  it('analyses the sample portfolio to the documented JSON shape, matching the engine', async () => {
    const r = await runCli(['analyze', SAMPLE, '--as-of', AS_OF, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['asOf', 'findings', 'products', 'summary']);
    expect(out.asOf).toBe(AS_OF);
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(['key', 'kind', 'severity', 'productLine', 'product', 'component', 'gapDays', 'message', 'provisions']);
      expect(FINDING_KINDS).toContain(f.kind);
      expect(['high', 'medium', 'low']).toContain(f.severity);
      expect(f.component === null || typeof f.component === 'string').toBe(true);
      expect(f.gapDays === null || Number.isInteger(f.gapDays)).toBe(true);
      expect(Array.isArray(f.provisions)).toBe(true);
    }
    const { portfolio } = parseTemplateCsv(readFileSync(join(ROOT, SAMPLE), 'utf8'));
    const expected = analyzePortfolio(portfolio, { asOf: AS_OF });
    expect(out.summary).toEqual(expected.summary);
    // Each finding names its key (decisions, reviews and the activities command refer to it).
    expect(out.findings.map((f: { key: string }) => f.key)).toEqual(expected.findings.map((f) => f.key));
    // Every product carries its effective support end (never after the declared one) and the rules that did not apply.
    expect(out.products).toHaveLength(expected.products.length);
    for (const p of out.products) {
      expect(Object.keys(p)).toEqual(['productLine', 'product', 'effectiveSupportEnd', 'declaredSupportEnd', 'effectiveSupportEndSetBy', 'notApplied']);
      if (p.declaredSupportEnd === null) expect(p.effectiveSupportEnd).toBeNull();
      else expect(p.effectiveSupportEnd <= p.declaredSupportEnd).toBe(true);
      expect(Array.isArray(p.notApplied)).toBe(true);
    }
    expect(out.findings.map((f: { kind: string; product: string; component: string | null }) => `${f.kind}|${f.product}|${f.component}`))
      .toEqual(expected.findings.map((f) => `${f.kind}|${f.product}|${f.component}`));
    // the sample is meant to show every kind of finding
    expect(new Set(out.findings.map((f: { kind: string }) => f.kind))).toEqual(new Set(FINDING_KINDS));
  });

  it('exits 1 when a finding is at or above --fail-on, 0 otherwise', async () => {
    const high = await runCli(['analyze', SAMPLE, '--as-of', AS_OF, '--format', 'json', '--fail-on', 'high']);
    expect(high.code).toBe(1);
    expect(JSON.parse(high.stdout).summary.bySeverity.high).toBeGreaterThan(0);
    const clean = await runCli(['analyze', TEMPLATE, '--as-of', AS_OF, '--format', 'json', '--fail-on', 'low']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).findings).toEqual([]);
  });

  it('prints an aligned table and a summary in text format', async () => {
    const r = await runCli(['analyze', SAMPLE, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+KIND\s+PRODUCT LINE\s+PRODUCT\s+COMPONENT\s+GAP DAYS\s+MESSAGE$/);
    const kindAt = lines[0]!.indexOf('KIND');
    const messageAt = lines[0]!.indexOf('MESSAGE');
    const rows = lines.slice(2, lines.indexOf(''));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row[kindAt - 1]).toBe(' ');
      expect(row.slice(kindAt)).toMatch(/^[a-z-]+ /);
      expect(row[messageAt - 1]).toBe(' ');
      expect(row[messageAt]).not.toBe(' ');
    }
    expect(r.stdout).toMatch(/\d+ findings \(\d+ high, \d+ medium, \d+ low\) in 8 products of 4 product lines, \d+ components, as of 2026-11-28\./);
    expect(r.stdout).toMatch(/^ {2}component-support-gap +\d+$/m);
  });

  it('defaults the as-of date to today (UTC)', async () => {
    const before = new Date().toISOString().slice(0, 10);
    const r = await runCli(['analyze', TEMPLATE, '--format', 'json']);
    const after = new Date().toISOString().slice(0, 10);
    expect(r.code).toBe(0);
    expect([before, after]).toContain(JSON.parse(r.stdout).asOf);
  });

  it('analyses a large valid file (several MB, tens of thousands of components) below the size limit', async () => {
    const path = join(tmp, 'large.csv');
    const { copies, components } = writeSampleCopies(path, 6_000_000);
    const r = await runCli(['analyze', path, '--as-of', AS_OF, '--format', 'json', '--fail-on', 'high']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.summary.components).toBe(components);
    expect(out.summary.productLines).toBe(copies * 4);
  }, 120_000);

  it('reads a semicolon CSV with BOM and CRLF', async () => {
    const r = await runCli(['analyze', fixture('semicolon-bom-crlf.csv'), '--as-of', AS_OF, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.components).toBe(2);
  });
});

describe('plan', () => {
  it('prints the planner result for every product as JSON', async () => {
    const r = await runCli(['plan', SAMPLE, '--as-of', AS_OF, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.asOf).toBe(AS_OF);
    expect(out.plans).toHaveLength(8);
    const t3 = out.plans.find((p: { product: string }) => p.product === 'Nestwarm T3');
    expect(t3).toMatchObject({ productLine: 'Nestwarm Smart Thermostats', declaredSupportEnd: '2030-06-30', useEnd: '2035-06-30', meetsPlan: false });
    expect(t3.blockers.map((b: { component: string }) => b.component)).toContain('Zephyr RTOS');
    const g300 = out.plans.find((p: { product: string }) => p.product === 'FieldLink G300');
    expect(g300.declaredSupportEnd).toBeNull();
  });

  it('prints a readable block per product', async () => {
    const r = await runCli(['plan', SAMPLE, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Nestwarm Smart Thermostats / Nestwarm T3');
    expect(r.stdout).toMatch(/declared support end: +2030-06-30 \(falls short of the plan\)/);
    expect(r.stdout).toMatch(/declared support end: +2037-12-31 \(meets the plan\)/);
    // FieldLink G300 declares no end: the plan says so once, without nested brackets.
    expect(r.stdout).toMatch(/declared support end: +not declared \(cannot tell: data missing\)/);
    expect(r.stdout).toContain('blocking components:');
  });
});

describe('help and usage', () => {
  it('lists the registered commands, and prints help per command', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^ {2}analyze +check a portfolio/m);
    expect(top.stdout).toMatch(/^ {2}plan +propose/m);
    expect(top.stdout).toMatch(/^ {2}convert +write any readable input/m);
    expect(top.stdout).toMatch(/^ {2}match +propose security-support ends/m);
    for (const cmd of ['analyze', 'plan']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(`Usage: supportspan ${cmd} <portfolio>`)).toBe(true);
      expect(r.stdout).toContain('--lenient');
    }
  });

  it('exits 2 with usage for no command or an unknown command', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: supportspan <command>');
    const unknown = await runCli(['analyse', SAMPLE]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "analyse"');
    expect(unknown.stdout).toBe('');
  });
});

describe('bad input exits 2 with the reason on stderr and nothing on stdout', () => {
  const cases: { name: string; args: () => string[]; stderr: RegExp[] }[] = [
    { name: 'unknown option', args: () => ['analyze', SAMPLE, '--bogus'], stderr: [/analyze: Unknown option '--bogus'/] },
    { name: 'option without value', args: () => ['analyze', SAMPLE, '--as-of'], stderr: [/analyze: Option '--as-of <value>' argument missing/] },
    { name: 'impossible --as-of', args: () => ['analyze', SAMPLE, '--as-of', '2025-02-30'], stderr: [/--as-of day 30 in "2025-02-30" does not exist/] },
    { name: 'month-only --as-of', args: () => ['analyze', SAMPLE, '--as-of', '2026-11'], stderr: [/--as-of "2026-11" is not a day/] },
    { name: 'unknown format', args: () => ['analyze', SAMPLE, '--format', 'xml'], stderr: [/--format "xml" is not one of: text, json/] },
    { name: 'unknown severity', args: () => ['analyze', SAMPLE, '--fail-on', 'critical'], stderr: [/--fail-on "critical" is not one of: high, medium, low/] },
    { name: 'no file', args: () => ['analyze'], stderr: [/analyze: no input file given/] },
    { name: 'two files', args: () => ['plan', SAMPLE, TEMPLATE], stderr: [/expected one input file, got 2/] },
    { name: 'missing file', args: () => ['analyze', 'does/not/exist.csv'], stderr: [/does\/not\/exist\.csv: no such file/] },
    { name: 'a directory', args: () => ['analyze', 'assets'], stderr: [/assets is not a file/] },
    { name: 'empty file', args: () => ['analyze', fixture('empty.csv')], stderr: [/empty\.csv is empty/] },
    { name: 'bad date', args: () => ['analyze', fixture('bad-date.csv')], stderr: [/row 3, column spare_parts_until: day 30 in "2025-02-30" does not exist/] },
    { name: 'unknown enum', args: () => ['plan', fixture('unknown-enum.csv')], stderr: [/row 2, column update_mechanism: "firmware-over-usb" is not one of ota, local, none/] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const r = await runCli(c.args());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      for (const re of c.stderr) expect(r.stderr).toMatch(re);
    });
  }

  it('a column the reader does not know is left out with a warning naming it, not silently', async () => {
    const r = await runCli(['analyze', fixture('wrong-header.csv'), '--as-of', '2026-12-03']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/analyze: warning: .*wrong-header\.csv: file: not read: "support_until"/);
  });

  it('a file in a legacy code page (not UTF-8) is read as Windows-1252, and says so', async () => {
    const path = join(tmp, 'latin1.csv');
    const text = `${TEMPLATE_COLUMNS.join(',')}\nK\u00fchlger\u00e4te,consumer,K1,,refrigerator${','.repeat(19)}\n`;
    writeFileSync(path, Buffer.from(text, 'latin1'));
    const r = await runCli(['convert', path, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/convert: warning: .*latin1\.csv: file: encoding Windows-1252/);
    expect((JSON.parse(r.stdout) as { lines: { name: string }[] }).lines[0]!.name).toBe('K\u00fchlger\u00e4te');
  });

  it('a header-only file', async () => {
    const path = join(tmp, 'header-only.csv');
    writeFileSync(path, `${TEMPLATE_COLUMNS.join(',')}\r\n`);
    const r = await runCli(['analyze', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lists no product/);
  });

  it('a 50 MB file of valid-looking rows is refused by size before it is read', async () => {
    const path = join(tmp, 'fifty-megabytes.csv');
    const { bytes } = writeSampleCopies(path, 50_000_000);
    expect(bytes).toBeGreaterThanOrEqual(50_000_000);
    const r = await runCli(['analyze', path, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/fifty-megabytes\.csv is 4\d\.\d MB; the limit is 32\.0 MB/);
  });
});
