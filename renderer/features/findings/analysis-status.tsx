import { useAnalysis } from '../../analysis/analysis-context';

/** "Recomputing…" while a change is being analysed, and the as-of date and rule packs the findings are for. */
export function AnalysisStatus() {
  const { status, pending, error, result, options } = useAnalysis();
  return (
    <p className="analysis-status" role="status" aria-live="polite">
      {status === 'loading' ? 'Analysing…' : pending ? 'Recomputing…' : `As of ${result?.asOf ?? options.asOf}`}
      {status === 'ready' && result && !pending && (
        <span className="hint"> · rule packs: {result.rulePacks.length ? result.rulePacks.map((p) => `${p.id} ${p.version}`).join(', ') : 'none'}</span>
      )}
      {error && <span className="field-error"> The last change could not be analysed: {error}</span>}
    </p>
  );
}
