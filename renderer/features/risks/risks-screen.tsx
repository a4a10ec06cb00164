/**
 * The Risks screen: the register (every risk the lifecycle data raise and
 * every risk you added) with filters, the 5×5 matrix, exposure over time,
 * the detail of one risk, the threat catalog and the exports.
 */
import { useMemo, useState } from 'react';
import type { DecidedFinding } from '../../../shared/engine';
import { formatCount, formatNumber } from '../../../shared/format';
import { DEFAULT_MATRIX, loadCatalog, type RiskRegisterData } from '../../../shared/risk';
import { useAnalysis } from '../../analysis/analysis-context';
import { useRiskRegister, useRiskRegisterData } from '../../analysis/use-risk-register';
import { useUiStore } from '../../state/ui-store';
import { useFindingFilterStore } from '../findings/findings-filter-store';
import { AddRiskForm } from './add-risk-form';
import { CatalogPanel } from './catalog-panel';
import { RiskExposureChart } from './exposure-chart';
import { RiskExportBar } from './risk-export-bar';
import { RiskDetail } from './risk-detail';
import { RiskFilterBar } from './risk-filter-bar';
import { filterRisks, useRiskFilterStore } from './risk-filters';
import { RiskMatrixChart } from './risk-matrix';
import { RiskTable } from './risk-table';
import { useRiskActions } from './use-risk-actions';
import './risks.css';

export function RisksScreen({ riskId }: { riskId: string | null }) {
  const analysis = useAnalysis();
  const asOf = analysis.options.asOf;
  const register = useRiskRegister(asOf);
  const data = useRiskRegisterData();
  const navigate = useUiStore((s) => s.navigate);
  const focusTarget = useUiStore((s) => s.focusTarget);
  const selectComponent = useUiStore((s) => s.selectComponent);
  const filter = useRiskFilterStore((s) => s.filter);
  const setFilter = useRiskFilterStore((s) => s.setFilter);
  const actions = useRiskActions();
  const [panel, setPanel] = useState<'none' | 'add' | 'catalog'>('none');
  const catalog = useMemo(() => loadCatalogSafe(data), [data]);

  if (!register || !data || !analysis.portfolio) {
    return (
      <div className="screen risks-screen">
        <h1>Risks</h1>
        <p role="status">Loading the risk register…</p>
      </div>
    );
  }
  const products = analysis.portfolio.products;
  const rows = register.risks;
  const shown = filterRisks(rows, filter);
  const forMatrix = filterRisks(rows, filter, true);
  const selected = riskId ? rows.find((r) => r.id === riskId) : undefined;
  const matrix = data.matrix ?? DEFAULT_MATRIX;
  const productName = filter.productId === 'all' ? undefined : products.find((p) => p.id === filter.productId)?.name;
  const open = (id: string | null) => navigate(id ? { area: 'risks', riskId: id } : { area: 'risks' });

  return (
    <div className="screen risks-screen">
      <div className="risks-head">
        <div>
          <h1>Risks</h1>
          <p className="hint" role="status">
            As of {register.asOf}: {formatCount(rows.length, 'risk')} ({formatNumber(rows.filter((r) => r.lifecycle).length)} from the lifecycle data). Scoring method {register.matrixVersion}.
          </p>
        </div>
        <div className="risk-inline risks-head__actions">
          <button type="button" aria-expanded={panel === 'add'} onClick={() => setPanel(panel === 'add' ? 'none' : 'add')} disabled={products.length === 0}>Add risk</button>
          <button type="button" aria-expanded={panel === 'catalog'} onClick={() => setPanel(panel === 'catalog' ? 'none' : 'catalog')}>Threat catalog</button>
        </div>
      </div>
      {products.length === 0 && (
        <div className="empty-state">
          <p>There are no products yet, so there is no risk to assess. Add product lines and products in the portfolio.</p>
          <button type="button" onClick={() => navigate({ area: 'portfolio' })}>Go to the portfolio</button>
        </div>
      )}
      {panel === 'add' && catalog && (
        <AddRiskForm
          products={products} catalog={catalog} actions={actions}
          {...(filter.productId !== 'all' ? { initialProductId: filter.productId } : {})}
          onAdded={(id) => { setPanel('none'); open(id); }}
          onCancel={() => setPanel('none')}
        />
      )}
      {panel === 'catalog' && catalog && <CatalogPanel catalog={catalog} actions={actions} onClose={() => setPanel('none')} />}
      {!catalog && <p className="field-error" role="alert">The threat catalog could not be loaded: a threat of yours reuses a shipped id.</p>}

      <div className="risks-charts">
        <RiskMatrixChart matrix={matrix} rows={forMatrix} selected={filter.cell} onSelect={(cell) => setFilter({ cell })} />
        <RiskExposureChart rows={forMatrix.filter((r) => r.lifecycle)} asOf={register.asOf} source={`risk register, scoring method ${register.matrixVersion}`} {...(productName ? { limitedTo: `the product filter: ${productName}` } : {})} />
      </div>

      <RiskFilterBar filter={filter} onChange={setFilter} products={products} shown={shown.length} total={rows.length} />
      <div className={selected ? 'risks-main risks-main--detail' : 'risks-main'}>
        <div className="risks-list">
          {rows.length === 0 ? (
            <p className="empty-state">No risks: the lifecycle data raise none as of this date, and none were added.</p>
          ) : shown.length === 0 ? (
            <p className="empty-state">No risk matches the filters.</p>
          ) : (
            <RiskTable rows={shown} selectedId={selected?.id ?? null} onOpen={(id) => open(id)} />
          )}
          <RiskExportBar register={register} data={data} portfolio={analysis.portfolio} asOf={asOf} productId={filter.productId === 'all' ? (selected?.productId ?? null) : filter.productId} />
        </div>
        {riskId && !selected && (
          <p className="empty-state" role="status">
            This risk is no longer in the register (the data no longer raise it, or it was deleted). Undo (Ctrl+Z) brings a deleted one back.{' '}
            <button type="button" className="link-button" onClick={() => open(null)}>Close</button>
          </p>
        )}
        {selected && catalog && (
          <RiskDetail
            key={selected.id}
            row={selected}
            record={data.risks.find((r) => r.id === selected.id)}
            controls={data.controls}
            allRows={rows}
            catalog={catalog}
            matrix={matrix}
            findings={analysis.findings}
            actions={actions}
            onOpenProduct={(productId, componentId) => { navigate({ area: 'product', productId }); selectComponent(componentId); useUiStore.getState().setProductTab('risks'); }}
            onOpenFinding={(f: DecidedFinding) => focusTarget(f.productId, f.componentId, f.field)}
            onShowFindings={(name) => { useFindingFilterStore.getState().setFilter('portfolio', { search: name }); navigate({ area: 'findings' }); }}
            onOpenRisk={(id) => open(id)}
            onClose={() => open(null)}
          />
        )}
      </div>
    </div>
  );
}

function loadCatalogSafe(data: RiskRegisterData | undefined) {
  if (!data) return undefined;
  try {
    return loadCatalog(data.threats, data.threatTags);
  } catch {
    return null;
  }
}
