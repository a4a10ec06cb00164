/**
 * Runs the lifecycle engine off the main thread for large portfolios, so typing
 * in the grid never waits for an analysis. The worker keeps the portfolio it last
 * analysed and each product's findings: a run brings only what changed, and only
 * the changed products are analysed again. At start-up it reads the portfolio from
 * the workspace database itself, while the page reads its own copy.
 */
import type { WorkerRequest, WorkerResponse } from '../analysis/analysis-job';
import { createWorkerAnalysis, readPortfolio } from '../analysis/worker-analysis';

// The renderer compiles against the DOM library; a worker's scope needs only these two members.
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}
const scope = self as unknown as WorkerScope;

const analysis = createWorkerAnalysis();

// One message at a time, in order: a run waits for the start-up read before it.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    // A failed read leaves the worker empty: its first run asks the page for the whole portfolio.
    if (request.type === 'load') analysis.loaded(await readPortfolio(request.dbName).catch(() => null));
    else if (request.type === 'warm') analysis.warm(request.options);
    else scope.postMessage(analysis.run(request));
  });
};
