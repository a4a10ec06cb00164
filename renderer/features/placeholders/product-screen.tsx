import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';
import { getProduct } from '../../db/repositories/products';
import { useUiStore } from '../../state/ui-store';

/** The product page; its editor (fields and component grid) is built on this route. */
export function ProductScreen({ productId }: { productId: string | null }) {
  const db = useDb();
  const navigate = useUiStore((s) => s.navigate);
  const product = useLiveQuery(async () => (productId ? ((await getProduct(db, productId)) ?? null) : null), [db, productId]);
  return (
    <div className="screen">
      <h1>{product ? product.name : 'Product'}</h1>
      {!productId && <p>No product is open. Choose one in the portfolio.</p>}
      {productId && product === null && <p>This product does not exist (any more). It may have been deleted.</p>}
      {product && <p>{product.components.length} components.</p>}
      <button type="button" onClick={() => navigate({ area: 'portfolio' })}>Go to the portfolio</button>
    </div>
  );
}
