/**
 * "Auditor review": what the auditors said of one finding, risk or activity in
 * the responses this workspace kept (status, note, reviewer, key fingerprint,
 * time, how the response verified), and the manufacturer's reply to a
 * disputed note or one that asks for evidence. The next exported bundle
 * carries the replies (data/replies.json). Nothing is shown without a note.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatFingerprint, REVIEW_STATUS_LABELS } from '../../../shared/bundle';
import { formatCount, formatTimestamp } from '../../../shared/format/format';
import { ReviewerIdentityText } from '../bundles/reviewer-identity';
import { useDb } from '../../db/db-context';
import { auditorNotesFor, MAX_REPLY_CHARS, saveReply, type AuditorNote } from '../../db/repositories/audit-responses';
import { getSetting } from '../../db/repositories/settings';

const STATE_WORDS = { valid: 'signed by a trusted key', 'unknown-key': 'signed by a key you have not trusted', unsigned: 'unsigned' } as const;

export function AuditorReviewBlock({ reviewKey }: { reviewKey: string }) {
  const db = useDb();
  const notes = useLiveQuery(() => auditorNotesFor(db, reviewKey), [db, reviewKey]);
  if (!notes || notes.length === 0) return null;
  return (
    <section className="auditor-review" aria-label="Auditor review">
      <h4>Auditor review</h4>
      <ul>
        {notes.map((n) => <AuditorNoteItem key={n.entry.id} note={n} />)}
      </ul>
    </section>
  );
}

function AuditorNoteItem({ note: n }: { note: AuditorNote }) {
  const db = useDb();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const answerable = n.entry.status === 'disputed' || n.entry.status === 'needs-evidence' || n.reply !== null;
  const failed = n.response.checks.some((c) => c.outcome === 'failed');
  async function save() {
    if (draft === null) return;
    setError(null);
    try {
      const author = (await getSetting(db, 'userName')) ?? '';
      await saveReply(db, { responseId: n.response.id, findingKey: n.entry.findingKey, text: draft, author });
      setDraft(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  const thread = n.entry.replies ?? [];
  const history = n.entry.history ?? [];
  return (
    <li className={`auditor-note review-${n.entry.status ?? 'none'}`} data-response={n.response.id}>
      {thread.length > 0 && (
        <ol className="auditor-thread" aria-label="Earlier in this thread">
          {thread.map((r, i) => (
            <li key={`${r.responseId}:${i}`}>
              <p className="muted">
                {r.answered
                  ? <>Auditor's note in response <code className="hash">{r.responseId.slice(0, 16)}</code>, {formatTimestamp(r.answered.updatedAt)}{r.answered.status ? ` (${REVIEW_STATUS_LABELS[r.answered.status]})` : ''}: <span className="note">{r.answered.note}</span></>
                  : <>Auditor's note in response <code className="hash">{r.responseId.slice(0, 16)}</code>: not carried by this response.</>}
              </p>
              <p className="auditor-reply">Reply ({r.author || 'not named'}, {formatTimestamp(r.at)}): <span className="note">{r.text}</span></p>
            </li>
          ))}
        </ol>
      )}
      <p>
        <strong className="review-status">{n.entry.status ? REVIEW_STATUS_LABELS[n.entry.status] : 'No status'}</strong>
        {n.entry.note && <> <span className="note">{n.entry.note}</span></>}
      </p>
      {history.length > 0 && (
        <details className="note-history">
          <summary>{formatCount(history.length, 'earlier version')}</summary>
          <ol aria-label="Earlier versions of the note">
            {history.map((v, i) => <li key={i}><span className="muted">{formatTimestamp(v.savedAt)}:</span> <span className="note">{v.note}</span></li>)}
          </ol>
        </details>
      )}
      <p className="muted auditor-note-by">
        <ReviewerIdentityText reviewer={n.response.reviewer} organisation={n.response.organisation} />
        {n.response.fingerprint && <> · key <code className="fingerprint">{formatFingerprint(n.response.fingerprint)}</code></>}
        {' '}· {formatTimestamp(n.entry.updatedAt)} · response {STATE_WORDS[n.response.state]}{failed ? ', a check failed' : ''}
      </p>
      {n.reply && draft === null && (
        <p className="auditor-reply">Your reply ({n.reply.author || 'unnamed'}, {formatTimestamp(n.reply.at)}): <span className="note">{n.reply.text}</span></p>
      )}
      {answerable && draft === null && (
        <button type="button" className="link-button" onClick={() => setDraft(n.reply?.text ?? '')}>{n.reply ? 'Edit reply' : 'Reply…'}</button>
      )}
      {draft !== null && (
        <form onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label htmlFor={`${id}-reply`}>Reply to {n.response.reviewer.trim() || 'the reviewer'}</label>
          <textarea id={`${id}-reply`} rows={2} maxLength={MAX_REPLY_CHARS} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <div className="button-row">
            <button type="submit">Save reply</button>
            <button type="button" onClick={() => setDraft(null)}>Cancel</button>
          </div>
          {error && <p role="alert" className="error-text">{error}</p>}
        </form>
      )}
    </li>
  );
}
