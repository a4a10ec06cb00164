/**
 * Exports a workspace bundle off the page's thread (see renderer/db/bundle-export-job.ts):
 * one request per worker; the page terminates the worker to cancel.
 */
import { handleExportRequest, type ExportRequest, type ExportResponse, type SignatureReply } from '../db/bundle-export-run';

// The renderer compiles against the DOM library; a worker's scope needs only these two members.
interface WorkerScope {
  onmessage: ((event: MessageEvent<ExportRequest | SignatureReply>) => void) | null;
  postMessage(message: ExportResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

// Signatures the page was asked for (the key is held by the desktop app's main process).
const waiting = new Map<number, { resolve(s: Uint8Array): void; reject(e: Error): void }>();
const replies = {
  wait: (id: number) => new Promise<Uint8Array>((resolve, reject) => waiting.set(id, { resolve, reject })),
};

scope.onmessage = (event: MessageEvent<ExportRequest | SignatureReply>) => {
  const data = event.data;
  if ('kind' in data) {
    const w = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.kind === 'signature') w?.resolve(data.signature);
    else w?.reject(new Error(data.message));
    return;
  }
  void handleExportRequest(data, (response, transfer) => scope.postMessage(response, transfer ?? []), replies);
};
