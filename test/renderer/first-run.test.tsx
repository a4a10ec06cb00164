import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseTemplateCsv } from '../../shared/csv';
import { renderApp, useTestDb } from './helpers';
import { getSetting } from '../../renderer/db/repositories/settings';
import { loadSampleOnFirstRun } from '../../renderer/db/repositories/workspace';
import { runFirstRun, samplePortfolio } from '../../renderer/app/first-run';
import { createLine } from '../../renderer/db/repositories/product-lines';
import { withLayout } from './portfolio/fixtures';
import { createMemoryPlatform } from '../../renderer/platform/memory-platform';

withLayout();

const freshDb = useTestDb();

const sample = parseTemplateCsv(readFileSync(join(process.cwd(), 'assets', 'sample-portfolio.csv'), 'utf8')).portfolio;

describe('first run', () => {
  it('parses the bundled sample without errors', async () => {
    const portfolio = await samplePortfolio();
    expect(portfolio.lines).toHaveLength(sample.lines.length);
    expect(portfolio.products).toHaveLength(sample.products.length);
    expect(portfolio.products.reduce((n, p) => n + p.components.length, 0)).toBe(93);
  });

  it('loads the sample exactly once, as one change group, even when started twice at the same time', async () => {
    const db = freshDb();
    const outcomes = await Promise.all([runFirstRun(db), runFirstRun(db), loadSampleOnFirstRun(db, sample)]);
    expect(outcomes.filter((o) => o === 'loaded-sample')).toHaveLength(1);
    expect(await db.lines.count()).toBe(sample.lines.length);
    expect(await db.products.count()).toBe(sample.products.length);
    const groups = new Set((await db.changes.toArray()).map((c) => c.group));
    expect(groups.size).toBe(1);
    expect(await getSetting(db, 'workspaceInitialized')).toMatchObject({ source: 'sample', sampleNoticeDismissed: false });
    expect(await runFirstRun(db)).toBe('already-initialized');
    expect(await db.products.count()).toBe(sample.products.length);
  });

  it('leaves a workspace that already has data alone', async () => {
    const db = freshDb();
    await createLine(db, { name: 'Mine', environment: 'consumer' });
    expect(await runFirstRun(db)).toBe('had-data');
    expect((await db.lines.toArray()).map((l) => l.name)).toEqual(['Mine']);
    expect(await getSetting(db, 'workspaceInitialized')).toMatchObject({ source: 'existing' });
  });

  it('shows the sample with a notice; "Start an empty workspace" clears it after confirmation and it stays empty after a restart', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    const first = await renderApp({ db, firstRun: true });
    const notice = await screen.findByRole('region', { name: 'This is sample data' });
    const tree = await screen.findByRole('treegrid', { name: 'Products by product line' });
    await within(tree).findByText(sample.lines[0]!.name);

    await user.click(within(notice).getByRole('button', { name: 'Start an empty workspace' }));
    const dialog = screen.getByRole('dialog', { name: 'Start an empty workspace' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await db.products.count()).toBe(sample.products.length);

    await user.click(within(notice).getByRole('button', { name: 'Start an empty workspace' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove everything' }));
    await screen.findByText('No product lines yet.');
    expect(screen.queryByRole('region', { name: 'This is sample data' })).toBeNull();
    expect(await db.lines.count()).toBe(0);
    expect(await db.products.count()).toBe(0);
    expect(await getSetting(db, 'workspaceInitialized')).toMatchObject({ source: 'empty' });

    first.unmount();
    await renderApp({ db, firstRun: true });
    await screen.findByText('No product lines yet.');
    expect(await db.products.count()).toBe(0);

    // The empty state offers the sample again.
    await user.click(screen.getByRole('button', { name: 'Load the sample portfolio' }));
    await waitFor(async () => expect(await db!.products.count()).toBe(sample.products.length));
    await screen.findByRole('region', { name: 'This is sample data' });
  });

  it('"Keep the sample" hides the notice for good', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    const first = await renderApp({ db, firstRun: true });
    const notice = await screen.findByRole('region', { name: 'This is sample data' });
    await user.click(within(notice).getByRole('button', { name: 'Keep the sample' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'This is sample data' })).toBeNull());
    first.unmount();
    await renderApp({ db, firstRun: true });
    await screen.findByRole('treegrid', { name: 'Products by product line' });
    expect(screen.queryByRole('region', { name: 'This is sample data' })).toBeNull();
    expect(await db.products.count()).toBe(sample.products.length);
  });

  it('started to audit a bundle (handed over before any data exists), it loads no sample and offers it as a button', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    const platform = createMemoryPlatform();
    platform.setPendingOpen({ name: 'sample-signed.sspan', bytes: new Uint8Array(readFileSync(join(process.cwd(), 'test', 'fixtures', 'bundles', 'sample-signed.sspan'))) });
    window.location.hash = '#/portfolio';
    await renderApp({ db, platform, firstRun: true });
    expect(await screen.findByRole('region', { name: 'Audit banner' }, { timeout: 15_000 })).toBeTruthy();
    expect(await db.lines.count()).toBe(0);
    expect(await db.products.count()).toBe(0);
    expect(await getSetting(db, 'workspaceInitialized')).toMatchObject({ source: 'empty' });

    await user.click(screen.getByRole('link', { name: 'Portfolio' }));
    await screen.findByText('No product lines yet.');
    expect(screen.queryByRole('region', { name: 'This is sample data' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Load the sample portfolio' }));
    await waitFor(async () => expect(await db.products.count()).toBe(sample.products.length));
  });

  it('"I am an auditor" on the sample notice takes the sample out and goes to bundles and audits; the sample stays offered', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    window.location.hash = '#/portfolio';
    const first = await renderApp({ db, firstRun: true });
    const notice = await screen.findByRole('region', { name: 'This is sample data' });
    await user.click(within(notice).getByRole('button', { name: 'I am an auditor' }));
    await waitFor(async () => expect(await db.products.count()).toBe(0));
    await waitFor(() => expect(window.location.hash).toBe('#/bundles'));
    expect(await db.lines.count()).toBe(0);
    expect(await getSetting(db, 'workspaceInitialized')).toMatchObject({ source: 'empty' });
    first.unmount();
    // no sample on the next start either, and the portfolio screen offers it
    window.location.hash = '#/portfolio';
    await renderApp({ db, firstRun: true });
    expect(await screen.findByRole('button', { name: 'Load the sample portfolio' })).toBeTruthy();
    expect(await db.products.count()).toBe(0);
  });

  it('is off in the test helper by default, so other tests start from an empty database', async () => {
    const db = freshDb();
    await renderApp({ db });
    await screen.findByText('No product lines yet.');
    expect(await db.lines.count()).toBe(0);
  });
});
