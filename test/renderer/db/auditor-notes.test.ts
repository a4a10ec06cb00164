import { afterEach, describe, expect, it } from 'vitest';
import { createAuditStore, MAX_NOTE_VERSIONS, MAX_REVIEWER_PART, type AuditStore } from '../../../renderer/db/auditor-db';
import { ValidationError } from '../../../renderer/db/errors';
import { threadsOf } from '../../../renderer/features/auditor/threads';
import type { Reply } from '../../../shared/bundle';

const HASH = 'ab'.repeat(32);
let store: AuditStore | null = null;
afterEach(async () => {
  if (store) {
    await store.deleteAudit(HASH);
    store.close();
  }
  store = null;
});

function fresh(): AuditStore {
  store = createAuditStore(`notes-${Math.random().toString(36).slice(2)}`);
  return store;
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 10, minute));

describe('auditor notes and reviewer', () => {
  it('keeps each earlier version of a note with the time it was saved, not for a status change, at most the last versions', async () => {
    const s = fresh();
    await s.saveReview(HASH, 'k', { note: 'first' }, at(1));
    await s.saveReview(HASH, 'k', { status: 'agreed' }, at(2));
    expect((await s.listReviews(HASH))[0]!.noteHistory).toBeUndefined();
    await s.saveReview(HASH, 'k', { note: 'second' }, at(3));
    await s.saveReview(HASH, 'k', { note: 'second' }, at(4));
    await s.saveReview(HASH, 'k', { note: 'third' }, at(5));
    const r = (await s.listReviews(HASH))[0]!;
    expect(r).toMatchObject({ note: 'third', status: 'agreed', updatedAt: at(5).toISOString() });
    expect(r.noteHistory).toEqual([
      { note: 'first', savedAt: at(2).toISOString() },
      { note: 'second', savedAt: at(4).toISOString() },
    ]);
    for (let i = 0; i < MAX_NOTE_VERSIONS + 5; i++) await s.saveReview(HASH, 'k', { note: `v${i}` }, at(10 + i));
    const capped = (await s.listReviews(HASH))[0]!.noteHistory!;
    expect(capped).toHaveLength(MAX_NOTE_VERSIONS);
    expect(capped[capped.length - 1]!.note).toBe(`v${MAX_NOTE_VERSIONS + 3}`);
  });

  it('stores the reviewer\'s name and organisation trimmed, and refuses overlong ones', async () => {
    const s = fresh();
    expect(await s.getReviewer(HASH)).toEqual({ name: '', organisation: '' });
    await s.saveReviewer(HASH, { name: '  Rita ', organisation: ' Body 0001 ' });
    expect(await s.getReviewer(HASH)).toEqual({ name: 'Rita', organisation: 'Body 0001' });
    await expect(s.saveReviewer(HASH, { name: 'x'.repeat(MAX_REVIEWER_PART + 1), organisation: 'o' })).rejects.toBeInstanceOf(ValidationError);
    expect(await s.getConclusion(HASH)).toBe('');
  });

  it('finds the note an exported response carried, from another audit on this computer, for the replies a later bundle brings', async () => {
    const s = fresh();
    const later = 'cd'.repeat(32);
    const earlierResponse = 'ef'.repeat(32);
    const unknownResponse = '01'.repeat(32);
    const audit = { fileName: 'a.sspan', scope: { kind: 'portfolio' as const }, asOf: '2026-12-01', createdAt: '2026-12-01T10:00:00.000Z', appVersion: '0.1.0', signer: null, bytes: new Uint8Array([1]) };
    await s.saveAudit({ ...audit, manifestHash: HASH });
    await s.saveAudit({ ...audit, manifestHash: later });
    await s.recordExportedResponse(HASH, { id: earlierResponse, fileName: 'first-response.sspan-response', notes: [{ findingKey: 'k', status: 'disputed', note: 'Where is the <b>letter</b>?', updatedAt: at(1).toISOString() }] });
    await expect(s.recordExportedResponse(HASH, { id: 'not-a-hash', fileName: 'x', notes: [] })).rejects.toBeInstanceOf(ValidationError);
    const replies: Reply[] = [
      { responseId: unknownResponse, findingKey: 'k', text: 'Second answer', author: '', at: at(30).toISOString() },
      { responseId: earlierResponse, findingKey: 'k', text: 'Letter attached', author: 'Mara', at: at(20).toISOString() },
      { responseId: earlierResponse, findingKey: 'other', text: 'No note on this', author: 'Mara', at: at(21).toISOString() },
    ];
    const threads = await threadsOf(s, replies);
    // oldest first; the answered note where this computer exported that response, null where it did not
    expect(threads.get('k')).toEqual([
      { responseId: earlierResponse, text: 'Letter attached', author: 'Mara', at: at(20).toISOString(), answered: { status: 'disputed', note: 'Where is the <b>letter</b>?', updatedAt: at(1).toISOString() } },
      { responseId: unknownResponse, text: 'Second answer', author: '', at: at(30).toISOString(), answered: null },
    ]);
    expect(threads.get('other')?.[0]?.answered).toBeNull();
    await s.deleteAudit(later);
  });
});
