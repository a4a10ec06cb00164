/**
 * Long preview lists built a page at a time: the first page renders at once,
 * each "Show more" adds the next, so a preview of 100,000 records neither
 * builds 100,000 rows up front nor hides any record. Used by the bundle merge
 * preview and the SBOM import and merge previews.
 */
import { formatNumber } from '../../../shared/format/format';
import { useState, type ReactNode } from 'react';

export const PREVIEW_PAGE = 200;

/** How many of `total` items to render, and the control that renders more. */
export function useIncremental(total: number, page = PREVIEW_PAGE): { shown: number; more: ReactNode } {
  const [shown, setShown] = useState(page);
  const visible = Math.min(shown, total);
  const rest = total - visible;
  const more = rest > 0 ? (
    <p>
      Showing {formatNumber(visible)} of {formatNumber(total)}.{' '}
      <button type="button" onClick={() => setShown((n) => n + page)}>Show {formatNumber(Math.min(page, rest))} more</button>
    </p>
  ) : null;
  return { shown: visible, more };
}

export function IncrementalList<T>({ items, label, render, page = PREVIEW_PAGE }: { items: readonly T[]; label: string; render(item: T): ReactNode; page?: number }) {
  const { shown, more } = useIncremental(items.length, page);
  return (
    <>
      <ul aria-label={label}>{items.slice(0, shown).map(render)}</ul>
      {more}
    </>
  );
}
