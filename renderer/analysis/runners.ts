/**
 * How an analysis is run: synchronously (small portfolios: a clone to a worker
 * would cost more than the analysis) or in a Web Worker (large ones).
 */
import { runAnalysis, type AnalysisInput, type AnalysisOutput, type WorkerRequest, type WorkerResponse } from './analysis-job';
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
}

/** A worker-backed runner, or null where Web Workers do not exist (jsdom, very old engines). */
export function createWorkerRunner(): WorkerRunner | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker | null = null;
  const waiting = new Map<number, { resolve(o: AnalysisOutput): void; reject(e: Error): void }>();

  const failAll = (message: string) => {
    for (const w of waiting.values()) w.reject(new Error(message));
    waiting.clear();
  };

  const ensure = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('../workers/analysis.worker.ts', import.meta.url), { type: 'module', name: 'analysis' });
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const r = event.data;
      const entry = waiting.get(r.seq);
      if (!entry) return;
      waiting.delete(r.seq);
      if (r.ok) entry.resolve(r.output);
      else entry.reject(new Error(r.error));
    };
    w.onerror = (event) => {
      event.preventDefault();
      failAll(`The analysis worker failed: ${event.message || 'unknown error'}`);
      w.terminate();
      worker = null;
    };
    worker = w;
    return w;
  };

  return {
    run(input, seq) {
      return new Promise<AnalysisOutput>((resolve, reject) => {
        // Only the newest request matters: older ones still finish, and the scheduler drops their answers.
        waiting.set(seq, { resolve, reject });
        const request: WorkerRequest = { seq, input };
        ensure().postMessage(request);
      });
    },
    terminate() {
      failAll('The analysis worker was stopped.');
      worker?.terminate();
      worker = null;
    },
  };
}
