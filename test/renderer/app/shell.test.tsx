import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorBoundary } from '../../../renderer/app/error-boundary';
import { useUiStore } from '../../../renderer/state/ui-store';
import { parseHash, formatHash } from '../../../renderer/state/routes';
import { renderApp, dropDb } from '../helpers';
import type { SupportspanDb } from '../../../renderer/db/database';

let db: SupportspanDb | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  if (db) await dropDb(db);
  db = undefined;
});

function Boom({ message }: { message: string }): never {
  throw new Error(message);
}

describe('error boundary', () => {
  it('shows the error, a reload button and copies the details', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const user = userEvent.setup();
    const onReload = vi.fn();
    render(
      <ErrorBoundary scope="the test screen" onReload={onReload}>
        <Boom message="disk on fire" />
      </ErrorBoundary>,
    );
    const report = screen.getByRole('alert');
    expect(within(report).getByRole('heading').textContent).toBe('Something went wrong in the test screen');
    expect(within(report).getByText('disk on fire')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: 'Copy details' }));
    expect(await screen.findByText('Details copied.')).toBeTruthy();
    const copied = await navigator.clipboard.readText();
    expect(copied).toMatch(/^Supportspan error in the test screen\nError: disk on fire\n/);
    expect(copied).toContain('Boom');
  });

  it('renders children when nothing fails', () => {
    render(<ErrorBoundary scope="x"><p>fine</p></ErrorBoundary>);
    expect(screen.getByText('fine')).toBeTruthy();
  });
});

describe('app shell', () => {
  it('has landmarks, a skip link and navigates between areas through the hash', async () => {
    const rendered = await renderApp();
    db = rendered.db;
    const user = userEvent.setup();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main', { name: 'Portfolio' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to content' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Portfolio' }).getAttribute('aria-current')).toBe('page');

    await user.click(within(nav).getByRole('link', { name: 'Settings' }));
    expect(window.location.hash).toBe('#/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(document.activeElement).toBe(screen.getByRole('main'));

    await user.click(within(nav).getByRole('link', { name: 'Product' }));
    expect(await screen.findByText('No product is open. Open one from the portfolio, or create one here.')).toBeTruthy();

    // Back/forward and typed URLs change the hash; the store follows.
    window.location.hash = '#/findings';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Findings' })).toBeTruthy();
    expect(useUiStore.getState().route).toEqual({ area: 'findings' });
  });

  it('keeps the rest of the app usable when one screen fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const rendered = await renderApp();
    db = rendered.db;
    vi.spyOn(db.settings, 'get').mockRejectedValue(new Error('settings unreadable'));
    // The settings screen's live query fails, so the screen throws during render.
    await userEvent.setup().click(screen.getByRole('link', { name: 'Settings' }));
    const report = await screen.findByRole('alert', { name: /Something went wrong in the Settings screen/ });
    expect(within(report).getByText('settings unreadable')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('tells the user to reload when another window upgrades the database', async () => {
    const { createAppDb } = await import('../../../renderer/app/create-app-db');
    const appDb = createAppDb(`reload-${Date.now()}`);
    const rendered = await renderApp({ db: appDb });
    db = rendered.db;
    const { SupportspanDb } = await import('../../../renderer/db/database');
    const { SCHEMA_HISTORY, CURRENT_SCHEMA_VERSION } = await import('../../../renderer/db/schema-history');
    const newer = new SupportspanDb(appDb.name, { history: [...SCHEMA_HISTORY, { version: CURRENT_SCHEMA_VERSION + 1, stores: { extra: '&id' } }] });
    await newer.open();
    expect(await screen.findByText(/opened in another window.*Reload to continue/)).toBeTruthy();
    expect(appDb.isOpen()).toBe(false);
    db = newer;
  });
});

describe('routes', () => {
  it('round-trips hashes and falls back to the portfolio for unknown ones', () => {
    expect(parseHash('#/product/p%2F1')).toEqual({ area: 'product', productId: 'p/1' });
    expect(formatHash({ area: 'product', productId: 'p/1' })).toBe('#/product/p%2F1');
    expect(parseHash('#/obligations')).toEqual({ area: 'obligations' });
    expect(formatHash({ area: 'obligations' })).toBe('#/obligations');
    expect(parseHash('#/nowhere')).toEqual({ area: 'portfolio' });
    expect(parseHash('')).toEqual({ area: 'portfolio' });
    expect(parseHash('#/product/%E0%A4%A')).toEqual({ area: 'product', productId: '%E0%A4%A' });
  });
});
