import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLine, deleteLine, deleteProduct, NotFoundError, putProduct, ValidationError } from '../../../renderer/db';
import { SupportspanDb } from '../../../renderer/db/database';
import { SCHEMA_HISTORY, CURRENT_SCHEMA_VERSION } from '../../../renderer/db/schema-history';
import { clearWorkspace } from '../../../renderer/db/repositories/workspace';
import {
  addActivityEvidence,
  clearSignOff,
  deleteVulnerability,
  loadObligationsData,
  putCommunicationPlan,
  putVulnerability,
  recordSentReport,
  removeActivityEvidence,
  saveActivity,
  signOffActivity,
} from '../../../renderer/db/repositories/obligations';
import { getUndoState, redo, undo } from '../../../renderer/db/repositories/undo';
import { activityRecordSchema } from '../../../shared/obligations/activities';
import { defaultCommunicationPlan } from '../../../shared/obligations/communication';
import { vulnerabilityRecordSchema } from '../../../shared/obligations/vulnerabilities';
import { productSchema } from '../../../shared/domain';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  await dropDb(db);
});

async function seed() {
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  await putProduct(db, { id: 'p1', lineId: line.id, name: 'T1', category: 'thermostat', components: [{ id: 'c1', name: 'Firmware', class: 'it', role: 'firmware', securitySupportEnd: '2030-06' }] });
  await putProduct(db, { id: 'p2', lineId: line.id, name: 'T2', category: 'thermostat', components: [{ id: 'c2', name: 'SoC', class: 'it', role: 'soc' }] });
  return line;
}

const vulnInput = (patch: Record<string, unknown> = {}) => ({
  id: 'v1', kind: 'exploited-vulnerability', title: 'TLS overflow', identifier: 'CVE-2026-12345', productIds: ['p1', 'p2'], componentIds: ['c1'], knownAt: '2026-10-24T23:30:00Z', ...patch,
});

describe('activity records', () => {
  it('saves status, owner, due date and notes; keeps what is not given; logs one change per action', async () => {
    await seed();
    const before = await db.changes.count();
    const r = await saveActivity(db, { productId: 'p1', activityId: 'A5', status: 'in-progress', owner: ' Ana ', dueDate: '2027-01-31', notes: 'Waiting for the SoC letter' });
    expect(r).toEqual(activityRecordSchema.parse({ id: 'p1:A5', productId: 'p1', activityId: 'A5', status: 'in-progress', owner: 'Ana', due: '2027-01-31', notes: 'Waiting for the SoC letter' }));
    const r2 = await saveActivity(db, { productId: 'p1', activityId: 'A5', status: 'done' });
    expect(r2).toMatchObject({ status: 'done', owner: 'Ana', due: '2027-01-31' });
    expect(await db.changes.count()).toBe(before + 2);
    const last = await db.changes.orderBy(':id').last();
    expect(last).toMatchObject({ entityType: 'activity', entityId: 'p1:A5', before: r, after: r2 });
    expect((await getUndoState(db)).undo?.description).toBe('Edit of activity “Activity 5”');
    expect((await loadObligationsData(db)).activityRecords).toEqual([r2]);
  });

  it('refuses "not applicable" without a reason, an unknown activity and a bad day, in the user’s terms; nothing is written', async () => {
    await seed();
    const count = await db.changes.count();
    const err = await saveActivity(db, { productId: 'p1', activityId: 'A2', status: 'not-applicable' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe('Activity 2 was not saved: reason: an activity marked not applicable needs a reason');
    await expect(saveActivity(db, { productId: 'p1', activityId: 'A9' as 'A0' })).rejects.toThrow('The activity was not saved: activity: "A9" is not one of A0…A8');
    await expect(saveActivity(db, { productId: 'p1', activityId: 'A1', dueDate: '2027-02-30' })).rejects.toThrow(/^Activity 1 was not saved: due: /);
    await expect(saveActivity(db, { productId: 'nope', activityId: 'A1', status: 'done' })).rejects.toThrow(NotFoundError);
    expect(await db.activityRecords.count()).toBe(0);
    expect(await db.changes.count()).toBe(count);
    const ok = await saveActivity(db, { productId: 'p1', activityId: 'A2', status: 'not-applicable', reason: 'Sold to one industrial customer' });
    expect(ok.reason).toBe('Sold to one industrial customer');
  });

  it('adds and removes evidence, signs off and clears it; each is undoable and redoable', async () => {
    await seed();
    await addActivityEvidence(db, { productId: 'p1', activityId: 'A6', evidence: { kind: 'finding', ref: 'support-ends-before-use:p1:-', label: '' } });
    await addActivityEvidence(db, { productId: 'p1', activityId: 'A6', evidence: { kind: 'link', ref: 'https://example.com/policy', label: 'Update policy' } });
    await expect(addActivityEvidence(db, { productId: 'p1', activityId: 'A6', evidence: { kind: 'link', ref: 'not a link', label: '' } })).rejects.toThrow('The evidence was not saved: ref: a link starts with http://, https://, urn: or doc: and has no spaces');
    await expect(addActivityEvidence(db, { productId: 'p1', activityId: 'A6', evidence: { kind: 'link', ref: 'https://example.com/policy', label: '' } })).rejects.toThrow(/already evidence of Activity 6/);
    await removeActivityEvidence(db, { productId: 'p1', activityId: 'A6', index: 0 });
    await expect(removeActivityEvidence(db, { productId: 'p1', activityId: 'A6', index: 3 })).rejects.toThrow('Activity 6 has no evidence item number 4 (any more).');
    await signOffActivity(db, { productId: 'p1', activityId: 'A6', name: 'Rui', date: '2026-12-01' });
    await expect(signOffActivity(db, { productId: 'p1', activityId: 'A6', name: ' ', date: '2026-12-01' })).rejects.toThrow('The sign-off was not saved: name: the reviewer’s name is empty');
    let r = (await db.activityRecords.get('p1:A6'))!;
    expect(r.evidence.map((e) => e.ref)).toEqual(['https://example.com/policy']);
    expect(r.signOff).toEqual({ name: 'Rui', date: '2026-12-01' });
    await clearSignOff(db, { productId: 'p1', activityId: 'A6' });
    await expect(clearSignOff(db, { productId: 'p1', activityId: 'A6' })).rejects.toThrow(/not signed off/);
    expect((await db.activityRecords.get('p1:A6'))!.signOff).toBeNull();

    await undo(db); // the cleared sign-off comes back
    expect((await db.activityRecords.get('p1:A6'))!.signOff).toEqual({ name: 'Rui', date: '2026-12-01' });
    await undo(db); // the sign-off goes
    await undo(db); // the removed evidence comes back
    r = (await db.activityRecords.get('p1:A6'))!;
    expect(r.signOff).toBeNull();
    expect(r.evidence.map((e) => e.ref)).toEqual(['support-ends-before-use:p1:-', 'https://example.com/policy']);
    await undo(db);
    await undo(db); // back to no record at all
    expect(await db.activityRecords.get('p1:A6')).toBeUndefined();
    await redo(db);
    expect((await db.activityRecords.get('p1:A6'))!.evidence).toHaveLength(1);
    await redo(db);
    await redo(db);
    expect((await db.activityRecords.get('p1:A6'))!.evidence.map((e) => e.ref)).toEqual(['https://example.com/policy']);
  });
});

describe('vulnerability records', () => {
  it('stores a record, records sent reports, deletes it; undo and redo each step', async () => {
    await seed();
    const v = await putVulnerability(db, vulnInput());
    expect(v).toEqual(vulnerabilityRecordSchema.parse(vulnInput()));
    const sent = await recordSentReport(db, 'v1', { kind: 'early-warning', sentAt: '2026-10-25T10:00:00Z', reference: ' ENISA-EW-42 ' });
    expect(sent.reports['early-warning']).toEqual({ sentAt: '2026-10-25T10:00:00Z', reference: 'ENISA-EW-42' });
    expect((await getUndoState(db)).undo?.description).toBe('Edit of vulnerability record “TLS overflow”');
    await deleteVulnerability(db, 'v1');
    expect(await db.vulnerabilities.count()).toBe(0);
    await undo(db);
    expect((await db.vulnerabilities.get('v1'))!.reports['early-warning']?.reference).toBe('ENISA-EW-42');
    await undo(db);
    expect((await db.vulnerabilities.get('v1'))!.reports['early-warning']).toBeNull();
    await redo(db);
    expect((await db.vulnerabilities.get('v1'))!.reports['early-warning']?.reference).toBe('ENISA-EW-42');
    expect(await db.vulnerabilities.where('productIds').equals('p2').count()).toBe(1);
  });

  it('refuses bad input with what and where: unknown products, foreign components, a report before awareness, a time with an offset', async () => {
    await seed();
    await expect(putVulnerability(db, vulnInput({ productIds: ['p1', 'ghost'] }))).rejects.toThrow('The vulnerability record was not saved: productIds.1: there is no product with id ghost');
    await expect(putVulnerability(db, vulnInput({ productIds: ['p2'], componentIds: ['c1'] }))).rejects.toThrow('componentIds.0: component c1 is not in any of the affected products');
    await expect(putVulnerability(db, vulnInput({ knownAt: '2026-10-25T01:30:00+02:00' }))).rejects.toThrow('The vulnerability record was not saved: knownAt: a UTC time such as 2026-10-24T09:30:00Z');
    await expect(putVulnerability(db, vulnInput({ title: '' }))).rejects.toThrow('title: the title is empty');
    expect(await db.vulnerabilities.count()).toBe(0);
    await putVulnerability(db, vulnInput());
    await expect(recordSentReport(db, 'v1', { kind: 'notification', sentAt: '2026-10-20T00:00:00Z', reference: 'N1' })).rejects.toThrow('The notification (72 h) was not saved: sentAt: 2026-10-20T00:00:00Z is before the problem became known (2026-10-24T23:30:00Z)');
    await expect(recordSentReport(db, 'v1', { kind: 'notification', sentAt: '2026-10-26T00:00:00Z', reference: '' })).rejects.toThrow('reference: the reference is empty');
    await expect(recordSentReport(db, 'ghost', { kind: 'notification', sentAt: '2026-10-26T00:00:00Z', reference: 'N1' })).rejects.toThrow(NotFoundError);
    await expect(deleteVulnerability(db, 'ghost')).rejects.toThrow('The vulnerability record no longer exists (id ghost).');
  });
});

describe('communication plans', () => {
  it('stores one plan per product, replaces it, refuses bad plans and undoes', async () => {
    await seed();
    const plan = await putCommunicationPlan(db, { ...defaultCommunicationPlan('p1'), noticeMonths: [18, 6, 0], whatToDo: 'Replace with T2' });
    expect(await db.communicationPlans.get('p1')).toEqual(plan);
    await putCommunicationPlan(db, { ...plan, channels: ['letter'] });
    await expect(putCommunicationPlan(db, { ...plan, noticeMonths: [6, 6] })).rejects.toThrow('The communication plan was not saved: noticeMonths: each month offset appears once');
    await expect(putCommunicationPlan(db, { ...plan, channels: ['pigeon'] })).rejects.toThrow(/^The communication plan was not saved: channels\.0: /);
    await expect(putCommunicationPlan(db, { ...plan, productId: 'ghost' })).rejects.toThrow(NotFoundError);
    expect((await db.communicationPlans.get('p1'))!.channels).toEqual(['letter']);
    await undo(db);
    expect((await db.communicationPlans.get('p1'))!.channels).toEqual(['email', 'website']);
    await undo(db);
    expect(await db.communicationPlans.count()).toBe(0);
  });
});

describe('deleting products takes their obligations with them, in the same change group', () => {
  async function fill() {
    const line = await seed();
    await saveActivity(db, { productId: 'p1', activityId: 'A5', status: 'done', reason: 'ok' });
    await saveActivity(db, { productId: 'p2', activityId: 'A1', status: 'in-progress' });
    await putCommunicationPlan(db, defaultCommunicationPlan('p1'));
    await putVulnerability(db, vulnInput());
    await putVulnerability(db, vulnInput({ id: 'v2', title: 'Only T1', productIds: ['p1'], componentIds: [] }));
    return line;
  }

  it('deleteProduct: records and plan removed, its id and components dropped from shared records, a record of it alone removed; one undo restores all', async () => {
    await fill();
    const seqBefore = (await db.changes.orderBy(':id').last())!.seq!;
    await deleteProduct(db, 'p1');
    expect(await db.activityRecords.toArray()).toEqual([expect.objectContaining({ id: 'p2:A1' })]);
    expect(await db.communicationPlans.count()).toBe(0);
    expect(await db.vulnerabilities.get('v1')).toMatchObject({ productIds: ['p2'], componentIds: [] });
    expect(await db.vulnerabilities.get('v2')).toBeUndefined();
    const records = await db.changes.where(':id').above(seqBefore).toArray();
    expect(new Set(records.map((r) => r.group)).size).toBe(1);
    expect(records.map((r) => `${r.entityType}:${r.entityId}`).sort()).toEqual(['activity:p1:A5', 'communication-plan:p1', 'product:p1', 'vulnerability:v1', 'vulnerability:v2']);
    await undo(db);
    expect(await db.activityRecords.count()).toBe(2);
    expect(await db.communicationPlans.get('p1')).toBeDefined();
    expect(await db.vulnerabilities.get('v1')).toMatchObject({ productIds: ['p1', 'p2'], componentIds: ['c1'] });
    expect(await db.vulnerabilities.get('v2')).toBeDefined();
    await redo(db);
    expect(await db.products.get('p1')).toBeUndefined();
    expect(await db.vulnerabilities.get('v2')).toBeUndefined();
  });

  it('deleteLine and clearWorkspace remove every obligations record of their products', async () => {
    const line = await fill();
    await deleteLine(db, line.id);
    expect([await db.activityRecords.count(), await db.communicationPlans.count(), await db.vulnerabilities.count()]).toEqual([0, 0, 0]);
    await undo(db);
    expect([await db.activityRecords.count(), await db.communicationPlans.count(), await db.vulnerabilities.count()]).toEqual([2, 1, 2]);
    await clearWorkspace(db);
    expect([await db.activityRecords.count(), await db.communicationPlans.count(), await db.vulnerabilities.count()]).toEqual([0, 0, 0]);
    await undo(db);
    expect(await db.vulnerabilities.count()).toBe(2);
  });

  it('undo refuses to bring back an activity record whose product is gone', async () => {
    await seed();
    await saveActivity(db, { productId: 'p1', activityId: 'A3', status: 'in-progress' });
    await saveActivity(db, { productId: 'p1', activityId: 'A3', status: 'done' });
    // Another window deletes the product (its own group, not this window's).
    await db.transaction('rw', [db.products, db.activityRecords, db.changes], async () => {
      await db.activityRecords.delete('p1:A3');
      await db.products.delete('p1');
    });
    await expect(undo(db)).rejects.toThrow(/was changed since/);
  });
});

describe('schema version 6', () => {
  it('is additive: the three tables with their indexes', () => {
    expect(SCHEMA_HISTORY.find((s) => s.version === 6)).toEqual({ version: 6, stores: { activityRecords: '&id, productId', vulnerabilities: '&id, *productIds', communicationPlans: '&productId' } });
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(6);
  });

  it('opens a database of the version before with its data intact and the new tables empty and working', async () => {
    const name = `upgrade-to-v6-${Date.now()}`;
    const older = new SupportspanDb(name, { history: SCHEMA_HISTORY.filter((s) => s.version < 6) });
    await older.open();
    expect(older.verno).toBeLessThan(6);
    const line = { id: 'l-1', name: 'Smart thermostats', environment: 'consumer', notes: '' };
    const product = productSchema.parse({ id: 'p-1', lineId: 'l-1', name: 'T-100', category: 'thermostat', components: [{ id: 'c-1', name: 'Wi-Fi', class: 'it', role: 'radio', securitySupportEnd: '2030-06' }] });
    await older.table('lines').add(line);
    await older.table('products').add(product);
    await older.table('changes').bulkAdd([
      { group: 'g1', entityType: 'line', entityId: 'l-1', op: 'put', before: null, after: line, at: '2026-10-01T08:00:00.000Z' },
      { group: 'g2', entityType: 'product', entityId: 'p-1', op: 'put', before: null, after: product, at: '2026-10-01T08:01:00.000Z' },
    ]);
    await older.table('settings').put({ key: 'userName', value: 'Ana' });
    older.close();

    const current = new SupportspanDb(name);
    try {
      await current.open();
      expect(current.verno).toBe(CURRENT_SCHEMA_VERSION);
      expect(await current.products.get('p-1')).toEqual(product);
      expect(await current.changes.count()).toBe(2);
      expect(await loadObligationsData(current)).toEqual({ activityRecords: [], vulnerabilities: [], communicationPlans: [] });
      await saveActivity(current, { productId: 'p-1', activityId: 'A0', status: 'done' });
      await putVulnerability(current, vulnInput({ productIds: ['p-1'], componentIds: ['c-1'] }));
      expect(await current.activityRecords.where('productId').equals('p-1').count()).toBe(1);
      expect(await current.vulnerabilities.where('productIds').equals('p-1').count()).toBe(1);
      await undo(current);
      await undo(current);
      await undo(current); // the product written by the older version
      expect(await current.products.count()).toBe(0);
    } finally {
      await dropDb(current);
    }
  });
});
