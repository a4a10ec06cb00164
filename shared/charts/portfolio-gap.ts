/**
 * Portfolio gap chart: per product, effective support end (the earliest of
 * the declared end and the core IT components' ends) minus use end.
 * Negative = units in use without security updates (exposed). Products whose
 * dates are missing are listed as unknown with what is missing, never as zero.
 */
import type { Product, ProductLine } from '../domain/schemas';
import { chartDate, daysToMonths, DAYS_PER_YEAR, type ChartDate } from './chart-dates';
import type { ChartFinding, Severity } from './engine-types';
import { SEVERITIES } from './engine-types';
import { GAP_MAX_BARS, GAP_TOP_N } from './windowing';
import { effectiveSupportEnd } from '../engine/support-end';

export type WorstSeverity = Severity | 'none';
export type GapUnit = 'days' | 'months';

export interface GapEntry {
  productId: string;
  product: string;
  productLine: string;
  /** The effective support end. */
  supportEnd: ChartDate;
  declaredSupportEnd: ChartDate;
  /** The core component that sets the effective end, when it is not the declared end. */
  setBy: string | null;
  useEnd: ChartDate;
  gapDays: number;
  gapMonths: number;
  /** In the unit asked for. */
  value: number;
  exposed: boolean;
  severity: WorstSeverity;
}

export interface UnknownGap {
  productId: string;
  product: string;
  productLine: string;
  missing: string[];
  severity: WorstSeverity;
}

export interface GapBucket {
  key: string;
  label: string;
  /** Inclusive lower and exclusive upper bound in years; null = open. */
  fromYears: number | null;
  toYears: number | null;
  count: number;
  exposed: boolean;
}

export interface GapChart {
  unit: GapUnit;
  mode: 'all' | 'aggregated';
  /** Every known gap, sorted most exposed first. */
  entries: GapEntry[];
  /** What is drawn as bars: all entries, or the most exposed ones when aggregated. */
  bars: GapEntry[];
  unknown: UnknownGap[];
  /** All known gaps in one-year buckets; present when aggregated. */
  histogram: GapBucket[] | null;
  exposedCount: number;
}

export interface GapInput {
  products: readonly Product[];
  lines: readonly ProductLine[];
  findings: readonly ChartFinding[];
  /** The engine's use end for a product (null when data is missing). */
  useEndOf: (product: Product) => string | null;
  unit?: GapUnit;
  maxBars?: number;
  topN?: number;
}

export function worstSeverityByProduct(findings: readonly ChartFinding[]): Map<string, Severity> {
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    const cur = worst.get(f.productId);
    if (cur === undefined || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(cur)) worst.set(f.productId, f.severity);
  }
  return worst;
}

const HIST_LIMIT_YEARS = 10;

export function gapHistogram(entries: readonly GapEntry[]): GapBucket[] {
  const L = HIST_LIMIT_YEARS;
  const buckets: GapBucket[] = [
    { key: 'below', label: `< -${L} y`, fromYears: null, toYears: -L, count: 0, exposed: true },
  ];
  for (let y = -L; y < L; y++) {
    buckets.push({ key: `y${y}`, label: `${y} to ${y + 1} y`, fromYears: y, toYears: y + 1, count: 0, exposed: y < 0 });
  }
  buckets.push({ key: 'above', label: `≥ ${L} y`, fromYears: L, toYears: null, count: 0, exposed: false });
  for (const e of entries) {
    const years = e.gapDays / DAYS_PER_YEAR;
    const i = years < -L ? 0 : years >= L ? buckets.length - 1 : Math.floor(years) + L + 1;
    (buckets[i] as GapBucket).count++;
  }
  return buckets;
}

export function buildGapChart(input: GapInput): GapChart {
  const unit = input.unit ?? 'months';
  const maxBars = input.maxBars ?? GAP_MAX_BARS;
  const topN = input.topN ?? GAP_TOP_N;
  const lineName = new Map(input.lines.map((l) => [l.id, l.name]));
  const worst = worstSeverityByProduct(input.findings);
  const entries: GapEntry[] = [];
  const unknown: UnknownGap[] = [];
  for (const p of input.products) {
    const eff = effectiveSupportEnd(p);
    const supportEnd = chartDate(eff.end);
    const useEnd = chartDate(input.useEndOf(p));
    const severity: WorstSeverity = worst.get(p.id) ?? 'none';
    const productLine = lineName.get(p.lineId) ?? '';
    if (supportEnd.day === null || useEnd.day === null) {
      const missing: string[] = [];
      if (supportEnd.day === null) missing.push('declared support end');
      if (useEnd.day === null) missing.push('use end (first/last placed on market or expected use)');
      unknown.push({ productId: p.id, product: p.name, productLine, missing, severity });
      continue;
    }
    const gapDays = supportEnd.day - useEnd.day;
    const gapMonths = daysToMonths(gapDays);
    entries.push({
      productId: p.id, product: p.name, productLine, supportEnd, declaredSupportEnd: chartDate(p.declaredSupportEnd), setBy: eff.setBy?.component ?? null, useEnd,
      gapDays, gapMonths, value: unit === 'days' ? gapDays : gapMonths, exposed: gapDays < 0, severity,
    });
  }
  entries.sort((a, b) => a.gapDays - b.gapDays || a.product.localeCompare(b.product) || a.productId.localeCompare(b.productId));
  unknown.sort((a, b) => a.product.localeCompare(b.product) || a.productId.localeCompare(b.productId));
  const aggregated = entries.length > maxBars;
  return {
    unit,
    mode: aggregated ? 'aggregated' : 'all',
    entries,
    bars: aggregated ? entries.slice(0, topN) : entries,
    unknown,
    histogram: aggregated ? gapHistogram(entries) : null,
    exposedCount: entries.filter((e) => e.exposed).length,
  };
}
