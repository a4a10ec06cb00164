/**
 * Exports a workspace bundle off the page's thread (see renderer/db/bundle-export-job.ts):
 * one request per worker; the page terminates the worker to cancel.
 */
import { handleExportRequest, type ExportRequest, type ExportResponse } from '../db/bundle-export-run';

// The renderer compiles against the DOM library; a worker's scope needs only these two members.
interface WorkerScope {
  onmessage: ((event: MessageEvent<ExportRequest>) => void) | null;
  postMessage(message: ExportResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event: MessageEvent<ExportRequest>) => {
  void handleExportRequest(event.data, (response, transfer) => scope.postMessage(response, transfer ?? []));
};
