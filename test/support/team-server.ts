/**
 * A CouchDB-compatible team server for tests: pouchdb-server (CouchDB's HTTP
 * and replication API on PouchDB), in memory, on a free port of 127.0.0.1, in
 * a temporary folder of its own (its config.json and log). For tests only:
 * teams run Apache CouchDB 3.x (README, "Team server").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

export interface TeamServer {
  /** http://127.0.0.1:<port> (no trailing slash). */
  origin: string;
  port: number;
  /** Requests as the server admin (created at start: the server is not in "admin party"). */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** Creates a database with these members (names), returning its URL. */
  createDatabase(name: string, members?: string[]): Promise<string>;
  createUser(name: string, password: string, roles?: string[]): Promise<void>;
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (in memory), with the same admin. */
  restart(): Promise<void>;
}

export const ADMIN = { username: 'admin', password: 'admin-secret' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode}): ${log()}`);
    try {
      const r = await fetch(`${origin}/`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server did not start: ${log()}`);
}

export async function startTeamServer(): Promise<TeamServer> {
  const dir = mkdtempSync(join(tmpdir(), 'supportspan-team-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  let output = '';
  const authHeader = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;

  const admin: TeamServer['admin'] = async (method, path, body) => {
    const r = await fetch(`${origin}${path}`, {
      method,
      headers: { authorization: authHeader, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : null };
  };

  const start = async (): Promise<void> => {
    output = '';
    child = spawn(process.execPath, [BIN, '--in-memory', '--port', String(port), '--host', '127.0.0.1', '--dir', dir, '--config', join(dir, 'config.json'), '--no-stdout-logs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
    await waitUntilUp(origin, child, () => output);
    // Ends "admin party": from here on, requests need a user the server knows.
    const r = await fetch(`${origin}/_config/admins/${ADMIN.username}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
    if (!r.ok && r.status !== 401) throw new Error(`could not create the admin: ${r.status}`);
  };

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  };

  await start();
  return {
    origin,
    port,
    admin,
    async createDatabase(name, members = []) {
      const created = await admin('PUT', `/${name}`);
      if (created.status !== 201 && created.status !== 412) throw new Error(`create ${name}: ${created.status}`);
      if (members.length) {
        const sec = await admin('PUT', `/${name}/_security`, { admins: { names: [ADMIN.username], roles: [] }, members: { names: members, roles: [] } });
        if (sec.status !== 200) throw new Error(`security of ${name}: ${sec.status}`);
      }
      return `${origin}/${name}`;
    },
    async createUser(name, password, roles = []) {
      const r = await admin('PUT', `/_users/org.couchdb.user:${name}`, { name, password, roles, type: 'user' });
      if (r.status !== 201) throw new Error(`user ${name}: ${r.status}`);
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await stop();
      await start();
    },
  };
}
