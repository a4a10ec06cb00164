import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

async function savedCleanly(page: Page): Promise<void> {
  await page.getByTestId('save-status').getByText(/^Saved at/).waitFor();
}

/** Two pages of one browser context: the same origin, the same IndexedDB, as two tabs of one browser. */
async function twoTabsOnOneProduct(): Promise<{ a: Page; b: Page }> {
  const { context, page: a } = await openSession();
  await a.goto(baseUrl);
  const lineForm = a.locator('form.new-line-form');
  await lineForm.getByLabel('Name', { exact: true }).fill('Two-tab line');
  await lineForm.getByRole('button', { name: 'Create product line' }).click();
  await a.getByText('Two-tab line').first().waitFor();
  await a.goto(`${baseUrl}#/product`);
  await a.getByLabel('Product line').selectOption({ label: 'Two-tab line' });
  await a.getByLabel('Product name').fill('Gateway G1');
  await a.getByLabel('Category').selectOption('gateway');
  await a.getByRole('button', { name: 'Create product' }).click();
  await a.getByRole('heading', { level: 1, name: 'Gateway G1' }).waitFor();
  const b = await context.newPage();
  await b.goto(a.url());
  await b.getByRole('heading', { level: 1, name: 'Gateway G1' }).waitFor();
  return { a, b };
}

describe('two tabs on one workspace', () => {
  it('a same-field edit over a value changed in the other tab asks before overwriting', async () => {
    const { a, b } = await twoTabsOnOneProduct();
    // A starts typing a SKU; meanwhile B saves another one
    const skuA = a.getByLabel('SKU / model designation');
    await skuA.fill('FROM-A');
    const skuB = b.getByLabel('SKU / model designation');
    await skuB.fill('FROM-B');
    await skuB.press('Enter');
    await savedCleanly(b);
    await a.getByText(/Changed in another window or tab: Edit of product “Gateway G1”/).waitFor();

    // A commits: asked, declines, B's value stays
    const asked: string[] = [];
    a.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await skuA.press('Enter');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toBe('SKU / model designation was changed in another window or tab to “FROM-B” since you started editing it. Replace it with your “FROM-A”?');
    await expect.poll(() => skuA.inputValue()).toBe('FROM-B');
    await expect.poll(() => skuB.inputValue()).toBe('FROM-B');

    // Again, and accepts: A's value replaces B's, in both tabs
    await skuA.fill('FROM-A2');
    await skuB.fill('FROM-B2');
    await skuB.press('Enter');
    await expect.poll(() => skuA.inputValue()).toBe('FROM-A2');
    a.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.accept(); });
    await skuA.press('Enter');
    await expect.poll(() => asked.length).toBe(2);
    await expect.poll(() => skuB.inputValue()).toBe('FROM-A2');
    expect(await seriousViolations(a)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await a.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 1440, 1920]) {
        await a.setViewportSize({ width, height: 900 });
        await screenshot(a, `two-tabs-notice-${width}`, scheme);
      }
    }
  });

  it('undo in one tab does not revert the other tab\'s edit, and refuses when its record changed since', async () => {
    const { a, b } = await twoTabsOnOneProduct();
    const skuA = a.getByLabel('SKU / model designation');
    await skuA.fill('SKU-A');
    await skuA.press('Enter');
    await savedCleanly(a);
    const nameB = b.getByLabel('Name', { exact: true });
    await nameB.fill('Gateway G1 (B)');
    await nameB.press('Enter');
    await savedCleanly(b);
    await a.getByRole('heading', { level: 1, name: 'Gateway G1 (B)' }).waitFor();

    // A's undo would revert its SKU edit, but B changed that product since: refused, nothing changes
    await a.getByRole('button', { name: 'Undo', exact: true }).click();
    await a.getByText(/Could not undo: product Gateway G1 \(B\) was changed since \(in another window or tab/).waitFor();
    await expect.poll(() => skuA.inputValue()).toBe('SKU-A');

    // B's undo reverts B's own rename only
    await b.getByRole('button', { name: 'Undo', exact: true }).click();
    await b.getByRole('heading', { level: 1, name: 'Gateway G1' }).waitFor();
    await a.getByRole('heading', { level: 1, name: 'Gateway G1' }).waitFor();
    expect(await b.getByLabel('SKU / model designation').inputValue()).toBe('SKU-A');

    // now A's own edit can be undone
    await a.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => b.getByLabel('SKU / model designation').inputValue()).toBe('');
    expect(await a.getByRole('heading', { level: 1 }).textContent()).toBe('Gateway G1');
  });
});
