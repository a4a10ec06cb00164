/**
 * Assembling what a bundle carries from a portfolio: the analysis, the planner
 * results and the interchange copies, computed here once so that the command
 * line and the app produce the same bundle from the same data. Pure and
 * synchronous: the clock, the app version and the key are passed in.
 *
 * Also the reader's side of the same contract: which rule packs re-run a
 * bundle's analysis, and how a re-run's findings differ from the recorded ones.
 */
import type { Portfolio } from '../domain/schemas';
import { analyzePortfolio, DEFAULT_RULE_PACKS, planSupportPeriod } from '../engine';
import type { AnalysisResult, OrgPolicy, RulePack, SupportPlan } from '../engine';
import type { LogEntry } from '../history/change-log';
import type { RiskRegisterData } from '../risk/schemas';
import { portfolioToCsv } from '../csv';
import { exportCycloneDxJson } from '../interop/cyclonedx';
import { INTERCHANGE_DIR, type BundleScope, type RulePackRef, type ScopeRequest } from './format';
import { utf8Encode } from './platform';
import { resolveScope, scopePortfolio } from './scope';
import type { Signer } from './signing';
import type { CreateBundleInput, EvidenceInput, ExtraFile } from './write';

export const CYCLONEDX_DIR = `${INTERCHANGE_DIR}cyclonedx/`;
export const PORTFOLIO_CSV_PATH = `${INTERCHANGE_DIR}portfolio.csv`;

export interface AssembleOptions {
  scope: ScopeRequest | BundleScope;
  /** `YYYY-MM-DD`: the day the analysis and the plans are computed for. */
  asOf: string;
  appVersion: string;
  /** ISO timestamp of the export (also the CycloneDX metadata timestamp). */
  createdAt: string;
  rulePacks?: RulePack[];
  policy?: OrgPolicy;
  /** The full change log; the writer redacts what is outside the scope. */
  history?: readonly LogEntry[];
  evidence?: readonly EvidenceInput[];
  signingKey?: Signer | null;
  /** The risk register (format-risks.ts); the writer keeps what is in scope. */
  risks?: RiskRegisterData;
}

/** The parts of assembling, in order, for a progress bar. */
export const ASSEMBLE_PARTS = ['analysis', 'products', 'csv'] as const;
export type AssemblePart = (typeof ASSEMBLE_PARTS)[number];
/** `done` of `total` units of `part`: `products` counts products (plan and CycloneDX copy), the others count 0 then 1. */
export type AssembleProgress = (part: AssemblePart, done: number, total: number) => void;

/** Products between two progress reports: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_EVERY = 50;

/**
 * Everything `createBundle` needs, computed from the portfolio. Throws `ScopeError` for a scope that is not in the portfolio.
 * `onProgress` is called synchronously along the way (in a worker, each call can post a message the page sees at once).
 */
export function assembleBundleInput(portfolio: Portfolio, options: AssembleOptions, onProgress?: AssembleProgress): CreateBundleInput {
  const scope = resolveScope(portfolio, options.scope);
  const scoped = scopePortfolio(portfolio, scope);
  const analysisOptions = {
    asOf: options.asOf,
    ...(options.rulePacks ? { rulePacks: options.rulePacks } : {}),
    ...(options.policy ? { policy: options.policy } : {}),
  };
  onProgress?.('analysis', 0, 1);
  const analysis: AnalysisResult = analyzePortfolio(scoped, analysisOptions);
  onProgress?.('analysis', 1, 1);

  const lines = new Map(scoped.lines.map((l) => [l.id, l]));
  const plans: SupportPlan[] = [];
  const extras: ExtraFile[] = [];
  const productCount = scoped.products.length;
  for (const [i, product] of scoped.products.entries()) {
    if (onProgress && i % PROGRESS_EVERY === 0) onProgress('products', i, productCount);
    const line = lines.get(product.lineId);
    // A product whose line is missing is refused by the writer's reference check; nothing to plan for it.
    if (!line) continue;
    plans.push(planSupportPeriod(product, line, analysisOptions));
    const bom = exportCycloneDxJson(product, line, { timestamp: options.createdAt, toolVersion: options.appVersion });
    // compact: these are for tools, and at 100k components indentation alone adds tens of megabytes to deflate
    extras.push({ path: `${CYCLONEDX_DIR}${product.id}.cdx.json`, bytes: utf8Encode(`${bom}\n`) });
  }
  onProgress?.('products', productCount, productCount);
  onProgress?.('csv', 0, 1);
  extras.push({ path: PORTFOLIO_CSV_PATH, bytes: utf8Encode(portfolioToCsv(scoped)) });
  onProgress?.('csv', 1, 1);

  return {
    portfolio,
    scope,
    asOf: options.asOf,
    appVersion: options.appVersion,
    createdAt: options.createdAt,
    analysis: { rulePacks: analysis.rulePacks, findings: analysis.findings, summary: analysis.summary as unknown as Record<string, unknown> },
    plans,
    history: options.history ?? [],
    evidence: options.evidence ?? [],
    extras,
    signingKey: options.signingKey ?? null,
    ...(options.risks ? { risks: options.risks } : {}),
  };
}

export interface RulePackSelection {
  /** The packs of this app that re-run the analysis: those the bundle was analysed with. */
  packs: RulePack[];
  /** Packs the bundle names that this app does not have at all. */
  missing: RulePackRef[];
  /** Packs this app has in another version than the bundle's. */
  otherVersion: { id: string; recorded: string; available: string }[];
}

/**
 * The rule packs to re-run a bundle's analysis with: the bundle's pack ids, in
 * the versions this app has. Differences in version are reported, so that a
 * changed finding can be traced to a changed rule rather than changed data.
 */
export function rulePacksFor(recorded: readonly RulePackRef[], available: readonly RulePack[] = DEFAULT_RULE_PACKS): RulePackSelection {
  const selection: RulePackSelection = { packs: [], missing: [], otherVersion: [] };
  for (const ref of recorded) {
    const pack = available.find((p) => p.id === ref.id);
    if (!pack) {
      selection.missing.push(ref);
      continue;
    }
    if (pack.version !== ref.version) selection.otherVersion.push({ id: ref.id, recorded: ref.version, available: pack.version });
    selection.packs.push(pack);
  }
  return selection;
}

/** The fields of a finding whose change matters to a reader. */
export const COMPARED_FIELDS = ['severity', 'gapDays', 'message', 'provisions', 'remediation'] as const;

/** What comparing needs of a finding: fits both a recorded finding and the engine's `Finding`. */
export interface ComparableFinding {
  key?: string | undefined;
  kind: string;
  severity: string;
  productLine?: string | undefined;
  productId?: string | undefined;
  product?: string | undefined;
  componentId?: string | null | undefined;
  component?: string | null | undefined;
  gapDays?: number | null | undefined;
  message: string;
  provisions?: readonly string[] | undefined;
  remediation?: string | undefined;
}

export interface FindingChange {
  key: string;
  recorded: ComparableFinding;
  current: ComparableFinding;
  fields: (typeof COMPARED_FIELDS)[number][];
}

export interface FindingComparison {
  /** Recorded at export, not found by the re-run. */
  onlyRecorded: ComparableFinding[];
  /** Found by the re-run, not recorded at export. */
  onlyCurrent: ComparableFinding[];
  changed: FindingChange[];
  same: number;
}

/** A finding's identity: its key, or (for findings recorded without one) kind, product and component. */
export function findingIdentity(f: ComparableFinding): string {
  return f.key ?? `${f.kind}:${f.productId ?? f.product ?? '-'}:${f.componentId ?? f.component ?? '-'}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** How a re-run's findings differ from the recorded ones, matched by finding key. Order follows each list. */
export function compareFindings(recorded: readonly ComparableFinding[], current: readonly ComparableFinding[]): FindingComparison {
  const result: FindingComparison = { onlyRecorded: [], onlyCurrent: [], changed: [], same: 0 };
  const now = new Map(current.map((f) => [findingIdentity(f), f]));
  const seen = new Set<string>();
  for (const r of recorded) {
    const key = findingIdentity(r);
    seen.add(key);
    const c = now.get(key);
    if (!c) {
      result.onlyRecorded.push(r);
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => !sameValue(r[f], c[f]));
    if (fields.length === 0) result.same++;
    else result.changed.push({ key, recorded: r, current: c, fields });
  }
  for (const c of current) if (!seen.has(findingIdentity(c))) result.onlyCurrent.push(c);
  return result;
}

export function comparisonIsEmpty(c: FindingComparison): boolean {
  return c.onlyRecorded.length === 0 && c.onlyCurrent.length === 0 && c.changed.length === 0;
}

/** How many findings differ between the recorded and the re-run analysis (changed, recorded only, new). */
export function differingCount(c: FindingComparison): number {
  return c.onlyRecorded.length + c.onlyCurrent.length + c.changed.length;
}

export interface BundleRerun {
  selection: RulePackSelection;
  /** The re-run's findings. */
  findings: ComparableFinding[];
  comparison: FindingComparison;
}

/**
 * The analysis re-run on a bundle's own data, as of its own analysis day, with
 * the rule packs it names (in this app's versions; a bundle that names none, an
 * old format, was analysed with the built-in set), compared with what it
 * recorded. The one definition the auditor view and the command line share.
 */
export function rerunBundleAnalysis(bundle: { portfolio: Portfolio; analysis: { asOf: string; rulePacks: readonly RulePackRef[]; findings: readonly ComparableFinding[] } }): BundleRerun {
  const recorded = bundle.analysis.rulePacks;
  const selection = rulePacksFor(recorded);
  const result = analyzePortfolio(bundle.portfolio, { asOf: bundle.analysis.asOf, ...(recorded.length ? { rulePacks: selection.packs } : {}) });
  const findings = result.findings as ComparableFinding[];
  return { selection, findings, comparison: compareFindings(bundle.analysis.findings, findings) };
}
