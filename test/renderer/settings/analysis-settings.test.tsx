import { afterEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dropDb, renderApp, testDb } from '../helpers';
import { seedWasher } from '../analysis/fixture';
import { getSetting, setSetting } from '../../../renderer/db/repositories/settings';
import { useUiStore } from '../../../renderer/state/ui-store';
import { resetFindingFilters } from '../../../renderer/features/findings/findings-filter-store';
import { todayIso } from '../../../shared/domain';
import type { SupportspanDb } from '../../../renderer/db/database';

let db: SupportspanDb;
afterEach(async () => {
  resetFindingFilters();
  await dropDb(db);
});

async function openSettings(asOf: string | null = '2026-01-15') {
  db = testDb();
  await db.open();
  await seedWasher(db);
  if (asOf) await setSetting(db, 'asOfDate', asOf);
  const user = userEvent.setup();
  await renderApp({ db });
  useUiStore.getState().navigate({ area: 'settings' });
  await screen.findByRole('heading', { level: 1, name: 'Settings' });
  return user;
}

function kindsShown(): string[] {
  return [...document.querySelectorAll('[data-kind]')].map((e) => e.getAttribute('data-kind')!);
}

describe('analysis settings', () => {
  it('changing the as-of date is stored and the findings follow; Today and Follow today work', async () => {
    const user = await openSettings();
    const input = await screen.findByLabelText('As-of day');
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('2026-01-15'));
    await user.clear(input);
    await user.type(input, '2031-06-01');
    await user.click(screen.getByRole('button', { name: 'Set as-of date' }));
    await waitFor(async () => expect(await getSetting(db, 'asOfDate')).toBe('2031-06-01'));

    useUiStore.getState().navigate({ area: 'findings' });
    await waitFor(() => expect(screen.getAllByRole('status').some((s) => s.textContent?.startsWith('As of 2031-06-01'))).toBe(true));

    useUiStore.getState().navigate({ area: 'settings' });
    await user.click(await screen.findByRole('button', { name: 'Today' }));
    await waitFor(async () => expect(await getSetting(db, 'asOfDate')).toBe(todayIso()));
    await user.click(screen.getByRole('button', { name: 'Follow today' }));
    await waitFor(async () => expect(await getSetting(db, 'asOfDate')).toBeNull());
    expect((await screen.findByTestId('as-of-state')).textContent).toBe(`Following today (${todayIso()}).`);
  });

  it('refuses an empty as-of day with a reason and keeps the stored one', async () => {
    const user = await openSettings();
    const input = await screen.findByLabelText('As-of day');
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('2026-01-15'));
    await user.clear(input);
    await user.click(screen.getByRole('button', { name: 'Set as-of date' }));
    const panel = screen.getByRole('heading', { name: 'As-of date' }).closest('section')!;
    expect((await within(panel).findByRole('alert')).textContent).toMatch(/Choose a day/);
    expect(await getSetting(db, 'asOfDate')).toBe('2026-01-15');
  });

  it('lists the rule packs with id, version and provisions; turning one off removes its findings', async () => {
    const user = await openSettings();
    const eco = await screen.findByRole('checkbox', { name: /EU ecodesign spare-part availability \(eu-ecodesign-spares 2023\.2\)/ });
    expect((eco as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/Smartphones and tablets: the 7 years of spare parts/)).toBeTruthy();
    expect(screen.getByText('EU 2019/2023 Annex II')).toBeTruthy();

    useUiStore.getState().navigate({ area: 'findings' });
    await screen.findByRole('region', { name: 'Findings in the portfolio' });
    expect(kindsShown()).toContain('legal-min-spares');

    useUiStore.getState().navigate({ area: 'settings' });
    await user.click(await screen.findByRole('checkbox', { name: /eu-ecodesign-spares/ }));
    await waitFor(async () => expect(await getSetting(db, 'enabledRulePacks')).toEqual(['eu-cra', 'uk-psti', 'eu-batteries', 'etsi-en-303-645', 'nist-ir-8259']));

    useUiStore.getState().navigate({ area: 'findings' });
    await screen.findByRole('region', { name: 'Findings in the portfolio' });
    await waitFor(() => expect(kindsShown()).not.toContain('legal-min-spares'));
    expect(kindsShown()).toContain('support-ends-before-use');
    expect(screen.getAllByRole('status').some((s) => /rule packs: eu-cra 2024\.2, uk-psti/.test(s.textContent ?? '') && !/ecodesign/.test(s.textContent ?? ''))).toBe(true);
  });

  it('organisation policy thresholds are validated, stored and raise policy findings', async () => {
    const user = await openSettings();
    const support = await screen.findByLabelText('Minimum security support (years)');
    await user.type(support, '0');
    await user.type(screen.getByLabelText('Minimum spare parts (years)'), 'many');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    const panel = screen.getByRole('heading', { name: 'Organisation policy' }).closest('section')!;
    const alert = (await within(panel).findByRole('alert')).textContent ?? '';
    expect(alert).toMatch(/Minimum security support: 0 must be more than 0/);
    expect(alert).toMatch(/Minimum spare parts: "many" is not a number of years/);
    expect(await getSetting(db, 'orgPolicy')).toBeUndefined();

    await user.clear(support);
    await user.type(support, '8');
    await user.clear(screen.getByLabelText('Minimum spare parts (years)'));
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    await waitFor(async () => expect(await getSetting(db, 'orgPolicy')).toEqual({ minSupportYears: 8, minSpareYears: null }));

    useUiStore.getState().navigate({ area: 'findings' });
    const list = await screen.findByRole('region', { name: 'Findings in the portfolio' });
    await waitFor(() => expect(list.querySelector('[data-finding-key="legal-min-support:p-washer:-:policy"]')).not.toBeNull());
  });

  it('stores the local user name; parameters from secondary sources are marked', async () => {
    const user = await openSettings();
    const name = await screen.findByLabelText('Name');
    await user.type(name, '  Chris  ');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(async () => expect(await getSetting(db, 'userName')).toBe('Chris'));
    const packs = screen.getByRole('heading', { name: 'Rule packs' }).closest('section')!;
    expect(within(packs).getAllByText(/secondary sources|unverified/).length).toBeGreaterThanOrEqual(3);
  });
});
