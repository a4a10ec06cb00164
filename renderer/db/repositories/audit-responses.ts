/**
 * Auditor responses coming back to the manufacturer: the record of the
 * bundles this workspace exported (what a response must refer to), the
 * responses kept after verification (several per bundle, side by side), their
 * notes per finding, risk or activity, and the manufacturer's replies.
 * The checks themselves are shared/bundle/response-checks.ts.
 */
import {
  checkAuditResponse, reviewerLine, sha256Hex, type ExportedBundleRef, type Manifest, type ResponseCheckResult,
} from '../../../shared/bundle';
import type {
  AuditResponseEntryRecord, AuditResponseRecord, ExportedBundleRecord, FindingReplyRecord, SupportspanDb,
} from '../database';
import { guardWrite, ValidationError } from '../errors';

export const MAX_REPLY_CHARS = 10_000;

/** Records a bundle the user just saved (export-bundle-panel.tsx). */
export async function recordExportedBundle(
  db: SupportspanDb, bundle: { manifestBytes: Uint8Array; manifest: Pick<Manifest, 'createdAt' | 'asOf' | 'scope'>; fileName: string }, now: Date = new Date(),
): Promise<ExportedBundleRecord> {
  const record: ExportedBundleRecord = {
    manifestHash: await sha256Hex(bundle.manifestBytes),
    createdAt: bundle.manifest.createdAt, asOf: bundle.manifest.asOf, scope: bundle.manifest.scope,
    fileName: bundle.fileName.slice(0, 1000), exportedAt: now.toISOString(),
  };
  await guardWrite('record the exported bundle', () => db.exportedBundles.put(record));
  return record;
}

/** The exported bundles as recorded, newest first. */
export async function listExportedBundleRecords(db: SupportspanDb): Promise<ExportedBundleRecord[]> {
  return db.exportedBundles.orderBy('exportedAt').reverse().toArray();
}

export async function listExportedBundles(db: SupportspanDb): Promise<ExportedBundleRef[]> {
  return (await db.exportedBundles.toArray()).map(({ manifestHash, createdAt, asOf, scope }) => ({ manifestHash, createdAt, asOf, scope }));
}

/** Verifies a response file against this workspace: its trusted keys and the bundles it exported. */
export async function checkResponseFile(db: SupportspanDb, bytes: Uint8Array, trustedFingerprints: readonly string[]): Promise<ResponseCheckResult> {
  return checkAuditResponse(bytes, { trustedFingerprints, exported: await listExportedBundles(db) });
}

/**
 * Keeps a verified response: the response and one entry per reviewed item, in
 * one transaction. An invalid response is refused; opening the same response
 * again replaces it (same id: the SHA-256 of its manifest).
 */
export async function keepAuditResponse(
  db: SupportspanDb, input: { fileName: string; bytes: Uint8Array; result: ResponseCheckResult }, now: Date = new Date(),
): Promise<AuditResponseRecord> {
  const v = input.result.verification;
  if (v.state === 'invalid' || !v.manifest || !v.review || !v.manifestHash) {
    throw new ValidationError('The auditor response', [`it is invalid and was not kept: ${v.reasons.join('; ')}`]);
  }
  const m = v.manifest;
  const record: AuditResponseRecord = {
    id: v.manifestHash, bundleHash: m.original.manifestHash, fileName: input.fileName.slice(0, 1000), receivedAt: now.toISOString(),
    createdAt: m.createdAt, appVersion: m.appVersion, reviewer: v.review.reviewer, organisation: v.review.organisation, formatVersion: m.formatVersion, summary: v.review.summary,
    state: v.state, fingerprint: v.fingerprint ?? null, checks: input.result.checks, counts: m.counts, bytes: input.bytes,
  };
  const entries: AuditResponseEntryRecord[] = v.review.entries.map((e) => ({
    id: `${record.id}:${e.findingKey}`, responseId: record.id, findingKey: e.findingKey, status: e.status, note: e.note, updatedAt: e.updatedAt, finding: e.finding,
    ...(e.history.length ? { history: e.history } : {}), ...(e.replies.length ? { replies: e.replies } : {}),
  }));
  await guardWrite('keep the auditor response', () => db.transaction('rw', db.auditResponses, db.auditResponseEntries, async () => {
    await db.auditResponseEntries.where('responseId').equals(record.id).delete();
    await db.auditResponses.put(record);
    await db.auditResponseEntries.bulkPut(entries);
  }));
  return record;
}

/** The reviewer of a kept response as shown: name and organisation, or that a version 1 response did not state the organisation. */
export function keptReviewerLine(r: Pick<AuditResponseRecord, 'reviewer' | 'organisation'>): string {
  return reviewerLine({ reviewer: r.reviewer, organisation: r.organisation ?? null });
}

/** The kept responses, newest first. */
export async function listAuditResponses(db: SupportspanDb): Promise<AuditResponseRecord[]> {
  return (await db.auditResponses.orderBy('receivedAt').reverse().toArray());
}

export async function responsesToBundle(db: SupportspanDb, bundleHash: string): Promise<AuditResponseRecord[]> {
  return db.auditResponses.where('bundleHash').equals(bundleHash).sortBy('createdAt');
}

/** Removes a response, its notes and the replies to them. */
export async function deleteAuditResponse(db: SupportspanDb, id: string): Promise<void> {
  await guardWrite('delete the auditor response', () => db.transaction('rw', db.auditResponses, db.auditResponseEntries, db.findingReplies, async () => {
    await db.auditResponseEntries.where('responseId').equals(id).delete();
    await db.findingReplies.where('responseId').equals(id).delete();
    await db.auditResponses.delete(id);
  }));
}

/** What the finding card shows of one auditor note. */
export interface AuditorNote {
  entry: AuditResponseEntryRecord;
  response: Pick<AuditResponseRecord, 'id' | 'reviewer' | 'fingerprint' | 'state' | 'createdAt' | 'fileName' | 'checks'> & { organisation: string | null };
  reply: FindingReplyRecord | null;
}

/** Every kept note on one finding, risk (`risk:<id>`) or activity (`activity:<product>:<A0..A8>`), oldest response first. */
export async function auditorNotesFor(db: SupportspanDb, findingKey: string): Promise<AuditorNote[]> {
  const entries = await db.auditResponseEntries.where('findingKey').equals(findingKey).toArray();
  if (entries.length === 0) return [];
  const responses = await db.auditResponses.bulkGet(entries.map((e) => e.responseId));
  const replies = await db.findingReplies.bulkGet(entries.map((e) => e.id));
  const notes: AuditorNote[] = [];
  entries.forEach((entry, i) => {
    const r = responses[i];
    if (!r) return;
    const { id, reviewer, fingerprint, state, createdAt, fileName, checks } = r;
    notes.push({ entry, response: { id, reviewer, organisation: r.organisation ?? null, fingerprint, state, createdAt, fileName, checks }, reply: replies[i] ?? null });
  });
  return notes.sort((a, b) => (a.response.createdAt < b.response.createdAt ? -1 : a.response.createdAt > b.response.createdAt ? 1 : 0));
}

/** The manufacturer's answer to one auditor note; an empty text removes it. */
export async function saveReply(
  db: SupportspanDb, input: { responseId: string; findingKey: string; text: string; author: string }, now: Date = new Date(),
): Promise<FindingReplyRecord | null> {
  const text = input.text.trim();
  if (text.length > MAX_REPLY_CHARS) throw new ValidationError('The reply', [`it has ${text.length} characters; at most ${MAX_REPLY_CHARS} are kept`]);
  const id = `${input.responseId}:${input.findingKey}`;
  return guardWrite('save the reply', () => db.transaction('rw', db.auditResponseEntries, db.findingReplies, async () => {
    if (!(await db.auditResponseEntries.get(id))) throw new ValidationError('The reply', ['the auditor note it answers is no longer kept']);
    if (text === '') {
      await db.findingReplies.delete(id);
      return null;
    }
    const reply: FindingReplyRecord = { id, responseId: input.responseId, findingKey: input.findingKey, text, author: input.author.slice(0, 200), at: now.toISOString() };
    await db.findingReplies.put(reply);
    return reply;
  }));
}

export async function listReplies(db: SupportspanDb): Promise<FindingReplyRecord[]> {
  return db.findingReplies.toArray();
}
