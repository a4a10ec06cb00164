/**
 * What the header says about team replication. UI state only (the data is in
 * Dexie): the engine (team-sync.ts) sets it, the header reads it.
 */
import { create } from 'zustand';
import { formatCount, formatTimestamp } from '../../shared/format/format';

export type TeamSyncState =
  | { kind: 'signed-out' }
  | { kind: 'connecting' }
  | { kind: 'up-to-date'; at: string }
  | { kind: 'syncing'; changes: number }
  | { kind: 'offline'; since: string }
  | { kind: 'error'; reason: string };

interface TeamStatusStore {
  state: TeamSyncState;
  set(state: TeamSyncState): void;
}

export const useTeamStatus = create<TeamStatusStore>((set) => ({
  state: { kind: 'signed-out' },
  set: (state) => set({ state }),
}));

/** The header's words for a state. */
export function describeTeamState(state: TeamSyncState): string {
  switch (state.kind) {
    case 'signed-out':
      return 'Team: signed out';
    case 'connecting':
      return 'Team: connecting…';
    case 'up-to-date':
      return 'Team: up to date';
    case 'syncing':
      return state.changes > 0 ? `Team: syncing ${formatCount(state.changes, 'change')}` : 'Team: syncing';
    case 'offline':
      return `Team: offline since ${formatTimestamp(state.since)}`;
    case 'error':
      return `Team: ${state.reason}`;
  }
}

/** A server answer's status, in the user's terms. */
export function reasonForStatus(status: number | undefined, user: string, database: string): string {
  switch (status) {
    case 401:
      return `the server refused the sign-in of “${user}” (wrong password, or the session ended): sign in again`;
    case 403:
      return `“${user}” may not use the database “${database}” (forbidden: not a member)`;
    case 404:
      return `the database “${database}” does not exist on the server (deleted?)`;
    default:
      return status ? `the server answered ${status}` : 'the server cannot be reached';
  }
}
