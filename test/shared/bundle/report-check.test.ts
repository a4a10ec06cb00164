import { describe, expect, it } from 'vitest';
import { createBundle, generateSigningKey, readBundle, regenerateBundleReport, REPORT_MISMATCH_REASON, verifyBundle } from '../../../shared/bundle';
import { dec, enc, FORGED_REPORT, rehash, sampleInput, swapReport, unzipEntries, zipEntries } from '../../fixtures/bundles/sample';

describe("a bundle's own report.html is never trusted", () => {
  it('the exporter writes byte for byte the report that the data regenerates', async () => {
    const key = await generateSigningKey();
    for (const signingKey of [key, null]) {
      const bytes = await createBundle({ ...(await sampleInput()), signingKey });
      const read = await readBundle(bytes);
      if (!read.ok) throw new Error(read.error);
      expect(regenerateBundleReport(read.bundle)).toBe(dec(unzipEntries(bytes).get('report.html')!));
    }
  });

  it('a replaced report, re-signed with the same key, makes the bundle invalid with the reason', async () => {
    const key = await generateSigningKey();
    const input = await sampleInput({ signingKey: key });
    const swapped = await swapReport(await createBundle(input), key);
    // Every hash and the signature hold: only the report check can catch it.
    const read = await readBundle(swapped);
    expect(read.ok).toBe(true);
    const v = await verifyBundle(swapped, { trustedFingerprints: [key.fingerprint], appVersion: input.appVersion });
    expect(v.state).toBe('invalid');
    expect(v.reasons).toEqual([REPORT_MISMATCH_REASON]);
    expect(v.bundle).toBeUndefined();
    expect(v.fingerprint).toBe(key.fingerprint);
  });

  it('an unsigned bundle with a replaced report is invalid too', async () => {
    const input = await sampleInput();
    const entries = await rehash(new Map([...unzipEntries(await createBundle(input))].map(([k, b]) => [k, k === 'report.html' ? enc(FORGED_REPORT) : b])));
    const v = await verifyBundle(zipEntries(entries), { appVersion: input.appVersion });
    expect(v.state).toBe('invalid');
    expect(v.reasons).toEqual([REPORT_MISMATCH_REASON]);
  });

  it('from another app version the shipped report is not compared and not used: the bundle carries the regenerated one', async () => {
    const key = await generateSigningKey();
    const input = await sampleInput({ signingKey: key });
    const swapped = await swapReport(await createBundle(input), key);
    const v = await verifyBundle(swapped, { trustedFingerprints: [key.fingerprint], appVersion: '9.9.9' });
    expect(v.state).toBe('valid');
    expect(v.reportCheck).toBe('other-version');
    expect(v.bundle!.reportHtml).not.toContain('fully compliant');
    expect(v.bundle!.reportHtml).not.toContain('<script');
    expect(v.bundle!.reportHtml).toContain('Thermostat T1');
  });

  it('an untouched bundle from the same version passes the check', async () => {
    const key = await generateSigningKey();
    const input = await sampleInput({ signingKey: key });
    const v = await verifyBundle(await createBundle(input), { trustedFingerprints: [key.fingerprint], appVersion: input.appVersion });
    expect(v.state).toBe('valid');
    expect(v.reportCheck).toBe('identical');
  });
});
