/**
 * Ready-made compositions: every chart for one product, and every chart for
 * the portfolio. They run the engine themselves (or take its results when the
 * screen already has them) and hold no route or store, so any screen can
 * place them.
 */
import { useMemo } from 'react';
import { buildGapChart, buildProductTimeline, type GapUnit } from '../../../shared/charts';
import type { Portfolio, Product, ProductLine } from '../../../shared/domain';
import { analyzePortfolio, analyzeProduct, DEFAULT_RULE_PACKS, planSupportPeriod, useEnd, type AnalysisOptions, type AnalysisResult, type Finding, type SupportPlan } from '../../../shared/engine';
import { rulePacksSource } from './export-chart';
import { FindingHeatmapChart } from './finding-heatmap-chart';
import { FleetExposureChart } from './fleet-exposure-chart';
import { PortfolioGapChart } from './portfolio-gap-chart';
import { ProductTimelineChart } from './product-timeline-chart';

export interface ProductChartsProps {
  product: Product;
  line: ProductLine;
  options: AnalysisOptions;
  /** Pass when already computed (e.g. by a findings worker); computed here otherwise. */
  findings?: readonly Finding[];
  plan?: SupportPlan;
  width?: number;
  onSelectComponent?: (componentId: string) => void;
  selectedComponentId?: string | null;
}

export function ProductCharts(props: ProductChartsProps) {
  const { product, line, options } = props;
  const findings = useMemo(() => props.findings ?? analyzeProduct(product, line, options), [props.findings, product, line, options]);
  const plan = useMemo(() => props.plan ?? planSupportPeriod(product, line, options), [props.plan, product, line, options]);
  const timeline = useMemo(() => buildProductTimeline(product, { asOf: options.asOf, plan, findings }), [product, options.asOf, plan, findings]);
  return (
    <section className="chart-gallery" aria-label={`Charts for ${product.name}`}>
      <ProductTimelineChart timeline={timeline} width={props.width} onSelectComponent={props.onSelectComponent} selectedComponentId={props.selectedComponentId ?? null} source={rulePacksSource(options.rulePacks ?? DEFAULT_RULE_PACKS)} />
      <FleetExposureChart product={product} asOf={options.asOf} width={props.width} />
    </section>
  );
}

export interface PortfolioChartsProps {
  portfolio: Portfolio;
  options: AnalysisOptions;
  analysis?: AnalysisResult;
  unit?: GapUnit;
  width?: number;
  onSelectProduct?: (productId: string) => void;
}

export function PortfolioCharts(props: PortfolioChartsProps) {
  const { portfolio, options } = props;
  const analysis = useMemo(() => props.analysis ?? analyzePortfolio(portfolio, options), [props.analysis, portfolio, options]);
  const gap = useMemo(
    () => buildGapChart({ products: portfolio.products, lines: portfolio.lines, findings: analysis.findings, useEndOf: (p) => useEnd(p, options.asOf), unit: props.unit ?? 'months' }),
    [portfolio, analysis, options.asOf, props.unit],
  );
  const source = rulePacksSource(options.rulePacks ?? DEFAULT_RULE_PACKS);
  const heatInput = useMemo(() => ({ products: portfolio.products, lines: portfolio.lines, findings: analysis.findings }), [portfolio, analysis]);
  return (
    <section className="chart-gallery" aria-label="Portfolio charts">
      <PortfolioGapChart gap={gap} width={props.width} onSelectProduct={props.onSelectProduct} asOf={options.asOf} source={source} />
      <FindingHeatmapChart input={heatInput} width={props.width} onSelectProduct={props.onSelectProduct} asOf={options.asOf} source={source} />
    </section>
  );
}
