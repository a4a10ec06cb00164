/** The product page: the product's fields, its component grid and, beside them, its findings and planner; its lifecycle charts below. */
import { showHidden } from '../../../shared/text/hygiene';
import { useLiveQuery } from 'dexie-react-hooks';
import { ENVIRONMENT_LABELS } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { getLine } from '../../db/repositories/product-lines';
import { getProduct } from '../../db/repositories/products';
import { useUiStore } from '../../state/ui-store';
import { ProductSidePanels } from '../analysis-panels/product-side-panels';
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
      <div className="product-layout">
        <div className="product-editor">
          <ProductFields product={product} track={track} {...(line ? { environment: line.environment } : {})} />
          <ComponentGrid product={product} track={track} />
        </div>
        <ProductSidePanels productId={product.id} />
      </div>
      <ProductRisksSection product={product} />
      <ProductChartsSection product={product} line={line} />
      <EvidenceSection product={product} />
      <ProductObligations product={product} />
    </div>
  );
}
