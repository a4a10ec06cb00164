/**
 * Runs the lifecycle engine off the main thread for large portfolios, so typing
 * in the grid never waits for an analysis. Input and output travel by structured clone.
 */
import { runAnalysis, type WorkerRequest, type WorkerResponse } from '../analysis/analysis-job';

// The renderer compiles against the DOM library; a worker's scope needs only these two members.
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { seq, input } = event.data;
  let response: WorkerResponse;
  try {
    response = { seq, ok: true, output: runAnalysis(input) };
  } catch (error) {
    response = { seq, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  scope.postMessage(response);
};
