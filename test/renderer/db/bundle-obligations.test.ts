import { afterEach, describe, expect, it } from 'vitest';
import { readBundle, type Bundle } from '../../../shared/bundle';
import { verifyChain } from '../../../shared/history/change-log';
import type { SupportspanDb } from '../../../renderer/db/database';
import { createLine, putProduct } from '../../../renderer/db';
import { buildWorkspaceBundle, gatherPortfolio, importBundleIntoDb } from '../../../renderer/db/bundle-io';
import { addActivityEvidence, loadObligationsData, putCommunicationPlan, putVulnerability, recordSentReport, saveActivity, signOffActivity } from '../../../renderer/db/repositories/obligations';
import { undo } from '../../../renderer/db/repositories/undo';
import { defaultCommunicationPlan } from '../../../shared/obligations/communication';
import { dropDb, testDb } from '../helpers';

const AS_OF = '2026-11-28';
const CREATED = '2026-11-28T10:00:00.000Z';

const dbs: SupportspanDb[] = [];
const open = () => {
  const d = testDb();
  dbs.push(d);
  return d;
};
afterEach(async () => {
  for (const d of dbs.splice(0)) await dropDb(d);
});

async function fill(db: SupportspanDb): Promise<void> {
  const home = await createLine(db, { name: 'Smart home', environment: 'consumer' });
  const ind = await createLine(db, { name: 'Industrial', environment: 'industrial' });
  await putProduct(db, { id: 'p1', lineId: home.id, name: 'Thermostat', category: 'thermostat', declaredSupportEnd: '2030-12', components: [{ id: 'c1', name: 'SoC', class: 'it', role: 'soc' }] });
  await putProduct(db, { id: 'p2', lineId: ind.id, name: 'Gateway', category: 'gateway', components: [{ id: 'c2', name: 'Kernel', class: 'it', role: 'os' }] });
  await saveActivity(db, { productId: 'p1', activityId: 'A5', status: 'done', owner: 'Ana', reason: 'Plan agreed' });
  await addActivityEvidence(db, { productId: 'p1', activityId: 'A5', evidence: { kind: 'link', ref: 'https://example.com/plan', label: 'Support plan' } });
  await signOffActivity(db, { productId: 'p1', activityId: 'A5', name: 'Rui', date: '2026-11-27' });
  await saveActivity(db, { productId: 'p2', activityId: 'A0', status: 'in-progress' });
  await putVulnerability(db, { id: 'v1', kind: 'exploited-vulnerability', title: 'TLS overflow', identifier: 'CVE-2026-12345', productIds: ['p1', 'p2'], componentIds: ['c1', 'c2'], knownAt: '2026-10-24T23:30:00Z' });
  await recordSentReport(db, 'v1', { kind: 'early-warning', sentAt: '2026-10-25T10:00:00Z', reference: 'EW-1' });
  await putCommunicationPlan(db, { ...defaultCommunicationPlan('p1'), noticeMonths: [18, 6, 0] });
}

async function exportOf(db: SupportspanDb, scope?: { kind: 'product'; id: string }): Promise<Bundle> {
  const built = await buildWorkspaceBundle(db, { ...(scope ? { scope } : {}), asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED });
  const r = await readBundle(built.bytes);
  if (!r.ok) throw new Error(r.error);
  return r.bundle;
}

describe('workspace bundles carry the obligations records', () => {
  it('export then import (replace) gives the same records, and the change log with their entries still verifies', async () => {
    const a = open();
    await fill(a);
    const bundle = await exportOf(a);
    expect(bundle.manifest.counts).toMatchObject({ activities: 2, vulnerabilities: 1, communicationPlans: 1 });
    expect(bundle.history.filter((e) => !('redacted' in e) && ['activity', 'vulnerability', 'communication-plan'].includes(e.entity.type))).toHaveLength(7);
    expect(await verifyChain(bundle.history)).toMatchObject({ ok: true });

    const b = open();
    const result = await importBundleIntoDb(b, bundle, { mode: 'replace-workspace' });
    expect(result.obligationsWritten).toBe(4);
    expect(await loadObligationsData(b)).toEqual(await loadObligationsData(a));
    // And out again: the same chain and the same section.
    const again = await exportOf(b);
    expect(again.obligations).toEqual(bundle.obligations);
    expect(again.history).toEqual(bundle.history);
    expect((await gatherPortfolio(b)).obligations).toEqual((await gatherPortfolio(a)).obligations);
  });

  it('a product-scoped export carries that product’s records only', async () => {
    const a = open();
    await fill(a);
    const bundle = await exportOf(a, { kind: 'product', id: 'p2' });
    expect(bundle.obligations.activityRecords.map((r) => r.id)).toEqual(['p2:A0']);
    expect(bundle.obligations.communicationPlans).toEqual([]);
    expect(bundle.obligations.vulnerabilities).toEqual([expect.objectContaining({ id: 'v1', productIds: ['p2'], componentIds: ['c2'] })]);
  });

  it('merge writes new and changed records in the import’s group (one undo), leaves identical ones alone', async () => {
    const a = open();
    await fill(a);
    const bundle = await exportOf(a);
    const b = open();
    await importBundleIntoDb(b, bundle, { mode: 'replace-workspace' });
    await saveActivity(b, { productId: 'p1', activityId: 'A5', owner: 'Someone else' });
    const result = await importBundleIntoDb(b, bundle, { mode: 'merge' });
    expect(result).toMatchObject({ obligationsWritten: 1, obligationsSkipped: 0 });
    expect((await b.activityRecords.get('p1:A5'))!.owner).toBe('Ana');
    await undo(b);
    expect((await b.activityRecords.get('p1:A5'))!.owner).toBe('Someone else');

    // Into a workspace that has only the thermostat's line and product: the gateway's records are its product's, so they come with it.
    const c = open();
    const merged = await importBundleIntoDb(c, bundle, { mode: 'merge' });
    expect(merged.obligationsWritten).toBe(4);
    expect(await loadObligationsData(c)).toEqual(await loadObligationsData(a));
    await undo(c);
    expect(await loadObligationsData(c)).toEqual({ activityRecords: [], vulnerabilities: [], communicationPlans: [] });
    expect(await c.products.count()).toBe(0);
  });

  it('refuses a bundle whose records are invalid, writing nothing', async () => {
    const a = open();
    await fill(a);
    const bundle = await exportOf(a);
    const bad: Bundle = { ...bundle, obligations: { ...bundle.obligations, vulnerabilities: [{ ...bundle.obligations.vulnerabilities[0]!, productIds: ['ghost'] }] } };
    const b = open();
    await expect(importBundleIntoDb(b, { ...bad, manifestHash: 'x'.repeat(64) }, { mode: 'replace-workspace' })).rejects.toThrow('The bundle was not imported: data/activities.json: vulnerabilities[0].productIds[0]: "ghost" is not a product in this bundle. Nothing was written.');
    expect(await b.products.count()).toBe(0);
    expect(await b.vulnerabilities.count()).toBe(0);
  });
});
