/**
 * Fleet exposure: per year, units in use split into supported and without
 * security support (stacked areas), from the engine's fleet forecast. The
 * what-if control (extend the declared support, or swap a component for one
 * with a different support end) draws its curve over the current one as
 * dashed lines, so both stay visible. Each year is a step (fleetSteps): the
 * year in which support ends is split at that day, so no unsupported area is
 * drawn before the support end.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { buildFleetExposure, fleetSteps, fleetTicks, planWhatIf, type ChartFleetForecast, type FleetExposure, type WhatIf } from '../../../shared/charts';
import type { Product } from '../../../shared/domain';
import { parseLifecycleDate } from '../../../shared/domain/dates';
import { forecastFleet } from '../../../shared/engine';
import { formatNumber, formatUnitYears } from '../../../shared/format';
import { ChartFrame, DataTable } from './chart-frame';
import type { LegendEntry } from './export-chart';
import { CHART_VARS, colourName, cssVar, type ChartTheme } from './palette';
import { Sized } from './sized';

/** How a forecast is computed; the engine's by default. `undefined` override = the effective support end. */
export type ForecastFn = (product: Product, supportEndOverride: string | null | undefined) => ChartFleetForecast;

export interface FleetExposureChartProps {
  product: Product;
  asOf: string;
  width?: number;
  /** Defaults to the engine's forecastFleet at `asOf`. */
  forecast?: ForecastFn;
  /** Start with this what-if applied (e.g. restoring a draft). */
  initialWhatIf?: WhatIf | null;
  onWhatIfChange?: (whatIf: WhatIf | null) => void;
  title?: string;
  /** The data source named on an exported file. */
  source?: string;
}

type Mode = 'none' | 'extend' | 'swap';

/** Units or "unknown": without a support end the units without support are unknown, never zero. */
const units = (v: number | null): string => (v === null ? 'unknown' : formatNumber(v));

function colourKey(f: FleetExposure, showWhatIf: boolean, theme: ChartTheme): string {
  const c = (v: string) => colourName(v, theme);
  return `Colours${theme === 'dark' ? ' in dark mode' : ''}: units in use and supported ${c(CHART_VARS.supported)}, without security support ${c(CHART_VARS.withoutSupport)}${f.unitYearsWithout === null ? `, support unknown ${c(CHART_VARS.grid)}` : ''}${showWhatIf ? `; the what-if as ${c(CHART_VARS.whatIf)} dashed (without support) and dotted (supported) lines` : ''}.`;
}

function describe(f: FleetExposure, productName: string, whatIfLabel: string | null): string {
  if (!f.hasUnits) return `No units per year are recorded for ${productName}, so there is no fleet to forecast.`;
  const peak = f.points.reduce((m, p) => (p.unitsInUse > m.unitsInUse ? p : m), f.points[0] as FleetExposure['points'][number]);
  const parts = [
    `Units of ${productName} in use per year (peak ${formatNumber(peak.unitsInUse)} in ${peak.year}), split into supported and without security support; support ends ${f.supportEnd.label}.`,
    f.unitYearsWithout === null ? 'Unit-years without support: unknown (no declared support end).' : `Unit-years without support: ${formatUnitYears(f.unitYearsWithout)}.`,
  ];
  if (f.whatIfUnitYearsWithout !== null && whatIfLabel) parts.push(`What-if (${whatIfLabel}, support end ${f.whatIfSupportEnd?.label ?? 'unknown'}): ${formatUnitYears(f.whatIfUnitYearsWithout)} without support.`);
  return parts.join(' ');
}

export function FleetExposureChart(props: FleetExposureChartProps) {
  const { product, asOf } = props;
  const forecast: ForecastFn = props.forecast ?? ((p, override) => forecastFleet(p, { asOf, ...(override !== undefined ? { supportEndOverride: override } : {}) }));
  const rid = useId();
  const init = props.initialWhatIf ?? null;
  const [mode, setMode] = useState<Mode>(init?.kind ?? 'none');
  const [months, setMonths] = useState(init?.kind === 'extend' ? String(init.months) : '12');
  const itComponents = product.components.filter((c) => c.class === 'it');
  const [componentId, setComponentId] = useState(init?.kind === 'swap' ? init.componentId : (itComponents[0]?.id ?? ''));
  const [replacementEnd, setReplacementEnd] = useState(init?.kind === 'swap' ? init.securitySupportEnd : '');

  const { whatIf, inputError } = readWhatIf(mode, months, componentId, replacementEnd);
  const plan = whatIf ? planWhatIf(product, whatIf) : null;

  const exposure = useMemo(() => {
    const current = forecast(product, plan?.currentOverride);
    const alt = plan && plan.whatIfOverride !== undefined ? forecast(product, plan.whatIfOverride) : null;
    return buildFleetExposure(current, alt);
    // The forecast function identity changes per render; the inputs that matter are listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [product, asOf, props.forecast, plan?.currentOverride, plan?.whatIfOverride]);

  const whatIfLabel = whatIf ? (whatIf.kind === 'extend' ? `support extended by ${whatIf.months} months` : `${product.components.find((c) => c.id === whatIf.componentId)?.name ?? whatIf.componentId} swapped for one supported until ${whatIf.securitySupportEnd}`) : null;
  const showWhatIf = exposure.whatIfUnitYearsWithout !== null;
  const title = props.title ?? `Fleet exposure: ${product.name}`;
  const height = 300;
  const data = exposure.points;
  const steps = useMemo(() => fleetSteps(exposure), [exposure]);
  const byYear = new Map(data.map((p) => [p.year, p]));
  const ticks = data.length ? fleetTicks(data[0]!.year, data[data.length - 1]!.year) : [];
  const legend: LegendEntry[] = [
    { label: 'In use, supported', mark: { kind: 'swatch', color: cssVar(CHART_VARS.supported) } },
    { label: 'In use without security support', mark: { kind: 'swatch', color: cssVar(CHART_VARS.withoutSupport) } },
    ...(exposure.unitYearsWithout === null ? [{ label: 'In use, support unknown (no declared support end)', mark: { kind: 'swatch' as const, color: cssVar(CHART_VARS.grid) } }] : []),
    ...(showWhatIf ? [
      { label: 'What-if: without security support', mark: { kind: 'line' as const, color: cssVar(CHART_VARS.whatIf), dash: '6 4' } },
      { label: 'What-if: supported', mark: { kind: 'line' as const, color: cssVar(CHART_VARS.whatIf), dash: '2 3', width: 1.5 } },
    ] : []),
  ];
  const change = (next: { mode?: Mode; months?: string; componentId?: string; replacementEnd?: string }) => {
    const m = next.mode ?? mode;
    if (next.mode !== undefined) setMode(next.mode);
    if (next.months !== undefined) setMonths(next.months);
    if (next.componentId !== undefined) setComponentId(next.componentId);
    if (next.replacementEnd !== undefined) setReplacementEnd(next.replacementEnd);
    props.onWhatIfChange?.(readWhatIf(m, next.months ?? months, next.componentId ?? componentId, next.replacementEnd ?? replacementEnd).whatIf);
  };

  const controls = (
    <div className="chart-controls" role="group" aria-label="What-if scenario">
      <label>
        What-if
        <select value={mode} onChange={(e) => change({ mode: e.target.value as Mode })}>
          <option value="none">None</option>
          <option value="extend">Extend support</option>
          <option value="swap" disabled={itComponents.length === 0}>Swap a component</option>
        </select>
      </label>
      {mode === 'extend' && (
        <label>
          Extend by (months)
          <input type="number" inputMode="numeric" min={1} max={600} step={1} value={months} onChange={(e) => change({ months: e.target.value })} aria-describedby={`${rid}-err`} />
        </label>
      )}
      {mode === 'swap' && (
        <>
          <label>
            Component
            <select value={componentId} onChange={(e) => change({ componentId: e.target.value })}>
              {itComponents.map((c) => <option key={c.id} value={c.id}>{c.name} (support {c.securitySupportEnd ?? 'unknown'})</option>)}
            </select>
          </label>
          <label>
            Replacement security-support end
            <input type="text" placeholder="YYYY-MM or YYYY-MM-DD" value={replacementEnd} onChange={(e) => change({ replacementEnd: e.target.value })} aria-describedby={`${rid}-err`} />
          </label>
        </>
      )}
      <p id={`${rid}-err`} className={inputError || (plan?.reason && plan.whatIfOverride === undefined) ? 'chart-error' : 'chart-note'} role="status">
        {inputError ?? plan?.reason ?? ''}
      </p>
    </div>
  );

  const tooltip = (p: { active?: boolean; label?: unknown; payload?: ReadonlyArray<{ payload?: FleetExposure['points'][number] }> }): ReactNode => {
    const hovered = p.active ? p.payload?.[0]?.payload : undefined;
    const pt = hovered ? byYear.get(hovered.year) : undefined;
    if (!pt) return null;
    return (
      <div className="chart-tooltip" style={{ background: cssVar(CHART_VARS.bg), border: `1px solid ${cssVar(CHART_VARS.grid)}`, padding: '0.4rem', fontSize: '0.8rem' }}>
        <strong>{pt.year}</strong>
        <div>In use: {formatNumber(pt.unitsInUse)}</div>
        <div>Supported: {units(pt.supported)}</div>
        <div>Without security support: {units(pt.withoutSupport)}</div>
        {showWhatIf && <div>What-if, without support: {units(pt.whatIfWithoutSupport)}</div>}
      </div>
    );
  };

  const renderTable = () => (
    <DataTable
      caption={`Fleet forecast of ${product.name}`}
      columns={['Year', 'Units in use', 'Supported', 'Without security support', ...(showWhatIf ? ['What-if: supported', 'What-if: without security support'] : [])]}
      rows={data.map((pt) => ({
        key: String(pt.year),
        cells: [pt.year, formatNumber(pt.unitsInUse), units(pt.supported), units(pt.withoutSupport), ...(showWhatIf ? [units(pt.whatIfSupported), units(pt.whatIfWithoutSupport)] : [])],
      }))}
    />
  );

  const footer = (
    <>
      <ul className="chart-legend" aria-label="Legend">
        <li><span className="chart-legend__swatch" style={{ background: cssVar(CHART_VARS.supported) }} />In use, supported</li>
        <li><span className="chart-legend__swatch" style={{ background: cssVar(CHART_VARS.withoutSupport) }} />In use without security support</li>
        {exposure.unitYearsWithout === null && <li><span className="chart-legend__swatch" style={{ background: cssVar(CHART_VARS.grid) }} />In use, support unknown (no declared support end)</li>}
        {showWhatIf && <li><span className="chart-legend__line" style={{ borderTopStyle: 'dashed', borderTopColor: cssVar(CHART_VARS.whatIf) }} />What-if: without security support</li>}
        {showWhatIf && <li><span className="chart-legend__line" style={{ borderTopStyle: 'dotted', borderTopColor: cssVar(CHART_VARS.whatIf) }} />What-if: supported</li>}
      </ul>
      <p className="chart-note" data-testid="fleet-summary">
        Unit-years without support: current {units(exposure.unitYearsWithout)} (effective support end {exposure.supportEnd.label})
        {showWhatIf && `; what-if ${units(exposure.whatIfUnitYearsWithout)} (effective support end ${exposure.whatIfSupportEnd?.label ?? 'unknown'})`}.
      </p>
    </>
  );

  return (
    <ChartFrame
      title={title}
      description={describe(exposure, product.name, whatIfLabel)}
      colourKey={(theme) => colourKey(exposure, showWhatIf, theme)}
      exportInfo={{
        scope: `${product.name}${whatIfLabel ? ` · what-if: ${whatIfLabel}` : ''}`,
        asOf,
        legend,
        axes: { x: 'Year (each step is one calendar year)', y: 'Units in use' },
        source: props.source ?? 'engine fleet forecast (Weibull survival of units placed per year)',
      }}
      fileBase={`fleet-${product.name}`} renderTable={renderTable} controls={controls} footer={footer} testId="fleet-exposure-chart">
      {!exposure.hasUnits ? (
        <p className="chart-note">Enter units placed on the market per year for {product.name} to see the fleet forecast.</p>
      ) : (
        <Sized width={props.width} height={height}>
          {(w) => (
            <ComposedChart {...(w !== undefined ? { width: w, height } : {})} data={steps} margin={{ top: 8, right: 16, bottom: 8, left: 16 }} accessibilityLayer={false} title={title}>
              <CartesianGrid vertical={false} />
              <XAxis dataKey="x" type="number" domain={data.length ? [data[0]!.year, data[data.length - 1]!.year + 1] : ['dataMin', 'dataMax']} ticks={ticks} allowDecimals={false} tickFormatter={(v: number) => String(v)} />
              <YAxis tickFormatter={(v: number) => formatNumber(v)} width={70} />
              <Area type="stepAfter" dataKey="supported" stackId="current" name="In use, supported" className="fleet-area fleet-area--supported" fill={cssVar(CHART_VARS.supported)} stroke={cssVar(CHART_VARS.supported)} fillOpacity={0.55} isAnimationActive={false} />
              {exposure.unitYearsWithout === null && <Area type="stepAfter" dataKey="unitsInUse" name="In use, support unknown" className="fleet-area fleet-area--unknown" fill={cssVar(CHART_VARS.grid)} stroke={cssVar(CHART_VARS.grid)} fillOpacity={0.55} isAnimationActive={false} />}
              <Area type="stepAfter" dataKey="withoutSupport" stackId="current" name="In use without security support" className="fleet-area fleet-area--without" fill={cssVar(CHART_VARS.withoutSupport)} stroke={cssVar(CHART_VARS.withoutSupport)} fillOpacity={0.7} isAnimationActive={false} />
              {showWhatIf && <Line type="stepAfter" dataKey="whatIfWithoutSupport" name="What-if: without security support" className="fleet-whatif fleet-whatif--without" stroke={cssVar(CHART_VARS.whatIf)} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />}
              {showWhatIf && <Line type="stepAfter" dataKey="whatIfSupported" name="What-if: supported" className="fleet-whatif fleet-whatif--supported" stroke={cssVar(CHART_VARS.whatIf)} strokeWidth={1.5} strokeDasharray="2 3" dot={false} isAnimationActive={false} />}
              <Tooltip content={tooltip} isAnimationActive={false} />
            </ComposedChart>
          )}
        </Sized>
      )}
    </ChartFrame>
  );
}

/** Reads the control values; a bad value is reported, never turned into a number or a date. */
export function readWhatIf(mode: Mode, months: string, componentId: string, replacementEnd: string): { whatIf: WhatIf | null; inputError: string | null } {
  if (mode === 'none') return { whatIf: null, inputError: null };
  if (mode === 'extend') {
    const t = months.trim();
    if (!/^\d+$/.test(t)) return { whatIf: null, inputError: `"${months}" is not a whole number of months` };
    const n = Number(t);
    if (n < 1 || n > 600) return { whatIf: null, inputError: 'extend by 1 to 600 months' };
    return { whatIf: { kind: 'extend', months: n }, inputError: null };
  }
  if (!componentId) return { whatIf: null, inputError: 'pick a component to swap' };
  const t = replacementEnd.trim();
  if (t === '') return { whatIf: null, inputError: 'enter the replacement’s security-support end (YYYY-MM or YYYY-MM-DD)' };
  const parsed = parseLifecycleDate(t);
  if (!parsed.ok) return { whatIf: null, inputError: parsed.reason };
  return { whatIf: { kind: 'swap', componentId, securitySupportEnd: t }, inputError: null };
}
