/**
 * Product-by-finding-kind heat map. Recharts has no heat-map series, and a
 * grid of cells is the clearest mark here, so it is drawn as plain SVG inside
 * the same frame (title, table view, export). Every cell prints its count.
 * Labels are shown whole: the label column and the header band grow with the
 * longest name, and a name longer than the widest column wraps.
 */
import { useId, useMemo, useState } from 'react';
import { buildFindingHeatmap, heatLevel, type FindingHeatmap, type HeatmapInput } from '../../../shared/charts';
import { todayIso } from '../../../shared/domain/dates';
import { KIND_INFO } from '../../../shared/engine';
import { formatCount, formatNumber } from '../../../shared/format';
import { ChartFrame, DataTable, Pager } from './chart-frame';
import { textWidth, wrapText, type LegendEntry } from './export-chart';
import { CHART_VARS, cssVar, type ChartTheme } from './palette';

export interface FindingHeatmapChartProps {
  /** Products, lines and findings; the chart pages through rows itself. */
  input: Omit<HeatmapInput, 'pageIndex'>;
  width?: number;
  onSelectProduct?: (productId: string) => void;
  title?: string;
  /** YYYY-MM-DD the findings are as of (the subtitle of an exported file); today when not given. */
  asOf?: string;
  /** The rule packs named on an exported file. */
  source?: string;
}

const CELL_H = 22;
const LABEL_FS = 11;
const LINE_H = 13;
const MIN_ROW_HEADER_W = 200;
const MAX_ROW_HEADER_W = 360;
const SIN_HEADER = Math.sin((55 * Math.PI) / 180);

/** The count ranges of the heat levels 1–4 for a maximum count. */
export function heatLegend(max: number): LegendEntry[] {
  const out: LegendEntry[] = [{ label: 'No findings', mark: { kind: 'swatch', color: cssVar(CHART_VARS.bg), outline: cssVar(CHART_VARS.grid) } }];
  for (let level = 1; level <= 4; level++) {
    const lo = Math.floor(((level - 1) * max) / 4) + 1;
    const hi = Math.floor((level * max) / 4);
    if (max <= 0 || lo > hi) continue;
    out.push({ label: lo === hi ? formatCount(lo, 'finding') : `${formatNumber(lo)}–${formatNumber(hi)} findings`, mark: { kind: 'swatch', color: `var(--chart-heat-${level})`, outline: cssVar(CHART_VARS.grid) } });
  }
  return out;
}

function colourKey(theme: ChartTheme): string {
  return theme === 'dark'
    ? 'Colours in dark mode: cells run from dark brown (few findings) to bright orange (most findings); empty cells have none.'
    : 'Colours: cells run from pale orange (few findings) to deep vermillion (most findings); empty cells have none.';
}

export function FindingHeatmapChart(props: FindingHeatmapChartProps) {
  const [pageIndex, setPageIndex] = useState(0);
  const hm: FindingHeatmap = useMemo(() => buildFindingHeatmap({ ...props.input, pageIndex }), [props.input, pageIndex]);
  const rid = useId();
  const title = props.title ?? 'Findings per product and kind';
  const rows = hm.window.rows;
  // The label column fits the longest name on the page, up to a limit past which names wrap.
  const longest = Math.max(0, ...rows.map((r) => textWidth(r.product, LABEL_FS)));
  const rowHeaderW = Math.ceil(Math.min(MAX_ROW_HEADER_W, Math.max(MIN_ROW_HEADER_W, longest + 12)));
  const labelLines = rows.map((r) => wrapText(r.product, LABEL_FS, rowHeaderW - 12));
  const rowH = labelLines.map((l) => Math.max(CELL_H, l.length * LINE_H + 8));
  const rowY: number[] = [];
  let acc = 0;
  const headerH = Math.ceil(Math.max(60, ...hm.kinds.map((k) => textWidth(KIND_INFO[k].title, LABEL_FS) * SIN_HEADER + 16)));
  for (const h of rowH) {
    rowY.push(headerH + acc);
    acc += h;
  }
  const width = props.width ?? Math.max(480, rowHeaderW + hm.kinds.length * 48 + 16);
  const cellW = hm.kinds.length ? Math.max(24, Math.min(64, (width - rowHeaderW - 16) / hm.kinds.length)) : 0;
  // The last column header runs up and to the right: room for it.
  const lastHeaderReach = hm.kinds.length ? rowHeaderW + (hm.kinds.length - 0.5) * cellW + Math.max(...hm.kinds.map((k) => textWidth(KIND_INFO[k].title, LABEL_FS))) * Math.cos((55 * Math.PI) / 180) : 0;
  const svgW = Math.ceil(Math.max(width, lastHeaderReach + 8));
  const height = headerH + acc + 8;
  const total = hm.all.reduce((s, r) => s + r.total, 0);
  const description = `Counts of findings by kind for ${formatCount(hm.all.length, 'product')} (${formatCount(total, 'finding')}), most findings first; the colour deepens with the count.${hm.window.pageCount > 1 ? ` Rows ${formatNumber(hm.window.first)}–${formatNumber(hm.window.last)} shown.` : ''}`;

  return (
    <ChartFrame
      title={title}
      description={description}
      colourKey={colourKey}
      exportInfo={{
        scope: `Portfolio: ${formatCount(hm.all.length, 'product')}${hm.window.pageCount > 1 ? `, rows ${formatNumber(hm.window.first)}–${formatNumber(hm.window.last)}` : ''}`,
        asOf: props.asOf ?? todayIso(),
        legend: heatLegend(hm.max),
        axes: { x: 'Finding kind', y: 'Product' },
        source: props.source ?? 'Supportspan analysis',
      }}
      fileBase="findings-heatmap"
      testId="finding-heatmap-chart"
      controls={<Pager label="Products" pageIndex={hm.window.pageIndex} pageCount={hm.window.pageCount} first={hm.window.first} last={hm.window.last} total={hm.window.total} onPage={setPageIndex} />}
      renderTable={() => (
        <DataTable
          caption="Findings per product and kind"
          columns={['Product', 'Product line', ...hm.kinds.map((k) => KIND_INFO[k].title), 'Total']}
          rows={hm.all.map((r) => ({ key: r.productId, cells: [r.product, r.productLine, ...hm.kinds.map((k) => formatNumber(r.counts[k])), formatNumber(r.total)] }))}
        />
      )}
    >
      {hm.kinds.length === 0 ? (
        <p className="chart-note">No findings.</p>
      ) : (
        <svg width={svgW} height={height} viewBox={`0 0 ${svgW} ${height}`} className="heatmap" aria-hidden="true">
          <title id={`${rid}-t`}>{title}</title>
          {hm.kinds.map((k, j) => (
            <text
              key={k}
              transform={`translate(${rowHeaderW + j * cellW + cellW / 2}, ${headerH - 6}) rotate(-55)`}
              fontSize={LABEL_FS}
              className="heatmap-col"
            >
              <title>{KIND_INFO[k].title}</title>
              {KIND_INFO[k].title}
            </text>
          ))}
          {rows.map((r, i) => {
            const y = rowY[i] ?? 0;
            const lines = labelLines[i] ?? [r.product];
            const h = rowH[i] ?? CELL_H;
            return (
              <g key={r.productId} className="heatmap-row" data-product-id={r.productId} onClick={() => props.onSelectProduct?.(r.productId)}>
                <text x={rowHeaderW - 6} y={y + (h - (lines.length - 1) * LINE_H) / 2} textAnchor="end" fontSize={LABEL_FS} className="heatmap-row-label">
                  <title>{r.product}</title>
                  {lines.map((l, li) => <tspan key={li} x={rowHeaderW - 6} dy={li === 0 ? '0.35em' : LINE_H}>{l}</tspan>)}
                </text>
                {hm.kinds.map((k, j) => {
                  const n = r.counts[k];
                  const level = heatLevel(n, hm.max);
                  return (
                    <g key={k} className={`heatmap-cell heatmap-cell--${level}`} data-kind={k} data-count={n}>
                      <rect
                        x={rowHeaderW + j * cellW} y={y} width={cellW - 2} height={h - 2}
                        fill={`var(--chart-heat-${level})`} stroke={cssVar(CHART_VARS.grid)}
                      />
                      {n > 0 && (
                        <text
                          x={rowHeaderW + j * cellW + (cellW - 2) / 2} y={y + (h - 2) / 2} dy="0.35em" textAnchor="middle"
                          className="heatmap-cell-text"
                          style={{ fill: level >= 3 ? 'var(--chart-heat-fg-light)' : 'var(--chart-heat-fg-dark)' }}
                        >
                          {formatNumber(n)}
                        </text>
                      )}
                    </g>
                  );
                })}
              </g>
            );
          })}
        </svg>
      )}
    </ChartFrame>
  );
}
