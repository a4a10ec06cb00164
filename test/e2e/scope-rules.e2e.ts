/**
 * Scope and the effective support end in Chromium: an industrial gateway sold
 * in the EU and the UK, with a declared end of 2041-12 and a core kernel ending
 * 2033-12. The planner shows the effective end with the kernel beside the
 * declared end and does not call it met; the PSTI rules do not apply (not sold
 * to consumers) and say so in the planner and beside the finding filters.
 * Screenshots at 1280, 1440 and 1920 px, light and dark; axe stays clean.
 */
import { describe, expect, it, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoExternalRequests, openProductTab, screenshot, seriousViolations, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

async function setField(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

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
const WIDTHS = [1280, 1440, 1920] as const;
const SCHEMES = ['light', 'dark'] as const;

describe('scope rules and the effective support end in Chromium', () => {
  it('shows the effective end and the rules that do not apply in the planner, product fields and finding filters', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('E2E controllers');
    await page.locator('form.new-line-form').getByLabel('Environment').selectOption('industrial');
    await page.getByRole('button', { name: 'Create product line' }).click();
    await page.getByRole('list', { name: 'Product lines' }).getByText('E2E controllers').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Product' }).click();
    await page.getByLabel('Product line').selectOption({ label: 'E2E controllers' });
    await page.getByLabel('Product name').fill('Line gateway G9');
    await page.getByLabel('Category').selectOption('gateway');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Line gateway G9' }).waitFor();
    // the line's label arrives with its own query, after the heading
    await page.getByText('(Industrial OT / IIoT)').first().waitFor();
    expect(await page.getByText('(Industrial OT / IIoT)').count()).toBe(1);

    await openProductTab(page, 'Product details');
    for (const code of ['EU', 'UK']) {
      const box = page.getByRole('checkbox', { name: code, exact: true });
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await setField(page, 'Other markets', 'NO');
    await expect.poll(() => page.getByTestId('market-reading').textContent()).toMatch(/NO: EEA, not EU/);
    await setField(page, 'First placed on the market', '2024-01-01');
    await setField(page, 'Last placed on the market', '2028-06-30');
    await setField(page, 'Expected use (years)', '12');
    await setField(page, 'Declared security-support end', '2041-12');
    expect(await page.getByLabel('Sold to consumers').locator('option').first().textContent()).toBe('as the line (Industrial OT / IIoT: no)');
    await openProductTab(page, 'Components');
    await pasteRows(page, [
      ['Linux kernel', 'it', 'os', 'CIP', '6.1', 'yes', '2033-12', 'ota', '', '', '', ''].join('\t'),
      ['Fleet cloud', 'it', 'cloud', 'Acme', '', 'no', '2030-06', 'ota', '', '', '', ''].join('\t'),
    ].join('\n'));
    await page.getByRole('grid').first().getByText('Fleet cloud').waitFor();

    await openProductTab(page, 'Planner');
    const planner = page.getByRole('tabpanel', { name: 'Planner' }).locator('.planner-panel');
    await expect.poll(() => planner.getByTestId('effective-end').textContent()).toBe('2033-12-31, set by core component Linux kernel (os)');
    expect(await planner.getByTestId('declared-end').textContent()).toBe('2041-12-31');
    expect(await planner.getByTestId('meets-plan').textContent()).toBe('No');
    expect(await planner.getByTestId('not-applied').textContent()).toMatch(/UK PSTI security requirements: not sold to consumers \(the industrial line's default\) \(UK PSTI Act 2022 s\.54\)/);
    await panel(page).locator('li[data-finding-key^="ecosystem-end-before-use:"] button.finding-line').waitFor();
    await panel(page).getByTestId('not-applied-rules').locator('summary').click();
    expect(await panel(page).getByTestId('not-applied-rules').textContent()).toMatch(/UK PSTI Act 2022 s\.54/);

    const productShots: string[] = [];
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        productShots.push(await screenshot(page, `scope-product-${width}`, scheme));
      }
      expect(await seriousViolations(page)).toEqual([]);
    }

    // The portfolio's findings: the excluded rule sits beside the filters, also when filtering for its kind.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
    await page.getByLabel('Kind').selectOption('support-end-undisclosed');
    const rules = page.getByTestId('not-applied-rules');
    await rules.locator('summary').click();
    expect(await rules.textContent()).toMatch(/Line gateway G9: UK PSTI security requirements/);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `scope-findings-${width}`, scheme);
      }
      expect(await seriousViolations(page)).toEqual([]);
    }
    expect(productShots).toHaveLength(6);
    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });
});
