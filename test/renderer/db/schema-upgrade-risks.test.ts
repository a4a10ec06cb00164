import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, SCHEMA_HISTORY } from '../../../renderer/db/schema-history';
import { SupportspanDb } from '../../../renderer/db/database';
import { undo } from '../../../renderer/db/repositories/undo';
import { deleteProduct } from '../../../renderer/db/repositories/products';
import { loadRiskRegisterData, putControl, saveRiskAssessment, setProductProperty } from '../../../renderer/db/repositories/risks';
import { decisionSchema, productLineSchema, productSchema } from '../../../shared/domain';
import { lifecycleRiskId } from '../../../shared/risk';
import { dropDb } from '../helpers';

const V4 = SCHEMA_HISTORY.findIndex((s) => s.version === 4) + 1;
const NAME = 'upgrade-v4-to-risks';

afterEach(async () => {
  await dropDb(new SupportspanDb(NAME));
});

describe('upgrade from version 4 (before the risk register)', () => {
  it('keeps version 4 as shipped and adds the register tables in version 5', () => {
    expect(SCHEMA_HISTORY[V4 - 1]).toEqual({ version: 4, stores: { evidence: '&id, ownerId, productId, sha256', evidenceFiles: '&sha256' } });
    expect(SCHEMA_HISTORY.find((s) => s.version === 5)).toEqual({
      version: 5,
      stores: { riskRecords: '&id, productId', controls: '&id, *riskIds', productProperties: '&id, productId', userThreats: '&id', threatTags: '&threatId', riskMethod: '&key' },
    });
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
  });

  it('opens a version 4 database with its data intact, the register empty and working, and old changes undoable', async () => {
    const v4 = new SupportspanDb(NAME, { history: SCHEMA_HISTORY.slice(0, V4) });
    await v4.open();
    expect(v4.verno).toBe(4);
    const line = { id: 'l-1', name: 'Gateways', environment: 'industrial', notes: '' };
    const product = productSchema.parse({
      id: 'p-1', lineId: 'l-1', name: 'G-1', category: 'gateway', firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31',
      expectedUseYears: 6, unitsPerYear: 1000, components: [{ id: 'c-1', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' }],
    });
    const edited = { ...product, declaredSupportEnd: '2022-12-31' };
    const decision = { id: 'd-1', findingKey: 'k', productId: 'p-1', type: 'accepted', rationale: 'letter pending', by: 'Ana', decidedAt: '2026-10-01T09:00:00Z', expires: null };
    const evidence = { id: 'e-1', ownerId: 'p-1', ownerKind: 'product', productId: 'p-1', name: 'letter.txt', mediaType: 'text/plain', size: 6, sha256: 'a'.repeat(64), addedAt: '2026-10-01T08:00:00.000Z', addedBy: 'Ana' };
    await v4.table('lines').add(line);
    await v4.table('products').add(edited);
    await v4.table('decisions').add(decision);
    await v4.table('evidence').add(evidence);
    await v4.table('evidenceFiles').add({ sha256: 'a'.repeat(64), bytes: new TextEncoder().encode('letter') });
    await v4.table('changes').bulkAdd([
      { group: 'g1', entityType: 'line', entityId: 'l-1', op: 'put', before: null, after: line, at: '2026-10-01T08:00:00.000Z', who: 'Ana' },
      { group: 'g2', entityType: 'product', entityId: 'p-1', op: 'put', before: null, after: product, at: '2026-10-01T08:01:00.000Z', who: 'Ana' },
      { group: 'g3', entityType: 'product', entityId: 'p-1', op: 'put', before: product, after: edited, at: '2026-10-01T08:02:00.000Z', who: 'Ana' },
    ]);
    await v4.table('settings').put({ key: 'userName', value: 'Ana' });
    v4.close();

    const db = new SupportspanDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(productLineSchema.parse(await db.lines.get('l-1'))).toEqual(line);
    expect(productSchema.parse(await db.products.get('p-1'))).toEqual(edited);
    expect(decisionSchema.parse(await db.decisions.get('d-1'))).toEqual(decision);
    expect(await db.evidence.get('e-1')).toEqual(evidence);
    expect(await db.changes.count()).toBe(3);
    expect(await db.settings.get('userName')).toEqual({ key: 'userName', value: 'Ana' });
    expect(await loadRiskRegisterData(db)).toMatchObject({ risks: [], controls: [], properties: [], threats: [], threatTags: [], matrix: null, weights: null });

    const lc = lifecycleRiskId('TID-210', 'p-1', null);
    await setProductProperty(db, { productId: 'p-1', propertyId: 'PID-11', state: 'confirmed', by: 'Ana' });
    await saveRiskAssessment(db, { id: lc, productId: 'p-1', threatId: 'TID-210', likelihood: 3 });
    await putControl(db, { title: 'Network isolation', riskIds: [lc] });
    // The multi-entry index finds the control by its risk.
    expect(await db.controls.where('riskIds').equals(lc).count()).toBe(1);
    await undo(db);
    await undo(db);
    await undo(db);
    expect(await loadRiskRegisterData(db)).toMatchObject({ risks: [], controls: [], properties: [] });
    // Undo walks on into what version 4 wrote.
    await undo(db);
    expect((await db.products.get('p-1'))!.declaredSupportEnd).toBeNull();
    // Deleting a product of the old database works with the new tables in its transaction.
    await deleteProduct(db, 'p-1');
    expect(await db.products.count()).toBe(0);
    db.close();
  });
});
