/**
 * One analysis run: the same pure function on the main thread and in the worker,
 * so both paths give identical findings.
 */
import { analyzePortfolio, applyDecisions, type AnalysisOptions, type AnalysisResult, type DecidedFinding } from '../../shared/engine';
import type { Portfolio } from '../../shared/domain';

export interface AnalysisInput {
  portfolio: Portfolio;
  options: AnalysisOptions;
}

export interface AnalysisOutput {
  result: AnalysisResult;
  findings: DecidedFinding[];
}

export function runAnalysis({ portfolio, options }: AnalysisInput): AnalysisOutput {
  const result = analyzePortfolio(portfolio, options);
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

/** Messages between the page and the analysis worker. */
export interface WorkerRequest { seq: number; input: AnalysisInput }
export type WorkerResponse = { seq: number; ok: true; output: AnalysisOutput } | { seq: number; ok: false; error: string };
