/**
 * UI benchmark: `npm run bench:ui [-- --components 100000 --runs 5]`.
 *
 * Builds the renderer when the build is missing or older than its sources,
 * serves dist/renderer on 127.0.0.1, drives Debian's Chromium with
 * playwright-core, seeds a synthetic portfolio (100k components across 2,000
 * products by default, test/bench/generate-portfolio.ts) into the app's real
 * IndexedDB through the `?bench` hook, and measures in the page:
 * - initial load: navigation start to the first painted frame showing product rows (and findings);
 * - opening the portfolio, filtering (search typed), opening a product: input to
 *   the next painted frame after the DOM shows the result;
 * - chart render times for a product of 500 components and a portfolio of 2,000 products;
 * - a floor: input to the next painted frame after a no-op input.
 * Prints a table (median, worst, goal, ratio to the floor) and writes
 * bench-results/ui.json. Goals are reported, never asserted.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { serve } from './ui/serve.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// The benchmark's own build: the only one that contains the `?bench` hook.
const dist = join(repo, 'dist', 'renderer-bench');
const CHROMIUM = process.env.SUPPORTSPAN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const GOAL_INTERACTION = 100;
const GOAL_CHART = 300;
const GOAL_KEYSTROKE = 50;
const GOAL_FINDINGS_UPDATE = 500;
const GOAL_LOAD_ROWS = 1000;
const GOAL_LOAD_FINDINGS = 1500;

const { values } = parseArgs({
  options: {
    components: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    rebuild: { type: 'boolean', default: false },
  },
});
const COMPONENTS = Number(values.components);
const RUNS = Math.max(1, Number(values.runs));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const index = join(dist, 'index.html');
  const sources = Math.max(newestMtime(join(repo, 'renderer')), newestMtime(join(repo, 'shared')));
  if (!values.rebuild && existsSync(index) && statSync(index).mtimeMs >= sources) return 'up to date';
  console.log('bench:ui: building the renderer with the benchmark hook (npx vite build --mode bench)…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--mode', 'bench'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !existsSync(index)) throw new Error('bench:ui: building the renderer failed (npx vite build --config vite.config.ts --mode bench)');
  return 'rebuilt';
}

/** The portfolio generator, bundled for the page so 46 MB of data never crosses the DevTools protocol. */
async function generatorScript() {
  const out = await build({
    entryPoints: [join(repo, 'test', 'bench', 'generate-portfolio.ts')],
    bundle: true, write: false, format: 'iife', globalName: '__benchGenerator', platform: 'browser', target: 'es2022',
  });
  return `${out.outputFiles[0].text}\n;globalThis.__benchGenerator = __benchGenerator;`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

async function main() {
  if (!existsSync(CHROMIUM)) throw new Error(`bench:ui: Chromium not found at ${CHROMIUM} (apt-get install chromium, or set SUPPORTSPAN_CHROMIUM)`);
  const buildState = ensureBuild();
  const timingScript = readFileSync(join(repo, 'test', 'bench', 'ui', 'page-timing.js'), 'utf8');
  const generator = await generatorScript();
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const external = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
    await context.route((url) => !url.href.startsWith(server.url) && !/^(blob|data|about):/.test(url.href), (route) => { external.push(route.request().url()); return route.abort(); });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Initial-load probe: records when product rows, then findings, are first painted.
    await page.addInitScript(() => {
      const marks = {};
      window.__loadMarks = marks;
      const paint = (name) => requestAnimationFrame(() => setTimeout(() => { marks[name] ??= performance.now(); }, 0));
      const observer = new MutationObserver(() => {
        if (!marks.rowsSeen && document.querySelector('[role="treegrid"] [role="row"][aria-level="2"]')) { marks.rowsSeen = true; paint('rows'); }
        if (!marks.findingsSeen && document.querySelector('[role="treegrid"] .severity-badge')) { marks.findingsSeen = true; paint('findings'); observer.disconnect(); }
      });
      document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
    });

    const benchUrl = `${server.url}?bench`;
    await page.goto(`${benchUrl}#/settings`);
    await page.waitForFunction(() => window.__supportspanBench?.ready === true, null, { timeout: 60_000 });
    await page.evaluate(generator);
    const seed = await page.evaluate(async (n) => {
      const t0 = performance.now();
      const portfolio = globalThis.__benchGenerator.generatePortfolio(n);
      const genMs = performance.now() - t0;
      const { ms } = await window.__supportspanBench.seed(portfolio);
      return { genMs, writeMs: ms, products: portfolio.products.length, lines: portfolio.lines.length, components: portfolio.products.reduce((s, p) => s + p.components.length, 0) };
    }, COMPONENTS);
    console.log(`bench:ui: seeded ${seed.components.toLocaleString()} components in ${seed.products.toLocaleString()} products (${seed.lines} lines): generated in ${round(seed.genMs)} ms, written in ${round(seed.writeMs)} ms`);

    const rows = [];
    const add = (what, samples, goal, note = '') => rows.push({ what, samples: samples.map(round), median: round(median(samples)), worst: round(Math.max(...samples)), goal, note });

    // Initial load, portfolio screen, cold page each time.
    const loads = [];
    const loadFindings = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      await page.goto('about:blank');
      await page.goto(benchUrl);
      await page.waitForFunction(() => window.__loadMarks?.findings !== undefined, null, { timeout: 120_000 });
      const marks = await page.evaluate(() => window.__loadMarks);
      loads.push(marks.rows);
      loadFindings.push(marks.findings);
    }
    add('initial load: product rows painted', loads, GOAL_LOAD_ROWS, 'from navigation start');
    add('initial load: findings painted', loadFindings, GOAL_LOAD_FINDINGS, 'analysis in a worker after the quiet period');

    await page.evaluate(timingScript);
    await page.waitForFunction(() => window.__uiBench && window.__supportspanBench?.ready === true);

    // Floor: a no-op input, then the next painted frame.
    const floor = [];
    for (let i = 0; i < Math.max(10, RUNS * 2); i++) floor.push(await page.evaluate(() => window.__uiBench.measure(() => {}, () => true)));
    add('floor: no-op input to next frame', floor, null);

    // Opening the portfolio from another screen (nav link click).
    const openPortfolio = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => { location.hash = '#/settings'; });
      await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-label') === 'Settings' && !document.querySelector('[role="treegrid"]'));
      await page.evaluate(() => window.__uiBench.afterPaint());
      openPortfolio.push(await page.evaluate(() => window.__uiBench.measure(
        () => [...document.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent === 'Portfolio').click(),
        () => !!document.querySelector('[role="treegrid"] [role="row"][aria-level="2"]'),
      )));
    }
    add('open the portfolio (nav click)', openPortfolio, GOAL_INTERACTION);

    // Filtering: each search (one input event) until the summary shows the new count.
    // Consecutive terms give different result counts, so the summary line changes with each.
    const terms = ['product 1', 'product 12', 'product 123', 'sku-1999', 'firmware', 'line 3', 'zzz-no-match', ''];
    const filtering = [];
    for (let r = 0; r < Math.ceil(RUNS / 2); r++) {
      for (const term of terms) {
        filtering.push(await page.evaluate((t) => {
          if (!document.getElementById('portfolio-search')) throw new Error(`no search box; main shows: ${document.querySelector('main')?.textContent?.slice(0, 200)}`);
          const input = document.getElementById('portfolio-search');
          const summary = () => document.querySelector('[data-testid="portfolio-summary"]')?.textContent ?? '';
          const before = summary();
          const emptyNow = () => !!document.querySelector('.portfolio-products .empty-state');
          return window.__uiBench.measure(() => {
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, t);
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }, () => summary() !== before || (t === 'zzz-no-match' && emptyNow())).catch((e) => { throw new Error(`search "${t}": ${e.message}; summary stayed "${before}"`); });
        }, term));
      }
    }
    add('filter: type a search, rows updated', filtering, GOAL_INTERACTION, `${terms.length} terms`);

    // Opening a product with Enter on its row, until its page shows the name.
    const openProduct = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => { location.hash = '#/portfolio'; });
      await page.waitForFunction(() => !!document.querySelector('[role="treegrid"] [role="row"][aria-level="2"]'));
      const rowIndex = 1 + i * 3;
      openProduct.push(await page.evaluate((n) => {
        const rowsEls = [...document.querySelectorAll('[role="treegrid"] [role="row"][aria-level="2"]')];
        const row = rowsEls[Math.min(n, rowsEls.length - 1)];
        const name = row.querySelector('.product-open').textContent;
        row.focus();
        return window.__uiBench.measure(
          () => row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })),
          () => document.querySelector('main h1')?.textContent === name,
        );
      }, rowIndex));
    }
    add('open a product (Enter on its row)', openProduct, GOAL_INTERACTION, `${COMPONENTS / seed.products} components each`);

    // The product page's grid: a keystroke in a cell to the cell repainted with it. The first
    // key opens the cell's editor with the key typed; each further key goes into the editor.
    const openEditor = [];
    const typeInEditor = [];
    for (let i = 0; i < RUNS; i++) {
      const sample = await page.evaluate(async () => {
        const grid = document.querySelector('[role="grid"]');
        if (!grid) throw new Error('no component grid on the product page');
        const editor = () => grid.querySelector('input:not([type="checkbox"]), textarea');
        grid.focus();
        await window.__uiBench.afterPaint();
        const first = await window.__uiBench.measure(
          () => document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true, cancelable: true })),
          () => editor()?.value === 'x',
        );
        const input = editor();
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        const next = [];
        for (const text of ['xy', 'xyz', 'xyzw']) {
          next.push(await window.__uiBench.measure(() => {
            setter.call(input, text);
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }, () => editor()?.value === text));
        }
        editor()?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
        await window.__uiBench.afterPaint();
        return { first, next };
      });
      openEditor.push(sample.first);
      typeInEditor.push(...sample.next);
    }
    add('grid: first key in a cell, editor painted', openEditor, GOAL_KEYSTROKE);
    add('grid: keystroke in the cell editor, repainted', typeInEditor, GOAL_KEYSTROKE);

    // A committed edit to the product's findings updated: the declared support end moved far
    // out and back, each time until the findings panel's count changes.
    const findingsUpdate = [];
    // The product's own fields are on the Product details tab.
    await page.evaluate(() => [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === 'Product details').click());
    await page.waitForFunction(() => [...document.querySelectorAll('main input')].some((el) => el.id.endsWith('declaredSupportEnd')));
    for (let i = 0; i < RUNS; i++) {
      for (const end of ['2099-12-31', '2020-01-31']) {
        findingsUpdate.push(await page.evaluate(async (value) => {
          const field = [...document.querySelectorAll('main input')].find((el) => el.id.endsWith('declaredSupportEnd'));
          if (!field) throw new Error('no declared support end field on the product page');
          const count = () => document.querySelector('#product-findings-title .count')?.textContent ?? '';
          const before = count();
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
          field.focus();
          setter.call(field, value);
          field.dispatchEvent(new Event('input', { bubbles: true }));
          await window.__uiBench.afterPaint();
          return window.__uiBench.measure(
            () => field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true })),
            () => count() !== before && !count().includes('…'),
          ).catch((e) => { throw new Error(`declared end ${value}: ${e.message}; the count stayed "${before}"`); });
        }, end));
      }
    }
    add('committed edit: the product\'s findings updated', findingsUpdate, GOAL_FINDINGS_UPDATE, 'declared support end, Enter');

    // Scrolling the grid: one step per frame; the longest frame between two paints.
    await page.evaluate(() => [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === 'Components').click());
    await page.waitForFunction(() => !!document.querySelector('[role="grid"]'));
    const scrollFrames = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const frames = await page.evaluate(() => new Promise((resolve) => {
        const grid = document.querySelector('[role="grid"]');
        const scroller = grid.scrollHeight > grid.clientHeight ? grid : grid.closest('[style*="overflow"]') ?? grid;
        scroller.scrollTop = 0;
        const gaps = [];
        let last = performance.now();
        let steps = 0;
        const step = (now) => {
          gaps.push(now - last);
          last = now;
          scroller.scrollTop += 120;
          scroller.scrollLeft = (steps % 20) * 60;
          steps += 1;
          if (steps < 90) requestAnimationFrame(step);
          else resolve(gaps.slice(1));
        };
        requestAnimationFrame(step);
      }));
      scrollFrames.push(Math.max(...frames));
    }
    add('grid: scrolling, longest frame', scrollFrames, null, '90 frames, down and sideways');

    // Charts at the sizes (built and committed synchronously by the harness).
    const chartRuns = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) chartRuns.push(await page.evaluate(() => window.__supportspanBench.renderCharts({ components: 500, products: 2000, width: 1000 })));
    const byChart = new Map();
    for (const run of chartRuns) for (const c of run) {
      const key = `chart: ${c.chart} (${c.size})`;
      if (!byChart.has(key)) byChart.set(key, []);
      byChart.get(key).push(c.buildMs + c.renderMs);
    }
    for (const [key, samples] of byChart) add(key, samples, GOAL_CHART, 'build + render');

    const floorMs = median(floor);
    const table = rows.map((r) => ({ ...r, ratio: round(r.median / floorMs), meets: r.goal === null ? null : r.median <= r.goal }));
    const pad = (s, n) => String(s).padEnd(n);
    const lines = [
      `| ${pad('measurement', 50)} | median ms | worst ms | goal ms | x floor | meets goal |`,
      `|${'-'.repeat(52)}|-----------|----------|---------|---------|------------|`,
      ...table.map((r) => `| ${pad(r.what, 50)} | ${pad(r.median, 9)} | ${pad(r.worst, 8)} | ${pad(r.goal ?? '-', 7)} | ${pad(r.ratio, 7)} | ${pad(r.meets === null ? '-' : r.meets ? 'yes' : 'NO', 10)} |`),
    ];
    console.log(`\nUI benchmark: ${seed.components.toLocaleString()} components, ${seed.products.toLocaleString()} products, Chromium ${browser.version()}, ${cpus().length} cores, load ${loadavg()[0].toFixed(2)}`);
    console.log(lines.join('\n'));
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
    if (external.length) console.log(`blocked external requests: ${external.join(', ')}`);
    mkdirSync(join(repo, 'bench-results'), { recursive: true });
    writeFileSync(join(repo, 'bench-results', 'ui.json'), JSON.stringify({
      at: new Date().toISOString(), build: buildState, chromium: browser.version(), cores: cpus().length, load: loadavg()[0],
      seed, floorMs: round(floorMs), goals: { interactionMs: GOAL_INTERACTION, chartMs: GOAL_CHART }, rows: table, pageErrors: errors, externalRequests: external,
    }, null, 2) + '\n');
    console.log('wrote bench-results/ui.json');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
