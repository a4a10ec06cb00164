import { describe, expect, it } from 'vitest';
import { createMemoryPlatform } from '../../../renderer/platform';
import { makeBenchPortfolio, makeBenchProduct, renderChartsForBenchmark } from '../../../renderer/features/charts/bench-harness';
import { productSchema } from '../../../shared/domain';

describe('renderChartsForBenchmark', () => {
  it('generates valid data and renders every chart once, reporting a row each', () => {
    expect(productSchema.safeParse(makeBenchProduct(50)).success).toBe(true);
    expect(makeBenchPortfolio(3).products).toHaveLength(3);
    const container = document.createElement('div');
    document.body.append(container);
    const rows = renderChartsForBenchmark(container, createMemoryPlatform(), { components: 60, products: 80, width: 800 });
    expect(rows.map((r) => r.chart)).toEqual(['product timeline', 'fleet exposure', 'portfolio gap', 'finding heat map']);
    expect(rows.every((r) => Number.isFinite(r.renderMs) && Number.isFinite(r.buildMs))).toBe(true);
    // Each chart is unmounted after measuring.
    expect(container.childElementCount).toBe(0);
    container.remove();
  });
});
