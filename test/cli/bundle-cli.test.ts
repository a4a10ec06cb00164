import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { readBundle, REPORT_MISMATCH_REASON, type SigningKey } from '../../shared/bundle';
import { swapReport } from '../fixtures/bundles/sample';
import { parseTemplateCsv } from '../../shared/csv';
import { ROOT, runCli } from './run-cli';

const SAMPLE = join(ROOT, 'assets', 'sample-portfolio.csv');
const AS_OF = '2026-11-28';

let tmp: string;
let bundle: string;
const at = (name: string): string => join(tmp, name);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-bundle-cli-'));
  // run-cli passes process.env on: the key is created here, never in the real config folder
  process.env.SUPPORTSPAN_CONFIG_DIR = join(tmp, 'config');
  bundle = at('sample.sspan');
  const r = await runCli(['export', SAMPLE, '-o', bundle, '--as-of', AS_OF]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});
afterAll(() => {
  delete process.env.SUPPORTSPAN_CONFIG_DIR;
  rmSync(tmp, { recursive: true, force: true });
});

function copyWith(name: string, change: (bytes: Buffer) => Buffer): string {
  const path = at(name);
  writeFileSync(path, change(readFileSync(bundle)));
  return path;
}

describe('export', () => {
  it('writes a bundle of the CSV that reads back with the same portfolio, and leaves no temporary file', async () => {
    const read = await readBundle(new Uint8Array(readFileSync(bundle)));
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.portfolio).toEqual(parseTemplateCsv(readFileSync(SAMPLE, 'utf8')).portfolio);
    expect(read.bundle.manifest.asOf).toBe(AS_OF);
    expect(read.bundle.manifest.signature).toBeNull();
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('scopes by product line name', async () => {
    const line = parseTemplateCsv(readFileSync(SAMPLE, 'utf8')).portfolio.lines[0]!;
    const out = at('line.sspan');
    const r = await runCli(['export', SAMPLE, '-o', out, '--as-of', AS_OF, '--scope', `line:${line.name.toUpperCase()}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`product line "${line.name}"`);
    const read = await readBundle(new Uint8Array(readFileSync(out)));
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.portfolio.lines.map((l) => l.id)).toEqual([line.id]);
  });

  it('refuses an unknown scope, a bad --as-of, a missing -o, and an output that is the input, writing nothing', async () => {
    const out = at('never.sspan');
    const cases: [string[], RegExp][] = [
      [['export', SAMPLE, '-o', out, '--scope', 'line:No Such Line'], /no product line named "No Such Line"/],
      [['export', SAMPLE, '-o', out, '--scope', 'shelf:x'], /--scope "shelf:x" is not one of/],
      [['export', SAMPLE, '-o', out, '--as-of', '2026-02-30'], /--as-of/],
      [['export', SAMPLE], /no output file given/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(existsSync(out)).toBe(false);
    const before = readFileSync(bundle);
    const same = await runCli(['export', bundle, '-o', bundle]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/is the input file/);
    expect(readFileSync(bundle).equals(before)).toBe(true);
  });

  it('re-exports a bundle into a new bundle with the same data', async () => {
    const out = at('again.sspan');
    const r = await runCli(['export', bundle, '-o', out]);
    expect(r.code).toBe(0);
    const a = await readBundle(new Uint8Array(readFileSync(bundle)));
    const b = await readBundle(new Uint8Array(readFileSync(out)));
    if (!a.ok || !b.ok) throw new Error('unreadable');
    expect(b.bundle.portfolio).toEqual(a.bundle.portfolio);
    // a bundle input keeps its own as-of day unless told otherwise
    expect(b.bundle.manifest.asOf).toBe(AS_OF);
    expect(b.bundle.analysis.findings).toEqual(a.bundle.analysis.findings);
  });
});

describe('verify', () => {
  it('exits 0 for an intact unsigned bundle and says it is unsigned', async () => {
    const r = await runCli(['verify', bundle]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/intact but unsigned/);
    expect(r.stdout).toMatch(/8 products, 93 components/);
  });

  it('exits 1 when one byte of a file inside the bundle is changed, naming the file', async () => {
    const entries = unzipSync(new Uint8Array(readFileSync(bundle)));
    const data = entries['data/portfolio.json']!;
    const pos = data.indexOf(0x7b, data.length >> 1); // a '{' in the middle of the data
    data[pos] = 0x5b; // '[' : one byte, still text
    const changed = at('content-changed.sspan');
    writeFileSync(changed, zipSync(entries));
    const r = await runCli(['verify', changed]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID: the file data\/portfolio\.json does not match its hash/);
  });

  it('exits 1 when one byte of the file itself is changed (an entry name), with the reason', async () => {
    const bytes = readFileSync(bundle);
    // the first occurrence of the name is its local header; the zip directory still lists the original name
    const offset = bytes.indexOf('data/portfolio.json') + 'data/'.length;
    const changed = copyWith('flipped.sspan', (b) => {
      const c = Buffer.from(b);
      c[offset] = 'q'.charCodeAt(0);
      return c;
    });
    expect(readFileSync(changed).equals(bytes)).toBe(false);
    const r = await runCli(['verify', changed]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID: .*do not match its directory/);
  });

  it('exits 1 for every one of a spread of single-byte changes that leave the file readable as a zip', async () => {
    const size = readFileSync(bundle).length;
    const offsets = [40, Math.floor(size / 5), Math.floor(size / 2), Math.floor((size * 4) / 5)];
    for (const offset of offsets) {
      const path = copyWith(`flip-${offset}.sspan`, (b) => {
        const c = Buffer.from(b);
        c[offset] = c[offset]! ^ 0x80;
        return c;
      });
      const r = await runCli(['verify', path, '--format', 'json']);
      const out = JSON.parse(r.stdout);
      expect(out.state, `offset ${offset}`).toBe('invalid');
      expect(r.code, `offset ${offset}`).toBe(out.unreadable ? 2 : 1);
      expect(out.reasons.length).toBeGreaterThan(0);
    }
  });

  it('exits 2 for a truncated file and for a file that is not a bundle, saying why', async () => {
    const truncated = copyWith('truncated.sspan', (b) => b.subarray(0, Math.floor(b.length / 2)));
    const r = await runCli(['verify', truncated]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unreadable: .*(damaged|truncated)/);

    const text = at('not-a-bundle.sspan');
    writeFileSync(text, 'product_line,product\n');
    const t = await runCli(['verify', text]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/not a zip/);

    const missing = await runCli(['verify', at('missing.sspan')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('--sign creates a private key file (0600) and prints its fingerprint; verify shows it as unknown until --trust makes it valid', async () => {
    const signed = at('signed.sspan');
    const e = await runCli(['export', SAMPLE, '-o', signed, '--as-of', AS_OF, '--sign']);
    expect(e.code).toBe(0);
    const fingerprint = /signed by ((?:[0-9a-f]{4} ){15}[0-9a-f]{4})/.exec(e.stdout)?.[1];
    expect(fingerprint, e.stdout).toBeDefined();
    const keyFile = join(tmp, 'config', 'signing-key.json');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = JSON.parse(readFileSync(keyFile, 'utf8'));
    expect(key.fingerprint).toBe(fingerprint!.replace(/ /g, ''));
    expect(readFileSync(signed).toString('latin1')).not.toContain(key.privateJwk.d);

    const unknown = await runCli(['verify', signed]);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toContain(`signed by an unknown key ${fingerprint}`);

    const trusted = await runCli(['verify', signed, '--trust', fingerprint!]);
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toMatch(/valid: intact and signed by a trusted key/);

    const other = await runCli(['verify', signed, '--trust', 'ab'.repeat(32)]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/unknown key .*not one of the --trust/);

    const unsignedStrict = await runCli(['verify', bundle, '--trust', fingerprint!]);
    expect(unsignedStrict.code).toBe(1);

    // a second export reuses the same key
    const again = await runCli(['export', SAMPLE, '-o', at('signed-2.sspan'), '--as-of', AS_OF, '--sign']);
    expect(again.stdout).toContain(`signed by ${fingerprint}`);
    expect(again.stdout).not.toContain('created your signing key');
  });

  it('exits 1 for a signed bundle whose report.html was replaced and signed again with the same key, saying so', async () => {
    const signed = at('report-signed.sspan');
    const e = await runCli(['export', SAMPLE, '-o', signed, '--as-of', AS_OF, '--sign']);
    expect(e.code).toBe(0);
    const key = JSON.parse(readFileSync(join(tmp, 'config', 'signing-key.json'), 'utf8')) as SigningKey;
    const intact = await runCli(['verify', signed, '--trust', key.fingerprint]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('report.html is exactly the report its data produces');

    const swapped = at('report-swapped.sspan');
    writeFileSync(swapped, await swapReport(new Uint8Array(readFileSync(signed)), key));
    const r = await runCli(['verify', swapped, '--trust', key.fingerprint]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`INVALID: ${REPORT_MISMATCH_REASON}`);
    const json = await runCli(['verify', swapped, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: 'invalid', reasons: [REPORT_MISMATCH_REASON] });

    // report never uses the shipped report: it renders from the data (and refuses an invalid bundle)
    const rep = await runCli(['report', swapped, '-o', at('swapped-report.html')]);
    expect(rep.code).not.toBe(0);
  });

  it('refuses a key file others can read, and a malformed --trust', async () => {
    const dir = mkdtempSync(join(tmp, 'loose-'));
    writeFileSync(join(dir, 'signing-key.json'), '{}', { mode: 0o644 });
    const saved = process.env.SUPPORTSPAN_CONFIG_DIR;
    process.env.SUPPORTSPAN_CONFIG_DIR = dir;
    let r;
    try {
      r = await runCli(['export', SAMPLE, '-o', at('loose.sspan'), '--sign']);
    } finally {
      process.env.SUPPORTSPAN_CONFIG_DIR = saved;
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/can be read by other users/);
    expect(existsSync(at('loose.sspan'))).toBe(false);
    const bad = await runCli(['verify', bundle, '--trust', 'not-hex']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a fingerprint/);
  });
});

describe('verify and report re-run the analysis', () => {
  const OLD_RULES = join(ROOT, 'test', 'fixtures', 'bundles', 'sample-signed.sspan');
  interface Rerun { differing: number; same: number; changed: { key: string }[]; onlyRecorded: unknown[]; onlyCurrent: unknown[]; rulePacksOtherVersion: { id: string; recorded: string; available: string }[] }

  it('a bundle whose data gives the findings it recorded says so, in text and JSON', async () => {
    const text = await runCli(['verify', bundle]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('re-analysis: its data gives the findings it recorded (55 findings the same)');
    const json = JSON.parse((await runCli(['verify', bundle, '--format', 'json'])).stdout) as { reanalysis: Rerun };
    expect(json.reanalysis).toMatchObject({ differing: 0, same: 55, changed: [], onlyRecorded: [], onlyCurrent: [], rulePacksOtherVersion: [] });
  });

  it('a bundle whose re-analysis differs (older rule packs) is still intact, and verify and the report say how many findings differ', async () => {
    const json = JSON.parse((await runCli(['verify', OLD_RULES, '--format', 'json'])).stdout) as { state: string; exitCode: number; reanalysis: Rerun };
    expect(json.state).toBe('unknown-key');
    expect(json.exitCode).toBe(0);
    const r = json.reanalysis;
    expect(r.differing).toBe(r.changed.length + r.onlyRecorded.length + r.onlyCurrent.length);
    expect(r.differing).toBeGreaterThan(0);
    expect(r.rulePacksOtherVersion.map((p) => p.id).sort()).toEqual(['eu-cra', 'uk-psti']);
    // the same comparison `analyze --compare` makes
    const compare = JSON.parse((await runCli(['analyze', OLD_RULES, '--compare', '--format', 'json'])).stdout) as { comparison: Omit<Rerun, 'differing' | 'rulePacksOtherVersion'> };
    expect(compare.comparison.changed.map((c) => c.key)).toEqual(r.changed.map((c) => c.key));
    expect(compare.comparison.onlyCurrent).toEqual(r.onlyCurrent);

    const text = await runCli(['verify', OLD_RULES]);
    expect(text.stdout).toContain(`re-analysis: ${r.differing} findings differ from those the bundle recorded: ${r.changed.length} changed, ${r.onlyRecorded.length} recorded but not found now, ${r.onlyCurrent.length} new`);
    expect(text.stdout).toMatch(/rule pack eu-cra 2024\.1 re-run as \S+/);

    const html = at('old-rules.html');
    expect((await runCli(['report', OLD_RULES, '-o', html])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`${r.differing} findings differ from those the bundle recorded (${r.changed.length} changed, ${r.onlyRecorded.length} recorded but not found now, ${r.onlyCurrent.length} new; ${r.same} the same). This report shows the findings the bundle recorded`);
    const fresh = at('fresh.html');
    expect((await runCli(['report', bundle, '-o', fresh])).code).toBe(0);
    expect(readFileSync(fresh, 'utf8')).toContain("on the bundle&#39;s data and rule packs gives the findings the bundle recorded (55 findings the same).");
  });
});

describe('analyze and plan on a bundle', () => {
  it('analyze <file.sspan> gives the same findings as the CSV', async () => {
    const fromCsv = await runCli(['analyze', SAMPLE, '--as-of', AS_OF, '--format', 'json']);
    const fromBundle = await runCli(['analyze', bundle, '--format', 'json']);
    expect(fromBundle.code).toBe(0);
    expect(fromBundle.stderr).toBe('');
    expect(JSON.parse(fromBundle.stdout)).toEqual(JSON.parse(fromCsv.stdout));
  });

  it('--compare reports no difference for an untouched bundle and each difference at another as-of day (exit 1)', async () => {
    const same = await runCli(['analyze', bundle, '--compare']);
    expect(same.code).toBe(0);
    // 55: the sample's ecosystem services, effective support ends and AI model add findings the declared ends alone did not.
    expect(same.stdout).toMatch(/no difference \(55 findings the same\)/);

    const later = await runCli(['analyze', bundle, '--compare', '--as-of', '2034-01-01', '--format', 'json']);
    expect(later.code).toBe(1);
    expect(later.stderr).toMatch(/recorded as of 2026-11-28; this run is as of 2034-01-01/);
    const c = JSON.parse(later.stdout).comparison;
    expect(c.changed.length + c.onlyRecorded.length + c.onlyCurrent.length).toBeGreaterThan(0);
    expect(c.same + c.changed.length + c.onlyRecorded.length).toBe(55);

    const csv = await runCli(['analyze', SAMPLE, '--compare']);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/--compare needs a bundle/);
  });

  it('plan <file.sspan> gives the same plans as the CSV', async () => {
    const fromCsv = await runCli(['plan', SAMPLE, '--as-of', AS_OF, '--format', 'json']);
    const fromBundle = await runCli(['plan', bundle, '--format', 'json']);
    expect(fromBundle.code).toBe(0);
    expect(JSON.parse(fromBundle.stdout)).toEqual(JSON.parse(fromCsv.stdout));
  });

  it('analyze refuses a tampered bundle with exit 2 and the reason', async () => {
    const entries = unzipSync(new Uint8Array(readFileSync(bundle)));
    const findings = entries['analysis/findings.json']!;
    findings[findings.indexOf(0x68)] = 0x6c; // one 'h' becomes 'l' (e.g. high -> ligh)
    const changed = at('tampered-analyze.sspan');
    writeFileSync(changed, zipSync(entries));
    const r = await runCli(['analyze', changed]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is invalid: .+/);
  });
});

describe('report', () => {
  it('writes the report with every user string escaped and the verified state', async () => {
    const hostileCsv = at('hostile.csv');
    const [header, first] = readFileSync(SAMPLE, 'utf8').split(/\r?\n/);
    const cols = header!.split(',');
    const cells = first!.split(',');
    const script = '<script>alert(1)</script>';
    cells[cols.indexOf('product')] = `"Cam ${script} & <b>bold</b>"`;
    writeFileSync(hostileCsv, `${header}\n${cells.join(',')}\n`);
    const hostileBundle = at('hostile.sspan');
    const e = await runCli(['export', hostileCsv, '-o', hostileBundle, '--as-of', AS_OF]);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);

    const out = at('report.html');
    const r = await runCli(['report', hostileBundle, '-o', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('Cam &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toMatch(/Not signed/);
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an invalid bundle and never writes over its input', async () => {
    const truncated = copyWith('truncated-report.sspan', (b) => b.subarray(0, 100));
    const out = at('never.html');
    const r = await runCli(['report', truncated, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot be read/);
    expect(existsSync(out)).toBe(false);
    const before = readFileSync(bundle);
    const same = await runCli(['report', bundle, '-o', bundle]);
    expect(same.code).toBe(2);
    expect(readFileSync(bundle).equals(before)).toBe(true);
  });
});
