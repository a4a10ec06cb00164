/**
 * The manufacturer's replies to auditors' notes (`data/replies.json`, format
 * version 4): one per auditor response and finding, risk or activity key, so
 * the auditor's next review of the bundle shows the thread. Optional: a bundle
 * without replies has no such file and is written as version 3, which older
 * apps read. See docs/bundle-format.md, "Replies".
 */
import { z } from 'zod';
import { MAX_NAME, MAX_TEXT, type Portfolio } from '../domain/schemas';
import { SHA256_HEX_RE } from './hash';

export const REPLIES_PATH = 'data/replies.json';
/** The first format version with replies. */
export const REPLIES_VERSION = 4;

export const replySchema = z.strictObject({
  /** The auditor response answered: the SHA-256 of its manifest.json. */
  responseId: z.string().regex(SHA256_HEX_RE, 'a SHA-256 is 64 lower-case hex digits'),
  /** The finding, risk (`risk:<id>`) or activity (`activity:<product>:<A0..A8>`) key the note was on. */
  findingKey: z.string().min(1).max(300),
  text: z.string().min(1).max(MAX_TEXT),
  author: z.string().max(MAX_NAME),
  at: z.iso.datetime({ offset: true }),
});
export type Reply = z.infer<typeof replySchema>;
export const repliesSchema = z.array(replySchema).max(200_000);

const order = (a: Reply, b: Reply): number => {
  const x = `${a.responseId}:${a.findingKey}`, y = `${b.responseId}:${b.findingKey}`;
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The replies that belong in a bundle of this portfolio scope: those on a key
 * that names one of its products or components (finding, risk and activity
 * keys are `:`-separated and carry the ids), or on one of its findings.
 * Sorted, one per response and key.
 */
export function scopeReplies(replies: readonly Reply[], portfolio: Portfolio, findingKeys: ReadonlySet<string>): Reply[] {
  const ids = new Set(portfolio.products.flatMap((p) => [p.id, ...p.components.map((c) => c.id)]));
  const seen = new Set<string>();
  const out: Reply[] = [];
  for (const r of [...replies].sort(order)) {
    const id = `${r.responseId}:${r.findingKey}`;
    if (seen.has(id)) continue;
    if (!findingKeys.has(r.findingKey) && !r.findingKey.split(':').some((part) => ids.has(part))) continue;
    seen.add(id);
    out.push(r);
  }
  return out;
}

/** A read bundle's replies problem: one reply per response and key. */
export function checkReplies(replies: readonly Reply[]): string | null {
  const seen = new Set<string>();
  for (const [i, r] of replies.entries()) {
    const id = `${r.responseId}:${r.findingKey}`;
    if (seen.has(id)) return `[${i}]: a second reply to the same note (${r.findingKey})`;
    seen.add(id);
  }
  return null;
}
