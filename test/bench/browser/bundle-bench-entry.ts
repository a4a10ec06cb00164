/**
 * Runs inside headless Chromium (real IndexedDB), bundled by esbuild from
 * test/bench/bundle-bench.ts. Each step is one call from the Node side, so
 * that the Node side can sample the page's heap while it runs and collect
 * garbage between steps. State between steps (the bundle bytes, the
 * dexie-export-import blob) stays in this page.
 */
import { exportDB, importInto } from 'dexie-export-import';
import { unzipSync } from 'fflate';
import { assembleBundleInput, buildBundle, readBundle, verifyReadBundle } from '../../../shared/bundle';
import type { Portfolio } from '../../../shared/domain/schemas';
import { SupportspanDb } from '../../../renderer/db/database';
import { gatherPortfolio, importBundleIntoDb } from '../../../renderer/db/bundle-io';
import { startBundleExport, type ExportProgress, type ExportWorker } from '../../../renderer/db/bundle-export-job';
import { generatePortfolio } from '../generate-portfolio';

const AS_OF = '2026-11-28';
const CREATED = '2026-11-28T10:00:00.000Z';

interface Step {
  ms: number;
  bytes?: number;
  detail?: Record<string, number>;
}

let portfolio: Portfolio | null = null;
let bundleBytes: Uint8Array | null = null;
let dexieBlob: Blob | null = null;
let dbCounter = 0;

async function freshDb(): Promise<SupportspanDb> {
  const db = new SupportspanDb(`bench-${Date.now()}-${++dbCounter}`);
  await db.open();
  return db;
}

async function drop(db: SupportspanDb): Promise<void> {
  db.close();
  await db.delete({ disableAutoOpen: true });
}

/** The floor's way of writing: one transaction, one bulkPut per table. */
async function bulkPutAll(db: SupportspanDb, p: Portfolio): Promise<void> {
  await db.transaction('rw', [db.lines, db.products, db.decisions], async () => {
    await db.lines.bulkPut(p.lines);
    await db.products.bulkPut(p.products);
    await db.decisions.bulkPut(p.decisions);
  });
}

/**
 * How long the page's thread was unavailable while `run` ran: the longest
 * task Chromium reports (longtask entries, 50 ms and up) and the longest gap
 * between animation frames (what a user sees as a frozen window).
 */
async function watchingThePage<T>(run: () => Promise<T>): Promise<{ value: T; longestTaskMs: number; longestFrameGapMs: number; longestTimerGapMs: number }> {
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let watching = true;
  let longestFrameGapMs = 0;
  let lastFrame = performance.now();
  const frame = (now: number): void => {
    longestFrameGapMs = Math.max(longestFrameGapMs, now - lastFrame);
    lastFrame = now;
    if (watching) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // A timer every 5 ms: how late it fires is how long a click would wait.
  let longestTimerGapMs = 0;
  let lastTick = performance.now();
  const tick = (): void => {
    const now = performance.now();
    longestTimerGapMs = Math.max(longestTimerGapMs, now - lastTick);
    lastTick = now;
    if (watching) setTimeout(tick, 5);
  };
  setTimeout(tick, 5);
  const value = await run();
  // one more frame and timer, so a block at the very end is counted too
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => setTimeout(r, 20));
  watching = false;
  for (const e of observer.takeRecords()) longestTaskMs = Math.max(longestTaskMs, e.duration);
  observer.disconnect();
  return { value, longestTaskMs, longestFrameGapMs, longestTimerGapMs };
}

/** The export worker, bundled next to this page by the Node side. */
const makeWorker = (): ExportWorker => new Worker('export-worker.js', { name: 'bundle-export' }) as unknown as ExportWorker;

/** The app's export path (the worker job), with the time of each step taken from its progress reports. */
async function exportThroughJob(read: 'worker' | 'page'): Promise<Step> {
  const db = await freshDb();
  try {
    await bulkPutAll(db, need(portfolio, 'the portfolio'));
    const marks = new Map<string, number>();
    const t0 = performance.now();
    const watched = await watchingThePage(() => startBundleExport(db, { asOf: AS_OF, appVersion: 'bench', createdAt: CREATED }, {
      mode: 'worker', read, createWorker: makeWorker,
      onProgress: (p: ExportProgress) => { if (!marks.has(p.stage)) marks.set(p.stage, performance.now()); },
    }).result);
    const t3 = performance.now();
    bundleBytes = watched.value.bytes;
    const t1 = marks.get('analysis') ?? t0;
    const t2 = marks.get('checking') ?? t1;
    // Each stage of the job, from the first progress report of one stage to the first of the next.
    const stages = EXPORT_STAGE_ORDER.filter((st) => marks.has(st));
    const stageMs: Record<string, number> = {};
    stages.forEach((st, i) => {
      const next = stages[i + 1];
      stageMs[`${st}Ms`] = (next ? marks.get(next)! : t3) - marks.get(st)!;
    });
    return {
      ms: t3 - t0, bytes: watched.value.bytes.length,
      detail: {
        gatherMs: t1 - t0, analyseMs: t2 - t1, writeMs: t3 - t2, ...stageMs,
        uncompressedMB: uncompressedBytes(watched.value.bytes) / 1024 / 1024,
        longestTaskMs: watched.longestTaskMs, longestFrameGapMs: watched.longestFrameGapMs, longestTimerGapMs: watched.longestTimerGapMs,
      },
    };
  } finally {
    await drop(db);
  }
}

/** The export's stages in the order the job reports them (renderer/db/bundle-export-run.ts). */
const EXPORT_STAGE_ORDER = ['reading', 'analysis', 'products', 'csv', 'checking', 'serialising', 'hashing', 'signing', 'compressing'] as const;

/** The sum of the archive's declared entry sizes: what the bundle holds uncompressed. */
function uncompressedBytes(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, { filter: (f) => { total += f.originalSize; return false; } });
  return total;
}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} is not prepared: run the steps in order`);
  return value;
}

const bench = {
  prepare(components: number): { products: number; lines: number } {
    portfolio = generatePortfolio(components, 42);
    bundleBytes = null;
    dexieBlob = null;
    return { products: portfolio.products.length, lines: portfolio.lines.length };
  },

  /** Ours, as the app exports: the worker job reads the workspace (by name, in the worker), analyses (findings, plans, CycloneDX, CSV) and writes (JSON, report, hashes, zip). */
  exportOurs(): Promise<Step> {
    return exportThroughJob('worker');
  },

  /** The same job with the workspace read on the page and posted to the worker (a structured clone on the page's thread). */
  exportPageRead(): Promise<Step> {
    return exportThroughJob('page');
  },

  /** The export as it was: every step on the page's thread, the portfolio schema-checked again. */
  async exportMainThread(): Promise<Step> {
    const db = await freshDb();
    try {
      await bulkPutAll(db, need(portfolio, 'the portfolio'));
      const t0 = performance.now();
      let t1 = t0;
      let t2 = t0;
      const watched = await watchingThePage(async () => {
        const gathered = await gatherPortfolio(db);
        t1 = performance.now();
        const input = assembleBundleInput(gathered.portfolio, { asOf: AS_OF, appVersion: 'bench', createdAt: CREATED, scope: gathered.scope, history: gathered.history });
        t2 = performance.now();
        return buildBundle(input);
      });
      const t3 = performance.now();
      return {
        ms: t3 - t0, bytes: watched.value.bytes.length,
        detail: { gatherMs: t1 - t0, analyseMs: t2 - t1, writeMs: t3 - t2, longestTaskMs: watched.longestTaskMs, longestFrameGapMs: watched.longestFrameGapMs, longestTimerGapMs: watched.longestTimerGapMs },
      };
    } finally {
      await drop(db);
    }
  },

  /** dexie-export-import: the whole database as a JSON blob. */
  async exportDexie(): Promise<Step> {
    const db = await freshDb();
    try {
      await bulkPutAll(db, need(portfolio, 'the portfolio'));
      const t0 = performance.now();
      const blob = await exportDB(db);
      const ms = performance.now() - t0;
      dexieBlob = blob;
      return { ms, bytes: blob.size };
    } finally {
      await drop(db);
    }
  },

  /** The floor for import: the same records, already in memory, bulkPut in one transaction. */
  async importFloor(): Promise<Step> {
    const db = await freshDb();
    try {
      const p = need(portfolio, 'the portfolio');
      const t0 = performance.now();
      await bulkPutAll(db, p);
      return { ms: performance.now() - t0 };
    } finally {
      await drop(db);
    }
  },

  /** Ours: bundle bytes in (unzip, hashes, schemas, chain), then validate and write in one chunked transaction. */
  async importOurs(): Promise<Step> {
    const db = await freshDb();
    try {
      const bytes = need(bundleBytes, 'the bundle');
      const t0 = performance.now();
      const read = await readBundle(bytes);
      if (!read.ok) throw new Error(read.error);
      const t1 = performance.now();
      // As the app opens a bundle: the signature state and the report made again from the data (same app version: compared byte for byte).
      const verified = await verifyReadBundle(read.bundle, { appVersion: 'bench' });
      if (verified.state === 'invalid' || !verified.bundle) throw new Error(`the bundle did not verify: ${verified.reasons.join('; ')}`);
      const t2 = performance.now();
      const result = await importBundleIntoDb(db, read.bundle, { mode: 'replace-workspace' });
      const t3 = performance.now();
      if (result.added !== need(portfolio, 'the portfolio').products.length + need(portfolio, 'the portfolio').lines.length) {
        throw new Error(`imported ${result.added} records, expected more`);
      }
      return { ms: t3 - t0, detail: { readMs: t1 - t0, verifyMs: t2 - t1, writeMs: t3 - t2 } };
    } finally {
      await drop(db);
    }
  },

  async importDexie(): Promise<Step> {
    const db = await freshDb();
    try {
      const blob = need(dexieBlob, 'the dexie-export-import blob');
      const t0 = performance.now();
      await importInto(db, blob, { clearTablesBeforeImport: true, acceptNameDiff: true });
      const ms = performance.now() - t0;
      const products = await db.products.count();
      if (products !== need(portfolio, 'the portfolio').products.length) throw new Error(`dexie-export-import imported ${products} products`);
      return { ms };
    } finally {
      await drop(db);
    }
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
