/**
 * The main planning task in Chromium with the real IndexedDB: model a product with
 * IT and mechanical parts, see a finding appear as the dates are typed, fix it,
 * accept a risk, reload and find everything as it was left; no request leaves 127.0.0.1.
 */
import { describe, expect, it, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoExternalRequests, openProductTab, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

/** Commits an inline product field the way a person does: type, then Enter. */
async function setField(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** Pastes tab-separated rows into the component grid, as from a spreadsheet. */
async function pasteRows(page: Page, tsv: string) {
  const grid = page.getByRole('grid').first();
  await grid.focus();
  await grid.evaluate((element, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, tsv);
}

const panel = (page: Page) => page.getByRole('complementary', { name: /^Findings \(/ });
/** A finding's line in the product's findings panel (its key starts with its kind). */
const lineOf = (page: Page, kind: string) => panel(page).locator(`li[data-finding-key^="${kind}:"]`);
/** Opens a finding's line to its full card, in place. */
async function cardOf(page: Page, kind: string) {
  const button = lineOf(page, kind).locator('button.finding-line');
  await button.waitFor();
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const card = lineOf(page, kind).locator(`article.finding[data-kind="${kind}"]`);
  await card.waitFor();
  return card;
}

describe('findings in Chromium', () => {
  it('a support-ends-before-use finding appears while editing, goes away when fixed; an accepted risk survives a reload', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();

    // A product line and a product, through the screens.
    await page.getByLabel('Name', { exact: true }).fill('E2E washers');
    await page.getByRole('button', { name: 'Create product line' }).click();
    await page.getByRole('list', { name: 'Product lines' }).getByText('E2E washers').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Product' }).click();
    await page.getByLabel('Product line').selectOption({ label: 'E2E washers' });
    await page.getByLabel('Product name').fill('Washer E2E');
    await page.getByLabel('Category').selectOption('washing-machine');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Washer E2E' }).waitFor();

    // The box shows the stored markets, so it turns on once the save lands.
    await openProductTab(page, 'Product details');
    const eu = page.getByRole('checkbox', { name: 'EU' });
    await eu.click();
    await expect.poll(() => eu.isChecked()).toBe(true);
    await setField(page, 'Last placed on the market', '2025-12-31');
    await setField(page, 'Expected use (years)', '10');
    await openProductTab(page, 'Components');
    // Name, Class, Role, Supplier, Version, Core, Security support end, Updates, Expected life, Field replaceable, Spare parts until, Repair docs
    await pasteRows(page, [
      ['Main firmware', 'it', 'firmware', 'Acme', '4.2', 'yes', '2037-06-30', 'ota', '', '', '', ''].join('\t'),
      ['Drain pump', 'mechanical', 'pump', 'Pumpco', '', '', '', '', '5', 'professional', '2030-12-31', 'yes'].join('\t'),
    ].join('\n'));
    await page.getByRole('grid').first().getByText('Drain pump').waitFor();

    await openProductTab(page, 'Product details');
    await setField(page, 'Declared security-support end', '2030-12-31');
    expect(await (await cardOf(page, 'support-ends-before-use')).textContent()).toMatch(/ends 2030-12-31, but units stay in use until 2035-12-31/);

    // Fix the date: the finding goes away.
    await setField(page, 'Declared security-support end', '2036-12-31');
    await lineOf(page, 'support-ends-before-use').waitFor({ state: 'detached' });

    // Accept the risk on the pump's spare-parts gap.
    const spare = await cardOf(page, 'spare-gap');
    await spare.getByRole('button', { name: 'Accept risk' }).click();
    const form = spare.getByRole('form', { name: 'Accept risk' });
    await form.getByLabel('Rationale').fill('Second source qualified; contract in negotiation');
    await form.getByLabel('Reopens after').fill('2027-06-30');
    const name = form.getByLabel('Your name');
    if (await name.count()) await name.fill('E2E Planner');
    await form.getByRole('button', { name: 'Accept risk' }).click();
    await spare.getByText(/Risk accepted by .* until 2027-06-30/).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Washer E2E' }).waitFor();
    await openProductTab(page, 'Product details');
    expect(await page.getByLabel('Declared security-support end', { exact: true }).inputValue()).toBe('2036-12-31');
    // The line says the finding is decided; its card says by whom and until when.
    await lineOf(page, 'spare-gap').locator('.finding-line-status', { hasText: /^Risk accepted$/ }).waitFor();
    await (await cardOf(page, 'spare-gap')).getByText(/Risk accepted by .* until 2027-06-30/).waitFor();
    expect(await lineOf(page, 'support-ends-before-use').count()).toBe(0);

    // The portfolio-wide screen agrees.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
    await page.getByLabel('Search findings').fill('Washer E2E');
    const list = page.getByRole('region', { name: 'Findings in the portfolio' });
    await list.locator('[data-kind="spare-gap"]').getByText(/Risk accepted/).waitFor();

    expectNoExternalRequests(session);
    expect(session.pageErrors).toEqual([]);
  });
});
