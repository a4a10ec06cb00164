/**
 * Exporting a workspace bundle without blocking the page: the reading,
 * analysis, serialising, hashing and deflating all run in a Web Worker, which
 * posts its progress. Cancel terminates the worker: the export stops at once,
 * wherever it is, and since the worker only reads and the page saves the file
 * only after success, nothing is written anywhere.
 *
 * The signing key (the installation's non-extractable CryptoKey) is posted to
 * the worker: a dedicated worker of the same origin runs in the same renderer
 * process, so the key does not leave the process it already lives in. A key held
 * by the desktop app's main process cannot be reached from a worker: the worker
 * sends the manifest bytes back here and the page asks the main process to sign.
 *
 * Where Worker does not exist (jsdom tests, very old engines) the same steps
 * run on the page with the same API, yielding between steps so that progress
 * paints and Cancel is seen there.
 */
import type { BuiltBundle } from '../../shared/bundle';
import { BundleImportError, gatherPortfolio } from './bundle-io';
import { runBundleExport, type BundleExportOptions, type ExportProgress, type ExportRequest, type ExportResponse, type SignatureReply } from './bundle-export-run';
import { isExternalSigner } from '../../shared/bundle';
import type { SupportspanDb } from './database';

export type { BundleExportOptions, ExportProgress, ExportStage } from './bundle-export-run';

/** What the job needs of a worker: the part of `Worker` it uses, so tests can stand in for one. */
export interface ExportWorker {
  onmessage: ((event: MessageEvent<ExportResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: ExportRequest | SignatureReply): void;
  terminate(): void;
}

export interface ExportJobOptions {
  onProgress?: (progress: ExportProgress) => void;
  /** Aborting it is the same as `cancel()`. */
  signal?: AbortSignal;
  /** `auto` (default): a worker where the platform has them, else on the page. */
  mode?: 'auto' | 'worker' | 'inline';
  /**
   * Worker only: `worker` (default) opens the database by name inside the
   * worker; `page` reads it here and posts the records over (a structured
   * clone of the whole portfolio on the page's thread; kept for measuring).
   */
  read?: 'worker' | 'page';
  /** Makes the worker (default: the bundled export worker). */
  createWorker?: () => ExportWorker;
}

export interface BundleExportJob {
  /** The bundle; rejects with `BundleImportError` of kind `cancelled` when cancelled. */
  readonly result: Promise<BuiltBundle>;
  readonly mode: 'worker' | 'inline';
  /** Stops the export immediately; idempotent; does nothing after it finished. */
  cancel(): void;
}

export const EXPORT_CANCELLED_MESSAGE = 'The export was cancelled. Nothing was saved.';

export function exportCancelled(): BundleImportError {
  return new BundleImportError(EXPORT_CANCELLED_MESSAGE, 'cancelled');
}

export function isExportCancelled(error: unknown): boolean {
  return error instanceof BundleImportError && error.kind === 'cancelled';
}

function defaultWorker(): ExportWorker {
  return new Worker(new URL('../workers/bundle-export.worker.ts', import.meta.url), { type: 'module', name: 'bundle-export' }) as unknown as ExportWorker;
}

const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Starts exporting `db` as a bundle. Progress only moves forward; the last report has fraction 1. */
export function startBundleExport(db: SupportspanDb, options: BundleExportOptions, jobOptions: ExportJobOptions = {}): BundleExportJob {
  const { onProgress, signal } = jobOptions;
  const wantWorker = jobOptions.mode ?? 'auto';
  const canWorker = Boolean(jobOptions.createWorker) || typeof Worker !== 'undefined';
  if (wantWorker === 'worker' && !canWorker) throw new Error('Web Workers are not available here.');
  const useWorker = wantWorker === 'worker' || (wantWorker === 'auto' && canWorker);
  return useWorker ? workerJob(db, options, jobOptions) : inlineJob(db, options, onProgress, signal);
}

function inlineJob(db: SupportspanDb, options: BundleExportOptions, onProgress: ExportJobOptions['onProgress'], signal: AbortSignal | undefined): BundleExportJob {
  let cancelled = false;
  const check = (): void => {
    if (cancelled || signal?.aborted) throw exportCancelled();
  };
  const result = (async () => {
    // Progress starts after this function returned, so a listener can already cancel the job it was handed.
    await Promise.resolve();
    check();
    const built = await runBundleExport({ db }, options, {
      ...(onProgress ? { onProgress } : {}),
      between: async () => {
        check();
        await yieldToUi();
        check();
      },
    });
    check();
    return built;
  })();
  return { result, mode: 'inline', cancel: () => { cancelled = true; } };
}

function workerJob(db: SupportspanDb, options: BundleExportOptions, jobOptions: ExportJobOptions): BundleExportJob {
  const { onProgress, signal } = jobOptions;
  let worker: ExportWorker | null = null;
  let settle: { resolve(b: BuiltBundle): void; reject(e: Error): void } | null = null;
  const result = new Promise<BuiltBundle>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (outcome: { ok: true; built: BuiltBundle } | { ok: false; error: Error }): void => {
    const s = settle;
    if (!s) return;
    settle = null;
    worker?.terminate();
    worker = null;
    signal?.removeEventListener('abort', cancel);
    if (outcome.ok) s.resolve(outcome.built);
    else s.reject(outcome.error);
  };
  function cancel(): void {
    finish({ ok: false, error: exportCancelled() });
  }
  if (signal?.aborted) {
    cancel();
    return { result, mode: 'worker', cancel };
  }
  signal?.addEventListener('abort', cancel);

  void (async () => {
    try {
      const source = jobOptions.read === 'page'
        ? { gathered: await gatherPortfolio(db, { ...(options.scope ? { scope: options.scope } : {}), ...(options.who ? { who: options.who } : {}) }) }
        : { dbName: db.name };
      if (!settle) return;
      const w = (jobOptions.createWorker ?? defaultWorker)();
      worker = w;
      w.onmessage = (event) => {
        const r = event.data;
        if (r.kind === 'progress') {
          if (settle) onProgress?.(r.progress);
        } else if (r.kind === 'sign') {
          // The worker cannot reach a host-held key: the page asks for the signature over the worker's exact bytes.
          const key = options.signingKey;
          const ask = key && isExternalSigner(key) ? key.sign(r.bytes) : Promise.reject(new Error('no signing key was given'));
          ask.then(
            (signature) => worker?.postMessage({ kind: 'signature', id: r.id, signature }),
            (error: unknown) => worker?.postMessage({ kind: 'signature-failed', id: r.id, message: error instanceof Error ? error.message : String(error) }),
          );
        } else if (r.kind === 'done') {
          finish({ ok: true, built: { bytes: r.bytes, manifest: r.manifest, manifestBytes: r.manifestBytes } });
        } else {
          const error = new Error(r.message);
          if (r.name && r.name !== 'Error') error.name = r.name;
          finish({ ok: false, error });
        }
      };
      w.onerror = (event) => {
        event.preventDefault?.();
        finish({ ok: false, error: new Error(`The export stopped unexpectedly: ${event.message || 'the export worker failed'}`) });
      };
      const key = options.signingKey;
      // A function cannot be posted; the worker gets the public half and asks for the signature.
      w.postMessage(key && isExternalSigner(key)
        ? { source, options: { ...options, signingKey: null }, hostSigner: { publicKey: key.publicKey, fingerprint: key.fingerprint, createdAt: key.createdAt } }
        : { source, options });
    } catch (error) {
      finish({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
    }
  })();
  return { result, mode: 'worker', cancel };
}
