import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLine, deleteLine, deleteProduct, getProduct, putProduct, renameLine } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { addComponents, deleteComponents, updateComponent, updateProduct } from '../../../renderer/db/repositories/components';
import { getUndoState, parseGroup, redo, undo } from '../../../renderer/db/repositories/undo';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  await dropDb(db);
});

async function seed() {
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  const product = await putProduct(db, {
    id: 'p1',
    lineId: line.id,
    name: 'T1',
    category: 'thermostat',
    components: [
      { id: 'c1', name: 'Firmware', class: 'it', role: 'firmware', securitySupportEnd: '2030-06' },
      { id: 'c2', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 12 },
    ],
  });
  return { line, product };
}

describe('undo and redo on the change log', () => {
  it('undoes and redoes a component edit, one user action at a time, and reports what it did', async () => {
    await seed();
    await updateComponent(db, 'p1', 'c1', { securitySupportEnd: '2031-12' });
    await updateProduct(db, 'p1', (p) => ({ ...p, declaredSupportEnd: '2032-01' }));

    expect((await getUndoState(db)).undo?.description).toBe('Edit of product “T1”');
    expect((await getUndoState(db)).redo).toBeNull();

    await undo(db);
    expect((await getProduct(db, 'p1'))!.declaredSupportEnd).toBeNull();
    expect((await getProduct(db, 'p1'))!.components[0]!.securitySupportEnd).toBe('2031-12');
    await undo(db);
    expect((await getProduct(db, 'p1'))!.components[0]!.securitySupportEnd).toBe('2030-06');

    const state = await getUndoState(db);
    expect(state.redo).not.toBeNull();
    await redo(db);
    expect((await getProduct(db, 'p1'))!.components[0]!.securitySupportEnd).toBe('2031-12');
    expect((await getProduct(db, 'p1'))!.declaredSupportEnd).toBeNull();
    await redo(db);
    expect((await getProduct(db, 'p1'))!.declaredSupportEnd).toBe('2032-01');
    expect((await getUndoState(db)).redo).toBeNull();
    expect(await redo(db)).toBeNull();

    // Undo/redo are logged as groups of their own that name the group they revert.
    const groups = [...new Set((await db.changes.toArray()).map((c) => c.group))].map(parseGroup);
    expect(groups.map((g) => g.kind)).toEqual(['edit', 'edit', 'edit', 'edit', 'undo', 'undo', 'redo', 'redo']);
  });

  it('a new edit after an undo ends the redo stack', async () => {
    await seed();
    await updateComponent(db, 'p1', 'c1', { version: '1.0' });
    await undo(db);
    expect((await getUndoState(db)).redo).not.toBeNull();
    await updateComponent(db, 'p1', 'c1', { version: '2.0' });
    expect((await getUndoState(db)).redo).toBeNull();
    expect(await redo(db)).toBeNull();
    await undo(db);
    expect((await getProduct(db, 'p1'))!.components[0]!.version).toBe('');
  });

  it('brings back deleted rows, a deleted product and a deleted line with its products, and survives a reopen', async () => {
    const { line } = await seed();
    await addComponents(db, 'p1', [{ name: 'Cloud API', class: 'it', role: 'cloud' }]);
    await deleteComponents(db, 'p1', ['c1', 'c2']);
    expect((await getProduct(db, 'p1'))!.components.map((c) => c.name)).toEqual(['Cloud API']);
    await undo(db);
    expect((await getProduct(db, 'p1'))!.components.map((c) => c.id).slice(0, 2)).toEqual(['c1', 'c2']);

    await deleteProduct(db, 'p1');
    expect(await getProduct(db, 'p1')).toBeUndefined();
    expect((await getUndoState(db)).undo?.description).toBe('Deletion of product “T1”');
    await undo(db);
    expect((await getProduct(db, 'p1'))!.components).toHaveLength(3);

    await deleteLine(db, line.id);
    expect(await db.lines.count()).toBe(0);
    // Reopening the database (a reload) keeps the stacks: they are the change log.
    db.close();
    await db.open();
    expect((await getUndoState(db)).undo?.description).toBe('Deletion of product line “Thermostats”');
    await undo(db);
    expect(await db.lines.get(line.id)).toMatchObject({ name: 'Thermostats' });
    expect((await getProduct(db, 'p1'))!.name).toBe('T1');
    await redo(db);
    expect(await db.lines.count()).toBe(0);
    expect(await db.products.count()).toBe(0);
  });

  it('undoes a creation by deleting, and refuses (writing nothing) when a record changed outside the log', async () => {
    const { line } = await seed();
    await renameLine(db, line.id, 'Room thermostats');
    // A write that bypassed the repositories: undo must not overwrite it blindly.
    await db.lines.update(line.id, { notes: 'edited elsewhere' });
    const before = await db.changes.count();
    await expect(undo(db)).rejects.toThrow(/changed since/);
    expect(await db.changes.count()).toBe(before);
    expect((await db.lines.get(line.id))!.name).toBe('Room thermostats');
  });

  it('undoes everything back to an empty workspace, then has nothing to undo', async () => {
    await seed();
    await undo(db); // the product
    await undo(db); // the line
    expect(await db.products.count()).toBe(0);
    expect(await db.lines.count()).toBe(0);
    expect(await undo(db)).toBeNull();
    expect((await getUndoState(db)).undo).toBeNull();
    expect((await getUndoState(db)).redo?.description).toBe('Creation of product line “Thermostats”');
  });
});
