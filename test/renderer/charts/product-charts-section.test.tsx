import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, putProduct } from '../../../renderer/db';
import { useUiStore } from '../../../renderer/state/ui-store';
import { renderApp, useTestDb } from '../helpers';

const freshDb = useTestDb();

// The page lets the charts fill their container (ResponsiveContainer), which learns its size from a
// ResizeObserver; jsdom has no layout and no ResizeObserver, so this one reports a 900 px wide box.
beforeAll(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private readonly callback: ResizeObserverCallback) {}
      observe(target: Element) {
        const contentRect = { width: 900, height: 400, top: 0, left: 0, right: 900, bottom: 400, x: 0, y: 0 } as DOMRectReadOnly;
        this.callback([{ target, contentRect } as ResizeObserverEntry], this as unknown as ResizeObserver);
      }
      unobserve() {}
      disconnect() {}
    },
  );
});
afterAll(() => vi.unstubAllGlobals());

async function openProduct(declaredSupportEnd: string, firmwareEnd = '2030-06') {
  const db = freshDb();
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  await putProduct(db, {
    id: 'p1',
    lineId: line.id,
    name: 'T1',
    category: 'thermostat',
    markets: ['EU'],
    firstPlacedOnMarket: '2022-01-01',
    lastPlacedOnMarket: '2024-12',
    expectedUseYears: 10,
    declaredSupportEnd,
    components: [
      { id: 'c1', name: 'Main firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: firmwareEnd, updateMechanism: 'ota', sources: { securitySupportEnd: 'supplier letter 2024-02' } },
      { id: 'c2', name: 'Cloud API', class: 'it', role: 'cloud' },
      { id: 'c3', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 12 },
    ],
  });
  const user = userEvent.setup();
  const view = await renderApp({ db });
  act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
  const grid = await screen.findByRole('grid', { name: 'Components of T1' });
  await within(grid).findByText('Main firmware');
  return { ...view, user, grid };
}

function activeCell(grid: HTMLElement): HTMLElement | null {
  const id = grid.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id) : null;
}

function openTab(name: 'Charts' | 'Components') {
  fireEvent.click(screen.getByRole('tab', { name }));
}

function openSection() {
  openTab('Charts');
}

describe('lifecycle charts on the product page', () => {
  it('draws nothing until the Charts tab is opened, then the timeline and fleet exposure of the live product', async () => {
    const { container } = await openProduct('2028-06');
    expect(container.querySelector('.product-charts')).toBeNull();
    expect(container.querySelector('.timeline-bar')).toBeNull();
    openSection();
    const timeline = await screen.findByRole('figure', { name: 'Lifecycle timeline: T1' });
    await waitFor(() => expect(timeline.querySelectorAll('g.timeline-bar')).toHaveLength(3));
    expect(screen.getByRole('figure', { name: /fleet/i })).toBeTruthy();
    // Support ends in 2028, units stay in use until 2034: the engine reports it, the chart shades it.
    expect(timeline.querySelectorAll('.timeline-mismatch')).toHaveLength(1);
  });

  it('draws no mismatch when support covers the use period', async () => {
    await openProduct('2036-12', '2037-06');
    openSection();
    const timeline = await screen.findByRole('figure', { name: 'Lifecycle timeline: T1' });
    await waitFor(() => expect(timeline.querySelectorAll('g.timeline-bar')).toHaveLength(3));
    expect(timeline.querySelector('.timeline-mismatch')).toBeNull();
  });

  it('draws the mismatch from the effective end when a core component ends before the declared end', async () => {
    await openProduct('2036-12');
    openSection();
    const timeline = await screen.findByRole('figure', { name: 'Lifecycle timeline: T1' });
    await waitFor(() => expect(timeline.querySelector('.timeline-mismatch')).not.toBeNull());
    expect(within(timeline).getByText(/Effective support end: 2030-06-30/).textContent).toMatch(/set by core component Main firmware \(firmware\)/);
  });

  it('selects a component clicked in the timeline without leaving the charts; the grid cursor is on it in the Components tab', async () => {
    const { grid, user } = await openProduct('2028-06');
    // Show only mechanical parts: the firmware row is filtered out of the grid.
    await user.click(screen.getByRole('button', { name: /^Mechanical/ }));
    await waitFor(() => expect(within(grid).queryByText('Main firmware')).toBeNull());
    openSection();
    const timeline = await screen.findByRole('figure', { name: 'Lifecycle timeline: T1' });
    const firmwareBar = await waitFor(() => {
      const el = timeline.querySelector('g.timeline-bar[data-component-id="c1"]');
      if (!el) throw new Error('no firmware bar yet');
      return el;
    });
    fireEvent.click(firmwareBar);
    expect(useUiStore.getState().selectedComponentId).toBe('c1');
    await waitFor(() => expect(timeline.querySelector('g.timeline-bar--selected')?.getAttribute('data-component-id')).toBe('c1'));
    expect(screen.getByRole('tab', { name: 'Charts' }).getAttribute('aria-selected')).toBe('true');
    expect(grid.isConnected).toBe(false);
    openTab('Components');
    const again = await screen.findByRole('grid', { name: 'Components of T1' });
    await waitFor(() => expect(activeCell(again)?.textContent).toBe('Main firmware'));
  });

  it('highlights in the timeline the component selected in the grid or from a finding', async () => {
    await openProduct('2028-06');
    openSection();
    const timeline = await screen.findByRole('figure', { name: 'Lifecycle timeline: T1' });
    await waitFor(() => expect(timeline.querySelectorAll('g.timeline-bar')).toHaveLength(3));
    // The grid puts its cursor on the first row when it opens: the timeline shows the same selection.
    const initial = useUiStore.getState().selectedComponentId;
    expect(initial).toBe('c1');
    await waitFor(() => expect(timeline.querySelector('g.timeline-bar--selected')?.getAttribute('data-component-id')).toBe(initial));
    // A finding's "Go to" opens the Components tab on its field; back on the charts, the same component is selected.
    act(() => useUiStore.getState().focusTarget('p1', 'c3', 'component.expectedLifeYears'));
    expect(screen.getByRole('tab', { name: 'Components' }).getAttribute('aria-selected')).toBe('true');
    const grid = await screen.findByRole('grid', { name: 'Components of T1' });
    await waitFor(() => expect(activeCell(grid)?.closest('[role="row"]')?.textContent).toContain('Relay'));
    openSection();
    const again = await screen.findByRole('figure', { name: 'Lifecycle timeline: T1' });
    await waitFor(() => expect(again.querySelector('g.timeline-bar--selected')?.getAttribute('data-component-id')).toBe('c3'));
    expect(again.querySelector('.timeline-row-label--selected')?.textContent).toContain('Relay');
    act(() => useUiStore.getState().selectComponent('c2'));
    await waitFor(() => expect(again.querySelector('g.timeline-bar--selected')?.getAttribute('data-component-id')).toBe('c2'));
  });
});
