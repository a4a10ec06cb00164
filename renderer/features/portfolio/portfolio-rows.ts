/**
 * The portfolio overview's model, as pure functions: one summary row per product
 * (counts, worst open finding, support end vs use end), then search, filters and
 * sort, then the flat list of line and product rows the virtualized tree shows.
 */
import { toDay, type Portfolio, type Product, type ProductLine } from '../../../shared/domain';
import { daysToMonths } from '../../../shared/charts/chart-dates';
import { FINDING_KINDS, effectiveSupportEnd, severityRank, useEnd as productUseEnd, type DecidedFinding, type FindingKind, type Severity } from '../../../shared/engine';
import type { Filters } from '../../state/ui-store';

export interface ProductRow {
  product: Product;
  line: ProductLine;
  componentCount: number;
  /** Findings still needing attention: no decision, or a decision that expired. */
  open: DecidedFinding[];
  worst: DecidedFinding | null;
  /** The effective support end (earliest of the declared end and the core IT components' ends). */
  supportEnd: string | null;
  declaredSupportEnd: string | null;
  /** The core component that sets the effective end; null when the declared end does. */
  supportEndSetBy: string | null;
  useEnd: string | null;
  /** Effective support end minus use end, in months (negative = units in use without updates); null = unknown. */
  gapMonths: number | null;
  /** Lower-cased name, SKU, line and component names, for search. */
  haystack: string;
}

export const SORT_KEYS = ['name', 'severity', 'gap', 'supportEnd'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const SORT_LABELS: Record<SortKey, string> = {
  name: 'Name',
  severity: 'Worst finding',
  gap: 'Gap (most exposed first)',
  supportEnd: 'Support end (earliest first)',
};

const KIND_ORDER = new Map<FindingKind, number>(FINDING_KINDS.map((k, i) => [k, i]));

export function isOpen(f: DecidedFinding): boolean {
  return f.status === 'open' || f.status === 'reopened';
}

/** Severity first, then the kind's place in the catalogue (most consequential kinds are listed first). */
export function compareFindings(a: DecidedFinding, b: DecidedFinding): number {
  return severityRank(a.severity) - severityRank(b.severity) || (KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) || a.key.localeCompare(b.key);
}

export function worstOpenFinding(findings: readonly DecidedFinding[] | undefined): DecidedFinding | null {
  let worst: DecidedFinding | null = null;
  for (const f of findings ?? []) if (isOpen(f) && (worst === null || compareFindings(f, worst) < 0)) worst = f;
  return worst;
}

export function gapInMonths(supportEnd: string | null, end: string | null): number | null {
  if (supportEnd === null || end === null) return null;
  return daysToMonths(toDay(supportEnd) - toDay(end));
}

/** What a row shows that does not depend on findings: computed once per product record, as-of date and line. */
interface StaticRow {
  asOf: string;
  line: ProductLine;
  supportEnd: string | null;
  supportEndSetBy: string | null;
  useEnd: string | null;
  gapMonths: number | null;
  haystack: string;
}
// Records are never changed in place (an edit stores a new object), so a record's own values can be kept with it.
const staticRows = new WeakMap<Product, StaticRow>();

function staticRow(product: Product, line: ProductLine, asOf: string): StaticRow {
  const known = staticRows.get(product);
  if (known && known.asOf === asOf && known.line === line) return known;
  // The engine's use end (not a React hook, despite the name).
  const end = productUseEnd(product, asOf);
  const effective = effectiveSupportEnd(product);
  const row: StaticRow = {
    asOf,
    line,
    // As the user typed it when the declared end governs (a month stays a month).
    supportEnd: effective.setBy === null ? product.declaredSupportEnd : effective.end,
    supportEndSetBy: effective.setBy?.component ?? null,
    useEnd: end,
    gapMonths: gapInMonths(effective.end, end),
    haystack: [product.name, product.sku, line.name, ...product.components.map((c) => c.name)].join('\n').toLocaleLowerCase(),
  };
  staticRows.set(product, row);
  return row;
}

export function buildProductRows(portfolio: Portfolio, byProduct: ReadonlyMap<string, DecidedFinding[]>, asOf: string): ProductRow[] {
  const lines = new Map(portfolio.lines.map((l) => [l.id, l]));
  const rows: ProductRow[] = [];
  for (const product of portfolio.products) {
    const line = lines.get(product.lineId);
    if (!line) continue;
    const open = (byProduct.get(product.id) ?? []).filter(isOpen);
    const known = staticRow(product, line, asOf);
    rows.push({
      product,
      line,
      componentCount: product.components.length,
      open,
      worst: worstOpenFinding(open),
      supportEnd: known.supportEnd,
      declaredSupportEnd: product.declaredSupportEnd,
      supportEndSetBy: known.supportEndSetBy,
      useEnd: known.useEnd,
      gapMonths: known.gapMonths,
      haystack: known.haystack,
    });
  }
  return rows;
}

export function hasActiveFilters(filters: Filters): boolean {
  return filters.search.trim() !== '' || filters.markets.length > 0 || filters.environments.length > 0 || filters.findingKinds.length > 0 || filters.severities.length > 0;
}

/**
 * Search matches name, SKU, line or a component name. Finding kind and severity
 * combine: a product matches when one of its open findings has a selected kind
 * and a selected severity.
 */
export function filterRows(rows: readonly ProductRow[], filters: Filters): ProductRow[] {
  const needle = filters.search.trim().toLocaleLowerCase();
  const markets = new Set(filters.markets);
  const envs = new Set(filters.environments);
  const kinds = new Set(filters.findingKinds);
  const severities = new Set(filters.severities);
  return rows.filter((r) => {
    if (needle && !r.haystack.includes(needle)) return false;
    if (markets.size && !r.product.markets.some((m) => markets.has(m))) return false;
    if (envs.size && !envs.has(r.line.environment)) return false;
    if (kinds.size || severities.size) {
      return r.open.some((f) => (!kinds.size || kinds.has(f.kind)) && (!severities.size || severities.has(f.severity)));
    }
    return true;
  });
}

const byName = (a: ProductRow, b: ProductRow) => a.product.name.localeCompare(b.product.name, undefined, { sensitivity: 'base' }) || a.product.id.localeCompare(b.product.id);
/** Unknown values sort last whatever the key: an unknown is not a small number. */
function nullsLast(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a - b;
}

export function compareRows(key: SortKey): (a: ProductRow, b: ProductRow) => number {
  switch (key) {
    case 'name':
      return byName;
    case 'severity':
      return (a, b) => {
        if (a.worst && b.worst) return compareFindings(a.worst, b.worst) || b.open.length - a.open.length || byName(a, b);
        return (a.worst ? -1 : b.worst ? 1 : 0) || byName(a, b);
      };
    case 'gap':
      return (a, b) => nullsLast(a.gapMonths, b.gapMonths) || byName(a, b);
    case 'supportEnd':
      return (a, b) => nullsLast(a.supportEnd === null ? null : toDay(a.supportEnd), b.supportEnd === null ? null : toDay(b.supportEnd)) || byName(a, b);
  }
}

export type TreeItem =
  | { type: 'line'; line: ProductLine; productCount: number; componentCount: number; shown: number; expanded: boolean }
  | { type: 'product'; row: ProductRow; posInSet: number; setSize: number };

/**
 * Lines in name order, each followed by its products in `sort` order. With a
 * search or filter active, lines with no matching product are left out.
 */
export function buildTree(
  lines: readonly ProductLine[],
  allRows: readonly ProductRow[],
  shownRows: readonly ProductRow[],
  sort: SortKey,
  collapsed: ReadonlySet<string>,
  filtering: boolean,
): TreeItem[] {
  const totals = new Map<string, { products: number; components: number }>();
  for (const r of allRows) {
    const t = totals.get(r.line.id) ?? { products: 0, components: 0 };
    t.products += 1;
    t.components += r.componentCount;
    totals.set(r.line.id, t);
  }
  const shownByLine = new Map<string, ProductRow[]>();
  for (const r of shownRows) {
    const list = shownByLine.get(r.line.id);
    if (list) list.push(r);
    else shownByLine.set(r.line.id, [r]);
  }
  const compare = compareRows(sort);
  const sortedLines = [...lines].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id));
  const items: TreeItem[] = [];
  for (const line of sortedLines) {
    const shown = shownByLine.get(line.id) ?? [];
    if (filtering && shown.length === 0) continue;
    const t = totals.get(line.id) ?? { products: 0, components: 0 };
    const expanded = !collapsed.has(line.id);
    items.push({ type: 'line', line, productCount: t.products, componentCount: t.components, shown: shown.length, expanded });
    if (!expanded) continue;
    shown.sort(compare);
    shown.forEach((row, i) => items.push({ type: 'product', row, posInSet: i + 1, setSize: shown.length }));
  }
  return items;
}

export const SEVERITY_NAMES: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };
