/**
 * The command line's side of a team database (Apache CouchDB 3.x, or any
 * server speaking its HTTP API): reading the portfolio from it (every command
 * that reads a portfolio accepts a database URL) and `push`.
 *
 * Three documented CouchDB requests are all it needs (`GET /db`,
 * `POST /db/_all_docs`, `POST /db/_bulk_docs`, plus `PUT /db` for --create),
 * so it uses Node's fetch directly; the replication protocol, the part worth a
 * library, runs in the app through PouchDB. Every response is size-checked
 * while it is read and parsed as untrusted JSON; requests time out.
 * Credentials come from the URL or from SUPPORTSPAN_DB_USER /
 * SUPPORTSPAN_DB_PASSWORD, go only in the Authorization header, and are never
 * printed.
 */
import { Buffer } from 'node:buffer';
import { DatabaseUrlError, parseDatabaseUrl, type DatabaseAddress } from '../../shared/team/database-url';
import type { StoredDoc } from '../../shared/team/documents';
import { formatBytes, formatNumber } from '../../shared/format/format';
import { CliError } from './command';
import { escapeTerminal } from './terminal-text';

/** More than this many documents is not a portfolio this tool reads in one go. */
export const MAX_TEAM_DOCS = 250_000;
/** The largest response body read (a page of documents). */
export const MAX_RESPONSE_BYTES = 512 * 1024 * 1024;
const PAGE = 1000;
const TIMEOUT_MS = 120_000;

export interface TeamConnection {
  address: DatabaseAddress;
  /** The URL as shown to people (no credentials). */
  shown: string;
  /** The sign-in used (from the URL or the environment), or null for none. */
  auth: { username: string; password: string } | null;
}

/** A refusal by the server (status) or the network (status 0). */
export class TeamRequestError extends Error {
  constructor(readonly status: number, readonly reason: string, readonly code?: string) {
    super(reason);
  }
}

/** Where the credentials come from: the URL first, then the environment. */
export function credentialsFor(address: DatabaseAddress, env: NodeJS.ProcessEnv): { username: string; password: string } | null {
  if (address.credentials) return address.credentials;
  const username = env.SUPPORTSPAN_DB_USER;
  const password = env.SUPPORTSPAN_DB_PASSWORD;
  if (!username && !password) return null;
  if (!username) throw new CliError('SUPPORTSPAN_DB_PASSWORD is set but SUPPORTSPAN_DB_USER is not: set both, or neither');
  return { username, password: password ?? '' };
}

/** Checks the URL and the credentials (no request yet); a bad URL is bad input. */
export function connectTeam(command: string, text: string, env: NodeJS.ProcessEnv = process.env): TeamConnection {
  try {
    const address = parseDatabaseUrl(text);
    return { address, shown: escapeTerminal(address.url), auth: credentialsFor(address, env) };
  } catch (error) {
    if (error instanceof DatabaseUrlError || error instanceof CliError) throw new CliError(`${command}: ${error.message}`);
    throw error;
  }
}

/** One request to the database (path after the database name, e.g. `/_all_docs`); the parsed JSON body. */
export async function teamRequest(connection: TeamConnection, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (connection.auth) headers.authorization = `Basic ${Buffer.from(`${connection.auth.username}:${connection.auth.password}`, 'utf8').toString('base64')}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${connection.address.url}${path}`, {
      method, headers, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const name = (error as { name?: string }).name;
    throw new TeamRequestError(0, name === 'TimeoutError' ? 'no answer in time' : 'network', cause?.code ?? (name === 'TimeoutError' ? 'timeout' : undefined));
  }
  const text = await readLimited(response);
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    if (response.ok) throw new TeamRequestError(response.status, 'the server answered with something that is not JSON: is this a CouchDB database?');
  }
  if (!response.ok) {
    const reason = json && typeof json === 'object' && 'reason' in json ? String((json as { reason: unknown }).reason) : response.statusText;
    throw new TeamRequestError(response.status, reason.slice(0, 200));
  }
  return json;
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_RESPONSE_BYTES) throw new TeamRequestError(response.status, `the server's answer is ${formatBytes(declared)}; at most ${formatBytes(MAX_RESPONSE_BYTES)} is read`);
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_RESPONSE_BYTES) throw new TeamRequestError(response.status, `the server's answer is over ${formatBytes(MAX_RESPONSE_BYTES)}; nothing more is read`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A server's or the network's refusal in the user's terms. */
export function describeTeamError(error: unknown, connection: TeamConnection, what: string): string {
  if (!(error instanceof TeamRequestError)) throw error;
  const where = connection.shown;
  const reason = error.reason ? ` (${escapeTerminal(error.reason)})` : '';
  switch (error.status) {
    case 0: return `${where}: cannot reach the server${error.code ? ` (${escapeTerminal(error.code)})` : ''}: check the address and that the server runs`;
    case 401: return `${where}: sign-in refused${reason}: check the user name and password (SUPPORTSPAN_DB_USER and SUPPORTSPAN_DB_PASSWORD, or the URL)`;
    case 403: return `${where}: this user may not ${what}${reason}: the database's security (members and admins) decides who reads and writes`;
    case 404: return `${where}: the database "${escapeTerminal(connection.address.name)}" does not exist on ${escapeTerminal(connection.address.origin)}`;
    default: return `${where}: the server refused to ${what}: HTTP ${error.status}${reason}`;
  }
}

interface AllDocsRow { id?: unknown; key?: unknown; doc?: unknown; value?: { deleted?: boolean } | null; error?: unknown }

function rowsOf(json: unknown, connection: TeamConnection): AllDocsRow[] {
  const rows = json && typeof json === 'object' ? (json as { rows?: unknown }).rows : undefined;
  if (!Array.isArray(rows)) throw new TeamRequestError(200, `${connection.address.name}/_all_docs did not list documents: is this a CouchDB database?`);
  return rows as AllDocsRow[];
}

function docOf(row: AllDocsRow): StoredDoc | null {
  const doc = row.doc;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || typeof (doc as { _id?: unknown })._id !== 'string') return null;
  return doc as StoredDoc;
}

/** Every document of the database, page by page, with the ids of conflicting revisions. */
export async function readAllDocs(command: string, connection: TeamConnection): Promise<StoredDoc[]> {
  const docs: StoredDoc[] = [];
  try {
    await teamRequest(connection, 'GET', '');
    let startKey: string | null = null;
    for (;;) {
      const query = `?include_docs=true&conflicts=true&limit=${PAGE + (startKey === null ? 0 : 1)}${startKey === null ? '' : `&startkey=${encodeURIComponent(JSON.stringify(startKey))}`}`;
      const all = rowsOf(await teamRequest(connection, 'GET', `/_all_docs${query}`), connection);
      const rows: AllDocsRow[] = startKey === null ? all : all.slice(1);
      for (const row of rows) {
        const doc = docOf(row);
        if (doc) docs.push(doc);
      }
      if (docs.length > MAX_TEAM_DOCS) throw new CliError(`${command}: ${connection.shown} holds more than ${formatNumber(MAX_TEAM_DOCS)} documents; more than one portfolio a command reads`);
      const last: AllDocsRow | undefined = rows[rows.length - 1];
      if (rows.length < PAGE || typeof last?.id !== 'string') break;
      startKey = last.id;
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${command}: ${describeTeamError(error, connection, 'read it')}`);
  }
  return docs;
}

/** The current revisions of these documents (missing and deleted ones left out). */
export async function currentDocs(command: string, connection: TeamConnection, ids: readonly string[]): Promise<Map<string, StoredDoc>> {
  const out = new Map<string, StoredDoc>();
  try {
    for (let i = 0; i < ids.length; i += PAGE) {
      const rows = rowsOf(await teamRequest(connection, 'POST', '/_all_docs?include_docs=true&conflicts=true', { keys: ids.slice(i, i + PAGE) }), connection);
      for (const row of rows) {
        const doc = docOf(row);
        if (doc && typeof row.id === 'string' && doc._id === row.id) out.set(row.id, doc);
      }
    }
  } catch (error) {
    throw new CliError(`${command}: ${describeTeamError(error, connection, 'read it')}`);
  }
  return out;
}

export interface BulkResult { id: string; ok: boolean; status?: number; reason?: string }

/** `_bulk_docs`: one result per document, in order (CouchDB writes each on its own: some may be refused). */
export async function bulkWrite(connection: TeamConnection, docs: readonly StoredDoc[]): Promise<BulkResult[]> {
  const json = await teamRequest(connection, 'POST', '/_bulk_docs', { docs });
  if (!Array.isArray(json) || json.length !== docs.length) throw new TeamRequestError(200, 'the server did not answer for every document written');
  return json.map((r: unknown, i) => {
    const row = (r && typeof r === 'object' ? r : {}) as { id?: unknown; ok?: unknown; error?: unknown; reason?: unknown };
    const id = docs[i]!._id;
    if (row.ok === true) return { id, ok: true };
    const status = row.error === 'conflict' ? 409 : row.error === 'forbidden' ? 403 : row.error === 'unauthorized' ? 401 : undefined;
    return { id, ok: false, ...(status ? { status } : {}), reason: `${String(row.error ?? 'refused')}${row.reason ? `: ${String(row.reason)}` : ''}`.slice(0, 200) };
  });
}
