/**
 * Product-by-finding-kind heat map: how many findings of each kind each
 * product has. Rows sorted by total (most findings first) and windowed for
 * large portfolios; counts are printed in the cells so colour is never the
 * only carrier.
 */
import type { Product, ProductLine } from '../domain/schemas';
import { FINDING_KINDS, type ChartFinding, type FindingKind } from './engine-types';
import { windowRows, HEATMAP_PAGE_SIZE, type Window } from './windowing';

export interface HeatmapRow {
  productId: string;
  product: string;
  productLine: string;
  counts: Record<FindingKind, number>;
  total: number;
}

export interface FindingHeatmap {
  kinds: FindingKind[];
  /** All rows, sorted. */
  all: HeatmapRow[];
  window: Window<HeatmapRow>;
  /** Highest single cell count over all rows (for the colour scale). */
  max: number;
  kindTotals: Record<FindingKind, number>;
}

export interface HeatmapInput {
  products: readonly Product[];
  lines: readonly ProductLine[];
  findings: readonly ChartFinding[];
  pageIndex?: number;
  pageSize?: number;
  /** Show only kinds that occur (narrower chart); default true. */
  onlyPresentKinds?: boolean;
}

function zeroCounts(): Record<FindingKind, number> {
  return Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>;
}

/** 0 for none, then 1-4 by share of the maximum: the colour step of a cell. */
export function heatLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4))) as 1 | 2 | 3 | 4;
}

export function buildFindingHeatmap(input: HeatmapInput): FindingHeatmap {
  const pageSize = input.pageSize ?? HEATMAP_PAGE_SIZE;
  const lineName = new Map(input.lines.map((l) => [l.id, l.name]));
  const byProduct = new Map<string, HeatmapRow>();
  for (const p of input.products) {
    byProduct.set(p.id, { productId: p.id, product: p.name, productLine: lineName.get(p.lineId) ?? '', counts: zeroCounts(), total: 0 });
  }
  const kindTotals = zeroCounts();
  let max = 0;
  for (const f of input.findings) {
    const row = byProduct.get(f.productId);
    if (!row) continue;
    row.counts[f.kind]++;
    row.total++;
    kindTotals[f.kind]++;
    if (row.counts[f.kind] > max) max = row.counts[f.kind];
  }
  const all = [...byProduct.values()].sort((a, b) => b.total - a.total || a.product.localeCompare(b.product) || a.productId.localeCompare(b.productId));
  const onlyPresent = input.onlyPresentKinds ?? true;
  const kinds = FINDING_KINDS.filter((k) => !onlyPresent || kindTotals[k] > 0);
  return { kinds, all, window: windowRows(all, (input.pageIndex ?? 0) * pageSize, pageSize), max, kindTotals };
}
