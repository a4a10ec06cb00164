/**
 * One export of a workspace bundle, step by step with weighted progress: the
 * same code runs inside the export worker (renderer/workers/bundle-export.worker.ts)
 * and, where there are no workers, on the page (renderer/db/bundle-export-job.ts).
 *
 * Reading happens where this runs. In the worker that means opening the
 * workspace's database by name (IndexedDB works in workers), so the records
 * are deserialised off the page's thread and never cloned across; only the
 * finished bundle's bytes come back, transferred. Nothing is ever written:
 * only read transactions are opened, and the file is saved by the page after
 * the worker succeeded.
 */
import Dexie from 'dexie';
import {
  assembleBundleInput, buildBundle, type AssemblePart, type ExternalSigner, type BuiltBundle, type Manifest, type WriteStage,
} from '../../shared/bundle';
import { EXPORT_STEPS, gatherPortfolio, type ExportStep, type Gathered, type WorkspaceBundleOptions } from './bundle-io';
import { SupportspanDb } from './database';

/** What an export needs besides the database: plain data, so it can be posted to a worker. The signing key travels too (same origin, same process). */
export type BundleExportOptions = Omit<WorkspaceBundleOptions, 'signal' | 'onProgress'>;

/** The finer stages inside the three steps, each with its share of a typical export's time (measured at 100k components). */
export type ExportStage = 'reading' | AssemblePart | WriteStage;

export interface ExportProgress {
  step: ExportStep;
  stage: ExportStage;
  /** 0 to 1 over the whole export; never goes back. */
  fraction: number;
}

const WEIGHTS: readonly [ExportStage, ExportStep, number][] = [
  ['reading', 'reading', 0.12],
  ['analysis', 'analysing', 0.05],
  ['products', 'analysing', 0.15],
  ['csv', 'analysing', 0.13],
  ['checking', 'writing', 0.03],
  ['serialising', 'writing', 0.14],
  ['hashing', 'writing', 0.02],
  ['signing', 'writing', 0.01],
  ['compressing', 'writing', 0.35],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((n, [, , w]) => n + w, 0);
const START = new Map<ExportStage, { step: ExportStep; start: number; weight: number }>();
{
  let at = 0;
  for (const [stage, step, weight] of WEIGHTS) {
    START.set(stage, { step, start: at / TOTAL_WEIGHT, weight: weight / TOTAL_WEIGHT });
    at += weight;
  }
}

/** Progress at `done` of `total` within a stage. */
export function progressAt(stage: ExportStage, done = 0, total = 1): ExportProgress {
  const s = START.get(stage)!;
  const part = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  return { step: s.step, stage, fraction: Math.min(1, s.start + s.weight * part) };
}

export const EXPORT_DONE: ExportProgress = { step: EXPORT_STEPS[EXPORT_STEPS.length - 1]!, stage: 'compressing', fraction: 1 };

/** Where the portfolio comes from: the database (read here) or already read by the page. */
export type ExportSource = { db: SupportspanDb } | { dbName: string } | { gathered: Gathered };

export interface RunHooks {
  onProgress?: (progress: ExportProgress) => void;
  /** Awaited between steps (the page's fallback yields to the UI there and checks Cancel). */
  between?: () => Promise<void>;
}

async function openByName(name: string): Promise<SupportspanDb> {
  // Opening a name that does not exist would create an empty database and export nothing.
  if (!(await Dexie.exists(name))) throw new Error(`The workspace database "${name}" does not exist.`);
  const db = new SupportspanDb(name);
  await db.open();
  return db;
}

async function gather(source: ExportSource, options: BundleExportOptions): Promise<Gathered> {
  if ('gathered' in source) return source.gathered;
  const gatherOptions = { ...(options.scope ? { scope: options.scope } : {}), ...(options.who ? { who: options.who } : {}) };
  if ('db' in source) return gatherPortfolio(source.db, gatherOptions);
  const db = await openByName(source.dbName);
  try {
    return await gatherPortfolio(db, gatherOptions);
  } finally {
    db.close();
  }
}

/** Reads, analyses and writes a bundle, reporting progress; the same bundle `buildWorkspaceBundle` makes. */
export async function runBundleExport(source: ExportSource, options: BundleExportOptions, hooks: RunHooks = {}): Promise<BuiltBundle> {
  const { onProgress, between } = hooks;
  const { scope: _scope, who: _who, ...assemble } = options;
  let last = -1;
  let lastStage: ExportStage | null = null;
  const report = (p: ExportProgress): void => {
    // Rounding keeps a worker from posting thousands of messages that would not move the bar; a new stage is always shown.
    const rounded = Math.round(p.fraction * 1000) / 1000;
    if (rounded < last || (rounded === last && p.stage === lastStage)) return;
    last = rounded;
    lastStage = p.stage;
    onProgress?.({ ...p, fraction: rounded });
  };
  report(progressAt('reading'));
  await between?.();
  const gathered = await gather(source, options);
  report(progressAt('analysis'));
  await between?.();
  // As buildWorkspaceBundle: evidence passed in by the caller comes on top of the workspace's own.
  const extra: unknown = assemble.evidence;
  const evidence = [...gathered.evidence, ...(Array.isArray(extra) ? (extra as typeof gathered.evidence) : [])];
  const input = assembleBundleInput(gathered.portfolio, { ...assemble, scope: gathered.scope, history: gathered.history, evidence, risks: gathered.risks }, (part, done, total) =>
    report(progressAt(part, done, total)));
  report(progressAt('checking'));
  await between?.();
  // The portfolio was just read from the app's own store, where every write validates it (see BuildOptions.validated).
  const built = await buildBundle({ ...input, obligations: gathered.obligations, ...(gathered.replies?.length ? { replies: gathered.replies } : {}) }, { validated: 'store', onProgress: (stage) => report(progressAt(stage)) });
  report(EXPORT_DONE);
  return built;
}

// ------------------------------------------------------------ worker protocol

export interface ExportRequest {
  source: { dbName: string } | { gathered: Gathered };
  options: BundleExportOptions;
  /**
   * The key is held outside the page (the desktop app's main process), which a worker
   * cannot reach: the worker sends the manifest bytes to the page (`sign`), which asks
   * the host and answers with a `SignatureReply`.
   */
  hostSigner?: { publicKey: string; fingerprint: string; createdAt: string };
}

/** The page's answer to a worker's `sign` message. */
export type SignatureReply =
  | { kind: 'signature'; id: number; signature: Uint8Array }
  | { kind: 'signature-failed'; id: number; message: string };

export type ExportResponse =
  | { kind: 'progress'; progress: ExportProgress }
  | { kind: 'sign'; id: number; bytes: Uint8Array }
  | { kind: 'done'; bytes: Uint8Array; manifest: Manifest; manifestBytes: Uint8Array }
  | { kind: 'failed'; name: string; message: string };

/** The worker's side: runs one export, posting progress, then the bytes (transferred) or the error. */
export async function handleExportRequest(
  request: ExportRequest,
  post: (response: ExportResponse, transfer?: Transferable[]) => void,
  replies?: { wait(id: number): Promise<Uint8Array> },
): Promise<void> {
  try {
    let options = request.options;
    if (request.hostSigner) {
      if (!replies) throw new Error('this export cannot reach the signing key');
      let next = 0;
      const signer: ExternalSigner = {
        algorithm: 'Ed25519', ...request.hostSigner,
        sign: (bytes) => {
          const id = (next += 1);
          const answer = replies.wait(id);
          post({ kind: 'sign', id, bytes: bytes.slice() });
          return answer;
        },
      };
      options = { ...options, signingKey: signer };
    }
    const built = await runBundleExport(request.source, options, { onProgress: (progress) => post({ kind: 'progress', progress }) });
    const transfer = [...new Set([built.bytes.buffer, built.manifestBytes.buffer])].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    post({ kind: 'done', bytes: built.bytes, manifest: built.manifest, manifestBytes: built.manifestBytes }, transfer);
  } catch (error) {
    post({ kind: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) });
  }
}
