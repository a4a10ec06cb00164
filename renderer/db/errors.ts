/**
 * The repository boundary's errors. Validation failures are the caller's to show
 * next to the field; storage failures (quota, aborted transactions, a closed
 * database) are also reported as notices, because a failed write that nobody sees
 * is lost work.
 */
import { useUiStore } from '../state/ui-store';

/** Input refused by a schema; nothing was written. `issues` are "field: problem" lines. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly subject: string, readonly issues: string[]) {
    super(`${subject} was not saved: ${issues.join('; ')}`);
  }
}

/** The record to change does not exist (any more): deleted in another view or window. */
export class NotFoundError extends Error {
  // Not 'NotFoundError': Dexie maps errors carrying IndexedDB's own names into its classes.
  override readonly name = 'RecordNotFoundError';
}

/**
 * The stored value of a field is no longer the one the edit started from: it was
 * changed meanwhile (in another window or tab, typically). Nothing was written;
 * the caller asks whether to overwrite it.
 */
export class StaleEditError extends Error {
  override readonly name = 'StaleEditError';
  /** Every changed field (the first is `field`); a paste over several changed cells names them all. */
  readonly cells: readonly StaleCell[];
  constructor(readonly field: string, readonly stored: unknown, readonly startedFrom: unknown, cells?: readonly StaleCell[]) {
    super(`${field} was changed in another window or tab since you started editing it. Nothing was saved.`);
    this.cells = cells?.length ? cells : [{ field, stored, startedFrom }];
  }
}

export interface StaleCell {
  /** The component's id, for an edit of components. */
  componentId?: string;
  /** Field name, or a path such as `sources.endoflife`. */
  field: string;
  stored: unknown;
  startedFrom: unknown;
}

export type StorageErrorKind = 'quota' | 'aborted' | 'closed' | 'other';

/** IndexedDB refused or lost a write; nothing of the action was written. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(message: string, readonly kind: StorageErrorKind, override readonly cause: unknown) {
    super(message);
  }
}

/** Dexie wraps DOMExceptions (`inner`), transactions wrap the failure that aborted them. */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const e = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof e.name === 'string') names.push(e.name);
    current = e.inner ?? e.cause;
  }
  return names;
}

export function classifyStorageError(error: unknown): StorageErrorKind {
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return 'quota';
  if (names.includes('DatabaseClosedError') || names.includes('VersionChangeError')) return 'closed';
  if (names.includes('AbortError')) return 'aborted';
  return 'other';
}

export function toStorageError(action: string, error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const kind = classifyStorageError(error);
  const detail = error instanceof Error ? error.message : String(error);
  const message = {
    quota: `Could not ${action}: storage is full (the disk or the storage quota for this app). Nothing was saved. Free disk space or export and remove old data, then try again.`,
    aborted: `Could not ${action}: the database aborted the write. Nothing was saved; try again.`,
    closed: `Could not ${action}: the database was closed, probably because Supportspan was updated or opened in another window. Nothing was saved; reload to continue.`,
    other: `Could not ${action}: ${detail}. Nothing was saved.`,
  }[kind];
  return new StorageError(message, kind, error);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs a repository write. Validation and not-found errors pass through for the
 * caller to show in place; anything IndexedDB throws becomes a StorageError that is
 * shown as a notice and rethrown, so callers never report "saved".
 */
export async function guardWrite<T>(action: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ValidationError || error instanceof NotFoundError || error instanceof StaleEditError) throw error;
    const storageError = toStorageError(action, error);
    useUiStore.getState().pushNotice({
      kind: 'error',
      message: storageError.message,
      detail: describeError(storageError.cause),
    });
    throw storageError;
  }
}
