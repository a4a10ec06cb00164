/**
 * Accessibility of the main screens in both system themes (axe-core: no serious or
 * critical violation), a keyboard-only walkthrough of a main task, screenshots for
 * reviewers, and no request outside 127.0.0.1 throughout.
 */
import { describe, expect, it, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoExternalRequests, openProductTab, screenshot, seriousViolations, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

async function goTo(page: Page, area: 'Portfolio' | 'Product' | 'Findings' | 'Risks' | 'Obligations' | 'Settings') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area }).click();
}

/** Presses Tab until the focused element matches, like a keyboard user scanning the page. */
async function tabTo(page: Page, matches: (el: { tag: string; name: string; label: string; text: string }) => boolean, max = 300): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a) return { tag: '', name: '', label: '', text: '' };
      const labelled = a.id ? document.querySelector(`label[for="${CSS.escape(a.id)}"]`)?.textContent ?? '' : '';
      return { tag: a.tagName.toLowerCase(), name: a.getAttribute('aria-label') ?? '', label: labelled, text: (a.textContent ?? '').trim() };
    });
    if (matches(el)) return;
  }
  throw new Error('Tab never reached the element');
}

describe('accessibility in Chromium', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`portfolio, product (with its activities), findings, risks, obligations and settings have no serious axe violations (${colorScheme})`, async () => {
      const session = await openSession({ colorScheme });
      const { page } = session;
      await page.goto(baseUrl);
      await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
      // First run loads the sample portfolio: every finding kind is on screen.
      await page.waitForFunction(() => document.querySelectorAll('main li, main [role="row"], main [role="treeitem"]').length > 3);
      const problems: Record<string, string[]> = {};
      problems.portfolio = await seriousViolations(page);

      await goTo(page, 'Findings');
      const list = page.getByRole('region', { name: 'Findings in the portfolio' });
      await list.locator('[data-kind]').first().waitFor();
      problems.findings = await seriousViolations(page);
      await screenshot(page, 'findings', colorScheme);

      // A finding's button opens its product with the findings panel; the planner is a tab of the page.
      await list.locator('[data-kind="support-ends-before-use"] .finding-go').first().click();
      await page.getByRole('complementary', { name: /^Findings \(/ }).locator('button.finding-line').first().waitFor();
      problems.productComponents = await seriousViolations(page);
      await openProductTab(page, 'Planner');
      await page.getByRole('region', { name: 'Support-period planner' }).waitFor();
      problems.product = await seriousViolations(page);
      await screenshot(page, 'product-findings-planner', colorScheme);

      // The product's activities, one opened, and its end-of-support communication.
      await openProductTab(page, 'Activities');
      const activities = page.getByRole('region', { name: 'Activities (NIST IR 8259r1)' });
      await activities.getByRole('button', { name: /^Activity 6 / }).click();
      await activities.getByRole('form', { name: 'Activity 6 record' }).waitFor();
      await page.getByRole('region', { name: 'End-of-support communication' }).waitFor();
      problems.activities = await seriousViolations(page);

      await goTo(page, 'Obligations');
      await page.getByRole('heading', { level: 1, name: 'Obligations' }).waitFor();
      await page.getByRole('button', { name: 'Record a vulnerability or incident…' }).click();
      await page.getByRole('form', { name: 'Record a vulnerability or incident' }).waitFor();
      await page.getByRole('table', { name: /^Crosswalk items fully covered/ }).waitFor();
      problems.obligations = await seriousViolations(page);
      await screenshot(page, 'obligations', colorScheme);
      // The risk register with one risk open: matrix, exposure chart, table and detail.
      await goTo(page, 'Risks');
      await page.getByRole('table', { name: 'Risk register' }).waitFor();
      await page.locator('tr[data-risk-id] button.risk-open').first().click();
      await page.getByTestId('risk-detail').waitFor();
      problems.risks = await seriousViolations(page);
      await screenshot(page, 'risks', colorScheme);

      await goTo(page, 'Settings');
      await page.getByRole('heading', { level: 2, name: 'Rule packs' }).waitFor();
      await page.getByTestId('usage').getByText(/available to Supportspan|does not report/).waitFor();
      problems.settings = await seriousViolations(page);
      await screenshot(page, 'settings', colorScheme);

      expect(problems).toEqual({ portfolio: [], findings: [], productComponents: [], product: [], activities: [], obligations: [], risks: [], settings: [] });
      expectNoExternalRequests(session);
      expect(session.pageErrors).toEqual([]);
      // Seven screens through axe in one test: more than the default minute on a loaded machine.
    }, 180_000);
  }

  it('keyboard only: open the findings, filter, record a mitigation, then jump to the field that causes a finding', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();

    await tabTo(page, (e) => e.tag === 'a' && e.text === 'Findings');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
    await page.getByRole('region', { name: 'Findings in the portfolio' }).locator('[data-kind]').first().waitFor();

    await tabTo(page, (e) => e.tag === 'select' && e.label === 'Kind');
    // Arrow keys change a closed select in Chromium: one step down is "Support ends before use ends".
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByLabel('Kind').inputValue()).toBe('support-ends-before-use');
    const list = page.getByRole('region', { name: 'Findings in the portfolio' });
    await expect.poll(() => list.locator('[data-kind]:not([data-kind="support-ends-before-use"])').count()).toBe(0);
    const first = list.locator('[data-kind="support-ends-before-use"]').first();
    const key = await first.getAttribute('data-finding-key');

    await tabTo(page, (e) => e.tag === 'button' && e.text === 'Mark mitigated');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Spare parts stocked until the use end');
    await page.keyboard.press('Tab');
    const needsName = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.autocomplete === 'name');
    if (needsName) {
      await page.keyboard.type('Keyboard User');
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Record mitigation');
    await page.keyboard.press('Enter');
    await list.locator(`[data-finding-key="${key}"]`).getByText(/^Mitigated/).waitFor();

    // The cursor came back to the finding's actions; Shift+Tab reaches the finding's own button.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-finding-key]')?.getAttribute('data-finding-key'))).toBe(key);
    for (let i = 0; i < 20; i += 1) {
      const onGo = await page.evaluate(() => document.activeElement?.classList.contains('finding-go') ?? false);
      if (onGo) break;
      await page.keyboard.press('Shift+Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.closest('[data-finding-key]')?.getAttribute('data-finding-key'))).toBe(key);
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: /^Findings \(/ }).waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#\/product\//);
    // The product page puts the cursor on the field that causes the finding.
    await expect.poll(() => page.evaluate(() => document.querySelector(`label[for="${CSS.escape(document.activeElement?.id ?? '')}"]`)?.textContent)).toBe('Declared security-support end');

    expectNoExternalRequests(session);
    expect(session.pageErrors).toEqual([]);
  });
});
