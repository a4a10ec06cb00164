import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generateSigningKey, REPORT_MISMATCH_REASON } from '../../../shared/bundle';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { listTrustedFingerprints, trustFingerprint } from '../../../renderer/db/repositories/keys';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { swapReport } from '../../fixtures/bundles/sample';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { makeBundle, otherKey, useBundlesScreenDb } from './bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

const grouped = (hex: string) => hex.match(/.{4}/g)!.join(' ');
const short = (hex: string) => `${hex.slice(0, 4)} ${hex.slice(4, 8)} …`;

async function offer(platform: ReturnType<typeof createMemoryPlatform>, name: string, bytes: Uint8Array) {
  platform.queueFile({ name, bytes });
  await userEvent.click(screen.getByRole('button', { name: 'Open a bundle…' }));
}

describe('trusting a key', () => {
  it('asks to compare the fingerprint and for an owner label, records who trusted it, and names the owner in "Verified"', async () => {
    await setSetting(db, 'userName', 'Ana Auditor');
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await screen.findByRole('heading', { name: 'Open a bundle' });
    const key = await otherKey();
    await offer(platform, 'acme.sspan', (await makeBundle({ key })).bytes);
    const region = await screen.findByRole('region', { name: 'Verification result' });
    await userEvent.click(within(region).getByRole('button', { name: 'Trust this key…' }));
    const dialog = within(region).getByRole('dialog', { name: 'Trust this key?' });
    expect(within(dialog).getByRole('list', { name: `Fingerprint ${grouped(key.fingerprint)}` })).toBeTruthy();

    // neither without the comparison confirmed nor without a label
    const confirm = within(dialog).getByRole('button', { name: 'Trust this key' });
    await userEvent.click(confirm);
    expect(within(dialog).getByRole('alert').textContent).toMatch(/compared every group/);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /I compared all 16 groups/ }));
    await userEvent.click(confirm);
    expect(within(dialog).getByRole('alert').textContent).toMatch(/whose key this is/);
    expect(await listTrustedFingerprints(db)).toEqual([]);
    expect(within(region).getByText('Signed by an unknown key')).toBeTruthy();

    await userEvent.type(within(dialog).getByLabelText(/Whose key is it/), 'ACME product security, confirmed by phone on 2026-12-04');
    await userEvent.click(confirm);
    expect(await within(region).findByText(`Verified: signed by ACME product security, confirmed by phone on 2026-12-04 (${short(key.fingerprint)})`)).toBeTruthy();
    const [entry] = await listTrustedFingerprints(db);
    expect(entry).toMatchObject({ fingerprint: key.fingerprint, label: 'ACME product security, confirmed by phone on 2026-12-04', trustedBy: 'Ana Auditor', sealed: true });
    expect(Date.parse(entry!.addedAt)).toBeGreaterThan(Date.parse('2026-01-01'));

    // the keys panel lists it with its owner and who trusted it
    const list = await screen.findByRole('list', { name: 'Trusted fingerprints' });
    expect(within(list).getByText('ACME product security, confirmed by phone on 2026-12-04')).toBeTruthy();
    expect(within(list).getByText(/trusted by Ana Auditor/)).toBeTruthy();

    // cancelling trusts nothing
    const other = await generateSigningKey();
    await offer(platform, 'other.sspan', (await makeBundle({ key: other })).bytes);
    const again = await screen.findByRole('region', { name: 'Verification result' });
    await within(again).findByText('Signed by an unknown key');
    await userEvent.click(within(again).getByRole('button', { name: 'Trust this key…' }));
    await userEvent.click(within(again).getByRole('button', { name: 'Cancel' }));
    expect((await listTrustedFingerprints(db)).map((t) => t.fingerprint)).toEqual([key.fingerprint]);
  });
});

describe('a scope signed by another key than before', () => {
  it('warns before anything of the bundle is shown, with both keys, and lets the user continue read-only or cancel', async () => {
    const keyA = await otherKey();
    const keyB = await generateSigningKey();
    await trustFingerprint(db, keyA.fingerprint, 'ACME product security, by phone');
    await trustFingerprint(db, keyB.fingerprint, 'Someone claiming to be ACME');
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await screen.findByRole('heading', { name: 'Open a bundle' });

    // the first bundle of the scope, from a trusted key, is opened: its key is recorded for the scope
    await offer(platform, 'acme-1.sspan', (await makeBundle({ key: keyA })).bytes);
    const first = await screen.findByRole('region', { name: 'Verification result' });
    await within(first).findByText(`Verified: signed by ACME product security, by phone (${short(keyA.fingerprint)})`);
    await userEvent.click(screen.getByRole('button', { name: 'Open in auditor mode' }));
    await screen.findByRole('region', { name: 'Audit banner' });
    expect(await db.scopeSigners.count()).toBe(1);
    expect((await db.scopeSigners.toArray())[0]).toMatchObject({ fingerprint: keyA.fingerprint, label: 'ACME product security, by phone', scopeName: 'whole portfolio' });

    window.location.hash = '#/bundles';
    await screen.findByRole('heading', { name: 'Open a bundle' });
    await offer(platform, 'acme-2.sspan', (await makeBundle({ key: keyB })).bytes);
    const notice = await screen.findByRole('alertdialog', { name: /The key that signs whole portfolio has changed/ });
    expect(within(notice).getByText(grouped(keyA.fingerprint))).toBeTruthy();
    expect(within(notice).getByText(grouped(keyB.fingerprint))).toBeTruthy();
    expect(within(notice).getByText(/ACME product security, by phone/)).toBeTruthy();
    expect(within(notice).getByText(/Someone claiming to be ACME/)).toBeTruthy();
    // nothing else of the bundle is shown, and nothing can be opened, while the notice stands
    expect(screen.queryByRole('region', { name: 'Verification result' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Open in auditor mode' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Merge into my workspace…' })).toBeNull();

    await userEvent.click(within(notice).getByRole('button', { name: 'Continue read-only' }));
    const region = await screen.findByRole('region', { name: 'Verification result' });
    expect(within(region).getByText(/Read-only: the key that signs this scope changed/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open in auditor mode' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Merge into my workspace…' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Open in auditor mode' }));
    await screen.findByRole('region', { name: 'Audit banner' });
    expect(await auditStoreFor(db.name).listAudits()).toHaveLength(2);
    // the scope stays with the key it had
    expect((await db.scopeSigners.toArray()).map((r) => r.fingerprint)).toEqual([keyA.fingerprint]);

    // cancel closes it without opening anything
    window.location.hash = '#/bundles';
    await screen.findByRole('heading', { name: 'Open a bundle' });
    await offer(platform, 'unsigned.sspan', (await makeBundle()).bytes);
    const unsigned = await screen.findByRole('alertdialog', { name: /has changed/ });
    expect(within(unsigned).getByText('not signed')).toBeTruthy();
    await userEvent.click(within(unsigned).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByRole('region', { name: 'Verification result' })).toBeNull();
    expect(await auditStoreFor(db.name).listAudits()).toHaveLength(2);
  });
});

describe("the bundle's own report", () => {
  it('a bundle of this app version whose report.html was replaced and signed again is invalid, with the reason', async () => {
    const key = await otherKey();
    await trustFingerprint(db, key.fingerprint, 'ACME product security, by phone');
    // the bundles are made as by app version 9.9.9: the same version as this app
    const platform = createMemoryPlatform({ version: '9.9.9' });
    await renderApp({ db, platform });
    await screen.findByRole('heading', { name: 'Open a bundle' });
    await offer(platform, 'swapped.sspan', await swapReport((await makeBundle({ key })).bytes, key));
    const region = await screen.findByRole('region', { name: 'Verification result' });
    expect(await within(region).findByText('Invalid: do not rely on this file')).toBeTruthy();
    expect(within(region).getByText(REPORT_MISMATCH_REASON)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open in auditor mode' })).toBeNull();
  });
});
