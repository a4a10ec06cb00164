import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle, type SigningKey } from '../../../shared/bundle';
import { unzipEntries, zipEntries } from '../../fixtures/bundles/sample';

const dir = join(import.meta.dirname, '../../fixtures/bundles');
const key = JSON.parse(readFileSync(join(dir, 'test-signing-key.json'), 'utf8')) as SigningKey;
const signed = new Uint8Array(readFileSync(join(dir, 'sample-signed.sspan')));
const unsigned = new Uint8Array(readFileSync(join(dir, 'sample-unsigned.sspan')));
const trusted = { trustedFingerprints: [key.fingerprint] };

function flipped(entries: Map<string, Uint8Array>, name: string, at: number, mask = 0x01): Uint8Array {
  const copy = new Map(entries);
  const b = entries.get(name)!.slice();
  b[at] = b[at]! ^ mask;
  copy.set(name, b);
  // Stored, not deflated: the test is about content, and it keeps thousands of cases quick.
  return zipEntries(copy, 0);
}

describe('tampering: every single-byte change is detected', () => {
  it('the untouched samples verify (valid with the pinned key, unsigned without a signature)', async () => {
    expect((await verifyBundle(signed, trusted)).state).toBe('valid');
    expect((await verifyBundle(zipEntries(unzipEntries(signed)), trusted)).state).toBe('valid');
    expect((await verifyBundle(unsigned)).state).toBe('unsigned');
  });

  it('flips bytes at several positions of every entry of the signed sample', async () => {
    const entries = unzipEntries(signed);
    for (const [name, bytes] of entries) {
      const positions = [...new Set([0, 1, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 2, bytes.length - 1].filter((i) => i >= 0))];
      for (const at of positions) {
        for (const mask of [0x01, 0x80, 0xff]) {
          const v = await verifyBundle(flipped(entries, name, at, mask), trusted);
          expect(v.state, `${name} byte ${at} ^ ${mask}: ${v.reasons.join('; ')}`).toBe('invalid');
        }
      }
    }
  });

  it('flips every byte of every file of the signed sample', { timeout: 300_000 }, async () => {
    const entries = unzipEntries(signed);
    let cases = 0;
    for (const [name, bytes] of entries) {
      for (let at = 0; at < bytes.length; at++) {
        const v = await verifyBundle(flipped(entries, name, at), trusted);
        if (v.state !== 'invalid') expect.fail(`${name} byte ${at} changed and the bundle still verifies as ${v.state}`);
        cases += 1;
      }
    }
    expect(cases).toBe([...entries.values()].reduce((n, b) => n + b.length, 0));
  });

  it('flips every byte of a small data file (analysis/plans.json), signed and unsigned', async () => {
    for (const bundle of [signed, unsigned]) {
      const entries = unzipEntries(bundle);
      const n = entries.get('analysis/plans.json')!.length;
      for (let at = 0; at < n; at++) {
        const v = await verifyBundle(flipped(entries, 'analysis/plans.json', at), trusted);
        expect(v.state, `plans.json byte ${at}`).toBe('invalid');
      }
    }
  });
});
