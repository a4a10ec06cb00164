import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { readBundle } from '../../../shared/bundle';
import { DEFAULT_WEIGHTS, lifecycleRiskId } from '../../../shared/risk';
import type { SupportspanDb } from '../../../renderer/db/database';
import { createLine, putProduct } from '../../../renderer/db';
import { buildWorkspaceBundle, importBundleIntoDb } from '../../../renderer/db/bundle-io';
import { deleteComponents } from '../../../renderer/db/repositories/components';
import {
  addUserRisk, loadRiskRegisterData, putControl, putUserThreat, saveRiskAssessment, setProductProperty, setRiskMethod, setThreatStride,
} from '../../../renderer/db/repositories/risks';
import { undo } from '../../../renderer/db/repositories/undo';
import { dropDb, testDb } from '../helpers';

const open: SupportspanDb[] = [];
const fresh = () => {
  const db = testDb();
  open.push(db);
  return db;
};
afterEach(async () => {
  for (const db of open.splice(0)) await dropDb(db);
});

const LC = lifecycleRiskId('TID-210', 'gw', null);
const OPTS = { asOf: '2026-01-15', appVersion: '0.1.0', createdAt: '2026-01-15T10:00:00.000Z' };

/** The same line id in two workspaces (createLine keeps an id it is given), so their products can merge. */
const lineWithId = (db: SupportspanDb) => createLine(db, { id: 'l1', name: 'Gateways', environment: 'industrial' } as Parameters<typeof createLine>[1]);

async function seed(db: SupportspanDb) {
  const line = await lineWithId(db);
  await putProduct(db, {
    id: 'gw', lineId: line.id, name: 'Gateway G1', category: 'gateway',
    firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31', expectedUseYears: 6, unitsPerYear: 1000, declaredSupportEnd: '2022-12-31',
    components: [{ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' }, { id: 'radio', name: 'Radio', class: 'it', role: 'radio' }],
  });
  await putProduct(db, { id: 'th', lineId: line.id, name: 'Thermostat T1', category: 'thermostat', components: [] });
  await setProductProperty(db, { productId: 'gw', propertyId: 'PID-11', state: 'confirmed', by: 'Ana' });
  await saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', likelihood: 4, impact: 4, response: 'accept', rationale: 'isolated plant network', owner: 'Ana', expires: '2026-12-31' });
  await putUserThreat(db, { id: 'U-CLOUD', title: 'Vendor cloud account takeover <script>', references: ['CAPEC-560'] });
  await setThreatStride(db, 'U-CLOUD', ['spoofing']);
  const user = await addUserRisk(db, { productId: 'gw', componentId: 'radio', threatId: 'U-CLOUD' });
  const other = await addUserRisk(db, { productId: 'th', componentId: null, threatId: 'TID-101' });
  const control = await putControl(db, { id: 'ctl-1', title: 'Network isolation', riskIds: [LC, user.id, other.id], status: 'in-place', compensating: true });
  await setRiskMethod(db, { weights: { ...DEFAULT_WEIGHTS, consumer: { impactAdjust: 1, rationale: 'homes with children' } } });
  return { user, other, control };
}

describe('bundles carry the risk register', () => {
  it('exports the register from the database into data/risks.json and replacing a workspace brings it all back', async () => {
    const a = fresh();
    await seed(a);
    const built = await buildWorkspaceBundle(a, OPTS);
    const files = unzipSync(built.bytes);
    const inZip = JSON.parse(strFromU8(files['data/risks.json']!));
    expect(inZip).toEqual(await loadRiskRegisterData(a));
    expect(built.manifest.counts).toMatchObject({ risks: 3, controls: 1 });

    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    const b = fresh();
    const result = await importBundleIntoDb(b, read.bundle, { mode: 'replace-workspace' });
    // threat, tag, property, 3 risks, control, method
    expect(result.registerWritten).toBe(8);
    expect(await loadRiskRegisterData(b)).toEqual(await loadRiskRegisterData(a));
    // And out again: the same register.
    expect(JSON.parse(strFromU8(unzipSync((await buildWorkspaceBundle(b, OPTS)).bytes)['data/risks.json']!))).toEqual(inZip);
  });

  it('a product-scoped bundle carries only that product, and a removed component does not stop the export', async () => {
    const a = fresh();
    const { user } = await seed(a);
    await deleteComponents(a, 'gw', ['radio']);
    const built = await buildWorkspaceBundle(a, { ...OPTS, scope: { kind: 'product', id: 'gw' } });
    const data = JSON.parse(strFromU8(unzipSync(built.bytes)['data/risks.json']!));
    expect(data.risks.map((r: { id: string }) => r.id).sort()).toEqual([LC, user.id].sort());
    expect(data.risks.find((r: { id: string }) => r.id === user.id).componentId).toBeNull();
    expect(data.controls).toMatchObject([{ id: 'ctl-1', riskIds: [LC, user.id] }]);
    expect(data.properties).toHaveLength(1);
  });

  it('merging adds and updates by id, keeps local links and method, replaces an answer on the same property, and one undo reverts it', async () => {
    const a = fresh();
    const { user } = await seed(a);
    const read = await readBundle((await buildWorkspaceBundle(a, OPTS)).bytes);
    if (!read.ok) throw new Error(read.error);

    const c = fresh();
    await lineWithId(c);
    await putProduct(c, { ...(await a.products.get('gw'))! });
    await putProduct(c, { ...(await a.products.get('th'))! });
    await setProductProperty(c, { productId: 'gw', propertyId: 'PID-11', state: 'rejected', by: 'Ben' });
    const mine = await addUserRisk(c, { productId: 'th', componentId: null, threatId: 'TID-101' });
    await putControl(c, { id: 'ctl-1', title: 'Isolation (local title)', riskIds: [mine.id] });
    await setRiskMethod(c, { weights: DEFAULT_WEIGHTS });
    const before = JSON.stringify(await loadRiskRegisterData(c));

    const result = await importBundleIntoDb(c, read.bundle, { mode: 'merge' });
    expect(result.registerWritten).toBeGreaterThan(0);
    const merged = await loadRiskRegisterData(c);
    expect(merged.properties).toMatchObject([{ productId: 'gw', propertyId: 'PID-11', state: 'confirmed', by: 'Ana' }]);
    expect(merged.risks.map((r) => r.id)).toEqual(expect.arrayContaining([LC, user.id, mine.id]));
    expect(merged.controls).toHaveLength(1);
    expect(merged.controls[0]).toMatchObject({ title: 'Network isolation', status: 'in-place' });
    expect(new Set(merged.controls[0]!.riskIds)).toEqual(new Set([mine.id, LC, user.id, ...read.bundle.risks.controls[0]!.riskIds]));
    expect(merged.weights).toEqual(DEFAULT_WEIGHTS);
    expect(merged.threats.map((t) => t.id)).toEqual(['U-CLOUD']);

    await undo(c);
    expect(JSON.stringify(await loadRiskRegisterData(c))).toBe(before);
  });

  it('refuses a bundle whose own threat reuses a shipped threat id, writing nothing', async () => {
    const a = fresh();
    await seed(a);
    const read = await readBundle((await buildWorkspaceBundle(a, OPTS)).bytes);
    if (!read.ok) throw new Error(read.error);
    const bad = { ...read.bundle, risks: { ...read.bundle.risks, threats: [{ id: 'TID-210', title: 'mine', category: '', description: '', references: [] }] } };
    const b = fresh();
    await expect(importBundleIntoDb(b, bad, { mode: 'merge' })).rejects.toThrow('its risk register is invalid');
    expect(await b.products.count()).toBe(0);
  });
});
