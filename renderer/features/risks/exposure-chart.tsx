/**
 * Exposure over time: per product, the units in use without security support
 * per year, from the fleet forecast of its lifecycle risks (RiskRow.exposureByYear).
 * A product with several lifecycle risks is drawn with the largest count per
 * year, so units exposed to two risks are not counted twice.
 */
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatNumber, formatUnitYears } from '../../../shared/format';
import { todayIso } from '../../../shared/domain/dates';
import type { RiskRow } from '../../../shared/risk';
import { ChartFrame, DataTable } from '../charts/chart-frame';
import { CHART_VARS, cssVar, OKABE_ITO } from '../charts/palette';
import type { LegendEntry } from '../charts/export-chart';
import { Sized } from '../charts/sized';

export interface ProductExposure {
  productId: string;
  product: string;
  byYear: Map<number, number>;
  /** The largest exposure of one of its risks, in unit-years. */
  unitYears: number;
}

/** Per product, the units without support per year (largest over its risks) and the largest unit-years of one risk. */
export function exposureByProduct(rows: readonly RiskRow[]): ProductExposure[] {
  const out = new Map<string, ProductExposure>();
  for (const r of rows) {
    if (r.exposureByYear.length === 0) continue;
    const p = out.get(r.productId) ?? { productId: r.productId, product: r.product, byYear: new Map<number, number>(), unitYears: 0 };
    for (const y of r.exposureByYear) p.byYear.set(y.year, Math.max(p.byYear.get(y.year) ?? 0, y.unitsWithoutSupport));
    p.unitYears = Math.max(p.unitYears, r.exposureUnitYears ?? 0);
    out.set(r.productId, p);
  }
  return [...out.values()].sort((a, b) => b.unitYears - a.unitYears || a.product.localeCompare(b.product));
}

/** Okabe-Ito hues that read on both themes, and a dash per series so colour is not the only difference. */
const SERIES = [OKABE_ITO.vermillion, OKABE_ITO.skyBlue, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.blue];
const DASHES = ['', '6 3', '2 3', '8 3 2 3', '4 4', '1 2'];
export const MAX_SERIES = SERIES.length;

const SERIES_NAMES = ['vermillion', 'sky blue', 'bluish green', 'orange', 'reddish purple', 'blue'];
const DASH_NAMES = ['solid', 'dashed', 'dotted', 'dash-dot', 'even dashes', 'fine dots'];

export function RiskExposureChart(props: { rows: readonly RiskRow[]; width?: number; limitedTo?: string; asOf?: string; source?: string }) {
  const all = exposureByProduct(props.rows);
  const shown = all.slice(0, MAX_SERIES);
  const years = [...new Set(shown.flatMap((p) => [...p.byYear.keys()]))].sort((a, b) => a - b);
  const data = years.map((year) => {
    const point: Record<string, number | null> = { year };
    for (const p of shown) point[p.productId] = p.byYear.get(year) ?? null;
    return point;
  });
  const title = 'Exposure over time';
  const description = shown.length === 0
    ? 'No product in the register has a fleet forecast with units without support.'
    : `Units in use without security support per year for ${shown.map((p) => p.product).join(', ')}${props.limitedTo ? ` (${props.limitedTo})` : ''}${all.length > shown.length ? `; the ${shown.length} most exposed of ${all.length} products are drawn, choose a product to see another` : ''}.`;
  const height = 280;
  const legend: LegendEntry[] = shown.map((p, i) => ({ label: `${p.product} (${formatUnitYears(p.unitYears)})`, mark: { kind: 'line', color: SERIES[i]!, ...(DASHES[i] ? { dash: DASHES[i] } : {}) } }));
  const tooltip = (p: { active?: boolean; label?: unknown; payload?: ReadonlyArray<{ name?: unknown; value?: unknown; dataKey?: unknown }> }) => {
    if (!p.active || !p.payload?.length) return null;
    return (
      <div className="chart-tooltip" style={{ background: cssVar(CHART_VARS.bg), border: `1px solid ${cssVar(CHART_VARS.grid)}`, padding: '0.4rem', fontSize: '0.8rem' }}>
        <strong>{String(p.label)}</strong>
        {p.payload.map((x) => <div key={String(x.dataKey)}>{String(x.name)}: {typeof x.value === 'number' ? formatNumber(x.value) : '—'} units</div>)}
      </div>
    );
  };
  return (
    <ChartFrame
      title={title}
      description={description}
      colourKey={(theme) => (shown.length === 0 ? '' : `Colours${theme === 'dark' ? ' in dark mode' : ''} (the same in both themes) and line styles: ${shown.map((p, i) => `${p.product} ${SERIES_NAMES[i]} ${DASH_NAMES[i]}`).join(', ')}.`)}
      exportInfo={{
        scope: `Risk register${props.limitedTo ? `, ${props.limitedTo}` : ''}: ${formatCount(shown.length, 'product')}${all.length > shown.length ? ` of ${formatNumber(all.length)}` : ''}`,
        asOf: props.asOf ?? todayIso(),
        legend,
        axes: { x: 'Year', y: 'Units in use without security support' },
        source: props.source ?? 'risk register, fleet forecast of lifecycle risks',
      }}
      fileBase="risk-exposure"
      testId="risk-exposure-chart"
      renderTable={() => (
        <DataTable
          caption="Units in use without security support per year"
          columns={['Year', ...shown.map((p) => p.product)]}
          rows={data.map((d) => ({ key: String(d.year), cells: [d.year, ...shown.map((p) => (d[p.productId] == null ? '—' : formatNumber(d[p.productId]!)))] }))}
        />
      )}
      footer={shown.length > 0 && (
        <ul className="chart-legend" aria-label="Legend">
          {shown.map((p, i) => (
            <li key={p.productId}>
              <span className="chart-legend__line" style={{ borderTopColor: SERIES[i], borderTopStyle: DASHES[i] ? 'dashed' : 'solid' }} />
              {p.product} ({formatUnitYears(p.unitYears)})
            </li>
          ))}
        </ul>
      )}
    >
      {shown.length === 0 ? (
        <p className="chart-note">Nothing to draw: enter units placed on the market per year and support ends to see the exposure.</p>
      ) : (
        <Sized width={props.width} height={height}>
          {(w) => (
            <LineChart {...(w !== undefined ? { width: w, height } : {})} data={data} margin={{ top: 8, right: 16, bottom: 24, left: 16 }} accessibilityLayer={false}>
              <CartesianGrid vertical={false} />
              <XAxis dataKey="year" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tickCount={Math.min(12, data.length)} label={{ value: 'Year', position: 'insideBottom', offset: -12, fill: cssVar(CHART_VARS.muted), className: 'chart-axis-label' }} />
              <YAxis tickFormatter={(v: number) => formatNumber(v)} width={80} label={{ value: 'Units without support', angle: -90, position: 'insideLeft', offset: -4, fill: cssVar(CHART_VARS.muted), style: { textAnchor: 'middle' }, className: 'chart-axis-label' }} />
              {shown.map((p, i) => (
                <Line key={p.productId} type="monotone" dataKey={p.productId} name={p.product} stroke={SERIES[i]} strokeWidth={2} strokeDasharray={DASHES[i]} dot={false} connectNulls isAnimationActive={false} />
              ))}
              <Tooltip content={tooltip} isAnimationActive={false} />
            </LineChart>
          )}
        </Sized>
      )}
    </ChartFrame>
  );
}
