/** The product page's obligations sections, rendered by the product page as one component. */
import type { Product } from '../../../shared/domain';
import { formatCount } from '../../../shared/format/format';
import { deadlines } from '../../../shared/obligations/vulnerabilities';
import { useVulnerabilities } from '../../analysis/use-obligations';
import { useUiStore } from '../../state/ui-store';
import { EndOfSupportSection } from './end-of-support-section';
import { ProductActivitiesSection } from './product-activities-section';
import { useNow } from './use-now';

export function ProductObligations({ product }: { product: Product }) {
  return (
    <>
      <ProductActivitiesSection product={product} />
      <VulnerabilitiesNote productId={product.id} />
      <EndOfSupportSection product={product} />
    </>
  );
}

/** One line when vulnerabilities or incidents are recorded against the product, leading to the Obligations area. */
function VulnerabilitiesNote({ productId }: { productId: string }) {
  const all = useVulnerabilities();
  const navigate = useUiStore((s) => s.navigate);
  const now = useNow(60_000);
  const mine = (all ?? []).filter((v) => v.productIds.includes(productId));
  if (mine.length === 0) return null;
  const overdue = mine.filter((v) => deadlines(v, now).some((d) => d.state === 'overdue')).length;
  return (
    <p className={`panel vuln-note${overdue ? ' vuln-note-overdue' : ''}`}>
      {formatCount(mine.length, 'actively exploited vulnerability or severe incident', 'actively exploited vulnerabilities or severe incidents')} recorded against this product{overdue ? `, ${formatCount(overdue, 'with a report', 'with reports')} overdue` : ''}.{' '}
      <a href="#/obligations" onClick={(e) => { e.preventDefault(); navigate({ area: 'obligations' }); }}>See the deadlines in Obligations</a>
    </p>
  );
}
