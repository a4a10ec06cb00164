/**
 * The whole audit loop between browser profiles, each a separate browser
 * context with its own IndexedDB and its own installation signing key:
 * the manufacturer (A) exports a signed product bundle; the auditor (B) trusts
 * A's key through the trust dialog, reviews the findings and sends a response;
 * A reads the response on the product's findings, replies to the disputed
 * note and exports again with the reply. Then B is handed a bundle of the same
 * product signed by another installation (C), and a bundle of A's whose
 * report.html was swapped and re-signed with a valid key.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { readBundle, REPORT_MISMATCH_REASON, verifyAuditResponse, verifyBundle, type RecordedFinding } from '../../shared/bundle';
import { generateSigningKey, signManifest, type SigningKey } from '../../shared/bundle/signing';
import { KIND_INFO, type FindingKind } from '../../shared/engine';
import { canonicalJson } from '../../shared/bundle/canonical-json';
import { enc, FORGED_REPORT, rehash, unzipEntries, zipEntries } from '../fixtures/bundles/sample';
import { download, elementScreenshot, expectNoExternalRequests, useAppSessions, type AppSession } from './support/browser';
import { exportBundle, fingerprintGroupsSplitAcrossLines, groupedFingerprint, openBundlesScreen, openFile, trustThroughDialog, verifiedBy } from './support/bundles';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

/** The sample portfolio's product every bundle here is about; its id is the same in every profile (stable ids from the sample). */
const PRODUCT = 'Nestwarm T3';
const OWNER_LABEL = 'Nestwarm product security, fingerprint read out by phone';
const REVIEWER = 'Rita Reviewer';
const ORGANISATION = 'Notified Body 0001';
const DISPUTE = 'The SoC letter is from 2023; we need the current one. <b>not bold</b>';
const AGREEMENT = 'Matches the supplier data.';
const REPLY = 'The 2025 letter is attached to the component as evidence; support runs to 2032.';

function kindTitle(f: RecordedFinding): string {
  return KIND_INFO[f.kind as FindingKind].title;
}

/** The auditor's row of a recorded finding: the list item with a status control that names the finding's kind and component. */
function reviewRow(page: Page, f: RecordedFinding): Locator {
  return page.getByRole('list', { name: 'Recorded findings' }).getByRole('listitem')
    .filter({ has: page.getByRole('combobox') })
    .filter({ hasText: `${kindTitle(f)}: ${PRODUCT} / ${f.component}` });
}

/** On the product page: opens the product's findings line for this finding and returns the card's "Auditor review". */
async function auditorReviewOn(page: Page, f: RecordedFinding): Promise<Locator> {
  const findings = page.getByRole('region', { name: 'Findings of this product' });
  const item = findings.getByRole('listitem').filter({ has: page.getByRole('button').filter({ hasText: kindTitle(f) }).filter({ hasText: f.component! }) });
  await expect.poll(() => item.count()).toBe(1);
  const line = item.getByRole('button').first();
  if ((await line.getAttribute('aria-expanded')) !== 'true') await line.click();
  const review = item.getByRole('region', { name: 'Auditor review' });
  await review.waitFor();
  return review;
}

async function openProductPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  // The product's name in the portfolio tree opens its page.
  await page.getByRole('row').getByRole('gridcell').getByText(PRODUCT, { exact: true }).click();
  await page.getByRole('heading', { level: 1, name: PRODUCT }).waitFor();
}

/**
 * What a forger holding a key of their own would make of a bundle: its
 * report.html replaced, every hash rewritten, the manifest naming the new key
 * and signed with it. Signature and hashes are valid; only the report lies.
 */
async function resignWithReport(bytes: Uint8Array, key: SigningKey, html: string): Promise<Uint8Array> {
  const entries = unzipEntries(bytes);
  entries.set('report.html', enc(html));
  const rehashed = await rehash(entries, (manifest) => { manifest.signature = { algorithm: 'Ed25519', fingerprint: key.fingerprint }; });
  rehashed.set('signature.json', enc(canonicalJson(await signManifest(rehashed.get('manifest.json')!, key), 2) + '\n'));
  return zipEntries(rehashed);
}

function cleanSession(s: AppSession): void {
  expectNoExternalRequests(s);
  expect(s.pageErrors).toEqual([]);
}

describe('the audit loop between a manufacturer and an auditor, in separate browser profiles', () => {
  it('exports, reviews, answers and re-exports; flags another signer of the scope and a swapped, re-signed report', async () => {
    // ---- 1. Manufacturer (A): a signed bundle of one product of the sample portfolio.
    const a = await openSession();
    await openBundlesScreen(a.page, baseUrl);
    const bundle = await exportBundle(a.page, PRODUCT);
    expect(bundle.name).toMatch(/^nestwarm-t3-\d{4}-\d{2}-\d{2}\.sspan$/);
    const read = await readBundle(bundle.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.manifest.scope).toMatchObject({ kind: 'product', name: PRODUCT });
    const signerA = read.bundle.manifest.signature!.fingerprint;
    const withComponent = read.bundle.analysis.findings.filter((f) => f.component);
    expect(withComponent.length).toBeGreaterThanOrEqual(2);
    const [disputed, agreed] = withComponent as [RecordedFinding, RecordedFinding];

    // ---- 2. Auditor (B): trusts A's key with an owner label, reviews, exports a response.
    const b = await openSession();
    const page = b.page;
    await openBundlesScreen(page, baseUrl);
    await openFile(page, bundle.name, bundle.bytes);
    const result = page.getByRole('region', { name: 'Verification result' });
    await result.getByText('Signed by an unknown key').waitFor();
    await trustThroughDialog(result, OWNER_LABEL, async (dialog) => {
      // The dialog shows the fingerprint in its 16 numbered groups for comparing over the phone.
      const groups = dialog.getByRole('list', { name: `Fingerprint ${groupedFingerprint(signerA)}` }).getByRole('listitem');
      await expect.poll(() => groups.allInnerTexts()).toEqual(groupedFingerprint(signerA).split(' '));
      await elementScreenshot(dialog, 'audit-loop-trust-dialog');
    });
    await result.getByText(verifiedBy(OWNER_LABEL, signerA)).waitFor();
    await page.getByRole('button', { name: 'Open in auditor mode' }).click();
    const banner = page.getByRole('region', { name: 'Audit banner' });
    await banner.getByText(verifiedBy(OWNER_LABEL, signerA)).waitFor();

    const disputedRow = reviewRow(page, disputed);
    await disputedRow.getByRole('combobox').selectOption({ label: 'Disputed' });
    await disputedRow.getByRole('textbox').fill(DISPUTE);
    const agreedRow = reviewRow(page, agreed);
    await agreedRow.getByRole('combobox').selectOption({ label: 'Agreed' });
    await agreedRow.getByRole('textbox').fill(AGREEMENT);
    await page.getByRole('textbox', { name: 'Reviewer name' }).fill(REVIEWER);
    await page.getByRole('textbox', { name: 'Reviewer organisation' }).fill(ORGANISATION);
    await page.getByRole('status').filter({ hasText: /^1 agreed, 1 disputed, 0 need evidence\.$/ }).waitFor();
    const response = await download(page, () => page.getByRole('button', { name: 'Export auditor response…' }).click());
    expect(response.name).toMatch(/\.sspan-response$/);
    const signerB = (await verifyAuditResponse(response.bytes)).fingerprint!;
    expect(signerB).toMatch(/^[0-9a-f]{64}$/);
    expect(signerB).not.toBe(signerA);

    // ---- 3. Manufacturer (A): opens the response, sees it verified and the notes on the product's findings, replies.
    await openFile(a.page, response.name, response.bytes);
    const opened = a.page.getByRole('region', { name: 'Verification result' });
    await opened.getByText('Signed by an unknown key').waitFor();
    // The reviewer's key is trusted like a signer's: compared group by group, with whose it is.
    await trustThroughDialog(opened, 'Rita Reviewer, Notified Body 0001, confirmed by phone');
    await opened.getByText(/^Verified: signed by Rita Reviewer, Notified Body 0001, confirmed by phone \(/).waitFor();
    await opened.getByText(REVIEWER).first().waitFor();
    await a.page.getByRole('button', { name: 'Keep the response' }).click();
    await a.page.getByText(`Auditor response ${response.name} kept`).waitFor();

    await openProductPage(a.page);
    const disputedReview = await auditorReviewOn(a.page, disputed);
    await disputedReview.getByText('Disputed', { exact: true }).waitFor();
    await disputedReview.getByText(DISPUTE, { exact: true }).waitFor();
    // Name and organisation, each as the reviewer gave it (response format version 2).
    const by = disputedReview.locator('.reviewer-identity-text');
    await by.filter({ hasText: `${REVIEWER}, ${ORGANISATION}` }).waitFor();
    expect(await by.locator('.reviewer-name').textContent()).toBe(REVIEWER);
    expect(await by.locator('.reviewer-organisation').textContent()).toBe(ORGANISATION);
    // The reviewer's key, in groups: none broken over two lines, even in the narrow findings panel.
    const reviewerKey = disputedReview.getByText(groupedFingerprint(signerB), { exact: true });
    expect(await fingerprintGroupsSplitAcrossLines(reviewerKey)).toEqual([]);
    const agreedReview = await auditorReviewOn(a.page, agreed);
    await agreedReview.getByText('Agreed', { exact: true }).waitFor();
    await agreedReview.getByText(AGREEMENT, { exact: true }).waitFor();
    // Only a disputed note (or one asking for evidence) is answered.
    expect(await agreedReview.getByRole('button', { name: 'Reply…' }).count()).toBe(0);
    await disputedReview.getByRole('button', { name: 'Reply…' }).click();
    await disputedReview.getByRole('textbox', { name: `Reply to ${REVIEWER}` }).fill(REPLY);
    await disputedReview.getByRole('button', { name: 'Save reply' }).click();
    await disputedReview.getByText(REPLY, { exact: true }).waitFor();
    await disputedReview.getByRole('button', { name: 'Edit reply' }).waitFor();
    await elementScreenshot(disputedReview, 'audit-loop-response-on-finding');

    await openBundlesScreen(a.page, baseUrl);
    const again = await exportBundle(a.page, PRODUCT);
    const entries = unzipSync(again.bytes);
    expect(Object.keys(entries)).toContain('data/replies.json');
    const replies = JSON.parse(strFromU8(entries['data/replies.json']!)) as { findingKey: string; text: string }[];
    expect(replies).toEqual([expect.objectContaining({ findingKey: disputed.key, text: REPLY })]);

    // ---- 4. The same product, signed by another installation (C): B is warned before anything of the bundle shows.
    const c = await openSession();
    await openBundlesScreen(c.page, baseUrl);
    const other = await exportBundle(c.page, PRODUCT);
    const readOther = await readBundle(other.bytes);
    if (!readOther.ok) throw new Error(readOther.error);
    expect(readOther.bundle.manifest.scope).toEqual(read.bundle.manifest.scope);
    const signerC = readOther.bundle.manifest.signature!.fingerprint;
    expect(signerC).not.toBe(signerA);

    await page.getByRole('button', { name: 'Close audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();
    await openFile(page, 'from-another-key.sspan', other.bytes);
    const warning = page.getByRole('alertdialog', { name: `The key that signs product "${PRODUCT}" has changed` });
    await warning.waitFor();
    await warning.getByText(/signed by a different key than the one you trusted for this scope/).waitFor();
    await warning.getByText(OWNER_LABEL).waitFor();
    for (const fingerprint of [signerA, signerC]) {
      const shown = warning.getByText(groupedFingerprint(fingerprint), { exact: true });
      await shown.waitFor();
      expect(await fingerprintGroupsSplitAcrossLines(shown)).toEqual([]);
    }
    // Nothing of the bundle yet: no verification result, no way into it, no findings.
    expect(await page.getByRole('region', { name: 'Verification result' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Open in auditor mode' }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Recorded findings' }).count()).toBe(0);
    await elementScreenshot(page.getByRole('region', { name: 'Opening from-another-key.sspan' }), 'audit-loop-scope-signer-warning');

    await warning.getByRole('button', { name: 'Continue read-only' }).click();
    await warning.waitFor({ state: 'detached' });
    const readOnly = page.getByRole('region', { name: 'Verification result' });
    await readOnly.getByText('Signed by an unknown key').waitFor();
    await readOnly.getByRole('note').getByText(/^Read-only: the key that signs this scope changed/).waitFor();
    expect(await page.getByRole('button', { name: 'Merge into my workspace…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Open in auditor mode' }).click();
    await page.getByRole('list', { name: 'Recorded findings' }).waitFor();
    await page.getByRole('button', { name: 'Close audit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();

    // ---- 5. A's bundle with report.html swapped for an all-clear with a script, hashes rewritten, signed again with a valid key.
    const forger = await generateSigningKey();
    const forged = await resignWithReport(bundle.bytes, forger, FORGED_REPORT);
    // Signature and hashes hold; only the report check against the data fails.
    expect((await verifyBundle(forged, { trustedFingerprints: [forger.fingerprint] })).state).toBe('valid');
    expect(await verifyBundle(forged, { trustedFingerprints: [forger.fingerprint], appVersion: read.bundle.manifest.appVersion }))
      .toMatchObject({ state: 'invalid', reasons: [REPORT_MISMATCH_REASON] });

    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await openFile(page, 'all-clear.sspan', forged);
    const invalid = page.getByRole('region', { name: 'Verification result' });
    await invalid.getByText('Invalid: do not rely on this file').waitFor();
    await invalid.getByRole('listitem').filter({ hasText: REPORT_MISMATCH_REASON }).waitFor();
    expect(await page.getByRole('button', { name: 'Open in auditor mode' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Merge into my workspace…' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /report/i }).count()).toBe(0);
    expect(await page.getByText('0 findings, fully compliant').count()).toBe(0);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(FORGED_REPORT).toContain('<script>');
    expect(dialogs).toEqual([]);
    await elementScreenshot(page.getByRole('region', { name: 'Opening all-clear.sspan' }), 'audit-loop-invalid-report');

    cleanSession(a);
    cleanSession(b);
    cleanSession(c);
  }, 180_000);
});
