import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const dir = mkdtempSync(join(tmpdir(), 'sspan-hygiene-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS = 'product_line,environment,product,sku,category,markets,first_placed_on_market,last_placed_on_market,expected_use_years,declared_support_end,units_per_year,component,class,role,supplier,version,core,security_support_end,update_mechanism,expected_life_years,field_replaceable,spare_parts_until,repair_docs,expires'.split(',');
const HEADER = COLUMNS.join(',');
/** A template row from the few cells a test cares about. */
const row = (cells: Record<string, string>): string => COLUMNS.map((c) => cells[c] ?? '').join(',');

describe('the command line prints no raw control characters', () => {
  it('escapes terminal sequences and bidi controls from the data', async () => {
    const file = join(dir, 'hostile.csv');
    writeFileSync(file, `${HEADER}\r\n${row({ product_line: 'Home\u001b[2J', environment: 'consumer', product: 'Invoice\u202Etxt.exe', sku: 'SKU', category: 'thermostat', markets: 'EU', component: 'Firmware\u001b]0;pwned\u0007', class: 'it', role: 'firmware', supplier: 'Acme', version: '1.0', security_support_end: '2020-01-01' })}\r\n`);
    const run = await runCli(['analyze', file, '--as-of', '2026-06-01']);
    const all = run.stdout + run.stderr;
    expect(all).toContain('\\u202e');
    expect(all).toContain('\\u001b');
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const json = await runCli(['analyze', file, '--as-of', '2026-06-01', '--format', 'json']);
    expect(json.stdout).not.toContain('\u202e');
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('Invoice\\u202etxt.exe'.replace('\\u202e', '\u202e'));
  });

  it('refuses a file with NUL in a value, saying where', async () => {
    const file = join(dir, 'nul.csv');
    writeFileSync(file, `${HEADER}\r\n${row({ product_line: 'Home', environment: 'consumer', product: 'T1', sku: 'SK\u0000U', category: 'thermostat', markets: 'EU', component: 'Firmware', class: 'it', role: 'firmware', supplier: 'Acme', version: '1.0', security_support_end: '2030-01-01' })}\r\n`);
    const run = await runCli(['analyze', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has 1 problem; nothing was read');
    expect(run.stderr).toContain('row 2, column sku: contains a NUL character (U+0000)');
  });
});
