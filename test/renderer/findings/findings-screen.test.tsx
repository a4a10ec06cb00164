import { afterEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp, useTestDb } from '../helpers';
import { seedWasher } from '../analysis/fixture';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { useUiStore } from '../../../renderer/state/ui-store';
import { resetFindingFilters } from '../../../renderer/features/findings/findings-filter-store';

const freshDb = useTestDb();
afterEach(() => {
  resetFindingFilters();
});

async function openFindings() {
  const db = freshDb();
  await db.open();
  await seedWasher(db);
  await setSetting(db, 'asOfDate', '2026-01-15');
  const user = userEvent.setup();
  await renderApp({ db });
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Findings' }));
  await screen.findByRole('heading', { level: 1, name: 'Findings' });
  const list = await screen.findByRole('region', { name: 'Findings in the portfolio' });
  return { user, list };
}

function groupTitles(list: HTMLElement): string[] {
  return within(list).getAllByRole('heading', { level: 2 }).map((h) => h.textContent ?? '');
}

describe('findings screen', () => {
  it('lists the portfolio findings grouped by severity then kind, each with message, provisions, NIST, remediation and gap', async () => {
    const { list } = await openFindings();
    expect(groupTitles(list)).toEqual([
      'High · Support ends before use ends (1)',
      'High · Spare parts shorter than the legal minimum (1)',
      'Medium · Component support ends first (1)',
      'Medium · Spare parts end before use ends (1)',
      'Low · No repair documentation (1)',
    ]);
    const card = list.querySelector<HTMLElement>('[data-kind="support-ends-before-use"]')!;
    const c = within(card);
    // Counted from the effective end: the core firmware's 2029-06-30, not the declared 2030-12-31.
    expect(c.getByText(/effectively ends 2029-06-30, when core component Main firmware \(firmware\) loses support \(declared end 2030-12-31\), but units stay in use until 2035-12-31/)).toBeTruthy();
    // Provisions with their plain titles from the packs.
    expect(within(card.querySelector<HTMLElement>('.finding-provisions')!).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'EU 2024/2847 Art 13(8) Support period',
      'ETSI EN 303 645 5.3-13 Defined support period published',
    ]);
    expect(c.getByText(/IR 8259A Software Update/)).toBeTruthy();
    expect(c.getByText(/Extend the declared support end/)).toBeTruthy();
    expect(c.getByText('6 y 6 m short')).toBeTruthy();
    // Dates by their names, never the engine's keys.
    const dates = card.querySelector<HTMLElement>('.finding-dates')!;
    expect([...dates.querySelectorAll('div')].map((d) => d.textContent)).toContain('Use ends2035-12-31');
    expect(dates.textContent).not.toMatch(/useEnd|supportEnd|asOf/);
    expect(c.getByText('Open')).toBeTruthy();
    expect(screen.getAllByRole('status').some((s) => s.textContent?.startsWith('As of 2026-01-15'))).toBe(true);
  });

  it('filters by severity, kind, status and search, and clears the filters', async () => {
    const { user, list } = await openFindings();
    await user.selectOptions(screen.getByLabelText('Severity'), 'medium');
    expect(groupTitles(list)).toEqual(['Medium · Component support ends first (1)', 'Medium · Spare parts end before use ends (1)']);
    expect(screen.getByText('2 of 5 findings')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Kind'), 'spare-gap');
    expect(groupTitles(list)).toEqual(['Medium · Spare parts end before use ends (1)']);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.type(screen.getByLabelText('Search findings'), 'drain pump');
    expect(groupTitles(list)).toEqual([
      'High · Spare parts shorter than the legal minimum (1)',
      'Medium · Spare parts end before use ends (1)',
      'Low · No repair documentation (1)',
    ]);

    await user.clear(screen.getByLabelText('Search findings'));
    await user.selectOptions(screen.getByLabelText('Status'), 'accepted');
    expect(await screen.findByText('No finding matches the filters.')).toBeTruthy();
  });

  it('clicking a finding (or Enter on it) opens the product with the causing component and field selected', async () => {
    const { user, list } = await openFindings();
    const pumpCard = list.querySelector<HTMLElement>('[data-kind="spare-gap"]')!;
    await user.click(within(pumpCard).getByRole('button', { name: /Washer W1 \(Washers\) · Drain pump: go to the/ }));
    let state = useUiStore.getState();
    expect(state.route).toEqual({ area: 'product', productId: 'p-washer' });
    expect(state.selectedProductId).toBe('p-washer');
    expect(state.selectedComponentId).toBe('c-pump');
    expect(state.focusRequest).toMatchObject({ productId: 'p-washer', componentId: 'c-pump', field: 'component.sparePartsUntil' });
    await waitFor(() => expect(window.location.hash).toBe('#/product/p-washer'));

    useUiStore.getState().navigate({ area: 'findings' });
    const again = await screen.findByRole('region', { name: 'Findings in the portfolio' });
    const productCard = again.querySelector<HTMLElement>('[data-kind="support-ends-before-use"]')!;
    within(productCard).getByRole('button', { name: /go to the declared security-support end/ }).focus();
    await user.keyboard('{Enter}');
    state = useUiStore.getState();
    expect(state.route).toEqual({ area: 'product', productId: 'p-washer' });
    expect(state.focusRequest).toMatchObject({ componentId: null, field: 'product.declaredSupportEnd' });
  });

  it('says what to do when the portfolio is empty', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    await renderApp({ db });
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Findings' }));
    expect(await screen.findByText(/There are no products yet/)).toBeTruthy();
  });
});
