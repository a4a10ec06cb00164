import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp, useTestDb } from '../helpers';
import type { SupportspanDb } from '../../../renderer/db/database';
import { NotFoundError, ValidationError } from '../../../renderer/db/errors';
import { copyName, duplicateProduct, moveProduct } from '../../../renderer/db/repositories/product-ops';
import { seedPortfolio, withLayout } from './fixtures';

withLayout();

const freshDb = useTestDb();

async function groupsSince(d: SupportspanDb, seq: number): Promise<string[]> {
  const changes = await d.changes.where('seq').above(seq).toArray();
  return [...new Set(changes.map((c) => c.group))];
}

async function lastSeq(d: SupportspanDb): Promise<number> {
  return (await d.changes.orderBy('seq').last())?.seq ?? 0;
}

describe('product operations (repository)', () => {
  it('duplicates a product as a new model: new ids, "(copy)", no SKU or placed-on-market dates, one change group', async () => {
    const db = freshDb();
    const { thermoA } = await seedPortfolio(db);
    const before = await lastSeq(db);
    const copy = await duplicateProduct(db, thermoA.id);
    expect(copy.id).not.toBe(thermoA.id);
    expect(copy.name).toBe('Thermo A (copy)');
    expect(copy).toMatchObject({ lineId: thermoA.lineId, sku: '', firstPlacedOnMarket: null, lastPlacedOnMarket: null, declaredSupportEnd: '2028-12', expectedUseYears: 10, markets: ['EU', 'UK'] });
    expect(copy.components.map((c) => c.name)).toEqual(thermoA.components.map((c) => c.name));
    const oldIds = new Set(thermoA.components.map((c) => c.id));
    expect(copy.components.every((c) => !oldIds.has(c.id))).toBe(true);
    expect(copy.components[0]).toMatchObject({ ...thermoA.components[0], id: copy.components[0]!.id });
    expect(await db.products.get(thermoA.id)).toEqual(thermoA);
    expect(await groupsSince(db, before)).toHaveLength(1);
  });

  it('keeps a copied name within the name limit', () => {
    expect(copyName('x'.repeat(200))).toHaveLength(200);
    expect(copyName('x'.repeat(200)).endsWith(' (copy)')).toBe(true);
  });

  it('moves a product between lines in one logged change, refusing a line that does not exist', async () => {
    const db = freshDb();
    const { thermoA, industrial } = await seedPortfolio(db);
    const before = await lastSeq(db);
    const moved = await moveProduct(db, thermoA.id, industrial.id);
    expect(moved.lineId).toBe(industrial.id);
    expect((await db.products.get(thermoA.id))?.lineId).toBe(industrial.id);
    const changes = await db.changes.where('seq').above(before).toArray();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ entityId: thermoA.id, before: { lineId: thermoA.lineId }, after: { lineId: industrial.id } });

    await expect(moveProduct(db, thermoA.id, 'no-such-line')).rejects.toBeInstanceOf(ValidationError);
    await expect(duplicateProduct(db, 'no-such-product')).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.products.get(thermoA.id))?.lineId).toBe(industrial.id);
    expect(await db.changes.where('seq').above(before).count()).toBe(1);
  });
});

describe('product operations on the portfolio screen', () => {
  async function start() {
    const db = freshDb();
    const seeded = await seedPortfolio(db);
    const rendered = await renderApp({ db });
    const tree = await screen.findByRole('treegrid', { name: 'Products by product line' });
    await within(tree).findByText('Thermo A');
    return { ...rendered, ...seeded, tree, user: userEvent.setup() };
  }

  async function select(tree: HTMLElement, name: string, user: ReturnType<typeof userEvent.setup>) {
    await user.click(within(tree).getByText(name).closest('[role="row"]')!.querySelector('.num')!);
    expect(screen.getByRole('toolbar', { name: 'Selected product actions' }).textContent).toContain(`Selected: ${name}`);
  }

  it('duplicates the selected product, and Undo removes the copy', async () => {
    const { tree, user, db } = await start();
    await select(tree, 'Thermo A', user);
    await user.click(screen.getByRole('button', { name: 'Duplicate' }));
    await within(tree).findByText('Thermo A (copy)');
    expect(await db.products.count()).toBe(5);
    expect(screen.getByRole('toolbar', { name: 'Selected product actions' }).textContent).toContain('Selected: Thermo A (copy)');
    await screen.findByText(/Duplicated “Thermo A” as “Thermo A \(copy\)”/);
    await user.click(screen.getByRole('button', { name: /^Undo: Duplicated “Thermo A”/ }));
    await waitFor(() => expect(within(tree).queryByText('Thermo A (copy)')).toBeNull());
    expect(await db.products.count()).toBe(4);
  });

  it('moves the selected product to another line through a dialog', async () => {
    const { tree, user, db, industrial } = await start();
    await select(tree, 'Thermo B', user);
    await user.click(screen.getByRole('button', { name: 'Move to line…' }));
    const dialog = screen.getByRole('dialog', { name: 'Move “Thermo B”' });
    await user.selectOptions(within(dialog).getByLabelText('Move to product line'), industrial.id);
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    await screen.findByText('Moved “Thermo B” to “Gateways”.');
    expect((await db.products.get('thermo-b'))?.lineId).toBe(industrial.id);
    await waitFor(() => expect(within(tree).getByText('Gateways').closest('[role="row"]')!.textContent).toContain('3 products'));
  });

  it('deletes only after confirmation in a dialog (Escape and Cancel keep it), and Undo brings it back', async () => {
    const { tree, user, db } = await start();
    await select(tree, 'Gate 1', user);
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete product' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByText(/Delete “Gate 1” with its 1 components/)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    dialog = screen.getByRole('dialog', { name: 'Delete product' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await db.products.get('gate-1')).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete product' }));
    await waitFor(() => expect(within(tree).queryByText('Gate 1')).toBeNull());
    expect(await db.products.get('gate-1')).toBeUndefined();
    await screen.findByText('Deleted the product “Gate 1”.');
    await user.click(screen.getByRole('button', { name: 'Undo: Deleted the product “Gate 1”.' }));
    await within(tree).findByText('Gate 1');
    expect((await db.products.get('gate-1'))?.components).toHaveLength(1);
    await screen.findByText('Undone: Deletion of product “Gate 1”.');
  });
});
