/**
 * Runs team replication while a team database is configured and signed in to
 * (settings `teamSync`, enabled). Without that stored configuration nothing
 * here touches the network.
 */
import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../db/db-context';
import { getSetting } from '../db/repositories/settings';
import { describeError } from '../db/errors';
import { TeamSync } from './team-sync';
import { useTeamStatus } from './team-status';

export function TeamSyncRunner() {
  const db = useDb();
  const config = useLiveQuery(async () => {
    try {
      return (await getSetting(db, 'teamSync')) ?? null;
    } catch {
      return null;
    }
  }, [db]);
  const url = config?.enabled ? config.url : null;
  const user = config?.enabled ? config.user : null;
  useEffect(() => {
    if (!url || !user) {
      useTeamStatus.getState().set({ kind: 'signed-out' });
      return;
    }
    let sync: TeamSync | null = null;
    try {
      sync = new TeamSync(db, { url, user });
      sync.start().catch((error: unknown) => useTeamStatus.getState().set({ kind: 'error', reason: describeError(error) }));
    } catch (error) {
      useTeamStatus.getState().set({ kind: 'error', reason: describeError(error) });
    }
    return () => {
      void sync?.stop();
    };
  }, [db, url, user]);
  return null;
}
