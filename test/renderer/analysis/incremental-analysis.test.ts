/**
 * The live portfolio re-reads only what a write changed, and the worker re-analyses
 * only the products sent to it: after every kind of edit, both must give exactly what
 * a full read and a full analysis give.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '@testing-library/react';
import { dropDb, testDb } from '../helpers';
import { LINE, washer } from './fixture';
import { generatePortfolio } from '../../bench/generate-portfolio';
import type { SupportspanDb } from '../../../renderer/db/database';
import type { Portfolio } from '../../../shared/domain';
import { analyzePortfolio, createAnalysisCache, type AnalysisOptions } from '../../../shared/engine';
import { collectChanges, noChanges, onStorageMutated, watchPortfolio } from '../../../renderer/analysis/portfolio-store';
import { expandOutput, runAnalysis, type AnalysisOutput, type WorkerRunRequest } from '../../../renderer/analysis/analysis-job';
import { createRunRequests } from '../../../renderer/analysis/runners';
import { createWorkerAnalysis, readPortfolio } from '../../../renderer/analysis/worker-analysis';
import { deleteProduct, getProduct, putProduct } from '../../../renderer/db/repositories/products';
import { createLine, updateLine } from '../../../renderer/db/repositories/product-lines';
import { acceptRisk, revokeDecision } from '../../../renderer/db/repositories/decisions';
import { updateComponent } from '../../../renderer/db/repositories/components';
import { replaceWorkspaceForBenchmark } from '../../../renderer/db/repositories/workspace';

let db: SupportspanDb;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await dropDb(db);
});

const OPTIONS: AnalysisOptions = { asOf: '2026-06-01' };

async function fullRead(): Promise<Portfolio> {
  const [lines, products, decisions] = await Promise.all([db.lines.toArray(), db.products.toArray(), db.decisions.toArray()]);
  return { lines, products, decisions };
}

/** 1,000 generated components in 20 products on one line, plus the washer on its own line. */
async function seed(): Promise<void> {
  const generated = generatePortfolio(1_000, 7);
  await db.transaction('rw', db.lines, db.products, async () => {
    await db.lines.bulkAdd([...generated.lines, LINE]);
    await db.products.bulkAdd(generated.products);
  });
  await putProduct(db, washer());
}

/** The live portfolio of `db`: `latest()` is its newest value. */
async function watch() {
  let latest: Portfolio | null = null;
  const errors: unknown[] = [];
  const w = watchPortfolio(db, (p) => { latest = p; }, (e) => errors.push(e));
  cleanups.push(() => w.stop());
  await waitFor(() => expect(latest).not.toBeNull());
  return {
    latest: () => latest!,
    /** Waits until the live value is what the database holds now, and returns it. */
    async settled(): Promise<Portfolio> {
      const expected = await fullRead();
      await waitFor(() => expect(latest).toEqual(expected));
      expect(errors).toEqual([]);
      return latest!;
    },
  };
}

describe('the live portfolio', () => {
  it('re-reads only the products a write touched, keeps the others as they were, and always equals a full read', async () => {
    db = testDb();
    await db.open();
    await seed();
    const live = await watch();
    const first = await live.settled();

    const target = first.products[3]!;
    await putProduct(db, { ...target, declaredSupportEnd: '2040-12-31' });
    const second = await live.settled();
    expect(second.products.find((p) => p.id === target.id)!.declaredSupportEnd).toBe('2040-12-31');
    // Every other product is the very object read before: it was not read again.
    for (const p of second.products) {
      if (p.id === target.id) expect(p).not.toBe(target);
      else expect(p).toBe(first.products.find((q) => q.id === p.id));
    }
    expect(second.lines).toBe(first.lines);
    expect(second.decisions).toBe(first.decisions);

    // A component edit, a product added (sorting between others), one deleted, a line renamed, a decision.
    const w = await getProduct(db, 'p-washer');
    await updateComponent(db, 'p-washer', w!.components[0]!.id, { securitySupportEnd: '2041-01-31' });
    await putProduct(db, washer({ id: 'p0-between', name: 'Washer W2' }));
    await deleteProduct(db, first.products.find((p) => p.id !== 'p-washer')!.id);
    const line = await createLine(db, { name: 'Dryers', environment: 'consumer' });
    await putProduct(db, washer({ id: 'p-dryer', lineId: line.id, name: 'Dryer D1' }));
    await updateLine(db, LINE.id, { name: 'Washing machines' });
    const third = await live.settled();
    expect(third.products.map((p) => p.id)).toContain('p0-between');
    expect(third.lines.find((l) => l.id === LINE.id)!.name).toBe('Washing machines');

    const finding = analyzePortfolio(third, OPTIONS).findings.find((f) => f.productId === 'p-washer')!;
    await acceptRisk(db, { findingKey: finding.key, productId: 'p-washer', rationale: 'Covered by the service contract', by: 'QA', expires: '2027-12-31' });
    expect((await live.settled()).decisions).toHaveLength(1);
    await revokeDecision(db, finding.key);
    expect((await live.settled()).decisions).toHaveLength(0);

    // Clearing a table is a range, not keys: read whole again.
    await replaceWorkspaceForBenchmark(db, generatePortfolio(500, 9));
    const fourth = await live.settled();
    expect(fourth.products).toHaveLength(10);
  });

  it('names the changed products of a write, and the whole table for a cleared one', async () => {
    db = testDb();
    await db.open();
    await seed();
    const changes = noChanges();
    cleanups.push(onStorageMutated((parts) => collectChanges(changes, parts, db.name)));
    await putProduct(db, washer({ declaredSupportEnd: '2031-12-31' }));
    expect(changes).toEqual({ lines: false, decisions: false, products: new Set(['p-washer']) });
    await updateLine(db, LINE.id, { notes: 'front loaders' });
    expect(changes.lines).toBe(true);
    expect(changes.decisions).toBe(false);
    // A notification relayed from another window is a plain clone of the tree: read the same way.
    const relayed = noChanges();
    collectChanges(relayed, structuredClone({ [`idb://${db.name}/products/`]: { from: 'a', to: 'a', d: 1, l: null, r: { from: 'b', to: 'b', d: 1 } } }), db.name);
    expect(relayed.products).toEqual(new Set(['a', 'b']));
    await db.transaction('rw', db.products, () => db.products.clear());
    expect(changes.products).toBe('all');
  });
});

describe('incremental analysis', () => {
  it('the engine with a cache gives the same result as without, after edits and a change of options', async () => {
    db = testDb();
    await db.open();
    await seed();
    const live = await watch();
    const cache = createAnalysisCache();
    let p = await live.settled();
    expect(analyzePortfolio(p, OPTIONS, cache)).toEqual(analyzePortfolio(await fullRead(), OPTIONS));
    await putProduct(db, { ...p.products[5]!, lastPlacedOnMarket: '2026-01-31', expectedUseYears: 2 });
    await deleteProduct(db, p.products[6]!.id);
    p = await live.settled();
    expect(analyzePortfolio(p, OPTIONS, cache)).toEqual(analyzePortfolio(await fullRead(), OPTIONS));
    const later = { asOf: '2031-03-01', policy: { minSupportYears: 8 } };
    expect(analyzePortfolio(p, later, cache)).toEqual(analyzePortfolio(await fullRead(), later));
    expect(analyzePortfolio(p, OPTIONS, cache)).toEqual(analyzePortfolio(await fullRead(), OPTIONS));
  });

  it("the worker, reading the database itself and then sent only changes, gives the findings of a full analysis", async () => {
    db = testDb();
    await db.open();
    await seed();
    const live = await watch();
    const requests = createRunRequests();
    const worker = createWorkerAnalysis();
    let seq = 0;
    // What crosses to the worker and back is a structured clone, as with postMessage.
    const run = (portfolio: Portfolio, options = OPTIONS): { request: WorkerRunRequest; output: AnalysisOutput } => {
      const request = requests.build({ portfolio, options }, ++seq);
      const response = structuredClone(worker.run(structuredClone(request)));
      if (!response.ok) throw new Error('resend' in response ? 'resend asked' : response.error);
      return { request, output: expandOutput(response.output) };
    };
    const expectFull = async (output: AnalysisOutput, options = OPTIONS) => expect(output).toEqual(runAnalysis({ portfolio: await fullRead(), options }));

    // At start-up: the worker reads for itself; a write lands after it was asked to, before the first run.
    const touched = noChanges();
    cleanups.push(onStorageMutated((parts) => collectChanges(touched, parts, db.name)));
    requests.preloaded(touched);
    const pageCopy = await live.settled();
    // As at start-up: it analyses what it read with the stored options before the first run.
    worker.loaded(await readPortfolio(db.name));
    worker.warm(OPTIONS);
    await putProduct(db, { ...pageCopy.products[2]!, declaredSupportEnd: '2021-01-31' });
    const afterWrite = await live.settled();
    const first = run(afterWrite);
    expect(first.request.products.reset).toBe(false);
    expect(first.request.products.put.map((p) => p.id)).toEqual([pageCopy.products[2]!.id]);
    await expectFull(first.output);

    // Each later run sends only the products that changed.
    const w = await getProduct(db, 'p-washer');
    await updateComponent(db, 'p-washer', w!.components[1]!.id, { sparePartsUntil: '2026-01-31' });
    const second = run(await live.settled());
    expect(second.request.products.put.map((p) => p.id)).toEqual(['p-washer']);
    expect(second.request.lines).toBeUndefined();
    await expectFull(second.output);

    const finding = second.output.findings.find((f) => f.productId === 'p-washer')!;
    await acceptRisk(db, { findingKey: finding.key, productId: 'p-washer', rationale: 'Spares from the service partner', by: 'QA', expires: '2027-12-31' });
    const dropped = afterWrite.products.find((p) => p.id !== 'p-washer')!.id;
    await deleteProduct(db, dropped);
    await updateLine(db, LINE.id, { environment: 'industrial' });
    const third = run(await live.settled());
    expect(third.request.products.put).toEqual([]);
    expect(third.request.products.remove).toEqual([dropped]);
    expect(third.request.decisions).toHaveLength(1);
    await expectFull(third.output);
    expect(third.output.findings.find((f) => f.key === finding.key)!.status).toBe('accepted');

    // Other options: everything is analysed again.
    await expectFull(run(live.latest(), { asOf: '2033-01-01' }).output, { asOf: '2033-01-01' });
  });

  it('a worker whose own read failed asks for the whole portfolio, and then answers as a full analysis', async () => {
    db = testDb();
    await db.open();
    await seed();
    const live = await watch();
    const requests = createRunRequests();
    const worker = createWorkerAnalysis();
    requests.preloaded(noChanges());
    worker.loaded(null);
    const portfolio = await live.settled();
    expect(worker.run(structuredClone(requests.build({ portfolio, options: OPTIONS }, 1)))).toEqual({ seq: 1, ok: false, resend: true });
    requests.forget();
    const request = requests.build({ portfolio, options: OPTIONS }, 1);
    expect(request.products.reset).toBe(true);
    const response = worker.run(structuredClone(request));
    expect(response.ok && expandOutput(structuredClone(response.output))).toEqual(runAnalysis({ portfolio: await fullRead(), options: OPTIONS }));
  });
});
