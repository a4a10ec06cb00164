import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, getProduct, putProduct } from '../../../renderer/db';
import type { SupportspanDb } from '../../../renderer/db/database';
import { useUiStore } from '../../../renderer/state/ui-store';
import { dropDb, renderApp, testDb } from '../helpers';

let db: SupportspanDb | null = null;
afterEach(async () => {
  if (db) await dropDb(db);
  db = null;
});

async function openProduct() {
  db = testDb();
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  await putProduct(db, {
    id: 'p1',
    lineId: line.id,
    name: 'T1',
    category: 'thermostat',
    markets: ['EU', 'CA'],
    components: [
      { id: 'c1', name: 'Main firmware', class: 'it', role: 'firmware', securitySupportEnd: '2030-06' },
      { id: 'c2', name: 'Cloud API', class: 'it', role: 'cloud' },
      { id: 'c3', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 12 },
    ],
  });
  const user = userEvent.setup();
  const view = await renderApp({ db });
  act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
  const grid = await screen.findByRole('grid', { name: 'Components of T1' });
  await within(grid).findByText('Main firmware');
  return { ...view, db, user, grid };
}

const stored = async () => (await getProduct(db!, 'p1'))!;

function cell(grid: HTMLElement, row: number, column: string): HTMLElement {
  const rowEl = grid.querySelector(`[role="row"][aria-rowindex="${row + 1}"]`);
  const found = rowEl?.querySelector(`[data-column="${column}"]`);
  if (!found) throw new Error(`no cell ${column} in row ${row}`);
  return found as HTMLElement;
}

function activeCell(grid: HTMLElement): HTMLElement {
  const id = grid.getAttribute('aria-activedescendant');
  const el = id ? document.getElementById(id) : null;
  if (!el) throw new Error('no active cell');
  return el;
}

describe('product page', () => {
  it('shows the product, its line and its components in a grid with ARIA grid semantics', async () => {
    let { grid } = await openProduct();
    expect(screen.getByRole('heading', { level: 1, name: 'T1' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Thermostats' })).toBeTruthy();
    // The header, three components and the empty row that adds one.
    expect(grid.getAttribute('aria-rowcount')).toBe('5');
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toContain('Security support end');
    expect(within(grid).getAllByRole('row')).toHaveLength(5);
    expect(cell(grid, 4, 'name').textContent).toBe('New component');
    expect(within(grid).getAllByRole('rowheader').at(-1)!.textContent).toContain('New row');
    // The product's own fields are on their tab; the grid is back on Components.
    await userEvent.click(screen.getByRole('tab', { name: 'Product details' }));
    expect(screen.getByLabelText('Last placed on the market')).toBeTruthy();
    expect(screen.getByText('Empty: the product is still on sale (no last date yet).')).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Components' }));
    grid = await screen.findByRole('grid', { name: 'Components of T1' });
    // Groups: IT, ecosystem and mechanical.
    await userEvent.click(screen.getByRole('button', { name: /^Mechanical/ }));
    await waitFor(() => expect(within(grid).getAllByRole('row')).toHaveLength(3));
    expect(within(grid).getByText('Relay')).toBeTruthy();
    expect(cell(grid, 2, 'name').textContent).toBe('New mechanical part');
    await userEvent.click(screen.getByRole('button', { name: /^Ecosystem/ }));
    await waitFor(() => expect(within(grid).queryByText('Cloud API')).not.toBeNull());
    expect(within(grid).queryByText('Main firmware')).toBeNull();
  });

  it('moves with the arrows and Tab, edits with typing, Enter commits and moves down, Escape cancels', async () => {
    const { grid, user } = await openProduct();
    grid.focus();
    expect(activeCell(grid).textContent).toBe('Main firmware');
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(activeCell(grid).getAttribute('data-column')).toBe('supplier');
    await user.keyboard('{Shift>}{Tab}{/Shift}{ArrowDown}');
    expect(activeCell(grid)).toBe(cell(grid, 2, 'role'));

    // Typing starts editing with that text; Enter saves and moves down.
    await user.keyboard('{ArrowUp}{Tab}Acme{Enter}');
    await waitFor(async () => expect((await stored()).components[0]!.supplier).toBe('Acme'));
    expect(activeCell(grid)).toBe(cell(grid, 2, 'supplier'));
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toMatch(/^Saved/));

    // F2 edits the existing text; Escape cancels and nothing is written.
    await user.keyboard('{ArrowUp}{F2}');
    const input = within(grid).getByRole('textbox', { name: 'Supplier, row 1' });
    expect((input as HTMLInputElement).value).toBe('Acme');
    await user.keyboard('{Backspace}{Backspace}{Backspace}{Backspace}Other{Escape}');
    expect(within(grid).queryByRole('textbox')).toBeNull();
    expect((await stored()).components[0]!.supplier).toBe('Acme');
    expect(document.activeElement).toBe(grid);

    // Tab commits and moves right.
    await user.keyboard('{Enter}{Control>}a{/Control}Acme GmbH{Tab}');
    await waitFor(async () => expect((await stored()).components[0]!.supplier).toBe('Acme GmbH'));
    expect(activeCell(grid).getAttribute('data-column')).toBe('version');
  });

  it('edits enums with a select and yes/no/unknown', async () => {
    const { grid, user } = await openProduct();
    grid.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{Enter}');
    const select = within(grid).getByRole('combobox', { name: 'Core, row 1' });
    await user.selectOptions(select, 'Yes');
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await stored()).components[0]!.core).toBe(true));
    expect(cell(grid, 1, 'core').textContent).toBe('Yes');
    // Typing a letter on a select column opens it at the matching option.
    await user.keyboard('{ArrowUp}{ArrowRight}{ArrowRight}o{Enter}');
    await waitFor(async () => expect((await stored()).components[0]!.updateMechanism).toBe('ota'));
  });

  it('refuses a bad date at the cell: the reason is shown, the text kept and nothing written', async () => {
    const { grid, user, db } = await openProduct();
    const changesBefore = await db.changes.count();
    await user.click(cell(grid, 1, 'securitySupportEnd'));
    await user.keyboard('2030-02-30{Enter}');
    const alert = await within(grid).findByRole('alert');
    expect(alert.textContent).toBe('day 30 in "2030-02-30" does not exist (2030-02 has 28 days)');
    const input = within(grid).getByRole('textbox', { name: 'Security support end, row 1' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((input as HTMLInputElement).value).toBe('2030-02-30');
    expect(cell(grid, 1, 'securitySupportEnd').getAttribute('aria-invalid')).toBe('true');
    // Clicking elsewhere does not lose the text or store a guess.
    await user.click(cell(grid, 2, 'name'));
    expect((within(grid).getByRole('textbox') as HTMLInputElement).value).toBe('2030-02-30');
    expect((await stored()).components[0]!.securitySupportEnd).toBe('2030-06');
    expect(await db.changes.count()).toBe(changesBefore);
    // Fixing it saves it (month precision allowed).
    await user.clear(input);
    await user.keyboard('2031-02{Enter}');
    await waitFor(async () => expect((await stored()).components[0]!.securitySupportEnd).toBe('2031-02'));
    expect(within(grid).queryByRole('alert')).toBeNull();
    // A number that is not a number is refused too.
    await user.click(cell(grid, 3, 'expectedLifeYears'));
    await user.keyboard('{Enter}{Control>}a{/Control}twelve{Enter}');
    expect((await within(grid).findByRole('alert')).textContent).toMatch(/“twelve” is not a number/);
    await user.keyboard('{Escape}');
    expect((await stored()).components[2]!.expectedLifeYears).toBe(12);
  });

  it('pastes a TSV block from the active cell, adding rows below the last one, as one undoable action', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 2, 'name'));
    await user.paste('Mobile app\tit\tmobile-app\nBattery\tmechanical\tbattery\nHinge\tMechanical\thinge\n');
    await waitFor(async () => expect((await stored()).components).toHaveLength(4));
    const components = (await stored()).components;
    expect(components.map((c) => [c.name, c.class, c.role])).toEqual([
      ['Main firmware', 'it', 'firmware'],
      ['Mobile app', 'it', 'mobile-app'],
      ['Battery', 'mechanical', 'battery'],
      ['Hinge', 'mechanical', 'hinge'],
    ]);
    // Two rows held other values: said, and their cells marked.
    expect(await screen.findByText('Pasted 2 rows over existing rows and added 1 row — Undo (Ctrl+Z) restores them')).toBeTruthy();
    await waitFor(() => expect(grid.getAttribute('aria-rowcount')).toBe('6'));
    expect(cell(grid, 2, 'name').classList.contains('flash')).toBe(true);
    expect(cell(grid, 2, 'class').classList.contains('flash')).toBe(false);
    expect(screen.getByRole('button', { name: 'Undo' }).getAttribute('title')).toBe('Undo paste of 3 rows (Ctrl+Z)');
    // One Ctrl+Z reverts the whole paste.
    grid.focus();
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await stored()).components.map((c) => c.name)).toEqual(['Main firmware', 'Cloud API', 'Relay']));
  });

  it('refuses a paste with bad cells as a whole and says which cells', async () => {
    const { grid, user, db } = await openProduct();
    const changesBefore = await db.changes.count();
    await user.click(cell(grid, 1, 'securitySupportEnd'));
    await user.paste('2031-01\n2031-13\n2031-02\nsoon\n');
    const alert = await screen.findByText(/Nothing was pasted: 2 cells were refused/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('row 2, Security support end: month 13 in "2031-13" does not exist');
    expect(alert.textContent).toContain('row 4 (new), Security support end: "soon" is not a date');
    expect(await db.changes.count()).toBe(changesBefore);
    expect((await stored()).components[0]!.securitySupportEnd).toBe('2030-06');
    // Too wide for the columns left.
    await user.click(cell(grid, 1, 'notes'));
    await user.paste('a\tb\n');
    expect(await screen.findByText(/the block is 2 columns wide, but from “Notes” on there is only 1 column/)).toBeTruthy();
  });

  it('copies a block of cells as TSV', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 1, 'name'));
    await user.keyboard('{Shift>}{ArrowDown}{ArrowRight}{/Shift}');
    expect(within(grid).getAllByRole('gridcell').filter((c) => c.getAttribute('aria-selected') === 'true')).toHaveLength(4);
    // jsdom has no DataTransfer; the grid only needs setData.
    const clipboard = new Map<string, string>();
    const clipboardData = { setData: (type: string, value: string) => void clipboard.set(type, value), getData: (type: string) => clipboard.get(type) ?? '' };
    fireEvent.copy(grid, { clipboardData });
    expect(clipboard.get('text/plain')).toBe('Main firmware\tit\nCloud API\tit');
    expect(await screen.findByText('Copied 4 cells.')).toBeTruthy();
  });

  it('adds, duplicates and deletes rows; undo brings deleted rows back and redo deletes them again', async () => {
    const { grid, user } = await openProduct();
    await user.click(screen.getByRole('button', { name: 'Add component' }));
    await waitFor(async () => expect((await stored()).components).toHaveLength(4));
    expect((await stored()).components[3]).toMatchObject({ name: 'New component', class: 'it', role: 'firmware' });
    // The new row has the cursor: typing renames it.
    await waitFor(() => expect(activeCell(grid)).toBe(cell(grid, 4, 'name')));
    await user.keyboard('{Enter}{Control>}a{/Control}Bootloader{Enter}');
    await waitFor(async () => expect((await stored()).components[3]!.name).toBe('Bootloader'));

    await user.click(cell(grid, 1, 'name'));
    await user.click(screen.getByRole('button', { name: 'Duplicate “Main firmware”' }));
    await waitFor(async () => expect((await stored()).components.map((c) => c.name).slice(0, 2)).toEqual(['Main firmware', 'Main firmware (copy)']));
    await waitFor(() => expect(cell(grid, 2, 'name').textContent).toBe('Main firmware (copy)'));

    await user.click(cell(grid, 2, 'version'));
    // Shift+click extends the selection to two rows.
    await user.keyboard('{Shift>}');
    await user.click(cell(grid, 1, 'name'));
    await user.keyboard('{/Shift}');
    await user.click(screen.getByRole('button', { name: 'Delete 2 components' }));
    await waitFor(async () => expect((await stored()).components.map((c) => c.name)).toEqual(['Cloud API', 'Relay', 'Bootloader']));

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await stored()).components).toHaveLength(5));
    expect(await screen.findByText('Undone: Edit of product “T1”.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    await waitFor(async () => expect((await stored()).components).toHaveLength(3));
  });

  it('undoes and redoes a cell edit with Ctrl+Z, Shift+Ctrl+Z and Ctrl+Y, but leaves Ctrl+Z to a text box being edited', async () => {
    const { grid, user } = await openProduct();
    await user.click(cell(grid, 1, 'version'));
    await user.keyboard('1.2.3{Enter}');
    await waitFor(async () => expect((await stored()).components[0]!.version).toBe('1.2.3'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Undo' }).hasAttribute('disabled')).toBe(false));

    // In the cell editor Ctrl+Z is the browser's: nothing is undone in the data.
    await user.keyboard('{ArrowUp}{Enter}');
    within(grid).getByRole('textbox', { name: 'Version, row 1' });
    await user.keyboard('{Control>}z{/Control}');
    expect((await stored()).components[0]!.version).toBe('1.2.3');
    await user.keyboard('{Escape}');

    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await stored()).components[0]!.version).toBe(''));
    await waitFor(() => expect(cell(grid, 1, 'version').textContent).toBe(''));
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(async () => expect((await stored()).components[0]!.version).toBe('1.2.3'));
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await stored()).components[0]!.version).toBe(''));
    await user.keyboard('{Control>}y{/Control}');
    await waitFor(async () => expect((await stored()).components[0]!.version).toBe('1.2.3'));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Redo' }).hasAttribute('disabled')).toBe(true));
  });

  it('validates product fields where they are typed and saves them when left', async () => {
    const { user } = await openProduct();
    await user.click(screen.getByRole('tab', { name: 'Product details' }));
    const support = screen.getByLabelText('Declared security-support end');
    await user.type(support, '2030-00');
    await user.tab();
    expect((await screen.findByText('month 00 in "2030-00" does not exist')).getAttribute('role')).toBe('alert');
    expect(support.getAttribute('aria-invalid')).toBe('true');
    expect((support as HTMLInputElement).value).toBe('2030-00');
    expect((await stored()).declaredSupportEnd).toBeNull();
    await user.clear(support);
    await user.type(support, '2030-09{Enter}');
    await waitFor(async () => expect((await stored()).declaredSupportEnd).toBe('2030-09'));
    expect(support.getAttribute('aria-invalid')).toBeNull();

    const units = screen.getByLabelText('Units placed per year');
    await user.type(units, '1.5{Enter}');
    expect((await screen.findByText('“1.5” is not a whole number: type the units as digits, e.g. 20000')).getAttribute('role')).toBe('alert');
    expect((await stored()).unitsPerYear).toBeNull();
    await user.clear(units);
    await user.type(units, '20000{Enter}');
    await waitFor(async () => expect((await stored()).unitsPerYear).toBe(20000));

    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.tab();
    expect((await screen.findByText('a name is required')).getAttribute('role')).toBe('alert');
    expect((await stored()).name).toBe('T1');
    await user.type(name, 'T1 Pro{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'T1 Pro' });

    await user.click(screen.getByRole('checkbox', { name: 'UK' }));
    await waitFor(async () => expect((await stored()).markets).toEqual(['EU', 'CA', 'UK']));
    const other = screen.getByLabelText('Other markets');
    expect((other as HTMLInputElement).value).toBe('CA');
    await user.type(other, ' jp{Enter}');
    expect(await screen.findByText(/“jp”: a market is a short upper-case code/)).toBeTruthy();
    await user.clear(other);
    await user.type(other, 'CA JP{Enter}');
    await waitFor(async () => expect((await stored()).markets).toEqual(['EU', 'UK', 'CA', 'JP']));

    await user.type(screen.getByLabelText('Expected use (years)'), '10{Enter}');
    await user.type(screen.getByLabelText('Why this expected use'), 'Typical replacement cycle of wall thermostats.');
    await user.tab();
    await waitFor(async () => expect((await stored()).expectedUseRationale).toBe('Typical replacement cycle of wall thermostats.'));
    expect((await stored()).expectedUseYears).toBe(10);
  });

  it('focuses the field a finding points at, in the grid or in the product form', async () => {
    const { grid } = await openProduct();
    act(() => useUiStore.getState().focusTarget('p1', 'c3', 'component.expectedLifeYears'));
    await waitFor(() => expect(activeCell(grid)).toBe(cell(grid, 3, 'expectedLifeYears')));
    expect(document.activeElement).toBe(grid);
    expect(useUiStore.getState().focusRequest).toBeNull();
    act(() => useUiStore.getState().focusTarget('p1', null, 'product.declaredSupportEnd'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Declared security-support end')));
  });

  it('undoes the deletion of a product from its page', async () => {
    const { user, db } = await openProduct();
    const { deleteProduct } = await import('../../../renderer/db');
    await act(async () => {
      await deleteProduct(db, 'p1');
    });
    expect(await screen.findByText(/This product does not exist \(any more\)/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('grid', { name: 'Components of T1' })).toBeTruthy();
    expect((await stored()).components).toHaveLength(3);
  });
});
