/**
 * The scope fields on the product page: sold to consumers (with the line's
 * default named), sector regulation, planned end of sale (inline-validated),
 * how the market codes are read; and the component grid's on-shutdown column.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
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
  const line = await createLine(db, { name: 'Controllers', environment: 'enterprise' });
  await putProduct(db, {
    id: 'p1', lineId: line.id, name: 'C1', category: 'gateway', markets: ['UK', 'DE', 'NO', 'XX'],
    components: [{ id: 'c1', name: 'Fleet cloud', class: 'it', role: 'cloud', core: false, securitySupportEnd: '2030-06' }],
  });
  const user = userEvent.setup();
  await renderApp({ db });
  act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
  await screen.findByRole('grid', { name: 'Components of C1' });
  // The product's own fields are on their tab.
  await user.click(screen.getByRole('tab', { name: 'Product details' }));
  return { user };
}
const stored = async () => (await getProduct(db!, 'p1'))!;

describe('scope fields', () => {
  it('saves sold to consumers and the sector regulation, naming the line default', async () => {
    const { user } = await openProduct();
    const sold = screen.getByLabelText('Sold to consumers') as HTMLSelectElement;
    // The line loads after the product: the default is named once it is known.
    await waitFor(() => expect(sold.options[0]!.textContent).toBe('as the line (Enterprise IT: unknown)'));
    await user.selectOptions(sold, 'no');
    await waitFor(async () => expect((await stored()).soldToConsumers).toBe('no'));
    await user.selectOptions(screen.getByLabelText('Sector regulation'), 'vehicles');
    await waitFor(async () => expect((await stored()).sectorRegulation).toBe('vehicles'));
    await user.selectOptions(sold, '');
    await waitFor(async () => expect((await stored()).soldToConsumers).toBeNull());
  });

  it('reads the market codes aloud: member states, EEA, unknown', async () => {
    await openProduct();
    expect(screen.getByTestId('market-reading').textContent).toBe('DE is an EU member state: EU rules apply; NO: EEA, not EU (EU rules are not applied); XX: not a known market code, no law is checked for it.');
  });

  it('validates the planned end of sale inline and keeps the stored value on a bad date', async () => {
    const { user } = await openProduct();
    const input = screen.getByLabelText('Planned end of sale');
    await user.type(input, '2029-02-30{Enter}');
    expect((await screen.findAllByText(/day 30 in "2029-02-30" does not exist/)).length).toBeGreaterThan(0);
    expect((await stored()).plannedLastPlaced).toBeNull();
    await user.clear(input);
    await user.type(input, '2029-06{Enter}');
    await waitFor(async () => expect((await stored()).plannedLastPlaced).toBe('2029-06'));
  });

  it('has an on-shutdown column in the component grid', async () => {
    const { user } = await openProduct();
    await user.click(screen.getByRole('tab', { name: 'Components' }));
    const grid = await screen.findByRole('grid', { name: 'Components of C1' });
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toContain('On shutdown');
  });
});
