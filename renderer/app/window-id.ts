/**
 * This tab's or window's id for the change log (undo stays within a window).
 * sessionStorage is per tab and survives a reload of that tab, so a reload
 * keeps the undo stack; a new tab or window starts its own.
 */
import { newId } from '../../shared/domain';
import { setCurrentWindow } from '../db/repositories/change-log';

const KEY = 'supportspan.windowId';

export function adoptWindowId(storage: Pick<Storage, 'getItem' | 'setItem'> | null = typeof sessionStorage === 'undefined' ? null : sessionStorage): string {
  let id: string | null = null;
  try {
    id = storage?.getItem(KEY) ?? null;
    if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      id = newId();
      storage?.setItem(KEY, id);
    }
  } catch {
    // Storage refused (private mode): an id for this page load only.
    id = id ?? newId();
  }
  setCurrentWindow(id);
  return id;
}
