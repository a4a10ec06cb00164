/**
 * A grid cell edited while another window changed the same field: the grid asks,
 * naming the other window's value, before it overwrites; "no" keeps the stored value.
 * Paste is based on the cells as shown and asks the same way, naming every changed cell.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { DbProvider } from '../../../renderer/db/db-context';
import { ComponentGrid } from '../../../renderer/features/product/component-grid';
import userEvent from '@testing-library/user-event';
import { createLine, getProduct, putProduct } from '../../../renderer/db';
import { updateComponent } from '../../../renderer/db/repositories/components';
import type { SupportspanDb } from '../../../renderer/db/database';
import { useUiStore } from '../../../renderer/state/ui-store';
import { dropDb, renderApp, testDb } from '../helpers';

let db: SupportspanDb | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  if (db) await dropDb(db);
  db = null;
});

async function openProduct() {
  db = testDb();
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  await putProduct(db, {
    id: 'p1', lineId: line.id, name: 'T1', category: 'thermostat', markets: ['EU'],
    components: [
      { id: 'c1', name: 'Main firmware', class: 'it', role: 'firmware', supplier: 'Acme' },
      { id: 'c2', name: 'Cloud API', class: 'it', role: 'cloud', supplier: 'Initech' },
    ],
  });
  const user = userEvent.setup();
  await renderApp({ db });
  act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
  const grid = await screen.findByRole('grid', { name: 'Components of T1' });
  await within(grid).findByText('Main firmware');
  return { user, grid };
}

const supplierOf = async (id: string) => (await getProduct(db!, 'p1'))!.components.find((c) => c.id === id)!.supplier;

/** Opens the editor on Main firmware's supplier, then another window changes that field. */
async function editWhileOtherWindowWrites(user: ReturnType<typeof userEvent.setup>, grid: HTMLElement) {
  grid.focus();
  await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{Enter}');
  const editor = await within(grid).findByRole('textbox');
  expect((editor as HTMLInputElement).value).toBe('Acme');
  // Behind the grid's back: the same field, as another tab would write it.
  await updateComponent(db!, 'p1', 'c1', { supplier: 'Globex (other tab)' });
  await user.keyboard('{Control>}a{/Control}Acme GmbH{Enter}');
}

describe('component grid: a cell changed in another window', () => {
  it('asks before overwriting; no keeps the stored value', async () => {
    const { user, grid } = await openProduct();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await editWhileOtherWindowWrites(user, grid);
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    const question = confirm.mock.calls[0]![0]!;
    expect(question).toContain('“Main firmware”, Supplier: now “Globex (other tab)” (yours: “Acme GmbH”)');
    expect(await screen.findByText('Nothing was saved: kept the value from the other window.')).toBeTruthy();
    expect(await supplierOf('c1')).toBe('Globex (other tab)');
    await waitFor(() => expect(within(grid).getByText('Globex (other tab)')).toBeTruthy());
    expect(within(grid).queryByText('Acme GmbH')).toBeNull();
  });

  it('yes overwrites with the value typed here', async () => {
    const { user, grid } = await openProduct();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    await editWhileOtherWindowWrites(user, grid);
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    await waitFor(async () => expect(await supplierOf('c1')).toBe('Acme GmbH'));
  });

  it('an edit of an unchanged cell does not ask', async () => {
    const { user, grid } = await openProduct();
    const confirm = vi.spyOn(window, 'confirm');
    grid.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{Enter}{Control>}a{/Control}Acme GmbH{Enter}');
    await waitFor(async () => expect(await supplierOf('c1')).toBe('Acme GmbH'));
    expect(confirm).not.toHaveBeenCalled();
  });

  it('a paste over cells changed meanwhile names each of them; no writes nothing, yes writes all', async () => {
    db = testDb();
    const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
    await putProduct(db, {
      id: 'p1', lineId: line.id, name: 'T1', category: 'thermostat', markets: ['EU'],
      components: [
        { id: 'c1', name: 'Main firmware', class: 'it', role: 'firmware', supplier: 'Acme' },
        { id: 'c2', name: 'Cloud API', class: 'it', role: 'cloud', supplier: 'Initech' },
        { id: 'c3', name: 'Relay', class: 'mechanical', role: 'other', supplier: 'Relays Inc' },
      ],
    });
    // The grid keeps showing this snapshot, as a window does until its live query hears of the change.
    const snapshot = (await getProduct(db, 'p1'))!;
    await updateComponent(db, 'p1', 'c1', { supplier: 'Globex' });
    await updateComponent(db, 'p1', 'c2', { supplier: 'Umbrella' });
    const user = userEvent.setup();
    render(<DbProvider db={db}><ComponentGrid product={snapshot} track={(w) => w} /></DbProvider>);
    const grid = screen.getByRole('grid', { name: 'Components of T1' });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    grid.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    await user.paste('Hooli\nVandelay\nPied Piper\n');
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    const question = confirm.mock.calls[0]![0]!;
    expect(question).toContain('2 cells were changed in another window or tab');
    expect(question).toContain('“Main firmware”, Supplier: now “Globex” (yours: “Hooli”)');
    expect(question).toContain('“Cloud API”, Supplier: now “Umbrella” (yours: “Vandelay”)');
    expect(question).not.toContain('Relay');
    expect(await screen.findByText('Nothing was saved: kept the values from the other window.')).toBeTruthy();
    expect([await supplierOf('c1'), await supplierOf('c2'), await supplierOf('c3')]).toEqual(['Globex', 'Umbrella', 'Relays Inc']);

    confirm.mockReturnValue(true);
    await user.paste('Hooli\nVandelay\nPied Piper\n');
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(2));
    await waitFor(async () => expect([await supplierOf('c1'), await supplierOf('c2'), await supplierOf('c3')]).toEqual(['Hooli', 'Vandelay', 'Pied Piper']));
  });
});
