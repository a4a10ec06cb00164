/**
 * Portfolio gap chart: declared support end minus use end per product,
 * sorted most exposed first, coloured by the product's worst finding
 * severity (and labelled, so colour is not the only cue). Products without
 * the dates are listed as unknown. Large portfolios show the most exposed
 * products and a histogram of every product's gap.
 */
import { useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { GapChart, GapEntry } from '../../../shared/charts';
import { ChartFrame, DataTable } from './chart-frame';
import { CHART_VARS, cssVar, SEVERITY_LABEL, severityColor } from './palette';
import { Sized } from './sized';

export interface PortfolioGapChartProps {
  gap: GapChart;
  width?: number;
  onSelectProduct?: (productId: string) => void;
  title?: string;
}

const BAR_ROW = 22;
const UNKNOWN_SHOWN = 30;

function unitLabel(g: GapChart): string {
  return g.unit === 'days' ? 'days' : 'months';
}

function describe(g: GapChart): string {
  const known = g.entries.length;
  const parts = [`Declared security-support end minus use end for ${known + g.unknown.length} products, in ${unitLabel(g)}; negative means units stay in use without security updates.`];
  parts.push(`${g.exposedCount} of ${known} products with known dates are exposed.`);
  if (g.entries[0]) parts.push(`Most exposed: ${g.entries[0].product} (${g.entries[0].value} ${unitLabel(g)}).`);
  if (g.mode === 'aggregated') parts.push(`Showing the ${g.bars.length} most exposed products; the histogram counts all ${known}.`);
  if (g.unknown.length) parts.push(`${g.unknown.length} product${g.unknown.length === 1 ? ' has' : 's have'} an unknown gap (missing data), listed below the chart, not drawn as zero.`);
  return parts.join(' ');
}

export function PortfolioGapChart(props: PortfolioGapChartProps) {
  const { gap: g, onSelectProduct } = props;
  const [showAllUnknown, setShowAllUnknown] = useState(false);
  const title = props.title ?? 'Support end vs use end, per product';
  const data = g.bars.map((e) => ({ key: e.productId, value: e.value, entry: e }));
  const nameOf = new Map(g.bars.map((e) => [e.productId, e.product]));
  const height = Math.max(160, data.length * BAR_ROW + 60);

  const renderBar = (p: { x?: number; y?: number; width?: number; height?: number; payload?: { entry: GapEntry } }): ReactNode => {
    const e = p.payload?.entry;
    if (!e) return <g />;
    const x = p.x ?? 0, w = p.width ?? 0;
    // Negative bars come with a negative width from Recharts: normalise for the rect.
    const left = w < 0 ? x + w : x;
    return (
      <g className={`gap-bar gap-bar--${e.severity}${e.exposed ? ' gap-bar--exposed' : ''}`} data-product-id={e.productId} data-severity={e.severity} onClick={() => onSelectProduct?.(e.productId)}>
        <rect x={left} y={p.y ?? 0} width={Math.max(1, Math.abs(w))} height={p.height ?? 0} fill={severityColor(e.severity)} stroke={e.exposed ? cssVar(CHART_VARS.fg) : cssVar(CHART_VARS.edge)} strokeWidth={e.exposed ? 2 : 1} />
      </g>
    );
  };

  const tooltip = (p: { active?: boolean; payload?: ReadonlyArray<{ payload?: { entry?: GapEntry } }> }): ReactNode => {
    const e = p.active ? p.payload?.[0]?.payload?.entry : undefined;
    if (!e) return null;
    return (
      <div className="chart-tooltip" style={{ background: cssVar(CHART_VARS.bg), border: `1px solid ${cssVar(CHART_VARS.grid)}`, padding: '0.4rem', fontSize: '0.8rem' }}>
        <strong>{e.product}</strong> ({e.productLine})
        <div>Declared support end: {e.supportEnd.label}</div>
        <div>Use end: {e.useEnd.label}</div>
        <div>Gap: {e.gapDays} days ({e.gapMonths} months){e.exposed ? ', exposed' : ''}</div>
        <div>Worst finding: {SEVERITY_LABEL[e.severity]}</div>
      </div>
    );
  };

  const renderTable = () => (
    <>
      <DataTable
        caption="Gap per product (all products with known dates)"
        columns={['Product', 'Product line', 'Declared support end', 'Use end', 'Gap (days)', 'Gap (months)', 'Exposed', 'Worst severity']}
        rows={g.entries.map((e) => ({ key: e.productId, cells: [e.product, e.productLine, e.supportEnd.label, e.useEnd.label, e.gapDays, e.gapMonths, e.exposed ? 'yes' : 'no', SEVERITY_LABEL[e.severity]] }))}
      />
      {g.unknown.length > 0 && (
        <DataTable
          caption="Products with an unknown gap"
          columns={['Product', 'Product line', 'Missing', 'Worst severity']}
          rows={g.unknown.map((u) => ({ key: u.productId, cells: [u.product, u.productLine, u.missing.join('; '), SEVERITY_LABEL[u.severity]] }))}
        />
      )}
    </>
  );

  const unknownShown = showAllUnknown ? g.unknown : g.unknown.slice(0, UNKNOWN_SHOWN);
  const footer = (
    <>
      <ul className="chart-legend" aria-label="Legend">
        {(['high', 'medium', 'low', 'none'] as const).map((s) => (
          <li key={s}><span className="chart-legend__swatch" style={{ background: severityColor(s) }} />Worst finding: {SEVERITY_LABEL[s]}</li>
        ))}
        <li>Thick outline: exposed (support ends before use ends)</li>
      </ul>
      {g.unknown.length > 0 && (
        <div className="gap-unknown">
          <p className="chart-note">Unknown gap (missing data), {g.unknown.length} product{g.unknown.length === 1 ? '' : 's'}:</p>
          <ul className="chart-unknown-list" data-testid="gap-unknown-list">
            {unknownShown.map((u) => (
              <li key={u.productId}>
                {onSelectProduct ? <button type="button" className="link-button" onClick={() => onSelectProduct(u.productId)}>{u.product}</button> : u.product}: unknown ({u.missing.join('; ')} missing)
              </li>
            ))}
          </ul>
          {g.unknown.length > UNKNOWN_SHOWN && (
            <button type="button" onClick={() => setShowAllUnknown(!showAllUnknown)}>{showAllUnknown ? 'Show fewer' : `Show all ${g.unknown.length}`}</button>
          )}
        </div>
      )}
    </>
  );

  return (
    <>
      <ChartFrame title={title} description={describe(g)} fileBase="portfolio-gap" renderTable={renderTable} footer={footer} testId="portfolio-gap-chart">
        {data.length === 0 ? (
          <p className="chart-note">No product has both a declared support end and a use end yet.</p>
        ) : (
          <Sized width={props.width} height={height}>
            {(w) => (
              <BarChart {...(w !== undefined ? { width: w, height } : {})} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 24, left: 8 }} accessibilityLayer={false} title={title}>
                <CartesianGrid horizontal={false} />
                <XAxis type="number" dataKey="value" label={{ value: `Support end − use end (${unitLabel(g)})`, position: 'insideBottom', offset: -14, fontSize: 11 }} />
                <YAxis type="category" dataKey="key" width={180} interval={0} tickFormatter={(k: string) => truncate(nameOf.get(k) ?? k)} fontSize={11} />
                <ReferenceLine x={0} stroke={cssVar(CHART_VARS.fg)} strokeWidth={2} className="gap-zero" />
                <Bar dataKey="value" isAnimationActive={false} shape={renderBar} maxBarSize={18} />
                <Tooltip content={tooltip} isAnimationActive={false} />
              </BarChart>
            )}
          </Sized>
        )}
      </ChartFrame>
      {g.histogram && <GapHistogram gap={g} width={props.width} />}
    </>
  );
}

function truncate(s: string): string {
  return s.length > 26 ? `${s.slice(0, 25)}…` : s;
}

/** All known gaps in one-year buckets: the aggregate view for large portfolios. */
export function GapHistogram(props: { gap: GapChart; width?: number }) {
  const buckets = props.gap.histogram ?? [];
  const data = buckets.map((b) => ({ key: b.key, label: b.label, count: b.count, bucket: b }));
  const height = 240;
  const title = 'Distribution of support-end gaps (all products)';
  const description = `How many products fall into each one-year gap bucket; buckets left of zero are exposed. ${props.gap.entries.length} products with known dates, ${props.gap.exposedCount} exposed.`;
  return (
    <ChartFrame
      title={title}
      description={description}
      fileBase="portfolio-gap-histogram"
      testId="portfolio-gap-histogram"
      renderTable={() => (
        <DataTable caption="Products per gap bucket (years)" columns={['Gap', 'Products', 'Exposed']} rows={buckets.map((b) => ({ key: b.key, cells: [b.label, b.count, b.exposed ? 'yes' : 'no'] }))} />
      )}
    >
      <Sized width={props.width} height={height}>
        {(w) => (
          <BarChart {...(w !== undefined ? { width: w, height } : {})} data={data} margin={{ top: 8, right: 16, bottom: 40, left: 8 }} accessibilityLayer={false} title={title}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="label" interval={0} angle={-40} textAnchor="end" fontSize={10} height={50} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Bar
              dataKey="count"
              isAnimationActive={false}
              shape={(p: { x?: number; y?: number; width?: number; height?: number; payload?: { bucket: { exposed: boolean; key: string } } }) => (
                <rect
                  className={`gap-bucket${p.payload?.bucket.exposed ? ' gap-bucket--exposed' : ''}`}
                  data-bucket={p.payload?.bucket.key}
                  x={p.x} y={p.y} width={p.width} height={p.height}
                  fill={p.payload?.bucket.exposed ? cssVar(CHART_VARS.withoutSupport) : cssVar(CHART_VARS.supported)}
                />
              )}
            />
            <Tooltip isAnimationActive={false} />
          </BarChart>
        )}
      </Sized>
    </ChartFrame>
  );
}
