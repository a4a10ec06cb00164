/** Findings across the portfolio, grouped by severity and kind, filterable; each leads to the field that causes it. */
import { useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { useAnalysis } from '../../analysis/analysis-context';
import { usePlatform } from '../../platform/platform-context';
import { useUiStore } from '../../state/ui-store';
import { AnalysisStatus } from './analysis-status';
import { FindingFilterBar } from './finding-filter-bar';
import { filterFindings } from './finding-filters';
import { FindingList } from './finding-list';
import { FindingsExportBar } from './findings-export-bar';
import { useFindingFilter } from './findings-filter-store';

export function FindingsScreen() {
  const { findings, status, portfolio, result, options } = useAnalysis();
  const navigate = useUiStore((s) => s.navigate);
  const [filter, setFilter] = useFindingFilter('portfolio');
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const empty = portfolio !== null && portfolio.products.length === 0;
  const platform = usePlatform();
  // While printing every finding is in the page (a long list is otherwise virtualized).
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const print = async () => {
    flushSync(() => setPrinting(true));
    try {
      return await platform.printPage({ suggestedName: `findings-${options.asOf}.pdf`, title: `Findings as of ${options.asOf}` });
    } finally {
      setPrinting(false);
    }
  };
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
            <FindingsExportBar findings={shown} total={findings.length} filter={filter} asOf={options.asOf} scope="Portfolio" onPrint={print}
              {...(options.rulePacks ? { rulePacks: options.rulePacks } : {})} />
            {findings.length === 0 ? (
              <p className="empty-state">No findings: every product meets the rules in use as of this date.</p>
            ) : shown.length === 0 ? (
              <p className="empty-state">No finding matches the filters.</p>
            ) : (
              <FindingList findings={shown} showProduct label="Findings in the portfolio" headingLevel={2} virtualize={!printing} />
            )}
          </>
        )
      )}
    </div>
  );
}
