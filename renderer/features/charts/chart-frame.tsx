/**
 * The frame every chart sits in: a figure with a heading and a description
 * that the chart image points to (aria-labelledby / aria-describedby), a
 * toggle to a data table (the same numbers, readable by screen readers and
 * keyboard), and export to SVG and PNG (1x, 2x) through the platform's save
 * dialog, in the light palette or as shown.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { usePlatform } from '../../platform';
import { formatNumber } from '../../../shared/format';
import { currentTheme, exportChart, type ChartExportInfo, type ExportFormat, type ExportTheme } from './export-chart';
import type { ChartTheme } from './palette';
import './charts.css';

/** The theme the charts are shown in, following the system setting and an explicit data-theme. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState<ChartTheme>(() => (typeof document === 'undefined' ? 'light' : currentTheme(document)));
  useEffect(() => {
    const update = () => setTheme(currentTheme(document));
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    mq?.addEventListener?.('change', update);
    const obs = typeof MutationObserver === 'function' ? new MutationObserver(update) : null;
    obs?.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    update();
    return () => {
      mq?.removeEventListener?.('change', update);
      obs?.disconnect();
    };
  }, []);
  return theme;
}

const FORMAT_LABEL: Record<ExportFormat, string> = { svg: 'SVG', 'png-1x': 'PNG 1×', 'png-2x': 'PNG 2×' };

export interface ChartFrameProps {
  title: string;
  description: string;
  /** What the colours mean in a theme; appended to the description on screen and in the file. */
  colourKey?: (theme: ChartTheme) => string;
  /** Subtitle, legend, axis titles and source line of the exported file. */
  exportInfo: ChartExportInfo;
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
  const [exportTheme, setExportTheme] = useState<ExportTheme>('light');
  const imageRef = useRef<HTMLDivElement>(null);
  const shownTheme = useChartTheme();
  const describe = (theme: ChartTheme) => [props.description, props.colourKey?.(theme)].filter(Boolean).join(' ');

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
      const description = describe(exportTheme === 'light' ? 'light' : shownTheme);
      const meta = { ...props.exportInfo, title: props.title, description, fileBase: props.fileBase ?? props.title };
      const result = await exportChart(platform, svg, meta, format, { theme: exportTheme });
      setStatus(result.saved ? { text: `Saved ${result.name ?? FORMAT_LABEL[format]}.`, error: false } : { text: 'Export cancelled.', error: false });
    } catch (err) {
      setStatus({ text: `Export as ${FORMAT_LABEL[format]} failed: ${err instanceof Error ? err.message : String(err)}`, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <figure className={`chart-frame ${props.className ?? ''}`.trim()} aria-labelledby={titleId} data-testid={props.testId}>
      <div className="chart-frame__head">
        <figcaption>
          <h3 className="chart-frame__title" id={titleId}>{props.title}</h3>
          <p className="chart-frame__desc" id={descId}>{describe(shownTheme)}</p>
        </figcaption>
        <div className="chart-frame__toolbar" role="toolbar" aria-label={`${props.title}: view and export`}>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView(view === 'table' ? 'chart' : 'table')}>
            {view === 'table' ? 'Show chart' : 'Show data table'}
          </button>
          <label className="chart-frame__theme">
            Export colours
            <select value={exportTheme} onChange={(e) => setExportTheme(e.target.value === 'shown' ? 'shown' : 'light')}>
              <option value="light">Light</option>
              <option value="shown">As shown</option>
            </select>
          </label>
          <button type="button" onClick={() => void onExport('svg')} disabled={busy}>Export SVG</button>
          <button type="button" onClick={() => void onExport('png-1x')} disabled={busy}>Export PNG 1×</button>
          <button type="button" onClick={() => void onExport('png-2x')} disabled={busy}>Export PNG 2×</button>
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
      <span aria-live="polite">{props.label} {formatNumber(props.first)}–{formatNumber(props.last)} of {formatNumber(props.total)}</span>
      <button type="button" onClick={() => props.onPage(props.pageIndex + 1)} disabled={props.pageIndex >= props.pageCount - 1}>Next rows</button>
    </div>
  );
}
