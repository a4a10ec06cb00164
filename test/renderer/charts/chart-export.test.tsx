/**
 * Every chart's exported SVG, read back as a viewer would: title, subtitle with
 * the scope and as-of date, a legend entry for each series, axis titles, the
 * source line, user text escaped, colours from the light palette whatever the
 * app theme, and every text element inside the viewBox.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFindingHeatmap, buildGapChart, buildProductTimeline, stackLabels } from '../../../shared/charts';
import type { Portfolio, Product } from '../../../shared/domain';
import { analyzePortfolio, analyzeProduct, planSupportPeriod, useEnd } from '../../../shared/engine';
import type { RiskRow } from '../../../shared/risk';
import { composeChartSvg, FindingHeatmapChart, FleetExposureChart, GapHistogram, LIGHT_PALETTE, PortfolioGapChart, ProductTimelineChart } from '../../../renderer/features/charts';
import { markerLabelLayout } from '../../../renderer/features/charts/product-timeline-chart';
import { RiskExposureChart } from '../../../renderer/features/risks/exposure-chart';
import { AS_OF, line, makeProduct } from '../../shared/charts/fixtures';
import { parseSvg, renderWithPlatform } from './helpers';

const TODAY = new Date().toISOString().slice(0, 10);

afterEach(() => document.documentElement.removeAttribute('data-theme'));

function timelineOf(p: Product) {
  const opts = { asOf: AS_OF };
  return buildProductTimeline(p, { asOf: AS_OF, plan: planSupportPeriod(p, line, opts), findings: analyzeProduct(p, line, opts) });
}

function portfolio(products: Product[]): Portfolio {
  return { lines: [line], products, decisions: [] };
}

const products = [
  makeProduct({ id: 'a', name: 'Alpha' }),
  makeProduct({ id: 'b', name: 'Bravo with a very long product name that goes on and on past any label column', declaredSupportEnd: '2038-01-31', components: [] }),
];

function gapFor(ps: Product[]) {
  const analysis = analyzePortfolio(portfolio(ps), { asOf: AS_OF });
  return buildGapChart({ products: ps, lines: [line], findings: analysis.findings, useEndOf: (p) => useEnd(p, AS_OF), unit: 'months' });
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];

/** translate/rotate of one element, as SVG applies them (independent of the exporter's own reading). */
function ownTransform(el: Element): Matrix {
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  for (const t of (el.getAttribute('transform') ?? '').matchAll(/(translate|rotate)\(([^)]*)\)/g)) {
    const a = (t[2] ?? '').split(/[\s,]+/).filter(Boolean).map(Number);
    if (t[1] === 'translate') m = mul(m, [1, 0, 0, 1, a[0] ?? 0, a[1] ?? 0]);
    else {
      const r = ((a[0] ?? 0) * Math.PI) / 180;
      const [cx, cy] = [a[1] ?? 0, a[2] ?? 0];
      m = mul(m, [1, 0, 0, 1, cx, cy]);
      m = mul(m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
      m = mul(m, [1, 0, 0, 1, -cx, -cy]);
    }
  }
  if (el.localName === 'svg' && el.parentElement) m = mul([1, 0, 0, 1, Number(el.getAttribute('x') ?? 0), Number(el.getAttribute('y') ?? 0)], m);
  return m;
}

/** Where a text element's anchor lands in the root's coordinates. */
function position(text: Element): [number, number] {
  let m: Matrix = [1, 0, 0, 1, 0, 0];
  for (let cur: Element | null = text; cur && cur.parentElement; cur = cur.parentElement) m = mul(ownTransform(cur), m);
  const x = parseFloat(text.getAttribute('x') ?? '0') || 0;
  const y = parseFloat(text.getAttribute('y') ?? '0') || 0;
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

async function exportSvg(ui: ReactElement, frameTestId: string, colours?: 'light' | 'shown'): Promise<{ doc: Document; root: Element; text: string }> {
  const { platform } = renderWithPlatform(ui);
  const frame = screen.getAllByTestId(frameTestId)[0] as HTMLElement;
  if (colours) fireEvent.change(within(frame).getByLabelText('Export colours'), { target: { value: colours } });
  fireEvent.click(within(frame).getByRole('button', { name: 'Export SVG' }));
  await waitFor(() => expect(platform.saved).toHaveLength(1));
  const bytes = platform.saved[0]?.bytes as Uint8Array;
  const doc = parseSvg(bytes);
  return { doc, root: doc.documentElement, text: new TextDecoder().decode(bytes) };
}

/** The checks every exported chart passes. */
function expectComposed(root: Element, want: { title: string; scope: string; legend: (string | RegExp)[]; axes: string[]; source: RegExp }) {
  const [, , w, h] = (root.getAttribute('viewBox') ?? '').split(' ').map(Number) as [number, number, number, number];
  expect(w).toBeGreaterThan(0);
  expect(Number(root.getAttribute('width'))).toBe(w);
  expect(Number(root.getAttribute('height'))).toBe(h);
  expect(root.querySelector(':scope > title')?.textContent).toBe(want.title);
  expect(root.querySelector(':scope > desc')?.textContent?.length).toBeGreaterThan(20);
  expect(root.querySelector('.export-title')?.textContent).toBe(want.title);
  const subtitle = Array.from(root.querySelectorAll('.export-subtitle')).map((t) => t.textContent).join(' ');
  expect(subtitle).toContain(want.scope);
  expect(subtitle).toContain(`as of ${AS_OF}`);
  const legend = Array.from(root.querySelectorAll('.export-legend-entry')).map((e) => e.getAttribute('data-label') ?? '');
  for (const l of want.legend) expect(legend.some((x) => (typeof l === 'string' ? x === l : l.test(x))), `legend entry ${String(l)} in ${JSON.stringify(legend)}`).toBe(true);
  // Each entry draws a mark next to its label.
  for (const e of Array.from(root.querySelectorAll('.export-legend-entry'))) expect(e.querySelector('rect, line, .export-legend-symbol')).not.toBeNull();
  const axes = Array.from(root.querySelectorAll('text.export-axis-title')).map((t) => t.textContent);
  expect(axes).toEqual(want.axes);
  const footer = Array.from(root.querySelectorAll('.export-source')).map((t) => t.textContent).join(' ');
  expect(footer).toMatch(new RegExp(`^Supportspan · .+ · exported ${TODAY}$`));
  expect(footer).toMatch(want.source);
  // Every label lies inside the canvas; the exporter's own texts fit whole (0.6 em per character).
  const texts = Array.from(root.querySelectorAll('text')).filter((t) => (t.textContent ?? '').trim());
  expect(texts.length).toBeGreaterThan(5);
  for (const t of texts) {
    const [x, y] = position(t);
    expect(x, `x of "${t.textContent}"`).toBeGreaterThanOrEqual(0);
    expect(x, `x of "${t.textContent}"`).toBeLessThanOrEqual(w);
    expect(y, `y of "${t.textContent}"`).toBeGreaterThanOrEqual(0);
    expect(y, `y of "${t.textContent}"`).toBeLessThanOrEqual(h);
  }
  for (const t of Array.from(root.querySelectorAll('.export-header text, .export-legend text, .export-footer text, .export-axis-title--x text'))) {
    const [x] = position(t);
    const fs = Number(t.getAttribute('font-size'));
    const width = [...(t.textContent ?? '')].length * fs * 0.6;
    const anchor = t.getAttribute('text-anchor') ?? 'start';
    const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
    expect(left, `left of "${t.textContent}"`).toBeGreaterThanOrEqual(0);
    expect(left + width, `right of "${t.textContent}"`).toBeLessThanOrEqual(w);
  }
  // A standalone file: no stylesheet variables left for a viewer to miss.
  expect(new XMLSerializer().serializeToString(root)).not.toContain('var(');
}

describe('chart export', () => {
  it('timeline: legend of groups, patterns and every drawn marker; axis titles; scope and as-of', async () => {
    const { root } = await exportSvg(<ProductTimelineChart timeline={timelineOf(makeProduct())} width={900} source="rule packs EU CRA 1" />, 'product-timeline-chart');
    expectComposed(root, {
      title: 'Lifecycle timeline: Thermostat T2',
      scope: 'Thermostat T2',
      legend: ['IT (device)', 'Ecosystem (cloud, mobile app, gateway)', 'Mechanical', 'Spare parts available', 'Unknown date (open)', '⚠ Blocks the support plan', 'In use without security support', /^Wear-out of the last unit placed/, 'Declared support end: 2030-06', /^Use end: /, `As of: ${AS_OF}`],
      axes: ['Component, by group', 'Year'],
      source: /rule packs EU CRA 1/,
    });
    // The chart itself came along, nested.
    expect(root.querySelectorAll('svg.export-chart .timeline-bar')).toHaveLength(5);
  });

  it('fleet exposure: supported and without-support series, what-if lines when set', async () => {
    const { root } = await exportSvg(<FleetExposureChart product={makeProduct({ components: [] })} asOf={AS_OF} width={800} initialWhatIf={{ kind: 'extend', months: 24 }} />, 'fleet-exposure-chart');
    expectComposed(root, {
      title: 'Fleet exposure: Thermostat T2',
      scope: 'Thermostat T2 · what-if: support extended by 24 months',
      legend: ['In use, supported', 'In use without security support', 'What-if: without security support', 'What-if: supported'],
      axes: ['Units in use', 'Year (each step is one calendar year)'],
      source: /fleet forecast/,
    });
  });

  it('heat map: a legend of its levels, whole labels, product names escaped', async () => {
    const named = [...products, makeProduct({ id: 'x', name: 'Evil <script>&"\'</script> T9' })];
    const analysis = analyzePortfolio(portfolio(named), { asOf: AS_OF });
    const input = { products: named, lines: [line], findings: analysis.findings };
    const { root, text } = await exportSvg(<FindingHeatmapChart input={input} width={700} asOf={AS_OF} source="rule packs X 1" />, 'finding-heatmap-chart');
    expect(buildFindingHeatmap({ ...input, pageIndex: 0 }).max).toBeGreaterThan(0);
    expectComposed(root, {
      title: 'Findings per product and kind',
      scope: 'Portfolio: 3 products',
      legend: ['No findings', /findings?$/],
      axes: ['Product', 'Finding kind'],
      source: /rule packs X 1/,
    });
    expect(text).toContain('Evil &lt;script&gt;&amp;');
    expect(root.querySelector('script')).toBeNull();
    // The long name is shown whole (wrapped over lines), not cut off.
    const label = Array.from(root.querySelectorAll('.heatmap-row-label')).find((t) => t.querySelector('title')?.textContent?.startsWith('Bravo'));
    const shown = Array.from(label?.querySelectorAll('tspan') ?? []).map((t) => t.textContent).join(' ');
    expect(shown).toBe(products[1]!.name);
  });

  it('portfolio gap and its histogram: severities, the exposed outline, the zero line', async () => {
    const { root } = await exportSvg(<PortfolioGapChart gap={gapFor(products)} width={800} asOf={AS_OF} />, 'portfolio-gap-chart');
    expectComposed(root, {
      title: 'Support end vs use end, per product',
      scope: 'Portfolio: 2 products',
      legend: ['Worst finding: High', /^Thick outline: exposed/, /^Zero:/],
      axes: ['Product', 'Support end − use end (months)'],
      source: /Supportspan analysis/,
    });
    // The on-screen axis label is not drawn twice.
    expect(Array.from(root.querySelectorAll('text')).filter((t) => t.textContent === 'Support end − use end (months)')).toHaveLength(1);
  });

  it('gap histogram', async () => {
    const gap = { ...gapFor(products), histogram: [{ key: 'b0', label: '0 to 1 y', count: 1, exposed: false, from: 0, to: 1 }, { key: 'b-1', label: '−1 to 0 y', count: 1, exposed: true, from: -1, to: 0 }] } as unknown as ReturnType<typeof gapFor>;
    const { root } = await exportSvg(<GapHistogram gap={gap} width={600} asOf={AS_OF} />, 'portfolio-gap-histogram');
    expectComposed(root, { title: 'Distribution of support-end gaps (all products)', scope: 'Portfolio: 2 products', legend: [/^Exposed/, 'Not exposed'], axes: ['Products', 'Support end − use end (years)'], source: /Supportspan/ });
  });

  it('risk exposure: one legend line per product', async () => {
    const rows = [
      { productId: 'a', product: 'Alpha', exposureByYear: [{ year: 2030, unitsWithoutSupport: 100 }, { year: 2031, unitsWithoutSupport: 300 }], exposureUnitYears: 400 },
      { productId: 'b', product: 'Bravo', exposureByYear: [{ year: 2030, unitsWithoutSupport: 50 }, { year: 2031, unitsWithoutSupport: 60 }], exposureUnitYears: 110 },
    ] as unknown as RiskRow[];
    const { root } = await exportSvg(<RiskExposureChart rows={rows} width={700} asOf={AS_OF} />, 'risk-exposure-chart');
    expectComposed(root, { title: 'Exposure over time', scope: 'Risk register', legend: ['Alpha (400 unit-years)', 'Bravo (110 unit-years)'], axes: ['Units in use without security support', 'Year'], source: /risk register/ });
  });

  it('draws in the light palette in dark mode by default, and as shown when asked', async () => {
    document.documentElement.setAttribute('data-theme', 'dark');
    const ui = <ProductTimelineChart timeline={timelineOf(makeProduct())} width={900} />;
    const light = await exportSvg(ui, 'product-timeline-chart');
    expect(light.root.querySelector('.export-background')?.getAttribute('fill')).toBe(LIGHT_PALETTE['--chart-bg']);
    expect(light.root.querySelector('.export-title')?.getAttribute('fill')).toBe(LIGHT_PALETTE['--chart-fg']);
    expect(light.root.querySelector('g.timeline-bar--it rect')?.getAttribute('fill')).toBe('#0072B2');
    expect(light.root.querySelector(':scope > desc')?.textContent).toMatch(/IT components blue,/);
    document.body.innerHTML = '';
    const shown = await exportSvg(ui, 'product-timeline-chart', 'shown');
    expect(shown.root.querySelector('.export-background')?.getAttribute('fill')).toBe('#15181c');
    expect(shown.root.querySelector('g.timeline-bar--it rect')?.getAttribute('fill')).toBe('#56B4E9');
    expect(shown.root.querySelector(':scope > desc')?.textContent).toMatch(/in dark mode: IT components sky blue/);
  });

  it('says what the colours mean in the theme shown', () => {
    document.documentElement.setAttribute('data-theme', 'dark');
    const analysis = analyzePortfolio(portfolio(products), { asOf: AS_OF });
    renderWithPlatform(<FindingHeatmapChart input={{ products, lines: [line], findings: analysis.findings }} width={700} asOf={AS_OF} />);
    expect(screen.getByTestId('finding-heatmap-chart').querySelector('.chart-frame__desc')?.textContent).toMatch(/dark mode: cells run from dark brown \(few findings\) to bright orange/);
    document.documentElement.setAttribute('data-theme', 'light');
    document.body.innerHTML = '';
    renderWithPlatform(<FleetExposureChart product={makeProduct()} asOf={AS_OF} width={800} />);
    expect(screen.getByTestId('fleet-exposure-chart').querySelector('.chart-frame__desc')?.textContent).toMatch(/Colours: units in use and supported blue, without security support vermillion/);
  });
});

describe('composeChartSvg', () => {
  it('widens the canvas for chart labels that reach past the chart, so none is clipped', () => {
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg') as SVGSVGElement;
    svg.setAttribute('width', '200');
    svg.setAttribute('height', '100');
    const label = (attrs: Record<string, string>, content: string) => {
      const t = document.createElementNS(NS, 'text');
      for (const [k, v] of Object.entries(attrs)) t.setAttribute(k, v);
      t.textContent = content;
      svg.append(t);
    };
    label({ x: '-40', y: '5', 'font-size': '12' }, 'A label starting left of the chart');
    label({ x: '190', y: '98', 'font-size': '12' }, 'and one running off to the right edge');
    label({ transform: 'translate(50, 10) rotate(-55)', 'font-size': '11' }, 'Rotated column header text');
    document.body.append(svg);
    const out = composeChartSvg(svg, { title: 'T', description: 'D', scope: 'S', asOf: AS_OF, legend: [], axes: { x: 'X' }, source: 'src', fileBase: 't' });
    const root = parseSvg(new TextEncoder().encode(out.text)).documentElement;
    const inner = root.querySelector('svg.export-chart') as Element;
    for (const t of Array.from(inner.querySelectorAll('text'))) {
      const [x, y] = position(t);
      const fs = Number(t.getAttribute('font-size'));
      const w = [...(t.textContent ?? '')].length * fs * 0.6;
      const angle = /rotate\((-?[\d.]+)/.exec(t.getAttribute('transform') ?? '');
      const r = angle ? (Number(angle[1]) * Math.PI) / 180 : 0;
      const [ex, ey] = [x + w * Math.cos(r), y + w * Math.sin(r)];
      for (const [px, py] of [[x, y - fs], [ex, ey]] as const) {
        expect(px, t.textContent ?? '').toBeGreaterThanOrEqual(0);
        expect(px, t.textContent ?? '').toBeLessThanOrEqual(out.width);
        expect(py, t.textContent ?? '').toBeGreaterThanOrEqual(0);
        expect(py, t.textContent ?? '').toBeLessThanOrEqual(out.height);
      }
    }
    svg.remove();
  });
});

describe('timeline marker labels', () => {
  it('stacks overlapping labels into rows and keeps separate ones on the first row', () => {
    expect(stackLabels([])).toEqual([]);
    expect(stackLabels([{ x: 0, width: 50 }, { x: 100, width: 50 }])).toEqual([0, 0]);
    // Three labels at nearly the same place: three rows; the next clear one goes back to row 0.
    expect(stackLabels([{ x: 10, width: 60 }, { x: 12, width: 60 }, { x: 14, width: 60 }, { x: 80, width: 20 }])).toEqual([0, 1, 2, 0]);
    // Order given is kept in the result even when positions are not sorted.
    expect(stackLabels([{ x: 200, width: 30 }, { x: 0, width: 250 }])).toEqual([1, 0]);
    // Touching within the gap counts as overlapping.
    expect(stackLabels([{ x: 0, width: 50 }, { x: 52, width: 10 }], 4)).toEqual([0, 1]);
  });

  it('never lets two labels of one row overlap, for random layouts', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let n = 0; n < 200; n++) {
      const spans = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => ({ x: rnd() * 300, width: 10 + rnd() * 80 }));
      const rows = stackLabels(spans, 4);
      for (let i = 0; i < spans.length; i++) {
        for (let j = i + 1; j < spans.length; j++) {
          if (rows[i] !== rows[j]) continue;
          const [a, b] = [spans[i]!, spans[j]!].sort((p, q) => p.x - q.x) as [{ x: number; width: number }, { x: number; width: number }];
          expect(a.x + a.width + 4).toBeLessThanOrEqual(b.x + 1e-9);
        }
      }
    }
  });

  it('puts markers on the same date in different rows in the drawn chart', () => {
    // Declared end = use end: their labels would overlap.
    const p = makeProduct({ declaredSupportEnd: '2036-12-31', lastPlacedOnMarket: '2026-12-31', expectedUseYears: 10, components: [{ id: 'relay', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 15, fieldReplaceable: 'no' }] });
    const t = timelineOf(p);
    const layout = markerLabelLayout(t.markers.filter((m) => m.date.day !== null).map((m) => ({ id: m.id, day: m.date.day as number })), t.domain, 900);
    const declared = layout.find((l) => l.id === 'declared-support-end');
    const use = layout.find((l) => l.id === 'use-end');
    expect(declared && use).toBeTruthy();
    expect(declared?.row).not.toBe(use?.row);
    const { container } = renderWithPlatform(<ProductTimelineChart timeline={t} width={900} />);
    const rowOf = (id: string) => container.querySelector(`.timeline-marker-label--${id}`)?.getAttribute('data-row');
    const rows = ['declared-support-end', 'effective-support-end', 'use-end'].map(rowOf);
    expect(rows.every((r) => r !== undefined && r !== null)).toBe(true);
    expect(new Set(rows).size).toBe(3);
  });
});
