import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, readBundle, renderReportHtml, REPORT_MISMATCH_REASON, verifyBundle } from '../../../shared/bundle';

const dir = join(import.meta.dirname, '../../fixtures/bundles');
// jsdom ships no types here; the test needs only a parser and querySelector.
type Parsed = { window: { document: { querySelectorAll(s: string): ArrayLike<{ attributes: ArrayLike<{ name: string }> }> & Iterable<{ attributes: Iterable<{ name: string }> }>; querySelector(s: string): { textContent: string | null; getAttribute(n: string): string | null } | null } } };
const jsdomName = 'jsdom';
const { JSDOM } = (await import(jsdomName)) as { JSDOM: new (html: string) => Parsed };
const load = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

/** file -> [expected failure kind, message pattern]. */
const REFUSED: Record<string, ['unreadable' | 'invalid', RegExp]> = {
  'truncated.sspan': ['unreadable', /damaged or truncated/],
  'not-a-zip.sspan': ['unreadable', /not a zip archive/],
  'empty-file.sspan': ['unreadable', /not a zip archive/],
  'bomb-ratio.sspan': ['unreadable', /"data\/portfolio.json" would inflate \d+ times .*at most 200/],
  'bomb-lying-header.sspan': ['unreadable', /"data\/portfolio.json" inflates to more than the 1,000 bytes its header declares/],
  'name-dotdot.sspan': ['invalid', /"\.\.\/evil.sh" climbs out of the archive/],
  'name-absolute.sspan': ['invalid', /"\/etc\/cron.d\/evil" is an absolute path/],
  'name-backslash.sspan': ['invalid', /contains a backslash/],
  'name-drive-letter.sspan': ['invalid', /starts with a drive letter/],
  'name-control-char.sspan': ['invalid', /contains a control character/],
  'duplicate-names.sspan': ['invalid', /"data\/portfolio.json" appears twice/],
  'duplicate-names-case.sspan': ['invalid', /"report.html" and "REPORT.html" differ only in letter case/],
  'missing-file.sspan': ['invalid', /analysis\/plans.json listed in the manifest is missing/],
  'extra-file.sspan': ['invalid', /interchange\/extra.txt is not listed in the manifest/],
  'hash-mismatch.sspan': ['invalid', /data\/portfolio.json does not match its hash/],
  'invalid-json.sspan': ['invalid', /^data\/portfolio.json: not valid JSON/],
  'proto-key.sspan': ['invalid', /^data\/portfolio.json: products\[0\].__proto__: the key "__proto__" is not allowed/],
  'constructor-key.sspan': ['invalid', /^analysis\/findings.json: constructor: the key "constructor" is not allowed/],
  'schema-violation.sspan': ['invalid', /^data\/portfolio.json: products\[1\].category: /],
  'date-0000-00-00.sspan': ['invalid', /^data\/portfolio.json: products\[0\].declaredSupportEnd: year 0000/],
  'date-99999-01-01.sspan': ['invalid', /^data\/portfolio.json: products\[0\].components\[0\].securitySupportEnd: "99999-01-01" is not a date/],
  'newer-version.sspan': ['unreadable', new RegExp(`needs Supportspan format version 99; this app reads up to ${FORMAT_VERSION}`)],
  'wrong-format.sspan': ['unreadable', /not a Supportspan bundle/],
  'broken-chain.sspan': ['invalid', /history\/changes.json: the change log's hash chain is broken at entry 2/],
  'dangling-reference.sspan': ['invalid', /products\[0\].lineId: there is no product line "no-such-line"/],
  'counts-mismatch.sspan': ['invalid', /counts.products says 99 but the bundle holds 3/],
  'signature-removed.sspan': ['invalid', /signature.json is missing/],
  'v1-bad-date.sspan': ['invalid', /^data.json: products\[0\].supportEnd: month 13/],
  'replies-in-v3.sspan': ['invalid', /lists "data\/replies.json", which version 3 bundles do not have/],
};

/** Files that read fine, and the state verification gives them (no pinned key). */
const ACCEPTED: Record<string, string> = {
  'sample-unsigned.sspan': 'unsigned',
  'sample-signed.sspan': 'unknown-key',
  'sample-replies.sspan': 'unknown-key',
  'html-in-fields.sspan': 'unsigned',
  'v1-portfolio.sspan': 'unsigned',
  'v1-minimal.sspan': 'unsigned',
  // Reads (hashes match the rehashed manifest), but the signature no longer matches.
  'signature-forged-manifest.sspan': 'invalid',
  // Reads, and the signature holds, but its report.html is not the one its data produces (checked as the version that made it).
  'report-replaced-resigned.sspan': 'invalid',
};
/** The app version of every bundle in the corpus (sample.ts): the report check applies to them. */
const CORPUS_APP_VERSION = '0.1.0';

describe('hostile and broken bundles (committed corpus)', () => {
  it('has a test for every file in the corpus', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.sspan')).sort();
    expect(files).toEqual([...Object.keys(REFUSED), ...Object.keys(ACCEPTED)].sort());
  });

  for (const [file, [kind, pattern]] of Object.entries(REFUSED)) {
    it(`refuses ${file} with a clear message`, async () => {
      const r = await readBundle(load(file), { maxRatio: 200 });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatch(pattern);
      expect(r.kind).toBe(kind);
      const v = await verifyBundle(load(file));
      expect(v.state).toBe('invalid');
      expect(v.unreadable === true).toBe(kind === 'unreadable');
    });
  }

  for (const [file, state] of Object.entries(ACCEPTED)) {
    it(`verifies ${file} as ${state}`, async () => {
      expect((await verifyBundle(load(file), { appVersion: CORPUS_APP_VERSION })).state).toBe(state);
    });
  }

  it('refuses report-replaced-resigned.sspan (report.html replaced and signed again with the same key) for the version that made it', async () => {
    const bytes = load('report-replaced-resigned.sspan');
    const read = await readBundle(bytes);
    if (!read.ok) throw new Error(read.error);
    const v = await verifyBundle(bytes, { appVersion: read.bundle.manifest.appVersion });
    expect(v.state).toBe('invalid');
    expect(v.reasons).toEqual([REPORT_MISMATCH_REASON]);
    // another version does not compare, and never shows the shipped report
    const other = await verifyBundle(bytes, { appVersion: '0.0.0-other' });
    expect(other.state).toBe('unknown-key');
    expect(other.bundle!.reportHtml).not.toContain('fully compliant');
  });

  it('does not pollute prototypes when a bundle carries __proto__ or constructor keys', async () => {
    await readBundle(load('proto-key.sspan'));
    await readBundle(load('constructor-key.sspan'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses the lying-header bomb without inflating past the declared size, even with generous limits', async () => {
    const r = await readBundle(load('bomb-lying-header.sspan'), { maxRatio: 1e9, ratioFloorBytes: 1e9 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/more than the 1,000 bytes its header declares/);
  });

  it('refuses by total size, entry count and file size limits', async () => {
    const bytes = load('sample-unsigned.sspan');
    const small = await readBundle(bytes, { maxCompressedBytes: 1000 });
    expect(!small.ok && small.error).toMatch(/larger than the 1,000 bytes a bundle may be/);
    const few = await readBundle(bytes, { maxEntries: 3 });
    expect(!few.ok && few.error).toMatch(/at most 3/);
    const total = await readBundle(bytes, { maxTotalUncompressedBytes: 2000 });
    expect(!total.ok && total.error).toMatch(/would inflate to .* more than the .* limit/);
  });

  it('reads HTML and script in every text field as plain data, and the report shows it as text', async () => {
    const r = await readBundle(load('html-in-fields.sspan'));
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.portfolio.products[0]!.name).toContain('<script>alert(1)</script>');
    for (const html of [r.bundle.reportHtml, renderReportHtml({ ...r.bundle.manifest, portfolio: r.bundle.portfolio, findings: r.bundle.analysis.findings, signature: { state: 'invalid', reasons: ['<b>x</b>'] } })]) {
      const doc = new JSDOM(html).window.document;
      expect(doc.querySelectorAll('script, img, iframe, object, embed, link, a[href]')).toHaveLength(0);
      const withHandlers = [...doc.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on')));
      expect(withHandlers).toHaveLength(0);
      expect(doc.querySelector('h3')!.textContent).toBe('Thermostat T1 <script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;\'');
      expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;&#39;');
    }
  });
});

describe('version 1 bundles (migration on read)', () => {
  it('opens v1-portfolio with renamed fields migrated and its findings kept', async () => {
    const r = await readBundle(load('v1-portfolio.sspan'));
    if (!r.ok) throw new Error(r.error);
    const b = r.bundle;
    expect(b.formatVersion).toBe(1);
    expect(b.migratedFrom).toBe(1);
    expect(b.manifest.formatVersion).toBe(2);
    expect(b.manifest.scope).toEqual({ kind: 'portfolio' });
    const thermo = b.portfolio.products.find((p) => p.id === 'p-thermo')!;
    expect(thermo.declaredSupportEnd).toBe('2030-12');
    expect(thermo.components.find((c) => c.id === 'c-soc')!.securitySupportEnd).toBe('2029-03');
    expect(b.portfolio.decisions).toEqual([]);
    expect(b.history).toEqual([]);
    expect(b.analysis.findings).toHaveLength(1);
    expect(b.analysis.asOf).toBe('2025-11-01');
    expect(b.reportHtml).toContain('Thermostat T1');
  });

  it('opens the minimal v1 bundle', async () => {
    const r = await readBundle(load('v1-minimal.sspan'));
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.portfolio.lines.map((l) => l.name)).toEqual(['Only line']);
    expect(r.bundle.analysis.findings).toEqual([]);
  });
});
