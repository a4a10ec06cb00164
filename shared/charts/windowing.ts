/**
 * Decisions that keep charts responsive at scale: Recharts draws SVG, and
 * thousands of marks make it slow. The charts call these instead of deciding
 * inline, so the thresholds are tested and documented in one place.
 */
import type { TimelineRow } from './product-timeline';

/** Rows drawn at once in the timeline; with a fixed row height this keeps the chart to about a screen. */
export const TIMELINE_PAGE_SIZE = 40;
export const TIMELINE_ROW_HEIGHT = 30;
/** Above this many products the gap chart shows the most exposed and a histogram of all. */
export const GAP_MAX_BARS = 60;
export const GAP_TOP_N = 30;
/** Heat map rows drawn at once. */
export const HEATMAP_PAGE_SIZE = 40;

export interface Window<T> {
  rows: T[];
  offset: number;
  pageSize: number;
  total: number;
  pageIndex: number;
  pageCount: number;
  /** 1-based, inclusive, for "rows 41-80 of 500". */
  first: number;
  last: number;
}

export function windowRows<T>(all: readonly T[], offset: number, pageSize: number): Window<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`page size must be a positive integer, got ${pageSize}`);
  const total = all.length;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const pageIndex = Math.min(Math.max(0, Math.floor(offset / pageSize)), pageCount - 1);
  const start = pageIndex * pageSize;
  const rows = all.slice(start, start + pageSize);
  return { rows, offset: start, pageSize, total, pageIndex, pageCount, first: rows.length ? start + 1 : 0, last: start + rows.length };
}

export interface TimelineLayout {
  paged: boolean;
  pageSize: number;
  rowHeight: number;
  pageCount: number;
}

export function timelineLayout(rowCount: number, pageSize = TIMELINE_PAGE_SIZE): TimelineLayout {
  const paged = rowCount > pageSize;
  return { paged, pageSize, rowHeight: TIMELINE_ROW_HEIGHT, pageCount: paged ? Math.ceil(rowCount / pageSize) : 1 };
}

/**
 * One page of timeline rows. A page that starts inside a group repeats the
 * group's header (marked continued) so every row on screen says what it is.
 */
export function timelinePage(rows: readonly TimelineRow[], pageIndex: number, pageSize = TIMELINE_PAGE_SIZE): Window<TimelineRow> {
  const w = windowRows(rows, pageIndex * pageSize, pageSize);
  const head = w.rows[0];
  if (head && head.kind === 'component') {
    for (let i = w.offset - 1; i >= 0; i--) {
      const r = rows[i];
      if (r && r.kind === 'group') {
        w.rows = [{ ...r, key: `${r.key}:continued`, continued: true }, ...w.rows];
        break;
      }
    }
  }
  return w;
}

/** Plot height for a number of rows at the fixed row height, plus the axis. */
export function timelineHeight(rowCount: number, rowHeight = TIMELINE_ROW_HEIGHT): number {
  return Math.max(120, rowCount * rowHeight + 60);
}
