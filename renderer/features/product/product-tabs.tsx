/**
 * The product page's tabs (WAI-ARIA tabs pattern: arrow keys move between tabs,
 * Home/End to the first and last). The chosen tab is UI state in the store, so a
 * finding's "Go to" can switch to the tab that holds its field.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { PRODUCT_TABS, useUiStore, type ProductTab } from '../../state/ui-store';

export type TabContent = Record<ProductTab, ReactNode>;

export const PRODUCT_TAB_LABELS: Record<ProductTab, string> = {
  components: 'Components',
  details: 'Product details',
  planner: 'Planner',
  charts: 'Charts',
  risks: 'Risks',
  evidence: 'Evidence',
  activities: 'Activities',
};

export function ProductTabs({ productId, tabs }: { productId: string; tabs: TabContent }) {
  const current = useUiStore((s) => s.productTab);
  const setTab = useUiStore((s) => s.setProductTab);
  const refs = useRef<Partial<Record<ProductTab, HTMLButtonElement | null>>>({});
  const idOf = (tab: ProductTab, part: 'tab' | 'panel') => `product-${part}-${tab}-${productId}`;

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = PRODUCT_TABS.indexOf(current);
    const next =
      e.key === 'ArrowRight' ? PRODUCT_TABS[(i + 1) % PRODUCT_TABS.length]
      : e.key === 'ArrowLeft' ? PRODUCT_TABS[(i - 1 + PRODUCT_TABS.length) % PRODUCT_TABS.length]
      : e.key === 'Home' ? PRODUCT_TABS[0]
      : e.key === 'End' ? PRODUCT_TABS[PRODUCT_TABS.length - 1]
      : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="product-tabs">
      <div role="tablist" aria-label="Product sections" className="tab-list">
        {PRODUCT_TABS.map((tab) => (
          <button
            key={tab}
            ref={(el) => {
              refs.current[tab] = el;
            }}
            type="button"
            role="tab"
            id={idOf(tab, 'tab')}
            aria-selected={tab === current}
            aria-controls={idOf(tab, 'panel')}
            tabIndex={tab === current ? 0 : -1}
            onClick={() => setTab(tab)}
            onKeyDown={onKeyDown}
          >
            {PRODUCT_TAB_LABELS[tab]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={idOf(current, 'panel')} aria-labelledby={idOf(current, 'tab')} className={`tab-panel tab-panel-${current}`}>
        {tabs[current]}
      </div>
    </div>
  );
}
