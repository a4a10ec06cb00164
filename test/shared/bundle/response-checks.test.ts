import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAuditResponse, openAnyBundleFile, readBundle, type ExportedBundleRef, type SigningKey } from '../../../shared/bundle';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const fixture = (dir: string, name: string) => new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', dir, name)));
const AUDITOR = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'responses', 'auditor-signing-key.json'), 'utf8')) as SigningKey;

async function exportedSample(): Promise<ExportedBundleRef> {
  const read = await readBundle(fixture('bundles', 'sample-signed.sspan'));
  if (!read.ok) throw new Error(read.error);
  const { manifestHash, manifest } = read.bundle;
  return { manifestHash, createdAt: manifest.createdAt, asOf: manifest.asOf, scope: manifest.scope };
}

describe('telling a response from a bundle', () => {
  it('reads a response by its manifest\'s format field, whatever the file is called', async () => {
    const opened = await openAnyBundleFile(fixture('responses', 'response-v1.sspan-response'));
    expect(opened.kind).toBe('response');
    expect(opened.verification.state).toBe('unknown-key');
    const bundle = await openAnyBundleFile(fixture('bundles', 'sample-signed.sspan'));
    expect(bundle.kind).toBe('bundle');
    expect(bundle.verification.state).toBe('unknown-key');
  });

  it('keeps the bundle reader\'s answer for a file that is neither', async () => {
    const notZip = await openAnyBundleFile(fixture('bundles', 'not-a-zip.sspan'));
    expect(notZip.kind).toBe('bundle');
    expect(notZip.verification.state).toBe('invalid');
    const wrong = await openAnyBundleFile(fixture('bundles', 'wrong-format.sspan'));
    expect(wrong.kind).toBe('bundle');
    expect(wrong.verification.reasons.join(' ')).toMatch(/not a Supportspan bundle/);
  });

  it('answers "invalid", not "unreadable", for a tampered response', async () => {
    const opened = await openAnyBundleFile(fixture('responses', 'tampered.sspan-response'));
    expect(opened.kind).toBe('response');
    expect(opened.verification.state).toBe('invalid');
    expect(opened.verification.unreadable).toBeUndefined();
    expect(opened.verification.reasons.join(' ')).toMatch(/review\.json: its SHA-256 does not match/);
  });
});

describe('the checks of a response', () => {
  it('passes today\'s committed response to a bundle this workspace exported', async () => {
    const r = await checkAuditResponse(fixture('responses', 'response-v1.sspan-response'), { exported: [await exportedSample()], trustedFingerprints: [AUDITOR.fingerprint] });
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => [c.id, c.outcome])).toEqual([['integrity', 'passed'], ['signature', 'passed'], ['reference', 'passed'], ['exported', 'passed']]);
    expect(r.original?.manifestHash).toBe((await exportedSample()).manifestHash);
    expect(r.verification.review?.entries.map((e) => e.status)).toEqual(expect.arrayContaining(['disputed', 'agreed']));
  });

  it('fails a response to a bundle that is not among the exported ones', async () => {
    const r = await checkAuditResponse(fixture('responses', 'unknown-bundle.sspan-response'), { exported: [await exportedSample()] });
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.id === 'exported')).toMatchObject({ outcome: 'failed' });
    expect(r.original).toBeNull();
  });

  it('fails a reference whose facts differ from the exported bundle\'s', async () => {
    const sample = await exportedSample();
    const r = await checkAuditResponse(fixture('responses', 'response-v1.sspan-response'), { exported: [{ ...sample, asOf: '2020-01-01' }] });
    expect(r.ok).toBe(false);
    const ref = r.checks.find((c) => c.id === 'reference');
    expect(ref?.outcome).toBe('failed');
    expect(ref?.detail).toMatch(/but the bundle is as of 2020-01-01/);
  });

  it('skips, not fails, the bundle checks without a record, and fails everything after tampering', async () => {
    const none = await checkAuditResponse(fixture('responses', 'response-v1.sspan-response'), { exported: null });
    expect(none.ok).toBe(true);
    expect(none.checks.filter((c) => c.outcome === 'skipped').map((c) => c.id)).toEqual(['reference', 'exported']);
    const tampered = await checkAuditResponse(fixture('responses', 'tampered.sspan-response'), { exported: [await exportedSample()] });
    expect(tampered.ok).toBe(false);
    expect(tampered.checks[0]).toMatchObject({ id: 'integrity', outcome: 'failed' });
  });
});
