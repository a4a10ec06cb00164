import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp, useTestDb } from '../helpers';
import { useUiStore } from '../../../renderer/state/ui-store';
import { seedPortfolio, withLayout } from './fixtures';

withLayout();

const freshDb = useTestDb();

async function start() {
  const db = freshDb();
  const seeded = await seedPortfolio(db);
  const rendered = await renderApp({ db });
  const tree = await screen.findByRole('treegrid', { name: 'Products by product line' });
  // Findings arrive after the analysis' quiet period.
  await within(tree).findByText('Support ends before use ends');
  return { ...rendered, ...seeded, tree, user: userEvent.setup() };
}

function rowOf(tree: HTMLElement, name: string): HTMLElement {
  return within(tree).getByText(name).closest('[role="row"]') as HTMLElement;
}

function productOrder(tree: HTMLElement): string[] {
  return within(tree).getAllByRole('row')
    .filter((r) => r.getAttribute('aria-level') === '2')
    .map((r) => r.querySelector('.product-open')!.textContent!);
}

describe('portfolio overview', () => {
  it('lists lines with their products, counts, worst open finding and support end vs use end', async () => {
    const { tree } = await start();
    const thermostats = rowOf(tree, 'Thermostats');
    expect(thermostats.getAttribute('aria-level')).toBe('1');
    expect(thermostats.getAttribute('aria-expanded')).toBe('true');
    expect(thermostats.textContent).toContain('Consumer IoT · 2 products · 3 components');
    expect(rowOf(tree, 'Gateways').textContent).toContain('Industrial OT / IIoT · 2 products · 1 component');

    const a = rowOf(tree, 'Thermo A');
    expect(a.getAttribute('aria-level')).toBe('2');
    const cells = within(a).getAllByRole('gridcell').map((c) => c.textContent);
    expect(cells[0]).toBe('Thermo A TA-1');
    expect(cells[1]).toBe('2');
    expect(cells[2]).toMatch(/^High Support ends before use ends/);
    expect(cells[3]).toBe('2028-12');
    expect(cells[4]).toBe('2034-01-01');
    // 2028-12-31 minus 2034-01-01 = -1827 days = -60 months: exposed.
    expect(cells[5]).toBe('5 years short');
    expect(cells[6]).toBe('EU, UK');
    // Narrow cells are cut with an ellipsis; the full text stays reachable on hover.
    const aCells = within(a).getAllByRole('gridcell');
    expect(aCells[2]!.getAttribute('title')).toMatch(/^High: Support ends before use ends/);
    expect(aCells[6]!.getAttribute('title')).toBe('EU, UK');

    const b = within(rowOf(tree, 'Thermo B')).getAllByRole('gridcell').map((c) => c.textContent);
    // Sold only in the US and no longer placed on the market: no disclosure rule applies, the date is just missing.
    expect(b[2]).toMatch(/^Low Missing data/);
    expect(b[3]).toBe('unknown');
    expect(b[5]).toBe('unknown');
    expect(screen.getByTestId('portfolio-summary').textContent).toContain('2 product lines, 4 products, 4 components.');
  });

  it('searches by name, SKU and component name, and filters by market, environment, kind and severity', async () => {
    const { tree, user } = await start();
    const search = screen.getByLabelText('Search');
    await user.type(search, 'yocto');
    await waitFor(() => expect(productOrder(tree)).toEqual(['Gate 1']));
    expect(within(tree).queryByText('Thermostats')).toBeNull();
    expect(screen.getByTestId('portfolio-summary').textContent).toContain('1 of 4 products match');
    expect(useUiStore.getState().filters.search).toBe('yocto');

    await user.clear(search);
    await user.type(search, 'ta-1');
    await waitFor(() => expect(productOrder(tree)).toEqual(['Thermo A']));
    await user.clear(search);

    await user.selectOptions(screen.getByLabelText('Market'), 'UK');
    await waitFor(() => expect(productOrder(tree)).toEqual(['Gate 2', 'Thermo A']));
    expect(useUiStore.getState().filters.markets).toEqual(['UK']);

    await user.selectOptions(screen.getByLabelText('Severity'), 'high');
    await waitFor(() => expect(productOrder(tree)).toEqual(['Thermo A']));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.selectOptions(screen.getByLabelText('Environment', { selector: '#filter-environment' }), 'industrial');
    await waitFor(() => expect(productOrder(tree)).toEqual(['Gate 1', 'Gate 2']));
    await user.selectOptions(screen.getByLabelText('Environment', { selector: '#filter-environment' }), '');

    await user.selectOptions(screen.getByLabelText('Finding kind'), 'support-ends-before-use');
    await waitFor(() => expect(productOrder(tree)).toEqual(['Thermo A']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(productOrder(tree)).toHaveLength(4));
  });

  it('sorts products within their line by gap, support end and worst finding', async () => {
    const { tree, user } = await start();
    expect(productOrder(tree)).toEqual(['Gate 1', 'Gate 2', 'Thermo A', 'Thermo B']);
    await user.selectOptions(screen.getByLabelText('Sort products by'), 'gap');
    // Gate 2: 2036-06-30 - 2035-12-31 = +6 months, Gate 1: +78; Thermo A exposed, Thermo B unknown last.
    expect(productOrder(tree)).toEqual(['Gate 2', 'Gate 1', 'Thermo A', 'Thermo B']);
    await user.selectOptions(screen.getByLabelText('Sort products by'), 'supportEnd');
    expect(productOrder(tree)).toEqual(['Gate 2', 'Gate 1', 'Thermo A', 'Thermo B']);
    await user.selectOptions(screen.getByLabelText('Sort products by'), 'severity');
    const order = productOrder(tree);
    expect(order.slice(2)).toEqual(['Thermo A', 'Thermo B']);
  });

  it('moves between rows with the arrow keys, collapses a line, and opens a product with Enter', async () => {
    const { tree, user } = await start();
    const first = within(tree).getAllByRole('row').find((r) => r.getAttribute('tabindex') === '0')!;
    expect(first.textContent).toContain('Gateways');
    first.focus();
    await user.keyboard('{ArrowLeft}');
    expect(rowOf(tree, 'Gateways').getAttribute('aria-expanded')).toBe('false');
    expect(within(tree).queryByText('Gate 1')).toBeNull();
    await user.keyboard('{ArrowRight}');
    await within(tree).findByText('Gate 1');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}');
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Thermo A'));
    expect(screen.getByRole('toolbar', { name: 'Selected product actions' }).textContent).toContain('Selected: Thermo A');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/product/thermo-a'));
    expect(useUiStore.getState().route).toEqual({ area: 'product', productId: 'thermo-a' });
  });

  it('creates a product in the selected line and opens it', async () => {
    const { user, db, industrial } = await start();
    await user.click(screen.getByRole('button', { name: 'New product' }));
    const dialog = screen.getByRole('dialog', { name: 'New product' });
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Product name'));
    await user.click(within(dialog).getByRole('button', { name: 'Create and open' }));
    expect(await within(dialog).findByRole('alert')).toBeTruthy();
    expect(await db.products.count()).toBe(4);

    await user.type(within(dialog).getByLabelText('Product name'), 'Gate 3');
    await user.selectOptions(within(dialog).getByLabelText('Category'), 'gateway');
    await user.click(within(dialog).getByRole('button', { name: 'Create and open' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/product\//));
    const created = (await db.products.toArray()).find((p) => p.name === 'Gate 3')!;
    expect(created).toMatchObject({ lineId: industrial.id, category: 'gateway', components: [] });
    expect(window.location.hash).toBe(`#/product/${created.id}`);
  });
});
