/**
 * The product page: a header, tabs for the work (components, product details,
 * planner, charts, risks, evidence, activities) and the findings panel docked beside or below
 * them, so nothing is reached by scrolling past the findings.
 */
import { showHidden } from '../../../shared/text/hygiene';
import { useLiveQuery } from 'dexie-react-hooks';
import { ENVIRONMENT_LABELS } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { getLine } from '../../db/repositories/product-lines';
import { getProduct } from '../../db/repositories/products';
import { useUiStore } from '../../state/ui-store';
import { ProductTabs, type TabContent } from './product-tabs';
import { ProductFindingsPanel } from '../analysis-panels/product-findings-panel';
import { ProductPlannerTab } from '../analysis-panels/product-planner-tab';
import { ProductChartsSection } from '../charts/product-charts-section';
import { EvidenceSection } from '../evidence/evidence-section';
import { ProductRisksSection } from '../risks/product-risks-section';
import { ProductObligations } from '../obligations/product-obligations';
import { ComponentGrid } from './component-grid';
import { NewProductForm } from './new-product-form';
import { ProductFields } from './product-fields';
import { SaveStatus, useSaveStatus } from './save-status';
import './product.css';


export function ProductScreen({ productId }: { productId: string | null }) {
  const db = useDb();
  const navigate = useUiStore((s) => s.navigate);
  const selectLine = useUiStore((s) => s.selectLine);
  const product = useLiveQuery(async () => (productId ? ((await getProduct(db, productId)) ?? null) : null), [db, productId]);
  const line = useLiveQuery(async () => (product ? ((await getLine(db, product.lineId)) ?? null) : null), [db, product?.lineId]);
  const { state, track } = useSaveStatus();
  const dock = useUiStore((s) => s.findingsDock);

  if (!productId) {
    return (
      <div className="screen product-screen">
        <h1>Product</h1>
        <p>No product is open. Open one from the portfolio, or create one here.</p>
        <NewProductForm />
      </div>
    );
  }
  if (product === undefined) {
    return (
      <div className="screen product-screen">
        <p role="status">Loading the product…</p>
      </div>
    );
  }
  if (product === null) {
    return (
      <div className="screen product-screen">
        <h1>Product</h1>
        <p>This product does not exist (any more). If it was just deleted, Undo (Ctrl+Z) brings it back.</p>
        <button type="button" onClick={() => navigate({ area: 'portfolio' })}>Go to the portfolio</button>
      </div>
    );
  }

  const tabs: TabContent = {
    components: <ComponentGrid product={product} track={track} />,
    details: (
      <div className="product-editor">
        <ProductFields product={product} track={track} {...(line ? { environment: line.environment } : {})} />
      </div>
    ),
    planner: <ProductPlannerTab productId={product.id} />,
    charts: <ProductChartsSection product={product} line={line} initiallyOpen />,
    risks: <ProductRisksSection product={product} />,
    evidence: <EvidenceSection product={product} />,
    activities: <ProductObligations product={product} />,
  };

  return (
    <div className="screen product-screen">
      <div className="product-head">
        <div>
          <h1>{showHidden(product.name)}</h1>
          <p className="product-line-info">
            Product line:{' '}
            {line ? (
              <a
                href="#/portfolio"
                onClick={(e) => {
                  e.preventDefault();
                  selectLine(line.id);
                  navigate({ area: 'portfolio' });
                }}
              >
                {line.name}
              </a>
            ) : (
              '…'
            )}
            {line ? ` (${ENVIRONMENT_LABELS[line.environment]})` : ''}
            {product.sku ? ` · ${product.sku}` : ''}
          </p>
        </div>
        <SaveStatus state={state} />
      </div>
      <div className={`product-layout product-layout-${dock}`}>
        <ProductTabs productId={product.id} tabs={tabs} />
        <ProductFindingsPanel productId={product.id} />
      </div>
    </div>
  );
}
