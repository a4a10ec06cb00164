import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBundle, type Bundle } from '../../../shared/bundle';
import { isRedacted, verifyChain, type ChangeEntry } from '../../../shared/history/change-log';
import { createLine, putProduct } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { BundleImportError, buildWorkspaceBundle, gatherPortfolio, importBundleIntoDb } from '../../../renderer/db/bundle-io';
import { setCurrentAuthor } from '../../../renderer/db/repositories/change-log';
import { deleteComponents } from '../../../renderer/db/repositories/components';
import { attachEvidence, listEvidenceOfProduct, readEvidenceFile } from '../../../renderer/db/repositories/evidence';
import { undo } from '../../../renderer/db/repositories/undo';
import { dropDb, testDb } from '../helpers';

const AS_OF = '2026-11-28';
const CREATED = '2026-11-28T10:00:00.000Z';
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

let a: SupportspanDb;
let b: SupportspanDb;
beforeEach(() => {
  a = testDb();
  b = testDb();
  setCurrentAuthor('Ana');
});
afterEach(async () => {
  setCurrentAuthor('');
  await dropDb(a);
  await dropDb(b);
});

const LETTER = text('Supplier letter: <b>security updates</b> until 2031-12.');
const REPORT = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255, 254]);
const OTHER = text('Gateway test report');

/** Two lines; evidence on a product, on a component, and on a product of the other line. */
async function seed(d: SupportspanDb) {
  const thermo = await createLine(d, { name: 'Thermostats', environment: 'consumer' });
  const gates = await createLine(d, { name: 'Gateways', environment: 'industrial' });
  await putProduct(d, {
    id: 'p1', lineId: thermo.id, name: 'T1', category: 'thermostat',
    components: [
      { id: 'c1', name: 'Wi-Fi module', class: 'it', role: 'radio', securitySupportEnd: '2030-06' },
      { id: 'c2', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 12 },
    ],
  });
  await putProduct(d, { id: 'g1', lineId: gates.id, name: 'G1', category: 'gateway', components: [{ id: 'gc1', name: 'Kernel', class: 'it', role: 'os' }] });
  const letter = await attachEvidence(d, { productId: 'p1', ownerId: 'c1', name: 'supplier letter.pdf', bytes: LETTER });
  const report = await attachEvidence(d, { productId: 'p1', ownerId: 'p1', name: 'report.png', bytes: REPORT });
  const other = await attachEvidence(d, { productId: 'g1', ownerId: 'g1', name: 'gateway report.txt', bytes: OTHER });
  return { thermo, gates, letter, report, other };
}

async function exported(d: SupportspanDb, scope?: { kind: 'line' | 'product'; id: string }): Promise<Bundle> {
  const built = await buildWorkspaceBundle(d, { ...(scope ? { scope } : {}), asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED, who: 'Exporter' });
  const r = await readBundle(built.bytes);
  if (!r.ok) throw new Error(r.error);
  return r.bundle;
}

describe('exporting evidence', () => {
  it('carries every attachment with its bytes, name, media type, size and SHA-256, and logs it in the history', async () => {
    await seed(a);
    const bundle = await exported(a);
    const byName = new Map(bundle.evidence.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(['gateway report.txt', 'report.png', 'supplier letter.pdf']);
    for (const [name, bytes, owner, type] of [
      ['supplier letter.pdf', LETTER, 'c1', 'application/pdf'],
      ['report.png', REPORT, 'p1', 'image/png'],
      ['gateway report.txt', OTHER, 'g1', 'text/plain'],
    ] as const) {
      const e = byName.get(name)!;
      expect(e).toMatchObject({ ownerId: owner, mediaType: type, size: bytes.length, sha256: sha(bytes) });
      expect(Array.from(e.bytes)).toEqual(Array.from(bytes));
      expect(bundle.manifest.files[e.path]).toBe(sha(bytes));
    }
    expect(bundle.manifest.counts.evidence).toBe(3);
    const attaches = bundle.history.filter((e): e is ChangeEntry => !isRedacted(e) && e.entity.type === 'evidence');
    expect(attaches.map((e) => [e.entity.productId, e.action, e.who])).toEqual([['p1', 'create', 'Ana'], ['p1', 'create', 'Ana'], ['g1', 'create', 'Ana']]);
    expect(JSON.stringify(bundle.history)).not.toContain('"bytes"');
    expect(await verifyChain(bundle.history)).toMatchObject({ ok: true });
  });

  it('a line or product bundle carries only the evidence of its scope, and redacts the rest of the history', async () => {
    const { gates } = await seed(a);
    const line = await exported(a, { kind: 'line', id: gates.id });
    expect(line.evidence.map((e) => e.name)).toEqual(['gateway report.txt']);
    const product = await exported(a, { kind: 'product', id: 'p1' });
    expect(product.evidence.map((e) => e.name).sort()).toEqual(['report.png', 'supplier letter.pdf']);
    const visible = product.history.filter((e): e is ChangeEntry => !isRedacted(e));
    expect(visible.some((e) => e.entity.type === 'evidence' && e.entity.productId === 'g1')).toBe(false);
  });

  it('leaves out, and reports, a file whose component was removed; the export still succeeds', async () => {
    const { letter } = await seed(a);
    await deleteComponents(a, 'p1', ['c1']);
    const gathered = await gatherPortfolio(a);
    expect(gathered.skippedEvidence).toEqual([{ record: letter, reason: 'attached to a component that is no longer in the product' }]);
    const bundle = await exported(a);
    expect(bundle.evidence.map((e) => e.name).sort()).toEqual(['gateway report.txt', 'report.png']);
  });
});

describe('importing evidence', () => {
  it('replace-workspace writes every file into the evidence table, in the same transaction as the data', async () => {
    await seed(a);
    const bundle = await exported(a);
    setCurrentAuthor('Ben');
    const result = await importBundleIntoDb(b, bundle, { mode: 'replace-workspace' });
    expect(result.evidenceAdded).toBe(3);
    const imported = await listEvidenceOfProduct(b, 'p1');
    expect(imported.map((e) => [e.ownerId, e.name, e.sha256, e.importedFrom, e.addedBy]).sort()).toEqual([
      ['c1', 'supplier letter.pdf', sha(LETTER), bundle.manifestHash, 'Ben'],
      ['p1', 'report.png', sha(REPORT), bundle.manifestHash, 'Ben'],
    ]);
    const letter = imported.find((e) => e.ownerId === 'c1')!;
    expect(Array.from((await readEvidenceFile(b, letter.id)).bytes)).toEqual(Array.from(LETTER));
    // and out again: the same files under the same paths
    const again = await exported(b);
    expect(again.evidence.map((e) => [e.ownerId, e.path]).sort()).toEqual(bundle.evidence.map((e) => [e.ownerId, e.path]).sort());
  });

  it('merge adds new files, skips one already attached to the same owner, and undo of the merge removes what it added', async () => {
    await seed(a);
    const bundle = await exported(a);
    await importBundleIntoDb(b, bundle, { mode: 'replace-workspace' });
    // b detaches the report and keeps the letter; a merge should bring the report back and skip the letter.
    const report = (await listEvidenceOfProduct(b, 'p1')).find((e) => e.name === 'report.png')!;
    await b.evidence.delete(report.id);
    const before = await b.evidence.count();
    const result = await importBundleIntoDb(b, bundle, { mode: 'merge' });
    expect(result).toMatchObject({ evidenceAdded: 1, evidenceSkipped: 2 });
    expect(await b.evidence.count()).toBe(before + 1);
    expect((await listEvidenceOfProduct(b, 'p1')).map((e) => e.name).sort()).toEqual(['report.png', 'supplier letter.pdf']);
    // merging the same bundle again adds nothing
    expect(await importBundleIntoDb(b, bundle, { mode: 'merge' })).toMatchObject({ evidenceAdded: 0, evidenceSkipped: 3 });
    await undo(b);
    expect((await listEvidenceOfProduct(b, 'p1')).map((e) => e.name)).toEqual(['supplier letter.pdf']);
  });

  it('merge into a workspace without the product adds the product and its files; files of a conflicting product are left out', async () => {
    await seed(a);
    const bundle = await exported(a);
    // b has its own line named "Gateways" (a conflict for the bundle's line, and so for G1 and its file)
    await createLine(b, { name: 'Gateways', environment: 'industrial' });
    const result = await importBundleIntoDb(b, bundle, { mode: 'merge', conflicts: 'keep-current' });
    expect(result.evidenceAdded).toBe(2);
    expect(result.evidenceSkipped).toBe(1);
    expect(await b.evidence.where('productId').equals('g1').count()).toBe(0);
  });

  it('refuses a bundle whose evidence bytes do not match their hash, and writes nothing', async () => {
    await seed(a);
    const bundle = await exported(a);
    await seed(b);
    const snapshot = async () => ({ evidence: await b.evidence.toArray(), files: await b.evidenceFiles.count(), changes: await b.changes.count(), products: await b.products.toArray() });
    const before = await snapshot();
    const forged: Bundle = { ...bundle, evidence: bundle.evidence.map((e, i) => (i === 0 ? { ...e, bytes: text('forged') } : e)) };
    for (const mode of ['merge', 'replace-workspace'] as const) {
      const err = await importBundleIntoDb(b, forged, { mode }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BundleImportError);
      expect((err as BundleImportError).kind).toBe('invalid');
      expect((err as BundleImportError).issues.join('\n')).toMatch(/evidence\[0\] .*\.size: says \d+ bytes but the file has 6|sha256: does not match/);
    }
    const sameSize: Bundle = { ...bundle, evidence: bundle.evidence.map((e, i) => (i === 0 ? { ...e, bytes: e.bytes.map((x, j) => (j === 0 ? x ^ 1 : x)) } : e)) };
    const err = await importBundleIntoDb(b, sameSize, { mode: 'merge' }).catch((e: unknown) => e);
    expect((err as BundleImportError).issues.join('\n')).toMatch(/sha256: does not match the file's contents/);
    expect(await snapshot()).toEqual(before);
  });
});
