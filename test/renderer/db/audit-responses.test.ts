import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, SCHEMA_HISTORY } from '../../../renderer/db/schema-history';
import { SupportspanDb } from '../../../renderer/db/database';
import {
  auditorNotesFor, checkResponseFile, deleteAuditResponse, keepAuditResponse, listAuditResponses, recordExportedBundle, responsesToBundle, saveReply, keptReviewerLine } from '../../../renderer/db/repositories/audit-responses';
import { buildAuditResponse, findingIdentity, readBundle, type Bundle, type SigningKey } from '../../../shared/bundle';
import { productLineSchema } from '../../../shared/domain';
import { dropDb } from '../helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIX = join(ROOT, 'test', 'fixtures', 'responses');
const RESPONSE = new Uint8Array(readFileSync(join(FIX, 'response-v1.sspan-response')));
const AUDITOR = JSON.parse(readFileSync(join(FIX, 'auditor-signing-key.json'), 'utf8')) as SigningKey;
const V6 = SCHEMA_HISTORY.findIndex((s) => s.version === 6) + 1;
const NAME = 'audit-responses';

async function sample(): Promise<Bundle> {
  const read = await readBundle(new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'bundles', 'sample-signed.sspan'))));
  if (!read.ok) throw new Error(read.error);
  return read.bundle;
}

afterEach(async () => {
  await dropDb(new SupportspanDb(NAME));
});

describe('schema version 7', () => {
  it('keeps version 6 as shipped and adds the response tables', () => {
    expect(SCHEMA_HISTORY[V6 - 1]?.version).toBe(6);
    expect(SCHEMA_HISTORY.find((s) => s.version === 7)).toEqual({
      version: 7,
      stores: { exportedBundles: '&manifestHash, exportedAt', auditResponses: '&id, bundleHash, receivedAt', auditResponseEntries: '&id, findingKey, responseId', findingReplies: '&id, findingKey, responseId' },
    });
  });

  it('opens a version 6 database with its data intact and the response tables empty and working', async () => {
    const v6 = new SupportspanDb(NAME, { history: SCHEMA_HISTORY.slice(0, V6) });
    await v6.open();
    expect(v6.verno).toBe(6);
    const line = { id: 'l-1', name: 'Gateways', environment: 'industrial', notes: '' };
    await v6.table('lines').add(line);
    await v6.table('activityRecords').add({ id: 'p-1:A0', productId: 'p-1', status: 'done', reason: '', owner: 'Ana', due: null, updatedAt: '2026-10-01T08:00:00.000Z' });
    await v6.table('settings').put({ key: 'userName', value: 'Ana' });
    v6.close();

    const db = new SupportspanDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(productLineSchema.parse(await db.lines.get('l-1'))).toEqual(line);
    expect((await db.activityRecords.get('p-1:A0'))?.owner).toBe('Ana');
    expect(await listAuditResponses(db)).toEqual([]);
    const b = await sample();
    await recordExportedBundle(db, { manifestBytes: b.manifestBytes, manifest: b.manifest, fileName: 'sample-signed.sspan' });
    const kept = await keepAuditResponse(db, { fileName: 'r.sspan-response', bytes: RESPONSE, result: await checkResponseFile(db, RESPONSE, []) });
    expect(kept.bundleHash).toBe(b.manifestHash);
    db.close();
  });
});

describe('kept auditor responses', () => {
  it('checks a response against the bundles this workspace exported', async () => {
    const db = new SupportspanDb(NAME);
    const before = await checkResponseFile(db, RESPONSE, [AUDITOR.fingerprint]);
    expect(before.checks.find((c) => c.id === 'exported')?.outcome).toBe('failed');
    const b = await sample();
    await recordExportedBundle(db, { manifestBytes: b.manifestBytes, manifest: b.manifest, fileName: 'sample-signed.sspan' });
    const after = await checkResponseFile(db, RESPONSE, [AUDITOR.fingerprint]);
    expect(after.ok).toBe(true);
    expect(after.verification.state).toBe('valid');
    db.close();
  });

  it('stores several responses to one bundle side by side, lists them, finds each note by finding key, and deletes one with its replies', async () => {
    const db = new SupportspanDb(NAME);
    const b = await sample();
    await recordExportedBundle(db, { manifestBytes: b.manifestBytes, manifest: b.manifest, fileName: 'sample-signed.sspan' });
    const first = await keepAuditResponse(db, { fileName: 'first.sspan-response', bytes: RESPONSE, result: await checkResponseFile(db, RESPONSE, []) }, new Date('2026-03-03T08:00:00Z'));
    // the committed response disputes the bundle's first finding
    const key = findingIdentity(b.analysis.findings[0]!);
    const second = await buildAuditResponse({
      original: { manifestHash: b.manifestHash, manifest: b.manifest, verification: 'unknown-key', signer: b.signature?.fingerprint ?? null },
      review: { reviewer: 'Second Reviewer', organisation: 'Second Body', summary: '', entries: [{ findingKey: key, status: 'agreed', note: 'Now agreed after the letter.', updatedAt: '2026-04-01T09:00:00.000Z', finding: null }] },
      appVersion: '1.0.0', createdAt: '2026-04-01T10:00:00.000Z', signingKey: null,
    });
    const kept2 = await keepAuditResponse(db, { fileName: 'second.sspan-response', bytes: second.bytes, result: await checkResponseFile(db, second.bytes, []) }, new Date('2026-04-02T08:00:00Z'));
    expect(kept2.state).toBe('unsigned');

    expect((await listAuditResponses(db)).map((r) => r.fileName)).toEqual(['second.sspan-response', 'first.sspan-response']);
    expect((await responsesToBundle(db, b.manifestHash)).map((r) => r.reviewer)).toEqual(['Iris Auditor <Notified body>', 'Second Reviewer']);
    // the version 1 response states no organisation apart; the version 2 one does
    expect((await responsesToBundle(db, b.manifestHash)).map((r) => [r.organisation, r.formatVersion])).toEqual([[null, 1], ['Second Body', 2]]);
    expect(keptReviewerLine(first)).toBe('Iris Auditor <Notified body> (organisation not stated: version 1 response)');
    expect(keptReviewerLine(kept2)).toBe('Second Reviewer, Second Body');
    const notes = await auditorNotesFor(db, key);
    expect(notes.map((n) => [n.response.reviewer, n.entry.status, n.response.fingerprint])).toEqual([
      ['Iris Auditor <Notified body>', 'disputed', AUDITOR.fingerprint],
      ['Second Reviewer', 'agreed', null],
    ]);
    expect(notes[0]?.entry.note).toMatch(/supplier letter/);

    const reply = await saveReply(db, { responseId: first.id, findingKey: key, text: '  See the attached letter.  ', author: 'Ana' }, new Date('2026-03-04T08:00:00Z'));
    expect(reply?.text).toBe('See the attached letter.');
    expect((await auditorNotesFor(db, key))[0]?.reply?.text).toBe('See the attached letter.');
    await expect(saveReply(db, { responseId: first.id, findingKey: 'no-such-key', text: 'x', author: 'Ana' })).rejects.toThrow(/no longer kept/);

    // opening the same response again replaces it, not doubles it
    await keepAuditResponse(db, { fileName: 'first-again.sspan-response', bytes: RESPONSE, result: await checkResponseFile(db, RESPONSE, []) });
    expect(await db.auditResponses.count()).toBe(2);
    expect(await db.auditResponseEntries.where('responseId').equals(first.id).count()).toBe(2);

    await deleteAuditResponse(db, first.id);
    expect((await auditorNotesFor(db, key)).map((n) => n.response.reviewer)).toEqual(['Second Reviewer']);
    expect(await db.findingReplies.count()).toBe(0);
    db.close();
  });

  it('refuses to keep a tampered response', async () => {
    const db = new SupportspanDb(NAME);
    const tampered = new Uint8Array(readFileSync(join(FIX, 'tampered.sspan-response')));
    const result = await checkResponseFile(db, tampered, []);
    await expect(keepAuditResponse(db, { fileName: 't.sspan-response', bytes: tampered, result })).rejects.toThrow(/invalid and was not kept/);
    expect(await db.auditResponses.count()).toBe(0);
    db.close();
  });
});
