/**
 * How an analysis is run: synchronously (small portfolios: a clone to a worker
 * would cost more than the analysis) or in a Web Worker (large ones).
 */
import type { Decision, Product, ProductLine } from '../../shared/domain';
import type { AnalysisOptions } from '../../shared/engine';
import { expandOutput, runAnalysis, type AnalysisInput, type AnalysisOutput, type WorkerLoadRequest, type WorkerResponse, type WorkerWarmRequest, type WorkerRunRequest } from './analysis-job';
import { collectChanges, noChanges, onStorageMutated, type PortfolioChanges } from './portfolio-store';
import type { Runner } from './scheduler';

/** Above this many components the analysis moves to a worker. */
export const WORKER_THRESHOLD = 5_000;

export const syncRunner: Runner<AnalysisInput, AnalysisOutput> = (input) => {
  try {
    return Promise.resolve(runAnalysis(input));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
};

export interface WorkerRunner {
  run: Runner<AnalysisInput, AnalysisOutput>;
  terminate(): void;
  /**
   * Starts the worker now and lets it read the portfolio of database `dbName` itself, so its
   * start-up and read overlap the page's own read and the first run sends only what changed since.
   */
  preload?(dbName: string): void;
  /** After `preload`, before the first run: analyse what the worker read with `options` now. */
  warm?(options: AnalysisOptions): void;
}

/**
 * Workspaces with at least this many products would start the worker as the app opens,
 * reading the portfolio itself while the page reads its own copy. Off: measured with
 * `npm run bench:ui` on 2 cores at 100k components in 2,000 products (idle machine), the
 * two reads compete, so the first rows came 1,251 ms after start instead of 895 ms, and the
 * findings 1,969 ms instead of 1,828 ms. Edits still reach the worker as changed products only.
 */
export const PRELOAD_MIN_PRODUCTS = Number.POSITIVE_INFINITY;

/** What the worker holds: the products, lines and decisions last sent to it (or that it read). */
interface Sent {
  products: Map<string, Product>;
  lines: readonly ProductLine[];
  decisions: readonly Decision[];
}

/**
 * The changes to send: by object identity against what was sent (the live portfolio keeps unchanged
 * products as the same objects), or, for the first run after the worker read the database itself,
 * every product a write touched since it was asked to read.
 */
function productChanges(products: readonly Product[], sent: Sent | null, touched: PortfolioChanges | null): { put: Product[]; remove: string[]; reset: boolean } {
  if (sent) {
    const put: Product[] = [];
    const ids = new Set<string>();
    for (const p of products) {
      ids.add(p.id);
      if (sent.products.get(p.id) !== p) put.push(p);
    }
    const remove: string[] = [];
    for (const id of sent.products.keys()) if (!ids.has(id)) remove.push(id);
    return { put, remove, reset: false };
  }
  if (touched && touched.products !== 'all') {
    const ids = touched.products;
    const put = products.filter((p) => ids.has(p.id));
    const present = new Set(put.map((p) => p.id));
    return { put, remove: [...ids].filter((id) => !present.has(id)), reset: false };
  }
  return { put: [...products], remove: [], reset: true };
}

export interface RunRequests {
  /** The request for a run of `input`: only what changed since the last request built. */
  build(input: AnalysisInput, seq: number): WorkerRunRequest;
  /**
   * The worker was asked to read the database itself: the next request counts it as holding what
   * it read, and sends every product that `touched` (filled by the caller from then on) names.
   */
  preloaded(touched: PortfolioChanges): void;
  /** The worker holds nothing usable (it failed, was replaced, or could not read): send everything next time. */
  forget(): void;
}

/** Builds the worker's run requests; kept apart from the Worker so tests drive it with the worker's state directly. */
export function createRunRequests(): RunRequests {
  let sent: Sent | null = null;
  let touched: PortfolioChanges | null = null;
  return {
    build({ portfolio, options }, seq) {
      const request: WorkerRunRequest = { type: 'run', seq, options, products: productChanges(portfolio.products, sent, touched) };
      if (!sent || sent.lines !== portfolio.lines) request.lines = portfolio.lines;
      if (!sent || sent.decisions !== portfolio.decisions) request.decisions = portfolio.decisions;
      sent = { products: new Map(portfolio.products.map((p) => [p.id, p])), lines: portfolio.lines, decisions: portfolio.decisions };
      touched = null;
      return request;
    },
    preloaded(changes) {
      sent = null;
      touched = changes;
    },
    forget() {
      sent = null;
      touched = null;
    },
  };
}

/** A worker-backed runner, or null where Web Workers do not exist (jsdom, very old engines). */
export function createWorkerRunner(): WorkerRunner | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker | null = null;
  const requests = createRunRequests();
  /** Set from `preload` until the first run: records writes the worker's own read may predate. */
  let stopTracking: (() => void) | null = null;
  const waiting = new Map<number, { input: AnalysisInput; resolve(o: AnalysisOutput): void; reject(e: Error): void }>();

  const untrack = () => {
    stopTracking?.();
    stopTracking = null;
  };
  const forget = () => {
    requests.forget();
    untrack();
  };

  const failAll = (message: string) => {
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
  };

  const post = (input: AnalysisInput, seq: number) => {
    const request = requests.build(input, seq);
    untrack();
    ensure().postMessage(request);
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const r = event.data;
      const entry = waiting.get(r.seq);
      if (!entry) return;
      if (!r.ok && 'resend' in r) {
        // The worker could not read the database: send it everything this time.
        forget();
        post(entry.input, r.seq);
        return;
      }
      waiting.delete(r.seq);
      if (r.ok) entry.resolve(expandOutput(r.output));
      else entry.reject(new Error(r.error));
    };
    w.onerror = (event) => {
      event.preventDefault();
      failAll(`The analysis worker failed: ${event.message || 'unknown error'}`);
      w.terminate();
      worker = null;
      forget();
    };
    worker = w;
    return w;
  };

  return {
    run(input, seq) {
      return new Promise<AnalysisOutput>((resolve, reject) => {
        // Only the newest request matters: older ones still finish, and the scheduler drops their answers.
        waiting.set(seq, { input, resolve, reject });
        post(input, seq);
      });
    },
    warm(options) {
      if (!worker || !stopTracking) return;
      const request: WorkerWarmRequest = { type: 'warm', options };
      worker.postMessage(request);
    },
    preload(dbName) {
      if (worker) return;
      const touched = noChanges();
      requests.preloaded(touched);
      stopTracking = onStorageMutated((parts) => collectChanges(touched, parts, dbName));
      const request: WorkerLoadRequest = { type: 'load', dbName };
      ensure().postMessage(request);
    },
    terminate() {
      failAll('The analysis worker was stopped.');
      worker?.terminate();
      worker = null;
      forget();
    },
  };
}
