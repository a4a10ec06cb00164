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

describe('the report as an audit artefact', () => {
  it('names the manifest hash and signer on every page, lists evidence with hashes and the history, shows kind titles, never raw kind ids', async () => {
    const key = await generateSigningKey();
    const input = await sampleInput({ signingKey: key });
    const bytes = await createBundle(input);
    const now = new Date('2026-12-04T09:30:00.000Z');
    const v = await verifyBundle(bytes, { trustedFingerprints: [key.fingerprint], appVersion: input.appVersion, now });
    expect(v.state).toBe('valid');
    const html = v.bundle!.reportHtml;
    const grouped = key.fingerprint.match(/.{4}/g)!.join(' ');
    // the visible header block and the running footer both carry the manifest hash and the signer
    expect(html.match(new RegExp(v.bundle!.manifestHash, 'g'))!.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('<div class="running running-bottom hash" aria-hidden="true">Manifest SHA-256 ' + v.bundle!.manifestHash + ' · signer ' + grouped + '</div>');
    expect(html).toMatch(/position:fixed/);
    // the verification statement: what, when, with which version
    expect(html).toContain(`Checked 2026-12-04T09:30:00.000Z with Supportspan ${input.appVersion}: every file against its SHA-256 in the manifest`);
    // evidence with names and hashes
    for (const e of v.bundle!.evidence) {
      expect(html).toContain(e.sha256);
      expect(html).toContain(e.name.replace(/&/g, '&amp;'));
    }
    // the history: count, head hash and its entries
    expect(html).toContain(`${input.history!.length} entries in the change log`);
    expect(html).toContain(`Head hash: <code class="hash">${v.bundle!.manifest.historyHead}</code>`);
    // kinds by their titles, never their ids
    expect(html).toContain('Component support ends first');
    expect(html).not.toContain('component-support-gap');
    expect(html).not.toContain('support-end-undisclosed');
    // timelines have a legend, products a component table, sections a numbered list
    expect(html).toContain('aria-label="Timeline legend"');
    expect(html).toContain('<caption class="muted">Components</caption>');
    expect(html).toMatch(/<nav class="toc" aria-label="Sections"><ol><li>Verification<\/li><li>Bundle<\/li>/);
    // only hashes may break anywhere
    expect(html).toContain('.hash{font-family:ui-monospace,monospace;font-size:.85em;overflow-wrap:anywhere}');
    expect(html).not.toContain('word-break:break-all');
    expect(html).not.toContain('<script');
  });

  it('escapes hostile text in evidence names, history authors and labels', async () => {
    const input = await sampleInput();
    const evil = '<img src=x onerror=alert(1)>';
    input.evidence = [{ ...input.evidence![0]!, name: `${evil}.pdf` }];
    const v = await verifyBundle(await createBundle(input), { appVersion: input.appVersion });
    expect(v.bundle!.reportHtml).not.toContain('<img');
    expect(v.bundle!.reportHtml).toContain('&lt;img src=x onerror=alert(1)&gt;.pdf');
  });
});
