import { newId } from '../../../shared/domain';
import type { ChangeRecord, EntityType, SupportspanDb } from '../database';

export interface ChangeEntry {
  entityType: EntityType;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** A group id for the changes of one user action. */
export function newChangeGroup(): string {
  return newId();
}

/** Call inside the write's own transaction, so the log and the data never disagree. */
export async function logChanges(db: SupportspanDb, group: string, entries: ChangeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const at = new Date().toISOString();
  const records: ChangeRecord[] = entries.map((e) => ({
    group,
    entityType: e.entityType,
    entityId: e.entityId,
    op: e.after === null ? 'delete' : 'put',
    before: e.before,
    after: e.after,
    at,
  }));
  await db.changes.bulkAdd(records);
}
