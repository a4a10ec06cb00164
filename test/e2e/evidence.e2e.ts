import { createHash } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readBundle } from '../../shared/bundle';
import { download, expectNoExternalRequests, openProductTab, screenshot, seriousViolations, useAppSessions, giveExportName } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function openBundlesScreen(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bundles & audits' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();
}

describe('evidence files between two profiles in Chromium', () => {
  it('attaches a file to a product in profile A, exports it in a bundle, and profile B sees it with its hash as an auditor', async () => {
    const letter = new TextEncoder().encode('Supplier letter: security updates for the Wi-Fi module until 2031-12. <b>Signed</b>');
    const hash = sha(letter);

    // Profile A: the sample is loaded on first run; open a product and attach the letter.
    const a = await openSession();
    await a.page.goto(baseUrl);
    const tree = a.page.getByRole('treegrid', { name: 'Products by product line' });
    await tree.locator('.product-open', { hasText: /^Nestwarm T3$/ }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Nestwarm T3' }).waitFor();
    await openProductTab(a.page, 'Evidence');
    const section = a.page.getByRole('region', { name: /^Evidence/ });
    await section.getByText('No files attached yet.').waitFor();
    const chooser = a.page.waitForEvent('filechooser');
    await section.getByRole('button', { name: 'Attach a file…' }).click();
    await (await chooser).setFiles({ name: 'supplier-letter.txt', mimeType: 'text/plain', buffer: Buffer.from(letter) });
    const table = section.getByRole('table', { name: 'Evidence files' });
    await table.getByText('supplier-letter.txt').waitFor();
    await table.getByText(`${hash.slice(0, 12)}…`).waitFor();
    await section.scrollIntoViewIfNeeded();
    expect(await seriousViolations(a.page)).toEqual([]);
    await screenshot(a.page, 'product-evidence', 'light');

    // Downloading gives the exact bytes back.
    const back = await download(a.page, () => section.getByRole('button', { name: 'Download supplier-letter.txt' }).click());
    expect(back.name).toBe('supplier-letter.txt');
    expect(sha(back.bytes)).toBe(hash);

    await openBundlesScreen(a.page);
    await giveExportName(a.page);
    const exported = await download(a.page, () => a.page.getByRole('button', { name: 'Export bundle…' }).click());
    const read = await readBundle(exported.bytes);
    if (!read.ok) throw new Error(read.error);
    const product = read.bundle.portfolio.products.find((p) => p.name === 'Nestwarm T3')!;
    expect(read.bundle.evidence.map((e) => ({ ownerId: e.ownerId, name: e.name, sha256: e.sha256, size: e.size }))).toEqual([
      { ownerId: product.id, name: 'supplier-letter.txt', sha256: hash, size: letter.length },
    ]);

    // Profile B: its own IndexedDB; opens the bundle as an auditor and sees the file with its full hash.
    const b = await openSession();
    const page = b.page;
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    await openBundlesScreen(page);
    const open = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open a bundle…' }).click();
    await (await open).setFiles({ name: exported.name, mimeType: 'application/octet-stream', buffer: Buffer.from(exported.bytes) });
    await page.getByRole('button', { name: 'Open in auditor mode' }).click();
    await page.getByRole('region', { name: 'Audit banner' }).waitFor();
    const evidence = page.getByRole('region', { name: 'Evidence files (1)' });
    const row = evidence.getByRole('row').filter({ hasText: 'supplier-letter.txt' });
    await row.getByText(hash).waitFor();
    await row.getByText('Product Nestwarm T3').waitFor();
    const saved = await download(page, () => row.getByRole('button', { name: 'Save supplier-letter.txt' }).click());
    expect(saved.name).toBe('supplier-letter.txt');
    expect(sha(saved.bytes)).toBe(hash);
    await evidence.scrollIntoViewIfNeeded();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'auditor-evidence', 'light');

    expectNoExternalRequests(a);
    expectNoExternalRequests(b);
    expect(a.pageErrors).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});
