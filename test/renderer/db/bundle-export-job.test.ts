import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSigningKey, readBundle, verifyBundle, type SigningKey } from '../../../shared/bundle';
import { buildWorkspaceBundle, BundleImportError } from '../../../renderer/db/bundle-io';
import {
  EXPORT_CANCELLED_MESSAGE, isExportCancelled, startBundleExport, type BundleExportOptions, type ExportProgress, type ExportWorker,
} from '../../../renderer/db/bundle-export-job';
import { handleExportRequest, type ExportRequest, type ExportResponse } from '../../../renderer/db/bundle-export-run';
import type { SupportspanDb } from '../../../renderer/db/database';
import { dropDb, testDb } from '../helpers';
import { AS_OF, CREATED, counts, loadPortfolio } from '../bundles/bundle-fixtures';

let db: SupportspanDb;
let key: SigningKey;
beforeEach(async () => {
  db = testDb();
  await loadPortfolio(db);
  key ??= await generateSigningKey(new Date('2026-01-01T00:00:00Z'));
});
afterEach(async () => {
  await dropDb(db);
});

const options = (): BundleExportOptions => ({ asOf: AS_OF, appVersion: '9.9.9', createdAt: CREATED, signingKey: key, who: 'Ada' });

/** Runs the real worker code in this process, with the structured clone a real worker applies to messages. */
class InProcessWorker implements ExportWorker {
  onmessage: ExportWorker['onmessage'] = null;
  onerror: ExportWorker['onerror'] = null;
  terminated = 0;
  postMessage(request: ExportRequest): void {
    const cloned = structuredClone(request);
    void handleExportRequest(cloned, (response) => {
      if (!this.terminated) this.onmessage?.({ data: structuredClone(response) } as MessageEvent<ExportResponse>);
    });
  }
  terminate(): void {
    this.terminated++;
  }
}

/** A worker that reports a little progress and then works forever, until terminated. */
class StalledWorker implements ExportWorker {
  onmessage: ExportWorker['onmessage'] = null;
  onerror: ExportWorker['onerror'] = null;
  requests: ExportRequest[] = [];
  terminated = 0;
  postMessage(request: ExportRequest): void {
    this.requests.push(request);
    this.emit({ kind: 'progress', progress: { step: 'reading', stage: 'reading', fraction: 0 } });
  }
  emit(response: ExportResponse): void {
    this.onmessage?.({ data: response } as MessageEvent<ExportResponse>);
  }
  terminate(): void {
    this.terminated++;
  }
}

/** Byte equality across realms (a structured clone gives the test runner's Uint8Array, not jsdom's). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function expectOrdered(progress: ExportProgress[]): void {
  expect(progress.length).toBeGreaterThan(5);
  for (let i = 1; i < progress.length; i++) {
    const [a, b] = [progress[i - 1]!, progress[i]!];
    // forward only: a report either moves the bar or names a new stage
    expect(b.fraction > a.fraction || (b.fraction === a.fraction && b.stage !== a.stage)).toBe(true);
  }
  expect(progress[0]!.stage).toBe('reading');
  expect(progress.at(-1)!.fraction).toBe(1);
  const steps = progress.map((p) => p.step);
  expect([...new Set(steps)]).toEqual(['reading', 'analysing', 'writing']);
  const stages = [...new Set(progress.map((p) => p.stage))];
  expect(stages).toEqual(['reading', 'analysis', 'products', 'csv', 'checking', 'serialising', 'hashing', 'signing', 'compressing']);
}

describe('bundle export job', () => {
  it('runs on the page where there are no workers and gives the same bytes as buildWorkspaceBundle, with ordered progress', async () => {
    expect(typeof Worker).toBe('undefined');
    const progress: ExportProgress[] = [];
    const job = startBundleExport(db, options(), { onProgress: (p) => progress.push(p) });
    expect(job.mode).toBe('inline');
    const built = await job.result;
    expectOrdered(progress);

    const reference = await buildWorkspaceBundle(db, options());
    expect(sameBytes(built.bytes, reference.bytes)).toBe(true);
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.history.length).toBeGreaterThan(0);
    expect((await verifyBundle(built.bytes, { trustedFingerprints: [key.fingerprint] })).state).toBe('valid');
  });

  it('runs the worker code, reading the database by name or from the page, with the same bytes', async () => {
    const inline = await startBundleExport(db, options(), { mode: 'inline' }).result;
    for (const read of ['worker', 'page'] as const) {
      const worker = new InProcessWorker();
      const progress: ExportProgress[] = [];
      const job = startBundleExport(db, options(), { createWorker: () => worker, read, onProgress: (p) => progress.push(p) });
      expect(job.mode).toBe('worker');
      const built = await job.result;
      expect(sameBytes(built.bytes, inline.bytes)).toBe(true);
      expect(built.manifest.counts.components).toBeGreaterThan(50);
      expectOrdered(progress);
      // finished: the worker is let go
      expect(worker.terminated).toBe(1);
    }
  });

  it('exports one product line in the worker', async () => {
    const line = (await db.lines.toArray())[0]!;
    const built = await startBundleExport(db, { ...options(), scope: { kind: 'line', id: line.id } }, { createWorker: () => new InProcessWorker() }).result;
    expect(built.manifest.scope).toEqual({ kind: 'line', id: line.id, name: line.name });
  });

  it('cancel terminates the worker at once and rejects with a cancel error; nothing is written', async () => {
    const before = await counts(db);
    const worker = new StalledWorker();
    const progress: ExportProgress[] = [];
    const job = startBundleExport(db, options(), { createWorker: () => worker, onProgress: (p) => progress.push(p) });
    await expect.poll(() => worker.requests.length).toBe(1);
    expect(worker.requests[0]!.source).toEqual({ dbName: db.name });
    expect(progress).toHaveLength(1);
    job.cancel();
    expect(worker.terminated).toBe(1);
    const error = await job.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleImportError);
    expect(isExportCancelled(error)).toBe(true);
    expect((error as Error).message).toBe(EXPORT_CANCELLED_MESSAGE);
    // a late answer from the terminated worker changes nothing
    worker.emit({ kind: 'progress', progress: { step: 'writing', stage: 'compressing', fraction: 0.9 } });
    job.cancel();
    expect(worker.terminated).toBe(1);
    expect(progress).toHaveLength(1);
    expect(await counts(db)).toEqual(before);
  });

  it('an aborted signal cancels, before and during the export', async () => {
    const early = new AbortController();
    early.abort();
    const worker = new StalledWorker();
    const first = startBundleExport(db, options(), { createWorker: () => worker, signal: early.signal });
    expect(isExportCancelled(await first.result.catch((e: unknown) => e))).toBe(true);
    expect(worker.requests).toHaveLength(0);

    const late = new AbortController();
    const second = startBundleExport(db, options(), { mode: 'inline', signal: late.signal, onProgress: (p) => { if (p.stage === 'analysis') late.abort(); } });
    expect(isExportCancelled(await second.result.catch((e: unknown) => e))).toBe(true);
  });

  it('on the page, cancel is seen at the next step', async () => {
    let job: ReturnType<typeof startBundleExport> | null = null;
    const stages: string[] = [];
    job = startBundleExport(db, options(), { onProgress: (p) => { stages.push(p.stage); if (p.stage === 'reading') job?.cancel(); } });
    expect(isExportCancelled(await job.result.catch((e: unknown) => e))).toBe(true);
    expect(stages).toEqual(['reading']);
  });

  it('passes the worker\'s errors on, and a crashed worker fails the export', async () => {
    const failing = new StalledWorker();
    const job = startBundleExport(db, options(), { createWorker: () => failing });
    await expect.poll(() => failing.requests.length).toBe(1);
    failing.emit({ kind: 'failed', name: 'ScopeError', message: 'there is no product line with id x' });
    const error = await job.result.catch((e: unknown) => e) as Error;
    expect(error.message).toBe('there is no product line with id x');
    expect(error.name).toBe('ScopeError');
    expect(isExportCancelled(error)).toBe(false);
    expect(failing.terminated).toBe(1);

    const crashing = new StalledWorker();
    const crashed = startBundleExport(db, options(), { createWorker: () => crashing });
    await expect.poll(() => crashing.requests.length).toBe(1);
    crashing.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    expect(((await crashed.result.catch((e: unknown) => e)) as Error).message).toMatch(/The export stopped unexpectedly: out of memory/);
  });

  it('a scope that is not in the workspace fails in the worker with the reason', async () => {
    const job = startBundleExport(db, { ...options(), scope: { kind: 'product', id: 'no-such-product' } }, { createWorker: () => new InProcessWorker() });
    const error = await job.result.catch((e: unknown) => e) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/no-such-product/);
  });

  it('never creates a database when the name does not exist', async () => {
    const name = `missing-${Date.now()}`;
    const worker = new InProcessWorker();
    const fake = { name } as SupportspanDb;
    const error = await startBundleExport(fake, options(), { createWorker: () => worker }).result.catch((e: unknown) => e) as Error;
    expect(error.message).toBe(`The workspace database "${name}" does not exist.`);
    expect(await Dexie.exists(name)).toBe(false);
  });
});
