/**
 * Portfolio gap chart: declared support end minus use end per product,
 * sorted most exposed first, coloured by the product's worst finding
 * severity (and labelled, so colour is not the only cue). Products without
 * the dates are listed as unknown. Large portfolios show the most exposed
 * products and a histogram of every product's gap.
 */
import { useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { GapChart, GapEntry, WorstSeverity } from '../../../shared/charts';
import { todayIso } from '../../../shared/domain/dates';
import { formatCount, formatGapDays, formatNumber } from '../../../shared/format';
import { ChartFrame, DataTable } from './chart-frame';
import type { ChartExportInfo, LegendEntry } from './export-chart';
import { CHART_VARS, colourName, cssVar, SEVERITY_LABEL, severityColor, type ChartTheme } from './palette';
import { Sized } from './sized';

export interface PortfolioGapChartProps {
  gap: GapChart;
  width?: number;
  onSelectProduct?: (productId: string) => void;
  title?: string;
  /** YYYY-MM-DD the gaps are as of (the subtitle of an exported file); today when not given. */
  asOf?: string;
  /** The rule packs named on an exported file. */
  source?: string;
}

const SEVERITIES: WorstSeverity[] = ['high', 'medium', 'low', 'none'];

function gapColourKey(theme: ChartTheme): string {
  const c = (s: WorstSeverity) => colourName(CHART_VARS.severity[s], theme);
  return `Colours${theme === 'dark' ? ' in dark mode' : ''}: the worst finding of a product, high ${c('high')}, medium ${c('medium')}, low ${c('low')}, none ${c('none')}; exposed products have a thick ${colourName(CHART_VARS.fg, theme) || 'dark'} outline.`;
}

function portfolioScope(g: GapChart): string {
  return `Portfolio: ${formatCount(g.entries.length + g.unknown.length, 'product')}`;
}

const fmtValue = (g: GapChart, v: number): string => formatNumber(v, g.unit === 'days' ? 0 : Number.isInteger(v) ? 0 : 1);

const BAR_ROW = 22;
const UNKNOWN_SHOWN = 30;

function unitLabel(g: GapChart): string {
  return g.unit === 'days' ? 'days' : 'months';
}

function describe(g: GapChart): string {
  const known = g.entries.length;
  const parts = [`Declared security-support end minus use end for ${formatCount(known + g.unknown.length, 'product')}, in ${unitLabel(g)}; negative means units stay in use without security updates.`];
  parts.push(`${formatNumber(g.exposedCount)} of ${formatCount(known, 'product')} with known dates ${g.exposedCount === 1 ? 'is' : 'are'} exposed.`);
  if (g.entries[0]) parts.push(`Most exposed: ${g.entries[0].product} (${fmtValue(g, g.entries[0].value)} ${unitLabel(g)}).`);
  if (g.mode === 'aggregated') parts.push(`Showing the ${formatNumber(g.bars.length)} most exposed products; the histogram counts all ${formatNumber(known)}.`);
  if (g.unknown.length) parts.push(`${formatCount(g.unknown.length, 'product')} ${g.unknown.length === 1 ? 'has' : 'have'} an unknown gap (missing data), listed below the chart, not drawn as zero.`);
  return parts.join(' ');
}

export function PortfolioGapChart(props: PortfolioGapChartProps) {
  const { gap: g, onSelectProduct } = props;
  const [showAllUnknown, setShowAllUnknown] = useState(false);
  const title = props.title ?? 'Support end vs use end, per product';
  const data = g.bars.map((e) => ({ key: e.productId, value: e.value, entry: e }));
  const nameOf = new Map(g.bars.map((e) => [e.productId, e.product]));
  const height = Math.max(160, data.length * BAR_ROW + 60);
  const legend: LegendEntry[] = [
    ...SEVERITIES.filter((s) => g.bars.some((e) => e.severity === s)).map((s) => ({ label: `Worst finding: ${SEVERITY_LABEL[s]}`, mark: { kind: 'swatch' as const, color: severityColor(s) } })),
    ...(g.bars.some((e) => e.exposed) ? [{ label: 'Thick outline: exposed (support ends before use ends)', mark: { kind: 'outline' as const, color: cssVar(CHART_VARS.fg), width: 2 } }] : []),
    { label: 'Zero: support ends when use ends', mark: { kind: 'marker', color: cssVar(CHART_VARS.fg) } },
  ];
  const exportInfo: ChartExportInfo = {
    scope: `${portfolioScope(g)}${g.mode === 'aggregated' ? `, the ${formatNumber(g.bars.length)} most exposed drawn` : ''}${g.unknown.length ? `, ${formatNumber(g.unknown.length)} with an unknown gap not drawn` : ''}`,
    asOf: props.asOf ?? todayIso(),
    legend,
    axes: { x: `Support end − use end (${unitLabel(g)})`, y: 'Product' },
    source: props.source ?? 'Supportspan analysis',
  };

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
        <div>Gap: {formatGapDays(e.gapDays)}{e.exposed ? ', exposed' : ''}</div>
        <div>Worst finding: {SEVERITY_LABEL[e.severity]}</div>
      </div>
    );
  };

  const renderTable = () => (
    <>
      <DataTable
        caption="Gap per product (all products with known dates)"
        columns={['Product', 'Product line', 'Declared support end', 'Use end', 'Gap (days)', 'Gap (months)', 'Exposed', 'Worst severity']}
        rows={g.entries.map((e) => ({ key: e.productId, cells: [e.product, e.productLine, e.supportEnd.label, e.useEnd.label, formatNumber(e.gapDays), formatNumber(e.gapMonths, Number.isInteger(e.gapMonths) ? 0 : 1), e.exposed ? 'yes' : 'no', SEVERITY_LABEL[e.severity]] }))}
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
          <p className="chart-note">Unknown gap (missing data), {formatCount(g.unknown.length, 'product')}:</p>
          <ul className="chart-unknown-list" data-testid="gap-unknown-list">
            {unknownShown.map((u) => (
              <li key={u.productId}>
                {onSelectProduct ? <button type="button" className="link-button" onClick={() => onSelectProduct(u.productId)}>{u.product}</button> : u.product}: unknown ({u.missing.join('; ')} missing)
              </li>
            ))}
          </ul>
          {g.unknown.length > UNKNOWN_SHOWN && (
            <button type="button" onClick={() => setShowAllUnknown(!showAllUnknown)}>{showAllUnknown ? 'Show fewer' : `Show all ${formatNumber(g.unknown.length)}`}</button>
          )}
        </div>
      )}
    </>
  );

  return (
    <>
      <ChartFrame title={title} description={describe(g)} colourKey={gapColourKey} exportInfo={exportInfo} fileBase="portfolio-gap" renderTable={renderTable} footer={footer} testId="portfolio-gap-chart">
        {data.length === 0 ? (
          <p className="chart-note">No product has both a declared support end and a use end yet.</p>
        ) : (
          <Sized width={props.width} height={height}>
            {(w) => (
              <BarChart {...(w !== undefined ? { width: w, height } : {})} data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 24, left: 8 }} accessibilityLayer={false} title={title}>
                <CartesianGrid horizontal={false} />
                <XAxis type="number" dataKey="value" tickFormatter={(v: number) => fmtValue(g, v)} label={{ value: `Support end − use end (${unitLabel(g)})`, position: 'insideBottom', offset: -14, fontSize: 11, className: 'chart-axis-label' }} />
                <YAxis type="category" dataKey="key" width={180} interval={0} tickFormatter={(k: string) => truncate(nameOf.get(k) ?? k)} fontSize={11} />
                <ReferenceLine x={0} stroke={cssVar(CHART_VARS.fg)} strokeWidth={2} className="gap-zero" />
                <Bar dataKey="value" isAnimationActive={false} shape={renderBar} maxBarSize={18} />
                <Tooltip content={tooltip} isAnimationActive={false} />
              </BarChart>
            )}
          </Sized>
        )}
      </ChartFrame>
      {g.histogram && <GapHistogram gap={g} width={props.width} asOf={props.asOf} source={props.source} />}
    </>
  );
}

function truncate(s: string): string {
  return s.length > 26 ? `${s.slice(0, 25)}…` : s;
}

/** All known gaps in one-year buckets: the aggregate view for large portfolios. */
export function GapHistogram(props: { gap: GapChart; width?: number; asOf?: string; source?: string }) {
  const buckets = props.gap.histogram ?? [];
  const data = buckets.map((b) => ({ key: b.key, label: b.label, count: b.count, bucket: b }));
  const height = 240;
  const title = 'Distribution of support-end gaps (all products)';
  const description = `How many products fall into each one-year gap bucket; buckets left of zero are exposed. ${formatCount(props.gap.entries.length, 'product')} with known dates, ${formatNumber(props.gap.exposedCount)} exposed.`;
  return (
    <ChartFrame
      title={title}
      description={description}
      colourKey={(theme) => `Colours${theme === 'dark' ? ' in dark mode' : ''}: exposed buckets ${colourName(CHART_VARS.withoutSupport, theme)}, the others ${colourName(CHART_VARS.supported, theme)}.`}
      exportInfo={{
        scope: portfolioScope(props.gap),
        asOf: props.asOf ?? todayIso(),
        legend: [
          { label: 'Exposed (support ends before use ends)', mark: { kind: 'swatch', color: cssVar(CHART_VARS.withoutSupport) } },
          { label: 'Not exposed', mark: { kind: 'swatch', color: cssVar(CHART_VARS.supported) } },
        ],
        axes: { x: 'Support end − use end (years)', y: 'Products' },
        source: props.source ?? 'Supportspan analysis',
      }}
      fileBase="portfolio-gap-histogram"
      testId="portfolio-gap-histogram"
      renderTable={() => (
        <DataTable caption="Products per gap bucket (years)" columns={['Gap', 'Products', 'Exposed']} rows={buckets.map((b) => ({ key: b.key, cells: [b.label, formatNumber(b.count), b.exposed ? 'yes' : 'no'] }))} />
      )}
    >
      <Sized width={props.width} height={height}>
        {(w) => (
          <BarChart {...(w !== undefined ? { width: w, height } : {})} data={data} margin={{ top: 8, right: 16, bottom: 40, left: 8 }} accessibilityLayer={false} title={title}>
            <CartesianGrid vertical={false} />
            <XAxis dataKey="label" interval={0} angle={-40} textAnchor="end" fontSize={10} height={50} />
            <YAxis allowDecimals={false} fontSize={11} tickFormatter={(v: number) => formatNumber(v)} />
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
