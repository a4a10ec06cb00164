/**
 * Product-by-finding-kind heat map. Recharts has no heat-map series, and a
 * grid of cells is the clearest mark here, so it is drawn as plain SVG inside
 * the same frame (title, table view, export). Every cell prints its count.
 */
import { useId, useMemo, useState } from 'react';
import { buildFindingHeatmap, heatLevel, type FindingHeatmap, type HeatmapInput } from '../../../shared/charts';
import { KIND_INFO } from '../../../shared/engine';
import { ChartFrame, DataTable, Pager } from './chart-frame';
import { CHART_VARS, cssVar } from './palette';

export interface FindingHeatmapChartProps {
  /** Products, lines and findings; the chart pages through rows itself. */
  input: Omit<HeatmapInput, 'pageIndex'>;
  width?: number;
  onSelectProduct?: (productId: string) => void;
  title?: string;
}

const CELL_H = 22;
const HEADER_H = 150;
const ROW_HEADER_W = 200;

export function FindingHeatmapChart(props: FindingHeatmapChartProps) {
  const [pageIndex, setPageIndex] = useState(0);
  const hm: FindingHeatmap = useMemo(() => buildFindingHeatmap({ ...props.input, pageIndex }), [props.input, pageIndex]);
  const rid = useId();
  const title = props.title ?? 'Findings per product and kind';
  const width = props.width ?? Math.max(480, ROW_HEADER_W + hm.kinds.length * 48 + 16);
  const cellW = hm.kinds.length ? Math.max(24, Math.min(64, (width - ROW_HEADER_W - 16) / hm.kinds.length)) : 0;
  const rows = hm.window.rows;
  const height = HEADER_H + rows.length * CELL_H + 8;
  const total = hm.all.reduce((s, r) => s + r.total, 0);
  const description = `Counts of findings by kind for ${hm.all.length} products (${total} findings), most findings first; darker cells hold more findings.${hm.window.pageCount > 1 ? ` Rows ${hm.window.first}–${hm.window.last} shown.` : ''}`;

  return (
    <ChartFrame
      title={title}
      description={description}
      fileBase="findings-heatmap"
      testId="finding-heatmap-chart"
      controls={<Pager label="Products" pageIndex={hm.window.pageIndex} pageCount={hm.window.pageCount} first={hm.window.first} last={hm.window.last} total={hm.window.total} onPage={setPageIndex} />}
      renderTable={() => (
        <DataTable
          caption="Findings per product and kind"
          columns={['Product', 'Product line', ...hm.kinds.map((k) => KIND_INFO[k].title), 'Total']}
          rows={hm.all.map((r) => ({ key: r.productId, cells: [r.product, r.productLine, ...hm.kinds.map((k) => r.counts[k]), r.total] }))}
        />
      )}
    >
      {hm.kinds.length === 0 ? (
        <p className="chart-note">No findings.</p>
      ) : (
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="heatmap" aria-hidden="true">
          <title id={`${rid}-t`}>{title}</title>
          {hm.kinds.map((k, j) => (
            <text
              key={k}
              transform={`translate(${ROW_HEADER_W + j * cellW + cellW / 2}, ${HEADER_H - 6}) rotate(-55)`}
              fontSize={11}
              className="heatmap-col"
            >
              {KIND_INFO[k].title}
            </text>
          ))}
          {rows.map((r, i) => {
            const y = HEADER_H + i * CELL_H;
            return (
              <g key={r.productId} className="heatmap-row" data-product-id={r.productId} onClick={() => props.onSelectProduct?.(r.productId)}>
                <text x={ROW_HEADER_W - 6} y={y + CELL_H / 2} dy="0.35em" textAnchor="end" fontSize={11}>
                  {r.product.length > 28 ? `${r.product.slice(0, 27)}…` : r.product}
                </text>
                {hm.kinds.map((k, j) => {
                  const n = r.counts[k];
                  const level = heatLevel(n, hm.max);
                  return (
                    <g key={k} className={`heatmap-cell heatmap-cell--${level}`} data-kind={k} data-count={n}>
                      <rect
                        x={ROW_HEADER_W + j * cellW} y={y} width={cellW - 2} height={CELL_H - 2}
                        fill={`var(--chart-heat-${level})`} stroke={cssVar(CHART_VARS.grid)}
                      />
                      {n > 0 && (
                        <text
                          x={ROW_HEADER_W + j * cellW + (cellW - 2) / 2} y={y + (CELL_H - 2) / 2} dy="0.35em" textAnchor="middle"
                          className="heatmap-cell-text"
                          style={{ fill: level >= 3 ? 'var(--chart-heat-fg-light)' : 'var(--chart-heat-fg-dark)' }}
                        >
                          {n}
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
