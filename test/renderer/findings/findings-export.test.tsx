import { afterEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { renderApp, useTestDb } from '../helpers';
import { seedWasher, washer } from '../analysis/fixture';
import { putProduct } from '../../../renderer/db/repositories/products';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { resetFindingFilters } from '../../../renderer/features/findings/findings-filter-store';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { useUiStore } from '../../../renderer/state/ui-store';

const freshDb = useTestDb();
afterEach(() => {
  resetFindingFilters();
});

async function openFindings() {
  const db = freshDb();
  await db.open();
  await seedWasher(db);
  await setSetting(db, 'asOfDate', '2026-01-15');
  const user = userEvent.setup();
  const platform = createMemoryPlatform();
  await renderApp({ db, platform });
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Findings' }));
  await screen.findByRole('region', { name: 'Findings in the portfolio' });
  return { user, platform, bar: screen.getByRole('region', { name: 'Export findings' }) };
}

const csvRows = (bytes: Uint8Array) => {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\ufeff')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

describe('exporting findings from the Findings screen', () => {
  it('exports the filtered findings as CSV, and says in the label that they are filtered', async () => {
    const { user, platform, bar } = await openFindings();
    expect(within(bar).getByText('Export findings (all 5):')).toBeTruthy();
    await user.click(within(bar).getByRole('button', { name: 'Export all 5 findings as CSV' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0]!.name).toBe('findings-portfolio-2026-01-15.csv');
    expect(platform.saved[0]!.mimeType).toBe('text/csv');
    expect(csvRows(platform.saved[0]!.bytes)).toHaveLength(5);

    await user.selectOptions(screen.getByLabelText('Severity'), 'medium');
    expect(within(bar).getByText('Export findings (2 of 5 shown, filtered):')).toBeTruthy();
    await user.click(within(bar).getByRole('button', { name: 'Export the 2 filtered findings as CSV' }));
    await waitFor(() => expect(platform.saved).toHaveLength(2));
    const rows = csvRows(platform.saved[1]!.bytes);
    expect(rows.map((r) => r['Severity'])).toEqual(['Medium', 'Medium']);
    expect(rows.map((r) => r['Kind']).sort()).toEqual(['Component support ends first', 'Spare parts end before use ends']);
    expect(rows.every((r) => r['Product'] === 'Washer W1')).toBe(true);
    expect(await within(bar).findByText('Saved findings-portfolio-2026-01-15.csv: 2 findings.')).toBeTruthy();
  });

  it('exports XLSX with the summary of the filter, and reports a cancelled save', async () => {
    const { user, platform, bar } = await openFindings();
    await user.selectOptions(screen.getByLabelText('Severity'), 'high');
    await user.click(within(bar).getByRole('button', { name: 'Export the 2 filtered findings as XLSX' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1), { timeout: 10_000 });
    const file = platform.saved[0]!;
    expect(file.name).toBe('findings-portfolio-2026-01-15.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as never);
    expect(wb.getWorksheet('Findings')!.rowCount).toBe(3);
    const summary = new Map<string, unknown>();
    wb.getWorksheet('Summary')!.eachRow((row, n) => {
      if (n > 1) summary.set(String(row.getCell(2).value), row.getCell(3).value);
    });
    expect(summary.get('Filter')).toBe('Severity: High');
    expect(summary.get('Findings before filtering')).toBe(5);
    expect(summary.get('All severities')).toBe(2);

    platform.cancelNextSave();
    await user.click(within(bar).getByRole('button', { name: 'Export the 2 filtered findings as CSV' }));
    expect(await within(bar).findByText('Export cancelled.')).toBeTruthy();
    expect(platform.saved).toHaveLength(1);
  });

  it('"Print / PDF" prints the screen through the platform', async () => {
    const { user, platform, bar } = await openFindings();
    await user.click(within(bar).getByRole('button', { name: 'Print / PDF' }));
    await waitFor(() => expect(platform.printed).toHaveLength(1));
    expect(platform.printed[0]).toEqual({ suggestedName: 'findings-2026-01-15.pdf', title: 'Findings as of 2026-01-15' });
    expect(await within(bar).findByText('Saved findings-2026-01-15.pdf.')).toBeTruthy();
  });
});

describe('printing a long list', () => {
  it('every finding is in the page while it prints, and the list is virtualized again after', async () => {
    const db = freshDb();
    await db.open();
    await seedWasher(db);
    // 40 washers with 5 findings each: 200 findings, more rows than are rendered on screen.
    for (let i = 2; i <= 40; i++) await putProduct(db, washer({ id: `p-washer-${i}`, name: `Washer W${i}` }));
    await setSetting(db, 'asOfDate', '2026-01-15');
    const platform = createMemoryPlatform();
    let cardsWhilePrinting = -1;
    platform.printPage = async (options) => {
      cardsWhilePrinting = document.querySelectorAll('article.finding').length;
      return { saved: true, name: options.suggestedName };
    };
    const user = userEvent.setup();
    await renderApp({ db, platform });
    await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Findings' }));
    await screen.findByRole('region', { name: 'Findings in the portfolio' });
    const bar = screen.getByRole('region', { name: 'Export findings' });
    await within(bar).findByText('Export findings (all 200):');
    const onScreen = document.querySelectorAll('article.finding').length;
    expect(onScreen).toBeLessThan(200);
    await user.click(within(bar).getByRole('button', { name: 'Print / PDF' }));
    await within(bar).findByText('Saved findings-2026-01-15.pdf.');
    expect(cardsWhilePrinting).toBe(200);
    await waitFor(() => expect(document.querySelectorAll('article.finding').length).toBe(onScreen));
  });
});

describe('exporting a product\'s findings', () => {
  it('the product panel exports that product\'s findings', async () => {
    const { user, platform } = await openFindings();
    useUiStore.getState().navigate({ area: 'product', productId: 'p-washer' });
    const panel = await screen.findByRole('complementary', { name: /^Findings/ });
    const bar = await within(panel).findByRole('region', { name: 'Export findings' });
    expect(within(bar).queryByRole('button', { name: 'Print / PDF' })).toBeNull();
    await user.click(within(bar).getByRole('button', { name: 'Export all 5 findings as CSV' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0]!.name).toBe('findings-product-washer-w1-2026-01-15.csv');
    expect(csvRows(platform.saved[0]!.bytes)).toHaveLength(5);
  });
});
