/**
 * `push <portfolio> <db-url>` and every portfolio-reading command on a team
 * database URL, against a real CouchDB-compatible server (pouchdb-server in
 * memory on 127.0.0.1), through the real CLI.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTeamServer, type TeamServer } from '../support/team-server';
import { ROOT, runCli } from './run-cli';

const SAMPLE_CSV = join(ROOT, 'assets', 'sample-portfolio.csv');
const AS_OF = '2026-12-06';
const AS_ADMIN = { SUPPORTSPAN_DB_USER: ADMIN.username, SUPPORTSPAN_DB_PASSWORD: ADMIN.password };

let server: TeamServer;
let tmp: string;
beforeAll(async () => {
  server = await startTeamServer();
  await server.createUser('ana', 'ana-pw');
  await server.createUser('outsider', 'outsider-pw');
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-team-cli-'));
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface PushJson { database: string; createdDatabase: boolean; created: number; updated: number; unchanged: number; written: number; products: number; lines: number; by: string; writes: { id: string; action: string }[] }
const docCount = async (db: string): Promise<number> => ((await server.admin('GET', `/${db}`)).json as { doc_count: number }).doc_count;

describe('push', () => {
  it('seeds a database, then updates it by id without duplicating, and leaves unchanged products alone', async () => {
    const url = `${server.origin}/seeded`;
    const first = await runCli(['push', SAMPLE_CSV, url, '--create', '--format', 'json'], ROOT, AS_ADMIN);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const j1 = JSON.parse(first.stdout) as PushJson;
    expect(j1).toMatchObject({ database: url, createdDatabase: true, created: 12, updated: 0, unchanged: 0, written: 12, products: 8, lines: 4, by: 'admin' });
    expect(await docCount('seeded')).toBe(12);

    const again = await runCli(['push', SAMPLE_CSV, url], ROOT, AS_ADMIN);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('pushed 8 products in 4 product lines to');
    expect(again.stdout).toContain('(12 documents): 0 created, 0 updated, 12 unchanged');
    expect(await docCount('seeded')).toBe(12);

    // The same portfolio in another input format has the same ids: nothing to write.
    const json = join(tmp, 'sample.json');
    expect((await runCli(['convert', SAMPLE_CSV, '-o', json])).code).toBe(0);
    const fromJson = JSON.parse((await runCli(['push', json, url, '--format', 'json'], ROOT, AS_ADMIN)).stdout) as PushJson;
    expect(fromJson).toMatchObject({ created: 0, updated: 0, unchanged: 12 });

    // One product's declared support end changes: that product's document only gets a new revision.
    const edited = join(tmp, 'edited.csv');
    writeFileSync(edited, readFileSync(SAMPLE_CSV, 'utf8').replace(/(Nestwarm T3,NW-T3,thermostat,EU;UK;US,2022-03-01,2025-06-30,10,)2030-06/g, '$12031-06'));
    const before = (await server.admin('GET', '/seeded/_all_docs')).json as { rows: { id: string; value: { rev: string } }[] };
    const update = JSON.parse((await runCli(['push', edited, url, '--format', 'json', '--by', 'Ana Example'], ROOT, AS_ADMIN)).stdout) as PushJson;
    expect(update).toMatchObject({ created: 0, updated: 1, unchanged: 11, by: 'Ana Example' });
    const changedId = update.writes[0]!.id;
    expect(changedId).toMatch(/^product:/);
    const after = (await server.admin('GET', '/seeded/_all_docs')).json as { rows: { id: string; value: { rev: string } }[] };
    for (const row of after.rows) {
      const old = before.rows.find((r) => r.id === row.id)!;
      expect(row.value.rev.startsWith('2-')).toBe(row.id === changedId);
      if (row.id !== changedId) expect(row.value.rev).toBe(old.value.rev);
    }
    const doc = (await server.admin('GET', `/seeded/${encodeURIComponent(changedId)}`)).json as { product: { name: string; declaredSupportEnd: string }; changed: { by: string; via: string } };
    expect(doc.product.name).toBe('Nestwarm T3');
    expect(doc.product.declaredSupportEnd).toBe('2031-06');
    expect(doc.changed).toMatchObject({ by: 'Ana Example', via: 'cli push' });
  }, 120_000);

  it('keeps fields a newer app added to a document, and never overwrites a document of a newer version', async () => {
    const url = await server.createDatabase('kept');
    expect((await runCli(['push', SAMPLE_CSV, url], ROOT, AS_ADMIN)).code).toBe(0);
    const ids = ((await server.admin('GET', '/kept/_all_docs')).json as { rows: { id: string }[] }).rows.map((r) => r.id).filter((id) => id.startsWith('product:'));
    const [a, b] = ids as [string, string];
    const docA = (await server.admin('GET', `/kept/${encodeURIComponent(a)}`)).json as Record<string, unknown>;
    expect((await server.admin('PUT', `/kept/${encodeURIComponent(a)}`, { ...docA, risks: [{ id: 'r1', title: 'kept' }] })).status).toBe(201);
    const docB = (await server.admin('GET', `/kept/${encodeURIComponent(b)}`)).json as Record<string, unknown>;
    expect((await server.admin('PUT', `/kept/${encodeURIComponent(b)}`, { ...docB, docVersion: 99 })).status).toBe(201);

    const edited = join(tmp, 'all-edited.csv');
    writeFileSync(edited, readFileSync(SAMPLE_CSV, 'utf8').replace(/,ota,/g, ',manual,'));
    const r = await runCli(['push', edited, url], ROOT, AS_ADMIN);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('1 document was not written');
    expect(r.stderr).toContain(`document ${b}: written by a newer Supportspan (document version 99): not overwritten`);
    const keptA = (await server.admin('GET', `/kept/${encodeURIComponent(a)}`)).json as { risks: unknown; product: { components: { updateMechanism: string }[] } };
    expect(keptA.risks).toEqual([{ id: 'r1', title: 'kept' }]);
    const after = (await server.admin('GET', `/kept/${encodeURIComponent(b)}`)).json as { docVersion: number; _rev: string };
    expect(after.docVersion).toBe(99);
    expect(after._rev.startsWith('2-')).toBe(true);
  }, 120_000);

  it('--dry-run lists the writes and writes nothing', async () => {
    const url = await server.createDatabase('dry');
    const r = await runCli(['push', SAMPLE_CSV, url, '--dry-run'], ROOT, AS_ADMIN);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would write 8 products in 4 product lines');
    expect(r.stdout).toContain('(dry run: nothing written)');
    expect(r.stdout).toContain('create product "Nestwarm T3"');
    expect(await docCount('dry')).toBe(0);
  }, 60_000);

  it('refuses a missing database without --create, a wrong password, a user who is not a member, and plain http to another host, never printing the password', async () => {
    const missing = await runCli(['push', SAMPLE_CSV, `${server.origin}/nothing-here`], ROOT, AS_ADMIN);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the database "nothing-here" does not exist');
    expect(missing.stderr).toContain('add --create');
    expect((await server.admin('GET', '/nothing-here')).status).toBe(404);

    const url = await server.createDatabase('guarded', ['ana']);
    const wrong = await runCli(['push', SAMPLE_CSV, url], ROOT, { SUPPORTSPAN_DB_USER: 'ana', SUPPORTSPAN_DB_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('sign-in refused');
    expect(wrong.stderr).not.toContain('not-the-password');

    const inUrl = `http://ana:${encodeURIComponent('not-the-password')}@127.0.0.1:${server.port}/guarded`;
    const wrongInUrl = await runCli(['analyze', inUrl], ROOT);
    expect(wrongInUrl.code).toBe(2);
    expect(wrongInUrl.stderr).toContain(`${url}: sign-in refused`);
    expect(wrongInUrl.stderr + wrongInUrl.stdout).not.toContain('not-the-password');

    const outsider = await runCli(['push', SAMPLE_CSV, url], ROOT, { SUPPORTSPAN_DB_USER: 'outsider', SUPPORTSPAN_DB_PASSWORD: 'outsider-pw' });
    expect(outsider.code).toBe(2);
    expect(outsider.stderr).toMatch(/sign-in refused|may not read it/);

    const member = await runCli(['push', SAMPLE_CSV, url], ROOT, { SUPPORTSPAN_DB_USER: 'ana', SUPPORTSPAN_DB_PASSWORD: 'ana-pw' });
    expect(member.stderr).toBe('');
    expect(member.code).toBe(0);
    expect(await docCount('guarded')).toBe(12);

    const plain = await runCli(['push', SAMPLE_CSV, 'http://couch.example.com/team']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('plain http:// is allowed only to this computer (127.0.0.1), not to couch.example.com');
    const system = await runCli(['analyze', `${server.origin}/_users`], ROOT, AS_ADMIN);
    expect(system.code).toBe(2);
    expect(system.stderr).toContain("one of CouchDB's system databases");
    const args = await runCli(['push', SAMPLE_CSV]);
    expect(args.code).toBe(2);
    expect(args.stderr).toContain('expected a portfolio and a database URL');
  }, 120_000);
});

describe('commands read a team database URL', () => {
  it('analyze, plan and export read the database as they read the file it was pushed from', async () => {
    const url = await server.createDatabase('reading');
    expect((await runCli(['push', SAMPLE_CSV, url], ROOT, AS_ADMIN)).code).toBe(0);
    const fromFile = await runCli(['analyze', SAMPLE_CSV, '--as-of', AS_OF, '--format', 'json']);
    const fromDb = await runCli(['analyze', url, '--as-of', AS_OF, '--format', 'json'], ROOT, AS_ADMIN);
    expect(fromDb.stderr).toBe('');
    expect(fromDb.code).toBe(0);
    expect(JSON.parse(fromDb.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect((JSON.parse(fromDb.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);

    const gate = await runCli(['analyze', url, '--as-of', AS_OF, '--fail-on', 'high'], ROOT, AS_ADMIN);
    const gateFile = await runCli(['analyze', SAMPLE_CSV, '--as-of', AS_OF, '--fail-on', 'high']);
    expect(gate.code).toBe(gateFile.code);

    const planDb = await runCli(['plan', url, '--as-of', AS_OF, '--format', 'json'], ROOT, AS_ADMIN);
    const planFile = await runCli(['plan', SAMPLE_CSV, '--as-of', AS_OF, '--format', 'json']);
    expect(planDb.code).toBe(0);
    // The database has no row order: the same plans, whatever order they are listed in.
    const byProduct = (text: string) => {
      const j = JSON.parse(text) as { asOf: string; plans: { productId: string }[] };
      return { ...j, plans: [...j.plans].sort((a, b) => a.productId.localeCompare(b.productId)) };
    };
    expect(byProduct(planDb.stdout)).toEqual(byProduct(planFile.stdout));
    expect(byProduct(planDb.stdout).plans).toHaveLength(8);

    const out = join(tmp, 'from-db.sspan');
    const exported = await runCli(['export', url, '-o', out, '--as-of', AS_OF], ROOT, AS_ADMIN);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const verified = await runCli(['verify', out, '--format', 'json']);
    expect((JSON.parse(verified.stdout) as { state: string; manifest: { counts: { products: number } } })).toMatchObject({ state: 'unsigned', manifest: { counts: { products: 8 } } });
  }, 120_000);

  it('refuses a database with a document that is not valid, naming it, and reads nothing', async () => {
    const url = await server.createDatabase('broken');
    expect((await runCli(['push', SAMPLE_CSV, url], ROOT, AS_ADMIN)).code).toBe(0);
    const ids = ((await server.admin('GET', '/broken/_all_docs')).json as { rows: { id: string }[] }).rows.map((r) => r.id);
    const id = ids.find((i) => i.startsWith('product:'))!;
    const doc = (await server.admin('GET', `/broken/${encodeURIComponent(id)}`)).json as { product: Record<string, unknown> };
    expect((await server.admin('PUT', `/broken/${encodeURIComponent(id)}`, { ...doc, product: { ...doc.product, declaredSupportEnd: '2030-13-45' } })).status).toBe(201);
    const r = await runCli(['analyze', url], ROOT, AS_ADMIN);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has 1 document that cannot be read; nothing was read');
    expect(r.stderr).toContain(`document "${id}": product.declaredSupportEnd:`);
    expect(r.stdout).toBe('');

    const empty = await server.createDatabase('empty');
    const none = await runCli(['analyze', empty], ROOT, AS_ADMIN);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('holds no product: push a portfolio to it first');
  }, 120_000);

  it('warns about a product with conflicting versions and reads the winning one', async () => {
    const url = await server.createDatabase('conflicted');
    expect((await runCli(['push', SAMPLE_CSV, url], ROOT, AS_ADMIN)).code).toBe(0);
    const id = ((await server.admin('GET', '/conflicted/_all_docs')).json as { rows: { id: string }[] }).rows.map((r) => r.id).find((i) => i.startsWith('product:'))!;
    const doc = (await server.admin('GET', `/conflicted/${encodeURIComponent(id)}`)).json as { _rev: string; product: { name: string } };
    // A second revision made elsewhere, replicated in: two leaves of the same document.
    const other = { ...doc, _rev: '2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', _revisions: { start: 2, ids: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', doc._rev.split('-')[1]] }, product: { ...doc.product, sku: 'OTHER' } };
    const mine = { ...doc, _rev: '2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', _revisions: { start: 2, ids: ['bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', doc._rev.split('-')[1]] }, product: { ...doc.product, sku: 'MINE' } };
    expect((await server.admin('POST', '/conflicted/_bulk_docs', { docs: [other, mine], new_edits: false })).status).toBe(201);
    const r = await runCli(['analyze', url, '--as-of', AS_OF], ROOT, AS_ADMIN);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${doc.product.name} (document ${id}) has 2 versions that conflict`);
  }, 120_000);

  it('says the server cannot be reached when it is down', async () => {
    const other = await startTeamServer();
    const url = `${other.origin}/gone`;
    await other.stop();
    const r = await runCli(['analyze', url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${url}: cannot reach the server (ECONNREFUSED)`);
  }, 60_000);
});
