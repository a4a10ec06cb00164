import { DB_NAME, SupportspanDb } from '../db/database';
import { useUiStore } from '../state/ui-store';

/** The workspace database wired to the notice area (another window upgrading or holding it). */
export function createAppDb(name: string = DB_NAME): SupportspanDb {
  return new SupportspanDb(name, {
    onVersionChange: () => {
      useUiStore.getState().requireReload(
        'Supportspan was updated or opened in another window, so this window stopped using the database to avoid overwriting data. Reload to continue.',
      );
    },
    onBlocked: () => {
      useUiStore.getState().pushNotice({
        kind: 'warning',
        message: 'Supportspan is still open in another window with an older version. Close that window to finish opening your workspace.',
      });
    },
  });
}
