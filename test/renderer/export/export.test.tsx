import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import * as ExcelJS from 'exceljs';
import { parseTemplateCsv, parseTemplateRows } from '../../../shared/csv';
import { gridToTemplateRows, parseICalendar, readCycloneDx, readXlsx } from '../../../shared/interop';
import { importPortfolio } from '../../../renderer/db/repositories/import-portfolio';
import { listLines, listProducts } from '../../../renderer/db';
import { useUiStore } from '../../../renderer/state/ui-store';
import { renderApp, useTestDb } from '../helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const sample = parseTemplateCsv(readFileSync(join(ROOT, 'assets/sample-portfolio.csv'), 'utf8'));

const freshDb = useTestDb();

async function exportScreen() {
  const db = freshDb();
  await importPortfolio(db, sample.portfolio);
  const app = await renderApp({ db });
  useUiStore.getState().navigate({ area: 'data' });
  const region = within(await screen.findByRole('region', { name: 'Export' }));
  return { ...app, region, user: userEvent.setup() };
}

const sortPortfolio = (p: { lines: { name: string }[]; products: { name: string; components: { name: string }[] }[] }) => ({
  lines: [...p.lines].sort((a, b) => a.name.localeCompare(b.name)),
  products: [...p.products].sort((a, b) => a.name.localeCompare(b.name)),
});

describe('export', () => {
  it('round-trips the portfolio through CSV and through .xlsx (real ExcelJS) without losing anything', async () => {
    const { region, user, platform, db: d } = await exportScreen();
    await user.click(region.getByRole('button', { name: 'Export CSV' }));
    await user.click(region.getByRole('button', { name: 'Export Excel (.xlsx)' }));
    await region.findByText('Saved portfolio.xlsx.');
    const [csv, xlsx] = platform.saved;
    expect(csv?.name).toBe('portfolio.csv');
    const stored = { lines: await listLines(d), products: await listProducts(d) };

    const fromCsv = parseTemplateCsv(new TextDecoder().decode(csv!.bytes));
    expect(fromCsv.errors).toEqual([]);
    expect(sortPortfolio(fromCsv.portfolio)).toEqual(sortPortfolio(stored));

    const read = await readXlsx(ExcelJS, xlsx!.bytes);
    if (!read.ok) throw new Error(read.error);
    const rows = gridToTemplateRows(read.grid);
    if (rows.header === null) throw new Error('no header');
    const fromXlsx = parseTemplateRows(rows.header, rows.rows, { firstRow: rows.firstRow });
    expect(fromXlsx.errors).toEqual([]);
    expect(sortPortfolio(fromXlsx.portfolio)).toEqual(sortPortfolio(stored));
  });

  it('exports one product line only, and a product as CycloneDX that reads back', async () => {
    const { region, user, platform, db: d } = await exportScreen();
    const line = (await listLines(d))[0]!;
    await user.selectOptions(region.getByRole('combobox', { name: 'Scope' }), `line:${line.id}`);
    await user.click(region.getByRole('button', { name: 'Export CSV' }));
    const fromCsv = parseTemplateCsv(new TextDecoder().decode(platform.saved[0]!.bytes));
    expect(fromCsv.portfolio.lines.map((l) => l.name)).toEqual([line.name]);
    const ofLine = (await listProducts(d)).filter((p) => p.lineId === line.id);
    expect(fromCsv.portfolio.products.map((p) => p.name).sort()).toEqual(ofLine.map((p) => p.name).sort());

    const product = ofLine[0]!;
    await user.click(region.getByRole('button', { name: `Export CycloneDX of ${product.name}` }));
    const bom = JSON.parse(new TextDecoder().decode(platform.saved[1]!.bytes)) as { specVersion: string };
    expect(bom.specVersion).toBe('1.6');
    const back = readCycloneDx(platform.saved[1]!.bytes, 'product.cdx.json');
    expect(back.errors).toEqual([]);
    expect(back.portfolio.products[0]!.components).toEqual(product.components);
  });

  it('exports the milestones of a date range as iCalendar', async () => {
    const { region, user, platform, db: d } = await exportScreen();
    await user.clear(region.getByLabelText('From'));
    await user.type(region.getByLabelText('From'), '2027-01-01');
    await user.clear(region.getByLabelText('To'));
    await user.type(region.getByLabelText('To'), '2030-12-31');
    await user.click(region.getByRole('button', { name: 'Export calendar (.ics)' }));
    await region.findByText('Saved portfolio-milestones.ics.');
    const events = parseICalendar(new TextDecoder().decode(platform.saved[0]!.bytes));
    expect(events.length).toBeGreaterThan(0);
    const dates = events.map((e) => e.dtstart);
    expect(dates.every((x) => x! >= '20270101' && x! <= '20301231')).toBe(true);
    expect(events.some((e) => e.uid === 'legal-eu-cra-application@supportspan')).toBe(true);
    // Every component support end in the range is there.
    const products = await listProducts(d);
    const expected = products.flatMap((p) => p.components.filter((c) => c.class === 'it' && c.securitySupportEnd && /^20(2[7-9]|30)/.test(c.securitySupportEnd)));
    expect(events.filter((e) => e.uid?.startsWith('component-support-end-')).length).toBe(expected.length);
  });
});
