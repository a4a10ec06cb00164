/**
 * The manufacturer's replies to the auditor's earlier notes, as the bundle
 * carries them (data/replies.json, format version 4): shown under the finding,
 * risk or activity they answer, so the next review sees the thread. Every text
 * is rendered by React as text.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Reply } from '../../../shared/bundle';
import { formatTimestamp } from '../../../shared/format/format';

const RepliesContext = createContext<ReadonlyMap<string, Reply[]>>(new Map());

/** Makes the bundle's replies available to the review rows below it, by finding key. */
export function ManufacturerRepliesProvider({ replies, children }: { replies: readonly Reply[]; children: ReactNode }) {
  const byKey = useMemo(() => {
    const map = new Map<string, Reply[]>();
    for (const r of replies) map.set(r.findingKey, [...(map.get(r.findingKey) ?? []), r]);
    for (const list of map.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return map;
  }, [replies]);
  return <RepliesContext.Provider value={byKey}>{children}</RepliesContext.Provider>;
}

/** The manufacturer's replies on one key; nothing when there are none. */
export function ManufacturerReplies({ findingKey }: { findingKey: string }) {
  const replies = useContext(RepliesContext).get(findingKey);
  if (!replies || replies.length === 0) return null;
  return (
    <section className="manufacturer-replies" aria-label="Manufacturer's replies">
      <h4>Manufacturer's {replies.length > 1 ? 'replies' : 'reply'}</h4>
      <ul>
        {replies.map((r) => (
          <li key={`${r.responseId}:${r.findingKey}`}>
            <span className="note">{r.text}</span>{' '}
            <span className="muted">— {r.author || 'unnamed'}, {formatTimestamp(r.at)}, answering response <code className="hash">{r.responseId.slice(0, 16)}</code></span>
          </li>
        ))}
      </ul>
    </section>
  );
}
