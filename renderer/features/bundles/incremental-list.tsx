/**
 * A long preview list built a page at a time: the first page renders at once,
 * each "Show more" adds the next, so a bundle with 100,000 records neither
 * builds 100,000 list items up front nor hides any record.
 */
import { useState, type ReactNode } from 'react';

export const PREVIEW_PAGE = 200;

export function IncrementalList<T>({ items, label, render, page = PREVIEW_PAGE }: { items: readonly T[]; label: string; render(item: T): ReactNode; page?: number }) {
  const [shown, setShown] = useState(page);
  const rest = items.length - shown;
  return (
    <>
      <ul aria-label={label}>{items.slice(0, shown).map(render)}</ul>
      {rest > 0 && (
        <p>
          Showing {shown.toLocaleString('en-US')} of {items.length.toLocaleString('en-US')}.{' '}
          <button type="button" onClick={() => setShown((n) => n + page)}>Show {Math.min(page, rest).toLocaleString('en-US')} more</button>
        </p>
      )}
    </>
  );
}
