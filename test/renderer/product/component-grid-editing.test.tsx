import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, getProduct, putProduct } from '../../../renderer/db';
import { updateComponent } from '../../../renderer/db/repositories/components';
import { getUndoState } from '../../../renderer/db/repositories/undo';
import type { SupportspanDb } from '../../../renderer/db/database';
import { useUiStore } from '../../../renderer/state/ui-store';
import { COLUMN_PREFS_KEY, useColumnPrefs } from '../../../renderer/features/grid/column-prefs';
import { dropDb, renderApp, testDb } from '../helpers';

let db: SupportspanDb | null = null;
afterEach(async () => {
  if (db) await dropDb(db);
  db = null;
  act(() => useColumnPrefs.setState({ grids: {} }));
  localStorage.removeItem(COLUMN_PREFS_KEY);
});

async function seed() {
  db = testDb();
  const line = await createLine(db, { name: 'Dishwashers', environment: 'consumer' });
  await putProduct(db, {
    id: 'p1',
    lineId: line.id,
    name: 'D1',
    category: 'other',
    markets: ['EU'],
    components: [
      { id: 'c1', name: 'Door gasket', class: 'mechanical', role: 'seal', supplier: 'Sealco' },
      { id: 'c2', name: 'Pump', class: 'mechanical', role: 'pump', supplier: 'Flow AG' },
      { id: 'c3', name: 'Controller firmware', class: 'it', role: 'firmware', supplier: '' },
    ],
  });
  return db;
}

async function openProduct(existing?: SupportspanDb) {
  const database = existing ?? (await seed());
  const user = userEvent.setup();
  const view = await renderApp({ db: database });
  act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
  const grid = await screen.findByRole('grid', { name: 'Components of D1' });
  await within(grid).findByText('Door gasket');
  return { ...view, db: database, user, grid };
}

const stored = async () => (await getProduct(db!, 'p1'))!;
const undoTitle = () => screen.getByRole('button', { name: 'Undo' }).getAttribute('title');

function cell(grid: HTMLElement, row: number, column: string): HTMLElement {
  const found = grid.querySelector(`[role="row"][aria-rowindex="${row + 1}"] [data-column="${column}"]`);
  if (!found) throw new Error(`no cell ${column} in row ${row}`);
  return found as HTMLElement;
}

describe('component grid editing', () => {
  it('keeps Name pinned and remembers hidden columns and widths across a remount', async () => {
    const { grid, user, unmount, db } = await openProduct();
    expect(cell(grid, 1, 'name').classList.contains('pinned')).toBe(true);
    expect(within(grid).getAllByRole('columnheader').find((h) => h.textContent === 'Name')!.classList.contains('pinned')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    expect((screen.getByRole('checkbox', { name: /^Name/ }) as HTMLInputElement).disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'Supplier' }));
    await user.click(screen.getByRole('checkbox', { name: 'Package URL' }));
    expect(grid.querySelector('[data-column="supplier"]')).toBeNull();
    // Keyboard resize: the active column's edge is the one in the tab order.
    const handle = screen.getByRole('separator', { name: 'Resize Name' });
    expect(handle.tabIndex).toBe(0);
    handle.focus();
    await user.keyboard('{ArrowRight}');
    expect(handle.getAttribute('aria-valuenow')).toBe('216');
    unmount();

    // A new start reads the preferences back from localStorage.
    const saved = localStorage.getItem(COLUMN_PREFS_KEY)!;
    act(() => useColumnPrefs.setState({ grids: {} }));
    localStorage.setItem(COLUMN_PREFS_KEY, saved);
    await act(() => useColumnPrefs.persist.rehydrate());
    const again = await openProduct(db);
    expect(again.grid.querySelector('[data-column="supplier"]')).toBeNull();
    expect(again.grid.querySelector('[data-column="purl"]')).toBeNull();
    expect(again.grid.querySelector('[data-column="version"]')).not.toBeNull();
    expect(screen.getByRole('separator', { name: 'Resize Name' }).getAttribute('aria-valuenow')).toBe('216');
    await again.user.click(screen.getByRole('button', { name: 'Columns (2 hidden)' }));
    await again.user.click(screen.getByRole('button', { name: 'Reset columns' }));
    expect(again.grid.querySelector('[data-column="supplier"]')).not.toBeNull();
  });

  it('creates components from a paste onto the empty row, named by its placeholder when the paste has no name', async () => {
    const { grid, user } = await openProduct();
    expect(grid.getAttribute('aria-rowcount')).toBe('5');
    expect(cell(grid, 4, 'name').textContent).toBe('New component');
    await user.click(cell(grid, 4, 'name'));
    await user.paste('Heater\tmechanical\theater\nDrain filter\tmechanical\tfilter\n');
    await waitFor(async () => expect((await stored()).components).toHaveLength(5));
    expect((await stored()).components.slice(3).map((c) => [c.name, c.class, c.role])).toEqual([
      ['Heater', 'mechanical', 'heater'],
      ['Drain filter', 'mechanical', 'filter'],
    ]);
    expect(await screen.findByText('Pasted 6 cells, adding 2 rows.')).toBeTruthy();
    await waitFor(() => expect(undoTitle()).toBe('Undo paste of 2 rows (Ctrl+Z)'));
    // A paste of other columns than Name still adds a row.
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('7'));
    await user.click(cell(grid, 6, 'supplier'));
    await user.paste('Parts Inc\n');
    await waitFor(async () => expect((await stored()).components).toHaveLength(6));
    expect((await stored()).components[5]).toMatchObject({ name: 'New component', supplier: 'Parts Inc' });
  });

  it('says when a paste wrote over existing rows, marks the cells, and undo restores them under the paste’s name', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 1, 'supplier'));
    await user.paste('Gasket GmbH\nPumpWorks\n');
    expect(await screen.findByText('Pasted 2 rows over existing rows — Undo (Ctrl+Z) restores them')).toBeTruthy();
    await waitFor(async () => expect((await stored()).components.map((c) => c.supplier)).toEqual(['Gasket GmbH', 'PumpWorks', '']));
    expect(cell(grid, 1, 'supplier').classList.contains('flash')).toBe(true);
    expect(cell(grid, 2, 'supplier').classList.contains('flash')).toBe(true);
    await waitFor(() => expect(undoTitle()).toBe('Undo paste of 2 rows (Ctrl+Z)'));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await stored()).components.map((c) => c.supplier)).toEqual(['Sealco', 'Flow AG', '']));
    expect(await screen.findByText('Undone: Paste of 2 rows.')).toBeTruthy();
  });

  it('fills the selection down from its top cell with Ctrl+D, as one undo step named “fill down”', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 1, 'supplier'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{ArrowRight}{/Shift}');
    await user.keyboard('{Control>}d{/Control}');
    await waitFor(async () => expect((await stored()).components.map((c) => c.supplier)).toEqual(['Sealco', 'Sealco', 'Sealco']));
    expect(screen.getByText('Filled 2 rows down from row 1.')).toBeTruthy();
    await waitFor(() => expect(undoTitle()).toBe('Undo fill down (Ctrl+Z)'));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await stored()).components.map((c) => c.supplier)).toEqual(['Sealco', 'Flow AG', '']));
  });

  it('clears the selected cells with Delete but refuses to clear Name, saying so at the cell', async () => {
    const { grid, user, db } = await openProduct();
    const changes = await db.changes.count();
    await user.click(cell(grid, 1, 'name'));
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{ArrowRight}{/Shift}{Delete}');
    const alert = await within(cell(grid, 1, 'name')).findByRole('alert');
    expect(alert.textContent).toMatch(/^Name cannot be cleared: .+ Nothing was cleared\.$/);
    expect(cell(grid, 1, 'name').getAttribute('aria-invalid')).toBe('true');
    expect(cell(grid, 1, 'name').getAttribute('aria-describedby')).toBe(alert.id);
    expect(await db.changes.count()).toBe(changes);
    expect((await stored()).components[0]).toMatchObject({ name: 'Door gasket', supplier: 'Sealco' });
    // Escape dismisses it and leaves the cursor on Supplier, a cell that may be empty: Delete clears it.
    await user.keyboard('{Escape}');
    expect(within(grid).queryByRole('alert')).toBeNull();
    expect(document.getElementById(grid.getAttribute('aria-activedescendant')!)).toBe(cell(grid, 1, 'supplier'));
    await user.keyboard('{Delete}');
    await waitFor(async () => expect((await stored()).components[0]!.supplier).toBe(''));
  });

  it('searches a choice cell’s labels as it is typed in, Unknown last, and names the edit after the field and the component', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 1, 'fieldReplaceable'));
    await user.keyboard('u');
    const box = within(grid).getByRole('combobox', { name: 'Field replaceable, row 1' });
    const list = within(grid).getByRole('listbox', { name: 'Field replaceable options' });
    expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['By the user', 'Unknown']);
    expect(box.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[0]!.id);
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await stored()).components[0]!.fieldReplaceable).toBe('user'));
    await waitFor(() => expect(undoTitle()).toBe('Undo Field replaceable of Door gasket (Ctrl+Z)'));
    // Arrow keys move through the matches; a search that matches nothing is refused at the cell.
    await user.click(cell(grid, 2, 'fieldReplaceable'));
    await user.keyboard('b{ArrowDown}{Enter}');
    await waitFor(async () => expect((await stored()).components[1]!.fieldReplaceable).toBe('professional'));
    await user.click(cell(grid, 3, 'fieldReplaceable'));
    await user.keyboard('xyz{Enter}');
    expect((await within(grid).findByRole('alert')).textContent).toBe('no option matches “xyz”');
    await user.keyboard('{Escape}');
    expect((await stored()).components[2]!.fieldReplaceable).toBeNull();
  });

  it('adds a component when its name is typed into the empty row', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 4, 'name'));
    await user.keyboard('Rinse pump{Enter}');
    await waitFor(async () => expect((await stored()).components.map((c) => c.name)).toContain('Rinse pump'));
    expect((await stored()).components[3]).toMatchObject({ name: 'Rinse pump', class: 'it', role: 'firmware' });
    await waitFor(() => expect(cell(grid, 5, 'name').textContent).toBe('New component'));
    await waitFor(() => expect(undoTitle()).toBe('Undo adding Rinse pump (Ctrl+Z)'));
  });

  it('writes cells typed on into the row being added to that row, not to rows of their own', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 4, 'name'));
    // No wait between the keys: the second cell is typed before the new row is read back.
    await userEvent.setup({ delay: null }).keyboard('Rinse pump{Tab}{Tab}{Tab}Pumpco{Enter}');
    await waitFor(async () => expect((await stored()).components[3]).toMatchObject({ name: 'Rinse pump', supplier: 'Pumpco' }));
    expect((await stored()).components).toHaveLength(4);
    await waitFor(() => expect(cell(grid, 4, 'supplier').textContent).toBe('Pumpco'));
  });

  it('goes on adding rows after one the filter hides', async () => {
    const { grid, user } = await openProduct();
    await user.click(screen.getByRole('button', { name: /^IT \(device\)/ }));
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('3'));
    // A mechanical part typed into the IT view's empty row is added, but the view does not show it.
    await user.click(cell(grid, 2, 'class'));
    await user.keyboard('mech{Enter}');
    await waitFor(async () => expect((await stored()).components).toHaveLength(4));
    expect((await stored()).components[3]).toMatchObject({ name: 'New component', class: 'mechanical' });
    await user.click(cell(grid, 2, 'name'));
    await user.keyboard('Sensor board{Enter}');
    await waitFor(async () => expect((await stored()).components.map((c) => c.name)).toContain('Sensor board'));
    await waitFor(() => expect(cell(grid, 2, 'name').textContent).toBe('Sensor board'));
  });
});

describe('undo labels in the repository', () => {
  it('records the label an edit names and undo describes the step with it', async () => {
    const database = await seed();
    await updateComponent(database, 'p1', 'c1', { fieldReplaceable: 'professional' }, undefined, 'Field replaceable of Door gasket');
    const state = await getUndoState(database);
    expect(state.undo).toMatchObject({ label: 'Field replaceable of Door gasket', description: 'Field replaceable of Door gasket' });
    // Without a label the changed entity describes it, as before.
    await updateComponent(database, 'p1', 'c1', { supplier: 'Other' });
    expect((await getUndoState(database)).undo).toMatchObject({ description: 'Edit of product “D1”' });
    expect((await getUndoState(database)).undo!.label).toBeUndefined();
  });
});
