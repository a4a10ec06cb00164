import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readBundle } from '../../../shared/bundle';
import type { SupportspanDb } from '../../../renderer/db/database';
import type * as ExportJob from '../../../renderer/db/bundle-export-job';
import type { ExportWorker } from '../../../renderer/db/bundle-export-job';
import { handleExportRequest, type ExportRequest, type ExportResponse } from '../../../renderer/db/bundle-export-run';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { dropDb, renderApp, testDb } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { counts, loadPortfolio } from './bundle-fixtures';
import { setSetting } from '../../../renderer/db/repositories/settings';

// The panel's export goes through whichever worker the test hands it (jsdom has no Worker).
const workers = vi.hoisted(() => ({ make: null as null | (() => unknown) }));
vi.mock('../../../renderer/db/bundle-export-job', async (original) => {
  const real = await original<typeof ExportJob>();
  return {
    ...real,
    startBundleExport: (...[db, options, jobOptions]: Parameters<typeof real.startBundleExport>) =>
      real.startBundleExport(db, options, { ...jobOptions, ...(workers.make ? { createWorker: workers.make as () => ExportWorker } : {}) }),
  };
});

withLayout();
configure({ asyncUtilTimeout: 15_000 });

/** Posts what it is told to, and otherwise works forever, until terminated. */
class ControlledWorker implements ExportWorker {
  onmessage: ExportWorker['onmessage'] = null;
  onerror: ExportWorker['onerror'] = null;
  requests: ExportRequest[] = [];
  terminated = 0;
  postMessage(request: ExportRequest): void {
    this.requests.push(request);
  }
  emit(response: ExportResponse): void {
    this.onmessage?.({ data: response } as MessageEvent<ExportResponse>);
  }
  terminate(): void {
    this.terminated++;
  }
}

let db: SupportspanDb;
beforeEach(async () => {
  db = testDb();
  window.location.hash = '#/bundles';
  workers.make = null;
  // an export needs the user name (bundles-screen.test.tsx has the refusal without one)
  await setSetting(db, 'userName', 'Mara Maker');
});
afterEach(async () => {
  workers.make = null;
  await dropDb(db);
});

async function startExport(): Promise<void> {
  await screen.findByRole('heading', { name: 'Export a bundle' });
  await userEvent.click(await screen.findByRole('button', { name: 'Export bundle…' }));
}

describe('export progress and cancel', () => {
  it('shows the worker\'s progress with its stage, and Cancel stops the worker at once; nothing is saved', async () => {
    await loadPortfolio(db);
    const before = await counts(db);
    const worker = new ControlledWorker();
    workers.make = () => worker;
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await startExport();
    await waitFor(() => expect(worker.requests).toHaveLength(1));
    // the key travels with the request; the database is read by name in the worker
    expect(worker.requests[0]!.source).toEqual({ dbName: db.name });
    expect(worker.requests[0]!.options.signingKey?.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    worker.emit({ kind: 'progress', progress: { step: 'writing', stage: 'compressing', fraction: 0.72 } });
    const bar = await screen.findByRole('progressbar', { name: 'Exporting' });
    await waitFor(() => expect(bar.getAttribute('value')).toBe('72'));
    expect(bar.getAttribute('max')).toBe('100');
    expect(screen.getByText(/Compressing… 72%/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(worker.terminated).toBe(1);
    expect((await screen.findByText('The export was cancelled. Nothing was saved.')).getAttribute('role')).toBe('alert');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    // an answer arriving after the cancel is ignored
    worker.emit({ kind: 'done', bytes: new Uint8Array([1]), manifest: {} as never, manifestBytes: new Uint8Array() });
    expect(platform.saved).toHaveLength(0);
    expect(await counts(db)).toEqual(before);
    expect((screen.getByRole('button', { name: 'Export bundle…' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('saves what the worker code produced', async () => {
    await loadPortfolio(db);
    // the real worker code, in this process
    workers.make = () => {
      const w: ExportWorker = {
        onmessage: null,
        onerror: null,
        postMessage: (request) => void ('source' in request && handleExportRequest(structuredClone(request), (r) => w.onmessage?.({ data: r } as MessageEvent<ExportResponse>))),
        terminate: () => undefined,
      };
      return w;
    };
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await startExport();
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    const read = await readBundle(platform.saved[0]!.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.manifest.counts.products).toBe(await db.products.count());
    expect(await screen.findByText(/Exported .*\.sspan: \d+ products/)).toBeTruthy();
  });

  it('shows a worker failure as an error and saves nothing', async () => {
    await loadPortfolio(db);
    const worker = new ControlledWorker();
    workers.make = () => worker;
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await startExport();
    await waitFor(() => expect(worker.requests).toHaveLength(1));
    worker.emit({ kind: 'failed', name: 'BundleWriteError', message: 'the change log is broken at entry 3: hash mismatch' });
    expect((await screen.findByText('the change log is broken at entry 3: hash mismatch')).getAttribute('role')).toBe('alert');
    expect(platform.saved).toHaveLength(0);
  });
});
