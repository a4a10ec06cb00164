/**
 * The portfolio overview: every product line with its products, counts, the
 * worst open finding per product and declared support end vs use end; search,
 * filters (kept in the UI store) and sort; create, duplicate, move and delete
 * products with undo; the portfolio charts on demand; product line management.
 */
import { formatCount, formatNumber } from '../../../shared/format/format';
import { useMemo, useState } from 'react';
import { ENVIRONMENTS, KNOWN_MARKETS, type Portfolio, type Product } from '../../../shared/domain';
import { FINDING_KINDS, KIND_INFO, SEVERITIES, type DecidedFinding } from '../../../shared/engine';
import { useAnalysis } from '../../analysis/analysis-context';
import { useDb } from '../../db/db-context';
import { deleteProduct } from '../../db/repositories/products';
import { duplicateProduct } from '../../db/repositories/product-ops';
import { useUiStore, type Filters } from '../../state/ui-store';
import { PortfolioCharts } from '../charts';
import { EmptyWorkspace, SampleNotice } from '../workspace/workspace-notices';
import { ConfirmDialog } from './dialog';
import { LineItem } from './line-item';
import { ENVIRONMENT_LABELS } from './line-labels';
import { NewLineForm } from './new-line-form';
import { buildProductRows, buildTree, filterRows, hasActiveFilters, SEVERITY_NAMES, SORT_KEYS, SORT_LABELS, type ProductRow, type SortKey } from './portfolio-rows';
import { itemKey, PortfolioTree } from './portfolio-tree';
import { MoveProductDialog, NewProductDialog } from './product-dialogs';
import { UndoNotice, type DoneAction } from './undo-notice';
import './portfolio.css';

type DialogState = null | { kind: 'new'; lineId: string | null } | { kind: 'move'; product: Product } | { kind: 'delete'; product: Product };

let actionCounter = 0;

/**
 * The rows of the last analysis, kept across visits: coming back to the
 * portfolio from another screen should not rebuild 2,000 rows when nothing changed.
 */
let rowCache: { portfolio: Portfolio; byProduct: ReadonlyMap<string, DecidedFinding[]>; asOf: string; rows: ProductRow[] } | null = null;
function cachedRows(portfolio: Portfolio, byProduct: ReadonlyMap<string, DecidedFinding[]>, asOf: string): ProductRow[] {
  if (rowCache?.portfolio !== portfolio || rowCache.byProduct !== byProduct || rowCache.asOf !== asOf) {
    rowCache = { portfolio, byProduct, asOf, rows: buildProductRows(portfolio, byProduct, asOf) };
  }
  return rowCache.rows;
}

function FilterSelect({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: { value: string; label: string }[]; onChange(v: string): void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

export function PortfolioScreen() {
  const db = useDb();
  const analysis = useAnalysis();
  const portfolio = analysis.portfolio;
  const asOf = analysis.options.asOf;
  const filters = useUiStore((s) => s.filters);
  const setFilters = useUiStore((s) => s.setFilters);
  const resetFilters = useUiStore((s) => s.resetFilters);
  const navigate = useUiStore((s) => s.navigate);
  const selectProduct = useUiStore((s) => s.selectProduct);
  const selectLine = useUiStore((s) => s.selectLine);
  const selectedProductId = useUiStore((s) => s.selectedProductId);
  const [sort, setSort] = useState<SortKey>('name');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [activeKey, setActiveKey] = useState<string | null>(() => (selectedProductId ? `product:${selectedProductId}` : null));
  const [dialog, setDialog] = useState<DialogState>(null);
  const [done, setDone] = useState<DoneAction | null>(null);
  const [chartsOpen, setChartsOpen] = useState(false);

  const rows = useMemo(() => (portfolio ? cachedRows(portfolio, analysis.byProduct, asOf) : []), [portfolio, analysis.byProduct, asOf]);
  const shown = useMemo(() => filterRows(rows, filters), [rows, filters]);
  const filtering = hasActiveFilters(filters);
  const items = useMemo(() => buildTree(portfolio?.lines ?? [], rows, shown, sort, collapsed, filtering), [portfolio, rows, shown, sort, collapsed, filtering]);
  const productCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of portfolio?.products ?? []) m.set(p.lineId, (m.get(p.lineId) ?? 0) + 1);
    return m;
  }, [portfolio]);
  const markets = useMemo(() => {
    const all = new Set<string>(KNOWN_MARKETS);
    for (const p of portfolio?.products ?? []) for (const m of p.markets) all.add(m);
    return [...all].sort();
  }, [portfolio]);

  const activeItem = items.find((i) => itemKey(i) === activeKey) ?? items[0] ?? null;
  const activeProduct = activeItem?.type === 'product' ? activeItem.row.product : null;
  const activeLineId = activeItem ? (activeItem.type === 'line' ? activeItem.line.id : activeItem.row.line.id) : null;

  const report = (message: string) => setDone({ id: ++actionCounter, message });
  const activate = (key: string) => {
    setActiveKey(key);
    if (key.startsWith('product:')) selectProduct(key.slice('product:'.length));
    else selectLine(key.slice('line:'.length));
  };
  const openProduct = (productId: string) => navigate({ area: 'product', productId });
  const toggleLine = (lineId: string, expanded: boolean) => {
    const next = new Set(collapsed);
    if (expanded) next.delete(lineId);
    else next.add(lineId);
    setCollapsed(next);
  };
  const setOne = (key: keyof Omit<Filters, 'search'>) => (value: string) => setFilters({ [key]: value ? [value] : [] });

  const duplicate = async (product: Product) => {
    try {
      const copy = await duplicateProduct(db, product.id);
      activate(`product:${copy.id}`);
      report(`Duplicated “${product.name}” as “${copy.name}” (placed-on-market dates and SKU left empty for the new model).`);
    } catch {
      // Storage errors are shown as a notice by the repository; a vanished product needs no extra message.
    }
  };
  const remove = async (product: Product) => {
    setDialog(null);
    try {
      await deleteProduct(db, product.id);
      setActiveKey(`line:${product.lineId}`);
      selectProduct(null);
      report(`Deleted the product “${product.name}”.`);
    } catch {
      // Shown as a notice by the repository.
    }
  };

  const lines = [...(portfolio?.lines ?? [])].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  const componentTotal = rows.reduce((n, r) => n + r.componentCount, 0);
  const shownComponents = filtering ? shown.reduce((n, r) => n + r.componentCount, 0) : componentTotal;

  return (
    <div className="screen portfolio-screen">
      <h1>Portfolio</h1>
      <SampleNotice onCleared={report} />
      <UndoNotice action={done} onDismiss={() => setDone(null)} />

      <div className="portfolio-layout">
        <section className="portfolio-products" aria-labelledby="products-title">
          <div className="section-head">
            <h2 id="products-title">Products</h2>
            <button type="button" className="primary" disabled={lines.length === 0} onClick={() => setDialog({ kind: 'new', lineId: activeLineId })}>
              New product
            </button>
          </div>
          {!portfolio ? (
            <p role="status">Loading the portfolio…</p>
          ) : lines.length === 0 ? (
            <EmptyWorkspace />
          ) : (
            <>
              <div className="portfolio-toolbar" role="search" aria-label="Search and filter products">
                <div className="field search-field">
                  <label htmlFor="portfolio-search">Search</label>
                  <input id="portfolio-search" type="search" value={filters.search} placeholder="Name, SKU, line or component"
                    onChange={(e) => setFilters({ search: e.target.value })} />
                </div>
                <FilterSelect id="filter-market" label="Market" value={filters.markets[0] ?? ''} options={markets.map((m) => ({ value: m, label: m }))} onChange={setOne('markets')} />
                <FilterSelect id="filter-environment" label="Environment" value={filters.environments[0] ?? ''} options={ENVIRONMENTS.map((e) => ({ value: e, label: ENVIRONMENT_LABELS[e] }))} onChange={setOne('environments')} />
                <FilterSelect id="filter-kind" label="Finding kind" value={filters.findingKinds[0] ?? ''} options={FINDING_KINDS.map((k) => ({ value: k, label: KIND_INFO[k].title }))} onChange={setOne('findingKinds')} />
                <FilterSelect id="filter-severity" label="Severity" value={filters.severities[0] ?? ''} options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_NAMES[s] }))} onChange={setOne('severities')} />
                <div className="field">
                  <label htmlFor="portfolio-sort">Sort products by</label>
                  <select id="portfolio-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                    {SORT_KEYS.map((k) => <option key={k} value={k}>{SORT_LABELS[k]}</option>)}
                  </select>
                </div>
                {filtering && <button type="button" onClick={resetFilters}>Clear filters</button>}
              </div>
              <p className="portfolio-summary" role="status" data-testid="portfolio-summary">
                {filtering
                  ? `${formatNumber(shown.length)} of ${formatCount(rows.length, 'product')} match (${formatCount(shownComponents, 'component')}).`
                  : `${formatCount(lines.length, 'product line')}, ${formatCount(rows.length, 'product')}, ${formatCount(componentTotal, 'component')}.`}
                {analysis.pending ? ' Updating findings…' : ''}
              </p>
              <div className="selection-actions" role="toolbar" aria-label="Selected product actions">
                {activeProduct ? (
                  <>
                    <span className="selection-label">Selected: <strong>{activeProduct.name}</strong></span>
                    <button type="button" onClick={() => openProduct(activeProduct.id)}>Open</button>
                    <button type="button" onClick={() => void duplicate(activeProduct)}>Duplicate</button>
                    <button type="button" onClick={() => setDialog({ kind: 'move', product: activeProduct })}>Move to line…</button>
                    <button type="button" className="danger" onClick={() => setDialog({ kind: 'delete', product: activeProduct })}>Delete…</button>
                  </>
                ) : (
                  <span className="selection-label">Select a product (arrow keys or click) to open, duplicate, move or delete it; Enter opens it.</span>
                )}
              </div>
              {items.length === 0 ? (
                <p className="empty-state">No product matches the search and filters. <button type="button" onClick={resetFilters}>Clear filters</button></p>
              ) : (
                <PortfolioTree items={items} activeKey={activeItem ? itemKey(activeItem) : null} onActivate={activate} onOpenProduct={openProduct} onToggleLine={toggleLine} />
              )}
            </>
          )}
          {portfolio && portfolio.products.length > 0 && (
            <details className="portfolio-charts" open={chartsOpen} onToggle={(e) => setChartsOpen(e.currentTarget.open)}>
              <summary>Charts: support end vs use end, findings by kind</summary>
              {chartsOpen && <PortfolioCharts portfolio={portfolio} options={analysis.options} analysis={analysis.result ?? undefined} onSelectProduct={openProduct} />}
            </details>
          )}
        </section>

        <aside className="portfolio-lines" aria-labelledby="lines-title">
          <NewLineForm />
          <section aria-labelledby="lines-title">
            <h2 id="lines-title">Product lines</h2>
            {!portfolio ? null : lines.length === 0 ? (
              <p className="tree-muted">None yet.</p>
            ) : (
              <ul className="line-list" aria-label="Product lines">
                {lines.map((line) => (
                  <LineItem key={line.id} line={line} productCount={productCounts.get(line.id) ?? 0} onDeleted={report} />
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>

      {dialog?.kind === 'new' && (
        <NewProductDialog lines={lines} lineId={dialog.lineId} onCancel={() => setDialog(null)}
          onCreated={(p) => { setDialog(null); openProduct(p.id); }} />
      )}
      {dialog?.kind === 'move' && (
        <MoveProductDialog product={dialog.product} lines={lines} onCancel={() => setDialog(null)}
          onMoved={(target) => { const name = dialog.product.name; setDialog(null); report(`Moved “${name}” to “${target.name}”.`); }} />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete product"
          message={<p>Delete “{dialog.product.name}” with its {dialog.product.components.length} components and the decisions taken on its findings? You can undo this right after.</p>}
          confirmLabel="Delete product"
          onConfirm={() => remove(dialog.product)}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}
