/**
 * Says so when another window or tab changed the workspace. The data on screen
 * already follows (Dexie's live queries see other tabs' commits through its
 * cross-tab change events); the notice tells the person why a value moved
 * under them, and that undo here does not revert it.
 */
import { useEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../db/db-context';
import { currentWindow } from '../db/repositories/change-log';
import { describeGroup } from '../db/repositories/undo';
import { useUiStore } from '../state/ui-store';
import { showHidden } from '../../shared/text/hygiene';

export function OtherWindowChanges() {
  const db = useDb();
  const latest = useLiveQuery(async () => {
    const last = await db.changes.orderBy(':id').last();
    if (!last) return { seq: 0, records: [] };
    const records = await db.changes.where(':id').aboveOrEqual(last.seq! - 200).filter((r) => r.group === last.group).toArray();
    return { seq: last.seq!, records };
  }, [db]);
  const seen = useRef<number | null>(null);

  useEffect(() => {
    if (!latest) return;
    // The first answer is where this window starts; only later changes are news.
    if (seen.current === null || latest.seq <= seen.current) {
      seen.current = Math.max(seen.current ?? 0, latest.seq);
      return;
    }
    seen.current = latest.seq;
    const first = latest.records[0];
    if (!first || first.window === undefined || first.window === currentWindow()) return;
    useUiStore.getState().pushNotice({
      kind: 'info',
      message: `Changed in another window or tab: ${showHidden(describeGroup(latest.records))}. This window shows the new values; its undo does not revert that change.`,
    });
  }, [latest]);

  return null;
}
