import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_HISTORY, CURRENT_SCHEMA_VERSION } from '../../../renderer/db/schema-history';
import { SupportspanDb } from '../../../renderer/db/database';
import { undo } from '../../../renderer/db/repositories/undo';
import { attachEvidence, listEvidenceOfProduct } from '../../../renderer/db/repositories/evidence';
import { decisionSchema, productLineSchema, productSchema } from '../../../shared/domain';
import { dropDb } from '../helpers';

const V3 = SCHEMA_HISTORY.findIndex((s) => s.version === 3) + 1;
const NAME = 'upgrade-v3-to-evidence';

afterEach(async () => {
  const db = new SupportspanDb(NAME);
  await dropDb(db);
});

describe('upgrade from version 3 (before evidence)', () => {
  it('keeps version 3 as shipped and adds the evidence tables in version 4', () => {
    expect(SCHEMA_HISTORY[V3 - 1]).toEqual({ version: 3, stores: { catalogs: '&id' } });
    expect(SCHEMA_HISTORY.find((s) => s.version === 4)).toMatchObject({ stores: { evidence: '&id, ownerId, productId, sha256', evidenceFiles: '&sha256' } });
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
  });

  it('opens a version 3 database with its data intact, evidence tables empty and working, and old change records undoable', async () => {
    // A database as version 3 created and filled it: lines, products, decisions, the log (without `who`), settings, a catalog.
    const v3 = new SupportspanDb(NAME, { history: SCHEMA_HISTORY.slice(0, V3) });
    await v3.open();
    expect(v3.verno).toBe(3);
    const line = { id: 'l-1', name: 'Smart thermostats', environment: 'consumer', notes: '' };
    const product = productSchema.parse({
      id: 'p-1', lineId: 'l-1', name: 'T-100', category: 'thermostat', sku: 'T100',
      components: [{ id: 'c-1', name: 'Wi-Fi module', class: 'it', role: 'radio', securitySupportEnd: '2030-06' }],
    });
    const edited = { ...product, declaredSupportEnd: '2031-12' };
    const decision = { id: 'd-1', findingKey: 'k', productId: 'p-1', type: 'accepted', rationale: 'letter pending', by: 'Ana', decidedAt: '2026-10-01T09:00:00Z', expires: null };
    await v3.table('lines').add(line);
    await v3.table('products').add(edited);
    await v3.table('decisions').add(decision);
    await v3.table('changes').bulkAdd([
      { group: 'g1', entityType: 'line', entityId: 'l-1', op: 'put', before: null, after: line, at: '2026-10-01T08:00:00.000Z' },
      { group: 'g2', entityType: 'product', entityId: 'p-1', op: 'put', before: null, after: product, at: '2026-10-01T08:01:00.000Z' },
      { group: 'g3', entityType: 'product', entityId: 'p-1', op: 'put', before: product, after: edited, at: '2026-10-01T08:02:00.000Z' },
    ]);
    await v3.table('settings').put({ key: 'userName', value: 'Ana' });
    await v3.table('catalogs').put({ id: 'cat-1', source: 'file.json', catalog: { products: [] }, loadedAt: '2026-10-01T08:00:00.000Z' });
    v3.close();

    const db = new SupportspanDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['evidence', 'evidenceFiles', 'catalogs', 'changes']));
    expect(productLineSchema.parse(await db.lines.get('l-1'))).toEqual(line);
    expect(productSchema.parse(await db.products.get('p-1'))).toEqual(edited);
    expect(decisionSchema.parse(await db.decisions.get('d-1'))).toEqual(decision);
    expect(await db.changes.count()).toBe(3);
    expect(await db.table('catalogs').get('cat-1')).toMatchObject({ id: 'cat-1' });
    expect(await db.evidence.count()).toBe(0);

    const record = await attachEvidence(db, { productId: 'p-1', ownerId: 'c-1', name: 'letter.txt', bytes: new TextEncoder().encode('letter') });
    expect(await listEvidenceOfProduct(db, 'p-1')).toEqual([record]);
    expect(await db.evidence.where('sha256').equals(record.sha256).count()).toBe(1);
    // Undo walks back through new records and then the ones version 3 wrote.
    await undo(db);
    expect(await db.evidence.count()).toBe(0);
    await undo(db);
    expect((await db.products.get('p-1'))!.declaredSupportEnd).toBeNull();
    db.close();
  });
});
