/**
 * The live analysis of the open workspace: lines, products and decisions are read
 * with live queries, the pure engine turns them into findings for the as-of date in
 * settings (today when unset), and decisions are applied on top. Screens read it with
 * `useAnalysis()`; nothing here is stored.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { analyzePortfolio, applyDecisions, type AnalysisOptions, type AnalysisResult, type DecidedFinding } from '../../shared/engine';
import { todayIso, type Portfolio } from '../../shared/domain';
import { useDb } from '../db/db-context';
import { getSetting } from '../db/repositories/settings';
import { describeError } from '../db/errors';
import { useUiStore } from '../state/ui-store';

export interface AnalysisState {
  status: 'loading' | 'ready';
  portfolio: Portfolio | null;
  options: AnalysisOptions;
  result: AnalysisResult | null;
  findings: DecidedFinding[];
  byProduct: ReadonlyMap<string, DecidedFinding[]>;
}

const AnalysisContext = createContext<AnalysisState | null>(null);

export function AnalysisProvider({ children }: { children: ReactNode }) {
  const db = useDb();
  const portfolio = useLiveQuery(async () => {
    const [lines, products, decisions] = await Promise.all([db.lines.toArray(), db.products.toArray(), db.decisions.toArray()]);
    return { lines, products, decisions } satisfies Portfolio;
  }, [db]);
  // A failure to read the setting must not take the whole app down: analyse as of today and say so.
  const asOfSetting = useLiveQuery(
    () =>
      getSetting(db, 'asOfDate').catch((error: unknown) => {
        useUiStore.getState().pushNotice({ kind: 'warning', message: 'Could not read the as-of date setting; findings are computed as of today.', detail: describeError(error) });
        return null;
      }),
    [db],
  );
  const asOf = asOfSetting ?? todayIso();
  const options = useMemo<AnalysisOptions>(() => ({ asOf }), [asOf]);

  const state = useMemo<AnalysisState>(() => {
    if (!portfolio) return { status: 'loading', portfolio: null, options, result: null, findings: [], byProduct: new Map() };
    const result = analyzePortfolio(portfolio, options);
    const findings = applyDecisions(result.findings, portfolio.decisions, options.asOf);
    const byProduct = new Map<string, DecidedFinding[]>();
    for (const f of findings) {
      const list = byProduct.get(f.productId);
      if (list) list.push(f);
      else byProduct.set(f.productId, [f]);
    }
    return { status: 'ready', portfolio, options, result, findings, byProduct };
  }, [portfolio, options]);

  return <AnalysisContext.Provider value={state}>{children}</AnalysisContext.Provider>;
}

export function useAnalysis(): AnalysisState {
  const state = useContext(AnalysisContext);
  if (!state) throw new Error('useAnalysis() needs an <AnalysisProvider> above it');
  return state;
}
