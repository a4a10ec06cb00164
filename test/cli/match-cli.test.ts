/** `match` on the real endoflife.date snapshot (test/fixtures/interop/eol/endoflife, MIT). */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS } from '../../shared/csv';
import { ROOT, runCli } from './run-cli';

const SNAPSHOT = 'test/fixtures/interop/eol/endoflife';
const eolOf = (product: string, cycle: string): unknown =>
  (JSON.parse(readFileSync(join(ROOT, SNAPSHOT, `${product}.json`), 'utf8')) as { cycle: string; eol: unknown }[]).find((c) => c.cycle === cycle)!.eol;

let tmp: string;
let portfolio: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-match-'));
  const base = { product_line: 'Gateways', environment: 'industrial', product: 'G1', category: 'gateway', class: 'it' };
  const rows: Record<string, string>[] = [
    { ...base, component: 'Linux kernel 5.10', role: 'os' },
    { ...base, component: 'OpenSSL 1.1.1w', role: 'crypto' },
    { ...base, component: 'Node.js 18.20.4', role: 'other' },
    { ...base, component: 'symfony/http-kernel', role: 'other', version: 'v6.4.1' },
    { ...base, component: 'Vendor kernel driver pack', role: 'other', version: '5.10' },
    { ...base, component: 'Debian', role: 'os', version: 'bullseye' },
    { ...base, component: 'Relay', class: 'mechanical', role: 'other' },
  ];
  portfolio = join(tmp, 'gateways.csv');
  writeFileSync(portfolio, `${[TEMPLATE_COLUMNS.join(','), ...rows.map((r) => TEMPLATE_COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n')}\n`);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

interface Proposal {
  product: string; component: string; catalog: string; catalogProduct: string; cycle: string; supportEnd: string | null;
  confidence: string; reason: string; catalogState: string; catalogDate: string | null;
}

describe('match', () => {
  it('prints the documented JSON for a folder of catalogs, with no false positives', async () => {
    const r = await runCli(['match', portfolio, '--catalog', SNAPSHOT, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { proposals } = JSON.parse(r.stdout) as { proposals: Proposal[] };
    const keys = ['product', 'component', 'catalog', 'catalogProduct', 'cycle', 'supportEnd', 'confidence', 'reason', 'catalogState'];
    for (const p of proposals) expect(Object.keys(p)).toEqual(expect.arrayContaining(keys));
    expect(proposals.map((p) => [p.component, p.catalog, p.catalogProduct, p.cycle, p.supportEnd, p.confidence, p.catalogState])).toEqual([
      ['Linux kernel 5.10', 'endoflife-linux-kernel', 'linux-kernel', '5.10', eolOf('linux-kernel', '5.10'), 'high', 'date'],
      ['OpenSSL 1.1.1w', 'endoflife-openssl', 'openssl', '1.1.1', eolOf('openssl', '1.1.1'), 'high', 'date'],
      ['Node.js 18.20.4', 'endoflife-nodejs', 'nodejs', '18', eolOf('nodejs', '18'), 'high', 'date'],
      ['Debian', 'endoflife-debian', 'debian', '11', eolOf('debian', '11'), 'high', 'date'],
    ]);
    expect(proposals[1]!.reason).toContain('letter suffix w dropped');
    expect(new Set(proposals.map((p) => p.product))).toEqual(new Set(['G1']));
    expect(proposals[0]!.catalogDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a catalog saved as linux.json is the Linux kernel; a cycle without a date gives null and its state', async () => {
    const linux = join(tmp, 'linux.json');
    copyFileSync(join(ROOT, SNAPSHOT, 'linux-kernel.json'), linux);
    const r = await runCli(['match', portfolio, '--catalog', linux, '--format', 'json']);
    expect(r.code).toBe(0);
    const { proposals } = JSON.parse(r.stdout) as { proposals: Proposal[] };
    expect(proposals.map((p) => [p.component, p.catalogProduct, p.cycle])).toEqual([['Linux kernel 5.10', 'linux-kernel', '5.10']]);

    const open = join(tmp, 'open-cycle.csv');
    const cols = { product_line: 'L', environment: 'consumer', product: 'P', category: 'other', component: 'Linux kernel 7.2', class: 'it', role: 'os' } as Record<string, string>;
    writeFileSync(open, `${TEMPLATE_COLUMNS.join(',')}\n${TEMPLATE_COLUMNS.map((c) => cols[c] ?? '').join(',')}\n`);
    const n = await runCli(['match', open, '--catalog', linux, '--format', 'json']);
    const [p] = (JSON.parse(n.stdout) as { proposals: Proposal[] }).proposals;
    expect(eolOf('linux-kernel', '7.2')).toBe(false);
    expect(p).toMatchObject({ cycle: '7.2', supportEnd: null, catalogState: 'not-ended' });
  });

  it('reads a real SBOM (trivy): the distribution package openssl-libs is OpenSSL by its purl', async () => {
    const r = await runCli(['match', 'test/fixtures/cli/trivy-centos-7-1.5.json', '--catalog', SNAPSHOT, '--format', 'json']);
    expect(r.code).toBe(0);
    const { proposals } = JSON.parse(r.stdout) as { proposals: Proposal[] };
    expect(proposals.map((p) => [p.component, p.catalogProduct, p.cycle, p.confidence, p.supportEnd])).toEqual([
      ['openssl-libs', 'openssl', '1.0.2', 'exact', eolOf('openssl', '1.0.2')],
    ]);
    expect(proposals[0]!.reason).toMatch(/^purl pkg:rpm\/centos\/openssl-libs is openssl; version 1\.0\.2k-16\.el7 from the purl, package revision -16\.el7 dropped, letter suffix k dropped -> cycle 1\.0\.2$/);
  });

  it('the text table names confidence and reason; bad catalogs exit 2', async () => {
    const r = await runCli(['match', portfolio, '--catalog', SNAPSHOT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^component +catalog cycle +support end +extended +confidence +reason/m);
    expect(r.stdout).toMatch(/4 proposals from /);
    const none = await runCli(['match', portfolio]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no catalog given/);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '[{"cycle": "1", "eol": "soon"}]');
    const b = await runCli(['match', portfolio, '--catalog', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.json: cycle index 0 \("1"\), field eol: /);
  });
});
