import { afterEach, describe, expect, it } from 'vitest';
import { createAuditStore, MAX_NOTE_VERSIONS, MAX_REVIEWER_PART, type AuditStore } from '../../../renderer/db/auditor-db';
import { ValidationError } from '../../../renderer/db/errors';

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
});
