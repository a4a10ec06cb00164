import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buildAuditResponse, findingIdentity, generateSigningKey, readBundle, tamperedCopy } from './audit-response-helpers';
import type { SupportspanDb } from '../../../renderer/db/database';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { useUiStore } from '../../../renderer/state/ui-store';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { fixture, loadPortfolio, ROOT, useBundlesScreenDb } from './bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

describe('an auditor response coming back', () => {
  it('is verified against the exported bundle, kept, listed, and its note shows on the finding card', async () => {
    await loadPortfolio(db);
    await setSetting(db, 'userName', 'Mara Maker');
    const platform = createMemoryPlatform();
    const user = userEvent.setup();
    await renderApp({ db, platform });
    await user.click(await screen.findByRole('button', { name: 'Export bundle…' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    const read = await readBundle(platform.saved[0]!.bytes);
    if (!read.ok) throw new Error(read.error);
    const bundle = read.bundle;
    const finding = bundle.analysis.findings[0]!;
    const auditor = await generateSigningKey();
    const response = await buildAuditResponse({
      original: { manifestHash: bundle.manifestHash, manifest: bundle.manifest, verification: 'unknown-key', signer: bundle.signature?.fingerprint ?? null },
      review: {
        reviewer: 'Iris <Auditor>', organisation: 'Notified <Body>', summary: 'One dispute.',
        entries: [{ findingKey: findingIdentity(finding), status: 'disputed', note: 'The supplier letter <b>extends</b> support.', updatedAt: '2026-12-01T09:00:00.000Z', finding: null,
          history: [{ note: 'First <i>draft</i>', savedAt: '2026-11-30T08:00:00.000Z' }, { note: 'Second draft', savedAt: '2026-11-30T09:00:00.000Z' }],
        }],
      },
      appVersion: '1.0.0', createdAt: '2026-12-01T10:00:00.000Z', signingKey: auditor,
    });

    // a tampered copy is shown as invalid and cannot be kept
    platform.queueFile({ name: 'bad.sspan-response', bytes: tamperedCopy(response.bytes) });
    await user.click(screen.getByRole('button', { name: 'Open a bundle…' }));
    const bad = await screen.findByRole('region', { name: 'Verification result' });
    await waitFor(() => expect(bad.querySelector('[data-check="integrity"]')?.getAttribute('data-outcome')).toBe('failed'));
    expect(screen.queryByRole('button', { name: /Keep/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close' }));

    platform.queueFile({ name: 'line-response.sspan-response', bytes: response.bytes });
    await user.click(screen.getByRole('button', { name: 'Open a bundle…' }));
    const region = await screen.findByRole('region', { name: 'Verification result' });
    await waitFor(() => expect(region.querySelector('[data-check="exported"]')?.getAttribute('data-outcome')).toBe('passed'));
    expect(region.querySelector('[data-check="reference"]')?.getAttribute('data-outcome')).toBe('passed');
    // name and organisation, each on its own
    const facts = within(region);
    expect(facts.getByText('Reviewer').nextElementSibling?.textContent).toBe('Iris <Auditor>');
    expect(facts.getByText('Organisation').nextElementSibling?.textContent).toBe('Notified <Body>');
    // The reviewer's key is trusted only through the confirmation, with whose key it is; "Verified" then names it.
    expect(within(region).getByText('Signed by an unknown key')).toBeTruthy();
    await user.click(within(region).getByRole('button', { name: 'Trust this key…' }));
    const dialog = within(region).getByRole('dialog', { name: 'Trust this key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Trust this key' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/compared every group/);
    await user.type(within(dialog).getByLabelText(/Whose key is it/), 'Iris, Notified Body, by phone');
    await user.click(within(dialog).getByRole('checkbox', { name: /I compared all 16 groups/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Trust this key' }));
    await within(region).findByText(/^Verified: signed by Iris, Notified Body, by phone \(/);
    await user.click(screen.getByRole('button', { name: 'Keep the response' }));

    const list = await screen.findByRole('region', { name: 'Responses' });
    await waitFor(() => expect(within(list).getByText(/line-response\.sspan-response/)).toBeTruthy());
    expect(list.querySelector('[data-check="exported"]')?.getAttribute('data-outcome')).toBe('passed');
    expect(list.querySelector('.reviewer-name')?.textContent).toBe('Iris <Auditor>');
    expect(list.querySelector('.reviewer-organisation')?.textContent).toBe('Notified <Body>');

    useUiStore.getState().navigate({ area: 'findings' });
    const findings = await screen.findByRole('region', { name: 'Findings in the portfolio' });
    const card = await waitFor(() => {
      const el = [...findings.querySelectorAll<HTMLElement>('[data-finding-key]')].find((e) => e.dataset.findingKey === findingIdentity(finding));
      if (!el) throw new Error(`the finding card is not shown: ${finding.key} among ${[...findings.querySelectorAll('[data-finding-key]')].slice(0, 5).map((e) => e.getAttribute('data-finding-key')).join(', ')}`);
      return el;
    });
    const review = await within(card).findByRole('region', { name: 'Auditor review' });
    expect(within(review).getByText('Disputed')).toBeTruthy();
    expect(within(review).getByText('The supplier letter <b>extends</b> support.')).toBeTruthy();
    expect(review.querySelector('.reviewer-name')?.textContent).toBe('Iris <Auditor>');
    expect(review.querySelector('.reviewer-organisation')?.textContent).toBe('Notified <Body>');
    // the note's earlier versions fold out, oldest first, as text
    const earlier = within(review).getByText('2 earlier versions');
    expect(earlier.tagName).toBe('SUMMARY');
    expect(within(review).getByRole('list', { name: 'Earlier versions of the note', hidden: true }).textContent).toMatch(/2026-11-30 08:00 UTC: First <i>draft<\/i>.*Second draft/);
    expect(review.textContent).toContain(auditor.fingerprint.slice(0, 4));
    expect(review.textContent).toContain('2026-12-01 09:00 UTC');

    // the manufacturer answers the dispute
    await user.click(within(review).getByRole('button', { name: 'Reply…' }));
    await user.type(within(review).getByLabelText(/Reply to/), 'See the letter of 2026-11-02.');
    await user.click(within(review).getByRole('button', { name: 'Save reply' }));
    await waitFor(() => expect(review.textContent).toContain('See the letter of 2026-11-02.'));
    expect(await db.findingReplies.count()).toBe(1);

    // the next exported bundle carries the reply
    useUiStore.getState().navigate({ area: 'bundles' });
    await user.click(await screen.findByRole('button', { name: 'Export bundle…' }));
    await waitFor(() => expect(platform.saved).toHaveLength(2));
    const next = await readBundle(platform.saved[1]!.bytes);
    if (!next.ok) throw new Error(next.error);
    expect(next.bundle.formatVersion).toBe(4);
    expect(next.bundle.replies).toEqual([expect.objectContaining({ findingKey: findingIdentity(finding), text: 'See the letter of 2026-11-02.' })]);
  });

  it('shows the manufacturer\'s replies under the finding in the auditor view', async () => {
    const platform = createMemoryPlatform();
    const user = userEvent.setup();
    await renderApp({ db, platform });
    platform.queueFile({ name: 'sample-replies.sspan', bytes: fixture('sample-replies.sspan') });
    await user.click(await screen.findByRole('button', { name: 'Open a bundle…' }));
    await user.click(await screen.findByRole('button', { name: 'Open in auditor mode' }));
    const list = await screen.findByRole('list', { name: 'Recorded findings' });
    const replies = await within(list).findByRole('region', { name: "Manufacturer's replies" });
    expect(replies.textContent).toContain('The <b>supplier</b> letter of 2025 extends support to 2031.');
    expect(replies.textContent).toContain('Ana');
    expect(replies.closest('li')?.textContent).toContain('SoC ESP32');
  });

  it('opens a .sspan-response dropped anywhere on the window, and names a bundle not exported here', async () => {
    window.location.hash = '#/portfolio';
    await renderApp({ db });
    await screen.findByRole('heading', { level: 1, name: 'Portfolio' });
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'responses', 'response-v1.sspan-response')));
    // jsdom's File hands out buffers of its own realm, which Node's WebCrypto refuses; a browser's File is read the same way
    const file = { name: 'dropped.sspan-response', size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
    drop.dataTransfer = { types: ['Files'], files: [file] };
    document.body.dispatchEvent(drop);
    expect(await screen.findByRole('heading', { name: 'Opening the auditor response dropped.sspan-response' })).toBeTruthy();
    const region = await screen.findByRole('region', { name: 'Verification result' });
    await waitFor(() => expect(region.querySelector('[data-check="exported"]')?.getAttribute('data-outcome')).toBe('failed'));
    expect(screen.getByRole('button', { name: 'Keep it anyway' })).toBeTruthy();
    // a version 1 response: its one reviewer field is the name, the organisation is said not to be stated
    const facts = within(region);
    expect(facts.getByText('Reviewer').nextElementSibling?.textContent).toBe('Iris Auditor <Notified body>');
    expect(facts.getByText('Organisation').nextElementSibling?.textContent).toMatch(/^not stated \(a version 1 response names the reviewer in one field/);
    expect(facts.getByText('Format').nextElementSibling?.textContent).toBe('read from auditor response format version 1');
  });
});
