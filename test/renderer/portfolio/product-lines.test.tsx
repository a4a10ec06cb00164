import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp, dropDb } from '../helpers';
import type { SupportspanDb } from '../../../renderer/db/database';
import { putProduct } from '../../../renderer/db';

let db: SupportspanDb | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (db) await dropDb(db);
  db = undefined;
});

async function start() {
  const rendered = await renderApp();
  db = rendered.db;
  return { ...rendered, user: userEvent.setup() };
}

function linesList() {
  return screen.getByRole('list', { name: 'Product lines' });
}

describe('product lines on the portfolio screen', () => {
  it('shows an empty state that says what to do', async () => {
    await start();
    expect(await screen.findByText('No product lines yet.')).toBeTruthy();
    expect(screen.getByText(/Type a name in the “New product line” form/)).toBeTruthy();
  });

  it('creates a line through the form and stores it', async () => {
    const { user, db } = await start();
    await user.type(screen.getByLabelText('Name'), 'Smart thermostats');
    await user.selectOptions(screen.getByLabelText('Environment'), 'industrial');
    await user.click(screen.getByRole('button', { name: 'Create product line' }));

    const item = await within(await screen.findByRole('list', { name: 'Product lines' })).findByRole('listitem');
    expect(within(item).getByText('Smart thermostats')).toBeTruthy();
    expect(within(item).getByText(/Industrial OT \/ IIoT · 0 products/)).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
    const stored = await db.lines.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: 'Smart thermostats', environment: 'industrial', notes: '' });
  });

  it('refuses an empty name with a message at the field and writes nothing', async () => {
    const { user, db } = await start();
    await user.type(screen.getByLabelText('Name'), '   ');
    await user.click(screen.getByRole('button', { name: 'Create product line' }));
    const alert = await screen.findByText('Name: a name is required.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await db.lines.count()).toBe(0);
    expect(screen.getByText('No product lines yet.')).toBeTruthy();
  });

  it('renames a line inline with Enter, and Escape cancels', async () => {
    const { user, db } = await start();
    await user.type(screen.getByLabelText('Name'), 'Locks{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Rename Locks' }));
    const input = screen.getByLabelText('New name for Locks');
    await user.clear(input);
    await user.type(input, 'Smart locks{Enter}');
    expect(await within(linesList()).findByText('Smart locks')).toBeTruthy();
    expect((await db.lines.toArray())[0]?.name).toBe('Smart locks');

    await user.click(screen.getByRole('button', { name: 'Rename Smart locks' }));
    await user.clear(screen.getByLabelText('New name for Smart locks'));
    await user.type(screen.getByLabelText('New name for Smart locks'), 'Discarded{Escape}');
    expect(within(linesList()).getByText('Smart locks')).toBeTruthy();
    expect((await db.lines.toArray())[0]?.name).toBe('Smart locks');
  });

  it('keeps the old name and explains when the new one is empty', async () => {
    const { user, db } = await start();
    await user.type(screen.getByLabelText('Name'), 'Locks{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Rename Locks' }));
    await user.clear(screen.getByLabelText('New name for Locks'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Name: a name is required.')).toBeTruthy();
    expect((await db.lines.toArray())[0]?.name).toBe('Locks');
  });

  it('deletes a line and its products only after confirmation', async () => {
    const { user, db } = await start();
    await user.type(screen.getByLabelText('Name'), 'Gateways{Enter}');
    await user.type(screen.getByLabelText('Name'), 'Cameras{Enter}');
    const gateways = (await db.lines.toArray()).find((l) => l.name === 'Gateways')!;
    await putProduct(db, { id: 'g1', lineId: gateways.id, name: 'G1', category: 'gateway' });
    expect(await screen.findByText(/1 product$/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Delete Gateways' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete product line' });
    expect(within(dialog).getByText('Delete “Gateways” and its product? You can undo this right after.')).toBeTruthy();
    // Focus lands on Cancel so Enter does not delete by accident.
    expect(document.activeElement?.textContent).toBe('Cancel');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await db.lines.count()).toBe(2);

    await user.click(screen.getByRole('button', { name: 'Delete Gateways' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete product line' }));
    await waitFor(() => expect(within(linesList()).queryByText('Gateways')).toBeNull());
    expect((await db.lines.toArray()).map((l) => l.name)).toEqual(['Cameras']);
    expect(await db.products.count()).toBe(0);

    // The deletion is one undo step: the line comes back with its product.
    await screen.findByText('Deleted the product line “Gateways” and its product.');
    await user.click(screen.getByRole('button', { name: 'Undo: Deleted the product line “Gateways” and its product.' }));
    await screen.findByText(/Undone: Deletion of product line “Gateways”/);
    expect((await db.lines.toArray()).map((l) => l.name).sort()).toEqual(['Cameras', 'Gateways']);
    expect((await db.products.toArray()).map((p) => p.id)).toEqual(['g1']);
  });

  it('shows a quota error as a notice and keeps what was typed', async () => {
    const { user, db } = await start();
    vi.spyOn(db.lines, 'add').mockRejectedValue(new DOMException('Quota exceeded', 'QuotaExceededError'));
    await user.type(screen.getByLabelText('Name'), 'Washers{Enter}');
    const errors = await screen.findByRole('alert', { name: 'Errors' });
    await within(errors).findByText(/Could not create the product line: storage is full/);
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Washers');
    expect(screen.queryByText(/saved$/i)).toBeNull();
    vi.restoreAllMocks();
    expect(await db.lines.count()).toBe(0);
    await user.click(within(errors).getByRole('button', { name: /Dismiss/ }));
    expect(within(screen.getByRole('alert', { name: 'Errors' })).queryByText(/storage is full/)).toBeNull();
  });
});
