import { describe, expect, inject, it } from 'vitest';
import { readBundle, verifyAuditResponse, verifyBundle } from '../../shared/bundle';
import { download, expectNoExternalRequests, giveExportName, screenshot, seriousViolations, useAppSessions } from './support/browser';
import { openBundlesScreen, openFile, trustThroughDialog } from './support/bundles';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

describe('bundles between two profiles in Chromium', () => {
  it('exports a signed bundle in one profile, audits it in another, answers, and spots a tampered copy', async () => {
    // Profile A: the sample portfolio is loaded on first run; export it signed.
    const a = await openSession();
    await openBundlesScreen(a.page, baseUrl);
    await giveExportName(a.page);
    const exported = await download(a.page, () => a.page.getByRole('button', { name: 'Export bundle…' }).click());
    expect(exported.name).toMatch(/^portfolio-\d{4}-\d{2}-\d{2}\.sspan$/);
    const read = await readBundle(exported.bytes);
    if (!read.ok) throw new Error(read.error);
    const signerA = read.bundle.manifest.signature?.fingerprint;
    expect(signerA).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyBundle(exported.bytes, { trustedFingerprints: [signerA!] })).state).toBe('valid');
    expect(read.bundle.portfolio.products.length).toBeGreaterThan(0);
    // A shows its own fingerprint, grouped, for the auditor to compare over another channel
    const grouped = signerA!.match(/.{4}/g)!.join(' ');
    await a.page.getByText(`Fingerprint: ${grouped}`).waitFor();

    // Profile B: its own IndexedDB; the signer is unknown until trusted.
    const b = await openSession();
    const page = b.page;
    await openBundlesScreen(page, baseUrl);
    await openFile(page, exported.name, exported.bytes);
    const result = page.getByRole('region', { name: 'Verification result' });
    await result.getByText('Signed by an unknown key').waitFor();
    await result.getByText(grouped).first().waitFor();
    await trustThroughDialog(result, 'Profile A, confirmed in person');
    await result.getByText(`Verified: signed by Profile A, confirmed in person (${grouped.split(' ').slice(0, 2).join(' ')} …)`).waitFor();

    await page.getByRole('button', { name: 'Open in auditor mode' }).click();
    const banner = page.getByRole('region', { name: 'Audit banner' });
    await banner.getByText(`Verified: signed by Profile A, confirmed in person (${grouped.split(' ').slice(0, 2).join(' ')} …)`).waitFor();
    await banner.getByText('The re-analysis gives the findings the manufacturer recorded.').waitFor();
    // Compact: a line or two, scrolling with the page, never covering the findings.
    const box = await banner.boundingBox();
    expect(box!.height).toBeLessThan(120);
    expect(await banner.evaluate((el) => getComputedStyle(el).position)).not.toBe('sticky');
    await banner.getByText(/^What the file proves/).click();
    await banner.getByText('whole portfolio', { exact: true }).waitFor();
    await banner.getByText(read.bundle.manifest.asOf).first().waitFor();

    const findings = page.getByRole('list', { name: 'Recorded findings' });
    const first = findings.getByRole('listitem').first();
    await first.getByRole('combobox').selectOption('needs-evidence');
    await first.getByRole('textbox').fill('Please send the supplier letter <b>now</b>');
    await page.getByRole('textbox', { name: 'Conclusion' }).fill('Reviewed in the e2e run.');
    await page.getByRole('textbox', { name: 'Reviewer name' }).fill('Rita Reviewer');
    await page.getByRole('textbox', { name: 'Reviewer organisation' }).fill('Notified Body 0001');
    await banner.screenshot({ path: await bannerPath('light') });
    const axe: Record<string, string[]> = { light: await seriousViolations(page) };
    await page.emulateMedia({ colorScheme: 'dark' });
    await banner.screenshot({ path: await bannerPath('dark') });
    axe.dark = await seriousViolations(page);
    expect(axe).toEqual({ light: [], dark: [] });
    await screenshot(page, 'auditor-workspace', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'auditor-workspace', 'light');

    const response = await download(page, () => page.getByRole('button', { name: 'Export auditor response…' }).click());
    expect(response.name).toMatch(/-response\.sspan-response$/);
    const checked = await verifyAuditResponse(response.bytes);
    expect(checked.state).toBe('unknown-key');
    expect(checked.fingerprint).not.toBe(signerA);
    const trusted = await verifyAuditResponse(response.bytes, { trustedFingerprints: [checked.fingerprint!] });
    expect(trusted.state).toBe('valid');
    expect(trusted.manifest?.original.manifestHash).toBe(read.bundle.manifestHash);
    expect(trusted.manifest?.original.signer).toBe(signerA);
    expect(trusted.manifest?.original.verification).toBe('valid');
    expect(trusted.review?.summary).toBe('Reviewed in the e2e run.');
    expect(trusted.review?.entries).toEqual([expect.objectContaining({ status: 'needs-evidence', note: 'Please send the supplier letter <b>now</b>' })]);

    // One changed byte in the middle of the file: B sees "invalid" and gets nothing to open.
    await page.getByRole('button', { name: 'Close audit' }).click();
    const tampered = exported.bytes.slice();
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0xff;
    await openFile(page, 'tampered.sspan', tampered);
    await page.getByRole('region', { name: 'Verification result' }).getByText(/^Invalid/).waitFor();
    expect(await page.getByRole('button', { name: 'Open in auditor mode' }).count()).toBe(0);
    await screenshot(page, 'bundle-invalid', 'light');

    expectNoExternalRequests(a);
    expectNoExternalRequests(b);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});

async function bannerPath(scheme: 'light' | 'dark'): Promise<string> {
  const { SCREENSHOT_DIR } = await import('./support/browser');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return `${SCREENSHOT_DIR}/auditor-banner-${scheme}.png`;
}
