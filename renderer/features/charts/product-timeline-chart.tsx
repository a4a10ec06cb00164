/**
 * Product timeline (Gantt-like). Rows are components grouped IT / ecosystem /
 * mechanical; the main bar runs from first placed on market to the security
 * support end (IT) or the expected wear-out (mechanical), the thinner band
 * under it is spare-parts availability. Unknown ends are hatched and labelled
 * "unknown", never drawn at today. Vertical markers: last placed on market,
 * declared support end, use end, legal minimum, as-of. The shaded stretch is
 * units in use without security support, drawn only when the engine reports it.
 * A mechanical part's bar ends at the first unit's wear-out; a diamond further
 * on marks the last unit's, the date the wear-out findings count from. Marker
 * labels are stacked in rows so none overlaps another.
 */
import { useId, useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import {
  stackLabels, timelineHeight, timelineLayout, timelinePage, yearLabel, TIMELINE_GROUP_LABELS, TIMELINE_GROUP_SHORT,
  type ProductTimeline, type TimelineComponentRow, type TimelineMarkerId, type TimelineRow,
} from '../../../shared/charts';
import { toDay } from '../../../shared/domain/dates';
import { formatCount } from '../../../shared/format';
import { ChartFrame, DataTable, Pager } from './chart-frame';
import { textWidth, type LegendEntry } from './export-chart';
import { CHART_VARS, colourName, cssVar, groupColor, type ChartTheme } from './palette';
import { svgId, useElementWidth } from './sized';

export interface ProductTimelineChartProps {
  timeline: ProductTimeline;
  /** Fixed width in px; omitted = fill the container. */
  width?: number;
  onSelectComponent?: (componentId: string) => void;
  selectedComponentId?: string | null;
  /** Rows per page for large products (default from timelineLayout). */
  pageSize?: number;
  title?: string;
  /** The rule packs or data source named on an exported file. */
  source?: string;
}

const MARGIN = { right: 80, bottom: 8, left: 8 };
const Y_AXIS_W = 210;
const MARKER_FS = 10;
const MARKER_ROW = 12;

/** Where each drawn marker's label goes: its left edge, anchor and row, so no two labels overlap. */
export function markerLabelLayout(markers: readonly { id: TimelineMarkerId; day: number }[], domain: [number, number], width: number): { id: TimelineMarkerId; anchor: 'start' | 'end'; row: number }[] {
  const left = MARGIN.left + Y_AXIS_W;
  const plot = Math.max(1, width - MARGIN.right - left);
  const span = Math.max(1, domain[1] - domain[0]);
  const spans = markers.map((m) => {
    const px = left + ((m.day - domain[0]) / span) * plot;
    const w = textWidth(MARKER_STYLE[m.id].short, MARKER_FS);
    const start = px + 3 + w <= width - 2;
    return { id: m.id, anchor: start ? ('start' as const) : ('end' as const), x: start ? px + 3 : px - 3 - w, width: w };
  });
  const rows = stackLabels(spans);
  return spans.map((s, i) => ({ id: s.id, anchor: s.anchor, row: rows[i] ?? 0 }));
}

function colourKey(t: ProductTimeline, theme: ChartTheme): string {
  const c = (v: string) => colourName(v, theme);
  return `Colours${theme === 'dark' ? ' in dark mode' : ''}: IT components ${c(CHART_VARS.group.it)}, ecosystem ${c(CHART_VARS.group.ecosystem)}, mechanical ${c(CHART_VARS.group.mechanical)}; the thin spare-parts band ${c(CHART_VARS.spare)}; unknown dates hatched ${c(CHART_VARS.unknown)}; blockers with a dashed ${c(CHART_VARS.blocker)} outline${t.mismatch ? `; use without security support hatched ${c(CHART_VARS.mismatch)}` : ''}.`;
}

/** The legend of the exported file: every colour, pattern and marker the chart draws. */
function exportLegend(t: ProductTimeline): LegendEntry[] {
  const comps = t.rows.filter((r): r is TimelineComponentRow => r.kind === 'component');
  const out: LegendEntry[] = [];
  for (const g of ['it', 'ecosystem', 'mechanical'] as const) {
    if (comps.some((r) => r.group === g)) out.push({ label: TIMELINE_GROUP_LABELS[g], mark: { kind: 'swatch', color: groupColor(g) } });
  }
  if (comps.some((r) => r.spare)) out.push({ label: 'Spare parts available', mark: { kind: 'swatch', color: cssVar(CHART_VARS.spare) } });
  if (comps.some((r) => r.bar.openStart || r.bar.openEnd || r.spare?.openEnd || r.spare?.openStart)) out.push({ label: 'Unknown date (open)', mark: { kind: 'hatch', color: cssVar(CHART_VARS.unknown) } });
  if (comps.some((r) => r.blocker)) out.push({ label: '⚠ Blocks the support plan', mark: { kind: 'outline', color: cssVar(CHART_VARS.blocker), dash: '6 3', width: 3 } });
  if (comps.some((r) => r.lastWearOut?.day != null)) out.push({ label: 'Wear-out of the last unit placed (bar ends at the first unit’s)', mark: { kind: 'symbol', text: '◆', color: groupColor('mechanical') } });
  if (t.mismatch && t.mismatch.from.day !== null && t.mismatch.to.day !== null) out.push({ label: 'In use without security support', mark: { kind: 'hatch', color: cssVar(CHART_VARS.mismatch), angle: -45 } });
  for (const m of t.markers) {
    if (m.date.day === null) continue;
    out.push({ label: `${m.label}: ${m.date.label}`, mark: { kind: 'marker', color: MARKER_STYLE[m.id].color, ...(MARKER_STYLE[m.id].dash ? { dash: MARKER_STYLE[m.id].dash as string } : {}) } });
  }
  return out;
}

interface Datum {
  key: string;
  bar: [number, number] | null;
  spare: [number, number] | null;
  row: TimelineRow;
}

export const MARKER_STYLE: Record<TimelineMarkerId, { short: string; color: string; dash: string | undefined; width: number }> = {
  'last-placed': { short: 'Last placed', color: cssVar(CHART_VARS.muted), dash: '2 3', width: 2 },
  'declared-support-end': { short: 'Declared end', color: cssVar(CHART_VARS.fg), dash: undefined, width: 2 },
  'effective-support-end': { short: 'Effective end', color: cssVar(CHART_VARS.severity.high), dash: '6 2', width: 2 },
  'use-end': { short: 'Use end', color: cssVar(CHART_VARS.severity.medium), dash: '8 3', width: 2 },
  'legal-minimum-end': { short: 'Legal minimum', color: cssVar(CHART_VARS.group.ecosystem), dash: '4 2 1 2', width: 2 },
  'as-of': { short: 'As of', color: cssVar(CHART_VARS.severity.low), dash: '1 2', width: 2 },
};

function yearTicks(domain: [number, number]): number[] {
  const y0 = Number(yearLabel(domain[0])) + 1;
  const y1 = Number(yearLabel(domain[1]));
  const span = y1 - y0;
  const step = span > 40 ? 10 : span > 20 ? 5 : span > 10 ? 2 : 1;
  const ticks: number[] = [];
  for (let y = Math.ceil(y0 / step) * step; y <= y1; y += step) ticks.push(toDay(`${y}-01-01`));
  return ticks;
}

function describe(t: ProductTimeline): string {
  const marker = (id: TimelineMarkerId) => {
    const m = t.markers.find((x) => x.id === id);
    return m && m.date.day === null && m.note ? m.note : (m?.date.label ?? 'unknown');
  };
  const parts = [`${formatCount(t.componentCount, 'component')} of ${t.productName}, first placed on market ${t.firstPlaced.label}${t.stillOnSale ? ', still on sale' : ''}.`];
  const eff = t.markers.find((x) => x.id === 'effective-support-end');
  parts.push(`Declared support end ${marker('declared-support-end')}; effective support end ${marker('effective-support-end')}${eff?.date.day !== null && eff?.note ? ` (${eff.note})` : ''}; use end ${marker('use-end')}; legal minimum support end: ${marker('legal-minimum-end')}.`);
  if (t.mismatch) {
    parts.push(`Units stay in use without security support from ${t.mismatch.from.label} to ${t.mismatch.to.label}${t.mismatch.gapDays !== null ? ` (${formatCount(Math.abs(t.mismatch.gapDays), 'day')})` : ''}.`);
  } else {
    parts.push('No stretch of use without security support is reported.');
  }
  const blockers = t.rows.filter((r): r is TimelineComponentRow => r.kind === 'component' && r.blocker);
  if (blockers.length) parts.push(`${formatCount(blockers.length, 'component')} ${blockers.length === 1 ? 'blocks' : 'block'} the support plan: ${blockers.slice(0, 5).map((b) => b.name).join(', ')}${blockers.length > 5 ? ', …' : ''}.`);
  return parts.join(' ');
}

export function ProductTimelineChart(props: ProductTimelineChartProps) {
  const { timeline: t, onSelectComponent, selectedComponentId } = props;
  const rid = useId();
  const hatch = svgId(rid, 'hatch');
  const mismatchHatch = svgId(rid, 'mismatch');
  const [pageIndex, setPageIndex] = useState(0);
  const layout = timelineLayout(t.rows.length, props.pageSize);
  // A component selected elsewhere (grid, finding) brings its page into view. Adjusted during
  // render rather than in an effect, so the chart never paints the wrong page first; only a
  // change of selection moves the page, so paging by hand afterwards is not undone.
  const [shownSelection, setShownSelection] = useState<string | null>(null);
  const wanted = selectedComponentId ?? null;
  if (wanted !== shownSelection) {
    setShownSelection(wanted);
    const index = wanted ? t.rows.findIndex((r) => r.kind === 'component' && r.componentId === wanted) : -1;
    if (index >= 0) setPageIndex(Math.floor(index / layout.pageSize));
  }
  const page = useMemo(() => timelinePage(t.rows, pageIndex, layout.pageSize), [t.rows, pageIndex, layout.pageSize]);
  const data: Datum[] = page.rows.map((row) => ({
    key: row.key,
    bar: row.kind === 'component' ? [row.bar.from, row.bar.to] : null,
    spare: row.kind === 'component' && row.spare ? [row.spare.from, row.spare.to] : null,
    row,
  }));
  const rowByKey = new Map(data.map((d) => [d.key, d.row]));
  const [measureRef, measured] = useElementWidth(720);
  const chartWidth = props.width ?? measured;
  const drawn = t.markers.filter((m) => m.date.day !== null);
  const labelLayout = markerLabelLayout(drawn.map((m) => ({ id: m.id, day: m.date.day as number })), t.domain, chartWidth);
  const labelOf = new Map(labelLayout.map((l) => [l.id, l]));
  const labelRows = Math.max(1, ...labelLayout.map((l) => l.row + 1));
  const marginTop = 14 + labelRows * MARKER_ROW;
  const height = timelineHeight(data.length, layout.rowHeight) + marginTop - 12;
  const mismatch = t.mismatch && t.mismatch.from.day !== null && t.mismatch.to.day !== null ? t.mismatch : null;
  const title = props.title ?? `Lifecycle timeline: ${t.productName}`;

  const select = (row: TimelineRow) => {
    if (row.kind === 'component' && onSelectComponent) onSelectComponent(row.componentId);
  };

  const renderMainBar = (p: { x?: number; y?: number; width?: number; height?: number; payload?: Datum }): ReactNode => {
    const row = p.payload?.row;
    if (!row || row.kind !== 'component') return <g />;
    const x = p.x ?? 0, y = p.y ?? 0, w = Math.max(2, p.width ?? 0), h = p.height ?? 0;
    const open = row.bar.openStart || row.bar.openEnd;
    const selected = row.componentId === selectedComponentId;
    // The last unit's wear-out, on the bar's own scale (the bar spans first placed → first unit's wear-out).
    const lw = row.lastWearOut?.day;
    const span = row.bar.to - row.bar.from;
    const lastWear = lw != null && !open && span > 0 && (p.width ?? 0) > 0 ? (() => {
      const lx = x + ((lw - row.bar.from) / span) * (p.width ?? 0);
      const cy = y + h / 2;
      const r = Math.max(3, Math.min(6, h / 2));
      return (
        <g className="timeline-wear-last" data-date={row.lastWearOut?.label}>
          {lx > x + w && <line x1={x + w} y1={cy} x2={lx} y2={cy} stroke={groupColor(row.group)} strokeWidth={2} strokeDasharray="3 2" />}
          <path d={`M${lx} ${cy - r} L${lx + r} ${cy} L${lx} ${cy + r} L${lx - r} ${cy} Z`} fill={groupColor(row.group)} stroke={cssVar(CHART_VARS.edge)} strokeWidth={1} />
        </g>
      );
    })() : null;
    const cls = ['timeline-bar', `timeline-bar--${row.group}`, row.blocker && 'timeline-bar--blocker', open && 'timeline-bar--open', selected && 'timeline-bar--selected'].filter(Boolean).join(' ');
    return (
      <g className={cls} data-component-id={row.componentId} data-blocker={row.blocker ? 'true' : 'false'} onClick={() => select(row)}>
        <rect
          x={x} y={y} width={w} height={h}
          fill={open ? `url(#${hatch})` : groupColor(row.group)}
          stroke={row.blocker ? cssVar(CHART_VARS.blocker) : groupColor(row.group)}
          strokeWidth={row.blocker ? 3 : 1}
          strokeDasharray={row.blocker ? '6 3' : undefined}
        />
        {lastWear}
        {row.bar.openEnd && <text x={x + w - 4} y={y + h / 2} dy="0.35em" textAnchor="end" fontSize={10} className="timeline-unknown">unknown end</text>}
        {row.bar.openStart && !row.bar.openEnd && <text x={x + 4} y={y + h / 2} dy="0.35em" fontSize={10} className="timeline-unknown">unknown start</text>}
        {row.blocker && <text x={x + w + 4} y={y + h / 2} dy="0.35em" fontSize={10} fontWeight={700} className="timeline-blocker-label">blocks plan</text>}
      </g>
    );
  };

  const renderSpare = (p: { x?: number; y?: number; width?: number; height?: number; payload?: Datum }): ReactNode => {
    const row = p.payload?.row;
    if (!row || row.kind !== 'component' || !row.spare) return <g />;
    const x = p.x ?? 0, y = p.y ?? 0, w = Math.max(2, p.width ?? 0), h = p.height ?? 0;
    const open = row.spare.openStart || row.spare.openEnd;
    return (
      <g className={`timeline-spare${open ? ' timeline-spare--open' : ''}`} data-component-id={row.componentId} onClick={() => select(row)}>
        <rect x={x} y={y} width={w} height={h} fill={open ? `url(#${hatch})` : cssVar(CHART_VARS.spare)} stroke={cssVar(CHART_VARS.edge)} strokeWidth={1} />
        {row.spare.openEnd && <text x={x + w - 4} y={y + h / 2} dy="0.35em" textAnchor="end" fontSize={9} className="timeline-unknown">spares unknown</text>}
      </g>
    );
  };

  const renderTick = (p: { x?: number | string; y?: number | string; payload?: { value?: string } }): ReactElement => {
    const row = rowByKey.get(String(p.payload?.value ?? ''));
    if (!row) return <g />;
    const x = Number(p.x ?? 0), y = Number(p.y ?? 0);
    if (row.kind === 'group') {
      return <text x={x - 4} y={y} dy="0.35em" textAnchor="end" fontSize={12} className="timeline-row-label timeline-row-label--group">{TIMELINE_GROUP_SHORT[row.group]}{row.continued ? ' (cont.)' : ''}</text>;
    }
    const cut = row.name.length > 28;
    const name = cut ? `${row.name.slice(0, 27)}…` : row.name;
    const selected = row.componentId === selectedComponentId;
    return (
      <text x={x - 4} y={y} dy="0.35em" textAnchor="end" fontSize={11} fontWeight={selected ? 700 : undefined} className={`timeline-row-label${selected ? ' timeline-row-label--selected' : ''}`} data-component-id={row.componentId} onClick={() => select(row)}>
        {cut && <title>{row.name}</title>}
        {selected ? '▶ ' : ''}
        {row.blocker ? '⚠ ' : ''}{name}
      </text>
    );
  };

  const tooltip = (p: { active?: boolean; payload?: ReadonlyArray<{ payload?: Datum }> }): ReactNode => {
    const row = p.active ? p.payload?.[0]?.payload?.row : undefined;
    if (!row || row.kind !== 'component') return null;
    return (
      <div className="chart-tooltip" style={{ background: cssVar(CHART_VARS.bg), border: `1px solid ${cssVar(CHART_VARS.grid)}`, padding: '0.4rem', fontSize: '0.8rem' }}>
        <strong>{row.name}</strong> ({row.role}, {TIMELINE_GROUP_LABELS[row.group]})
        <div>First placed on market: {row.bar.start.label}</div>
        <div>{capitalize(row.endKind)}: {row.bar.end.label}</div>
        {row.spare && <div>Spare parts until: {row.spare.end.label}</div>}
        {row.lastWearOut && <div>Wear-out of the last unit placed: {row.lastWearOut.label}</div>}
        {row.blocker && <div>Blocks the support plan{row.shortfallDays !== null ? ` (short by ${formatCount(row.shortfallDays, 'day')})` : ''}</div>}
        {row.sources.map((s) => <div key={s.field}>Source ({s.field}): {s.note}</div>)}
      </div>
    );
  };

  const markerLabel = (id: TimelineMarkerId) => (lp: { viewBox?: { x?: number; y?: number } }) => {
    const l = labelOf.get(id);
    const row = l?.row ?? 0;
    const end = l?.anchor === 'end';
    return (
      <text x={(lp.viewBox?.x ?? 0) + (end ? -3 : 3)} y={(lp.viewBox?.y ?? 0) - 6 - row * MARKER_ROW} fontSize={MARKER_FS} textAnchor={end ? 'end' : 'start'} data-row={row} className={`timeline-marker-label timeline-marker-label--${id}`}>{MARKER_STYLE[id].short}</text>
    );
  };

  const renderTable = () => (
    <>
      <DataTable
        caption={`Components of ${t.productName}`}
        columns={['Component', 'Group', 'Role', 'First placed on market', 'Bar ends at', 'End', 'Last unit’s wear-out', 'Spare parts until', 'Blocks plan', 'Sources', ...(onSelectComponent ? ['Select'] : [])]}
        rows={t.rows.filter((r): r is TimelineComponentRow => r.kind === 'component').map((r) => ({
          key: r.key,
          cells: [
            r.name, TIMELINE_GROUP_LABELS[r.group], r.role, r.bar.start.label, r.endKind, r.bar.end.label,
            r.lastWearOut ? r.lastWearOut.label : r.endKind === 'expected wear-out' ? 'unknown' : 'not applicable',
            r.spare ? r.spare.end.label : 'not applicable',
            r.blocker ? `yes${r.shortfallDays !== null ? ` (short by ${formatCount(r.shortfallDays, 'day')})` : ''}` : 'no',
            r.sources.map((s) => `${s.field}: ${s.note}`).join('; '),
            ...(onSelectComponent ? [<button key="s" type="button" onClick={() => onSelectComponent(r.componentId)}>Select {r.name}</button>] : []),
          ],
        }))}
      />
      <DataTable
        caption="Markers"
        columns={['Marker', 'Date', 'Note']}
        rows={[
          ...t.markers.map((m) => ({ key: m.id, cells: [m.label, m.date.label, m.note ?? (m.date.precision === 'month' ? 'month precision (end of month)' : '')] })),
          { key: 'mismatch', cells: ['In use without security support', t.mismatch ? `${t.mismatch.from.label} to ${t.mismatch.to.label}` : 'none reported', t.mismatch?.gapDays != null ? formatCount(Math.abs(t.mismatch.gapDays), 'day') : ''] },
        ]}
      />
    </>
  );

  const footer = (
    <ul className="chart-legend" aria-label="Legend">
      {(['it', 'ecosystem', 'mechanical'] as const).map((g) => (
        <li key={g}><span className="chart-legend__swatch" style={{ background: groupColor(g) }} />{TIMELINE_GROUP_LABELS[g]}</li>
      ))}
      <li><span className="chart-legend__swatch" style={{ background: cssVar(CHART_VARS.spare) }} />Spare parts available</li>
      <li><span className="chart-legend__swatch" style={{ background: `repeating-linear-gradient(45deg, ${cssVar(CHART_VARS.unknown)} 0 2px, transparent 2px 5px)` }} />Unknown date (open)</li>
      <li><span className="chart-legend__swatch" style={{ border: `3px dashed ${cssVar(CHART_VARS.blocker)}` }} />⚠ Blocks the support plan</li>
      <li><span className="chart-legend__symbol" style={{ color: groupColor('mechanical') }} aria-hidden="true">◆</span>Wear-out of the last unit placed (a mechanical bar ends at the first unit’s)</li>
      <li><span className="chart-legend__swatch" style={{ background: `repeating-linear-gradient(-45deg, ${cssVar(CHART_VARS.mismatch)} 0 2px, transparent 2px 5px)` }} />In use without security support</li>
      {t.markers.map((m) => (
        <li key={m.id} data-marker={m.id}>
          <span className="chart-legend__line" style={{ borderTopColor: MARKER_STYLE[m.id].color, borderTopStyle: MARKER_STYLE[m.id].dash ? 'dashed' : 'solid' }} />
          {m.label}: {m.note && m.date.day === null ? m.note : m.date.label}
          {m.id === 'effective-support-end' && m.date.day !== null && m.note ? ` (${m.note})` : ''}
        </li>
      ))}
    </ul>
  );

  return (
    <ChartFrame
      title={title}
      description={describe(t)}
      colourKey={(theme) => colourKey(t, theme)}
      exportInfo={{ scope: t.productName, asOf: t.asOf, legend: exportLegend(t), axes: { x: 'Year', y: 'Component, by group' }, source: props.source ?? 'Supportspan analysis' }}
      fileBase={`timeline-${t.productName}`}
      renderTable={renderTable}
      testId="product-timeline-chart"
      controls={<Pager label="Rows" pageIndex={page.pageIndex} pageCount={page.pageCount} first={page.first} last={page.last} total={page.total} onPage={setPageIndex} />}
      footer={footer}
    >
      {t.componentCount === 0 ? (
        <p className="chart-note">{t.productName} has no components yet.</p>
      ) : (
        <div ref={measureRef} className="timeline-measure">
            <BarChart
              width={chartWidth}
              height={height}
              data={data}
              layout="vertical"
              margin={{ top: marginTop, ...MARGIN }}
              barCategoryGap="10%"
              barGap={1}
              accessibilityLayer={false}
              title={title}
              desc={describe(t)}
            >
              <defs>
                <pattern id={hatch} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
                  <rect width={6} height={6} fill={cssVar(CHART_VARS.bg)} />
                  <line x1={0} y1={0} x2={0} y2={6} stroke={cssVar(CHART_VARS.unknown)} strokeWidth={3} />
                </pattern>
                <pattern id={mismatchHatch} patternUnits="userSpaceOnUse" width={8} height={8} patternTransform="rotate(-45)">
                  <line x1={0} y1={0} x2={0} y2={8} stroke={cssVar(CHART_VARS.mismatch)} strokeWidth={3} strokeOpacity={0.45} />
                </pattern>
              </defs>
              <CartesianGrid horizontal={false} />
              <XAxis type="number" dataKey="bar" domain={t.domain} ticks={yearTicks(t.domain)} tickFormatter={(d: number) => yearLabel(d)} allowDataOverflow orientation="bottom" />
              <YAxis type="category" dataKey="key" width={Y_AXIS_W} interval={0} tick={renderTick} tickLine={false} />
              {mismatch && (
                <ReferenceArea
                  x1={mismatch.from.day as number}
                  x2={mismatch.to.day as number}
                  className="timeline-mismatch"
                  fill={`url(#${mismatchHatch})`}
                  stroke={cssVar(CHART_VARS.mismatch)}
                  strokeOpacity={0.8}
                  ifOverflow="extendDomain"
                  label={{ value: 'In use without security support', position: 'insideTop', fontSize: 11 }}
                />
              )}
              <Bar dataKey="bar" isAnimationActive={false} shape={renderMainBar} name="Support or wear-out" />
              <Bar dataKey="spare" isAnimationActive={false} shape={renderSpare} name="Spare parts" />
              {drawn.map((m) => {
                const s = MARKER_STYLE[m.id];
                return (
                  <ReferenceLine
                    key={m.id}
                    x={m.date.day as number}
                    className={`timeline-marker timeline-marker--${m.id}`}
                    stroke={s.color}
                    strokeWidth={s.width}
                    strokeDasharray={s.dash}
                    ifOverflow="extendDomain"
                    label={markerLabel(m.id)}
                  />
                );
              })}
              <Tooltip content={tooltip} cursor={{ fill: cssVar(CHART_VARS.grid), fillOpacity: 0.3 }} isAnimationActive={false} />
            </BarChart>
        </div>
      )}
    </ChartFrame>
  );
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

