/**
 * Signing in to a team database's server with CouchDB cookie authentication
 * (`POST /_session`): the server sets its session cookie, which the browser
 * keeps and sends on every request to that server (`credentials: 'include'`).
 * The password is sent once and never stored.
 */
import type { DatabaseAddress } from '../../shared/team/database-url';
import { reasonForStatus } from './team-status';

export class TeamSignInError extends Error {}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, credentials: 'include', redirect: 'error', headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  } catch {
    throw new TeamSignInError(`the server at ${new URL(url).origin} cannot be reached (offline, wrong address, or the server does not allow this app's origin)`);
  }
}

/** Signs in and checks that the user may read the database; the message says what is wrong. */
export async function signIn(address: DatabaseAddress, user: string, password: string): Promise<void> {
  if (!user.trim()) throw new TeamSignInError('enter your user name on the team server');
  if (!password) throw new TeamSignInError('enter your password on the team server');
  const session = await request(`${address.origin}/_session`, { method: 'POST', body: JSON.stringify({ name: user.trim(), password }) });
  if (!session.ok) throw new TeamSignInError(session.status === 401 ? `the server refused “${user.trim()}”: wrong user name or password` : reasonForStatus(session.status, user.trim(), address.name));
  const database = await request(address.url, { method: 'GET' });
  if (!database.ok) throw new TeamSignInError(reasonForStatus(database.status, user.trim(), address.name));
}

/** Ends the server session (the cookie is removed); an unreachable server is not an error. */
export async function signOut(address: DatabaseAddress): Promise<void> {
  try {
    await fetch(`${address.origin}/_session`, { method: 'DELETE', credentials: 'include' });
  } catch {
    // offline: the cookie ends with the server's session timeout
  }
}
