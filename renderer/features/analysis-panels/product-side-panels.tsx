/**
 * The panels beside a product's editor: its live findings and the support-period
 * planner. The product page renders this one component and knows nothing else of them.
 */
import { useMemo } from 'react';
import { useAnalysis } from '../../analysis/analysis-context';
import { useUiStore } from '../../state/ui-store';
import { AnalysisStatus } from '../findings/analysis-status';
import { FindingFilterBar } from '../findings/finding-filter-bar';
import { filterFindings } from '../findings/finding-filters';
import { FindingList } from '../findings/finding-list';
import { FindingsExportBar } from '../findings/findings-export-bar';
import { useFindingFilter } from '../findings/findings-filter-store';
import { PlannerPanel } from './planner-panel';
import '../findings/findings.css';

const NO_FINDINGS: never[] = [];

export function ProductSidePanels({ productId }: { productId: string }) {
  const { byProduct, status, portfolio, options, result } = useAnalysis();
  const panels = useUiStore((s) => s.panels);
  const togglePanel = useUiStore((s) => s.togglePanel);
  const findings = byProduct.get(productId) ?? NO_FINDINGS;
  const [filter, setFilter] = useFindingFilter(`product:${productId}`);
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const product = portfolio?.products.find((p) => p.id === productId);
  const line = product ? portfolio?.lines.find((l) => l.id === product.lineId) : undefined;
  const decisions = portfolio?.decisions ?? NO_FINDINGS;
  const scope = useMemo(() => result?.products.filter((p) => p.productId === productId) ?? NO_FINDINGS, [result, productId]);

  return (
    <aside className="side-panels" aria-label="Findings and planner">
      <section aria-labelledby="product-findings-title">
        <div className="button-row">
          <h2 id="product-findings-title">Findings</h2>
          <button type="button" aria-expanded={panels.findings} onClick={() => togglePanel('findings')}>
            {panels.findings ? 'Hide' : 'Show'}<span className="visually-hidden"> findings</span>
          </button>
        </div>
        <AnalysisStatus />
        {panels.findings && status === 'ready' && (
          <>
            <FindingFilterBar filter={filter} onChange={setFilter} shown={shown.length} total={findings.length} notApplied={scope} showProduct={false} />
            {findings.length > 0 && (
              <FindingsExportBar findings={shown} total={findings.length} filter={filter} asOf={options.asOf} scope={`Product: ${product?.name ?? productId}`}
                {...(options.rulePacks ? { rulePacks: options.rulePacks } : {})} />
            )}
            {findings.length === 0 ? (
              <p>No findings for this product as of {options.asOf}.</p>
            ) : shown.length === 0 ? (
              <p>No finding matches the filters.</p>
            ) : (
              <FindingList findings={shown} showProduct={false} label="Findings of this product" />
            )}
          </>
        )}
      </section>
      {product && line && (
        <div>
          <div className="button-row">
            <button type="button" aria-expanded={panels.planner} onClick={() => togglePanel('planner')}>
              {panels.planner ? 'Hide the support-period planner' : 'Show the support-period planner'}
            </button>
          </div>
          {panels.planner && <PlannerPanel product={product} line={line} options={options} decisions={decisions} findings={findings} />}
        </div>
      )}
    </aside>
  );
}
