/**
 * The append-only change log. Each entry names who (a local user name), when,
 * which entity, what action, and the entity before and after; entries are
 * linked as a hash chain: `hash = sha256(canonicalJson(entry without hash))`,
 * and the entry without hash contains `prevHash`, the previous entry's hash
 * (64 zeros for the first). Editing, dropping or reordering any entry breaks
 * every later link.
 *
 * Scoped bundles: a bundle for one line or product carries the whole chain,
 * but entries outside its scope are redacted to `{seq, redacted: true,
 * prevHash, hash}`. The chain still links end to end, every in-scope entry is
 * recomputed and checked, and nothing about other products leaks. A redacted
 * entry's own hash cannot be recomputed by the reader (its content is absent);
 * the signed manifest and the chain position vouch for it. Per-entity chains
 * were the alternative; they cannot show that a whole entity's history was
 * dropped, which the single chain with redaction does.
 */
import { z } from 'zod';
import { canonicalJson } from '../bundle/canonical-json';
import { sha256Hex, SHA256_HEX_RE } from '../bundle/hash';
import { utf8Encode } from '../bundle/platform';
import { idSchema, MAX_NAME } from '../domain/schemas';

export const GENESIS_HASH = '0'.repeat(64);

/** The risk register's entities (docs/risks.md) and the obligations' (docs/obligations.md) follow the original five. */
export const ENTITY_TYPES = ['line', 'product', 'component', 'decision', 'evidence', 'risk', 'control', 'property', 'threat', 'threat-tag', 'risk-method', 'activity', 'vulnerability', 'communication-plan'] as const;
export const CHANGE_ACTIONS = ['create', 'update', 'delete', 'import'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

const hashSchema = z.string().regex(SHA256_HEX_RE, 'a hash is 64 lower-case hex digits');
// Accept any ISO-8601 timestamp with a time zone; years are limited like every other date.
const timestampSchema = z.iso.datetime({ offset: true }).refine((s) => {
  const y = Number(s.slice(0, 4));
  return y >= 1900 && y <= 2199;
}, 'the year is outside 1900-2199');

/** An entity's id; activity records are keyed `<productId>:<A0..A8>`, lifecycle risks `lc:TID-210:<product>`, threats `TID-210` or with ".". */
const entityIdSchema = z.string().min(1).max(160).regex(/^[A-Za-z0-9_.:-]+$/, 'ids are letters, digits, _, -, "." and ":"');

export const entityRefSchema = z.strictObject({
  type: z.enum(ENTITY_TYPES),
  id: entityIdSchema,
  /** The product the entity belongs to (components, decisions, evidence, the product itself): decides scope. */
  productId: idSchema.optional(),
  /** The line the entity belongs to. */
  lineId: idSchema.optional(),
});
export type EntityRef = z.infer<typeof entityRefSchema>;

export const changeEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: timestampSchema,
  who: z.string().max(MAX_NAME),
  entity: entityRefSchema,
  action: z.enum(CHANGE_ACTIONS),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  prevHash: hashSchema,
  hash: hashSchema,
});
export type ChangeEntry = z.infer<typeof changeEntrySchema>;

export const redactedChangeSchema = z.strictObject({
  seq: z.number().int().positive(),
  redacted: z.literal(true),
  prevHash: hashSchema,
  hash: hashSchema,
});
export type RedactedChange = z.infer<typeof redactedChangeSchema>;

export const logEntrySchema = z.union([changeEntrySchema, redactedChangeSchema]);
export type LogEntry = ChangeEntry | RedactedChange;
export const changeLogSchema = z.array(logEntrySchema);

export interface NewChange {
  at: string;
  who: string;
  entity: EntityRef;
  action: ChangeAction;
  before?: unknown;
  after?: unknown;
}

export function isRedacted(entry: LogEntry): entry is RedactedChange {
  return (entry as RedactedChange).redacted === true;
}

function body(entry: Omit<ChangeEntry, 'hash'>): Omit<ChangeEntry, 'hash'> {
  const { seq, at, who, entity, action, before, after, prevHash } = entry;
  return { seq, at, who, entity, action, before: before ?? null, after: after ?? null, prevHash };
}

export async function hashEntry(entry: Omit<ChangeEntry, 'hash'>): Promise<string> {
  return sha256Hex(utf8Encode(canonicalJson(body(entry))));
}

/** The next entry after `prev` (null for the first one). */
export async function appendChange(prev: LogEntry | null, change: NewChange): Promise<ChangeEntry> {
  const partial: Omit<ChangeEntry, 'hash'> = {
    seq: prev ? prev.seq + 1 : 1,
    at: change.at,
    who: change.who,
    entity: change.entity,
    action: change.action,
    before: change.before ?? null,
    after: change.after ?? null,
    prevHash: prev ? prev.hash : GENESIS_HASH,
  };
  return { ...partial, hash: await hashEntry(partial) };
}

export type ChainCheck = { ok: true; checked: number; redacted: number } | { ok: false; brokenAt: number; reason: string };

/** Checks sequence numbers, every link, and the hash of every entry that is not redacted. */
export async function verifyChain(entries: readonly LogEntry[]): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let redacted = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1) return { ok: false, brokenAt: e.seq, reason: `entry ${i + 1} has sequence number ${e.seq}` };
    if (e.prevHash !== prevHash) {
      return { ok: false, brokenAt: e.seq, reason: `entry ${e.seq} does not link to the entry before it` };
    }
    if (isRedacted(e)) {
      redacted++;
    } else {
      const { hash, ...rest } = e;
      const expected = await hashEntry(rest);
      if (expected !== hash) return { ok: false, brokenAt: e.seq, reason: `entry ${e.seq} was changed after it was recorded (its hash does not match)` };
    }
    prevHash = e.hash;
  }
  return { ok: true, checked: entries.length - redacted, redacted };
}

/** Whether an entity belongs to a scope given by the ids of the lines and products in it. */
export interface ScopeIds {
  lineIds: ReadonlySet<string>;
  productIds: ReadonlySet<string>;
}

export function entityInScope(entity: EntityRef, scope: ScopeIds): boolean {
  if (entity.type === 'line') return scope.lineIds.has(entity.id);
  if (entity.type === 'product') return scope.productIds.has(entity.id);
  if (entity.productId !== undefined) return scope.productIds.has(entity.productId);
  if (entity.lineId !== undefined) return scope.lineIds.has(entity.lineId);
  return false;
}

/** The chain with every out-of-scope entry redacted; links are kept, so it still verifies. */
export function scopeChangeLog(entries: readonly LogEntry[], scope: ScopeIds | null): LogEntry[] {
  if (!scope) return entries.slice();
  return entries.map((e) =>
    isRedacted(e) || entityInScope(e.entity, scope) ? e : { seq: e.seq, redacted: true as const, prevHash: e.prevHash, hash: e.hash },
  );
}

/** Entries about one entity, in order (for a history panel). */
export function entriesFor(entries: readonly LogEntry[], type: EntityType, id: string): ChangeEntry[] {
  return entries.filter((e): e is ChangeEntry => !isRedacted(e) && e.entity.type === type && e.entity.id === id);
}
