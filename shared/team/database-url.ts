/**
 * A team database's address, checked before anything connects to it: CouchDB
 * over https (plain http only to this computer: 127.0.0.1, ::1 or localhost),
 * a path that names one database, and the credentials taken out of the URL so
 * that the address can be shown and logged without the password.
 */

/** CouchDB's database name rule (lower-case letter first). */
const DB_NAME_RE = /^[a-z][a-z0-9_$()+/-]*$/;
const LOCAL_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export interface DatabaseAddress {
  /** The URL without user name and password, ending in the database name (no trailing slash). */
  url: string;
  /** Scheme, host and port: what the app's content security policy allows once configured. */
  origin: string;
  /** The database name, decoded. */
  name: string;
  /** From the URL's user-info part, when it had one. */
  credentials: { username: string; password: string } | null;
}

export class DatabaseUrlError extends Error {}

/** Looks like an address rather than a file name (so commands can tell them apart). */
export function isDatabaseUrl(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}

/** Parses and checks a team database URL; the message says what is wrong in the user's terms. */
export function parseDatabaseUrl(text: string): DatabaseAddress {
  const raw = text.trim();
  if (raw.length > 2000) throw new DatabaseUrlError('the database URL is longer than 2,000 characters');
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new DatabaseUrlError('the database URL is not a URL (expected https://host/database)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new DatabaseUrlError(`the database URL must start with https:// (not ${u.protocol})`);
  if (u.protocol === 'http:' && !LOCAL_HOSTS.has(u.hostname)) {
    throw new DatabaseUrlError(`the database URL must use https://; plain http:// is allowed only to this computer (127.0.0.1), not to ${u.hostname}`);
  }
  if (u.search || u.hash) throw new DatabaseUrlError('the database URL must not have a query (?…) or a fragment (#…)');
  const segments = u.pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  const last = segments[segments.length - 1];
  let name: string;
  try {
    name = last === undefined ? '' : decodeURIComponent(last);
  } catch {
    throw new DatabaseUrlError('the database name in the URL is not properly %-encoded');
  }
  if (!name) throw new DatabaseUrlError('the database URL names no database (expected https://host/database)');
  if (name.startsWith('_')) throw new DatabaseUrlError(`"${name}" is one of CouchDB's system databases, not a team database`);
  if (!DB_NAME_RE.test(name)) {
    throw new DatabaseUrlError(`"${name.slice(0, 80)}" is not a CouchDB database name: lower-case letters, digits and _$()+-/ only, starting with a letter`);
  }
  let credentials: DatabaseAddress['credentials'] = null;
  if (u.username || u.password) {
    try {
      credentials = { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    } catch {
      throw new DatabaseUrlError('the user name or password in the database URL is not properly %-encoded');
    }
  }
  u.username = '';
  u.password = '';
  const url = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  return { url, origin: u.origin, name, credentials };
}
