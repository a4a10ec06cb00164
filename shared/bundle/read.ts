/**
 * Reading a bundle. Pure: bytes in, a checked bundle or one clear message out;
 * nothing is written anywhere, so a refused bundle cannot leave partial data.
 * Order: container limits and names (archive.ts), manifest and version,
 * migration of older versions, file list against the manifest, hashes,
 * JSON safety, schemas, cross-references, change-log chain.
 */
import type { Portfolio } from '../domain/schemas';
import { changeLogSchema, GENESIS_HASH, isRedacted, verifyChain, type LogEntry } from '../history/change-log';
import { openArchiveAsync } from './archive';
import {
  bundlePortfolioSchema, EVIDENCE_DIR, evidenceIndexSchema, FORMAT_VERSION, INTERCHANGE_DIR, manifestHeaderSchema,
  manifestV2Schema, PATHS, plansSchema, READABLE_VERSIONS, recordedAnalysisSchema, REQUIRED_FILES, signatureFileSchema,
  type BundleCounts, type EvidenceEntry, type Manifest, type RecordedAnalysis, type SignatureFile,
} from './format';
import { sha256Hex } from './hash';
import { withLimits, type BundleLimits } from './limits';
import { readV1 } from './migrate';
import { utf8DecodeStrict } from './platform';
import { jsonTextProblem, parseJsonBytes, schemaIssues } from './safe-json';
import { checkReferences, fail } from './checks';
import type { RiskRegisterData } from '../risk/schemas';
import { checkRiskReferences, migratedRiskData, RISK_PATHS, riskRegisterDataSchema } from './format-risks';
import { checkReplies, REPLIES_PATH, REPLIES_VERSION, repliesSchema, type Reply } from './format-replies';
import { checkObligationsReferences, emptyObligationsData, OBLIGATION_PATHS, obligationsCounts, obligationsDataSchema, type ObligationsData } from './format-obligations';


export interface BundleEvidence extends EvidenceEntry {
  bytes: Uint8Array;
}

export interface Bundle {
  /** The version found in the file. */
  formatVersion: number;
  /** Set when the bundle was migrated on read from an older version. */
  migratedFrom: number | null;
  /** A version-2 manifest (built from the old one for migrated bundles). */
  manifest: Manifest;
  /** The exact manifest.json bytes from the file (what the signature covers). */
  manifestBytes: Uint8Array;
  /** SHA-256 of manifest.json: identifies this bundle (an auditor response refers to it). */
  manifestHash: string;
  portfolio: Portfolio;
  evidence: BundleEvidence[];
  analysis: RecordedAnalysis;
  plans: unknown[];
  history: LogEntry[];
  reportHtml: string;
  extras: { path: string; bytes: Uint8Array }[];
  signature: SignatureFile | null;
  /** The risk register (format-risks.ts); empty for bundles before version 3. */
  risks: RiskRegisterData;
  /** Activity records, vulnerability records and communication plans (format-obligations.ts); empty for bundles before version 3. */
  obligations: ObligationsData;
  /** The manufacturer's replies to auditors' notes (format-replies.ts, version 4); empty when the bundle has none. */
  replies: Reply[];
}

/** `unreadable`: not a bundle this app can open at all; `invalid`: a bundle that is damaged, tampered with or malformed. */
export type ReadFailureKind = 'unreadable' | 'invalid';
export type ReadResult = { ok: true; bundle: Bundle } | { ok: false; error: string; kind: ReadFailureKind };
export { checkReferences };

export function versionMessage(found: number): string {
  return `this bundle needs Supportspan format version ${found}; this app reads up to ${FORMAT_VERSION}. Update Supportspan to open it.`;
}

/**
 * Portfolios and change logs that readBundle produced (schemas, references and
 * chain all checked), by identity: an importer given the same objects need not
 * check them a second time. A copy or a hand-built Bundle is not in here and
 * gets checked in full.
 */
const readerChecked = new WeakSet<object>();

/** True when the bundle's portfolio and history are the very objects readBundle checked (they are not to be changed afterwards). */
export function isReaderChecked(bundle: Pick<Bundle, 'portfolio' | 'history'>): boolean {
  return readerChecked.has(bundle.portfolio) && readerChecked.has(bundle.history);
}

export async function readBundle(bytes: Uint8Array, limits?: Partial<BundleLimits>): Promise<ReadResult> {
  try {
    const result = await readUnchecked(bytes, withLimits(limits));
    if (result.ok) {
      readerChecked.add(result.bundle.portfolio);
      readerChecked.add(result.bundle.history);
    }
    return result;
  } catch {
    // Every expected problem returns a message above; this keeps a reader bug from escaping as a crash.
    return fail('the bundle could not be read: its content is not what a Supportspan bundle holds');
  }
}

async function readUnchecked(bytes: Uint8Array, limits: BundleLimits): Promise<ReadResult> {
  const archive = await openArchiveAsync(bytes, limits);
  if (!archive.ok) return archive;
  const { entries } = archive;

  const manifestBytes = entries.get(PATHS.manifest);
  if (!manifestBytes) return fail('this is not a Supportspan bundle: manifest.json is missing', 'unreadable');
  const manifestJson = parseJsonBytes(manifestBytes, PATHS.manifest);
  if (!manifestJson.ok) return fail(manifestJson.error);
  const header = manifestHeaderSchema.safeParse(manifestJson.value);
  if (!header.success) return fail(`this is not a Supportspan bundle: ${schemaIssues(PATHS.manifest, header.error.issues)}`, 'unreadable');
  const version = header.data.formatVersion;
  if (version > FORMAT_VERSION) return fail(versionMessage(version), 'unreadable');
  if (!(READABLE_VERSIONS as readonly number[]).includes(version)) return fail(`format version ${version} is not one this app reads (it reads ${READABLE_VERSIONS.join(', ')})`, 'unreadable');
  const manifestHash = await sha256Hex(manifestBytes);
  if (version === 1) return readV1(entries, manifestJson.value, manifestBytes, manifestHash);

  const parsed = manifestV2Schema.safeParse(manifestJson.value);
  if (!parsed.success) return fail(schemaIssues(PATHS.manifest, parsed.error.issues));
  const manifest = parsed.data;

  const listed = new Set(Object.keys(manifest.files));
  for (const required of REQUIRED_FILES) {
    if (!listed.has(required)) return fail(`manifest.json does not list ${required}, which every bundle has`);
  }
  if (manifest.formatVersion >= 3 && !listed.has(RISK_PATHS.register)) return fail(`manifest.json does not list ${RISK_PATHS.register}, which every version 3 bundle has`);
  if (manifest.formatVersion >= 3 && !listed.has(OBLIGATION_PATHS.activities)) return fail(`manifest.json does not list ${OBLIGATION_PATHS.activities}, which every version 3 bundle has`);
  for (const path of listed) {
    if (path === PATHS.manifest || path === PATHS.signature) return fail(`manifest.json lists ${path}, which cannot hash itself`);
    if ((path === RISK_PATHS.register || path === OBLIGATION_PATHS.activities) && manifest.formatVersion < 3) return fail(`manifest.json lists "${path}", which version ${manifest.formatVersion} bundles do not have`);
    if (path === REPLIES_PATH && manifest.formatVersion < REPLIES_VERSION) return fail(`manifest.json lists "${path}", which version ${manifest.formatVersion} bundles do not have`);
    if (!REQUIRED_FILES.includes(path) && path !== REPLIES_PATH && path !== RISK_PATHS.register && path !== OBLIGATION_PATHS.activities && !path.startsWith(EVIDENCE_DIR) && !path.startsWith(INTERCHANGE_DIR)) {
      return fail(`manifest.json lists "${path}", which is not a part of the bundle format`);
    }
    if (!entries.has(path)) return fail(`the file ${path} listed in the manifest is missing`);
  }
  for (const name of entries.keys()) {
    if (name === PATHS.manifest) continue;
    if (name === PATHS.signature) {
      if (!manifest.signature) return fail('signature.json is present but the manifest says the bundle is unsigned');
      continue;
    }
    if (!listed.has(name)) return fail(`the file ${name} is not listed in the manifest (an extra file was added)`);
  }
  if (manifest.signature && !entries.has(PATHS.signature)) return fail('the manifest says the bundle is signed but signature.json is missing (the signature was removed)');

  // Every digest starts now and runs off the main thread (WebCrypto) while the files are parsed and checked below.
  // A hash mismatch is still the answer whenever there is one: it is looked at before anything the content checks found.
  const hashPaths = [...listed].sort();
  const hashProblem = Promise.all(hashPaths.map((path) => sha256Hex(entries.get(path)!))).then((actual) => {
    const i = hashPaths.findIndex((path, k) => actual[k] !== manifest.files[path]);
    return i < 0 ? null : `the file ${hashPaths[i]} does not match its hash in the manifest: it was changed after the bundle was made`;
  });
  // handled below by awaiting; marked now so a failing digest is not reported as unhandled while the content is read
  hashProblem.catch(() => undefined);
  let content: ReadResult;
  try {
    content = await readContent(entries, manifest, manifestBytes, manifestHash, listed);
  } catch (e) {
    const problem = await hashProblem;
    if (problem) return fail(problem);
    throw e;
  }
  const problem = await hashProblem;
  return problem ? fail(problem) : content;
}

/** Version 2 content, once the file list matches the manifest (the hashes are checked alongside, by the caller). */
async function readContent(
  entries: Map<string, Uint8Array>, manifest: Manifest, manifestBytes: Uint8Array, manifestHash: string, listed: ReadonlySet<string>,
): Promise<ReadResult> {
  let signature: SignatureFile | null = null;
  if (manifest.signature) {
    const sigJson = parseJsonBytes(entries.get(PATHS.signature)!, PATHS.signature);
    if (!sigJson.ok) return fail(sigJson.error);
    const sig = signatureFileSchema.safeParse(sigJson.value);
    if (!sig.success) return fail(schemaIssues(PATHS.signature, sig.error.issues));
    if (sig.data.fingerprint !== manifest.signature.fingerprint) return fail('signature.json names a different key than the manifest');
    signature = sig.data;
  }

  const json = <T>(path: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }) => {
    const raw = parseJsonBytes(entries.get(path)!, path);
    if (!raw.ok) return { ok: false as const, error: raw.error };
    const r = schema.safeParse(raw.value);
    if (!r.success) return { ok: false as const, error: schemaIssues(path, r.error.issues) };
    return { ok: true as const, value: r.data };
  };

  const portfolio = json(PATHS.portfolio, bundlePortfolioSchema);
  if (!portfolio.ok) return fail(portfolio.error);
  const refs = checkReferences(portfolio.value);
  if (refs) return fail(`${PATHS.portfolio}: ${refs}`);

  const evidenceIndex = json(PATHS.evidenceIndex, evidenceIndexSchema);
  if (!evidenceIndex.ok) return fail(evidenceIndex.error);
  const owners = new Set(portfolio.value.products.flatMap((p) => [p.id, ...p.components.map((c) => c.id)]));
  const evidence: BundleEvidence[] = [];
  const referenced = new Set<string>();
  for (const [i, e] of evidenceIndex.value.entries()) {
    const where = `${PATHS.evidenceIndex}: [${i}]`;
    if (!e.path.startsWith(EVIDENCE_DIR)) return fail(`${where}.path: evidence lives under ${EVIDENCE_DIR}`);
    const bytesOf = entries.get(e.path);
    if (!bytesOf || !listed.has(e.path)) return fail(`${where}.path: the file ${e.path} is not in the bundle`);
    if (manifest.files[e.path] !== e.sha256) return fail(`${where}.sha256: does not match the file ${e.path}`);
    if (bytesOf.length !== e.size) return fail(`${where}.size: says ${e.size} bytes but ${e.path} has ${bytesOf.length}`);
    if (!owners.has(e.ownerId)) return fail(`${where}.ownerId: "${e.ownerId}" is not a product or component in this bundle`);
    referenced.add(e.path);
    evidence.push({ ...e, bytes: bytesOf });
  }
  for (const path of listed) {
    if (path.startsWith(EVIDENCE_DIR) && !referenced.has(path)) return fail(`the evidence file ${path} is not listed in ${PATHS.evidenceIndex}`);
  }

  const analysis = json(PATHS.findings, recordedAnalysisSchema);
  if (!analysis.ok) return fail(analysis.error);
  if (analysis.value.asOf !== manifest.asOf) return fail(`${PATHS.findings}: asOf ${analysis.value.asOf} differs from the manifest's ${manifest.asOf}`);
  const plans = json(PATHS.plans, plansSchema);
  if (!plans.ok) return fail(plans.error);

  const history = json(PATHS.history, changeLogSchema);
  if (!history.ok) return fail(history.error);
  const chain = await verifyChain(history.value);
  if (!chain.ok) return fail(`${PATHS.history}: the change log's hash chain is broken at entry ${chain.brokenAt}: ${chain.reason}`);
  const head = history.value.length ? history.value[history.value.length - 1]!.hash : GENESIS_HASH;
  if (head !== manifest.historyHead) return fail(`${PATHS.history}: the change log ends at a different entry than the manifest records (entries were removed or added)`);

  let risks: RiskRegisterData = migratedRiskData();
  if (listed.has(RISK_PATHS.register)) {
    const r = json(RISK_PATHS.register, riskRegisterDataSchema);
    if (!r.ok) return fail(r.error);
    const problem = checkRiskReferences(r.value, portfolio.value);
    if (problem) return fail(`${RISK_PATHS.register}: ${problem}`);
    risks = r.value;
  }

  let obligations: ObligationsData = emptyObligationsData();
  if (listed.has(OBLIGATION_PATHS.activities)) {
    const o = json(OBLIGATION_PATHS.activities, obligationsDataSchema);
    if (!o.ok) return fail(o.error);
    const problem = checkObligationsReferences(o.value, portfolio.value);
    if (problem) return fail(`${OBLIGATION_PATHS.activities}: ${problem}`);
    obligations = o.value;
  }

  let reportHtml: string;
  try {
    reportHtml = utf8DecodeStrict(entries.get(PATHS.report)!);
  } catch {
    return fail(`${PATHS.report}: not valid UTF-8 text`);
  }

  let replies: Reply[] = [];
  if (listed.has(REPLIES_PATH)) {
    const r = json(REPLIES_PATH, repliesSchema);
    if (!r.ok) return fail(r.error);
    const problem = checkReplies(r.value);
    if (problem) return fail(`${REPLIES_PATH}: ${problem}`);
    replies = r.value;
  } else if (manifest.formatVersion >= REPLIES_VERSION) {
    return fail(`manifest.json does not list ${REPLIES_PATH}, which every version ${REPLIES_VERSION} bundle has`);
  }

  const extras: { path: string; bytes: Uint8Array }[] = [];
  for (const path of [...listed].sort()) {
    if (!path.startsWith(INTERCHANGE_DIR)) continue;
    const b = entries.get(path)!;
    if (path.endsWith('.json')) {
      // Interchange copies are handed on as bytes and never used as values here, so only their being JSON is checked.
      const problem = jsonTextProblem(b, path);
      if (problem) return fail(problem);
    } else {
      try {
        utf8DecodeStrict(b);
      } catch {
        return fail(`${path}: not valid UTF-8 text`);
      }
    }
    extras.push({ path, bytes: b });
  }

  const counts: BundleCounts = {
    lines: portfolio.value.lines.length,
    products: portfolio.value.products.length,
    components: portfolio.value.products.reduce((n, p) => n + p.components.length, 0),
    decisions: portfolio.value.decisions.length,
    findings: analysis.value.findings.length,
    evidence: evidence.length,
    changes: history.value.filter((e) => !isRedacted(e)).length,
    ...(manifest.formatVersion >= 3 ? { risks: risks.risks.length, controls: risks.controls.length, ...obligationsCounts(obligations) } : {}),
  };
  if (manifest.formatVersion >= 3 && (manifest.counts.activities === undefined || manifest.counts.vulnerabilities === undefined || manifest.counts.communicationPlans === undefined)) {
    return fail('manifest.json: counts.activities, counts.vulnerabilities and counts.communicationPlans are missing, which every version 3 bundle has');
  }
  if (manifest.formatVersion >= 3 && (manifest.counts.risks === undefined || manifest.counts.controls === undefined)) return fail('manifest.json: counts.risks and counts.controls are missing, which every version 3 bundle has');
  for (const key of Object.keys(counts) as (keyof BundleCounts)[]) {
    if (counts[key] !== manifest.counts[key]) return fail(`manifest.json: counts.${key} says ${manifest.counts[key]} but the bundle holds ${counts[key]}`);
  }
  const scope = manifest.scope;
  if (scope.kind === 'line' && !portfolio.value.lines.some((l) => l.id === scope.id)) return fail(`manifest.json: the scope's product line "${scope.id}" is not in the bundle`);
  if (scope.kind === 'product' && !portfolio.value.products.some((p) => p.id === scope.id)) return fail(`manifest.json: the scope's product "${scope.id}" is not in the bundle`);

  return {
    ok: true,
    bundle: {
      formatVersion: manifest.formatVersion,
      migratedFrom: manifest.formatVersion < 3 ? manifest.formatVersion : null,
      manifest,
      manifestBytes,
      manifestHash,
      portfolio: portfolio.value,
      evidence,
      analysis: analysis.value,
      plans: plans.value,
      history: history.value,
      reportHtml,
      extras,
      signature,
      risks,
      obligations,
      replies,
    },
  };
}
