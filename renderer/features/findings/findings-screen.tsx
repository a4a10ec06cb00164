/** Findings across the portfolio, grouped by severity and kind, filterable; each leads to the field that causes it. */
import { useMemo } from 'react';
import { useAnalysis } from '../../analysis/analysis-context';
import { useUiStore } from '../../state/ui-store';
import { AnalysisStatus } from './analysis-status';
import { FindingFilterBar } from './finding-filter-bar';
import { filterFindings } from './finding-filters';
import { FindingList } from './finding-list';
import { useFindingFilter } from './findings-filter-store';

export function FindingsScreen() {
  const { findings, status, portfolio, result } = useAnalysis();
  const navigate = useUiStore((s) => s.navigate);
  const [filter, setFilter] = useFindingFilter('portfolio');
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const empty = portfolio !== null && portfolio.products.length === 0;
  return (
    <div className="screen findings-screen">
      <h1>Findings</h1>
      <AnalysisStatus />
      {empty ? (
        <div className="empty-state">
          <p>There are no products yet, so there is nothing to check. Add product lines and products in the portfolio.</p>
          <button type="button" onClick={() => navigate({ area: 'portfolio' })}>Go to the portfolio</button>
        </div>
      ) : (
        status === 'ready' && (
          <>
            <FindingFilterBar filter={filter} onChange={setFilter} shown={shown.length} total={findings.length} {...(result ? { notApplied: result.products } : {})} />
            {findings.length === 0 ? (
              <p className="empty-state">No findings: every product meets the rules in use as of this date.</p>
            ) : shown.length === 0 ? (
              <p className="empty-state">No finding matches the filters.</p>
            ) : (
              <FindingList findings={shown} showProduct label="Findings in the portfolio" headingLevel={2} />
            )}
          </>
        )
      )}
    </div>
  );
}
