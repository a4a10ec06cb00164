import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { buildGapChart } from '../../../shared/charts';
import type { Portfolio, Product } from '../../../shared/domain';
import { analyzePortfolio, useEnd } from '../../../shared/engine';
import { FindingHeatmapChart, PortfolioCharts, PortfolioGapChart } from '../../../renderer/features/charts';
import { AS_OF, line, makeProduct } from '../../shared/charts/fixtures';
import { parseSvg, renderWithPlatform } from './helpers';

function portfolio(products: Product[]): Portfolio {
  return { lines: [line], products, decisions: [] };
}
const exposed = makeProduct({ id: 'a', name: 'Alpha' });
// No core components: the declared end is the effective end.
const covered = makeProduct({ id: 'b', name: 'Bravo', declaredSupportEnd: '2038-01-31', components: [] });
const unknown = makeProduct({ id: 'c', name: 'Charlie', declaredSupportEnd: null });

function gapFor(products: Product[]) {
  const analysis = analyzePortfolio(portfolio(products), { asOf: AS_OF });
  return buildGapChart({ products, lines: [line], findings: analysis.findings, useEndOf: (p) => useEnd(p, AS_OF) });
}

describe('PortfolioGapChart', () => {
  it('draws a bar per product with known dates, coloured by severity, and lists unknowns as unknown', () => {
    const onSelect = vi.fn();
    const { container } = renderWithPlatform(<PortfolioGapChart gap={gapFor([covered, unknown, exposed])} width={800} onSelectProduct={onSelect} />);
    const bars = Array.from(container.querySelectorAll('g.gap-bar'));
    expect(bars.map((b) => b.getAttribute('data-product-id'))).toEqual(['a', 'b']);
    expect(bars[0]?.getAttribute('data-severity')).toBe('high');
    expect(bars[0]?.classList.contains('gap-bar--exposed')).toBe(true);
    expect(bars[1]?.classList.contains('gap-bar--exposed')).toBe(false);
    // The exposed bar extends left of the zero line.
    const zero = container.querySelector('.gap-zero line') as Element;
    const rectA = bars[0]?.querySelector('rect') as Element;
    expect(Number(rectA.getAttribute('x')) + Number(rectA.getAttribute('width'))).toBeCloseTo(Number(zero.getAttribute('x1')), 0);
    const list = screen.getByTestId('gap-unknown-list');
    expect(list.textContent).toContain('Charlie: unknown (declared support end missing)');
    expect(container.querySelector('g.gap-bar[data-product-id="c"]')).toBeNull();
    fireEvent.click(bars[1] as Element);
    expect(onSelect).toHaveBeenLastCalledWith('b');
  });

  it('has a data table with every product, unknowns included', () => {
    renderWithPlatform(<PortfolioGapChart gap={gapFor([covered, unknown, exposed])} width={800} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show data table' }));
    expect(within(screen.getByRole('table', { name: /Gap per product/ })).getAllByRole('row')).toHaveLength(3);
    expect(within(screen.getByRole('table', { name: 'Products with an unknown gap' })).getByText('Charlie')).toBeTruthy();
    expect(screen.getByRole('img', { hidden: true }).hidden).toBe(true);
  });

  it('aggregates 2,000 products into the most exposed bars and a histogram', () => {
    const products = Array.from({ length: 2000 }, (_, i) => makeProduct({ id: `p${i}`, name: `P${i}`, declaredSupportEnd: `${2027 + (i % 20)}-06`, components: [] }));
    const { container } = renderWithPlatform(<PortfolioGapChart gap={gapFor(products)} width={800} />);
    expect(container.querySelectorAll('g.gap-bar')).toHaveLength(30);
    expect(screen.getByTestId('portfolio-gap-histogram')).toBeTruthy();
    const buckets = Array.from(container.querySelectorAll('rect.gap-bucket'));
    expect(buckets.length).toBeGreaterThan(0);
    expect(container.querySelectorAll('rect.gap-bucket--exposed').length).toBeGreaterThan(0);
  });
});

describe('FindingHeatmapChart', () => {
  it('prints the count of every cell and pages rows', async () => {
    const products = [exposed, covered, unknown];
    const analysis = analyzePortfolio(portfolio(products), { asOf: AS_OF });
    const { container, platform } = renderWithPlatform(<FindingHeatmapChart input={{ products, lines: [line], findings: analysis.findings, pageSize: 2 }} width={900} />);
    const cells = Array.from(container.querySelectorAll('g.heatmap-cell'));
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      const row = cell.closest('g.heatmap-row')?.getAttribute('data-product-id');
      const kind = cell.getAttribute('data-kind');
      const n = analysis.findings.filter((f) => f.productId === row && f.kind === kind).length;
      expect(Number(cell.getAttribute('data-count'))).toBe(n);
      expect(cell.textContent).toBe(n > 0 ? String(n) : '');
    }
    expect(container.querySelectorAll('g.heatmap-row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Next rows' }));
    expect(container.querySelectorAll('g.heatmap-row')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    const doc = parseSvg(platform.saved[0]?.bytes as Uint8Array);
    expect(doc.documentElement.getElementsByTagName('title')[0]?.textContent).toBe('Findings per product and kind');
    expect(doc.documentElement.hasAttribute('aria-hidden')).toBe(false);
  });
});

describe('PortfolioCharts', () => {
  it('runs the engine and renders the gap chart and heat map for a portfolio', () => {
    renderWithPlatform(<PortfolioCharts portfolio={portfolio([exposed, covered, unknown])} options={{ asOf: AS_OF }} width={800} />);
    expect(screen.getByTestId('portfolio-gap-chart')).toBeTruthy();
    expect(screen.getByTestId('finding-heatmap-chart')).toBeTruthy();
    expect(screen.getAllByRole('img')).toHaveLength(2);
  });
});
