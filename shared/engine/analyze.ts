/**
 * The analysis: portfolio + as-of date + rule packs (+ policy) in, findings out.
 * Pure and deterministic: no clock, no randomness, a total order on findings.
 *
 * Ordering is severity, product line, product, kind, component. Products are
 * sorted once and each product's few findings are sorted locally, then dealt
 * into one bucket per severity, so a large portfolio costs no global sort.
 */
import type { Portfolio, Product, ProductLine } from '../domain';
import { createContext } from './context';
import type { AnalysisOptions, Context } from './context';
import { FINDING_KINDS, SEVERITIES, severityRank } from './finding-kinds';
import type { Finding, FindingKind, Severity } from './finding-kinds';
import { productFacts } from './product-facts';
import type { ProductFacts } from './product-facts';
import type { RuleNotApplied } from './scope';
import { toIso } from './support-end';
import type { EffectiveSupportEnd } from './support-end';
import { componentRules, componentSetup } from './rules/component-rules';
import { Emitter } from './rules/emitter';
import { productRules } from './rules/product-rules';

/** Per product: the effective support end and the rules that did not apply, with the provision that excludes them. */
export interface ProductAnalysis {
  productId: string;
  product: string;
  productLine: string;
  effectiveSupportEnd: EffectiveSupportEnd;
  notApplied: RuleNotApplied[];
}

export interface AnalysisResult {
  asOf: string;
  rulePacks: { id: string; version: string }[];
  findings: Finding[];
  /** One entry per product, in the order of `findings`' products. */
  products: ProductAnalysis[];
  summary: {
    productLines: number;
    products: number;
    components: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    byKind: Partial<Record<FindingKind, number>>;
  };
}

const KIND_ORDER = new Map<FindingKind, number>(FINDING_KINDS.map((k, i) => [k, i]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareWithinProduct(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! ||
    cmp(a.component ?? '', b.component ?? '') ||
    cmp(a.key, b.key)
  );
}

function analyzeFacts(ctx: Context, facts: ProductFacts): Finding[] {
  const e = new Emitter(ctx, facts);
  productRules(e);
  const setup = componentSetup(e);
  for (const c of facts.product.components) componentRules(e, setup, c);
  return e.out.length > 1 ? e.out.sort(compareWithinProduct) : e.out;
}

function summaryOf(ctx: Context, f: ProductFacts): ProductAnalysis {
  return {
    productId: f.product.id,
    product: f.product.name,
    productLine: f.line.name,
    effectiveSupportEnd: toIso(
      { end: f.effective, declared: f.declared, setBy: f.effectiveBy, setByEnd: f.effectiveBy === null ? null : f.effective, via: f.effectiveVia, uncounted: f.effectiveUncounted },
      ctx.iso,
    ),
    notApplied: f.scope.notApplied,
  };
}

/** Findings of one product, sorted by severity, kind, component. */
export function analyzeProduct(product: Product, line: ProductLine, options: AnalysisOptions): Finding[] {
  const ctx = createContext(options);
  return analyzeFacts(ctx, productFacts(ctx, product, line));
}

/** The product's effective support end and the rules that did not apply to it (what the finding filters and planner show). */
export function productAnalysis(product: Product, line: ProductLine, options: AnalysisOptions): ProductAnalysis {
  const ctx = createContext(options);
  return summaryOf(ctx, productFacts(ctx, product, line));
}

/** A product whose line is not in the portfolio is analysed under a placeholder line named after its id. */
function lineFor(lines: Map<string, ProductLine>, product: Product): ProductLine {
  return lines.get(product.lineId) ?? { id: product.lineId, name: product.lineId, environment: 'consumer', notes: '' };
}

/**
 * What an analysis keeps between runs of the same options: each product's findings and
 * summary, reused while the product and its line are the same objects as last time
 * (records are never changed in place: an edit brings a new object).
 */
export interface AnalysisCache {
  optionsKey: string | null;
  ctx: Context | null;
  products: Map<string, { product: Product; line: ProductLine; summary: ProductAnalysis; findings: Finding[] }>;
}

export function createAnalysisCache(): AnalysisCache {
  return { optionsKey: null, ctx: null, products: new Map() };
}

function contextFor(options: AnalysisOptions, cache: AnalysisCache | undefined): Context {
  if (!cache) return createContext(options);
  const key = JSON.stringify(options);
  if (cache.optionsKey !== key || !cache.ctx) {
    cache.ctx = createContext(options);
    cache.optionsKey = key;
    cache.products.clear();
  }
  return cache.ctx;
}

/** With a `cache`, products unchanged since the last call are not analysed again; the result is the same as without. */
export function analyzePortfolio(portfolio: Portfolio, options: AnalysisOptions, cache?: AnalysisCache): AnalysisResult {
  const ctx = contextFor(options, cache);
  const lines = new Map<string, ProductLine>();
  for (const l of portfolio.lines) if (!lines.has(l.id)) lines.set(l.id, l);

  const order = portfolio.products.map((p) => ({ p, line: lineFor(lines, p) }));
  order.sort((a, b) =>
    cmp(a.line.name, b.line.name) || cmp(a.line.id, b.line.id) || cmp(a.p.name, b.p.name) || cmp(a.p.id, b.p.id));

  const buckets: Finding[][] = SEVERITIES.map(() => []);
  const byKind: Partial<Record<FindingKind, number>> = {};
  let components = 0;
  const products: ProductAnalysis[] = [];
  const seen = cache ? new Map<string, NonNullable<ReturnType<AnalysisCache['products']['get']>>>() : null;
  for (const { p, line } of order) {
    components += p.components.length;
    let summary: ProductAnalysis;
    let found: Finding[];
    const cached = cache?.products.get(p.id);
    if (cached && cached.product === p && cached.line === line) {
      summary = cached.summary;
      found = cached.findings;
    } else {
      const facts = productFacts(ctx, p, line);
      summary = summaryOf(ctx, facts);
      found = analyzeFacts(ctx, facts);
    }
    seen?.set(p.id, { product: p, line, summary, findings: found });
    products.push(summary);
    for (const finding of found) {
      buckets[severityRank(finding.severity)]!.push(finding);
      byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
    }
  }
  if (cache && seen) cache.products = seen;
  const findings = buckets.flat();
  return {
    asOf: ctx.asOf,
    rulePacks: ctx.packs,
    findings,
    products,
    summary: {
      productLines: portfolio.lines.length,
      products: portfolio.products.length,
      components,
      findings: findings.length,
      bySeverity: { high: buckets[0]!.length, medium: buckets[1]!.length, low: buckets[2]!.length },
      byKind,
    },
  };
}

/** Last placed on market (or the as-of date while still on sale) + expected use years; null when expected use is unknown. */
export function useEnd(product: Product, asOf: string): string | null {
  const ctx = createContext({ asOf, rulePacks: [] });
  const f = productFacts(ctx, product, { id: product.lineId, name: product.lineId, environment: 'consumer', notes: '' });
  return f.useEnd === null ? null : ctx.iso(f.useEnd);
}

/**
 * The last placing on the market the rules count from (product-facts.ts): the declared date, or the
 * as-of date while still on sale, never before the first placing. Wear-out findings count from it.
 */
export function lastPlacedCounted(product: Product, asOf: string): string {
  const ctx = createContext({ asOf, rulePacks: [] });
  const f = productFacts(ctx, product, { id: product.lineId, name: product.lineId, environment: 'consumer', notes: '' });
  return ctx.iso(f.lastEff);
}
