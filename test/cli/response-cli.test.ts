import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { buildAuditResponse, readBundle, sha256Hex, type SigningKey } from '../../shared/bundle';
import { ROOT, runCli } from './run-cli';

const FIX = join(ROOT, 'test', 'fixtures', 'responses');
const RESPONSE = join(FIX, 'response-v1.sspan-response');
const RESPONSE_V2 = join(FIX, 'response-v2.sspan-response');
const TAMPERED = join(FIX, 'tampered.sspan-response');
const UNKNOWN = join(FIX, 'unknown-bundle.sspan-response');
const ORIGINAL = join(ROOT, 'test', 'fixtures', 'bundles', 'sample-signed.sspan');
const AUDITOR = (JSON.parse(readFileSync(join(FIX, 'auditor-signing-key.json'), 'utf8')) as SigningKey);

interface CheckJson { id: string; label: string; outcome: string; detail: string }
interface EntryJson { findingKey: string; note: string; history: { note: string; savedAt: string }[]; replies: { responseId: string; text: string; author: string; answered: { note: string } | null }[] }
interface VerifyJson {
  kind: string; state: string; exitCode: number; unreadable: boolean; checks: CheckJson[];
  response: { reviewer: string; organisation: string | null; formatVersion: number; migratedFrom: number | null; original: { manifestHash: string }; entries: EntryJson[] } | null;
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-response-cli-'));
  process.env.SUPPORTSPAN_CONFIG_DIR = join(tmp, 'config');
});
afterAll(() => {
  delete process.env.SUPPORTSPAN_CONFIG_DIR;
  rmSync(tmp, { recursive: true, force: true });
});

const outcomes = (j: VerifyJson) => Object.fromEntries(j.checks.map((c) => [c.id, c.outcome]));

describe('verify on an auditor response', () => {
  it('names every check of the committed response to the bundle given with --bundle, and passes', async () => {
    const r = await runCli(['verify', RESPONSE, '--bundle', ORIGINAL, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as VerifyJson;
    expect(j.kind).toBe('audit-response');
    expect(j.state).toBe('unknown-key');
    expect(outcomes(j)).toEqual({ integrity: 'passed', signature: 'warning', reference: 'passed', exported: 'passed' });
    const read = await readBundle(new Uint8Array(readFileSync(ORIGINAL)));
    if (!read.ok) throw new Error(read.error);
    expect(j.response?.original.manifestHash).toBe(read.bundle.manifestHash);
    // version 1: the one reviewer field is the name, as it was; the organisation is not stated (null), and the text says so
    expect(j.response?.reviewer).toBe('Iris Auditor <Notified body>');
    expect(j.response?.organisation).toBeNull();
    expect(j.response?.formatVersion).toBe(1);
    expect(j.response?.migratedFrom).toBe(1);
    expect(j.response?.entries.every((e) => e.history.length === 0 && e.replies.length === 0)).toBe(true);
    const text = await runCli(['verify', RESPONSE, '--bundle', ORIGINAL]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}reviewer: Iris Auditor <Notified body>; organisation: not stated \(a version 1 response/m);
    expect(text.stdout).toMatch(/response format version 1 \(read as version 2\)/);
  });

  it('reads a version 2 response: name and organisation apart, the note history and the thread, in text and JSON', async () => {
    const r = await runCli(['verify', RESPONSE_V2, '--bundle', ORIGINAL, '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as VerifyJson;
    expect(outcomes(j)).toEqual({ integrity: 'passed', signature: 'warning', reference: 'passed', exported: 'passed' });
    expect(j.response).toMatchObject({ reviewer: 'Iris Auditor', organisation: 'Notified body <NB 0001> & partners', formatVersion: 2, migratedFrom: null });
    const disputed = j.response!.entries.find((e) => e.replies.length > 0)!;
    expect(disputed.history.map((h) => h.note)).toEqual(['First look: <i>maybe</i> a gap.', 'Asked for the supplier letter.']);
    const v1Id = await sha256Hex(unzipSync(new Uint8Array(readFileSync(RESPONSE)))['manifest.json']!);
    expect(disputed.replies).toEqual([expect.objectContaining({ responseId: v1Id, author: 'Mara Maker & Co', answered: expect.objectContaining({ note: 'Where is the supplier letter? <b>needed</b>' }) })]);
    const text = await runCli(['verify', RESPONSE_V2, '--bundle', ORIGINAL]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}reviewer: Iris Auditor; organisation: Notified body <NB 0001> & partners$/m);
    expect(text.stdout).toMatch(/^ {2}written 2026-03-02T10:00:00.000Z by Supportspan 1.0.0; response format version 2$/m);
    expect(text.stdout).toMatch(/^ {2}thread: 1 manufacturer reply answered; 2 earlier note versions/m);
  });

  it('is valid with the reviewer\'s key trusted, and fails --trust with another key', async () => {
    const ok = await runCli(['verify', RESPONSE, '--bundle', ORIGINAL, '--trust', AUDITOR.fingerprint]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/auditor response valid/);
    expect(ok.stdout).toMatch(/^ {2}signature: passed/m);
    expect(ok.stdout).toMatch(/^ {2}exported: passed/m);
    const other = await runCli(['verify', RESPONSE, '--bundle', ORIGINAL, '--trust', 'd'.repeat(64)]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/not one of the --trust fingerprints/);
  });

  it('skips the bundle checks without a record of exported bundles, and says how to add one', async () => {
    const r = await runCli(['verify', RESPONSE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}exported: skipped/m);
    expect(r.stdout).toMatch(/--bundle FILE\.sspan/);
  });

  it('fails a tampered response (exit 1) with its integrity check failed', async () => {
    const r = await runCli(['verify', TAMPERED, '--bundle', ORIGINAL, '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as VerifyJson;
    expect(j.state).toBe('invalid');
    expect(outcomes(j)).toMatchObject({ integrity: 'failed', exported: 'skipped' });
    expect(j.checks.find((c) => c.id === 'integrity')?.detail).toMatch(/review\.json/);
    expect(j.response).toBeNull();
    const text = await runCli(['verify', TAMPERED]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/auditor response INVALID/);
  });

  it('fails a response to a bundle that was not exported here (exit 1)', async () => {
    const r = await runCli(['verify', UNKNOWN, '--bundle', ORIGINAL]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FAILED: reviewed bundle exported here/);
    expect(r.stderr).toMatch(/exported: failed: the reviewed bundle c{64} is not one this workspace exported/);
  });

  it('knows the bundles export wrote, without --bundle', async () => {
    const bundlePath = join(tmp, 'mine.sspan');
    const exp = await runCli(['export', join(ROOT, 'assets', 'sample-portfolio.csv'), '-o', bundlePath, '--as-of', '2026-11-28']);
    expect(exp.code).toBe(0);
    const read = await readBundle(new Uint8Array(readFileSync(bundlePath)));
    if (!read.ok) throw new Error(read.error);
    const b = read.bundle;
    const built = await buildAuditResponse({
      original: { manifestHash: b.manifestHash, manifest: b.manifest, verification: 'unsigned', signer: null },
      review: { reviewer: 'R', organisation: 'O', summary: '', entries: [] }, appVersion: '1.0.0', createdAt: '2026-12-01T10:00:00.000Z', signingKey: AUDITOR,
    });
    const responsePath = join(tmp, 'mine.sspan-response');
    writeFileSync(responsePath, built.bytes);
    const r = await runCli(['verify', responsePath, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(outcomes(JSON.parse(r.stdout) as VerifyJson)).toEqual({ integrity: 'passed', signature: 'warning', reference: 'passed', exported: 'passed' });
    // the record now exists, and the committed response's bundle is not in it
    const unknown = await runCli(['verify', RESPONSE]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/exported: failed/);
  });

  it('says a file that is neither a bundle nor a response is unreadable (exit 2)', async () => {
    const junk = join(tmp, 'junk.sspan-response');
    writeFileSync(junk, 'not a zip at all');
    const r = await runCli(['verify', junk]);
    expect(r.code).toBe(2);
  });
});

describe('report on an auditor response', () => {
  it('writes the response report with the state of this run, every text escaped', async () => {
    const out = join(tmp, 'response.html');
    const r = await runCli(['report', RESPONSE, '-o', out, '--trust', AUDITOR.fingerprint]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/auditor response by Iris Auditor <Notified body> \(organisation not stated: version 1 response\), 2 findings reviewed; response valid/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Signature valid, and the reviewer is a trusted key.');
    expect(html).toContain('<dt>Reviewer</dt><dd>Iris Auditor &lt;Notified body&gt;</dd>');
    expect(html).toContain('<dt>Organisation</dt><dd>not stated (a version 1 response names the reviewer in one field, shown as the name)</dd>');
    expect(html).toContain('&lt;b&gt;not&lt;/b&gt; a gap');
    expect(html).not.toContain('<b>not</b>');
  });

  it('writes a version 2 response\'s report: name and organisation, the thread in order and the earlier versions, escaped', async () => {
    const out = join(tmp, 'response-v2.html');
    const r = await runCli(['report', RESPONSE_V2, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/auditor response by Iris Auditor, Notified body <NB 0001> & partners, 2 findings reviewed; response unknown-key/);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<dt>Reviewer</dt><dd>Iris Auditor</dd>');
    expect(html).toContain('<dt>Organisation</dt><dd>Notified body &lt;NB 0001&gt; &amp; partners</dd>');
    // auditor's earlier note, the manufacturer's reply, then the new note
    const earlier = html.indexOf('Where is the supplier letter? &lt;b&gt;needed&lt;/b&gt;');
    const reply = html.indexOf('Letter attached: support to 2032 &lt;script&gt;alert(1)&lt;/script&gt;.');
    const now = html.indexOf('&lt;b&gt;not&lt;/b&gt; a gap');
    expect(earlier).toBeGreaterThan(0);
    expect(reply).toBeGreaterThan(earlier);
    expect(now).toBeGreaterThan(reply);
    expect(html).toContain("Manufacturer's reply by Mara Maker &amp; Co");
    expect(html).toContain('<summary>2 earlier versions</summary>');
    expect(html).toContain('First look: &lt;i&gt;maybe&lt;/i&gt; a gap.');
    expect(html).not.toMatch(/<script|<b>|<i>/);
  });

  it('refuses a tampered response and other formats, writing nothing', async () => {
    const out = join(tmp, 'tampered.html');
    const r = await runCli(['report', TAMPERED, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is invalid/);
    expect(existsSync(out)).toBe(false);
    const pdf = await runCli(['report', RESPONSE, '-o', join(tmp, 'r.pdf'), '--format', 'pdf']);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toMatch(/html only/);
  });
});
