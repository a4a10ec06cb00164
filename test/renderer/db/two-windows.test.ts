import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLine, putProduct } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { StaleEditError } from '../../../renderer/db/errors';
import { currentWindow, setCurrentWindow } from '../../../renderer/db/repositories/change-log';
import { updateComponent, updateProduct } from '../../../renderer/db/repositories/components';
import { getUndoState, redo, undo } from '../../../renderer/db/repositories/undo';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
let original: string;
beforeEach(() => {
  db = testDb();
  original = currentWindow();
});
afterEach(async () => {
  setCurrentWindow(original);
  await dropDb(db);
});

/** Two windows share one database; each write records the window that made it. */
const as = async <T,>(window: string, action: () => Promise<T>): Promise<T> => {
  setCurrentWindow(window);
  return action();
};

async function seed() {
  const line = await as('A', () => createLine(db, { name: 'Thermostats', environment: 'consumer' }));
  await as('A', () => putProduct(db, {
    id: 'p1', lineId: line.id, name: 'T1', sku: 'T1-EU', category: 'thermostat',
    components: [{ id: 'c1', name: 'Firmware', class: 'it', role: 'firmware', supplier: 'Acme' }],
  }));
}

describe('two windows on one workspace', () => {
  it('undo reverts only this window\'s own actions', async () => {
    await seed();
    await as('A', () => updateProduct(db, 'p1', (p) => ({ ...p, sku: 'A-SKU' })));
    await as('B', () => updateProduct(db, 'p1', (p) => ({ ...p, name: 'T1 by B' })));
    // B's undo reverts B's edit, never A's
    setCurrentWindow('B');
    expect((await getUndoState(db)).undo?.description).toBe('Edit of product “T1 by B”');
    await undo(db);
    expect((await db.products.get('p1'))!).toMatchObject({ name: 'T1', sku: 'A-SKU' });
    // nothing else of B's to undo
    expect((await getUndoState(db)).undo).toBeNull();
    // A still undoes its own edit; B's redo is not ended by A's edits
    setCurrentWindow('A');
    await undo(db);
    expect((await db.products.get('p1'))!.sku).toBe('T1-EU');
    setCurrentWindow('B');
    expect((await getUndoState(db)).redo?.description).toBe('Edit of product “T1 by B”');
  });

  it('undo refuses, with the reason, when another window changed the record since', async () => {
    await seed();
    await as('A', () => updateProduct(db, 'p1', (p) => ({ ...p, sku: 'A-SKU' })));
    await as('B', () => updateProduct(db, 'p1', (p) => ({ ...p, name: 'Renamed in B' })));
    setCurrentWindow('A');
    await expect(undo(db)).rejects.toThrow(/product Renamed in B was changed since \(in another window or tab.*nothing was changed/);
    expect((await db.products.get('p1'))!).toMatchObject({ name: 'Renamed in B', sku: 'A-SKU' });
    await expect(redo(db)).resolves.toBeNull();
  });

  it('an edit based on a stale value of the same field is refused until confirmed', async () => {
    await seed();
    // A starts editing the SKU while it reads T1-EU; B saves another SKU first
    await as('B', () => updateProduct(db, 'p1', (p) => ({ ...p, sku: 'B-SKU' })));
    const stale = as('A', () => updateProduct(db, 'p1', (p) => ({ ...p, sku: 'A-SKU' }), 'save the product', { startedFrom: { sku: 'T1-EU' } }));
    await expect(stale).rejects.toBeInstanceOf(StaleEditError);
    await expect(stale).rejects.toMatchObject({ field: 'sku', stored: 'B-SKU', startedFrom: 'T1-EU' });
    expect((await db.products.get('p1'))!.sku).toBe('B-SKU');
    // another field is not a conflict
    await as('A', () => updateProduct(db, 'p1', (p) => ({ ...p, name: 'T1 new' }), 'save the product', { startedFrom: { name: 'T1' } }));
    // components too
    await as('B', () => updateComponent(db, 'p1', 'c1', { supplier: 'B Ltd' }));
    await expect(as('A', () => updateComponent(db, 'p1', 'c1', { supplier: 'A Ltd' }, { startedFrom: { supplier: 'Acme' } }))).rejects.toBeInstanceOf(StaleEditError);
    expect((await db.products.get('p1'))!.components[0]!.supplier).toBe('B Ltd');
  });
});
