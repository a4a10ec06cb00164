/**
 * The product page's "Lifecycle charts": the timeline and fleet exposure of the
 * product being edited, fed by the live analysis. Collapsed until asked for, so
 * a page opened only to edit a field does not pay for the charts. The timeline
 * and the component grid share the selection: a row clicked here puts the grid's
 * cursor on the component, a component selected in the grid (or from a finding)
 * is brought into view and highlighted here.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Product, ProductLine } from '../../../shared/domain';
import { planSupportPeriod, type Finding, type SupportPlan } from '../../../shared/engine';
import { useAnalysis } from '../../analysis/analysis-context';
import { useUiStore } from '../../state/ui-store';
import { ProductCharts } from './charts-gallery';
import './charts.css';

export interface ProductChartsSectionProps {
  product: Product;
  /** Null while the line is still loading (or if it vanished): the charts wait for it. */
  line: ProductLine | null | undefined;
  /** Open on first render (tests, deep links); the user's toggle wins afterwards. */
  initiallyOpen?: boolean;
  /** Fixed chart width (tests: jsdom has no layout); omitted = fill the page. */
  width?: number;
}

const NO_FINDINGS: readonly Finding[] = [];

export function ProductChartsSection({ product, line, initiallyOpen = false, width }: ProductChartsSectionProps) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className="product-charts" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      {/* Plain text in the summary: a heading inside it loses its semantics in some screen readers. */}
      <summary className="product-charts__summary">
        Lifecycle charts <span className="product-charts__hint">(timeline of every component; units in use without security support)</span>
      </summary>
      {open && (line ? <OpenCharts product={product} line={line} width={width} /> : <p role="status">Loading the product line…</p>)}
    </details>
  );
}

function OpenCharts({ product, line, width }: { product: Product; line: ProductLine; width?: number }) {
  const { status, options, byProduct } = useAnalysis();
  const selectedComponentId = useUiStore((s) => s.selectedComponentId);
  const selectComponent = useUiStore((s) => s.selectComponent);
  // Until the first analysis is in, the charts analyse the product themselves (undefined = compute).
  const findings = status === 'ready' ? (byProduct.get(product.id) ?? NO_FINDINGS) : undefined;
  // The plan follows the live product, not the (debounced) analysis: blockers update as cells are edited.
  const plan = useMemo<SupportPlan>(() => planSupportPeriod(product, line, options), [product, line, options]);
  // Selecting here keeps the user on the charts: the grid's cursor follows when the Components tab is opened.
  const onSelectComponent = useCallback((componentId: string) => selectComponent(componentId), [selectComponent]);
  const selected = selectedComponentId && product.components.some((c) => c.id === selectedComponentId) ? selectedComponentId : null;
  return (
    <ProductCharts
      product={product}
      line={line}
      options={options}
      findings={findings}
      plan={plan}
      width={width}
      onSelectComponent={onSelectComponent}
      selectedComponentId={selected}
    />
  );
}
