/**
 * Runs inside headless Chromium (real IndexedDB), bundled by esbuild from
 * test/bench/bundle-bench.ts. Each step is one call from the Node side, so
 * that the Node side can sample the page's heap while it runs and collect
 * garbage between steps. State between steps (the bundle bytes, the
 * dexie-export-import blob) stays in this page.
 */
import { exportDB, importInto } from 'dexie-export-import';
import { assembleBundleInput, buildBundle, readBundle } from '../../../shared/bundle';
import type { Portfolio } from '../../../shared/domain/schemas';
import { SupportspanDb } from '../../../renderer/db/database';
import { gatherPortfolio, importBundleIntoDb } from '../../../renderer/db/bundle-io';
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

  /** Ours: read the workspace (gather), analyse (findings, plans, CycloneDX, CSV), write the bundle (validate, JSON, report, hashes, zip). */
  async exportOurs(): Promise<Step> {
    const db = await freshDb();
    try {
      await bulkPutAll(db, need(portfolio, 'the portfolio'));
      // The three steps of buildWorkspaceBundle, timed one by one.
      const t0 = performance.now();
      const gathered = await gatherPortfolio(db);
      const t1 = performance.now();
      const input = assembleBundleInput(gathered.portfolio, { asOf: AS_OF, appVersion: 'bench', createdAt: CREATED, scope: gathered.scope, history: gathered.history });
      const t2 = performance.now();
      const built = await buildBundle(input);
      const t3 = performance.now();
      bundleBytes = built.bytes;
      return { ms: t3 - t0, bytes: built.bytes.length, detail: { gatherMs: t1 - t0, analyseMs: t2 - t1, writeMs: t3 - t2 } };
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
      const result = await importBundleIntoDb(db, read.bundle, { mode: 'replace-workspace' });
      const t2 = performance.now();
      if (result.added !== need(portfolio, 'the portfolio').products.length + need(portfolio, 'the portfolio').lines.length) {
        throw new Error(`imported ${result.added} records, expected more`);
      }
      return { ms: t2 - t0, detail: { readMs: t1 - t0, writeMs: t2 - t1 } };
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
