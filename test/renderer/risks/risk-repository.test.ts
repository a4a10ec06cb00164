import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLine, deleteLine, deleteProduct, putProduct } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { NotFoundError, ValidationError } from '../../../renderer/db/errors';
import {
  addUserRisk, deleteControl, deleteRisk, deleteUserThreat, linkControl, loadRiskRegisterData, putControl, putUserThreat,
  saveRiskAssessment, setProductProperty, setRiskMethod, setThreatStride, unlinkControl,
} from '../../../renderer/db/repositories/risks';
import { clearWorkspace } from '../../../renderer/db/repositories/workspace';
import { getUndoState, redo, undo } from '../../../renderer/db/repositories/undo';
import { buildRegister, CATALOG_VERSION, DEFAULT_MATRIX, DEFAULT_WEIGHTS, lifecycleRiskId } from '../../../shared/risk';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  await dropDb(db);
});

const LC = lifecycleRiskId('TID-210', 'gw', null);

/** A gateway whose support ends years before its units stop being used: the engine derives TID-210 for it. */
async function seed() {
  const line = await createLine(db, { name: 'Gateways', environment: 'industrial' });
  await putProduct(db, {
    id: 'gw', lineId: line.id, name: 'Gateway G1', category: 'gateway',
    firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31', expectedUseYears: 6, unitsPerYear: 1000, declaredSupportEnd: '2022-12-31',
    components: [{ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' }],
  });
  await putProduct(db, { id: 'th', lineId: line.id, name: 'Thermostat T1', category: 'thermostat', components: [{ id: 'wifi', name: 'Wi-Fi module', class: 'it', role: 'radio' }] });
  return line;
}

async function snapshot() {
  const data = await loadRiskRegisterData(db);
  return JSON.stringify(data);
}

/** Undo brings back exactly the state before the action, redo exactly the state after it. */
async function expectUndoRedo(before: string, action: () => Promise<unknown>) {
  await action();
  const after = await snapshot();
  expect(after).not.toBe(before);
  await undo(db);
  expect(await snapshot()).toBe(before);
  await redo(db);
  expect(await snapshot()).toBe(after);
}

describe('risk register storage', () => {
  it('loads an empty register in the shared shape', async () => {
    expect(await loadRiskRegisterData(db)).toEqual({ catalogVersion: CATALOG_VERSION, threats: [], threatTags: [], properties: [], risks: [], controls: [], matrix: null, weights: null });
  });

  it('confirms, rejects and clears a device property, each one undoable step', async () => {
    await seed();
    await expectUndoRedo(await snapshot(), () => setProductProperty(db, { productId: 'gw', propertyId: 'PID-11', state: 'confirmed', by: 'Ana' }));
    const confirmed = (await loadRiskRegisterData(db)).properties;
    expect(confirmed).toMatchObject([{ productId: 'gw', propertyId: 'PID-11', state: 'confirmed', by: 'Ana' }]);
    await expectUndoRedo(await snapshot(), () => setProductProperty(db, { productId: 'gw', propertyId: 'PID-11', state: 'rejected', by: 'Ana' }));
    expect((await loadRiskRegisterData(db)).properties).toMatchObject([{ id: confirmed[0]!.id, state: 'rejected' }]);
    await expectUndoRedo(await snapshot(), () => setProductProperty(db, { productId: 'gw', propertyId: 'PID-11', state: null, by: 'Ana' }));
    expect((await loadRiskRegisterData(db)).properties).toEqual([]);
    expect((await getUndoState(db)).undo?.description).toBe('Deletion of a device property answer');
    await expect(setProductProperty(db, { productId: 'gw', propertyId: 'PID-99999', state: 'confirmed', by: 'Ana' })).rejects.toThrow('PID-99999 is not a device property of the EMB3D catalog');
    await expect(setProductProperty(db, { productId: 'gone', propertyId: 'PID-11', state: 'confirmed', by: 'Ana' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('scores a lifecycle risk under its lc: id, and the register uses the assessment', async () => {
    await seed();
    await expectUndoRedo(await snapshot(), () => saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', likelihood: 5, impact: 4, owner: 'Ana' }));
    const record = (await loadRiskRegisterData(db)).risks[0]!;
    expect(record).toMatchObject({ id: LC, productId: 'gw', componentId: null, likelihood: 5, impact: 4, owner: 'Ana', response: null });
    // A second save changes only what it names.
    await saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', response: 'mitigate', rationale: ' patch programme ' });
    expect((await db.riskRecords.get(LC))!).toMatchObject({ likelihood: 5, impact: 4, response: 'mitigate', rationale: 'patch programme' });
    const register = buildRegister({ lines: await db.lines.toArray(), products: await db.products.toArray(), decisions: [] }, await loadRiskRegisterData(db), { asOf: '2026-01-15' });
    const row = register.risks.find((r) => r.id === LC)!;
    // Industrial weighting adds 1 to the impact (matrix.ts): 5 × 5.
    expect([row.likelihood, row.impactAssessed, row.impact, row.score, row.status]).toEqual([5, 4, 5, 25, 'mitigating']);
  });

  it('refuses an acceptance without rationale, owner and expiry, naming each; accepts a complete one', async () => {
    await seed();
    const before = await snapshot();
    const error = await saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', response: 'accept' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      'rationale: say why the risk is accepted',
      'owner: the name of who owns the accepted risk is required',
      'expires: an expiry day is required (YYYY-MM-DD); the risk reopens after it',
    ]);
    expect(await snapshot()).toBe(before);
    await expect(saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', likelihood: 7 })).rejects.toThrow('likelihood: a score is 1 to 5');
    await expect(saveRiskAssessment(db, { id: LC, productId: 'th', threatId: 'TID-210' })).rejects.toThrow('belongs to another product or threat');
    await expect(saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', expires: '2026-02-30' })).rejects.toThrow(ValidationError);
    const saved = await saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', response: 'accept', rationale: 'isolated network', owner: 'Ana', expires: '2026-06-30' });
    expect(saved).toMatchObject({ response: 'accept', expires: '2026-06-30' });
    const statusOn = async (asOf: string) => buildRegister({ lines: await db.lines.toArray(), products: await db.products.toArray(), decisions: [] }, await loadRiskRegisterData(db), { asOf }).risks.find((r) => r.id === LC)!.status;
    expect(await statusOn('2026-01-15')).toBe('accepted');
    expect(await statusOn('2026-07-01')).toBe('reopened');
  });

  it('adds a user risk on a component and deletes it with its control links in one step', async () => {
    await seed();
    const before = await snapshot();
    const risk = await addUserRisk(db, { productId: 'th', componentId: 'wifi', threatId: 'TID-101' });
    expect(risk).toMatchObject({ productId: 'th', componentId: 'wifi', threatId: 'TID-101', likelihood: null });
    await undo(db);
    expect(await snapshot()).toBe(before);
    await redo(db);
    const control = await putControl(db, { title: 'Network isolation', riskIds: [risk.id, LC], compensating: true });
    const linked = await snapshot();
    await deleteRisk(db, risk.id);
    expect(await db.riskRecords.get(risk.id)).toBeUndefined();
    expect((await db.controls.get(control.id))!.riskIds).toEqual([LC]);
    await undo(db);
    expect(await snapshot()).toBe(linked);
    await expect(addUserRisk(db, { productId: 'th', componentId: 'nope', threatId: 'TID-101' })).rejects.toThrow('component: it is not (any more) a component of Thermostat T1');
    await expect(addUserRisk(db, { productId: 'th', componentId: null, threatId: 'TID-00000' })).rejects.toThrow('threat: TID-00000 is neither in the catalog nor one of your threats');
    await expect(deleteRisk(db, 'no-such-risk')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('keeps a control many-to-many with risks: create, link, unlink, edit, delete, all undoable', async () => {
    await seed();
    const user = await addUserRisk(db, { productId: 'th', componentId: null, threatId: 'TID-101' });
    let id = '';
    await expectUndoRedo(await snapshot(), async () => {
      id = (await putControl(db, { title: 'Extended support contract', mitigationId: null, riskIds: [LC], status: 'planned', owner: 'Ben', dueDate: '2026-09' })).id;
    });
    await expectUndoRedo(await snapshot(), () => linkControl(db, id, user.id));
    expect((await db.controls.get(id))!.riskIds).toEqual([LC, user.id]);
    await expectUndoRedo(await snapshot(), () => unlinkControl(db, id, LC));
    await expectUndoRedo(await snapshot(), () => putControl(db, { id, title: 'Extended support contract', status: 'in-place' }));
    expect((await db.controls.get(id))!).toMatchObject({ status: 'in-place', owner: 'Ben', riskIds: [user.id] });
    await expectUndoRedo(await snapshot(), () => deleteControl(db, id));
    await expect(putControl(db, { title: 'x', riskIds: ['not-a-risk'] })).rejects.toThrow('risks: there is no risk with id not-a-risk');
    await expect(putControl(db, { title: 'x', riskIds: ['lc:TID-210:gone'] })).rejects.toThrow('the product of lifecycle risk lc:TID-210:gone no longer exists');
    await expect(putControl(db, { title: '  ' })).rejects.toThrow('The control was not saved: title: a title is required');
    await expect(linkControl(db, 'no-control', LC)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("stores the user's own threats and STRIDE tags, and refuses to delete a threat in use", async () => {
    await seed();
    await expectUndoRedo(await snapshot(), () => putUserThreat(db, { id: 'U-CLOUD', title: 'Vendor cloud account takeover', category: 'cloud', references: ['CAPEC-560'] }));
    await expectUndoRedo(await snapshot(), () => setThreatStride(db, 'U-CLOUD', ['elevation-of-privilege', 'spoofing']));
    expect((await db.threatTags.get('U-CLOUD'))!.stride).toEqual(['spoofing', 'elevation-of-privilege']);
    await expectUndoRedo(await snapshot(), () => setThreatStride(db, 'TID-210', ['denial-of-service']));
    const risk = await addUserRisk(db, { productId: 'gw', componentId: null, threatId: 'U-CLOUD' });
    await expect(deleteUserThreat(db, 'U-CLOUD')).rejects.toThrow('Vendor cloud account takeover is used by 1 risk; delete or change it first');
    await deleteRisk(db, risk.id);
    // Deleting the threat takes its tag along, in one step.
    await expectUndoRedo(await snapshot(), () => deleteUserThreat(db, 'U-CLOUD'));
    expect(await db.threatTags.get('U-CLOUD')).toBeUndefined();
    await expect(putUserThreat(db, { id: 'TID-210', title: 'mine' })).rejects.toThrow('id: TID-210 is a threat of the shipped catalog; choose another id');
    await expect(setThreatStride(db, 'NOPE-1', ['spoofing'])).rejects.toBeInstanceOf(NotFoundError);
    await expect(setThreatStride(db, 'TID-210', ['sneaking' as never])).rejects.toThrow('sneaking: not a STRIDE category');
  });

  it('edits the method (matrix and weights) as data and goes back to the default', async () => {
    const matrix = { ...DEFAULT_MATRIX, version: 'ours 1', cells: DEFAULT_MATRIX.cells.map((row) => row.map(() => 'critical' as const)) };
    await expectUndoRedo(await snapshot(), () => setRiskMethod(db, { matrix }));
    await expectUndoRedo(await snapshot(), () => setRiskMethod(db, { weights: { ...DEFAULT_WEIGHTS, consumer: { impactAdjust: 1, rationale: 'children' } } }));
    expect((await loadRiskRegisterData(db)).matrix?.version).toBe('ours 1');
    await setRiskMethod(db, { matrix: null, weights: null });
    expect(await loadRiskRegisterData(db)).toMatchObject({ matrix: null, weights: null });
    expect(await db.riskMethod.count()).toBe(0);
    await expect(setRiskMethod(db, { weights: { ...DEFAULT_WEIGHTS, medical: { impactAdjust: 5, rationale: '' } } })).rejects.toThrow('The environment weights was not saved: medical.impactAdjust');
  });

  it('deleting a product takes its risks and answers and unlinks its controls, and one undo brings all back', async () => {
    const line = await seed();
    await setProductProperty(db, { productId: 'gw', propertyId: 'PID-11', state: 'confirmed', by: 'Ana' });
    await saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', likelihood: 2 });
    const user = await addUserRisk(db, { productId: 'th', componentId: null, threatId: 'TID-101' });
    const control = await putControl(db, { title: 'Isolation', riskIds: [LC, user.id] });
    const before = await snapshot();
    await deleteProduct(db, 'gw');
    const data = await loadRiskRegisterData(db);
    expect(data.risks.map((r) => r.id)).toEqual([user.id]);
    expect(data.properties).toEqual([]);
    expect(data.controls).toMatchObject([{ id: control.id, riskIds: [user.id] }]);
    expect((await getUndoState(db)).undo?.description).toBe('Deletion of product “Gateway G1”');
    await undo(db);
    expect(await snapshot()).toBe(before);
    expect(await db.products.get('gw')).toBeDefined();

    await deleteLine(db, line.id);
    expect(await loadRiskRegisterData(db)).toMatchObject({ risks: [], properties: [], controls: [{ riskIds: [] }] });
    await undo(db);
    expect(await snapshot()).toBe(before);

    await clearWorkspace(db);
    expect(await loadRiskRegisterData(db)).toMatchObject({ risks: [], properties: [] });
    await undo(db);
    expect(await snapshot()).toBe(before);
  });
});
