/**
 * Keeps the change log's author (repositories/change-log.ts) equal to the
 * `userName` setting: read once as the workspace opens, before anything is
 * written, then followed through a live query while the app runs. With no name
 * set, changes are recorded as UNKNOWN_AUTHOR.
 */
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { SupportspanDb } from '../db/database';
import { useDb } from '../db/db-context';
import { setCurrentAuthor } from '../db/repositories/change-log';
import { getSetting } from '../db/repositories/settings';

export async function loadAuthor(db: SupportspanDb): Promise<void> {
  setCurrentAuthor((await getSetting(db, 'userName')) ?? '');
}

export function AuthorSync() {
  const db = useDb();
  // A failed read keeps the name in use: this component sits above every screen, and a
  // throw from its live query would take the whole app down instead of one screen.
  const name = useLiveQuery(async () => {
    try {
      return (await getSetting(db, 'userName')) ?? '';
    } catch {
      return null;
    }
  }, [db]);
  useEffect(() => {
    if (typeof name === 'string') setCurrentAuthor(name);
  }, [name]);
  return null;
}
