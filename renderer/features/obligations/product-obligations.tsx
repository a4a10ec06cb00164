/** The product page's obligations sections, rendered by the product page as one component. */
import type { Product } from '../../../shared/domain';
import { EndOfSupportSection } from './end-of-support-section';
import { ProductActivitiesSection } from './product-activities-section';

export function ProductObligations({ product }: { product: Product }) {
  return (
    <>
      <ProductActivitiesSection product={product} />
      <EndOfSupportSection product={product} />
    </>
  );
}
