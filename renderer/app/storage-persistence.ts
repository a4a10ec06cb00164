import type { SupportspanDb } from '../db/database';
import { describeError } from '../db/errors';
import { getSetting, setSetting, type SettingValue } from '../db/repositories/settings';
import { useUiStore } from '../state/ui-store';

/** The part of `navigator.storage` used here (absent in some browsers and in jsdom). */
export type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

export function browserStorage(): StorageManagerLike | undefined {
  return typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.persist === 'function'
    ? navigator.storage
    : undefined;
}

/**
 * Storage is best-effort (evictable) until persistence is granted. Asked once, on
 * first start; the answer is remembered so the settings screen can show it and the
 * request is not repeated on every start.
 */
export async function ensurePersistentStorage(
  db: SupportspanDb,
  storage: StorageManagerLike | null,
): Promise<SettingValue<'storagePersistence'>> {
  const known = await getSetting(db, 'storagePersistence');
  if (known) return known;
  const at = new Date().toISOString();
  let answer: SettingValue<'storagePersistence'>;
  if (!storage) {
    answer = { requested: false, granted: false, at, note: 'This browser engine offers no persistent-storage request.' };
  } else {
    try {
      answer = { requested: true, granted: await storage.persist(), at };
    } catch (error) {
      answer = { requested: true, granted: false, at, note: `The request failed: ${describeError(error)}` };
      useUiStore.getState().pushNotice({
        kind: 'warning',
        message: 'Persistent storage could not be requested; the browser may clear your data when the disk runs low. Export regularly.',
        detail: describeError(error),
      });
    }
  }
  await setSetting(db, 'storagePersistence', answer);
  return answer;
}
