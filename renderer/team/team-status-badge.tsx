/** The header's team replication status: shown once a team database has been configured. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../db/db-context';
import { getSetting } from '../db/repositories/settings';
import { useTeamStatus, describeTeamState } from './team-status';

export function TeamStatusBadge() {
  const db = useDb();
  const configured = useLiveQuery(async () => {
    try {
      return (await getSetting(db, 'teamSync')) !== undefined;
    } catch {
      return false;
    }
  }, [db]);
  const state = useTeamStatus((s) => s.state);
  if (!configured) return null;
  return (
    <span role="status" aria-live="polite" data-testid="team-status" className="team-status-region">
      <a href="#/settings" className={`team-status team-status-${state.kind}`}>{describeTeamState(state)}</a>
    </span>
  );
}
