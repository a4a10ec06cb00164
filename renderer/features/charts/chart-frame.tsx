/**
 * The frame every chart sits in: a figure with a heading and a description
 * that the chart image points to (aria-labelledby / aria-describedby), a
 * toggle to a data table (the same numbers, readable by screen readers and
 * keyboard), and export to SVG and PNG through the platform's save dialog.
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { usePlatform } from '../../platform';
import { exportChart, type ExportFormat } from './export-chart';
import './charts.css';

export interface ChartFrameProps {
  title: string;
  description: string;
  /** Base of the exported file name; defaults to the title. */
  fileBase?: string;
  /** The data table view: every row the chart draws (and those it aggregates or pages away). */
  renderTable: () => ReactNode;
  /** Controls (what-if, pager) shown above the chart, outside the image. */
  controls?: ReactNode;
  /** Legend and notes below the chart. */
  footer?: ReactNode;
  children: ReactNode;
  initialView?: 'chart' | 'table';
  className?: string;
  /** For tests and automation: a stable hook on the frame. */
  testId?: string;
}

export function ChartFrame(props: ChartFrameProps) {
  const platform = usePlatform();
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const [view, setView] = useState<'chart' | 'table'>(props.initialView ?? 'chart');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const imageRef = useRef<HTMLDivElement>(null);

  async function onExport(format: ExportFormat) {
    // The main plot is the largest svg: Recharts may also render small legend icons as svg.
    const svgs = Array.from(imageRef.current?.querySelectorAll('svg') ?? []) as SVGSVGElement[];
    const svg = svgs.sort((a, b) => area(b) - area(a))[0];
    if (!svg) {
      setStatus({ text: 'There is no chart to export yet.', error: true });
      return;
    }
    setBusy(true);
    try {
      const result = await exportChart(platform, svg, { title: props.title, description: props.description, fileBase: props.fileBase ?? props.title }, format);
      setStatus(result.saved ? { text: `Saved ${result.name ?? format.toUpperCase()}.`, error: false } : { text: 'Export cancelled.', error: false });
    } catch (err) {
      setStatus({ text: `Export as ${format.toUpperCase()} failed: ${err instanceof Error ? err.message : String(err)}`, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <figure className={`chart-frame ${props.className ?? ''}`.trim()} aria-labelledby={titleId} data-testid={props.testId}>
      <div className="chart-frame__head">
        <figcaption>
          <h3 className="chart-frame__title" id={titleId}>{props.title}</h3>
          <p className="chart-frame__desc" id={descId}>{props.description}</p>
        </figcaption>
        <div className="chart-frame__toolbar" role="toolbar" aria-label={`${props.title}: view and export`}>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView(view === 'table' ? 'chart' : 'table')}>
            {view === 'table' ? 'Show chart' : 'Show data table'}
          </button>
          <button type="button" onClick={() => void onExport('svg')} disabled={busy}>Export SVG</button>
          <button type="button" onClick={() => void onExport('png')} disabled={busy}>Export PNG</button>
        </div>
      </div>
      <p className={`chart-frame__status${status?.error ? ' chart-frame__status--error' : ''}`} role="status" aria-live="polite">{status?.text ?? ''}</p>
      {props.controls}
      <div className="chart-frame__body">
        <div ref={imageRef} role="img" aria-labelledby={titleId} aria-describedby={descId} hidden={view === 'table'} className="chart-frame__image">
          {props.children}
        </div>
        {view === 'table' && <div className="chart-table-wrap">{props.renderTable()}</div>}
      </div>
      {props.footer}
    </figure>
  );
}

function area(svg: SVGSVGElement): number {
  return (Number(svg.getAttribute('width')) || 0) * (Number(svg.getAttribute('height')) || 0);
}

export interface DataTableProps {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}

/** A plain table with a caption and column headers; the first cell of a row is its header. */
export function DataTable({ caption, columns, rows }: DataTableProps) {
  return (
    <table className="chart-table">
      <caption>{caption}</caption>
      <thead>
        <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((cell, i) => (i === 0 ? <th key={i} scope="row">{cell}</th> : <td key={i}>{cell}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Previous/next through pages of rows, with the position announced. */
export function Pager(props: { label: string; pageIndex: number; pageCount: number; first: number; last: number; total: number; onPage: (i: number) => void }) {
  if (props.pageCount <= 1) return null;
  return (
    <div className="chart-controls chart-pager" role="group" aria-label={`${props.label} pages`}>
      <button type="button" onClick={() => props.onPage(props.pageIndex - 1)} disabled={props.pageIndex === 0}>Previous rows</button>
      <span aria-live="polite">{props.label} {props.first}–{props.last} of {props.total}</span>
      <button type="button" onClick={() => props.onPage(props.pageIndex + 1)} disabled={props.pageIndex >= props.pageCount - 1}>Next rows</button>
    </div>
  );
}
