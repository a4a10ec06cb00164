import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLine, putProduct, ValidationError } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { putDecision } from '../../../renderer/db/repositories/decisions';
import { applyComponentEdits } from '../../../renderer/db/repositories/components';
import { setCurrentAuthor } from '../../../renderer/db/repositories/change-log';
import { applyTeamDeletion, applyTeamDocument, docIdsOfChange, workspaceContentOf } from '../../../renderer/db/repositories/team-documents';
import { undo } from '../../../renderer/db/repositories/undo';
import { lineDocId, planPush, productDocId, readTeamDocs, type LineDoc, type ProductDoc, type StoredDoc } from '../../../shared/team/documents';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
  setCurrentAuthor('Ana');
});
afterEach(async () => {
  setCurrentAuthor('');
  await dropDb(db);
});

const changed = { by: 'Ana', at: '2026-12-06T10:00:00.000Z', via: 'app' };
const component = { id: 'c1', name: 'Linux kernel 6.1', class: 'it' as const, role: 'os' as const, securitySupportEnd: '2027-12' };
const modem = { id: 'c2', name: 'LTE modem', class: 'it' as const, role: 'firmware' as const };

async function seed() {
  const line = await createLine(db, { name: 'Gateways', environment: 'enterprise' });
  await putProduct(db, { id: 'p1', lineId: line.id, name: 'Gateway G1', category: 'gateway', components: [component, modem] });
  await putDecision(db, { id: 'd1', findingKey: 'p1:k1', productId: 'p1', type: 'accepted', rationale: 'low exposure', by: 'Ana', decidedAt: '2026-01-01T00:00:00.000Z', expires: '2027-01-01' });
  return line;
}

/** The document the workspace would write for `docId`, as the server would hold it (with a revision). */
async function docOf(docId: string, existing?: StoredDoc): Promise<StoredDoc> {
  const plan = planPush(await workspaceContentOf(db, docId), existing ? new Map([[docId, existing]]) : new Map(), changed);
  expect(plan.writes).toHaveLength(1);
  return { ...plan.writes[0]!.doc, _rev: '1-a' };
}

/** What the sync checks before applying: readTeamDocs over the document (and its line's). */
function checked(docs: StoredDoc[], docId: string): LineDoc | ProductDoc {
  const read = readTeamDocs(docs);
  expect(read.problems).toEqual([]);
  return docs.find((d) => d._id === docId) as unknown as LineDoc | ProductDoc;
}

describe('team documents and the workspace', () => {
  it('a document written from the workspace and read back changes nothing (no echo)', async () => {
    const line = await seed();
    const lineDoc = await docOf(lineDocId(line.id));
    const productDoc = await docOf(productDocId('p1'));
    expect(productDoc).toMatchObject({ type: 'product', docVersion: 1, product: { name: 'Gateway G1' }, decisions: [{ id: 'd1' }], changed });
    const logged = await db.changes.count();
    expect(await applyTeamDocument(db, checked([lineDoc, productDoc], lineDoc._id), 'Ben')).toBe('unchanged');
    expect(await applyTeamDocument(db, checked([lineDoc, productDoc], productDoc._id), 'Ben')).toBe('unchanged');
    expect(await db.changes.count()).toBe(logged);
  });

  it('a team change is applied as one undoable change by its author, and does not go back out', async () => {
    const line = await seed();
    const lineDoc = await docOf(lineDocId(line.id));
    const before = await docOf(productDocId('p1'));
    const remote = structuredClone(before) as unknown as ProductDoc & { fromNewerApp: string };
    remote.product.name = 'Gateway G2';
    remote.product.components = remote.product.components.filter((c) => c.id !== 'c2');
    remote.decisions = [];
    remote.changed = { by: 'Ben', at: '2026-12-06T11:00:00.000Z', via: 'app' };
    remote.fromNewerApp = 'kept';
    remote._rev = '2-b';
    const seqBefore = (await db.changes.orderBy('seq').lastKey()) as number;

    expect(await applyTeamDocument(db, checked([lineDoc, remote as unknown as StoredDoc], remote._id), 'Ben')).toBe('applied');
    const product = await db.products.get('p1');
    expect(product?.name).toBe('Gateway G2');
    expect(product?.components.map((c) => c.id)).toEqual(['c1']);
    expect(await db.decisions.count()).toBe(0);
    const records = await db.changes.where('seq').above(seqBefore).toArray();
    expect(new Set(records.map((r) => r.group)).size).toBe(1);
    expect(records.map((r) => [r.entityType, r.entityId, r.op, r.who])).toEqual([
      ['product', 'p1', 'put', 'Ben'],
      ['decision', 'd1', 'delete', 'Ben'],
    ]);
    expect(records[0]?.label).toBe('team change of product “Gateway G2”');

    // The change log names the product; its document now matches the workspace: nothing to write.
    expect(records.flatMap(docIdsOfChange)).toEqual([productDocId('p1'), productDocId('p1')]);
    const plan = planPush(await workspaceContentOf(db, productDocId('p1')), new Map([[remote._id, remote as unknown as StoredDoc]]), changed);
    expect(plan).toMatchObject({ writes: [], unchanged: 1 });

    // A later local edit keeps the revision and the newer app's field.
    await applyComponentEdits(db, 'p1', { updates: [{ id: 'c1', patch: { name: 'Linux kernel 6.6' } }], additions: [] });
    const next = planPush(await workspaceContentOf(db, productDocId('p1')), new Map([[remote._id, remote as unknown as StoredDoc]]), changed);
    expect(next.writes[0]?.doc).toMatchObject({ _rev: '2-b', fromNewerApp: 'kept', changed, product: { components: [{ name: 'Linux kernel 6.6' }] } });

    // Undo takes back the local edit, then the team change, as with an edit made here.
    await undo(db);
    await undo(db);
    expect((await db.products.get('p1'))?.name).toBe('Gateway G1');
    expect((await db.products.get('p1'))?.components.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(await db.decisions.count()).toBe(1);
  });

  it('refuses a product document that fails the product schema and writes nothing', async () => {
    const line = await seed();
    const doc = await docOf(productDocId('p1'));
    const bad = { ...doc, product: { ...(doc.product as object), components: [component, { ...component }] } } as unknown as ProductDoc;
    const logged = await db.changes.count();
    await expect(applyTeamDocument(db, bad, 'Ben')).rejects.toBeInstanceOf(ValidationError);
    expect((await db.products.get('p1'))?.components).toHaveLength(2);
    expect(await db.changes.count()).toBe(logged);
    // readTeamDocs names the document and field of an invalid one before it gets that far.
    const read = readTeamDocs([await docOf(lineDocId(line.id)), { ...doc, product: { ...(doc.product as object), name: '' } }]);
    expect(read.problems[0]).toMatchObject({ docId: 'product:p1' });
    expect(read.problems[0]?.message).toMatch(/name/);
  });

  it('waits for the line of a product whose line is not in the workspace yet', async () => {
    const line = await seed();
    const doc = (await docOf(productDocId('p1'))) as unknown as ProductDoc;
    const other: ProductDoc = { ...doc, _id: productDocId('p9'), product: { ...doc.product, id: 'p9', lineId: 'elsewhere' }, decisions: [] };
    expect(await applyTeamDocument(db, other, 'Ben')).toBe('needs-line');
    expect(await db.products.get('p9')).toBeUndefined();
    expect(line.id).not.toBe('elsewhere');
  });

  it('a deleted document deletes the product, attributed to who deleted it', async () => {
    await seed();
    expect(await applyTeamDeletion(db, productDocId('p1'), 'Ben')).toBe('applied');
    expect(await db.products.get('p1')).toBeUndefined();
    expect(await db.decisions.count()).toBe(0);
    const last = await db.changes.orderBy('seq').last();
    expect(last).toMatchObject({ entityType: 'product', entityId: 'p1', op: 'delete', who: 'Ben', label: 'team deletion of product “Gateway G1”' });
    // Already gone: nothing more happens (the echo of a deletion made here).
    expect(await applyTeamDeletion(db, productDocId('p1'), 'Ben')).toBe('unchanged');
    expect((await workspaceContentOf(db, productDocId('p1'))).products).toEqual([]);
  });

  it('maps change-log records to the documents they touch', () => {
    expect(docIdsOfChange({ entityType: 'line', entityId: 'l1', before: null, after: {} })).toEqual(['line:l1']);
    expect(docIdsOfChange({ entityType: 'decision', entityId: 'd1', before: { productId: 'p1' }, after: null })).toEqual(['product:p1']);
    expect(docIdsOfChange({ entityType: 'evidence', entityId: 'e1', before: null, after: { productId: 'p1' } })).toEqual([]);
  });
});
