import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoExternalRequests, screenshot, seriousViolations, startEmptyWorkspace, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');

const openSession = useAppSessions();

function tree(page: Page) {
  return page.getByRole('treegrid', { name: 'Products by product line' });
}

function productRow(page: Page, name: string) {
  return tree(page).locator('[role="row"][aria-level="2"]').filter({ has: page.locator('.product-open', { hasText: new RegExp(`^${name.replace(/[()]/g, '\\$&')}$`) }) });
}

async function productNames(page: Page): Promise<string[]> {
  return tree(page).locator('[role="row"][aria-level="2"] .product-open').allTextContents();
}

describe('portfolio in Chromium', () => {
  it('starts with the sample, filters, opens a product by keyboard, duplicates, moves, deletes with undo, and keeps it all after a reload', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('region', { name: 'This is sample data' }).waitFor();
    await productRow(page, 'Nestwarm T3').waitFor();
    expect(await productNames(page)).toHaveLength(8);

    // Filter by market and severity: the filters combine.
    await page.getByLabel('Market').selectOption('US');
    await expect.poll(() => productNames(page)).toHaveLength(6);
    await page.getByLabel('Severity').selectOption('high');
    const summary = page.getByTestId('portfolio-summary');
    await expect.poll(() => summary.textContent()).toMatch(/of 8 products match/);
    const filtered = await productNames(page);
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThanOrEqual(6);
    expect(filtered).not.toContain('AquaPure W8 WiFi');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => productNames(page)).toHaveLength(8);

    // Keyboard: into the tree, down to the first product, Enter opens it.
    await tree(page).locator('[role="row"][tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    const focusedName = await page.evaluate(() => document.activeElement?.querySelector('.product-open')?.textContent ?? null);
    expect(focusedName).toBe('AquaPure W8 WiFi');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/product\/.+/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
    await productRow(page, 'Nestwarm T3').waitFor();

    // Duplicate.
    await productRow(page, 'Nestwarm T3').locator('.num').first().click();
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await productRow(page, 'Nestwarm T3 (copy)').waitFor();

    // Move the copy to the locks line.
    await page.getByRole('button', { name: 'Move to line…' }).click();
    const move = page.getByRole('dialog', { name: 'Move “Nestwarm T3 (copy)”' });
    await move.getByLabel('Move to product line').selectOption({ label: 'Keystone Smart Locks' });
    await move.getByRole('button', { name: 'Move' }).click();
    await page.getByText('Moved “Nestwarm T3 (copy)” to “Keystone Smart Locks”.').waitFor();
    const lockLine = tree(page).locator('[role="row"][aria-level="1"]', { hasText: 'Keystone Smart Locks' });
    await expect.poll(() => lockLine.textContent()).toContain('3 products');

    // Delete with confirmation, then undo.
    await productRow(page, 'FieldLink G200').locator('.num').first().click();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete product' });
    await confirm.getByRole('button', { name: 'Delete product' }).click();
    await expect.poll(() => productNames(page)).not.toContain('FieldLink G200');
    await page.getByRole('button', { name: 'Undo: Deleted the product “FieldLink G200”.' }).click();
    await productRow(page, 'FieldLink G200').waitFor();

    await page.reload();
    await productRow(page, 'Nestwarm T3 (copy)').waitFor();
    await productRow(page, 'FieldLink G200').waitFor();
    expect(await productNames(page)).toHaveLength(9);
    await expect.poll(() => tree(page).locator('[role="row"][aria-level="1"]', { hasText: 'Keystone Smart Locks' }).textContent()).toContain('3 products');

    expectNoExternalRequests(session);
    expect(session.pageErrors).toEqual([]);
  });

  it('starts an empty workspace after confirmation and stays empty after a reload', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    await startEmptyWorkspace(page);
    await page.reload();
    await page.getByText('No product lines yet.').waitFor();
    expect(await page.getByRole('region', { name: 'This is sample data' }).count()).toBe(0);
    expectNoExternalRequests(session);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders the portfolio overview and its charts in the ${colorScheme} theme (screenshots, axe)`, async () => {
      const session = await openSession({ colorScheme });
      const { page } = session;
      await page.goto(baseUrl);
      await productRow(page, 'Nestwarm T3').waitFor();
      // Findings are in: every product shows its worst open finding or "No open findings".
      await expect.poll(() => tree(page).locator('.severity-badge').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'portfolio-overview', colorScheme);

      await page.getByText('Charts: support end vs use end, findings by kind').click();
      await page.getByRole('region', { name: 'Portfolio charts' }).locator('svg').first().waitFor();
      await screenshot(page, 'portfolio-overview-charts', colorScheme);

      await productRow(page, 'Keystone L1').locator('.num').first().click();
      await page.getByRole('button', { name: 'Delete…' }).click();
      await page.getByRole('dialog', { name: 'Delete product' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'portfolio-delete-dialog', colorScheme);
      expectNoExternalRequests(session);
    });
  }
});
