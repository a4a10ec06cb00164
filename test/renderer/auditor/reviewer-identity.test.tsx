import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readBundle, verifyAuditResponse } from '../../../shared/bundle';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { makeBundle, otherKey, useBundlesScreenDb } from '../bundles/bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

describe("the auditor's name and organisation", () => {
  it('keep what was typed while the saved name has not reached the page yet, so the response names both', async () => {
    const built = await makeBundle({ key: await otherKey() });
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    const hash = read.bundle.manifestHash;
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    platform.queueFile({ name: 'review.sspan', bytes: built.bytes });
    await userEvent.click(await screen.findByRole('button', { name: 'Open a bundle…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Open in auditor mode' }));
    const name = await screen.findByRole('textbox', { name: 'Reviewer name' });
    const organisation = screen.getByRole('textbox', { name: 'Reviewer organisation' });

    // The page reads the stored identity again after each save; hold that read back, as a busy
    // machine does, so the page has saved the name but not yet seen it stored.
    const store = auditStoreFor(db.name);
    const getReviewer = store.getReviewer.bind(store);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    store.getReviewer = async (h) => {
      await held;
      return getReviewer(h);
    };
    try {
      await userEvent.type(name, 'Rita Reviewer');
      await userEvent.click(organisation);
      await waitFor(async () => expect((await getReviewer(hash)).name).toBe('Rita Reviewer'));
      // Saved, not yet read back: the field still shows the name, and typing the organisation keeps it.
      expect((name as HTMLInputElement).value).toBe('Rita Reviewer');
      await userEvent.type(organisation, 'Notified Body 0001');
      expect((name as HTMLInputElement).value).toBe('Rita Reviewer');
    } finally {
      store.getReviewer = getReviewer;
      release();
    }

    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.sspan-response'))).toBe(true));
    expect(screen.queryByText(/Give your name and organisation/)).toBeNull();
    const response = platform.saved.find((s) => s.name.endsWith('.sspan-response'))!;
    const verified = await verifyAuditResponse(response.bytes);
    expect(verified.review?.reviewer).toBe('Rita Reviewer');
    expect(verified.review?.organisation).toBe('Notified Body 0001');
    expect(await getReviewer(hash)).toEqual({ name: 'Rita Reviewer', organisation: 'Notified Body 0001' });
    expect(within(screen.getByRole('group', { name: 'Reviewer' })).getAllByRole('textbox').map((i) => (i as HTMLInputElement).value))
      .toEqual(['Rita Reviewer', 'Notified Body 0001']);
  }, 60_000);
});
