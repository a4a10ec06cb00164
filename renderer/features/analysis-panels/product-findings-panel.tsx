/**
 * The product page's findings: a compact panel beside the tabs or below them
 * (the user's choice, remembered), collapsible to a count so it never pushes the
 * work off screen. Filters as on the Findings screen.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { analyzeProduct, applyDecisions } from '../../../shared/engine';
import { useAnalysis } from '../../analysis/analysis-context';
import { useDb } from '../../db/db-context';
import { getProduct } from '../../db/repositories/products';
import { formatNumber } from '../../../shared/format/format';
import { useUiStore } from '../../state/ui-store';
import { AnalysisStatus } from '../findings/analysis-status';
import { CompactFindingList } from '../findings/compact-finding-list';
import { FindingFilterBar } from '../findings/finding-filter-bar';
import { FindingsExportBar } from '../findings/findings-export-bar';
import { filterFindings } from '../findings/finding-filters';
import { useFindingFilter } from '../findings/findings-filter-store';
import '../findings/findings.css';

const NONE: never[] = [];

export function ProductFindingsPanel({ productId }: { productId: string }) {
  const { byProduct, status: portfolioStatus, options, result, portfolio } = useAnalysis();
  const db = useDb();
  // The product's own record, read by a live query of its own: an edit shows here as soon as it
  // is written, without waiting for the portfolio to be read again.
  const ownRecord = useLiveQuery(() => getProduct(db, productId), [db, productId]);
  const product = ownRecord ?? portfolio?.products.find((p) => p.id === productId);
  const line = product ? portfolio?.lines.find((l) => l.id === product.lineId) : undefined;
  const productName = product?.name ?? productId;
  // The product being edited is analysed here at once, from the live record, so an edit shows in
  // its findings without waiting for the whole portfolio's analysis (which catches up in its worker).
  const live = useMemo(() => {
    if (!product || !line || !portfolio) return null;
    try {
      return applyDecisions(analyzeProduct(product, line, options), portfolio.decisions, options.asOf);
    } catch {
      return null;
    }
  }, [product, line, portfolio, options]);
  const status = live ? 'ready' : portfolioStatus;
  const open = useUiStore((s) => s.panels.findings);
  const togglePanel = useUiStore((s) => s.togglePanel);
  const dock = useUiStore((s) => s.findingsDock);
  const setDock = useUiStore((s) => s.setFindingsDock);
  const findings = live ?? byProduct.get(productId) ?? NONE;
  const [filter, setFilter] = useFindingFilter(`product:${productId}`);
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const scope = useMemo(() => result?.products.filter((p) => p.productId === productId) ?? NONE, [result, productId]);
  const high = useMemo(() => findings.filter((f) => f.severity === 'high' && (f.status === 'open' || f.status === 'reopened')).length, [findings]);
  const count = status === 'ready' ? `${formatNumber(findings.length)}${high ? `, ${formatNumber(high)} high open` : ''}` : '…';

  return (
    <aside className={`findings-dock findings-dock-${dock}${open ? '' : ' findings-dock-collapsed'}`} aria-labelledby="product-findings-title">
      <div className="findings-dock-head">
        <h2 id="product-findings-title">
          Findings <span className="count">({count})</span>
        </h2>
        <div className="button-row">
          {open && (
            <button type="button" onClick={() => setDock(dock === 'side' ? 'bottom' : 'side')}>
              {dock === 'side' ? 'Dock below' : 'Dock at the side'}
            </button>
          )}
          <button type="button" aria-expanded={open} aria-controls="product-findings-body" onClick={() => togglePanel('findings')}>
            {open ? 'Collapse' : 'Show'}
            <span className="visually-hidden"> findings</span>
          </button>
        </div>
      </div>
      <div id="product-findings-body" hidden={!open}>
        <AnalysisStatus />
        {open && status === 'ready' && (
          <>
            <FindingFilterBar filter={filter} onChange={setFilter} shown={shown.length} total={findings.length} notApplied={scope} showProduct={false} />
            {findings.length > 0 && (
              <FindingsExportBar findings={shown} total={findings.length} filter={filter} asOf={options.asOf} scope={`Product: ${productName}`}
                {...(options.rulePacks ? { rulePacks: options.rulePacks } : {})} />
            )}
            {findings.length === 0 ? (
              <p>No findings for this product as of {options.asOf}.</p>
            ) : shown.length === 0 ? (
              <p>No finding matches the filters.</p>
            ) : (
              <CompactFindingList findings={shown} label="Findings of this product" />
            )}
          </>
        )}
      </div>
    </aside>
  );
}
