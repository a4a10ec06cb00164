/**
 * The replication engine against its local PouchDB (pouchdb-browser's idb adapter on
 * fake-indexeddb). The team server is unreachable here, so what reaches the local
 * PouchDB stands in for what replication brings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb-browser';
import { createLine, putProduct, renameLine } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { setCurrentAuthor } from '../../../renderer/db/repositories/change-log';
import { parseDatabaseUrl } from '../../../shared/team/database-url';
import { lineDocId, productDocId } from '../../../shared/team/documents';
import { localDatabaseName, TeamSync } from '../../../renderer/team/team-sync';
import { useTeamStatus } from '../../../renderer/team/team-status';
import { dropDb, testDb } from '../helpers';

const URL_ = 'http://127.0.0.1:9/team';
let db: SupportspanDb;
let sync: TeamSync | null = null;
let local: PouchDB.Database;

beforeEach(() => {
  db = testDb();
  setCurrentAuthor('Ana');
  local = new PouchDB(localDatabaseName(db.name, parseDatabaseUrl(URL_)), { adapter: 'idb' });
});
afterEach(async () => {
  await sync?.stop();
  sync = null;
  await local.destroy().catch(() => undefined);
  setCurrentAuthor('');
  await dropDb(db);
});

type Doc = { _id: string; _rev: string; [k: string]: unknown };
const get = (id: string) => local.get(id).then((d) => d as unknown as Doc, () => null);

describe('team replication engine', () => {
  it('writes the workspace into the local copy, applies a team change once, and echoes neither', async () => {
    const line = await createLine(db, { name: 'Gateways', environment: 'enterprise' });
    await putProduct(db, { id: 'p1', lineId: line.id, name: 'Gateway G1', category: 'gateway' });
    sync = new TeamSync(db, { url: URL_, user: 'ana' });
    await sync.start();
    await sync.idle();
    const first = await get(productDocId('p1'));
    expect(first).toMatchObject({ product: { name: 'Gateway G1' }, changed: { by: 'Ana', via: 'app' } });
    expect(first?._rev).toMatch(/^1-/);
    expect((await get(lineDocId(line.id)))?._rev).toMatch(/^1-/);

    // A team change arrives in the local copy
    await local.put({ ...first!, product: { ...(first!.product as object), name: 'Gateway G2' }, changed: { by: 'Ben', at: '2026-12-06T11:00:00.000Z', via: 'app' } });
    await expect.poll(async () => (await db.products.get('p1'))?.name).toBe('Gateway G2');
    await sync.idle();
    expect((await db.changes.orderBy('seq').last())).toMatchObject({ entityId: 'p1', who: 'Ben' });
    await new Promise((r) => setTimeout(r, 200));
    await sync.idle();
    // Not written back: still the team's revision.
    expect((await get(productDocId('p1')))?._rev).toMatch(/^2-/);
    expect((await get(productDocId('p1')))?.changed).toMatchObject({ by: 'Ben' });

    // A local edit goes out once
    await renameLine(db, line.id, 'Home gateways');
    await expect.poll(async () => ((await get(lineDocId(line.id)))?.line as { name?: string } | undefined)?.name).toBe('Home gateways');
    await new Promise((r) => setTimeout(r, 200));
    await sync.idle();
    expect((await get(lineDocId(line.id)))?._rev).toMatch(/^2-/);
    // The team server at 127.0.0.1:9 does not answer
    await expect.poll(() => useTeamStatus.getState().state.kind, { timeout: 10_000 }).toBe('offline');
  });

  it('a deleted document deletes the product', async () => {
    const line = await createLine(db, { name: 'Gateways', environment: 'enterprise' });
    await putProduct(db, { id: 'p1', lineId: line.id, name: 'Gateway G1', category: 'gateway' });
    sync = new TeamSync(db, { url: URL_, user: 'ana' });
    await sync.start();
    await sync.idle();
    const doc = await get(productDocId('p1'));
    await local.put({ _id: doc!._id, _rev: doc!._rev, _deleted: true, changed: { by: 'Ben', at: '2026-12-06T11:00:00.000Z', via: 'app' } });
    await expect.poll(async () => db.products.get('p1')).toBeUndefined();
    await sync.idle();
    expect(await db.changes.orderBy('seq').last()).toMatchObject({ entityId: 'p1', op: 'delete', who: 'Ben' });
  });
});
