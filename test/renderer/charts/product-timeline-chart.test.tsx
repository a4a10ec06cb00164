import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { buildProductTimeline } from '../../../shared/charts';
import type { Component, Product } from '../../../shared/domain';
import { analyzeProduct, planSupportPeriod } from '../../../shared/engine';
import { ProductTimelineChart } from '../../../renderer/features/charts';
import { createMemoryPlatform, PlatformProvider } from '../../../renderer/platform';
import { AS_OF, line, makeProduct } from '../../shared/charts/fixtures';
import { parseSvg, renderWithPlatform } from './helpers';

function timelineOf(p: Product) {
  const opts = { asOf: AS_OF };
  return buildProductTimeline(p, { asOf: AS_OF, plan: planSupportPeriod(p, line, opts), findings: analyzeProduct(p, line, opts) });
}

describe('ProductTimelineChart', () => {
  it('draws one bar per component and highlights exactly the planner’s blockers', () => {
    const p = makeProduct();
    const { container } = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(p)} width={900} />);
    const bars = Array.from(container.querySelectorAll('g.timeline-bar'));
    expect(bars.map((b) => b.getAttribute('data-component-id')).sort()).toEqual(p.components.map((c) => c.id).sort());
    const blockers = planSupportPeriod(p, line, { asOf: AS_OF }).blockers.map((b) => b.componentId).sort();
    const highlighted = bars.filter((b) => b.classList.contains('timeline-bar--blocker')).map((b) => b.getAttribute('data-component-id')).sort();
    expect(highlighted).toEqual(blockers);
    expect(highlighted.length).toBeGreaterThan(0);
    // Not by colour only: a dashed thick outline and a label.
    const soc = container.querySelector('g.timeline-bar[data-component-id="soc"]') as Element;
    expect(soc.querySelector('rect')?.getAttribute('stroke-width')).toBe('3');
    expect(soc.textContent).toContain('blocks plan');
    // The unknown end is hatched and labelled.
    const cloud = container.querySelector('g.timeline-bar[data-component-id="cloud"]') as Element;
    expect(cloud.classList.contains('timeline-bar--open')).toBe(true);
    expect(cloud.querySelector('rect')?.getAttribute('fill')).toMatch(/^url\(#/);
    expect(cloud.textContent).toContain('unknown end');
    // Group headers are rows of the axis.
    expect(container.querySelector('.timeline-row-label--group')?.textContent).toBe('IT (device)');
  });

  it('shades the mismatch exactly when the engine reports support-ends-before-use', () => {
    for (const [declared, expected] of [['2030-06', true], ['2037-06', false], [null, false]] as const) {
      // No core IT component, so the declared end is the effective one.
      const p = makeProduct({ declaredSupportEnd: declared, components: [{ id: 'relay', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 15, fieldReplaceable: 'no' }] });
      const reported = analyzeProduct(p, line, { asOf: AS_OF }).some((f) => f.kind === 'support-ends-before-use');
      expect(reported).toBe(expected);
      const { container, unmount } = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(p)} width={900} />);
      expect(container.querySelectorAll('.timeline-mismatch').length).toBe(reported ? 1 : 0);
      unmount();
    }
  });

  it('draws the known markers and lists still-on-sale or inapplicable ones without a line', () => {
    const onSale = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(makeProduct({ lastPlacedOnMarket: null }))} width={900} />).container;
    expect(onSale.querySelector('.timeline-marker--declared-support-end')).not.toBeNull();
    expect(onSale.querySelector('.timeline-marker--use-end')).not.toBeNull();
    expect(onSale.querySelector('.timeline-marker--as-of')).not.toBeNull();
    expect(onSale.querySelector('.timeline-marker--last-placed')).toBeNull();
    expect(onSale.querySelector('[data-marker="last-placed"]')?.textContent).toContain('still on sale');
    // Still on sale = placed on the EU market after the CRA applies: the planner sets a legal minimum.
    expect(onSale.querySelector('.timeline-marker--legal-minimum-end')).not.toBeNull();
    expect(onSale.querySelector('[data-marker="declared-support-end"]')?.textContent).toContain('2030-06');
    // Last unit placed before the CRA applies: no legal minimum, said as such (not "unknown", not today).
    const sold = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(makeProduct({ components: [{ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-01', updateMechanism: 'ota' }] }))} width={900} />).container;
    expect(sold.querySelector('.timeline-marker--last-placed')).not.toBeNull();
    expect(sold.querySelector('.timeline-marker--legal-minimum-end')).toBeNull();
    expect(sold.querySelector('[data-marker="legal-minimum-end"]')?.textContent).toContain('no legal minimum applies');
  });

  it('selects a component from its bar, its label and the data table', () => {
    const onSelect = vi.fn();
    const { container } = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(makeProduct())} width={900} onSelectComponent={onSelect} />);
    fireEvent.click(container.querySelector('g.timeline-bar[data-component-id="relay"]') as Element);
    expect(onSelect).toHaveBeenLastCalledWith('relay');
    fireEvent.click(screen.getByText(/SoC$/));
    expect(onSelect).toHaveBeenLastCalledWith('soc');
    fireEvent.click(screen.getByRole('button', { name: 'Show data table' }));
    fireEvent.click(screen.getByRole('button', { name: 'Select Battery' }));
    expect(onSelect).toHaveBeenLastCalledWith('bat');
  });

  it('is a figure whose image is labelled by the title and described by the description', () => {
    renderWithPlatform(<ProductTimelineChart timeline={timelineOf(makeProduct())} width={900} />);
    const img = screen.getByRole('img', { name: 'Lifecycle timeline: Thermostat T2' });
    const desc = document.getElementById(img.getAttribute('aria-describedby') as string);
    // The stretch starts at the effective end, set by the core SoC, not at the declared 2030-06.
    expect(desc?.textContent).toMatch(/without security support from 2028-03-31 to 2036-12-31/);
    expect(desc?.textContent).toMatch(/Declared support end 2030-06; effective support end 2028-03-31 \(set by core component SoC \(soc\)\)/);
    expect(screen.getByRole('figure', { name: 'Lifecycle timeline: Thermostat T2' })).toBeTruthy();
  });

  it('pages 500 components in the chart while the data table lists every one', () => {
    const components = Array.from({ length: 500 }, (_, i) => ({ id: `c${i}`, name: `Part ${i}`, class: 'mechanical', role: 'motor', expectedLifeYears: 8 + (i % 10) })) as Component[];
    const p = makeProduct({ components });
    const { container } = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(p)} width={900} />);
    // A page is 40 rows: the group header and 39 components.
    expect(container.querySelectorAll('g.timeline-bar')).toHaveLength(39);
    expect(screen.getByText('Rows 1–40 of 501')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next rows' }));
    expect(screen.getByText('Rows 41–80 of 501')).toBeTruthy();
    expect(container.querySelectorAll('g.timeline-bar')).toHaveLength(40);
    expect(container.querySelector('g.timeline-bar[data-component-id="c39"]')).not.toBeNull();
    expect(screen.getByText('Mechanical (cont.)')).toBeTruthy();
    expect(container.querySelector('g.timeline-bar[data-component-id="c0"]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show data table' }));
    const table = screen.getByRole('table', { name: `Components of ${p.name}` });
    expect(within(table).getAllByRole('row')).toHaveLength(501);
    // Month-precision and unknown dates read as such in the table.
    expect(within(table).getAllByText('unknown').length).toBeGreaterThan(0);
  });

  it('brings the page holding a component selected elsewhere into view and highlights its row', () => {
    const components = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, name: `Part ${i}`, class: 'mechanical', role: 'motor', expectedLifeYears: 8 + (i % 10) })) as Component[];
    const timeline = timelineOf(makeProduct({ components }));
    const { container, rerender } = renderWithPlatform(<ProductTimelineChart timeline={timeline} width={900} selectedComponentId={null} />);
    const bar = (id: string) => container.querySelector(`g.timeline-bar[data-component-id="${id}"]`);
    expect(bar('c150')).toBeNull();
    // Row index of c150 = 151 (after the group header): page 4 of 40-row pages.
    const withPlatform = (selected: string | null) => rerender(<PlatformProvider platform={createMemoryPlatform()}><ProductTimelineChart timeline={timeline} width={900} selectedComponentId={selected} /></PlatformProvider>);
    withPlatform('c150');
    expect(screen.getByText('Rows 121–160 of 201')).toBeTruthy();
    expect(bar('c150')?.classList.contains('timeline-bar--selected')).toBe(true);
    expect(container.querySelectorAll('g.timeline-bar--selected')).toHaveLength(1);
    const label = container.querySelector('.timeline-row-label--selected');
    expect(label?.getAttribute('data-component-id')).toBe('c150');
    expect(label?.textContent).toContain('Part 150');
    // Paging by hand afterwards is not undone while the selection stays the same.
    fireEvent.click(screen.getByRole('button', { name: 'Previous rows' }));
    expect(screen.getByText('Rows 81–120 of 201')).toBeTruthy();
    withPlatform('c150');
    expect(screen.getByText('Rows 81–120 of 201')).toBeTruthy();
    // A new selection on the first page goes back there; a selection of an unknown id leaves the page alone.
    withPlatform('c3');
    expect(screen.getByText('Rows 1–40 of 201')).toBeTruthy();
    expect(bar('c3')?.classList.contains('timeline-bar--selected')).toBe(true);
    withPlatform('not-a-component');
    expect(screen.getByText('Rows 1–40 of 201')).toBeTruthy();
    expect(container.querySelectorAll('g.timeline-bar--selected')).toHaveLength(0);
  });

  it('exports a well-formed SVG with a title and description through the platform', async () => {
    const { platform } = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(makeProduct())} width={900} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    const file = platform.saved[0] as { name: string; bytes: Uint8Array; mimeType?: string };
    expect(file.name).toBe('timeline-thermostat-t2.svg');
    expect(file.mimeType).toBe('image/svg+xml');
    const doc = parseSvg(file.bytes);
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getElementsByTagName('title')[0]?.textContent).toBe('Lifecycle timeline: Thermostat T2');
    expect(root.getElementsByTagName('desc')[0]?.textContent).toMatch(/5 components/);
    expect(root.querySelectorAll('.timeline-bar')).toHaveLength(5);
    expect(root.querySelector('.timeline-mismatch')).not.toBeNull();
    expect(await screen.findByText('Saved timeline-thermostat-t2.svg.')).toBeTruthy();
  });

  it('reports a PNG export that cannot be drawn instead of failing silently', async () => {
    const { platform } = renderWithPlatform(<ProductTimelineChart timeline={timelineOf(makeProduct())} width={900} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export PNG 2×' }));
    // jsdom has no image decoding or canvas: the frame says so and saves nothing.
    expect(await screen.findByText(/Export as PNG 2× failed/)).toBeTruthy();
    expect(platform.saved).toHaveLength(0);
  });
});
