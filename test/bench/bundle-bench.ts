/**
 * Bundle benchmark: `npm run bench:bundles [-- --sizes 10k,100k] [--runs N]`
 * (also part of `npm run bench`).
 *
 * Export and import of bundles in real IndexedDB (headless Chromium), against
 * two references measured in the same run on the same records:
 * - the floor for import: the records already in memory, one bulkPut per
 *   table in one transaction (what any import must at least do);
 * - dexie-export-import: exportDB / importInto of the same database (what a
 *   developer would reach for).
 * Our export = the app's path: the export worker job (renderer/db/bundle-export-job.ts)
 * reads the workspace, analyses, plans, writes report, CycloneDX and CSV
 * copies, hashes, zips. Two variants are measured beside it: the job with the
 * workspace read on the page and posted over, and the export as it was before
 * the worker (every step on the page's thread). For each, the page's
 * responsiveness while exporting: the longest task and the longest gap between
 * animation frames. Our import = readBundle (unzip, hashes, schemas, chain)
 * + importBundleIntoDb (validate, one chunked transaction).
 *
 * Peak memory: the page's JS heap (DevTools protocol) and the resident memory
 * of Chromium's renderer processes (/proc; it also counts the export worker,
 * array buffers and zlib), sampled from Node every 20 ms while a step runs,
 * minus the value before the step (after a forced GC). Resident memory freed
 * by an earlier step can be reused without showing, so the figure is a lower
 * bound of what the step needed at its peak. Our import includes verifying
 * (signature state and report.html made again and compared), as the app does.
 * Prints a table, the goals (reported, not asserted: export no slower than
 * dexie-export-import and under 2.5 s at 100k, the page's longest task under
 * 50 ms, import within 2x the floor, peak memory under 3x the bundle's
 * uncompressed size) and writes bench-results/bundles.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { runBundleBombBench } from './bundle-bomb-bench';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const SIZE_NAMES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000 };
const MB = 1024 * 1024;
const STEPS = ['exportOurs', 'exportPageRead', 'exportMainThread', 'exportDexie', 'importFloor', 'importOurs', 'importDexie'] as const;
type StepName = (typeof STEPS)[number];

interface StepResult { ms: number; bytes?: number; detail?: Record<string, number> }
interface Measured { medianMs: number; runsMs: number[]; bytes: number | null; peakHeapMB: number; peakRssMB: number; detail: Record<string, number> | null }

function parseSize(text: string): number {
  const known = SIZE_NAMES[text.toLowerCase()];
  if (known) return known;
  const m = /^(\d+)(k)?$/i.exec(text);
  if (!m) throw new Error(`--sizes: "${text}" is not a size (use e.g. 10k, 100k or a number)`);
  return Number(m[1]) * (m[2] ? 1_000 : 1);
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

async function bundleEntry(dir: string): Promise<void> {
  // The app's export worker, bundled on its own as Vite does for the app.
  await build({
    entryPoints: [join(ROOT, 'renderer', 'workers', 'bundle-export.worker.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome130'],
    outfile: join(dir, 'export-worker.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(ROOT, 'test', 'bench', 'browser', 'bundle-bench-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome130'],
    outfile: join(dir, 'bench.js'),
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: false,
    // the page hands the job its worker, so the app's `new URL(..., import.meta.url)` is never reached here
    logOverride: { 'empty-import-meta': 'silent' },
    logLevel: 'warning',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bundle bench</title><script src="bench.js"></script>\n');
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const files: Record<string, { type: string; path: string }> = {
    '/': { type: 'text/html', path: join(dir, 'index.html') },
    '/bench.js': { type: 'text/javascript', path: join(dir, 'bench.js') },
    '/export-worker.js': { type: 'text/javascript', path: join(dir, 'export-worker.js') },
  };
  const server = createServer(async (req, res) => {
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const { readFile } = await import('node:fs/promises');
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(await readFile(file.path));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

/** Resident memory of Chromium's renderer processes (the page and its workers live there), from /proc; 0 where there is no /proc. */
function rendererRss(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // the process is gone
    }
  }
  return total;
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Runs one step in the page, sampling meanwhile the page's JS heap and the
 * renderer processes' resident memory (which also counts the export worker,
 * array buffers and the platform's zlib); returns its result and the peaks
 * above the start.
 */
async function runStep(page: Page, cdp: CDPSession, step: StepName, pids: readonly number[]): Promise<{ result: StepResult; peakBytes: number; peakRssBytes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const base = await heapUsed(cdp);
  const baseRss = rendererRss(pids);
  let peak = base;
  let peakRss = baseRss;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakRss = Math.max(peakRss, rendererRss(pids));
      try {
        peak = Math.max(peak, await heapUsed(cdp));
      } catch {
        // the page is busy or closing; the next sample will do
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const result = await page.evaluate((name) => (globalThis as unknown as { bench: Record<string, () => Promise<unknown>> }).bench[name]!(), step) as StepResult;
    peakRss = Math.max(peakRss, rendererRss(pids));
    return { result, peakBytes: Math.max(0, peak - base), peakRssBytes: Math.max(0, peakRss - baseRss) };
  } finally {
    sampling = false;
    await sampler;
  }
}

interface SizeResult {
  components: number;
  products: number;
  runs: number;
  steps: Record<StepName, Measured>;
  ratios: { importOverFloor: number; importOursOverDexie: number; exportOursOverDexie: number };
  /** What data/, analysis/, report.html and interchange/ hold uncompressed, and the peak memory of export and import against it. */
  memory: { uncompressedMB: number; exportPeakRssMB: number; importPeakRssMB: number; exportOverUncompressed: number; importOverUncompressed: number };
  goals: Goal[];
}

interface Goal { goal: string; value: string; met: boolean }

async function benchSize(page: Page, cdp: CDPSession, components: number, runs: number, pids: readonly number[]): Promise<SizeResult> {
  const prepared = await page.evaluate((n) => (globalThis as unknown as { bench: { prepare(n: number): { products: number } } }).bench.prepare(n), components);
  const samples: Record<StepName, { ms: number[]; bytes: number | null; peak: number; peakRss: number; detail: Record<string, number>[] }> = Object.fromEntries(
    STEPS.map((s) => [s, { ms: [], bytes: null, peak: 0, peakRss: 0, detail: [] }]),
  ) as never;
  // one warm-up pass (JIT, IndexedDB files), then the measured runs, steps interleaved so load changes hit every step alike
  for (let run = -1; run < runs; run++) {
    for (const step of STEPS) {
      const { result, peakBytes, peakRssBytes } = await runStep(page, cdp, step, pids);
      if (run < 0) continue;
      const s = samples[step];
      s.ms.push(result.ms);
      s.bytes = result.bytes ?? s.bytes;
      s.peak = Math.max(s.peak, peakBytes);
      s.peakRss = Math.max(s.peakRss, peakRssBytes);
      if (result.detail) s.detail.push(result.detail);
    }
  }
  const steps = Object.fromEntries(STEPS.map((step) => {
    const s = samples[step];
    const detail = s.detail.length
      ? Object.fromEntries(Object.keys(s.detail[0]!).map((k) => [k, round(median(s.detail.map((d) => d[k]!)))]))
      : null;
    return [step, { medianMs: round(median(s.ms)), runsMs: s.ms.map((m) => round(m)), bytes: s.bytes, peakHeapMB: round(s.peak / MB), peakRssMB: round(s.peakRss / MB), detail }];
  })) as Record<StepName, Measured>;
  const ratios = {
    importOverFloor: round(steps.importOurs.medianMs / steps.importFloor.medianMs, 2),
    importOursOverDexie: round(steps.importOurs.medianMs / steps.importDexie.medianMs, 2),
    exportOursOverDexie: round(steps.exportOurs.medianMs / steps.exportDexie.medianMs, 2),
  };
  const uncompressedMB = steps.exportOurs.detail?.uncompressedMB ?? 0;
  const memory = {
    uncompressedMB: round(uncompressedMB),
    exportPeakRssMB: steps.exportOurs.peakRssMB,
    importPeakRssMB: steps.importOurs.peakRssMB,
    exportOverUncompressed: uncompressedMB ? round(steps.exportOurs.peakRssMB / uncompressedMB, 2) : 0,
    importOverUncompressed: uncompressedMB ? round(steps.importOurs.peakRssMB / uncompressedMB, 2) : 0,
  };
  const longestTask = steps.exportOurs.detail?.longestTaskMs ?? 0;
  const goals: Goal[] = [
    { goal: `export no slower than dexie-export-import (ratio at most ${GOALS.exportOursOverDexieMax})`, value: `${ratios.exportOursOverDexie.toFixed(2)}x`, met: ratios.exportOursOverDexie <= GOALS.exportOursOverDexieMax },
    { goal: `longest main-thread task while exporting under ${GOALS.longestTaskMsMax} ms`, value: `${longestTask.toFixed(0)} ms`, met: longestTask < GOALS.longestTaskMsMax },
    { goal: `import (read, verify, validate, write) within ${GOALS.importOverFloorMax}x a bare bulkPut`, value: `${ratios.importOverFloor.toFixed(2)}x`, met: ratios.importOverFloor <= GOALS.importOverFloorMax },
  ];
  if (components >= 100_000) {
    goals.push(
      { goal: `export of ${components.toLocaleString('en-US')} components under ${GOALS.export100kMsMax} ms`, value: `${steps.exportOurs.medianMs.toFixed(0)} ms`, met: steps.exportOurs.medianMs < GOALS.export100kMsMax },
      { goal: `peak memory exporting under ${GOALS.memoryOverUncompressedMax}x the bundle uncompressed (${memory.uncompressedMB.toFixed(0)} MB)`, value: `${memory.exportPeakRssMB.toFixed(0)} MB, ${memory.exportOverUncompressed.toFixed(2)}x`, met: memory.exportOverUncompressed < GOALS.memoryOverUncompressedMax },
      { goal: `peak memory importing under ${GOALS.memoryOverUncompressedMax}x the bundle uncompressed`, value: `${memory.importPeakRssMB.toFixed(0)} MB, ${memory.importOverUncompressed.toFixed(2)}x`, met: memory.importOverUncompressed < GOALS.memoryOverUncompressedMax },
    );
  }
  return { components, products: prepared.products, runs, steps, ratios, memory, goals };
}

/** What the benchmark checks (reported, not asserted). */
const GOALS = {
  exportOursOverDexieMax: 1,
  export100kMsMax: 2500,
  longestTaskMsMax: 50,
  importOverFloorMax: 2,
  memoryOverUncompressedMax: 3,
} as const;

function table(rows: SizeResult[]): string {
  const header = ['components', 'step', 'median ms', 'runs ms', 'size MB', 'peak heap +MB', 'peak RSS +MB', 'ratio'];
  const body: string[][] = [];
  for (const r of rows) {
    const ratio: Partial<Record<StepName, string>> = {
      exportOurs: `${r.ratios.exportOursOverDexie.toFixed(2)}x dexie-export-import`,
      importOurs: `${r.ratios.importOverFloor.toFixed(2)}x floor, ${r.ratios.importOursOverDexie.toFixed(2)}x dexie-export-import`,
    };
    const label: Record<StepName, string> = {
      exportOurs: 'export: ours (.sspan, worker job)',
      exportPageRead: 'export: worker job, read on page',
      exportMainThread: 'export: all on page (before)',
      exportDexie: 'export: dexie-export-import',
      importFloor: 'import: floor (bare bulkPut)',
      importOurs: 'import: ours (read, verify, write)',
      importDexie: 'import: dexie-export-import',
    };
    for (const step of STEPS) {
      const m = r.steps[step];
      const detail = m.detail ? ` (${Object.entries(m.detail).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
      body.push([
        r.components.toLocaleString('en-US'), label[step], m.medianMs.toFixed(1), m.runsMs.map((x) => x.toFixed(0)).join(' '),
        m.bytes === null ? '' : (m.bytes / MB).toFixed(2), m.peakHeapMB.toFixed(1), m.peakRssMB.toFixed(1), (ratio[step] ?? '') + detail,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 1 || i === 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { sizes: { type: 'string', default: '10k,100k' }, runs: { type: 'string' } },
    strict: true,
  });
  const sizes = (values.sizes ?? '').split(',').filter(Boolean).map(parseSize);
  const dir = mkdtempSync(join(tmpdir(), 'supportspan-bundle-bench-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let server: Server | null = null;
  try {
    await bundleEntry(dir);
    const served = await serve(dir);
    server = served.server;
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(0);
    await page.goto(served.url);
    const cdp = await context.newCDPSession(page);
    const version = browser.version();
    // The renderer processes, whose resident memory is sampled (the page, its export worker and the platform's zlib live there).
    const browserCdp = await browser.newBrowserCDPSession();
    const info = await browserCdp.send('SystemInfo.getProcessInfo') as { processInfo: { type: string; id: number }[] };
    const pids = info.processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);

    const results: SizeResult[] = [];
    for (const size of sizes) {
      const runs = values.runs ? Number(values.runs) : size >= 100_000 ? 3 : 5;
      process.stderr.write(`bundles: ${size.toLocaleString('en-US')} components (${runs} runs + warm-up)...\n`);
      results.push(await benchSize(page, cdp, size, runs, pids));
    }

    console.log(`Bundle benchmark, Chromium ${version} (headless, real IndexedDB), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / MB / 1024)} GiB RAM`);
    console.log(table(results));
    const notes: string[] = [];
    for (const r of results) {
      const n = r.components.toLocaleString('en-US');
      for (const g of r.goals) notes.push(`${n}: ${g.goal}: ${g.value} (${g.met ? 'met' : 'NOT met'})`);
      notes.push(`${n}: import ${r.ratios.importOursOverDexie.toFixed(2)}x dexie-export-import; peak RSS +${r.memory.exportPeakRssMB.toFixed(0)} MB exporting, +${r.memory.importPeakRssMB.toFixed(0)} MB importing, bundle ${r.memory.uncompressedMB.toFixed(0)} MB uncompressed`);
    }
    for (const note of notes) console.log(`- ${note}`);

    const outDir = join(ROOT, 'bench-results');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, 'bundles.json');
    writeFileSync(file, `${JSON.stringify({
      benchmark: 'bundles', date: new Date().toISOString(), chromium: version, node: process.version,
      loadAverage: loadavg(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemMB: Math.round(totalmem() / MB),
      goals: GOALS,
      results, notes,
    }, null, 2)}\n`);
    console.log(`written ${file}`);
  } finally {
    await browser.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
// Its own section: hostile bundles, refused (test/bench/bundle-bomb-bench.ts).
await runBundleBombBench();

// Spreadsheet import (XLSX bombs, 100k rows against papaparse and ExcelJS) in its own process, so its memory figures are its own.
{
  const { spawnSync } = await import('node:child_process');
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'bench', 'spreadsheet-bench.ts')], { stdio: 'inherit', cwd: ROOT });
}
