import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createLine,
  deleteLine,
  deleteProduct,
  getSetting,
  listLines,
  putProduct,
  renameLine,
  setSetting,
  StorageError,
  ValidationError,
  NotFoundError,
  countProductsByLine,
  listProductsOfLine,
} from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { useUiStore } from '../../../renderer/state/ui-store';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dropDb(db);
});

const component = {
  id: 'c1',
  name: 'Linux kernel 6.1',
  class: 'it' as const,
  role: 'os' as const,
  securitySupportEnd: '2027-12',
};

describe('product lines', () => {
  it('creates, renames and lists lines sorted by name, logging each change', async () => {
    const b = await createLine(db, { name: '  Washers ', environment: 'consumer' });
    const a = await createLine(db, { name: 'air purifiers', environment: 'enterprise' });
    expect(b.name).toBe('Washers');
    expect(b.notes).toBe('');
    await renameLine(db, b.id, 'Washing machines');
    expect((await listLines(db)).map((l) => l.name)).toEqual(['air purifiers', 'Washing machines']);
    const changes = await db.changes.toArray();
    expect(changes.map((c) => [c.entityId, c.op])).toEqual([[b.id, 'put'], [a.id, 'put'], [b.id, 'put']]);
    expect(changes[2]).toMatchObject({ before: { name: 'Washers' }, after: { name: 'Washing machines' } });
  });

  it('refuses an empty name or an unknown environment and writes nothing', async () => {
    await expect(createLine(db, { name: '   ', environment: 'consumer' })).rejects.toThrow(/name: a name is required/);
    await expect(createLine(db, { name: 'X', environment: 'space' as never })).rejects.toBeInstanceOf(ValidationError);
    expect(await db.lines.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
  });

  it('refuses a rename to an empty name and keeps the old one', async () => {
    const line = await createLine(db, { name: 'Locks', environment: 'consumer' });
    const error = await renameLine(db, line.id, '').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual(['name: a name is required']);
    expect((await db.lines.get(line.id))?.name).toBe('Locks');
    expect(await db.changes.count()).toBe(1);
  });

  it('reports a line that no longer exists', async () => {
    await expect(renameLine(db, 'gone', 'x')).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteLine(db, 'gone')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes a line together with its products and their decisions, and nothing else', async () => {
    const keep = await createLine(db, { name: 'Keep', environment: 'consumer' });
    const drop = await createLine(db, { name: 'Drop', environment: 'industrial' });
    await putProduct(db, { id: 'p1', lineId: drop.id, name: 'Gateway G1', category: 'gateway', components: [component] });
    await putProduct(db, { id: 'p2', lineId: drop.id, name: 'Gateway G2', category: 'gateway' });
    await putProduct(db, { id: 'p3', lineId: keep.id, name: 'Lock L1', category: 'lock' });
    await db.decisions.add({ id: 'd1', findingKey: 'k', productId: 'p1', type: 'accepted', rationale: '', by: '', decidedAt: '2026-01-01', expires: null });
    expect(await countProductsByLine(db)).toEqual(new Map([[drop.id, 2], [keep.id, 1]]));

    expect(await deleteLine(db, drop.id)).toEqual({ deletedProducts: 2 });
    expect((await listLines(db)).map((l) => l.id)).toEqual([keep.id]);
    expect((await db.products.toArray()).map((p) => p.id)).toEqual(['p3']);
    expect(await db.decisions.count()).toBe(0);
    const last = await db.changes.orderBy('seq').reverse().limit(4).toArray();
    expect(new Set(last.map((c) => c.group)).size).toBe(1);
    expect(last.map((c) => c.op)).toEqual(['delete', 'delete', 'delete', 'delete']);
  });

  it('deletes nothing when the transaction fails half-way', async () => {
    const line = await createLine(db, { name: 'Drop', environment: 'industrial' });
    await putProduct(db, { id: 'p1', lineId: line.id, name: 'P', category: 'other' });
    vi.spyOn(db.lines, 'delete').mockRejectedValueOnce(new DOMException('aborted', 'AbortError'));
    await expect(deleteLine(db, line.id)).rejects.toMatchObject({ name: 'StorageError', kind: 'aborted' });
    expect(await db.products.count()).toBe(1);
    expect(await db.lines.count()).toBe(1);
  });
});

describe('products', () => {
  it('stores a product with its components embedded in one record', async () => {
    const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
    const saved = await putProduct(db, { id: 'p1', lineId: line.id, name: 'T-100', category: 'thermostat', components: [component] });
    expect(saved.components[0]).toMatchObject({ id: 'c1', securitySupportEnd: '2027-12', expectedLifeYears: null });
    expect(await listProductsOfLine(db, line.id)).toEqual([saved]);
  });

  it('refuses an invalid product with a readable message and writes nothing', async () => {
    const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
    const before = await db.changes.count();
    const error = await putProduct(db, {
      id: 'p1',
      lineId: line.id,
      name: 'T-100',
      category: 'thermostat',
      components: [{ ...component, securitySupportEnd: '2027-13-01' }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Product was not saved: components\.0\.securitySupportEnd: /);
    expect((error as ValidationError).issues).toHaveLength(1);
    expect(await db.products.count()).toBe(0);
    expect(await db.changes.count()).toBe(before);
  });

  it('refuses duplicate component ids and a product of a line that does not exist', async () => {
    const line = await createLine(db, { name: 'L', environment: 'consumer' });
    await expect(putProduct(db, { id: 'p1', lineId: line.id, name: 'P', category: 'other', components: [component, component] }))
      .rejects.toThrow('components.1.id: duplicate component id c1');
    await expect(putProduct(db, { id: 'p1', lineId: 'nope', name: 'P', category: 'other' }))
      .rejects.toThrow('lineId: there is no product line with id nope');
    expect(await db.products.count()).toBe(0);
  });

  it('deletes a product and its decisions', async () => {
    const line = await createLine(db, { name: 'L', environment: 'consumer' });
    await putProduct(db, { id: 'p1', lineId: line.id, name: 'P', category: 'other' });
    await db.decisions.add({ id: 'd1', findingKey: 'k', productId: 'p1', type: 'mitigated', rationale: 'fixed', by: 'qa', decidedAt: '2026-01-01', expires: null });
    await deleteProduct(db, 'p1');
    expect(await db.products.count()).toBe(0);
    expect(await db.decisions.count()).toBe(0);
  });
});

describe('settings', () => {
  it('stores and reads a validated setting', async () => {
    await setSetting(db, 'asOfDate', '2030-06-30');
    expect(await getSetting(db, 'asOfDate')).toBe('2030-06-30');
    expect(await getSetting(db, 'storagePersistence')).toBeUndefined();
  });

  it('refuses an invalid value and ignores (and reports) a stored value that no longer validates', async () => {
    await expect(setSetting(db, 'asOfDate', '2030-02-30')).rejects.toBeInstanceOf(ValidationError);
    expect(await db.settings.count()).toBe(0);
    await db.settings.put({ key: 'asOfDate', value: 'yesterday' });
    expect(await getSetting(db, 'asOfDate')).toBeUndefined();
    expect(useUiStore.getState().notices[0]?.message).toMatch(/stored setting "asOfDate" is not valid/);
  });
});

describe('storage errors at the repository boundary', () => {
  it('turns a quota error into a notice and rethrows, writing nothing', async () => {
    const line = await createLine(db, { name: 'Locks', environment: 'consumer' });
    vi.spyOn(db.products, 'put').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const error = await putProduct(db, { id: 'p1', lineId: line.id, name: 'P', category: 'lock' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).kind).toBe('quota');
    const notices = useUiStore.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'error', sticky: true });
    expect(notices[0]?.message).toMatch(/Could not save the product: storage is full.*Nothing was saved/);
    expect(notices[0]?.detail).toMatch(/QuotaExceededError/);
    vi.restoreAllMocks();
    expect(await db.products.count()).toBe(0);
    expect(await db.changes.count()).toBe(1);
  });
});
