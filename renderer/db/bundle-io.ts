/**
 * Bundles in and out of a workspace database.
 *
 * Out: `gatherPortfolio` reads lines, products, decisions, the evidence of
 * the scope (with its bytes) and the change log in one read transaction (a
 * consistent snapshot) and turns the log into the hash chain a bundle carries.
 * `buildWorkspaceBundle` adds the analysis and writes the bundle, the same way
 * the command line does (shared/bundle/assemble.ts).
 *
 * In: `importBundleIntoDb` validates everything first (including the hash of
 * every evidence file the reader has not checked), then writes in ONE
 * read-write transaction over lines, products, decisions, evidence and
 * changes, in chunks (progress, cancel). Any error or a cancel aborts the
 * transaction, so nothing is written and existing data stays as it was.
 * Nothing but Dexie work is awaited inside the transaction.
 *
 * The change log: the `changes` table is the workspace's own log (undo,
 * audit). Exporting chains its records in order with `appendChange`, so the
 * same database always gives the same chain. Replacing a workspace with a
 * bundle stores the bundle's history there (group `bundle:<manifest hash>`,
 * with who/entity/action kept, so exporting again reproduces the same chain
 * when nothing was redacted); those records describe the sender's edits and
 * are not undoable. Merging logs the import itself as one action (group
 * `import:<manifest hash>`, before/after of every record written), like any
 * repository write; the sender's history stays in the sender's bundle.
 * Each record's `who` is the user name it was written under (the sender's for
 * a bundle's history); records from before the log kept one get the name the
 * exporter gives (GatherOptions.who).
 *
 * Obligations (activity records, vulnerability records, communication plans,
 * shared/bundle/format-obligations.ts) go out scoped like the portfolio and
 * come in with it: replacing takes the bundle's; a merge writes the records of
 * the products it imports (not of products left as conflicts) and the
 * vulnerability records whose affected products all exist afterwards, each
 * logged in the import's group.
 *
 * Evidence: a merge adds the bundle's files as new attachments, except where
 * the same contents are already attached to the same owner; replacing adds
 * them all. Either way they are records of this workspace (new ids, `importedFrom`
 * the bundle's manifest hash) with their contents stored by hash.
 *
 * The risk register (data/risks.json, docs/risks.md) travels with the scope's
 * products. Replacing takes the bundle's register as it is. Merging adds and
 * updates by id: the user's risks and property answers of the products that
 * exist after the merge (an answer replaces this workspace's answer on the same
 * property), controls (the bundle's fields, links of both), user threats and
 * STRIDE tags; the scoring method only when this workspace has none of its own.
 */
import { checkImportedPortfolio } from './text-check';
import type { Table, Transaction } from 'dexie';
import {
  assembleBundleInput, buildBundle, bundlePortfolioSchema, checkReferences, isReaderChecked, planMerge, resolveScope, scopeIds, scopePortfolio,
  evidenceEntrySchema, checkObligationsReferences, emptyObligationsData, obligationsDataSchema, scopeObligationsData,
  type ObligationsData,
  type AssembleOptions, type Bundle, type BuiltBundle, type BundleEvidence, type BundleScope, type EvidenceInput, type MergePlan, type ScopeRequest,
} from '../../shared/bundle';
import { sha256Hex } from '../../shared/bundle/hash';
import type { Reply } from '../../shared/bundle/format-replies';
import { describeIssues, newId, type Decision, type Portfolio, type Product, type ProductLine } from '../../shared/domain';
import {
  appendChange, changeEntrySchema, isRedacted, scopeChangeLog,
  type ChangeAction, type ChangeEntry, type EntityRef, type LogEntry,
} from '../../shared/history/change-log';
import type { ChangeRecord, EntityType, EvidenceFileRecord, EvidenceRecord, SupportspanDb } from './database';
import { StorageError, toStorageError } from './errors';
import { authorForRecord, currentWindow } from './repositories/change-log';
import { evidenceRecordSchema } from './repositories/evidence';
import { loadRiskRegisterData, RISK_METHOD_KEY, riskTables } from './repositories/risks';
import { checkRiskReferences, migratedRiskData, riskRegisterDataSchema } from '../../shared/bundle/format-risks';
import { loadCatalog, reconcileRiskData, type Control, type ProductProperty, type RiskRecord, type RiskRegisterData, type ThreatTag, type UserThreat } from '../../shared/risk';

/** A `changes` record that came from a bundle's history: keeps what the table's own fields cannot hold. */
export interface BundleChangeRecord extends ChangeRecord {
  who?: string;
  entity?: EntityRef;
  action?: ChangeAction;
}

export const DEFAULT_WHO = 'local user';
/** Records per bulkPut: small enough for prompt progress and cancel, large enough to keep IndexedDB busy. */
export const IMPORT_CHUNK = 250;

export interface GatherOptions {
  scope?: ScopeRequest | BundleScope;
  /**
   * Shown as `who` for change records written before the log recorded the user
   * name (each newer record carries its own); DEFAULT_WHO when not given.
   */
  who?: string;
  /** Read the evidence files of the scope with their bytes (default true; a merge preview needs none). */
  evidence?: boolean;
}

/** An attachment left out of a bundle, and why. */
export interface SkippedEvidence {
  record: EvidenceRecord;
  reason: string;
}

export interface Gathered {
  portfolio: Portfolio;
  /** The change log as a hash chain; entries outside the scope redacted. */
  history: LogEntry[];
  scope: BundleScope;
  /** The evidence files of the scope, for createBundle / assembleBundleInput. */
  evidence: EvidenceInput[];
  /**
   * Attachments of the scope that cannot go into a bundle: attached to a component
   * that was since removed from its product (they stay in the workspace, since
   * Undo can bring the component back), or whose contents are missing.
   */
  skippedEvidence: SkippedEvidence[];
  /** The risk register; the bundle writer keeps what is in scope. */
  risks: RiskRegisterData;
  /** Activity records, vulnerability records and communication plans of the scope. */
  obligations: ObligationsData;
  /** The manufacturer's replies to auditors' notes; the bundle writer keeps those of the scope. */
  replies?: Reply[];
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The workspace's data for a bundle: everything, one line or one product; sorted by id, so the same data gives the same bundle. */
export async function gatherPortfolio(db: SupportspanDb, options: GatherOptions = {}): Promise<Gathered> {
  const withEvidence = options.evidence ?? true;
  const read = await db.transaction('r', [db.lines, db.products, db.decisions, db.changes, db.evidence, db.evidenceFiles, ...riskTables(db), db.activityRecords, db.vulnerabilities, db.communicationPlans, db.findingReplies], async () => {
    const [lines, products, decisions, changes, evidence, register, activityRecords, vulnerabilities, communicationPlans, replyRecords] = await Promise.all([
      db.lines.toArray(), db.products.toArray(), db.decisions.toArray(), db.changes.orderBy('seq').toArray(),
      withEvidence ? db.evidence.toArray() : Promise.resolve([] as EvidenceRecord[]),
      loadRiskRegisterData(db),
      db.activityRecords.toArray(), db.vulnerabilities.toArray(), db.communicationPlans.toArray(), db.findingReplies.toArray(),
    ]);
    const full: Portfolio = { lines: lines.sort(byId), products: products.sort(byId), decisions: decisions.sort(byId) };
    // Resolved here (pure, synchronous) so that only the scope's evidence contents are read, in this same snapshot.
    const scope = resolveScope(full, options.scope ?? { kind: 'portfolio' });
    const ids = scope.kind === 'portfolio' ? null : scopeIds(full, scope);
    const inScope = evidence.filter((e) => !ids || ids.productIds.has(e.productId)).sort(byId);
    const shas = [...new Set(inScope.map((e) => e.sha256))];
    const files = shas.length ? await db.evidenceFiles.bulkGet(shas) : [];
    const replies: Reply[] = replyRecords.map(({ responseId, findingKey, text, author, at }) => ({ responseId, findingKey, text, author, at }));
    return { full, scope, ids, changes, inScope, register, replies, obligations: { activityRecords, vulnerabilities, communicationPlans }, files: new Map(files.filter((f): f is EvidenceFileRecord => !!f).map((f) => [f.sha256, f.bytes])) };
  });
  const { full, scope, ids } = read;
  const { evidence, skippedEvidence } = evidenceOf(full, read.inScope, read.files);
  const chain = await chainOf(read.changes as BundleChangeRecord[], options.who ?? DEFAULT_WHO);
  // A user's risk on a component removed since goes on its product (as the register shows it).
  const risks = reconcileRiskData(read.register, full);
  if (!ids) return { portfolio: full, history: chain, scope, evidence, skippedEvidence, risks, obligations: scopeObligationsData(read.obligations, full), replies: read.replies };
  const portfolio = scopePortfolio(full, scope);
  return { portfolio, history: scopeChangeLog(chain, ids), scope, evidence, skippedEvidence, risks, obligations: scopeObligationsData(read.obligations, portfolio), replies: read.replies };
}

function evidenceOf(portfolio: Portfolio, records: readonly EvidenceRecord[], files: ReadonlyMap<string, Uint8Array>): Pick<Gathered, 'evidence' | 'skippedEvidence'> {
  const products = new Map(portfolio.products.map((p) => [p.id, p]));
  const evidence: EvidenceInput[] = [];
  const skippedEvidence: SkippedEvidence[] = [];
  for (const record of records) {
    const product = products.get(record.productId);
    const owned = product && (record.ownerId === product.id || product.components.some((c) => c.id === record.ownerId));
    const bytes = files.get(record.sha256);
    if (!owned) skippedEvidence.push({ record, reason: 'attached to a component that is no longer in the product' });
    else if (!bytes) skippedEvidence.push({ record, reason: 'its contents are missing from this workspace' });
    else evidence.push({ ownerId: record.ownerId, name: record.name, mediaType: record.mediaType, bytes });
  }
  return { evidence, skippedEvidence };
}

function imageOf(record: ChangeRecord): Record<string, unknown> | null {
  const image = record.after ?? record.before;
  return image && typeof image === 'object' ? (image as Record<string, unknown>) : null;
}

function entityOf(record: BundleChangeRecord): EntityRef {
  if (record.entity) return record.entity;
  const image = imageOf(record);
  const str = (key: string): string | undefined => (typeof image?.[key] === 'string' ? (image[key] as string) : undefined);
  if (record.entityType === 'product') {
    const lineId = str('lineId');
    return { type: 'product', id: record.entityId, productId: record.entityId, ...(lineId ? { lineId } : {}) };
  }
  if (record.entityType === 'vulnerability') {
    // Scope goes by the first affected product (a record about several products is in the scope of the first).
    const productIds = Array.isArray(image?.productIds) ? (image.productIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
    return { type: 'vulnerability', id: record.entityId, ...(productIds[0] ? { productId: productIds[0] } : {}) };
  }
  if (record.entityType === 'decision' || record.entityType === 'evidence' || record.entityType === 'risk' || record.entityType === 'property' || record.entityType === 'activity' || record.entityType === 'communication-plan') {
    const productId = str('productId');
    return { type: record.entityType, id: record.entityId, ...(productId ? { productId } : {}) };
  }
  if (record.entityType === 'control' || record.entityType === 'threat' || record.entityType === 'threat-tag' || record.entityType === 'risk-method') {
    return { type: record.entityType, id: record.entityId };
  }
  return { type: 'line', id: record.entityId, lineId: record.entityId };
}

function actionOf(record: BundleChangeRecord): ChangeAction {
  if (record.action) return record.action;
  if (record.before === null || record.before === undefined) return 'create';
  if (record.after === null || record.after === undefined) return 'delete';
  return 'update';
}

/** The log's records in order, linked as a hash chain. */
async function chainOf(records: readonly BundleChangeRecord[], who: string): Promise<ChangeEntry[]> {
  const chain: ChangeEntry[] = [];
  let prev: ChangeEntry | null = null;
  for (const r of records) {
    prev = await appendChange(prev, {
      at: r.at,
      who: r.who ?? who,
      entity: entityOf(r),
      action: actionOf(r),
      before: r.before ?? null,
      after: r.after ?? null,
    });
    chain.push(prev);
  }
  return chain;
}

/** The export's steps, in order, for a progress bar. */
export const EXPORT_STEPS = ['reading', 'analysing', 'writing'] as const;
export type ExportStep = (typeof EXPORT_STEPS)[number];

export type WorkspaceBundleOptions = Omit<AssembleOptions, 'history' | 'scope'> & GatherOptions & {
  /** Checked between steps: an aborted export throws BundleImportError('cancelled') and nothing is saved. */
  signal?: AbortSignal;
  /** Called as each step starts (step index of EXPORT_STEPS.length). */
  onProgress?: (step: ExportStep, index: number, total: number) => void;
};

/** Lets the page paint (progress) and handle a Cancel click between long synchronous steps. */
const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Gathers, analyses and writes a bundle of the workspace (what the app's Export does). */
export async function buildWorkspaceBundle(db: SupportspanDb, options: WorkspaceBundleOptions): Promise<BuiltBundle> {
  const { scope: requested, who, signal, onProgress, ...assemble } = options;
  const step = async (name: ExportStep): Promise<void> => {
    if (signal?.aborted) throw new BundleImportError('The export was cancelled. Nothing was saved.', 'cancelled');
    onProgress?.(name, EXPORT_STEPS.indexOf(name), EXPORT_STEPS.length);
    if (signal || onProgress) await yieldToUi();
    if (signal?.aborted) throw new BundleImportError('The export was cancelled. Nothing was saved.', 'cancelled');
  };
  await step('reading');
  const gathered = await gatherPortfolio(db, { ...(requested ? { scope: requested } : {}), ...(who ? { who } : {}) });
  await step('analysing');
  // Evidence passed in by the caller comes on top of the workspace's own.
  const evidence = [...gathered.evidence, ...(assemble.evidence ?? [])];
  const input = assembleBundleInput(gathered.portfolio, { ...assemble, scope: gathered.scope, history: gathered.history, evidence, risks: gathered.risks });
  await step('writing');
  const built = await buildBundle({ ...input, obligations: gathered.obligations });
  if (signal?.aborted) throw new BundleImportError('The export was cancelled. Nothing was saved.', 'cancelled');
  onProgress?.('writing', EXPORT_STEPS.length, EXPORT_STEPS.length);
  return built;
}

// ------------------------------------------------------------------ import

export type ImportMode = 'replace-workspace' | 'merge';

export interface ImportOptions {
  /** `replace-workspace`: the workspace becomes the bundle (auditor workspaces, moving to another machine). `merge`: add and update. */
  mode: ImportMode;
  /** Merge only: what to do where the bundle and the workspace disagree about identity (see planMerge). Default `refuse`. */
  conflicts?: 'refuse' | 'keep-current';
  signal?: AbortSignal;
  /** Records per bulkPut (default IMPORT_CHUNK). */
  chunkSize?: number;
  /** Records written so far and in all; called after each chunk. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  /** Lines, products and decisions that did not exist before. */
  added: number;
  /** Existing ones that were changed. */
  changed: number;
  /** Merge: records identical to what the workspace had. */
  unchanged: number;
  /** Replace: records of the workspace that are gone. Merge: conflicts left as they were. */
  removed: number;
  skipped: number;
  /** Change-log records written. */
  changes: number;
  /** Evidence attachments written. */
  evidenceAdded: number;
  /** Merge: attachments left out because the same file is already attached to the same owner, or its owner was not imported. */
  evidenceSkipped: number;
  /** Risk register records written (risks, controls, property answers, threats, tags, method). */
  registerWritten: number;
  /** Activity records, vulnerability records and communication plans written. */
  obligationsWritten: number;
  /** Merge: those left out because their product was not imported, or (vulnerabilities) an affected product or component would be missing. */
  obligationsSkipped: number;
}

export type ImportErrorKind = 'invalid' | 'conflict' | 'cancelled';

/** The import was refused or cancelled; nothing was written. */
export class BundleImportError extends Error {
  override readonly name = 'BundleImportError';
  constructor(message: string, readonly kind: ImportErrorKind, readonly issues: readonly string[] = []) {
    super(message);
  }
}

/** The bundle's register, checked against its portfolio; a user threat may not take a shipped threat's id. */
function validateRegister(bundle: Bundle, portfolio: Portfolio, checked: boolean): RiskRegisterData {
  const invalid = (issues: string[]) => new BundleImportError('The bundle was not imported: its risk register is invalid. Nothing was written.', 'invalid', issues);
  let data: RiskRegisterData = (bundle as { risks?: RiskRegisterData }).risks ?? migratedRiskData();
  if (!checked) {
    const parsed = riskRegisterDataSchema.safeParse(data);
    if (!parsed.success) throw invalid(describeIssues(parsed.error, 'data/risks.json'));
    data = parsed.data;
    const reference = checkRiskReferences(data, portfolio);
    if (reference) throw invalid([reference]);
  }
  try {
    loadCatalog(data.threats, data.threatTags);
  } catch (error) {
    throw invalid([error instanceof Error ? error.message : String(error)]);
  }
  return data;
}

/** Everything checked before the transaction opens: the schemas of every record, ids and references, the history. */
function validateObligations(bundle: Bundle, portfolio: Portfolio): ObligationsData {
  const parsed = obligationsDataSchema.safeParse(bundle.obligations ?? emptyObligationsData());
  if (!parsed.success) {
    throw new BundleImportError('The bundle was not imported: its activity or vulnerability records are invalid. Nothing was written.', 'invalid', describeIssues(parsed.error, 'data/activities.json'));
  }
  const problem = checkObligationsReferences(parsed.data, portfolio);
  if (problem) throw new BundleImportError(`The bundle was not imported: data/activities.json: ${problem}. Nothing was written.`, 'invalid', [problem]);
  return parsed.data;
}

function validateBundle(bundle: Bundle): { portfolio: Portfolio; history: ChangeEntry[]; register: RiskRegisterData; obligations: ObligationsData } {
  // readBundle already applied these very schemas and checks to these very objects; at 100k components a second pass costs a third of the write.
  if (isReaderChecked(bundle)) {
    return {
      portfolio: bundle.portfolio, history: bundle.history.filter((e): e is ChangeEntry => !isRedacted(e)),
      register: validateRegister(bundle, bundle.portfolio, true), obligations: validateObligations(bundle, bundle.portfolio),
    };
  }
  const parsed = bundlePortfolioSchema.safeParse(bundle.portfolio);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new BundleImportError(`The bundle was not imported: ${issues.length} invalid value${issues.length === 1 ? '' : 's'}. Nothing was written.`, 'invalid', issues);
  }
  const reference = checkReferences(parsed.data);
  if (reference) throw new BundleImportError(`The bundle was not imported: ${reference}. Nothing was written.`, 'invalid', [reference]);
  const history: ChangeEntry[] = [];
  for (const [i, entry] of bundle.history.entries()) {
    if (isRedacted(entry)) continue;
    const ok = changeEntrySchema.safeParse(entry);
    if (!ok.success) {
      const issues = describeIssues(ok.error, `history[${i}]`);
      throw new BundleImportError(`The bundle was not imported: its change history is invalid. Nothing was written.`, 'invalid', issues);
    }
    history.push(ok.data);
  }
  return { portfolio: parsed.data, history, register: validateRegister(bundle, parsed.data, false), obligations: validateObligations(bundle, parsed.data) };
}

/** A bundle's evidence file with where it goes in this workspace. */
interface IncomingEvidence {
  file: BundleEvidence;
  productId: string;
  ownerKind: 'product' | 'component';
}

/**
 * Checks every evidence file before the transaction opens: its index entry, its
 * owner in the bundle's portfolio, its size and its hash (hashing is not Dexie
 * work, so it cannot happen inside). Cheap next to reading the bundle, and it
 * holds for bundles that did not come from readBundle.
 */
async function validateEvidence(files: readonly BundleEvidence[], portfolio: Portfolio): Promise<IncomingEvidence[]> {
  const owners = new Map<string, { productId: string; ownerKind: 'product' | 'component' }>();
  for (const p of portfolio.products) {
    owners.set(p.id, { productId: p.id, ownerKind: 'product' });
    for (const c of p.components) owners.set(c.id, { productId: p.id, ownerKind: 'component' });
  }
  const out: IncomingEvidence[] = [];
  for (const [i, file] of files.entries()) {
    const where = `evidence[${i}] (${String(file.name).slice(0, 80)})`;
    const { bytes, ...entry } = file;
    const ok = evidenceEntrySchema.safeParse(entry);
    const problems = ok.success ? [] : describeIssues(ok.error, where);
    // Not instanceof: bytes made in another realm (a worker, a test environment) are Uint8Arrays too.
    if (!ArrayBuffer.isView(bytes) || (bytes as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT !== 1) problems.push(`${where}: no file contents`);
    else if (bytes.length !== file.size) problems.push(`${where}.size: says ${file.size} bytes but the file has ${bytes.length}`);
    else if ((await sha256Hex(bytes)) !== file.sha256) problems.push(`${where}.sha256: does not match the file's contents`);
    const owner = owners.get(file.ownerId);
    if (!owner) problems.push(`${where}.ownerId: "${file.ownerId}" is not a product or component in this bundle`);
    if (problems.length || !owner) {
      throw new BundleImportError('The bundle was not imported: an evidence file is invalid. Nothing was written.', 'invalid', problems);
    }
    out.push({ file, ...owner });
  }
  return out;
}

function evidenceRecordOf(incoming: IncomingEvidence, manifestHash: string, now: string, who: string): EvidenceRecord {
  const { file } = incoming;
  const record = evidenceRecordSchema.safeParse({
    id: newId(), ownerId: file.ownerId, ownerKind: incoming.ownerKind, productId: incoming.productId,
    name: file.name, mediaType: file.mediaType, size: file.size, sha256: file.sha256,
    addedAt: now, addedBy: who, importedFrom: manifestHash,
  });
  if (!record.success) {
    throw new BundleImportError('The bundle was not imported: an evidence file is invalid. Nothing was written.', 'invalid', describeIssues(record.error, `evidence ${file.name}`));
  }
  return record.data as EvidenceRecord;
}

/** One contents record per hash. */
function filesOf(evidence: readonly IncomingEvidence[]): EvidenceFileRecord[] {
  const files = new Map<string, EvidenceFileRecord>();
  for (const { file } of evidence) if (!files.has(file.sha256)) files.set(file.sha256, { sha256: file.sha256, bytes: file.bytes });
  return [...files.values()];
}

function tableTypeOf(entity: EntityRef): { entityType: EntityType; entityId: string } {
  if (entity.type !== 'component') return { entityType: entity.type, entityId: entity.id };
  // components live inside a product record
  return { entityType: 'product', entityId: entity.productId ?? entity.id };
}

function historyRecords(history: readonly ChangeEntry[], group: string): BundleChangeRecord[] {
  return history.map((e) => ({
    group,
    ...tableTypeOf(e.entity),
    op: e.after === null || e.after === undefined ? 'delete' : 'put',
    before: e.before ?? null,
    after: e.after ?? null,
    at: e.at,
    who: e.who,
    entity: e.entity,
    action: e.action,
  }));
}

function cancelled(): BundleImportError {
  return new BundleImportError('The import was cancelled. Nothing was written.', 'cancelled');
}

interface Batch {
  table: Table<unknown, unknown>;
  records: readonly unknown[];
}

/**
 * Imports a bundle (from readBundle) into a workspace. Throws BundleImportError
 * (invalid data, a merge conflict, cancelled) or StorageError (IndexedDB
 * refused the write); in every case nothing was written.
 */
export async function importBundleIntoDb(db: SupportspanDb, bundle: Bundle, options: ImportOptions): Promise<ImportResult> {
  const { signal, onProgress } = options;
  const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? IMPORT_CHUNK));
  if (signal?.aborted) throw cancelled();
  const { portfolio, history, register, obligations } = validateBundle(bundle);
  checkImportedPortfolio(portfolio, 'the bundle', (messages) => new BundleImportError('The bundle was not imported: some text contains NUL characters. Nothing was written.', 'invalid', messages));
  const incomingEvidence = await validateEvidence(bundle.evidence, portfolio);
  if (signal?.aborted) throw cancelled();
  const tables = [db.lines, db.products, db.decisions, db.evidence, db.evidenceFiles, ...riskTables(db), db.activityRecords, db.vulnerabilities, db.communicationPlans, db.changes];
  const now = new Date().toISOString();
  const who = authorForRecord();

  let activeTx: Transaction | null = null;
  // Cancelling aborts IndexedDB's pending requests at once, not only at the next chunk.
  const onAbort = (): void => {
    try {
      activeTx?.abort();
    } catch {
      // already finished or aborting
    }
  };
  signal?.addEventListener('abort', onAbort);
  try {
    return await db.transaction('rw', tables, async (tx) => {
      activeTx = tx;
      const write = async (batches: Batch[]): Promise<void> => {
        const total = batches.reduce((n, b) => n + b.records.length, 0);
        let done = 0;
        onProgress?.(0, total);
        for (const { table, records } of batches) {
          for (let i = 0; i < records.length; i += chunkSize) {
            if (signal?.aborted) throw cancelled();
            const chunk = records.slice(i, i + chunkSize);
            await table.bulkPut(chunk);
            done += chunk.length;
            onProgress?.(done, total);
          }
        }
        if (signal?.aborted) throw cancelled();
      };
      const lines = db.lines as unknown as Table<unknown, unknown>;
      const products = db.products as unknown as Table<unknown, unknown>;
      const decisions = db.decisions as unknown as Table<unknown, unknown>;
      const changes = db.changes as unknown as Table<unknown, unknown>;
      const evidence = db.evidence as unknown as Table<unknown, unknown>;
      const evidenceFiles = db.evidenceFiles as unknown as Table<unknown, unknown>;
      const activityRecords = db.activityRecords as unknown as Table<unknown, unknown>;
      const vulnerabilities = db.vulnerabilities as unknown as Table<unknown, unknown>;
      const communicationPlans = db.communicationPlans as unknown as Table<unknown, unknown>;
      const obligationCount = obligations.activityRecords.length + obligations.vulnerabilities.length + obligations.communicationPlans.length;

      if (options.mode === 'replace-workspace') {
        const before = (await db.lines.count()) + (await db.products.count()) + (await db.decisions.count());
        // The change log goes too, so no Undo can ask for the old evidence contents: clear them with the rest.
        await Promise.all(tables.map((t) => t.clear()));
        const records = historyRecords(history, `bundle:${bundle.manifestHash}`);
        const evidenceRecords = incomingEvidence.map((e) => evidenceRecordOf(e, bundle.manifestHash, now, who));
        const method = register.matrix === null && register.weights === null ? [] : [{ key: RISK_METHOD_KEY, matrix: register.matrix, weights: register.weights }];
        const registerBatches = [
          { table: asTable(db.userThreats), records: register.threats },
          { table: asTable(db.threatTags), records: register.threatTags },
          { table: asTable(db.productProperties), records: register.properties },
          { table: asTable(db.riskRecords), records: register.risks },
          { table: asTable(db.controls), records: register.controls },
          { table: asTable(db.riskMethod), records: method },
        ];
        await write([
          { table: lines, records: portfolio.lines },
          { table: products, records: portfolio.products },
          { table: decisions, records: portfolio.decisions },
          { table: evidenceFiles, records: filesOf(incomingEvidence) },
          { table: evidence, records: evidenceRecords },
          ...registerBatches,
          { table: activityRecords, records: obligations.activityRecords },
          { table: vulnerabilities, records: obligations.vulnerabilities },
          { table: communicationPlans, records: obligations.communicationPlans },
          { table: changes, records },
        ]);
        const added = portfolio.lines.length + portfolio.products.length + portfolio.decisions.length;
        const registerWritten = registerBatches.reduce((n, b) => n + b.records.length, 0);
        return {
          added, changed: 0, unchanged: 0, removed: before, skipped: 0, changes: records.length, evidenceAdded: evidenceRecords.length, evidenceSkipped: 0,
          registerWritten, obligationsWritten: obligationCount, obligationsSkipped: 0,
        };
      }

      // merge: the plan is made from the data as it is inside this transaction
      const current: Portfolio = {
        lines: await db.lines.toArray(),
        products: await db.products.toArray(),
        decisions: await db.decisions.toArray(),
      };
      const plan = planMerge(current, portfolio);
      if (plan.conflicting.length > 0 && (options.conflicts ?? 'refuse') === 'refuse') {
        throw new BundleImportError(
          `The bundle was not imported: ${plan.conflicting.length} record${plan.conflicting.length === 1 ? '' : 's'} conflict with this workspace. Nothing was written.`,
          'conflict',
          plan.conflicting.map((c) => `${c.kind} "${c.name}": ${c.reason}`),
        );
      }
      const selected = recordsToWrite(plan, portfolio, current);
      const group = `import:${bundle.manifestHash}`;
      const curLines = new Map(current.lines.map((l) => [l.id, l]));
      const curProducts = new Map(current.products.map((p) => [p.id, p]));
      const curDecisions = new Map(current.decisions.map((d) => [d.id, d]));
      const log = (entityType: EntityType, id: string, before: unknown, after: unknown): ChangeRecord =>
        ({ group, entityType, entityId: id, op: 'put', before: before ?? null, after, at: now, who, window: currentWindow() });
      const merged = await evidenceToMerge(db, incomingEvidence, new Map([...curProducts, ...selected.products.map((p) => [p.id, p] as const)]));
      const evidenceRecords = merged.map((e) => evidenceRecordOf(e, bundle.manifestHash, now, who));
      const productsAfter = new Map([...curProducts, ...selected.products.map((p) => [p.id, p] as const)]);
      const reg = await registerToMerge(db, register, productsAfter);
      const incomingOb = await obligationsToMerge(db, obligations, plan, productsAfter);
      const records: ChangeRecord[] = [
        ...selected.lines.map((l) => log('line', l.id, curLines.get(l.id), l)),
        ...selected.products.map((p) => log('product', p.id, curProducts.get(p.id), p)),
        ...selected.decisions.map((d) => log('decision', d.id, curDecisions.get(d.id), d)),
        ...evidenceRecords.map((e) => log('evidence', e.id, null, e)),
        ...reg.log.map((e) => ({ ...log(e.entityType, e.entityId, e.before, e.after), op: e.after === null ? ('delete' as const) : ('put' as const) })),
        ...incomingOb.activityRecords.map(([r, before]) => log('activity', r.id, before, r)),
        ...incomingOb.vulnerabilities.map(([v, before]) => log('vulnerability', v.id, before, v)),
        ...incomingOb.communicationPlans.map(([p, before]) => log('communication-plan', p.productId, before, p)),
      ];
      await db.productProperties.bulkDelete(reg.replacedProperties);
      await write([
        { table: lines, records: selected.lines },
        { table: products, records: selected.products },
        { table: decisions, records: selected.decisions },
        { table: evidenceFiles, records: filesOf(merged) },
        { table: evidence, records: evidenceRecords },
        ...reg.batches,
        { table: activityRecords, records: incomingOb.activityRecords.map(([r]) => r) },
        { table: vulnerabilities, records: incomingOb.vulnerabilities.map(([v]) => v) },
        { table: communicationPlans, records: incomingOb.communicationPlans.map(([p]) => p) },
        { table: changes, records },
      ]);
      const obligationsWritten = incomingOb.activityRecords.length + incomingOb.vulnerabilities.length + incomingOb.communicationPlans.length;
      return {
        obligationsWritten,
        obligationsSkipped: obligationCount - obligationsWritten - incomingOb.unchanged,
        added: plan.added.length - selected.orphans,
        changed: plan.changed.length,
        unchanged: plan.unchanged.length,
        removed: 0,
        skipped: plan.conflicting.length + selected.orphans,
        changes: records.length,
        evidenceAdded: evidenceRecords.length,
        evidenceSkipped: incomingEvidence.length - evidenceRecords.length,
        registerWritten: reg.batches.reduce((n, b) => n + b.records.length, 0),
      };
    });
  } catch (error) {
    if (error instanceof BundleImportError) throw error;
    if (signal?.aborted) throw cancelled();
    if (error instanceof StorageError) throw error;
    throw toStorageError('import the bundle', error);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    activeTx = null;
  }
}

const asTable = (t: Table<never, string> | Table<unknown, string>): Table<unknown, unknown> => t as unknown as Table<unknown, unknown>;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

interface RegisterMerge {
  batches: Batch[];
  /** Ids of this workspace's property answers the bundle's answers on the same property replace. */
  replacedProperties: string[];
  log: { entityType: EntityType; entityId: string; before: unknown; after: unknown }[];
}

/**
 * Merge: what the bundle's register adds or changes here (see the top of the
 * file). Risks and answers of products that will not exist after the merge
 * are left out, as are links of controls to their risks.
 */
async function registerToMerge(db: SupportspanDb, incoming: RiskRegisterData, products: ReadonlyMap<string, Product>): Promise<RegisterMerge> {
  const out: RegisterMerge = { batches: [], replacedProperties: [], log: [] };
  const upsert = async <T,>(table: Table<T, string>, entityType: EntityType, records: readonly T[], key: (r: T) => string, merge: (cur: T, inc: T) => T = (_c, inc) => inc) => {
    const current = await table.bulkGet(records.map(key));
    const write: T[] = [];
    for (const [i, inc] of records.entries()) {
      const cur = current[i];
      const next = cur ? merge(cur, inc) : inc;
      if (cur && same(cur, next)) continue;
      write.push(next);
      out.log.push({ entityType, entityId: key(inc), before: cur ?? null, after: next });
    }
    out.batches.push({ table: table as unknown as Table<unknown, unknown>, records: write });
  };
  await upsert<UserThreat>(db.userThreats, 'threat', incoming.threats, (t) => t.id);
  await upsert<ThreatTag>(db.threatTags, 'threat-tag', incoming.threatTags, (t) => t.threatId);
  const risks = incoming.risks.filter((r) => {
    const p = products.get(r.productId);
    return p && (r.componentId === null || p.components.some((c) => c.id === r.componentId));
  });
  await upsert<RiskRecord>(db.riskRecords, 'risk', risks, (r) => r.id);
  const properties: ProductProperty[] = [];
  for (const a of incoming.properties.filter((x) => products.has(x.productId))) {
    const mine = (await db.productProperties.where('productId').equals(a.productId).toArray()).filter((x) => x.propertyId === a.propertyId && x.id !== a.id);
    for (const m of mine) {
      out.replacedProperties.push(m.id);
      out.log.push({ entityType: 'property', entityId: m.id, before: m, after: null });
    }
    properties.push(a);
  }
  await upsert<ProductProperty>(db.productProperties, 'property', properties, (p) => p.id);
  const riskIds = new Set([...(await db.riskRecords.toCollection().primaryKeys()), ...risks.map((r) => r.id)]);
  const linkable = (id: string) => riskIds.has(id) || (id.startsWith('lc:') && products.has(id.split(':')[2] ?? ''));
  const controls = incoming.controls.map((c) => ({ ...c, riskIds: c.riskIds.filter(linkable) }));
  await upsert<Control>(db.controls, 'control', controls, (c) => c.id, (cur, inc) => ({ ...inc, riskIds: [...new Set([...cur.riskIds, ...inc.riskIds])] }));
  if ((incoming.matrix !== null || incoming.weights !== null) && !(await db.riskMethod.get(RISK_METHOD_KEY))) {
    const method = { key: RISK_METHOD_KEY, matrix: incoming.matrix, weights: incoming.weights };
    out.batches.push({ table: asTable(db.riskMethod), records: [method] });
    out.log.push({ entityType: 'risk-method', entityId: RISK_METHOD_KEY, before: null, after: method });
  }
  return out;
}

/** Key order does not matter when comparing an incoming record with a stored one. */
function sameRecord(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v);
  return canonical(a) === canonical(b);
}

type WithBefore<T> = [T, T | null][];

/**
 * Merge: the bundle's obligations records to write, each with the record it
 * replaces. Records of products left as conflicts (or not imported) are
 * skipped; a vulnerability record is written only when every affected product
 * and component exists after the merge. Records identical to the stored ones
 * are left alone (`unchanged`).
 */
async function obligationsToMerge(db: SupportspanDb, incoming: ObligationsData, plan: MergePlan, products: ReadonlyMap<string, Product>) {
  const conflicting = new Set(plan.conflicting.filter((c) => c.kind === 'product').map((c) => c.id));
  const usable = (productId: string): boolean => products.has(productId) && !conflicting.has(productId);
  let unchanged = 0;
  const pick = async <T>(records: readonly T[], ok: (r: T) => boolean, key: (r: T) => string, table: Table<T, string>): Promise<WithBefore<T>> => {
    const wanted = records.filter(ok);
    const stored = await table.bulkGet(wanted.map(key));
    const out: WithBefore<T> = [];
    wanted.forEach((r, i) => {
      const before = stored[i] ?? null;
      if (before && sameRecord(before, r)) unchanged++;
      else out.push([r, before]);
    });
    return out;
  };
  const activityRecords = await pick(incoming.activityRecords, (r) => usable(r.productId), (r) => r.id, db.activityRecords);
  const communicationPlans = await pick(incoming.communicationPlans, (p) => usable(p.productId), (p) => p.productId, db.communicationPlans);
  const vulnerabilities = await pick(incoming.vulnerabilities, (v) => v.productIds.every(usable)
    && v.componentIds.every((c) => v.productIds.some((id) => products.get(id)!.components.some((x) => x.id === c))), (v) => v.id, db.vulnerabilities);
  return { activityRecords, communicationPlans, vulnerabilities, unchanged };
}

/**
 * Merge: the bundle's evidence that is new here. Left out: a file whose
 * contents are already attached to the same owner (by SHA-256, whatever its
 * name), one the bundle lists twice for the same owner, and one whose owner
 * will not exist after the merge (its product was skipped as a conflict, or
 * the workspace's version of the product has no such component).
 */
async function evidenceToMerge(db: SupportspanDb, incoming: readonly IncomingEvidence[], products: ReadonlyMap<string, Product>): Promise<IncomingEvidence[]> {
  if (incoming.length === 0) return [];
  const shas = [...new Set(incoming.map((e) => e.file.sha256))];
  const existing = await db.evidence.where('sha256').anyOf(shas).toArray();
  const attached = new Set(existing.map((e) => `${e.ownerId}\u0000${e.sha256}`));
  const out: IncomingEvidence[] = [];
  for (const e of incoming) {
    const key = `${e.file.ownerId}\u0000${e.file.sha256}`;
    if (attached.has(key)) continue;
    const product = products.get(e.productId);
    if (!product || (e.file.ownerId !== product.id && !product.components.some((c) => c.id === e.file.ownerId))) continue;
    attached.add(key);
    out.push(e);
  }
  return out;
}

/**
 * The incoming records that the plan adds or changes (conflicts and unchanged
 * ones are left alone). A new record whose parent was skipped as a conflict is
 * skipped too (an `orphan`), so that no product points at a missing line.
 */
function recordsToWrite(plan: MergePlan, incoming: Portfolio, current: Portfolio): { lines: ProductLine[]; products: Product[]; decisions: Decision[]; orphans: number } {
  const write = new Set([...plan.added, ...plan.changed].map((r) => `${r.kind}\u0000${r.id}`));
  const lines = incoming.lines.filter((l) => write.has(`line\u0000${l.id}`));
  const lineIds = new Set([...current.lines, ...lines].map((l) => l.id));
  const wanted = incoming.products.filter((p) => write.has(`product\u0000${p.id}`));
  const products = wanted.filter((p) => lineIds.has(p.lineId));
  const productIds = new Set([...current.products, ...products].map((p) => p.id));
  const wantedDecisions = incoming.decisions.filter((d) => write.has(`decision\u0000${d.id}`));
  const decisions = wantedDecisions.filter((d) => productIds.has(d.productId));
  return { lines, products, decisions, orphans: wanted.length - products.length + wantedDecisions.length - decisions.length };
}

/** For a merge preview: the workspace's portfolio and what importing the bundle would do. Reads only. */
export async function previewMerge(db: SupportspanDb, bundle: Bundle): Promise<MergePlan> {
  const { portfolio } = await gatherPortfolio(db, { evidence: false });
  return planMerge(portfolio, bundle.portfolio);
}
