/**
 * The layout of the work screens at 1280×720, 1440×900 and 1920×1080, light and
 * dark, with the sample portfolio: the component grid takes the width, nothing
 * overflows sideways, "Go to" lands on a visible, highlighted grid cell, the
 * planner is a tab away, the tabs sit on one line, the planner's dates do not
 * wrap, no outline frames the page on load, and axe stays clean with the
 * findings panel docked at the side and below. Screenshots of the product page,
 * the portfolio and the Findings screen for review.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoExternalRequests, openProductTab, SCREENSHOT_DIR, seriousViolations, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
/** A sample product with findings on its components. */
const PRODUCT = 'Nestwarm T3';

type Scheme = (typeof SCHEMES)[number];

async function shot(page: Page, width: number, scheme: Scheme, screen: 'product' | 'product-docked-below' | 'planner' | 'portfolio' | 'findings'): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${width}-${scheme}-${screen}.png`), fullPage: true });
}

/** How far the page is wider than the window (0 when nothing sticks out sideways), naming the widest culprits. */
async function sidewaysOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.scrollingElement as HTMLElement;
    const overflow = root.scrollWidth - root.clientWidth;
    const culprits: string[] = [];
    if (overflow > 0) {
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > root.clientWidth + 0.5 && r.width > 0) culprits.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
        if (culprits.length >= 5) break;
      }
    }
    return { overflow, culprits };
  });
}

async function expectNoSidewaysOverflow(page: Page, where: string): Promise<void> {
  const { overflow, culprits } = await sidewaysOverflow(page);
  expect(overflow, `${where}: the page is ${overflow}px wider than the window (${culprits.join('; ')})`).toBeLessThanOrEqual(0);
}

async function mainOutlineStyle(page: Page): Promise<string> {
  return page.locator('main').evaluate((el) => getComputedStyle(el).outlineStyle);
}

const grid = (page: Page) => page.getByRole('grid', { name: `Components of ${PRODUCT}` });
const findingsPanel = (page: Page) => page.getByRole('complementary', { name: /^Findings \(/ });

async function openProduct(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('treegrid', { name: 'Products by product line' }).locator('.product-open', { hasText: new RegExp(`^${PRODUCT}$`) }).first().click();
  await page.getByRole('heading', { level: 1, name: PRODUCT }).waitFor();
  await grid(page).waitFor();
  await findingsPanel(page).locator('button.finding-line').first().waitFor();
}

/** The finding key of the first line in the panel that names a component (`kind:product:component…`). */
async function firstComponentFindingKey(page: Page): Promise<string> {
  const keys = await findingsPanel(page).locator('li[data-finding-key]').evaluateAll((items) => items.map((li) => li.getAttribute('data-finding-key') ?? ''));
  const key = keys.find((k) => (k.split(':')[2] ?? '-') !== '-');
  if (!key) throw new Error(`no component finding among ${keys.length} lines of ${PRODUCT}`);
  return key;
}

describe('layout of the work screens in Chromium', () => {
  for (const size of SIZES) {
    for (const scheme of SCHEMES) {
      it(`${size.width}×${size.height} ${scheme}: portfolio, product page and findings fit the window; Go to, tabs, planner and axe`, async () => {
        const session = await openSession({ colorScheme: scheme, viewport: size });
        const { page } = session;
        await page.goto(baseUrl);
        await page.getByRole('region', { name: 'This is sample data' }).waitFor();
        await page.getByRole('treegrid', { name: 'Products by product line' }).locator('.product-open').first().waitFor();
        // No focus outline framing the whole page on first load.
        expect(await mainOutlineStyle(page)).toBe('none');
        await expectNoSidewaysOverflow(page, 'portfolio');
        await shot(page, size.width, scheme, 'portfolio');

        await openProduct(page);
        // Navigation moves focus to main: still no outline around the page.
        expect(await mainOutlineStyle(page)).toBe('none');

        // (e) The tabs fit on one line.
        const tabTops = await page.getByRole('tablist', { name: 'Product sections' }).getByRole('tab').evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).offsetTop));
        expect(tabTops).toHaveLength(7);
        expect(new Set(tabTops).size, `tab tops ${tabTops.join(', ')}`).toBe(1);

        // (a) The grid takes the width: three quarters of the window beside the docked panel, or all of its tab panel.
        const widths = await page.evaluate(() => {
          const g = document.querySelector<HTMLElement>("[role='grid'][aria-label^='Components of ']")!;
          const panel = g.closest<HTMLElement>("[role='tabpanel']")!;
          return { grid: g.getBoundingClientRect().width, panel: panel.clientWidth, viewport: document.documentElement.clientWidth };
        });
        if (size.width >= 1440) expect(widths.grid, JSON.stringify(widths)).toBeGreaterThanOrEqual(0.75 * widths.viewport);
        expect(widths.grid, JSON.stringify(widths)).toBeGreaterThanOrEqual(widths.panel - 1);

        // (b) Nothing sticks out sideways on the product page.
        await expectNoSidewaysOverflow(page, 'product page');
        await shot(page, size.width, scheme, 'product');

        // (c) A component finding's Go to: the grid takes focus on a cell that is on screen and highlighted.
        const key = await firstComponentFindingKey(page);
        expect(key.split(':')[2]).toBeTruthy();
        const line = findingsPanel(page).locator(`li[data-finding-key="${key}"]`);
        await line.locator('button.finding-line').click();
        await line.locator('button.finding-line[aria-expanded="true"]').waitFor();
        await line.locator('article.finding .finding-go').click();
        const target = () =>
          page.evaluate(() => {
            const focused = document.activeElement as HTMLElement | null;
            if (focused?.getAttribute('role') !== 'grid') return { grid: false, inView: false, highlighted: false };
            const cell = document.getElementById(focused.getAttribute('aria-activedescendant') ?? '');
            if (!cell) return { grid: true, inView: false, highlighted: false };
            const r = cell.getBoundingClientRect();
            const inView = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= document.documentElement.clientWidth && r.height > 0;
            return { grid: true, inView, highlighted: cell.classList.contains('goto-highlight') };
          });
        await expect.poll(target, { timeout: 5000, interval: 25 }).toEqual({ grid: true, inView: true, highlighted: true });
        // The row asked for: the cursor sits on the finding's component.
        const component = (await line.locator('.finding-line-subject').textContent()) ?? '';
        expect(await page.evaluate(() => document.getElementById(document.activeElement?.getAttribute('aria-activedescendant') ?? '')?.closest("[role='row']")?.querySelector("[data-column='name']")?.textContent ?? null)).toBe(component);

        // (g) axe with the panel at the side, then below.
        const dock = findingsPanel(page).getByRole('button', { name: /^Dock (below|at the side)$/ });
        expect(await dock.textContent()).toBe('Dock below');
        const problems: Record<string, string[]> = { side: await seriousViolations(page) };
        await dock.click();
        await findingsPanel(page).getByRole('button', { name: 'Dock at the side' }).waitFor();
        await expect.poll(() => page.locator('.product-layout-bottom').count()).toBe(1);
        // Below the tabs, the grid fills the width of its panel too, and nothing overflows.
        const bottom = await page.evaluate(() => {
          const g = document.querySelector<HTMLElement>("[role='grid'][aria-label^='Components of ']")!;
          return { grid: g.getBoundingClientRect().width, viewport: document.documentElement.clientWidth };
        });
        expect(bottom.grid, JSON.stringify(bottom)).toBeGreaterThanOrEqual(0.85 * bottom.viewport);
        await expectNoSidewaysOverflow(page, 'product page, findings below');
        problems.bottom = await seriousViolations(page);
        await shot(page, size.width, scheme, 'product-docked-below');
        await findingsPanel(page).getByRole('button', { name: 'Dock at the side' }).click();
        await expect.poll(() => page.locator('.product-layout-side').count()).toBe(1);
        expect(problems).toEqual({ side: [], bottom: [] });

        // (d) The planner is one tab away, within two screen heights of the top of the page.
        await openProductTab(page, 'Planner');
        const heading = page.getByRole('heading', { level: 2, name: 'Support-period planner' });
        await heading.waitFor();
        const headingTop = await heading.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
        expect(headingTop).toBeLessThan(2 * size.height);
        await expectNoSidewaysOverflow(page, 'planner');
        await shot(page, size.width, scheme, 'planner');

        // (f) The planner's dates stay on one line each.
        const dates = await page.getByRole('tabpanel', { name: 'Planner' }).evaluate((panel) => {
          const cells = Array.from(
            panel.querySelectorAll<HTMLElement>("[data-testid='recommended-end'], [data-testid='declared-end'], .plan-compare tbody td:nth-child(3), .plan-compare tbody td:nth-child(4), .plan-list strong"),
          );
          return cells.map((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const lines = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            return { text: (cell.textContent ?? '').trim(), lines: lines.size };
          });
        });
        expect(dates.length).toBeGreaterThanOrEqual(3);
        expect(dates.filter((d) => /\d{4}-\d{2}/.test(d.text)).length).toBeGreaterThanOrEqual(2);
        expect(dates.filter((d) => d.lines !== 1)).toEqual([]);

        // The Findings screen fits the window too.
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Findings' }).click();
        await page.getByRole('heading', { level: 1, name: 'Findings' }).waitFor();
        await page.getByRole('region', { name: 'Findings in the portfolio' }).locator('[data-kind]').first().waitFor();
        expect(await mainOutlineStyle(page)).toBe('none');
        await expectNoSidewaysOverflow(page, 'findings');
        await shot(page, size.width, scheme, 'findings');

        expect(session.pageErrors).toEqual([]);
        expectNoExternalRequests(session);
      }, 120_000);
    }
  }
});
