/**
 * The thread a response carries (format version 2): the manufacturer's
 * replies the reviewed bundle brings (data/replies.json), each with the note of
 * the earlier response it answers, when that response was exported from an
 * audit on this computer (AuditStore.recordExportedResponse).
 */
import type { Reply, ThreadReply } from '../../../shared/bundle';
import type { AuditStore } from '../../db/auditor-db';

/**
 * The manufacturer's replies the bundle carries, by finding key, oldest first,
 * each with the note it answers when that response was exported on this computer.
 */
export async function threadsOf(store: AuditStore, replies: readonly Reply[]): Promise<Map<string, ThreadReply[]>> {
  const notes = await store.exportedNotes([...new Set(replies.map((r) => r.responseId))]);
  const byKey = new Map<string, ThreadReply[]>();
  for (const r of replies) {
    const answered = notes.get(r.responseId)?.get(r.findingKey);
    const item: ThreadReply = {
      responseId: r.responseId, text: r.text, author: r.author, at: r.at,
      answered: answered ? { status: answered.status, note: answered.note, updatedAt: answered.updatedAt } : null,
    };
    byKey.set(r.findingKey, [...(byKey.get(r.findingKey) ?? []), item]);
  }
  for (const list of byKey.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return byKey;
}
