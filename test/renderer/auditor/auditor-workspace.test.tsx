import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { findingIdentity, readBundle, verifyAuditResponse } from '../../../shared/bundle';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { getSigningKey, trustFingerprint } from '../../../renderer/db/repositories/keys';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { counts, fixture, loadPortfolio, makeBundle, otherKey, useBundlesScreenDb } from '../bundles/bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

async function openAsAuditor(platform: ReturnType<typeof createMemoryPlatform>, name: string, bytes: Uint8Array) {
  platform.queueFile({ name, bytes });
  await userEvent.click(await screen.findByRole('button', { name: 'Open a bundle…' }));
  await userEvent.click(await screen.findByRole('button', { name: 'Open in auditor mode' }));
  return screen.findByRole('region', { name: 'Audit banner' });
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('auditor workspace', () => {
  it('opens a trusted bundle read-only in its own database, leaving the workspace untouched', async () => {
    await loadPortfolio(db);
    const before = await counts(db);
    const productsBefore = await db.products.toArray();
    const key = await otherKey();
    await trustFingerprint(db, key.fingerprint, 'Signer of the sample bundle');
    const built = await makeBundle({ key });
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    const hash = read.bundle.manifestHash;

    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    const banner = await openAsAuditor(platform, 'trusted.sspan', built.bytes);
    expect(within(banner).getByText('Verified: signed by a trusted key')).toBeTruthy();
    expect(within(banner).getByText(/read-only/)).toBeTruthy();
    expect(within(banner).getByText(key.fingerprint.match(/.{4}/g)!.join(' '))).toBeTruthy();
    expect(within(banner).getByText('whole portfolio')).toBeTruthy();
    expect(within(banner).getByText('2026-11-28')).toBeTruthy();
    expect(within(banner).getByText('2026-11-28T10:00:00.000Z')).toBeTruthy();
    expect(within(banner).getByText('9.9.9')).toBeTruthy();
    expect(window.location.hash).toBe(`#/bundles/audit/${hash.slice(0, 16)}`);

    expect(await databaseNames()).toContain(`${db.name}-audit-${hash.slice(0, 16)}`);
    const source = await auditStoreFor(db.name).loadSource(hash);
    expect(source?.bytes.length).toBe(built.bytes.length);
    expect(await counts(db)).toEqual(before);
    expect(await db.products.toArray()).toEqual(productsBefore);

    // the recorded findings are listed, and the re-run agrees with them
    const list = await screen.findByRole('list', { name: 'Recorded findings' });
    expect(within(list).getAllByRole('listitem').filter((li) => li.parentElement === list).length).toBe(Math.min(100, read.bundle.analysis.findings.length));
    expect(screen.getByText(/The re-run gives the recorded findings/)).toBeTruthy();
  });

  it('shows where a re-run differs from the recorded findings, and rule packs it does not have', async () => {
    const built = await makeBundle({
      edit: (input) => {
        const findings = input.analysis.findings as { message: string }[];
        findings.splice(0, 1);
        findings[0]!.message = 'A message from an older rule';
        input.analysis = { ...input.analysis, rulePacks: [...input.analysis.rulePacks, { id: 'xx-retired-pack', version: '0.1' }] };
      },
    });
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'older.sspan', built.bytes);
    expect(await screen.findByText(/Not available in this app, so not run: xx-retired-pack 0\.1/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Only now (1)' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Changed (1)' })).toBeTruthy();
    const changed = screen.getByRole('list', { name: 'Changed findings' });
    expect(within(changed).getByText(/message: recorded A message from an older rule, now/)).toBeTruthy();
  });

  it('keeps notes and statuses in the audit database across re-opening, and exports a signed response', async () => {
    const built = await makeBundle({ key: await otherKey() });
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    const first = read.bundle.analysis.findings[0]!;
    const platform = createMemoryPlatform();
    const view = await renderApp({ db, platform });
    const banner = await openAsAuditor(platform, 'review.sspan', built.bytes);
    expect(within(banner).getByText('Signed by an unknown key')).toBeTruthy();

    const list = await screen.findByRole('list', { name: 'Recorded findings' });
    const row = within(list).getAllByRole('listitem')[0]!;
    await userEvent.selectOptions(within(row).getByRole('combobox'), 'disputed');
    await userEvent.type(within(row).getByRole('textbox'), 'Supplier letter <b>says</b> 2032');
    await userEvent.tab();
    const hash = read.bundle.manifestHash;
    const store = auditStoreFor(db.name);
    await waitFor(async () => {
      const r = (await store.listReviews(hash)).find((x) => x.findingKey === findingIdentity(first));
      expect(r).toMatchObject({ status: 'disputed', note: 'Supplier letter <b>says</b> 2032' });
    });
    expect(await counts(db)).toEqual({ lines: 0, products: 0, decisions: 0, changes: 0 });

    // close and re-open from the list of audits
    await userEvent.click(screen.getByRole('button', { name: 'Close audit' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Open audit of review.sspan' }));
    const again = (await screen.findByRole('list', { name: 'Recorded findings' }));
    const rowAgain = within(again).getAllByRole('listitem')[0]!;
    await waitFor(() => expect((within(rowAgain).getByRole('combobox') as HTMLSelectElement).value).toBe('disputed'));
    expect((within(rowAgain).getByRole('textbox') as HTMLTextAreaElement).value).toBe('Supplier letter <b>says</b> 2032');
    view.unmount();

    // a fresh app over the same databases still has them
    window.location.hash = `#/bundles/audit/${hash.slice(0, 16)}`;
    await renderApp({ db, platform });
    const third = await screen.findByRole('list', { name: 'Recorded findings' });
    await waitFor(() => expect((within(within(third).getAllByRole('listitem')[0]!).getByRole('combobox') as HTMLSelectElement).value).toBe('disputed'));

    await userEvent.type(screen.getByRole('textbox', { name: 'Conclusion' }), 'One dispute, otherwise agreed.');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer name' }), 'Rita Reviewer');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer organisation' }), 'Notified Body 0001');
    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    await waitFor(() => expect(platform.saved.map((s) => s.name).some((n) => n.endsWith('.sspan-response'))).toBe(true));
    const response = platform.saved.find((s) => s.name.endsWith('.sspan-response'))!;
    const myKey = await getSigningKey(db);
    const verified = await verifyAuditResponse(response.bytes, { trustedFingerprints: [myKey!.fingerprint] });
    expect(verified.state).toBe('valid');
    expect(verified.manifest?.original.manifestHash).toBe(hash);
    expect(verified.manifest?.original.verification).toBe('unknown-key');
    expect(verified.review?.summary).toBe('One dispute, otherwise agreed.');
    expect(verified.review?.entries).toHaveLength(1);
    expect(verified.review?.entries[0]).toMatchObject({ findingKey: findingIdentity(first), status: 'disputed', note: 'Supplier letter <b>says</b> 2032' });

    await userEvent.click(await screen.findByRole('button', { name: 'Save the response report (HTML)' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('-response-report.html'))).toBe(true));
    const html = new TextDecoder().decode(platform.saved.find((s) => s.name.endsWith('-response-report.html'))!.bytes);
    expect(html).toContain('Supplier letter &lt;b&gt;says&lt;/b&gt; 2032');
    expect(html).not.toContain('<b>says</b>');
  });

  it('puts the manufacturer\'s replies the bundle carries into the next response, after the note they answer, and shows them in its report', async () => {
    const bytes = fixture('sample-replies.sspan');
    const read = await readBundle(bytes);
    if (!read.ok) throw new Error(read.error);
    const findingKeys = new Set(read.bundle.analysis.findings.map(findingIdentity));
    const reply = read.bundle.replies.find((r) => findingKeys.has(r.findingKey))!;
    // the earlier response was exported from another audit on this computer: its note is kept there
    const store = auditStoreFor(db.name);
    const earlierAudit = 'ab'.repeat(32);
    await store.saveAudit({ manifestHash: earlierAudit, fileName: 'earlier.sspan', scope: { kind: 'portfolio' }, asOf: '2026-01-01', createdAt: '2026-01-01T00:00:00.000Z', appVersion: '0.1.0', signer: null, bytes: new Uint8Array([1]) });
    await store.recordExportedResponse(earlierAudit, { id: reply.responseId, fileName: 'earlier-response.sspan-response', notes: [{ findingKey: reply.findingKey, status: 'disputed', note: 'Send the <b>letter</b>', updatedAt: '2026-01-02T09:00:00.000Z' }] });

    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'sample-replies.sspan', bytes);
    const list = await screen.findByRole('list', { name: 'Recorded findings' });
    const replies = await within(list).findByRole('region', { name: "Manufacturer's replies" });
    const row = replies.closest('li.review-row') as HTMLElement;
    await userEvent.type(within(row).getByRole('textbox', { name: /^Note on / }), 'Letter seen: <agreed>');
    await userEvent.selectOptions(within(row).getByRole('combobox', { name: /^Status of / }), 'agreed');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer name' }), 'Rita Reviewer');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer organisation' }), 'Notified Body 0001');
    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.sspan-response'))).toBe(true));
    const verified = await verifyAuditResponse(platform.saved.find((s) => s.name.endsWith('.sspan-response'))!.bytes);
    expect(verified.review!.entries.map((e) => e.findingKey)).toEqual([reply.findingKey]);
    const entry = verified.review!.entries.find((e) => e.findingKey === reply.findingKey)!;
    expect(entry.note).toBe('Letter seen: <agreed>');
    expect(entry.replies).toEqual([{
      responseId: reply.responseId, text: reply.text, author: reply.author, at: reply.at,
      answered: { status: 'disputed', note: 'Send the <b>letter</b>', updatedAt: '2026-01-02T09:00:00.000Z' },
    }]);

    await userEvent.click(await screen.findByRole('button', { name: 'Save the response report (HTML)' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('-response-report.html'))).toBe(true));
    const html = new TextDecoder().decode(platform.saved.find((s) => s.name.endsWith('-response-report.html'))!.bytes);
    const earlier = html.indexOf('Send the &lt;b&gt;letter&lt;/b&gt;');
    const answer = html.indexOf('The &lt;b&gt;supplier&lt;/b&gt; letter of 2025');
    const now = html.indexOf('Letter seen: &lt;agreed&gt;');
    expect(earlier).toBeGreaterThan(0);
    expect(answer).toBeGreaterThan(earlier);
    expect(now).toBeGreaterThan(answer);
    expect(html).not.toMatch(/<b>|<agreed>/);
    await store.deleteAudit(earlierAudit);
  });

  it('deletes an audit with its database', async () => {
    const built = await makeBundle();
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'gone.sspan', built.bytes);
    const name = `${db.name}-audit-${read.bundle.manifestHash.slice(0, 16)}`;
    expect(await databaseNames()).toContain(name);
    await userEvent.click(screen.getByRole('button', { name: 'Delete audit…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete audit and notes' }));
    expect(await screen.findByText(/No audits yet/)).toBeTruthy();
    expect(await databaseNames()).not.toContain(name);
  });

  it('shows HTML and script from a bundle as text', async () => {
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'html-in-fields.sspan', fixture('html-in-fields.sspan'));
    await screen.findByRole('list', { name: 'Recorded findings' });
    expect(document.querySelector('main script, main img, main iframe')).toBeNull();
    expect(screen.getAllByText(/<script>alert\(1\)<\/script>/).length).toBeGreaterThan(0);
  });
});
