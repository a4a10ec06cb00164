import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, waitFor } from '@testing-library/react';
import { readBundle } from '../../../shared/bundle';
import { isRedacted, verifyChain, type ChangeEntry } from '../../../shared/history/change-log';
import { createLine, putProduct, renameLine, setSetting } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { buildWorkspaceBundle } from '../../../renderer/db/bundle-io';
import { currentAuthor, setCurrentAuthor, UNKNOWN_AUTHOR } from '../../../renderer/db/repositories/change-log';
import { redo, undo } from '../../../renderer/db/repositories/undo';
import { dropDb, renderApp, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  cleanup();
  setCurrentAuthor('');
  await dropDb(db);
});

const last = async () => (await db.changes.orderBy('seq').last())!;

describe('who made a change', () => {
  it('records the current user name on every change, and "unknown user" when none is set', async () => {
    setCurrentAuthor('');
    const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
    expect((await last()).who).toBe(UNKNOWN_AUTHOR);
    setCurrentAuthor('  Ana Auditor  ');
    await renameLine(db, line.id, 'Smart thermostats');
    expect(await last()).toMatchObject({ entityType: 'line', who: 'Ana Auditor' });
  });

  it('records who undid and who redid', async () => {
    setCurrentAuthor('Ana');
    const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
    await renameLine(db, line.id, 'Renamed');
    setCurrentAuthor('Ben');
    await undo(db);
    expect(await last()).toMatchObject({ who: 'Ben', after: expect.objectContaining({ name: 'Thermostats' }) });
    expect((await last()).group).toMatch(/^undo:/);
    setCurrentAuthor('Cleo');
    await redo(db);
    expect(await last()).toMatchObject({ who: 'Cleo', after: expect.objectContaining({ name: 'Renamed' }) });
  });

  it('exports each entry with its own who, old records without one under the exporter, and the chain verifies', async () => {
    // A record written before `who` was kept, exactly as the old logChanges wrote it.
    const oldLine = { id: 'l-old', name: 'Old line', environment: 'consumer', notes: '' } as const;
    await db.lines.add(oldLine);
    await db.changes.add({ group: 'g-old', entityType: 'line', entityId: 'l-old', op: 'put', before: null, after: oldLine, at: '2026-01-01T08:00:00.000Z' });
    setCurrentAuthor('Ana');
    const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
    setCurrentAuthor('Ben');
    await putProduct(db, { id: 'p1', lineId: line.id, name: 'T1', category: 'thermostat' });

    const built = await buildWorkspaceBundle(db, { asOf: '2026-11-28', appVersion: '0.1.0', createdAt: '2026-11-28T10:00:00.000Z', who: 'Exporter' });
    const r = await readBundle(built.bytes);
    if (!r.ok) throw new Error(r.error);
    const entries = r.bundle.history.filter((e): e is ChangeEntry => !isRedacted(e));
    expect(entries.map((e) => [e.entity.type, e.entity.id, e.who])).toEqual([
      ['line', 'l-old', 'Exporter'],
      ['line', line.id, 'Ana'],
      ['product', 'p1', 'Ben'],
    ]);
    expect(await verifyChain(r.bundle.history)).toEqual({ ok: true, checked: 3, redacted: 0 });
  });

  it('the app takes the author from the userName setting when the workspace opens and whenever it changes', async () => {
    setCurrentAuthor('left over');
    await db.open();
    await setSetting(db, 'userName', 'Dana');
    db.close();
    await renderApp({ db });
    expect(currentAuthor()).toBe('Dana');
    await setSetting(db, 'userName', 'Eli');
    await waitFor(() => expect(currentAuthor()).toBe('Eli'));
    await createLine(db, { name: 'After the rename', environment: 'consumer' });
    expect((await last()).who).toBe('Eli');
  });
});
