import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readBundle, verifyBundle } from '../../../shared/bundle';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { getSigningKey, listRecentBundles, listTrustedFingerprints, trustFingerprint } from '../../../renderer/db/repositories/keys';
import { getUndoState, undo } from '../../../renderer/db/repositories/undo';
import { getSetting } from '../../../renderer/db/repositories/settings';
import { currentAuthor } from '../../../renderer/db/repositories/change-log';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { AS_OF, counts, fixture, loadPortfolio, makeBundle, otherKey, samplePortfolio, tamper, useBundlesScreenDb } from './bundle-fixtures';

withLayout();
// verifying and analysing a sample bundle takes a moment on a busy machine
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

async function openFile(platform: ReturnType<typeof createMemoryPlatform>, name: string, bytes: Uint8Array) {
  platform.queueFile({ name, bytes });
  await userEvent.click(screen.getByRole('button', { name: 'Open a bundle…' }));
  return screen.findByRole('region', { name: 'Verification result' });
}

describe('export', () => {
  it('exports a product line, signed with the installation key created on first use', async () => {
    const portfolio = samplePortfolio();
    await loadPortfolio(db, portfolio);
    const line = portfolio.lines[1]!;
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await screen.findByRole('heading', { name: 'Export a bundle' });
    expect(await getSigningKey(db)).toBeNull();

    await userEvent.selectOptions(await screen.findByLabelText('Scope'), `line:${line.id}`);
    const asOf = screen.getByLabelText('As of');
    await userEvent.clear(asOf);
    await userEvent.type(asOf, '2027-03-31');
    expect((screen.getByRole('checkbox', { name: /Sign with this installation's key/ }) as HTMLInputElement).checked).toBe(true);
    // no user name yet: the export is refused, with the field to give it right there
    const panel = screen.getByRole('region', { name: 'Export a bundle' });
    await userEvent.click(screen.getByRole('button', { name: 'Export bundle…' }));
    const refusal = await within(panel).findByRole('alert');
    expect(refusal.textContent).toMatch(/^Give your name before exporting/);
    const nameField = within(panel).getByRole('textbox', { name: 'Your name' });
    expect(document.activeElement).toBe(nameField);
    expect(platform.saved).toHaveLength(0);
    expect(await getSetting(db, 'userName')).toBeUndefined();
    // spaces alone are no name
    await userEvent.type(nameField, '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Export bundle…' }));
    expect((await within(panel).findByRole('alert')).textContent).toMatch(/^Give your name before exporting/);
    expect(platform.saved).toHaveLength(0);
    await userEvent.clear(nameField);
    await userEvent.type(nameField, 'Mara Maker');
    await userEvent.click(screen.getByRole('button', { name: 'Export bundle…' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    // saved to the setting the change log records, and the field is gone
    expect(await getSetting(db, 'userName')).toBe('Mara Maker');
    expect(currentAuthor()).toBe('Mara Maker');
    await waitFor(() => expect(within(panel).queryByRole('textbox', { name: 'Your name' })).toBeNull());

    const saved = platform.saved[0]!;
    expect(saved.name).toMatch(/-2027-03-31\.sspan$/);
    const read = await readBundle(saved.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.manifest.scope).toEqual({ kind: 'line', id: line.id, name: line.name });
    expect(read.bundle.manifest.asOf).toBe('2027-03-31');
    expect(read.bundle.portfolio.products.every((p) => p.lineId === line.id)).toBe(true);
    const key = await getSigningKey(db);
    expect(key).not.toBeNull();
    expect(read.bundle.manifest.signature?.fingerprint).toBe(key!.fingerprint);
    expect((await verifyBundle(saved.bytes, { trustedFingerprints: [key!.fingerprint] })).state).toBe('valid');
    // the private half cannot be read at all, so it cannot have gone into the bundle
    expect(key!.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', key!.privateKey)).rejects.toThrow();
    // the installation fingerprint is shown, grouped
    const grouped = key!.fingerprint.match(/.{4}/g)!.join(' ');
    expect((await screen.findAllByText(grouped)).length).toBeGreaterThan(0);
  });

  it('refuses an impossible as-of date', async () => {
    await loadPortfolio(db);
    await renderApp({ db });
    const asOf = await screen.findByLabelText('As of');
    await userEvent.clear(asOf);
    await userEvent.type(asOf, '2027-02-30');
    expect(await screen.findByText(/The as-of date must be a real day/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export bundle…' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('open and verify', () => {
  it('shows each of the four states, and trusting the key turns unknown into verified', async () => {
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await screen.findByRole('heading', { name: 'Open a bundle' });

    const unsigned = await makeBundle();
    let region = await openFile(platform, 'unsigned.sspan', unsigned.bytes);
    expect(await within(region).findByText(/Unsigned: intact/)).toBeTruthy();
    expect(region.querySelector('[data-state]')?.getAttribute('data-state')).toBe('unsigned');

    const key = await otherKey();
    const signed = await makeBundle({ key });
    region = await openFile(platform, 'signed.sspan', signed.bytes);
    expect(await within(region).findByText('Signed by an unknown key')).toBeTruthy();
    expect(within(region).getAllByText(key.fingerprint.match(/.{4}/g)!.join(' ')).length).toBeGreaterThan(0);
    await userEvent.click(within(region).getByRole('button', { name: 'Trust this key…' }));
    const dialog = within(region).getByRole('dialog', { name: 'Trust this key?' });
    await userEvent.type(within(dialog).getByLabelText(/Whose key is it/), 'Signer B, in person');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /I compared all 16 groups/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Trust this key' }));
    const verified = `Verified: signed by Signer B, in person (${key.fingerprint.slice(0, 4)} ${key.fingerprint.slice(4, 8)} …)`;
    expect(await within(region).findByText(verified)).toBeTruthy();
    expect((await listTrustedFingerprints(db)).map((t) => t.fingerprint)).toEqual([key.fingerprint]);

    // opened again with the key already pinned: valid straight away
    region = await openFile(platform, 'signed-again.sspan', signed.bytes);
    expect(await within(region).findByText(verified)).toBeTruthy();

    region = await openFile(platform, 'tampered.sspan', tamper(signed.bytes));
    expect(await within(region).findByText('Invalid: do not rely on this file')).toBeTruthy();
    expect(within(region).getByText(/data\/portfolio\.json/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open in auditor mode' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Merge into my workspace…' })).toBeNull();
  });

  it.each([
    ['not-a-zip.sspan', /not a zip archive/],
    ['proto-key.sspan', /__proto__/],
    ['bomb-ratio.sspan', /zip bomb/],
    ['name-dotdot.sspan', /\.\./],
    ['newer-version.sspan', /needs Supportspan format version/],
  ])('a hostile file (%s) gives the reader\'s message and writes nothing', async (name, message) => {
    await loadPortfolio(db);
    const before = await counts(db);
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await screen.findByRole('heading', { name: 'Open a bundle' });
    const region = await openFile(platform, name, fixture(name));
    expect(await within(region).findByText(message)).toBeTruthy();
    expect(within(region).getByText(/^Invalid/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open in auditor mode' })).toBeNull();
    expect(await counts(db)).toEqual(before);
    expect(await auditStoreFor(db.name).listAudits()).toEqual([]);
    expect(await listRecentBundles(db)).toEqual([]);
  });
});

describe('merge', () => {
  it('previews added, changed and conflicting records, writes nothing before confirming, then merges in one undoable step', async () => {
    const mine = samplePortfolio();
    await loadPortfolio(db, mine);
    const theirs = structuredClone(mine);
    const changed = theirs.products[0]!;
    changed.declaredSupportEnd = '2039-12-31';
    const conflicting = { ...structuredClone(mine.products[1]!), id: 'p-other-id' };
    conflicting.components = conflicting.components.map((c, i) => ({ ...c, id: `c-other-${i}` }));
    theirs.products.push(conflicting);
    theirs.lines.push({ id: 'line-new', name: 'Brand new line', environment: 'consumer', notes: '' });
    const bundle = await makeBundle({ portfolio: theirs });
    const before = await counts(db);
    const productBefore = await db.products.get(changed.id);

    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await screen.findByRole('heading', { name: 'Open a bundle' });
    await openFile(platform, 'theirs.sspan', bundle.bytes);
    await userEvent.click(await screen.findByRole('button', { name: 'Merge into my workspace…' }));

    const added = await screen.findByRole('list', { name: 'Added records' });
    expect(within(added).getByText(/Brand new line/)).toBeTruthy();
    const changes = screen.getByRole('list', { name: 'Changed records' });
    expect(within(changes).getByText('declaredSupportEnd')).toBeTruthy();
    expect(within(changes).getByText('2039-12-31')).toBeTruthy();
    const conflicts = screen.getByRole('list', { name: 'Conflicting records' });
    expect(within(conflicts).getByText(new RegExp(conflicting.name))).toBeTruthy();
    // refusing is the default, so the import button waits for a choice
    expect((screen.getByRole('button', { name: 'Import into my workspace' }) as HTMLButtonElement).disabled).toBe(true);
    expect(await counts(db)).toEqual(before);
    expect(await db.products.get(changed.id)).toEqual(productBefore);

    await userEvent.click(screen.getByRole('radio', { name: /Keep my current records/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Import into my workspace' }));
    await screen.findByText(/Merged theirs\.sspan: 1 added, 1 changed/);
    expect((await db.products.get(changed.id))?.declaredSupportEnd).toBe('2039-12-31');
    expect(await db.lines.get('line-new')).toBeTruthy();
    expect(await db.products.get('p-other-id')).toBeUndefined();
    const groups = new Set((await db.changes.toArray()).slice(before.changes).map((c) => c.group));
    expect([...groups]).toHaveLength(1);
    expect([...groups][0]).toMatch(/^import:/);

    // one undo step reverts the whole merge
    expect((await getUndoState(db)).undo?.group).toMatch(/^import:/);
    await undo(db);
    expect((await db.products.get(changed.id))?.declaredSupportEnd).toBe(productBefore?.declaredSupportEnd);
    expect(await db.lines.get('line-new')).toBeUndefined();
  });
});

describe('keys and trust', () => {
  it('pins and removes fingerprints, refusing malformed ones', async () => {
    await renderApp({ db });
    const input = await screen.findByLabelText('Fingerprint');
    await userEvent.type(input, 'abcd 1234');
    await userEvent.click(screen.getByRole('button', { name: 'Trust fingerprint' }));
    expect(await screen.findByText(/A fingerprint has 64 hex digits; this one has 8/)).toBeTruthy();
    await userEvent.clear(input);
    await userEvent.type(input, 'zz'.repeat(32));
    await userEvent.click(screen.getByRole('button', { name: 'Trust fingerprint' }));
    expect(await screen.findByText(/only the digits 0-9 and the letters a-f/)).toBeTruthy();
    expect(await listTrustedFingerprints(db)).toEqual([]);

    const hex = 'AB12'.repeat(16);
    await userEvent.clear(input);
    await userEvent.type(input, hex.match(/.{4}/g)!.join(':'));
    await userEvent.click(screen.getByRole('button', { name: 'Trust fingerprint' }));
    const dialog = await screen.findByRole('dialog', { name: 'Trust this key?' });
    // the fingerprint to compare, in its 16 groups of four
    expect(within(within(dialog).getByRole('list', { name: /^Fingerprint / })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(hex.toLowerCase().match(/.{4}/g));
    await userEvent.type(within(dialog).getByLabelText(/Whose key is it/), 'Auditor A, by phone');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /I compared all 16 groups/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Trust this key' }));
    const list = await screen.findByRole('list', { name: 'Trusted fingerprints' });
    expect(within(list).getByText('Auditor A, by phone')).toBeTruthy();
    expect(within(list).getByText(hex.toLowerCase().match(/.{4}/g)!.join(' '))).toBeTruthy();
    await userEvent.click(within(list).getByRole('button', { name: /Remove trusted fingerprint/ }));
    await waitFor(async () => expect(await listTrustedFingerprints(db)).toEqual([]));
  });

  it('keeps one key when two first uses race', async () => {
    const { ensureSigningKey } = await import('../../../renderer/db/repositories/keys');
    const [a, b] = await Promise.all([ensureSigningKey(db), ensureSigningKey(db)]);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect((await getSigningKey(db))?.fingerprint).toBe(a.fingerprint);
    await trustFingerprint(db, a.fingerprint, 'this installation');
    expect(await listTrustedFingerprints(db)).toHaveLength(1);
  });
});

describe('desktop integration', () => {
  it('opens a file handed over by the operating system straight into auditor mode', async () => {
    const platform = createMemoryPlatform();
    const bundle = await makeBundle();
    platform.setPendingOpen({ name: 'double-clicked.sspan', bytes: bundle.bytes });
    window.location.hash = '#/portfolio';
    await renderApp({ db, platform });
    const banner = await screen.findByRole('region', { name: 'Audit banner' });
    expect(within(banner).getByText(/Unsigned: intact/)).toBeTruthy();
    expect(window.location.hash).toMatch(/^#\/bundles\/audit\/[0-9a-f]{16}$/);
    expect((await listRecentBundles(db)).map((r) => r.name)).toEqual(['double-clicked.sspan']);
  });

  it('follows the menu: pending-open and open-file', async () => {
    const platform = createMemoryPlatform();
    window.location.hash = '#/portfolio';
    await renderApp({ db, platform });
    const bundle = await makeBundle();
    platform.queueFile({ name: 'from-menu.sspan', bytes: bundle.bytes });
    platform.emitMenuCommand('open-file');
    const region = await screen.findByRole('region', { name: 'Verification result' });
    expect(within(region).getByText(/Unsigned: intact/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Opening from-menu.sspan' })).toBeTruthy();

    platform.setPendingOpen({ name: 'later.sspan', bytes: bundle.bytes });
    platform.emitMenuCommand('pending-open');
    expect(await screen.findByRole('region', { name: 'Audit banner' })).toBeTruthy();
  });

  it('opens a .sspan dropped anywhere on the window', async () => {
    window.location.hash = '#/portfolio';
    await renderApp({ db });
    await screen.findByRole('heading', { level: 1, name: 'Portfolio' });
    const bundle = await makeBundle();
    // jsdom's File hands out buffers of its own realm, which Node's WebCrypto refuses; a browser's File is read the same way
    const file = { name: 'dropped.sspan', size: bundle.bytes.length, arrayBuffer: async () => bundle.bytes.slice().buffer };
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
    drop.dataTransfer = { types: ['Files'], files: [file] };
    document.body.dispatchEvent(drop);
    expect(await screen.findByRole('heading', { name: 'Opening dropped.sspan' })).toBeTruthy();
    expect(await screen.findByText(/Unsigned: intact/)).toBeTruthy();
  });
});

// keep the constant in use for readers of the test: bundles are built as of this day
void AS_OF;
