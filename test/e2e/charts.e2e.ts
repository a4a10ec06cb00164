/**
 * Lifecycle charts in Chromium with the sample portfolio that loads on first run:
 * screenshots of every chart in light and dark (artifacts for review), SVG and PNG
 * export through the browser download, the mismatch stretch, the data table, the
 * timeline ↔ grid selection, hover details, print styles and accessibility.
 */
import { describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { expectNoExternalRequests, screenshot, SCREENSHOT_DIR, seriousViolations, useAppSessions } from './support/browser';

// jsdom (a dev dependency) ships no type declarations: loaded through require with the one type used here.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } } };

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

type Scheme = 'light' | 'dark';

async function chartShot(figure: Locator, name: string, scheme: Scheme): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await figure.scrollIntoViewIfNeeded();
  await figure.screenshot({ path: join(SCREENSHOT_DIR, `chart-${name}-${scheme}.png`) });
}

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: /^Components of / });
}

/** Opens a sample product from the portfolio tree and waits for its page. */
async function openSampleProduct(page: Page, name: string): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(baseUrl);
  await page.goto(`${baseUrl}#/portfolio`);
  const open = page.getByRole('treegrid', { name: 'Products by product line' }).locator('.product-open', { hasText: new RegExp(`^${name}$`) });
  await open.first().click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  // The page opens on the tab chosen last (the Components tab at first).
  const tabs = page.getByRole('tablist', { name: 'Product sections' });
  await tabs.waitFor();
  if ((await tabs.getByRole('tab', { name: 'Components', exact: true }).getAttribute('aria-selected')) === 'true') await grid(page).waitFor();
}

/** The product page's tabs: charts and the component grid each live in their own tab. */
async function openTab(page: Page, name: 'Components' | 'Charts'): Promise<void> {
  await page.getByRole('tablist', { name: 'Product sections' }).getByRole('tab', { name, exact: true }).click();
}

/** The Charts tab shows the lifecycle charts open. */
async function openChartsSection(page: Page): Promise<void> {
  await openTab(page, 'Charts');
  await page.locator('details.product-charts[open]').waitFor();
}

function timeline(page: Page, product: string): Locator {
  return page.getByRole('figure', { name: `Lifecycle timeline: ${product}` });
}

function fleet(page: Page, product: string): Locator {
  return page.getByRole('figure', { name: `Fleet exposure: ${product}` });
}

describe('lifecycle charts in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`draws every chart of the sample portfolio in ${scheme} (screenshots) and passes axe with the charts open`, async () => {
      const session = await openSession({ colorScheme: scheme, viewport: { width: 1400, height: 1000 } });
      const { page } = session;
      await page.goto(baseUrl);
      await page.getByRole('region', { name: 'This is sample data' }).waitFor();

      await openSampleProduct(page, 'Nestwarm T3');
      await openChartsSection(page);
      const tl = timeline(page, 'Nestwarm T3');
      await tl.locator('g.timeline-bar').first().waitFor();
      await fleet(page, 'Nestwarm T3').locator('.fleet-area').first().waitFor();
      // The page takes the theme: the chart background follows the colour scheme.
      const bg = await tl.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(21, 24, 28)' : 'rgb(255, 255, 255)');
      await chartShot(tl, 'product-timeline', scheme);
      await chartShot(fleet(page, 'Nestwarm T3'), 'fleet-exposure', scheme);
      await screenshot(page, 'charts-product-page', scheme);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`${baseUrl}#/portfolio`);
      const portfolioCharts = page.locator('details.portfolio-charts');
      await portfolioCharts.locator('summary').click();
      const gap = page.getByTestId('portfolio-gap-chart');
      const heat = page.getByTestId('finding-heatmap-chart');
      await gap.locator('.gap-bar').first().waitFor();
      await heat.locator('svg').first().waitFor();
      await chartShot(gap, 'portfolio-gap', scheme);
      await chartShot(heat, 'finding-heatmap', scheme);

      expect(session.pageErrors).toEqual([]);
      expectNoExternalRequests(session);
    });
  }

  it('exports the timeline as a well-formed SVG and a real PNG through the browser download', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    await openSampleProduct(page, 'Nestwarm T3');
    await openChartsSection(page);
    const tl = timeline(page, 'Nestwarm T3');
    await tl.locator('g.timeline-bar').first().waitFor();

    const [svgDownload] = await Promise.all([page.waitForEvent('download'), tl.getByRole('button', { name: 'Export SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toBe('timeline-nestwarm-t3.svg');
    const svgText = readFileSync((await svgDownload.path()) as string, 'utf8');
    // A strict XML parse in the test process (jsdom's DOMParser reports a parsererror for anything not well-formed).
    const doc = new new JSDOM('').window.DOMParser().parseFromString(svgText, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getElementsByTagName('title')[0]?.textContent).toBe('Lifecycle timeline: Nestwarm T3');
    expect(root.getElementsByTagName('desc')[0]?.textContent).toMatch(/components of Nestwarm T3/);
    expect(root.querySelector('.export-subtitle')?.textContent).toMatch(/^Nestwarm T3 · as of \d{4}-\d{2}-\d{2}$/);
    // The marks came along, with colours resolved (no CSS variables left for a viewer to miss).
    expect(root.getElementsByTagName('rect').length).toBeGreaterThan(10);
    expect(root.querySelector('.timeline-mismatch')).not.toBeNull();
    expect(await tl.getByRole('status').textContent()).toBe('Saved timeline-nestwarm-t3.svg.');

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), tl.getByRole('button', { name: 'Export PNG 2×' }).click()]);
    expect(pngDownload.suggestedFilename()).toBe('timeline-nestwarm-t3@2x.png');
    const png = readFileSync((await pngDownload.path()) as string);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'export-product-timeline@2x.png'), png);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(10_000);
    const decoded = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      return { width: bitmap.width, height: bitmap.height };
    }, png.toString('base64'));
    // Drawn at 2× the composed file (the chart plus its header, legend and footer).
    const [, , vbWidth, vbHeight] = (root.getAttribute('viewBox') ?? '').split(' ').map(Number) as [number, number, number, number];
    expect(decoded.width).toBe(vbWidth * 2);
    expect(decoded.height).toBe(vbHeight * 2);
    const box = await tl.locator('svg.recharts-surface').first().boundingBox();
    expect(vbWidth).toBeGreaterThanOrEqual(Math.round(box?.width ?? 0));

    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });

  it('exports PNG at 1× and 2× and SVG in the light palette from the dark theme, with legend, axis titles and every label inside', async () => {
    const session = await openSession({ colorScheme: 'dark', viewport: { width: 1400, height: 1000 } });
    const { page } = session;
    await page.goto(baseUrl);
    await openSampleProduct(page, 'Nestwarm T3');
    await openChartsSection(page);
    const fl = fleet(page, 'Nestwarm T3');
    await fl.locator('.fleet-area').first().waitFor();
    expect(await fl.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(21, 24, 28)');
    // The description says what the colours mean in the dark theme shown.
    expect(await fl.locator('.chart-frame__desc').textContent()).toMatch(/Colours in dark mode: units in use and supported sky blue/);

    const download = async (name: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), fl.getByRole('button', { name, exact: true }).click()]);
      return { name: d.suggestedFilename(), bytes: readFileSync((await d.path()) as string) };
    };
    const one = await download('Export PNG 1×');
    const two = await download('Export PNG 2×');
    expect(one.name).toBe('fleet-nestwarm-t3.png');
    expect(two.name).toBe('fleet-nestwarm-t3@2x.png');
    // Kept for review next to the screenshots.
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(join(SCREENSHOT_DIR, 'export-fleet-exposure-from-dark@2x.png'), two.bytes);
    const png1 = PNG.sync.read(one.bytes);
    const png2 = PNG.sync.read(two.bytes);
    expect(png1.width).toBeGreaterThan(400);
    expect(png2.width).toBe(png1.width * 2);
    expect(png2.height).toBe(png1.height * 2);
    for (const png of [png1, png2]) {
      const colours = new Set<number>();
      for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
      // Not one flat colour: the chart, its text and legend are drawn.
      expect(colours.size).toBeGreaterThan(5);
      // The corner is the light background, although the app shows dark.
      const [r, g, b, a] = [png.data[0]!, png.data[1]!, png.data[2]!, png.data[3]!];
      expect(a).toBe(255);
      expect(Math.min(r, g, b)).toBeGreaterThan(240);
    }

    const svg = await download('Export SVG');
    expect(svg.name).toBe('fleet-nestwarm-t3.svg');
    const doc = new new JSDOM('').window.DOMParser().parseFromString(svg.bytes.toString('utf8'), 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.querySelector('title')?.textContent).toBe('Fleet exposure: Nestwarm T3');
    expect(root.querySelector('.export-background')?.getAttribute('fill')).toBe('#ffffff');
    expect(root.querySelector('.export-subtitle')?.textContent).toMatch(/^Nestwarm T3 · as of \d{4}-\d{2}-\d{2}$/);
    const legend = Array.from(root.querySelectorAll('.export-legend-entry')).map((e) => e.getAttribute('data-label'));
    expect(legend).toEqual(expect.arrayContaining(['In use, supported', 'In use without security support']));
    expect(Array.from(root.querySelectorAll('text.export-axis-title')).map((t) => t.textContent)).toEqual(['Units in use', 'Year (each step is one calendar year)']);
    expect(root.querySelector('.export-source')?.textContent).toMatch(/^Supportspan · .+ · exported \d{4}-\d{2}-\d{2}$/);
    expect(svg.bytes.toString('utf8')).not.toContain('var(');
    // Every text lies inside the viewBox, measured by the browser itself.
    const outside = await page.evaluate((text) => {
      const host = document.createElement('div');
      host.style.position = 'absolute';
      host.style.left = '0';
      host.style.top = '0';
      host.innerHTML = text.replace(/^<\?xml[^>]*>/, '');
      document.body.append(host);
      const el = host.querySelector('svg') as SVGSVGElement;
      const frame = el.getBoundingClientRect();
      const bad: string[] = [];
      for (const t of Array.from(el.querySelectorAll('text'))) {
        if (!(t.textContent ?? '').trim()) continue;
        const r = t.getBoundingClientRect();
        if (r.left < frame.left - 0.5 || r.top < frame.top - 0.5 || r.right > frame.right + 0.5 || r.bottom > frame.bottom + 0.5) bad.push(`${t.textContent} ${JSON.stringify(r)}`);
      }
      host.remove();
      return bad;
    }, svg.bytes.toString('utf8'));
    expect(outside).toEqual([]);

    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });

  it('shades the mismatch where the engine reports support ending before use, not on a clean product; the table lists every row', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);

    await openSampleProduct(page, 'Nestwarm T3');
    // The findings panel beside the tabs lists the engine's finding the shading stands for (one line per finding, keyed by kind).
    await page.getByRole('complementary', { name: /^Findings/ }).locator('li[data-finding-key^="support-ends-before-use:"] button.finding-line').first().waitFor();
    // The data table: one row per component (the grid's row count less its header row and its empty row for adding).
    const components = Number(await grid(page).getAttribute('aria-rowcount')) - 2;
    expect(components).toBeGreaterThan(5);
    await openChartsSection(page);
    const t3 = timeline(page, 'Nestwarm T3');
    await t3.locator('g.timeline-bar').first().waitFor();
    expect(await t3.locator('.timeline-mismatch').count()).toBe(1);
    expect(await t3.locator('.chart-frame__desc').textContent()).toMatch(/Units stay in use without security support from/);

    await t3.getByRole('button', { name: 'Show data table' }).click();
    const table = t3.getByRole('table', { name: 'Components of Nestwarm T3' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(components);
    await t3.getByRole('button', { name: 'Show chart' }).click();
    await t3.locator('g.timeline-bar').first().waitFor();

    await openSampleProduct(page, 'Nestwarm T4');
    // The tab stays chosen from the previous product or is chosen now.
    if (!(await page.locator('details.product-charts[open]').count())) await openChartsSection(page);
    const t4 = timeline(page, 'Nestwarm T4');
    await t4.locator('g.timeline-bar').first().waitFor();
    expect(await t4.locator('.timeline-mismatch').count()).toBe(0);
    expect(await t4.locator('.chart-frame__desc').textContent()).toContain('No stretch of use without security support is reported.');

    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });

  it('links the timeline and the grid both ways, shows dates and sources on hover, and prints without controls', async () => {
    const session = await openSession({ viewport: { width: 1400, height: 900 } });
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('region', { name: 'This is sample data' }).waitFor();
    // A source note on one date, as the end-of-life catalog writes when a proposal is accepted.
    // The sample CSV has no source column, so it is written into the stored product before the page reads it.
    await page.evaluate(async () => {
      const open = indexedDB.open('supportspan');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction('products', 'readwrite');
      const store = tx.objectStore('products');
      const all = await new Promise<Array<{ name: string; components: Array<{ name: string; sources: Record<string, string> }> }>>((resolve) => {
        const r = store.getAll();
        r.onsuccess = () => resolve(r.result as never);
      });
      const t3 = all.find((p) => p.name === 'Nestwarm T3');
      const rtos = t3?.components.find((c) => c.name === 'Zephyr RTOS');
      if (!t3 || !rtos) throw new Error('sample product Nestwarm T3 with Zephyr RTOS not found');
      rtos.sources = { ...rtos.sources, securitySupportEnd: 'Zephyr LTS announcement, checked 2025-01' };
      store.put(t3);
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    });
    await page.reload();
    await openSampleProduct(page, 'Nestwarm T3');
    await openChartsSection(page);
    const tl = timeline(page, 'Nestwarm T3');
    await tl.locator('g.timeline-bar').first().waitFor();

    // Hover: dates and the source note.
    const rtosLabel = tl.locator('.timeline-row-label', { hasText: 'Zephyr RTOS' });
    const rtosId = await rtosLabel.getAttribute('data-component-id');
    expect(rtosId).toBeTruthy();
    await tl.locator(`g.timeline-bar[data-component-id="${rtosId}"] rect`).first().hover();
    const tip = tl.locator('.chart-tooltip');
    await tip.waitFor();
    expect(await tip.textContent()).toContain('Zephyr RTOS');
    expect(await tip.textContent()).toContain('First placed on market: 2022-03-01');
    expect(await tip.textContent()).toContain('Security support end: 2027-01');
    expect(await tip.textContent()).toContain('Zephyr LTS announcement, checked 2025-01');

    // Timeline → grid: clicking the row name selects the component; the grid's cursor is on its name once the Components tab is opened.
    await rtosLabel.click();
    await expect.poll(() => tl.locator('g.timeline-bar--selected').getAttribute('data-component-id')).toBe(rtosId);
    await openTab(page, 'Components');
    const active = () => grid(page).evaluate((el) => {
      const cell = document.getElementById(el.getAttribute('aria-activedescendant') ?? '');
      return cell ? { text: cell.textContent, column: cell.getAttribute('data-column') } : null;
    });
    await expect.poll(active).toEqual({ text: 'Zephyr RTOS', column: 'name' });
    // The grid has scrolled its rows to the cursor: the cell lies inside the grid's visible area.
    const cellInGrid = await grid(page).evaluate((el) => {
      const cell = document.getElementById(el.getAttribute('aria-activedescendant') ?? '');
      if (!cell) return false;
      const g = el.getBoundingClientRect();
      const c = cell.getBoundingClientRect();
      return c.top >= g.top && c.bottom <= g.bottom;
    });
    expect(cellInGrid).toBe(true);

    // Grid → timeline: moving the grid cursor down selects the next component, highlighted in the chart.
    await grid(page).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(active).not.toEqual({ text: 'Zephyr RTOS', column: 'name' });
    const next = (await active())?.text;
    await openChartsSection(page);
    await tl.locator('g.timeline-bar').first().waitFor();
    await expect.poll(() => tl.locator('.timeline-row-label--selected').textContent()).toContain(next ?? '?');

    // Print: charts and titles print, toolbar and controls do not.
    await page.emulateMedia({ media: 'print' });
    expect(await tl.getByRole('button', { name: 'Export SVG' }).isVisible()).toBe(false);
    expect(await fleet(page, 'Nestwarm T3').locator('.chart-controls').first().isVisible()).toBe(false);
    expect(await tl.locator('.chart-frame__title').isVisible()).toBe(true);
    expect(await tl.locator('svg.recharts-surface').first().isVisible()).toBe(true);
    expect(await tl.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ media: 'screen' });

    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });
});
