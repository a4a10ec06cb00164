/**
 * One analysis run: the same pure function on the main thread and in the worker,
 * so both paths give identical findings.
 */
import { analyzePortfolio, applyDecisions, type AnalysisCache, type AnalysisOptions, type AnalysisResult, type DecidedFinding, type Finding } from '../../shared/engine';
import type { Decision, Portfolio, Product, ProductLine } from '../../shared/domain';

export interface AnalysisInput {
  portfolio: Portfolio;
  options: AnalysisOptions;
}

export interface AnalysisOutput {
  result: AnalysisResult;
  findings: DecidedFinding[];
}

/** With a `cache` (the worker keeps one), only the products that changed since the last run are analysed again. */
export function runAnalysis({ portfolio, options }: AnalysisInput, cache?: AnalysisCache): AnalysisOutput {
  const result = analyzePortfolio(portfolio, options, cache);
  const findings = applyDecisions(result.findings, portfolio.decisions, options.asOf);
  return { result, findings };
}

export function groupByProduct(findings: readonly DecidedFinding[]): Map<string, DecidedFinding[]> {
  const byProduct = new Map<string, DecidedFinding[]>();
  for (const f of findings) {
    const list = byProduct.get(f.productId);
    if (list) list.push(f);
    else byProduct.set(f.productId, [f]);
  }
  return byProduct;
}

export function countComponents(portfolio: Portfolio): number {
  let n = 0;
  for (const p of portfolio.products) n += p.components.length;
  return n;
}

/**
 * An output as the worker sends it: the findings once, with their decisions. The
 * engine's own findings are the same objects without `decision` and `status`, so
 * they are not sent a second time (half the bytes to clone).
 */
export interface CompactOutput {
  result: Omit<AnalysisResult, 'findings'>;
  findings: DecidedFinding[];
}

export function compactOutput({ result, findings }: AnalysisOutput): CompactOutput {
  const { asOf, rulePacks, products, summary } = result;
  return { result: { asOf, rulePacks, products, summary }, findings };
}

export function expandOutput({ result, findings }: CompactOutput): AnalysisOutput {
  const engineFindings = findings.map((decided): Finding => {
    const { decision: _decision, status: _status, ...finding } = decided;
    return finding;
  });
  return { result: { asOf: result.asOf, rulePacks: result.rulePacks, findings: engineFindings, products: result.products, summary: result.summary }, findings };
}

/**
 * Messages between the page and the analysis worker. The worker keeps the last
 * portfolio it analysed; each run sends only what changed since the one before.
 * `load` asks it to read the portfolio from the database itself (at start-up, so
 * the page neither clones the portfolio nor waits for the worker to start), and
 * `warm` to analyse it before the first run.
 */
export interface WorkerLoadRequest { type: 'load'; dbName: string }
/** The options the first run will most likely ask for: the worker analyses what it read with them before it. */
export interface WorkerWarmRequest { type: 'warm'; options: AnalysisOptions }
export interface WorkerRunRequest {
  type: 'run';
  seq: number;
  options: AnalysisOptions;
  /** Replacements for the worker's lines and decisions; absent = unchanged. */
  lines?: ProductLine[];
  decisions?: Decision[];
  /** `reset`: `put` is the whole set of products; otherwise products to add or replace, and ids to drop. */
  products: { reset: boolean; put: Product[]; remove: string[] };
}
export type WorkerRequest = WorkerLoadRequest | WorkerWarmRequest | WorkerRunRequest;
export type WorkerResponse =
  | { seq: number; ok: true; output: CompactOutput }
  | { seq: number; ok: false; error: string }
  /** The worker has no portfolio to apply changes to (its own read failed): send the whole one. */
  | { seq: number; ok: false; resend: true };
