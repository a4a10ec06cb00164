/**
 * Renders each chart at benchmark sizes (a product of N components, a
 * portfolio of N products) and reports how long building its series and
 * committing its DOM took. For `npm run bench:ui` in Chromium; nothing in the
 * app imports this file, so it stays out of the production bundle.
 */
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ReactElement } from 'react';
import { buildGapChart, buildProductTimeline } from '../../../shared/charts';
import { productLineSchema, productSchema, type Portfolio, type Product, type ProductLine } from '../../../shared/domain';
import { analyzePortfolio, analyzeProduct, planSupportPeriod, useEnd } from '../../../shared/engine';
import { PlatformProvider, type Platform } from '../../platform';
import { FindingHeatmapChart } from './finding-heatmap-chart';
import { FleetExposureChart } from './fleet-exposure-chart';
import { PortfolioGapChart } from './portfolio-gap-chart';
import { ProductTimelineChart } from './product-timeline-chart';

export interface ChartBenchRow { chart: string; size: string; buildMs: number; renderMs: number }

const ROLES_IT = ['firmware', 'os', 'soc', 'radio', 'crypto', 'cloud', 'mobile-app', 'gateway'] as const;
const ROLES_MECH = ['motor', 'enclosure', 'hinge', 'seal', 'battery', 'pump'] as const;

export const BENCH_LINE: ProductLine = productLineSchema.parse({ id: 'bench', name: 'Benchmark line', environment: 'industrial' });

/** A deterministic product with `n` components, half IT (some with unknown ends), half mechanical. */
export function makeBenchProduct(n: number, id = 'bench-product', seed = 0): Product {
  const components = Array.from({ length: n }, (_, i) => {
    const k = i + seed;
    return i % 2 === 0
      ? { id: `${id}-c${i}`, name: `IT part ${i}`, class: 'it', role: ROLES_IT[k % ROLES_IT.length], core: k % 3 === 0, securitySupportEnd: k % 11 === 0 ? null : `${2027 + (k % 12)}-${String((k % 12) + 1).padStart(2, '0')}`, updateMechanism: 'ota' }
      : { id: `${id}-c${i}`, name: `Mechanical part ${i}`, class: 'mechanical', role: ROLES_MECH[k % ROLES_MECH.length], expectedLifeYears: 5 + (k % 12), fieldReplaceable: k % 4 === 0 ? 'no' : 'professional', sparePartsUntil: k % 7 === 0 ? null : `${2030 + (k % 9)}-06-30`, repairDocs: k % 5 !== 0 };
  });
  return productSchema.parse({
    id, lineId: BENCH_LINE.id, name: `Bench product ${id}`, category: 'gateway', markets: ['EU', 'UK'],
    firstPlacedOnMarket: '2023-03-01', lastPlacedOnMarket: seed % 5 === 0 ? null : '2028-12', expectedUseYears: 8 + (seed % 8),
    declaredSupportEnd: seed % 9 === 0 ? null : `${2029 + (seed % 10)}-12`, unitsPerYear: 5000 + seed * 10, components,
  });
}

export function makeBenchPortfolio(products: number, componentsEach = 5): Portfolio {
  return { lines: [BENCH_LINE], products: Array.from({ length: products }, (_, i) => makeBenchProduct(componentsEach, `p${i}`, i)), decisions: [] };
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const v = fn();
  return [v, performance.now() - t0];
}

/**
 * Mounts each chart into `container` in turn (unmounting the previous one)
 * and returns one row per chart. Rendering is synchronous (flushSync), so the
 * time covers React's commit of every SVG node; layout and paint are the
 * browser's and are measured by the caller if wanted.
 */
export function renderChartsForBenchmark(
  container: HTMLElement,
  platform: Platform,
  options: { components?: number; products?: number; asOf?: string; width?: number } = {},
): ChartBenchRow[] {
  const asOf = options.asOf ?? '2026-01-01';
  const width = options.width ?? 1000;
  const nComponents = options.components ?? 500;
  const nProducts = options.products ?? 2000;
  const rows: ChartBenchRow[] = [];
  const mount = (chart: string, size: string, buildMs: number, el: ReactElement) => {
    const root = createRoot(container);
    const [, renderMs] = timed(() => flushSync(() => root.render(<PlatformProvider platform={platform}>{el}</PlatformProvider>)));
    rows.push({ chart, size, buildMs, renderMs });
    root.unmount();
  };

  const product = makeBenchProduct(nComponents);
  const [timeline, tBuild] = timed(() => {
    const opts = { asOf };
    return buildProductTimeline(product, { asOf, plan: planSupportPeriod(product, BENCH_LINE, opts), findings: analyzeProduct(product, BENCH_LINE, opts) });
  });
  mount('product timeline', `${nComponents} components`, tBuild, <ProductTimelineChart timeline={timeline} width={width} />);
  mount('fleet exposure', `${nComponents} components`, 0, <FleetExposureChart product={product} asOf={asOf} width={width} initialWhatIf={{ kind: 'extend', months: 24 }} />);

  const portfolio = makeBenchPortfolio(nProducts);
  const [analysis, aMs] = timed(() => analyzePortfolio(portfolio, { asOf }));
  const [gap, gBuild] = timed(() => buildGapChart({ products: portfolio.products, lines: portfolio.lines, findings: analysis.findings, useEndOf: (p) => useEnd(p, asOf) }));
  mount('portfolio gap', `${nProducts} products`, gBuild, <PortfolioGapChart gap={gap} width={width} />);
  mount('finding heat map', `${nProducts} products`, aMs, <FindingHeatmapChart input={{ products: portfolio.products, lines: portfolio.lines, findings: analysis.findings }} width={width} />);
  return rows;
}
