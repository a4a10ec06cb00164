import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openProductTab, screenshot, seriousViolations, useAppSessions } from './support/browser';

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
    await openProductTab(a, 'Product details');
    await openProductTab(b, 'Product details');
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

  it('a grid cell edited over a value changed in the other tab asks, showing the other tab\'s value', async () => {
    const { a, b } = await twoTabsOnOneProduct();
    await a.getByRole('button', { name: 'Add component' }).click();
    const cellIn = (page: Page, rowIndex = 2) => page.getByRole('grid', { name: 'Components of Gateway G1' }).locator(`[role="row"][aria-rowindex="${rowIndex}"] [data-column="name"]`);
    // The empty row (its placeholder reads the same) has moved below the added component, in both tabs.
    for (const page of [a, b]) {
      await cellIn(page, 3).getByText('New component').waitFor();
      await expect.poll(() => cellIn(page).textContent()).toBe('New component');
    }

    // A opens the cell's editor; meanwhile B renames the same component
    await cellIn(a).click();
    await a.keyboard.press('Enter');
    await cellIn(a).getByRole('textbox').waitFor();
    await cellIn(b).click();
    await b.keyboard.press('Enter');
    await b.keyboard.press('ControlOrMeta+a');
    await b.keyboard.type('Modem (B)');
    await b.keyboard.press('Enter');
    await expect.poll(() => cellIn(b).textContent()).toBe('Modem (B)');

    // A commits: asked with B's value, declines; B's value stays in both tabs
    const asked: string[] = [];
    a.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
    await a.keyboard.press('ControlOrMeta+a');
    await a.keyboard.type('Modem (A)');
    await a.keyboard.press('Enter');
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('“New component”, Name: now “Modem (B)” (yours: “Modem (A)”)');
    await a.getByText('Nothing was saved: kept the value from the other window.').waitFor();
    await expect.poll(() => cellIn(a).textContent()).toBe('Modem (B)');
    await expect.poll(() => cellIn(b).textContent()).toBe('Modem (B)');
    // The question is not a failed save: the status does not say "Not saved".
    expect(await a.getByTestId('save-status').textContent()).not.toMatch(/Not saved/);
    // A background tab paints no frames, and the grid draws its rows in one.
    await a.bringToFront();
    expect(await seriousViolations(a)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await a.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 1440, 1920]) {
        await a.setViewportSize({ width, height: 900 });
        await screenshot(a, `two-tabs-grid-kept-${width}`, scheme);
      }
    }

    // Again, and accepts: A's value replaces B's, in both tabs
    await cellIn(a).click();
    await a.keyboard.press('Enter');
    await cellIn(a).getByRole('textbox').waitFor();
    await cellIn(b).click();
    await b.keyboard.press('Enter');
    await b.keyboard.press('ControlOrMeta+a');
    await b.keyboard.type('Modem (B2)');
    await b.keyboard.press('Enter');
    await expect.poll(() => cellIn(b).textContent()).toBe('Modem (B2)');
    a.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.accept(); });
    await a.keyboard.press('ControlOrMeta+a');
    await a.keyboard.type('Modem (A2)');
    await a.keyboard.press('Enter');
    await expect.poll(() => asked.length).toBe(2);
    expect(asked[1]).toContain('Name: now “Modem (B2)” (yours: “Modem (A2)”)');
    await expect.poll(() => cellIn(b).textContent()).toBe('Modem (A2)');
  });

  it('undo in one tab does not revert the other tab\'s edit, and refuses when its record changed since', async () => {
    const { a, b } = await twoTabsOnOneProduct();
    await openProductTab(a, 'Product details');
    await openProductTab(b, 'Product details');
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
