/**
 * The panels beside a product's editor: its live findings and the support-period
 * planner. The product page renders this one component and knows nothing else of them.
 */
import { useAnalysis } from '../../analysis/analysis-context';

export function ProductSidePanels({ productId }: { productId: string }) {
  const { byProduct, status } = useAnalysis();
  const findings = byProduct.get(productId) ?? [];
  return (
    <aside className="side-panels" aria-label="Findings and planner">
      <h2>Findings</h2>
      {status === 'loading' ? <p role="status">Analysing…</p> : <p>{findings.length} findings</p>}
    </aside>
  );
}
