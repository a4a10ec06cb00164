/**
 * Steps of the bundle screens shared by the bundle e2e tests: going to
 * "Bundles & audits", handing the app a file through its "Open a bundle…" file
 * chooser, trusting a signer through the trust dialog, and exporting a bundle.
 */
import type { Locator, Page } from 'playwright-core';
import { download, giveExportName } from './browser';

/** Opens the app at `baseUrl` and goes to "Bundles & audits" through the main navigation. */
export async function openBundlesScreen(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bundles & audits' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();
}

/** Chooses a file in the chooser "Open a bundle…" opens, as a person would (a bundle or an auditor's response). */
export async function openFile(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open a bundle…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}

/** `ab12 cd34 …`: a fingerprint in groups of four, as the app shows it. */
export function groupedFingerprint(hex: string): string {
  return hex.match(/.{4}/g)!.join(' ');
}

/** "Verified: signed by <label> (ab12 cd34 …)": how a verified bundle names its signer. */
export function verifiedBy(label: string, fingerprint: string): string {
  return `Verified: signed by ${label} (${groupedFingerprint(fingerprint).split(' ').slice(0, 2).join(' ')} …)`;
}

/**
 * Trusts the signer shown in `within` through its trust dialog: the owner label
 * and the confirmation that every group was compared. `beforeConfirm` gets the
 * filled dialog before it is confirmed (to check what it shows, or screenshot it).
 */
export async function trustThroughDialog(within: Locator, label: string, beforeConfirm?: (dialog: Locator) => Promise<void>): Promise<void> {
  await within.getByRole('button', { name: 'Trust this key…' }).click();
  const dialog = within.getByRole('dialog', { name: 'Trust this key?' });
  await dialog.getByLabel(/Whose key is it/).fill(label);
  await dialog.getByRole('checkbox', { name: /I compared all 16 groups/ }).check();
  await beforeConfirm?.(dialog);
  await dialog.getByRole('button', { name: 'Trust this key' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/**
 * On "Bundles & audits": exports a signed bundle of the scope chosen by its
 * option label ("Whole portfolio", a line "<name> (whole line)", or a product's
 * name) and waits for the confirmation; returns the downloaded file.
 */
export async function exportBundle(page: Page, scopeOption?: string): Promise<{ name: string; bytes: Uint8Array }> {
  const form = page.getByRole('region', { name: 'Export a bundle' });
  if (scopeOption) await form.getByRole('combobox', { name: 'Scope' }).selectOption({ label: scopeOption });
  await giveExportName(page);
  const file = await download(page, () => form.getByRole('button', { name: 'Export bundle…' }).click());
  await page.getByRole('status').filter({ hasText: `Exported ${file.name}:` }).waitFor();
  return file;
}

/**
 * The groups of a fingerprint shown in `code` (an element holding the grouped
 * fingerprint as text) that the layout breaks across two lines: a group split in
 * the middle is easy to misread when comparing the key over the phone.
 */
export async function fingerprintGroupsSplitAcrossLines(code: Locator): Promise<string[]> {
  return code.evaluate((el) => {
    const text = el.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE) throw new Error('the fingerprint is not a single text');
    const split: string[] = [];
    for (const m of (text.textContent ?? '').matchAll(/[0-9a-f]{4}/g)) {
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + 4);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) split.push(m[0]);
    }
    return split;
  });
}
