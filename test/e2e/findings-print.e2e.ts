/**
 * Findings for management in Chromium, on the first-run sample portfolio: the
 * shown findings exported as CSV (a real download), "Print / PDF" through the
 * browser's print dialog with every finding in the page, and the print
 * styles: no navigation, buttons or filters; the cards and their subjects stay.
 */
import { describe, expect, it, inject } from 'vitest';
import Papa from 'papaparse';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { download, expectNoExternalRequests, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

describe('findings export and printing in Chromium', () => {
  it('exports the shown findings as CSV, prints every finding, and prints without the controls', async () => {
    const session = await openSession({ viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings', exact: true }).click();
    await page.getByRole('region', { name: 'Findings in the portfolio' }).waitFor();
    const bar = page.getByRole('region', { name: 'Export findings' });
    const label = (await bar.locator('.findings-export-label').textContent()) ?? '';
    const total = Number(/all ([\d,]+)/.exec(label)![1]!.replace(/,/g, ''));
    expect(total).toBeGreaterThan(20);

    // CSV of all findings, then of the high ones only.
    const all = await download(page, () => bar.getByRole('button', { name: `Export all ${total} findings as CSV` }).click());
    expect(all.name).toMatch(/^findings-portfolio-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = (bytes: Uint8Array) => Papa.parse<Record<string, string>>(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows(all.bytes)).toHaveLength(total);
    await page.getByLabel('Severity').selectOption('high');
    const high = await download(page, () => bar.getByRole('button', { name: /^Export the \d+ filtered findings as CSV$/ }).click());
    const highRows = rows(high.bytes);
    expect(highRows.length).toBeGreaterThan(0);
    expect(highRows.length).toBeLessThan(total);
    expect(new Set(highRows.map((r) => r['Severity']))).toEqual(new Set(['High']));
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // At print time every finding is in the page (a long list is virtualized on screen: see finding-list tests).
    await page.evaluate(() => {
      (window as unknown as { printedCards: number }).printedCards = -1;
      window.print = () => {
        (window as unknown as { printedCards: number }).printedCards = document.querySelectorAll('article.finding').length;
      };
    });
    await bar.getByRole('button', { name: 'Print / PDF' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printedCards: number }).printedCards)).toBe(total);
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('Sent to the print dialog.');

    // The print styles.
    await page.emulateMedia({ media: 'print' });
    expect(await visible(page, 'nav[aria-label="Main"]')).toBe(false);
    expect(await visible(page, '.findings-export')).toBe(false);
    expect(await visible(page, '.finding-filters select')).toBe(false);
    expect(await visible(page, '.decision-controls')).toBe(false);
    expect(await visible(page, 'article.finding')).toBe(true);
    expect(await visible(page, 'button.finding-go')).toBe(true);
    expect(await page.locator('article.finding').first().evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
    const mainWidth = await page.locator('main').evaluate((el) => el.getBoundingClientRect().width);
    expect(mainWidth).toBeGreaterThan(1200);
    const pdf = await PDFDocument.load(await page.pdf({ format: 'A4' }));
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    expectNoExternalRequests(session);
  });
});
