/**
 * Writing a bundle. Pure: data in, bytes out. The analysis, planner output,
 * CycloneDX and CSV copies are passed in (computed by their own modules), so
 * this file depends only on the format. The same input gives the same bytes:
 * canonical JSON, a fixed entry order and a fixed zip timestamp.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Portfolio } from '../domain/schemas';
import { describeIssues } from '../domain/schemas';
import { GENESIS_HASH, scopeChangeLog, verifyChain, type LogEntry } from '../history/change-log';
import { canonicalJson } from './canonical-json';
import {
  bundlePortfolioSchema, EVIDENCE_DIR, evidenceEntrySchema, FORMAT_NAME, INTERCHANGE_DIR,
  MAX_PATH_LENGTH, PATHS, recordedAnalysisSchema, SAFE_PATH_RE,
  type BundleScope, type EvidenceEntry, type Manifest, type RecordedFinding, type RulePackRef, type ScopeRequest,
} from './format';
import { sha256Hex } from './hash';
import { utf8Encode } from './platform';
import { renderBundleReport } from './report-html';
import { resolveScope, scopeIds, scopePortfolio } from './scope';
import { signManifest, type Signer } from './signing';
import type { RiskRegisterData } from '../risk/schemas';
import { checkRiskReferences, migratedRiskData, RISK_PATHS, riskRegisterDataSchema, scopeRiskData } from './format-risks';
import {
  checkObligationsReferences, emptyObligationsData, OBLIGATION_PATHS, obligationsCounts, obligationsDataSchema, scopeObligationsData, sortObligationsData,
  type ObligationsData,
} from './format-obligations';
import { REPLIES_PATH, REPLIES_VERSION, repliesSchema, scopeReplies, type Reply } from './format-replies';
import { findingIdentity } from './assemble';

export interface EvidenceInput {
  /** Id of the product or component the file is attached to. */
  ownerId: string;
  /** The original file name (kept in data/evidence.json; the path uses a safe form). */
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface ExtraFile {
  /** Under `interchange/`, e.g. `interchange/cyclonedx/<product-id>.cdx.json`. */
  path: string;
  bytes: Uint8Array;
}

/** The engine's result as recorded: `analyzePortfolio(...)` output fits as is. */
export interface AnalysisInput {
  rulePacks: readonly RulePackRef[];
  findings: readonly (RecordedFinding | object)[];
  summary?: Record<string, unknown>;
}

export interface CreateBundleInput {
  portfolio: Portfolio;
  scope: ScopeRequest | BundleScope;
  asOf: string;
  appVersion: string;
  /** ISO timestamp; passed in so that output is reproducible. */
  createdAt: string;
  analysis: AnalysisInput;
  plans?: readonly unknown[];
  /** The full change log; entries outside the scope are redacted. */
  history?: readonly LogEntry[];
  evidence?: readonly EvidenceInput[];
  extras?: readonly ExtraFile[];
  signingKey?: Signer | null;
  /** The risk register (format-risks.ts); absent = an empty one. */
  risks?: RiskRegisterData;
  /** Activity records, vulnerability records and communication plans (format-obligations.ts); absent = none. */
  obligations?: ObligationsData;
  /** The manufacturer's replies to auditors' notes (format-replies.ts); absent or none = no data/replies.json, version 3. */
  replies?: readonly Reply[];
  /** Deflate level, 0-9 (default DEFAULT_LEVEL). */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

export class BundleWriteError extends Error {}

/**
 * Deflate level by default. Measured on a 100k-component bundle (117 MB of
 * files): level 3 compresses about a quarter faster than level 6 for about 12%
 * more bytes; levels 1-2 are no faster than 3 and larger.
 */
export const DEFAULT_LEVEL = 3;

/** Noon local time on 1980-01-01, built from local fields so the DOS timestamp fflate writes is the same in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 12, 0, 0);

/** A file name safe on every file system: letters, digits, `.`, `_`, `-`; never starting with a dot. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-80);
  return cleaned.replace(/^[._]+/, '') || 'file';
}

export function evidencePath(sha256: string, name: string): string {
  return `${EVIDENCE_DIR}${sha256}-${safeFileName(name)}`;
}

/** Data files: canonical and compact (indentation made a third of a 100k-component bundle's bytes to deflate). */
function json(value: unknown): Uint8Array {
  return utf8Encode(canonicalJson(value) + '\n');
}

/** manifest.json and signature.json: small and read by people, so indented. */
function prettyJson(value: unknown): Uint8Array {
  return utf8Encode(canonicalJson(value, 2) + '\n');
}

const PRECOMPRESSED = /^(?:image\/(?:png|jpeg|gif|webp|avif|heic)|video\/.+|audio\/(?:mpeg|mp4|aac|ogg|opus|webm)|application\/(?:zip|gzip|x-gzip|x-7z-compressed|x-xz|x-bzip2|zstd|vnd\.openxmlformats-officedocument\..+|vnd\.oasis\.opendocument\..+|epub\+zip))$/i;

function isPrecompressed(mediaType: string): boolean {
  return PRECOMPRESSED.test(mediaType);
}

/** The writer's stages, in order, for a progress bar. */
export const WRITE_STAGES = ['checking', 'serialising', 'hashing', 'signing', 'compressing'] as const;
export type WriteStage = (typeof WRITE_STAGES)[number];

export interface BuildOptions {
  /**
   * `'store'`: the caller vouches that the portfolio was read from the app's
   * own database, where every write path (repositories, spreadsheet and
   * bundle imports, undo of earlier valid images) validates each record with
   * the very schemas of `bundlePortfolioSchema`, and schema changes come with
   * tested upgrades. The portfolio's schema check is then skipped: at 100k
   * components it is a tenth of the export. The analysis, evidence, history
   * chain and path checks still run, and every reader validates everything
   * again. The command line and every other caller leave this unset.
   */
  validated?: 'store';
  /** Called as each stage starts: its index in WRITE_STAGES and the number of stages. */
  onProgress?: (stage: WriteStage, index: number, total: number) => void;
}

export interface BuiltBundle {
  bytes: Uint8Array;
  manifest: Manifest;
  manifestBytes: Uint8Array;
}

export async function buildBundle(input: CreateBundleInput, options: BuildOptions = {}): Promise<BuiltBundle> {
  const stage = (name: WriteStage): void => options.onProgress?.(name, WRITE_STAGES.indexOf(name), WRITE_STAGES.length);
  stage('checking');
  const scope = resolveScope(input.portfolio, input.scope);
  const scoped = scopePortfolio(input.portfolio, scope);
  let portfolio: Portfolio;
  if (options.validated === 'store') {
    portfolio = scoped;
  } else {
    const checked = bundlePortfolioSchema.safeParse(scoped);
    if (!checked.success) throw new BundleWriteError(`the portfolio is not valid:\n${describeIssues(checked.error, PATHS.portfolio).join('\n')}`);
    portfolio = checked.data;
  }

  const analysis = recordedAnalysisSchema.safeParse({
    asOf: input.asOf,
    rulePacks: input.analysis.rulePacks,
    findings: input.analysis.findings,
    summary: input.analysis.summary ?? {},
  });
  if (!analysis.success) throw new BundleWriteError(`the analysis is not valid:\n${describeIssues(analysis.error, PATHS.findings).join('\n')}`);

  const ids = scopeIds(input.portfolio, scope);
  const history = scopeChangeLog(input.history ?? [], scope.kind === 'portfolio' ? null : ids);
  const chain = await verifyChain(history);
  if (!chain.ok) throw new BundleWriteError(`the change log is broken at entry ${chain.brokenAt}: ${chain.reason}`);

  const files = new Map<string, Uint8Array>();
  // Each file's digest starts as soon as the file exists: WebCrypto hashes off the main thread while the next file is serialised.
  const pending = new Map<string, Promise<string>>();
  const add = (path: string, bytes: Uint8Array) => {
    if (path.length > MAX_PATH_LENGTH || !SAFE_PATH_RE.test(path)) throw new BundleWriteError(`"${path}" is not a safe file name inside a bundle`);
    if (files.has(path)) throw new BundleWriteError(`two files would be written as "${path}"`);
    files.set(path, bytes);
    const digest = sha256Hex(bytes);
    // awaited below; marked handled so a write refused midway leaves no unhandled rejection behind
    digest.catch(() => undefined);
    pending.set(path, digest);
  };

  const allOwners = new Set(input.portfolio.products.flatMap((p) => [p.id, ...p.components.map((c) => c.id)]));
  const scopedOwners = new Set(portfolio.products.flatMap((p) => [p.id, ...p.components.map((c) => c.id)]));
  const evidenceIndex: EvidenceEntry[] = [];
  const evidenceFiles = new Map<string, Uint8Array>();
  const precompressed = new Set<string>();
  for (const ev of input.evidence ?? []) {
    if (!allOwners.has(ev.ownerId)) throw new BundleWriteError(`evidence "${ev.name}" is attached to "${ev.ownerId}", which is neither a product nor a component`);
    if (!scopedOwners.has(ev.ownerId)) continue;
    const sha = await sha256Hex(ev.bytes);
    const path = evidencePath(sha, ev.name);
    const entry = { ownerId: ev.ownerId, name: ev.name, mediaType: ev.mediaType, size: ev.bytes.length, sha256: sha, path };
    const ok = evidenceEntrySchema.safeParse(entry);
    if (!ok.success) throw new BundleWriteError(`evidence "${ev.name}": ${describeIssues(ok.error).join('; ')}`);
    evidenceIndex.push(ok.data);
    evidenceFiles.set(path, ev.bytes);
    if (isPrecompressed(ev.mediaType)) precompressed.add(path);
  }
  evidenceIndex.sort((a, b) => (a.path + a.ownerId < b.path + b.ownerId ? -1 : 1));

  const riskInput = riskRegisterDataSchema.safeParse(input.risks ?? migratedRiskData());
  if (!riskInput.success) throw new BundleWriteError(`the risk register is not valid:\n${describeIssues(riskInput.error, RISK_PATHS.register).join('\n')}`);
  const risks = scopeRiskData(riskInput.data, portfolio);
  const riskProblem = checkRiskReferences(risks, portfolio);
  if (riskProblem) throw new BundleWriteError(`the risk register: ${riskProblem}`);

  const obligationsInput = obligationsDataSchema.safeParse(input.obligations ?? emptyObligationsData());
  if (!obligationsInput.success) throw new BundleWriteError(`the activity and vulnerability records are not valid:\n${describeIssues(obligationsInput.error, OBLIGATION_PATHS.activities).join('\n')}`);
  const obligations = sortObligationsData(scopeObligationsData(obligationsInput.data, portfolio));
  const obligationsProblem = checkObligationsReferences(obligations, portfolio);
  if (obligationsProblem) throw new BundleWriteError(`the activity and vulnerability records: ${obligationsProblem}`);

  const repliesInput = repliesSchema.safeParse(input.replies ?? []);
  if (!repliesInput.success) throw new BundleWriteError(`the replies are not valid:\n${describeIssues(repliesInput.error, REPLIES_PATH).join('\n')}`);
  const replies = scopeReplies(repliesInput.data, portfolio, new Set(analysis.data.findings.map((f) => findingIdentity(f))));

  const components = portfolio.products.reduce((n, p) => n + p.components.length, 0);
  const counts = {
    lines: portfolio.lines.length,
    products: portfolio.products.length,
    components,
    decisions: portfolio.decisions.length,
    findings: analysis.data.findings.length,
    evidence: evidenceIndex.length,
    changes: chain.checked,
    risks: risks.risks.length,
    controls: risks.controls.length,
    ...obligationsCounts(obligations),
  };

  stage('serialising');
  add(PATHS.portfolio, json(portfolio));
  add(PATHS.evidenceIndex, json(evidenceIndex));
  add(PATHS.findings, json(analysis.data));
  add(PATHS.plans, json(input.plans ?? []));
  add(PATHS.history, json(history));
  add(RISK_PATHS.register, json(risks));
  add(OBLIGATION_PATHS.activities, json(obligations));
  if (replies.length) add(REPLIES_PATH, json(replies));
  add(PATHS.report, utf8Encode(renderBundleReport({
    portfolio, scope, asOf: input.asOf, createdAt: input.createdAt, appVersion: input.appVersion,
    rulePacks: analysis.data.rulePacks, findings: analysis.data.findings, counts, risks, obligations, evidence: evidenceIndex, history,
    signerFingerprint: input.signingKey ? input.signingKey.fingerprint : null,
  })));
  for (const [path, bytes] of [...evidenceFiles].sort(([a], [b]) => (a < b ? -1 : 1))) add(path, bytes);
  for (const extra of input.extras ?? []) {
    if (!extra.path.startsWith(INTERCHANGE_DIR)) throw new BundleWriteError(`extra file "${extra.path}" must be under ${INTERCHANGE_DIR}`);
    add(extra.path, extra.bytes);
  }

  stage('hashing');
  const hashes: Record<string, string> = {};
  const paths = [...files.keys()].sort();
  const digests = await Promise.all(paths.map((path) => pending.get(path) ?? sha256Hex(files.get(path)!)));
  paths.forEach((path, i) => { hashes[path] = digests[i]!; });

  const manifest: Manifest = {
    format: FORMAT_NAME,
    // Version 4 only adds data/replies.json: a bundle without replies stays version 3 for older apps.
    formatVersion: replies.length ? REPLIES_VERSION : 3,
    appVersion: input.appVersion,
    createdAt: input.createdAt,
    asOf: input.asOf,
    scope,
    counts,
    rulePacks: analysis.data.rulePacks,
    files: hashes,
    historyHead: history.length ? history[history.length - 1]!.hash : GENESIS_HASH,
    signature: input.signingKey ? { algorithm: 'Ed25519', fingerprint: input.signingKey.fingerprint } : null,
  };
  const manifestBytes = prettyJson(manifest);

  const zipped: Zippable = { [PATHS.manifest]: manifestBytes };
  for (const path of [...files.keys()].sort()) {
    const bytes = files.get(path)!;
    // Deflating an image, archive or video again costs time and saves nothing: such evidence is stored as is.
    zipped[path] = precompressed.has(path) ? [bytes, { level: 0 }] : bytes;
  }
  stage('signing');
  if (input.signingKey) zipped[PATHS.signature] = prettyJson(await signManifest(manifestBytes, input.signingKey));
  stage('compressing');
  const bytes = zipSync(zipped, { level: input.level ?? DEFAULT_LEVEL, mtime: FIXED_MTIME });
  return { bytes, manifest, manifestBytes };
}

/** The bundle file's bytes. */
export async function createBundle(input: CreateBundleInput, options: BuildOptions = {}): Promise<Uint8Array> {
  return (await buildBundle(input, options)).bytes;
}
