import { newId } from '../../../shared/domain';
import type { ChangeRecord, EntityType, SupportspanDb } from '../database';

export interface ChangeEntry {
  entityType: EntityType;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** What a change record says when no user name was set when it was written. */
export const UNKNOWN_AUTHOR = 'unknown user';

/**
 * True for a change record's `who` that names no one: empty, or the placeholder
 * written when no user name was set (UNKNOWN_AUTHOR, and 'local user' for records
 * written before the log recorded the user name). Shown as "not named".
 */
export function isUnnamedAuthor(who: string): boolean {
  const w = who.trim();
  return w === '' || w === UNKNOWN_AUTHOR || w === 'local user';
}

/**
 * The local user name recorded as `who` on every change. It lives here, in memory,
 * and is kept in step with the `userName` setting by the app (renderer/app/author.ts),
 * because reading the setting inside every write's transaction would add a read to
 * each write and tie every repository to the settings table.
 */
let author = '';

export function setCurrentAuthor(name: string): void {
  author = name.trim();
}

/** The user name changes are recorded under; '' when none is set. */
export function currentAuthor(): string {
  return author;
}

/** What `who` is on a record written now. */
export function authorForRecord(): string {
  return author || UNKNOWN_AUTHOR;
}

/**
 * This window's id, recorded as `window` on every change so that undo in one
 * window never reverts another window's edit. A tab keeps its id across
 * reloads (the app stores it in sessionStorage, renderer/app/window-id.ts), so
 * its undo stack survives a reload as before.
 */
let windowId = newId();

export function setCurrentWindow(id: string): void {
  if (id) windowId = id;
}

export function currentWindow(): string {
  return windowId;
}

/** A group id for the changes of one user action. */
export function newChangeGroup(): string {
  return newId();
}

/**
 * Call inside the write's own transaction, so the log and the data never disagree.
 * `label` names the user action for undo ("Field replaceable of Door gasket").
 */
export async function logChanges(db: SupportspanDb, group: string, entries: ChangeEntry[], label?: string, by?: string): Promise<void> {
  if (entries.length === 0) return;
  const named = label?.trim().slice(0, 200);
  const at = new Date().toISOString();
  // `by`: a change written here on someone else's behalf (a team database revision names its author).
  const who = by?.trim().slice(0, 200) || authorForRecord();
  const records: ChangeRecord[] = entries.map((e) => ({
    group,
    entityType: e.entityType,
    entityId: e.entityId,
    op: e.after === null ? 'delete' : 'put',
    before: e.before,
    after: e.after,
    at,
    who,
    window: windowId,
    ...(named ? { label: named } : {}),
  }));
  await db.changes.bulkAdd(records);
}
