/** The product page's Planner tab: the support-period planner with the product's live findings. */
import { useAnalysis } from '../../analysis/analysis-context';
import { PlannerPanel } from './planner-panel';

const NONE: never[] = [];

export function ProductPlannerTab({ productId }: { productId: string }) {
  const { byProduct, portfolio, options } = useAnalysis();
  const product = portfolio?.products.find((p) => p.id === productId);
  const line = product ? portfolio?.lines.find((l) => l.id === product.lineId) : undefined;
  if (!product || !line) return <p role="status">Loading the plan…</p>;
  return <PlannerPanel product={product} line={line} options={options} decisions={portfolio?.decisions ?? NONE} findings={byProduct.get(productId) ?? NONE} />;
}
