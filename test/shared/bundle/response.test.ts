import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildAuditResponse, generateSigningKey, sha256Hex, verifyAuditResponse, type CreateResponseInput, type ReviewInput,
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
