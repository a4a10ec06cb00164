import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { assembleBundleInput, createBundle, readBundle } from '../../../shared/bundle';
import type { SupportspanDb } from '../../../renderer/db/database';
import { DbProvider } from '../../../renderer/db/db-context';
import { MergePreview } from '../../../renderer/features/bundles/merge-preview';
import { generatePortfolio } from '../../bench/generate-portfolio';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  await dropDb(db);
});

describe('merge preview of a large bundle', () => {
  it('builds the list a page at a time and hides no record', async () => {
    const portfolio = generatePortfolio(20_000);
    const bytes = await createBundle(assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: '2026-06-01', appVersion: '0.1.0', createdAt: '2026-06-01T00:00:00.000Z' }));
    const read = await readBundle(bytes);
    if (!read.ok) throw new Error(read.error);
    const total = portfolio.lines.length + portfolio.products.length + portfolio.decisions.length;
    expect(total).toBeGreaterThan(400);
    render(<DbProvider db={db}><MergePreview bundle={read.bundle} fileName="big.sspan" onCancel={() => undefined} onDone={() => undefined} /></DbProvider>);
    const list = await screen.findByRole('list', { name: 'Added records' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(200);
    expect(screen.getByText(`Showing 200 of ${total.toLocaleString('en-US')}.`)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Show 200 more' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(400);
    // nothing was written by previewing
    expect(await db.products.count()).toBe(0);
  });
});
