import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLine, deleteLine, deleteProduct, putProduct } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { NotFoundError, ValidationError } from '../../../renderer/db/errors';
import { setCurrentAuthor } from '../../../renderer/db/repositories/change-log';
import { deleteComponents } from '../../../renderer/db/repositories/components';
import {
  attachEvidence, listEvidenceOfOwner, listEvidenceOfProduct, MAX_EVIDENCE_BYTES, mediaTypeFor, readEvidenceFile, removeEvidence,
} from '../../../renderer/db/repositories/evidence';
import { duplicateProduct } from '../../../renderer/db/repositories/product-ops';
import { getUndoState, redo, undo } from '../../../renderer/db/repositories/undo';
import { clearWorkspace } from '../../../renderer/db/repositories/workspace';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
  setCurrentAuthor('Ana Auditor');
});
afterEach(async () => {
  setCurrentAuthor('');
  await dropDb(db);
});

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function seed() {
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  await putProduct(db, {
    id: 'p1', lineId: line.id, name: 'T1', category: 'thermostat',
    components: [
      { id: 'c1', name: 'Wi-Fi module', class: 'it', role: 'radio', securitySupportEnd: '2030-06' },
      { id: 'c2', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 12 },
    ],
  });
  await putProduct(db, { id: 'p2', lineId: line.id, name: 'T2', category: 'thermostat' });
  return line;
}

async function tableSizes() {
  return { evidence: await db.evidence.count(), files: await db.evidenceFiles.count(), changes: await db.changes.count() };
}

describe('attaching evidence', () => {
  it('stores the bytes by SHA-256, the metadata with who and when, and logs the metadata only', async () => {
    await seed();
    const bytes = text('Supplier letter: security updates until 2031-12.');
    const record = await attachEvidence(db, { productId: 'p1', ownerId: 'c1', name: 'supplier letter.pdf', bytes });
    expect(record).toMatchObject({
      ownerId: 'c1', ownerKind: 'component', productId: 'p1', name: 'supplier letter.pdf', mediaType: 'application/pdf',
      size: bytes.length, sha256: sha(bytes), addedBy: 'Ana Auditor',
    });
    expect(Date.parse(record.addedAt)).not.toBeNaN();
    const stored = await readEvidenceFile(db, record.id);
    expect(Array.from(stored.bytes)).toEqual(Array.from(bytes));

    const log = await db.changes.orderBy('seq').last();
    expect(log).toMatchObject({ entityType: 'evidence', entityId: record.id, before: null, after: record, who: 'Ana Auditor' });
    expect(JSON.stringify(log)).not.toContain('"bytes"');
  });

  it('lists by product (product and component files) and by owner', async () => {
    await seed();
    const a = await attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'test-report.txt', bytes: text('report') });
    const b = await attachEvidence(db, { productId: 'p1', ownerId: 'c2', name: 'relay-datasheet.pdf', bytes: text('datasheet') });
    await attachEvidence(db, { productId: 'p2', ownerId: 'p2', name: 'other.txt', bytes: text('other') });
    expect((await listEvidenceOfProduct(db, 'p1')).map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect((await listEvidenceOfOwner(db, 'c2')).map((e) => e.id)).toEqual([b.id]);
    expect(await listEvidenceOfOwner(db, 'c1')).toEqual([]);
  });

  it('stores the same contents once when attached to two owners, and refuses it twice on the same owner', async () => {
    await seed();
    const bytes = text('one letter for two components');
    await attachEvidence(db, { productId: 'p1', ownerId: 'c1', name: 'letter.txt', bytes });
    await attachEvidence(db, { productId: 'p1', ownerId: 'c2', name: 'letter.txt', bytes });
    expect(await tableSizes()).toMatchObject({ evidence: 2, files: 1 });
    const before = await tableSizes();
    await expect(attachEvidence(db, { productId: 'p1', ownerId: 'c1', name: 'renamed.txt', bytes })).rejects.toThrow(
      /the same file is already attached to component Wi-Fi module \(as letter\.txt\)/,
    );
    expect(await tableSizes()).toEqual(before);
  });

  it('refuses bad input with a message saying what is wrong, and writes nothing', async () => {
    await seed();
    const before = await tableSizes();
    const cases: [Parameters<typeof attachEvidence>[1], RegExp][] = [
      [{ productId: 'p1', ownerId: 'p1', name: 'empty.txt', bytes: new Uint8Array(0) }, /empty\.txt: the file is empty/],
      [{ productId: 'p1', ownerId: 'p1', name: '', bytes: text('x') }, /name: a file name is required/],
      [{ productId: 'p1', ownerId: 'p1', name: '../etc/passwd', bytes: text('x') }, /name: a file name without folders/],
      [{ productId: 'p1', ownerId: 'p1', name: 'bell\u0007.txt', bytes: text('x') }, /name: contains control characters/],
      [{ productId: 'p1', ownerId: 'p1', name: 'x'.repeat(201), bytes: text('x') }, /name: at most 200 characters/],
      [{ productId: 'p1', ownerId: 'p1', name: 'a.txt', mediaType: 'text/html; charset=utf-8', bytes: text('x') }, /mediaType: .* is not a media type/],
      [{ productId: 'p1', ownerId: 'c-unknown', name: 'a.txt', bytes: text('x') }, /ownerId: c-unknown is neither the product T1 nor one of its components/],
      [{ productId: 'p2', ownerId: 'c1', name: 'a.txt', bytes: text('x') }, /ownerId: c1 is neither the product T2/],
    ];
    for (const [input, message] of cases) {
      const error = await attachEvidence(db, input).then(() => null, (e: unknown) => e);
      expect(error, input.name).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toMatch(message);
    }
    await expect(attachEvidence(db, { productId: 'gone', ownerId: 'gone', name: 'a.txt', bytes: text('x') })).rejects.toBeInstanceOf(NotFoundError);
    expect(await tableSizes()).toEqual(before);
  });

  it('refuses a file over the size limit before hashing or storing it', async () => {
    await seed();
    const before = await tableSizes();
    const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
    await expect(attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'scan.tiff', bytes: big })).rejects.toThrow(
      /scan\.tiff: 52,428,801 bytes is larger than the 52,428,800 bytes an evidence file may have/,
    );
    expect(await tableSizes()).toEqual(before);
    // exactly at the limit is accepted
    const atLimit = await attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'scan.bin', bytes: new Uint8Array(MAX_EVIDENCE_BYTES) });
    expect(atLimit.size).toBe(MAX_EVIDENCE_BYTES);
  });

  it('guesses the media type from the extension and keeps a given one', async () => {
    expect(mediaTypeFor('Report.PDF')).toBe('application/pdf');
    expect(mediaTypeFor('photo.jpeg')).toBe('image/jpeg');
    expect(mediaTypeFor('no-extension')).toBe('application/octet-stream');
    expect(mediaTypeFor('strange.xyz123')).toBe('application/octet-stream');
    await seed();
    const r = await attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'notes', mediaType: 'text/plain', bytes: text('n') });
    expect(r.mediaType).toBe('text/plain');
  });
});

describe('removing evidence and undo', () => {
  it('removes the attachment (logged) and undo brings it back with its bytes; redo removes it again', async () => {
    await seed();
    const bytes = text('test report');
    const record = await attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'report.txt', bytes });
    await removeEvidence(db, record.id);
    expect(await listEvidenceOfProduct(db, 'p1')).toEqual([]);
    expect((await getUndoState(db)).undo?.description).toBe('Deletion of evidence file “report.txt”');
    await undo(db);
    expect(await listEvidenceOfProduct(db, 'p1')).toEqual([record]);
    expect(Array.from((await readEvidenceFile(db, record.id)).bytes)).toEqual(Array.from(bytes));
    await redo(db);
    expect(await listEvidenceOfProduct(db, 'p1')).toEqual([]);
    await expect(removeEvidence(db, record.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('undoes an attachment', async () => {
    await seed();
    const record = await attachEvidence(db, { productId: 'p1', ownerId: 'c1', name: 'a.txt', bytes: text('a') });
    expect((await getUndoState(db)).undo?.description).toBe('Creation of evidence file “a.txt”');
    await undo(db);
    expect(await db.evidence.get(record.id)).toBeUndefined();
    await redo(db);
    expect(await db.evidence.get(record.id)).toEqual(record);
  });

  it('deleting a product deletes its evidence in the same action; one undo brings both back', async () => {
    await seed();
    const own = await attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'a.txt', bytes: text('a') });
    const comp = await attachEvidence(db, { productId: 'p1', ownerId: 'c1', name: 'b.txt', bytes: text('b') });
    const other = await attachEvidence(db, { productId: 'p2', ownerId: 'p2', name: 'c.txt', bytes: text('c') });
    await deleteProduct(db, 'p1');
    expect((await db.evidence.toArray()).map((e) => e.id)).toEqual([other.id]);
    const group = (await db.changes.orderBy('seq').last())!.group;
    const logged = await db.changes.filter((c) => c.group === group).toArray();
    expect(logged.map((c) => c.entityType).sort()).toEqual(['evidence', 'evidence', 'product']);
    await undo(db);
    expect((await listEvidenceOfProduct(db, 'p1')).map((e) => e.id).sort()).toEqual([own.id, comp.id].sort());
  });

  it('deleting a line deletes the evidence of its products; clearing the workspace removes every attachment (undoable)', async () => {
    const line = await seed();
    await attachEvidence(db, { productId: 'p1', ownerId: 'c2', name: 'a.txt', bytes: text('a') });
    await attachEvidence(db, { productId: 'p2', ownerId: 'p2', name: 'b.txt', bytes: text('b') });
    await deleteLine(db, line.id);
    expect(await db.evidence.count()).toBe(0);
    await undo(db);
    expect(await db.evidence.count()).toBe(2);
    await clearWorkspace(db);
    expect(await db.evidence.count()).toBe(0);
    await undo(db);
    expect(await db.evidence.count()).toBe(2);
  });

  it('does not copy evidence when a product is duplicated', async () => {
    await seed();
    await attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'a.txt', bytes: text('a') });
    const copy = await duplicateProduct(db, 'p1');
    expect(await listEvidenceOfProduct(db, copy.id)).toEqual([]);
    expect(await listEvidenceOfProduct(db, 'p1')).toHaveLength(1);
  });

  it('keeps the evidence of a removed component, so that undoing the removal finds it attached again', async () => {
    await seed();
    const record = await attachEvidence(db, { productId: 'p1', ownerId: 'c1', name: 'a.txt', bytes: text('a') });
    await deleteComponents(db, 'p1', ['c1']);
    expect(await listEvidenceOfProduct(db, 'p1')).toEqual([record]);
    await undo(db);
    expect((await db.products.get('p1'))!.components.map((c) => c.id)).toContain('c1');
    expect(await db.evidence.get(record.id)).toEqual(record);
  });

  it('refuses to bring a file back to a component that no longer exists, and changes nothing', async () => {
    await seed();
    const record = await attachEvidence(db, { productId: 'p1', ownerId: 'c1', name: 'a.txt', bytes: text('a') });
    await deleteComponents(db, 'p1', ['c1']);
    await removeEvidence(db, record.id);
    const before = await tableSizes();
    await expect(undo(db)).rejects.toThrow(/evidence file a\.txt: the product or component it was attached to no longer exists/);
    expect(await tableSizes()).toEqual(before);
    expect(await db.evidence.get(record.id)).toBeUndefined();
  });
});
