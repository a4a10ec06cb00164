import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildAuditResponse, generateSigningKey, ORGANISATION_NOT_STATED, renderResponseReportHtml, reviewerLine, sha256Hex, verifyAuditResponse,
  type CreateResponseInput, type ReviewInput,
} from '../../../shared/bundle';

const HASH = 'a'.repeat(64);
const SIGNER = 'b'.repeat(64);

function review(): ReviewInput {
  return {
    reviewer: 'Iris <Auditor>',
    organisation: 'Notified <Body> & Co',
    summary: 'Mostly fine; see the <script>alert(1)</script> notes.',
    entries: [
      { findingKey: 'k2', status: 'disputed', note: 'Supplier letter says 2032 & later', updatedAt: '2026-11-30T10:00:00.000Z', finding: { kind: 'component-support-gap', severity: 'high', product: 'Thermostat <T1>', component: 'SoC', message: 'Gap of 400 days' } },
      { findingKey: 'k1', status: 'agreed', note: '', updatedAt: '2026-11-30T10:01:00.000Z', finding: { kind: 'missing-data', severity: 'low', product: 'Lock', component: null, message: 'Missing' } },
      { findingKey: 'k3', status: 'needs-evidence', note: 'send the test report', updatedAt: '2026-11-30T10:02:00.000Z', finding: null },
    ],
  };
}

function input(signingKey: CreateResponseInput['signingKey']): CreateResponseInput {
  return {
    original: { manifestHash: HASH, manifest: { createdAt: '2026-11-28T10:00:00.000Z', asOf: '2026-11-28', scope: { kind: 'portfolio' } }, verification: 'valid', signer: SIGNER },
    review: review(),
    appVersion: '1.2.3',
    createdAt: '2026-11-30T12:00:00.000Z',
    signingKey,
  };
}

describe('auditor response', () => {
  it('round-trips a signed response and refers to the reviewed manifest', async () => {
    const key = await generateSigningKey();
    const built = await buildAuditResponse(input(key));
    const unknown = await verifyAuditResponse(built.bytes);
    expect(unknown.state).toBe('unknown-key');
    expect(unknown.fingerprint).toBe(key.fingerprint);
    const v = await verifyAuditResponse(built.bytes, { trustedFingerprints: [key.fingerprint] });
    expect(v.state).toBe('valid');
    expect(v.manifest?.original.manifestHash).toBe(HASH);
    expect(v.manifest?.original.signer).toBe(SIGNER);
    expect(v.manifest?.counts).toEqual({ entries: 3, agreed: 1, disputed: 1, needsEvidence: 1 });
    expect(v.review?.entries.map((e) => e.findingKey)).toEqual(['k1', 'k2', 'k3']);
    expect(v.review?.entries[1]?.note).toBe('Supplier letter says 2032 & later');
    expect(v.manifestHash).toBe(await sha256Hex(built.manifestBytes));
    // the private key is never in the file
    const files = unzipSync(built.bytes);
    const all = Object.values(files).map((b) => new TextDecoder().decode(b)).join('\n');
    expect(all).not.toContain(key.privateJwk.d);
    expect(Object.keys(files).sort()).toEqual(['manifest.json', 'report.html', 'review.json', 'signature.json']);
  });

  it('is deterministic for the same input', async () => {
    const key = await generateSigningKey();
    const a = await buildAuditResponse(input(key));
    const b = await buildAuditResponse(input(key));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('verifies an unsigned response as unsigned', async () => {
    const built = await buildAuditResponse(input(null));
    expect((await verifyAuditResponse(built.bytes)).state).toBe('unsigned');
  });

  it('escapes every text in its report', async () => {
    const built = await buildAuditResponse(input(null));
    expect(built.reportHtml).not.toContain('<script>');
    expect(built.reportHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(built.reportHtml).toContain('Thermostat &lt;T1&gt;');
    expect(built.reportHtml).toContain('Iris &lt;Auditor&gt;');
    expect(built.reportHtml).toContain("default-src 'none'");
  });

  it('is invalid after any single changed byte of any file', async () => {
    const key = await generateSigningKey();
    const built = await buildAuditResponse(input(key));
    const files = unzipSync(built.bytes);
    for (const name of Object.keys(files)) {
      const original = files[name]!;
      // a sample of positions in each file, including the first and the last
      const positions = [...new Set([0, 1, Math.floor(original.length / 2), original.length - 2, original.length - 1])];
      for (const at of positions) {
        const changed = original.slice();
        changed[at] = changed[at]! ^ 0x01;
        const zipped: Zippable = { ...files, [name]: changed };
        const v = await verifyAuditResponse(zipSync(zipped));
        expect(v.state, `${name} byte ${at}`).toBe('invalid');
      }
    }
  });

  it('is invalid when the signature is removed or a file is added', async () => {
    const key = await generateSigningKey();
    const files = unzipSync((await buildAuditResponse(input(key))).bytes);
    const { ['signature.json']: _removed, ...unsigned } = files;
    const removed = await verifyAuditResponse(zipSync(unsigned));
    expect(removed.state).toBe('invalid');
    expect(removed.reasons.join(' ')).toMatch(/signature\.json: missing/);
    const extra = await verifyAuditResponse(zipSync({ ...files, 'extra.txt': new Uint8Array([1]) }));
    expect(extra.state).toBe('invalid');
    expect(extra.reasons.join(' ')).toMatch(/extra\.txt/);
  });

  it('refuses a file that is not a response, and an invalid review', async () => {
    expect((await verifyAuditResponse(new Uint8Array([1, 2, 3]))).state).toBe('invalid');
    const bad = input(null);
    bad.review.entries.push({ ...bad.review.entries[0]! });
    await expect(buildAuditResponse(bad)).rejects.toThrow(/reviewed twice/);
    const badStatus = input(null);
    (badStatus.review.entries[0] as { status: string }).status = 'maybe';
    await expect(buildAuditResponse(badStatus)).rejects.toThrow(/review is not valid/);
  });
});

const V1_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'responses', 'response-v1.sspan-response');
const EARLIER = 'e'.repeat(64);

function threaded(): ReviewInput {
  const r = review();
  r.entries[0] = {
    ...r.entries[0]!,
    history: [{ note: 'First <i>look</i>', savedAt: '2026-11-29T08:00:00.000Z' }, { note: 'Asked for the letter & test report', savedAt: '2026-11-29T09:00:00.000Z' }],
    replies: [
      { responseId: EARLIER, text: 'Second <reply>', author: 'Mara', at: '2026-11-20T08:00:00.000Z', answered: null },
      { responseId: EARLIER, text: 'Letter attached <script>x</script>', author: 'Mara & Co', at: '2026-11-10T08:00:00.000Z', answered: { status: 'disputed', note: 'Where is the <b>letter</b>?', updatedAt: '2026-11-01T08:00:00.000Z' } },
    ],
  };
  return r;
}

/** A built response with its review.json replaced and the manifest's hash of it fixed (unsigned, so nothing else breaks). */
async function withReview(bytes: Uint8Array, change: (review: Record<string, unknown>) => void): Promise<Uint8Array> {
  const files = unzipSync(bytes);
  const reviewJson = JSON.parse(new TextDecoder().decode(files['review.json'])) as Record<string, unknown>;
  change(reviewJson);
  const reviewBytes = new TextEncoder().encode(JSON.stringify(reviewJson));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: Record<string, string> };
  manifest.files['review.json'] = await sha256Hex(reviewBytes);
  return zipSync({ ...files, 'review.json': reviewBytes, 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) });
}

describe('auditor response format version 2', () => {
  it('writes the name and organisation apart, the note history and the thread, and reads them back from the zip', async () => {
    const key = await generateSigningKey();
    const built = await buildAuditResponse({ ...input(key), review: threaded() });
    expect(built.manifest.formatVersion).toBe(2);
    const files = unzipSync(built.bytes);
    const onDisk = JSON.parse(new TextDecoder().decode(files['review.json'])) as { reviewer: string; organisation: string; entries: { findingKey: string; history: unknown[]; replies: unknown[] }[] };
    expect([onDisk.reviewer, onDisk.organisation]).toEqual(['Iris <Auditor>', 'Notified <Body> & Co']);
    // every entry carries both lists, empty where there is nothing
    expect(onDisk.entries.map((e) => [e.findingKey, e.history.length, e.replies.length])).toEqual([['k1', 0, 0], ['k2', 2, 2], ['k3', 0, 0]]);
    const v = await verifyAuditResponse(built.bytes, { trustedFingerprints: [key.fingerprint] });
    expect(v.state).toBe('valid');
    expect(v.migratedFrom).toBeUndefined();
    expect(v.review?.organisation).toBe('Notified <Body> & Co');
    const k2 = v.review!.entries.find((e) => e.findingKey === 'k2')!;
    expect(k2.history.map((h) => h.note)).toEqual(['First <i>look</i>', 'Asked for the letter & test report']);
    expect(k2.replies.map((r) => r.text)).toEqual(['Second <reply>', 'Letter attached <script>x</script>']);
    expect(k2.replies[1]!.answered?.note).toBe('Where is the <b>letter</b>?');
  });

  it('refuses to write a review without a name or an organisation', async () => {
    await expect(buildAuditResponse({ ...input(null), review: { ...review(), organisation: '  ' } })).rejects.toThrow(/the reviewer's organisation is required/);
    await expect(buildAuditResponse({ ...input(null), review: { ...review(), reviewer: '' } })).rejects.toThrow(/the reviewer's name is required/);
  });

  it('finds a version 2 review.json without its organisation invalid, naming the field', async () => {
    const built = await buildAuditResponse(input(null));
    const v = await verifyAuditResponse(await withReview(built.bytes, (r) => { delete r.organisation; }));
    expect(v.state).toBe('invalid');
    expect(v.reasons.join(' ')).toMatch(/review\.json.*organisation/);
  });

  it('still opens the committed version 1 response: the reviewer field kept as the name, the organisation not stated, no history or thread', async () => {
    const bytes = new Uint8Array(readFileSync(V1_FIXTURE));
    const v = await verifyAuditResponse(bytes);
    expect(v.state).toBe('unknown-key');
    expect(v.manifest?.formatVersion).toBe(1);
    expect(v.migratedFrom).toBe(1);
    expect(v.review?.reviewer).toBe('Iris Auditor <Notified body>');
    expect(v.review?.organisation).toBeNull();
    expect(v.review?.entries).toHaveLength(2);
    expect(v.review?.entries.every((e) => e.history.length === 0 && e.replies.length === 0)).toBe(true);
    expect(reviewerLine(v.review!)).toBe('Iris Auditor <Notified body> (organisation not stated: version 1 response)');
    const html = renderResponseReportHtml({ manifest: v.manifest!, review: v.review!, state: v.state });
    expect(html).toContain(`<dt>Organisation</dt><dd>${ORGANISATION_NOT_STATED}</dd>`);
    // a version 1 review.json with the version 2 fields is not version 1
    const files = unzipSync(bytes);
    expect(new TextDecoder().decode(files['review.json'])).not.toContain('organisation');
  });

  it('shows the thread in order (earlier note, reply, this note) and the earlier versions in its report, every text escaped', async () => {
    const built = await buildAuditResponse({ ...input(null), review: threaded() });
    const html = built.reportHtml;
    expect(html).toContain('<dt>Reviewer</dt><dd>Iris &lt;Auditor&gt;</dd>');
    expect(html).toContain('<dt>Organisation</dt><dd>Notified &lt;Body&gt; &amp; Co</dd>');
    const at = (text: string) => html.indexOf(text);
    const order = [
      'Where is the &lt;b&gt;letter&lt;/b&gt;?',
      'Letter attached &lt;script&gt;x&lt;/script&gt;',
      "not kept on the reviewer's computer",
      'Second &lt;reply&gt;',
      'This note, 2026-11-30T10:00:00.000Z',
      'Supplier letter says 2032 &amp; later',
      '<summary>2 earlier versions</summary>',
      'First &lt;i&gt;look&lt;/i&gt;',
    ].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('Manufacturer\'s reply by Mara &amp; Co, 2026-11-10T08:00:00.000Z');
    expect(html).not.toMatch(/<script|<b>|<i>|<reply>/);
  });
});
