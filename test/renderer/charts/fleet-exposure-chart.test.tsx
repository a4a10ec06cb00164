import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FleetExposureChart, ProductCharts, readWhatIf } from '../../../renderer/features/charts';
import { AS_OF, line, makeProduct } from '../../shared/charts/fixtures';
import { parseSvg, renderWithPlatform } from './helpers';

describe('FleetExposureChart', () => {
  it('stacks supported and unsupported units, then draws a what-if next to the current curve', () => {
    // Without core components the declared end governs, so extending it helps.
    const { container } = renderWithPlatform(<FleetExposureChart product={makeProduct({ components: [] })} asOf={AS_OF} width={800} />);
    expect(container.querySelector('.fleet-area--supported path')).not.toBeNull();
    expect(container.querySelector('.fleet-area--without path')).not.toBeNull();
    expect(container.querySelector('.fleet-whatif--without')).toBeNull();
    const summaryBefore = screen.getByTestId('fleet-summary').textContent ?? '';
    expect(summaryBefore).not.toMatch(/what-if/);

    fireEvent.change(screen.getByLabelText('What-if'), { target: { value: 'extend' } });
    fireEvent.change(screen.getByLabelText('Extend by (months)'), { target: { value: '36' } });
    expect(container.querySelector('.fleet-whatif--without path')).not.toBeNull();
    // The current curve is still there.
    expect(container.querySelector('.fleet-area--without path')).not.toBeNull();
    const summary = screen.getByTestId('fleet-summary').textContent ?? '';
    const [cur, alt] = [...summary.matchAll(/(?:current|what-if) ([\d,]+)/g)].map((m) => Number((m[1] as string).replace(/,/g, '')));
    expect(alt).toBeLessThan(cur as number);
    expect(summary).toContain('effective support end 2033-06-30');
  });

  it('an extension the core components cannot follow changes nothing, and says why', () => {
    renderWithPlatform(<FleetExposureChart product={makeProduct()} asOf={AS_OF} width={800} />);
    fireEvent.change(screen.getByLabelText('What-if'), { target: { value: 'extend' } });
    fireEvent.change(screen.getByLabelText('Extend by (months)'), { target: { value: '36' } });
    const summary = screen.getByTestId('fleet-summary').textContent ?? '';
    expect(summary).toMatch(/current [\d,]+ \(effective support end 2028-03-31\); what-if [\d,]+ \(effective support end 2028-03-31\)/);
    expect(screen.getByText(/the effective end stays at 2028-03-31, set by core component SoC/)).toBeTruthy();
  });

  it('without a declared end, units without support are unknown, not zero', () => {
    renderWithPlatform(<FleetExposureChart product={makeProduct({ declaredSupportEnd: null })} asOf={AS_OF} width={800} />);
    expect(screen.getByTestId('fleet-summary').textContent).toMatch(/current unknown \(effective support end unknown\)/);
  });

  it('refuses a bad what-if value with a reason and draws no what-if', () => {
    const { container } = renderWithPlatform(<FleetExposureChart product={makeProduct()} asOf={AS_OF} width={800} />);
    fireEvent.change(screen.getByLabelText('What-if'), { target: { value: 'swap' } });
    fireEvent.change(screen.getByLabelText('Replacement security-support end'), { target: { value: '2035-02-30' } });
    expect(screen.getByText(/day 30 in "2035-02-30" does not exist/)).toBeTruthy();
    expect(container.querySelector('.fleet-whatif--without')).toBeNull();
    fireEvent.change(screen.getByLabelText('Component'), { target: { value: 'soc' } });
    fireEvent.change(screen.getByLabelText('Replacement security-support end'), { target: { value: '2035-12' } });
    expect(container.querySelector('.fleet-whatif--without path')).not.toBeNull();
  });

  it('reads control values without coercing them', () => {
    expect(readWhatIf('extend', '12', '', '')).toEqual({ whatIf: { kind: 'extend', months: 12 }, inputError: null });
    expect(readWhatIf('extend', '1e2', '', '').whatIf).toBeNull();
    expect(readWhatIf('extend', '', '', '').inputError).toMatch(/whole number/);
    expect(readWhatIf('swap', '', 'soc', '2031-6').inputError).toMatch(/not a date/);
    expect(readWhatIf('none', 'x', '', '')).toEqual({ whatIf: null, inputError: null });
  });

  it('draws steps, not smoothed curves that overshoot, and ends the axis at the end of the data', () => {
    const { container } = renderWithPlatform(<FleetExposureChart product={makeProduct()} asOf={AS_OF} width={800} />);
    const paths = Array.from(container.querySelectorAll('.fleet-area path')).map((p) => p.getAttribute('d') ?? '');
    expect(paths.length).toBeGreaterThan(0);
    for (const d of paths) expect(d).not.toMatch(/C/);
    // Year ticks (the unit axis groups thousands with a comma).
    const ticks = Array.from(container.querySelectorAll('svg text')).map((t) => t.textContent ?? '').filter((t) => /^\d{4}$/.test(t)).map(Number);
    expect(ticks.length).toBeGreaterThan(2);
    fireEvent.click(screen.getByRole('button', { name: 'Show data table' }));
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    const finalYear = Number((rows[rows.length - 1]?.textContent ?? '').slice(0, 4));
    expect(ticks[ticks.length - 1]).toBe(finalYear + 1);
  });

  it('says there is no fleet when units per year are unknown', () => {
    renderWithPlatform(<FleetExposureChart product={makeProduct({ unitsPerYear: null })} asOf={AS_OF} width={800} />);
    expect(screen.getByText(/Enter units placed on the market per year/)).toBeTruthy();
  });

  it('lists every year in its data table and exports a well-formed SVG', async () => {
    const { platform } = renderWithPlatform(<FleetExposureChart product={makeProduct()} asOf={AS_OF} width={800} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show data table' }));
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[1]?.textContent).toMatch(/^2024/);
    fireEvent.click(screen.getByRole('button', { name: 'Export SVG' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    const doc = parseSvg(platform.saved[0]?.bytes as Uint8Array);
    expect(doc.documentElement.getElementsByTagName('title')[0]?.textContent).toBe('Fleet exposure: Thermostat T2');
  });
});

describe('ProductCharts', () => {
  it('runs the engine for a product and renders its timeline and fleet charts', () => {
    const { container } = renderWithPlatform(<ProductCharts product={makeProduct()} line={line} options={{ asOf: AS_OF }} width={800} />);
    expect(container.querySelectorAll('g.timeline-bar')).toHaveLength(5);
    expect(container.querySelector('.timeline-mismatch')).not.toBeNull();
    expect(screen.getByTestId('fleet-exposure-chart')).toBeTruthy();
  });
});
