/**
 * Product lines and their products as a virtualized ARIA treegrid: only the rows
 * in view are in the DOM, so 2,000 products stay as quick as 20. One row holds
 * the focus (roving tabindex): arrows move between rows, Left/Right collapse
 * and expand a line, Home/End jump, Enter opens a product (or toggles a line).
 */
import { showHidden } from '../../../shared/text/hygiene';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { KIND_INFO } from '../../../shared/engine';
import { ENVIRONMENT_LABELS } from './line-labels';
import { formatCount, formatGapMonths, formatNumber } from '../../../shared/format/format';
import { SEVERITY_NAMES, type TreeItem } from './portfolio-rows';

export const ROW_HEIGHT = 40;
const COLUMNS = ['Product', 'Components', 'Worst open finding', 'Support end', 'Use end', 'Gap', 'Markets'] as const;

export interface PortfolioTreeProps {
  items: TreeItem[];
  activeKey: string | null;
  onActivate(key: string): void;
  onOpenProduct(productId: string): void;
  onToggleLine(lineId: string, expanded: boolean): void;
}

export function itemKey(item: TreeItem): string {
  return item.type === 'line' ? `line:${item.line.id}` : `product:${item.row.product.id}`;
}

function plural(n: number, one: string, many: string): string {
  return formatCount(n, one, many);
}

export function PortfolioTree({ items, activeKey, onActivate, onOpenProduct, onToggleLine }: PortfolioTreeProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focusWanted, setFocusWanted] = useState(false);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => itemKey(items[i]!),
  });
  const activeIndex = Math.max(0, items.findIndex((it) => itemKey(it) === activeKey));
  const rangeStart = virtualizer.getVirtualItems()[0]?.index ?? 0;

  // Move DOM focus only when the keyboard moved the active row, after the row was rendered.
  useEffect(() => {
    if (!focusWanted) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      setFocusWanted(false);
    }
    // The range changes when scrolling brought the row into view: try again then.
  }, [focusWanted, activeIndex, items, rangeStart]);

  const moveTo = (index: number) => {
    const clamped = Math.min(items.length - 1, Math.max(0, index));
    const item = items[clamped];
    if (!item) return;
    onActivate(itemKey(item));
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    setFocusWanted(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number) => {
    const item = items[index]!;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown': moveTo(index + 1); break;
      case 'ArrowUp': moveTo(index - 1); break;
      case 'Home': moveTo(0); break;
      case 'End': moveTo(items.length - 1); break;
      case 'PageDown': moveTo(index + page); break;
      case 'PageUp': moveTo(index - page); break;
      case 'ArrowRight':
        if (item.type === 'line' && !item.expanded) onToggleLine(item.line.id, true);
        else if (item.type === 'line') moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (item.type === 'line' && item.expanded) onToggleLine(item.line.id, false);
        else if (item.type === 'product') moveTo(items.findIndex((it) => it.type === 'line' && it.line.id === item.row.line.id));
        break;
      case 'Enter':
        if (item.type === 'product') onOpenProduct(item.row.product.id);
        else onToggleLine(item.line.id, !item.expanded);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const lineCount = items.filter((i) => i.type === 'line').length;
  return (
    <div className="portfolio-tree" role="treegrid" aria-label="Products by product line" aria-rowcount={items.length + 1} aria-colcount={COLUMNS.length}>
      <div role="rowgroup" className="tree-head">
        <div role="row" aria-rowindex={1} className="tree-row tree-header">
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c} className="tree-cell">{c}</div>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="tree-scroller"
        style={{ height: Math.min(items.length, 16) * ROW_HEIGHT + 2 }}
      >
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index]!;
            const key = itemKey(item);
            const active = v.index === activeIndex;
            const common = {
              role: 'row',
              'data-index': v.index,
              'data-key': key,
              'aria-rowindex': v.index + 2,
              'aria-selected': active,
              tabIndex: active ? 0 : -1,
              style: { transform: `translateY(${v.start}px)`, height: ROW_HEIGHT },
              onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => onKeyDown(e, v.index),
              onFocus: () => { if (!active) onActivate(key); },
            } as const;
            if (item.type === 'line') {
              return (
                <div
                  key={key}
                  {...common}
                  className={`tree-row tree-line${active ? ' active' : ''}`}
                  aria-level={1}
                  aria-expanded={item.expanded}
                  aria-posinset={items.slice(0, v.index + 1).filter((i) => i.type === 'line').length}
                  aria-setsize={lineCount}
                  onClick={() => onActivate(key)}
                >
                  <div role="gridcell" className="tree-cell tree-line-name" aria-colspan={COLUMNS.length}>
                    <button type="button" tabIndex={-1} className="tree-toggle" aria-hidden="true" onClick={(e) => { e.stopPropagation(); onActivate(key); onToggleLine(item.line.id, !item.expanded); }}>
                      {item.expanded ? '▾' : '▸'}
                    </button>
                    <strong>{showHidden(item.line.name)}</strong>
                    <span className="tree-muted">
                      {ENVIRONMENT_LABELS[item.line.environment]} · {plural(item.productCount, 'product', 'products')} · {plural(item.componentCount, 'component', 'components')}
                      {item.shown !== item.productCount ? ` · ${formatNumber(item.shown)} shown` : ''}
                    </span>
                  </div>
                </div>
              );
            }
            const r = item.row;
            const more = r.open.length - 1;
            return (
              <div
                key={key}
                {...common}
                className={`tree-row tree-product${active ? ' active' : ''}`}
                aria-level={2}
                aria-posinset={item.posInSet}
                aria-setsize={item.setSize}
                onClick={() => onActivate(key)}
                onDoubleClick={() => onOpenProduct(r.product.id)}
              >
                <div role="gridcell" className="tree-cell tree-product-name" title={r.product.sku ? `${r.product.name} ${r.product.sku}` : r.product.name}>
                  <span className="product-open" onClick={() => onOpenProduct(r.product.id)}>{showHidden(r.product.name)}</span>
                  {r.product.sku && <span className="tree-muted"> {r.product.sku}</span>}
                </div>
                <div role="gridcell" className="tree-cell num">{formatNumber(r.componentCount)}</div>
                <div role="gridcell" className="tree-cell" title={r.worst ? `${SEVERITY_NAMES[r.worst.severity]}: ${KIND_INFO[r.worst.kind].title}${more > 0 ? ` (+${more} more)` : ''}` : undefined}>
                  {r.worst ? (
                    <>
                      <span className={`severity-badge severity-${r.worst.severity}`}>{SEVERITY_NAMES[r.worst.severity]}</span>{' '}
                      {KIND_INFO[r.worst.kind].title}
                      {more > 0 && <span className="tree-muted"> (+{more} more)</span>}
                    </>
                  ) : (
                    <span className="tree-muted">No open findings</span>
                  )}
                </div>
                <div role="gridcell" className="tree-cell" title={r.supportEndSetBy !== null ? `${r.supportEnd ?? 'unknown'}, set by core component ${r.supportEndSetBy}; declared ${r.declaredSupportEnd ?? 'none'}` : undefined}>
                  {r.supportEnd ?? <span className="tree-muted">unknown</span>}
                  {r.supportEndSetBy !== null && <span className="tree-muted"> ({r.supportEndSetBy}; declared {r.declaredSupportEnd})</span>}
                </div>
                <div role="gridcell" className="tree-cell">{r.useEnd ?? <span className="tree-muted">unknown</span>}</div>
                <div role="gridcell" className={`tree-cell num${r.gapMonths !== null && r.gapMonths < 0 ? ' gap-exposed' : ''}`}>
                  {r.gapMonths === null ? <span className="tree-muted">unknown</span> : formatGapMonths(r.gapMonths)}
                </div>
                <div role="gridcell" className="tree-cell" title={r.product.markets.join(', ') || undefined}>{r.product.markets.join(', ') || <span className="tree-muted">none</span>}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
