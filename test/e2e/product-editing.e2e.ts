import { describe, expect, inject, it } from 'vitest';
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { expectNoExternalRequests, openProductTab, screenshot, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: /^Components of / });
}

/** The cell of a data row (1-based, as the row numbers shown) and a column key. */
function cell(page: Page, row: number, column: string): Locator {
  return grid(page).locator(`[role="row"][aria-rowindex="${row + 1}"] [data-column="${column}"]`);
}

async function pasteTsv(page: Page, text: string): Promise<void> {
  await grid(page).evaluate((el, tsv) => {
    const data = new DataTransfer();
    data.setData('text/plain', tsv);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function savedCleanly(page: Page): Promise<void> {
  await page.getByTestId('save-status').getByText(/^Saved at/).waitFor();
}

describe('product editing in Chromium', () => {
  it('creates a product with IT and mechanical components by keyboard and mouse, pastes, undoes, and finds it all after a reload', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    const lineForm = page.locator('form.new-line-form');
    await lineForm.getByLabel('Name', { exact: true }).fill('E2E thermostats');
    await lineForm.getByRole('button', { name: 'Create product line' }).click();
    await page.getByText('E2E thermostats').first().waitFor();

    // The product page's own "new product" entry.
    await page.goto(`${baseUrl}#/product`);
    await page.getByRole('heading', { level: 2, name: 'New product' }).waitFor();
    await page.getByLabel('Product line').selectOption({ label: 'E2E thermostats' });
    await page.getByLabel('Product name').fill('Room thermostat T9');
    await page.getByLabel('Category').selectOption('thermostat');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Room thermostat T9' }).waitFor();
    await page.getByRole('link', { name: 'E2E thermostats' }).waitFor();

    // Product fields: a bad date is refused where it is typed.
    await openProductTab(page, 'Product details');
    const support = page.getByLabel('Declared security-support end');
    await support.fill('2030-13');
    await support.press('Enter');
    await page.getByText('month 13 in "2030-13" does not exist').waitFor();
    expect(await support.getAttribute('aria-invalid')).toBe('true');
    await support.fill('2030-12');
    await support.press('Enter');
    await savedCleanly(page);
    await page.getByLabel('Expected use (years)').fill('10');
    await page.getByLabel('Expected use (years)').press('Enter');
    await page.getByRole('checkbox', { name: 'EU' }).check();

    // An IT component by keyboard: the new row has the cursor, typing edits, Tab moves right.
    await openProductTab(page, 'Components');
    await page.getByRole('button', { name: 'Add component' }).click();
    // Row 1 is the added component once the empty row (its placeholder says the same) moved below it.
    await cell(page, 2, 'name').getByText('New component').waitFor();
    await cell(page, 1, 'name').getByText('New component').waitFor();
    await page.keyboard.type('Main firmware');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Acme');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4.2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2031-06');
    await page.keyboard.press('Enter');
    await cell(page, 1, 'securitySupportEnd').getByText('2031-06').waitFor();
    await savedCleanly(page);

    // A mechanical part by mouse.
    await page.getByRole('button', { name: /^Mechanical/ }).click();
    await page.getByRole('button', { name: 'Add component' }).click();
    await cell(page, 2, 'name').getByText('New mechanical part').waitFor();
    await cell(page, 1, 'name').getByText('New mechanical part').waitFor();
    await cell(page, 1, 'name').dblclick();
    await grid(page).getByRole('textbox', { name: 'Name, row 1' }).fill('Fan motor');
    await page.keyboard.press('Enter');
    await cell(page, 1, 'name').getByText('Fan motor').waitFor();
    await cell(page, 1, 'expectedLifeYears').click();
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await cell(page, 1, 'expectedLifeYears').getByText('8').waitFor();

    // A bad date at the cell: refused with the reason, nothing stored.
    await page.getByRole('button', { name: /^All/ }).click();
    await cell(page, 2, 'sparePartsUntil').click();
    await page.keyboard.type('2031-02-30');
    await page.keyboard.press('Enter');
    await grid(page).getByRole('alert').getByText('day 30 in "2031-02-30" does not exist (2031-02 has 28 days)').waitFor();
    await page.keyboard.press('Escape');
    expect(await cell(page, 2, 'sparePartsUntil').textContent()).toBe('');

    // A TSV block from a spreadsheet: fills from the active cell and adds a row.
    await cell(page, 2, 'name').click();
    await pasteTsv(page, 'Fan motor\tmechanical\tmotor\tMaker Ltd\nDoor hinge\tMechanical\thinge\tHinge Co\n');
    // Row 2's role changes (Other → Motor): the paste says it wrote over an existing row.
    await page.getByText('Pasted 1 row over existing rows and added 1 row — Undo (Ctrl+Z) restores them').waitFor();
    await cell(page, 3, 'name').getByText('Door hinge').waitFor();
    expect(await cell(page, 2, 'supplier').textContent()).toBe('Maker Ltd');
    expect(await cell(page, 3, 'role').textContent()).toBe('Hinge');
    // A block with a bad cell is refused as a whole.
    await cell(page, 2, 'name').click();
    await pasteTsv(page, 'Fan motor\tmechanical\tmotor\tMaker Ltd\t1.0\tmaybe\n');
    await page.getByText(/Nothing was pasted: 1 cell was refused/).waitFor();
    await page.getByText(/row 2, Core: “maybe” is not yes, no or empty \(unknown\)/).waitFor();

    // Undo and redo with the keyboard on the grid.
    await cell(page, 1, 'name').click();
    await page.keyboard.press('Control+z');
    await cell(page, 3, 'name').getByText('Door hinge').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+y');
    await cell(page, 3, 'name').getByText('Door hinge').waitFor();
    await page.keyboard.press('Control+z');
    await cell(page, 3, 'name').getByText('Door hinge').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Shift+z');
    await cell(page, 3, 'name').getByText('Door hinge').waitFor();
    await savedCleanly(page);

    await screenshot(page, 'product-editing', 'light');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Room thermostat T9' }).waitFor();
    await cell(page, 1, 'name').getByText('Main firmware').waitFor();
    expect(await cell(page, 1, 'supplier').textContent()).toBe('Acme');
    expect(await cell(page, 1, 'version').textContent()).toBe('4.2');
    expect(await cell(page, 1, 'securitySupportEnd').textContent()).toBe('2031-06');
    expect(await cell(page, 2, 'name').textContent()).toBe('Fan motor');
    expect(await cell(page, 2, 'role').textContent()).toBe('Motor');
    expect(await cell(page, 2, 'expectedLifeYears').textContent()).toBe('8');
    expect(await cell(page, 3, 'name').textContent()).toBe('Door hinge');
    expect(await cell(page, 3, 'class').textContent()).toBe('Mechanical');
    await openProductTab(page, 'Product details');
    expect(await page.getByLabel('Declared security-support end').inputValue()).toBe('2030-12');
    expect(await page.getByLabel('Expected use (years)').inputValue()).toBe('10');
    expect(await page.getByRole('checkbox', { name: 'EU' }).isChecked()).toBe(true);
    // The stacks live in IndexedDB: undo still works after the reload.
    await expect(page.getByRole('button', { name: 'Undo' }).isEnabled()).resolves.toBe(true);

    expectNoExternalRequests(session);
    expect(session.pageErrors).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders a product page in the ${colorScheme} theme (screenshot, axe on the editor)`, async () => {
      const session = await openSession({ colorScheme, viewport: { width: 1440, height: 900 } });
      const { page } = session;
      await page.goto(`${baseUrl}#/product`);
      const products = page.getByRole('navigation', { name: 'Products' });
      await products.getByRole('link').first().waitFor();
      await products.getByRole('link').first().click();
      await grid(page).getByRole('gridcell').first().waitFor();
      await cell(page, 1, 'name').click();
      const path = await screenshot(page, 'product', colorScheme);
      expect(existsSync(path)).toBe(true);
      // The editor is the component grid (Components tab) and the product's own fields (Product details tab).
      const gridAxe = await new AxeBuilder({ page }).include('.tab-panel-components').analyze();
      await openProductTab(page, 'Product details');
      await page.getByLabel('Declared security-support end').waitFor();
      const fieldsAxe = await new AxeBuilder({ page }).include('.product-editor').analyze();
      const serious = [...gridAxe.violations, ...fieldsAxe.violations].filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expectNoExternalRequests(session);
    });
  }
});
