import { describe, expect, it } from 'vitest';
import {
  canonicalJson, checkSigningKey, formatFingerprint, generateSigningKey, normalizeFingerprint, planMerge, signManifest,
  verifyManifestSignature, safeFileName, parseJsonText,
} from '../../../shared/bundle';
import { samplePortfolio } from '../../fixtures/bundles/sample';

describe('signing (Ed25519 through WebCrypto)', () => {
  it('signs manifest bytes; any other bytes or key fail', async () => {
    const key = await generateSigningKey();
    const other = await generateSigningKey();
    const data = new TextEncoder().encode('{"a":1}');
    const sig = await signManifest(data, key);
    expect(await verifyManifestSignature(data, sig)).toEqual({ ok: true, fingerprint: key.fingerprint });
    expect((await verifyManifestSignature(new TextEncoder().encode('{"a":2}'), sig)).ok).toBe(false);
    const swapped = { ...sig, publicKey: other.publicKey, fingerprint: other.fingerprint };
    expect(await verifyManifestSignature(data, swapped)).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match manifest.json/) });
    expect(await verifyManifestSignature(data, { ...sig, fingerprint: other.fingerprint })).toMatchObject({ ok: false, reason: expect.stringMatching(/fingerprint does not belong/) });
  });

  it('stores keys as JSON that survives a round trip and is checked on load', async () => {
    const key = await generateSigningKey();
    const loaded = await checkSigningKey(JSON.parse(JSON.stringify(key)));
    expect(loaded.ok).toBe(true);
    const other = await generateSigningKey();
    const mixed = await checkSigningKey({ ...key, privateJwk: other.privateJwk });
    expect(mixed.ok).toBe(false);
    expect((await checkSigningKey({ ...key, fingerprint: other.fingerprint })).ok).toBe(false);
  });

  it('shows fingerprints grouped and accepts them back in any grouping', () => {
    const hex = 'ab12cd34'.repeat(8);
    expect(formatFingerprint(hex)).toBe('ab12 cd34 '.repeat(8).trim());
    expect(normalizeFingerprint(formatFingerprint(hex).toUpperCase())).toBe(hex);
    expect(normalizeFingerprint('AB:12')).toBeNull();
  });
});

describe('canonical JSON and safe parsing', () => {
  it('sorts keys and gives the same text for the same data', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }], e: undefined })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/x: NaN is not a JSON number/);
  });

  it('refuses forbidden keys with their path, and deep nesting', () => {
    expect(parseJsonText('{"a":[{"constructor":1}]}', 'f.json')).toEqual({ ok: false, error: 'f.json: a[0].constructor: the key "constructor" is not allowed' });
    expect(parseJsonText('['.repeat(100) + ']'.repeat(100), 'f.json')).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper than 64/) });
  });

  it('makes safe evidence names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('Brief (Lieferant) – März.pdf')).toBe('Brief_Lieferant_Ma_rz.pdf');
    expect(safeFileName('...')).toBe('file');
  });
});

describe('planMerge', () => {
  it('classifies added, changed (with field diffs), conflicting and unchanged', () => {
    const current = samplePortfolio();
    const incoming = samplePortfolio();
    incoming.products[0]!.declaredSupportEnd = '2032-12';
    incoming.products[0]!.components[1]!.securitySupportEnd = '2031-03';
    incoming.products[0]!.components.push({ ...incoming.products[0]!.components[2]!, id: 'c-new', name: 'Display' });
    incoming.products[2]!.lineId = 'line-home';
    incoming.lines.push({ id: 'line-new', name: 'Medical', environment: 'medical', notes: '' });
    incoming.lines.push({ id: 'line-dup', name: 'smart HOME', environment: 'consumer', notes: '' });
    const plan = planMerge(current, incoming);
    expect(plan.added.map((a) => a.id)).toEqual(['line-new']);
    expect(plan.conflicting.map((c) => [c.id, c.reason])).toEqual([
      ['line-dup', 'a different product line named "Smart home" already exists'],
      ['p-gw', 'it belongs to another product line here ("line-ind" instead of "line-home")'],
    ]);
    const changed = plan.changed.find((c) => c.id === 'p-thermo')!;
    expect(changed.fields).toEqual([
      { path: 'declaredSupportEnd', before: '2030-12', after: '2032-12' },
      { path: 'components[c-soc].securitySupportEnd', before: '2029-03', after: '2031-03' },
      { path: 'components[c-new]', before: null, after: expect.objectContaining({ name: 'Display' }) },
    ]);
    expect(plan.unchanged.map((u) => u.id).sort()).toEqual(['d-1', 'line-home', 'line-ind', 'p-lock']);
  });
});
