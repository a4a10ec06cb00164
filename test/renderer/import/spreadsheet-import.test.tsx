import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor, cleanup } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp, dropDb } from '../helpers';
import type { SupportspanDb } from '../../../renderer/db/database';
import { useUiStore } from '../../../renderer/state/ui-store';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const bytes = (rel: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, rel)));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

let db: SupportspanDb | null = null;
afterEach(async () => {
  cleanup();
  if (db) await dropDb(db);
  db = null;
});

async function openImport(file: { name: string; bytes: Uint8Array }) {
  const app = await renderApp();
  db = app.db;
  const user = userEvent.setup();
  useUiStore.getState().navigate({ area: 'data' });
  await screen.findByRole('heading', { level: 1, name: 'Import & export' });
  app.platform.queueFile(file);
  await user.click(screen.getByRole('button', { name: 'Choose a spreadsheet…' }));
  return { ...app, user };
}

const panel = () => within(screen.getByRole('region', { name: 'Import a spreadsheet' }));
const mappingSelect = (header: string) => screen.getByRole('combobox', { name: `Template column for “${header}”` });

describe('spreadsheet import screen', () => {
  it('auto-maps a semicolon CSV with a BOM, previews it and imports it in one step', async () => {
    const { user, db: d } = await openImport({ name: 'plugs.csv', bytes: bytes('test/fixtures/csv/semicolon-bom-crlf.csv') });
    await screen.findByRole('table', { name: 'Column mapping' });
    expect(screen.getByText(/separated by semicolons/)).toBeTruthy();
    expect((mappingSelect('product_line') as HTMLSelectElement).value).toBe('product_line');
    expect((mappingSelect('spare_parts_until') as HTMLSelectElement).value).toBe('spare_parts_until');
    const preview = screen.getByRole('table', { name: 'Preview of the first rows' });
    expect(within(preview).getAllByRole('row')).toHaveLength(3);
    expect(within(preview).getByText('Plugco; Ltd')).toBeTruthy();
    expect(panel().getByRole('status').textContent).toMatch(/2 rows, 1 product: no errors/);
    await user.click(screen.getByRole('button', { name: 'Import 1 product' }));
    await screen.findByText(/Imported\./);
    const products = await d.products.toArray();
    expect(products.map((p) => [p.name, p.components.length])).toEqual([['Smart plug S1', 2]]);
  });

  it('maps headers by name ignoring case and spacing, lets the user re-map and ignore, and says what is missing', async () => {
    const csv = [
      'Product Line,ENVIRONMENT,Product Name,Category,Component,Class,Role,Support ends,Notes',
      'Hubs,consumer,Hub H1,gateway,Hub firmware,it,firmware,2031-03,internal',
    ].join('\r\n');
    const { user, db: d } = await openImport({ name: 'hubs.csv', bytes: text(csv) });
    await screen.findByRole('table', { name: 'Column mapping' });
    expect((mappingSelect('Product Line') as HTMLSelectElement).value).toBe('product_line');
    expect((mappingSelect('ENVIRONMENT') as HTMLSelectElement).value).toBe('environment');
    expect((mappingSelect('Product Name') as HTMLSelectElement).value).toBe('');
    expect((mappingSelect('Notes') as HTMLSelectElement).value).toBe('');
    expect(panel().getByRole('alert').textContent).toMatch(/Required column not mapped: product\b/);
    expect(screen.queryByRole('button', { name: /^Import/ })).toBeNull();

    await user.selectOptions(mappingSelect('Product Name'), 'product');
    await user.selectOptions(mappingSelect('Support ends'), 'security_support_end');
    expect(panel().queryByRole('alert')).toBeNull();
    // Mapping two columns to one template column is refused until one is ignored.
    await user.selectOptions(mappingSelect('Notes'), 'product');
    expect(panel().getByRole('alert').textContent).toMatch(/product is mapped from more than one column \(“Product Name”, “Notes”\)/);
    await user.selectOptions(mappingSelect('Notes'), '');
    await user.click(screen.getByRole('button', { name: 'Import 1 product' }));
    await screen.findByText(/Imported\./);
    const [hub] = await d.products.toArray();
    expect(hub?.name).toBe('Hub H1');
    expect(hub?.components[0]).toMatchObject({ name: 'Hub firmware', securitySupportEnd: '2031-03' });
  });

  it('lists errors with row and column and imports only valid rows after confirming the skipped count', async () => {
    // The sample portfolio with one impossible date (30 February) in one component row.
    const lines = readFileSync(join(ROOT, 'assets/sample-portfolio.csv'), 'utf8').replace(/\r?\n$/, '').split(/\r?\n/);
    const badLine = 3;
    const cells = lines[badLine - 1]!.split(',');
    const product = cells[2]!;
    cells[17] = '2027-02-30';
    lines[badLine - 1] = cells.join(',');
    const productRows = lines.filter((l) => l.split(',')[2] === product).length;
    const all = lines.length - 1;
    const { user, db: d } = await openImport({ name: 'sample-bad.csv', bytes: text(lines.join('\r\n')) });
    await screen.findByRole('table', { name: 'Column mapping' });
    const errors = screen.getByRole('table', { name: 'Errors' });
    const rows = within(errors).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([[String(badLine), 'security_support_end', expect.stringMatching(/2027-02-30/)]]);
    await user.click(screen.getByRole('button', { name: 'Import only the valid rows…' }));
    const confirm = screen.getByRole('group', { name: 'Confirm skipping rows' });
    const skipped = productRows;
    expect(confirm.textContent).toContain(`${skipped} of ${all} rows will be skipped`);
    expect(await d.products.count()).toBe(0);
    await user.click(within(confirm).getByRole('button', { name: new RegExp(`^Skip ${skipped} rows? and import the rest$`) }));
    await screen.findByText(new RegExp(`${skipped} rows with errors were skipped`));
    const names = (await d.products.toArray()).map((p) => p.name);
    expect(names).not.toContain(product);
    expect(names).toHaveLength(7);
  });

  it('reads an .xlsx with a notes sheet first, a title row, merged product cells and serial dates, and imports it', async () => {
    const { user, db: d } = await openImport({ name: 'handmade-1900.xlsx', bytes: bytes('test/fixtures/interop/xlsx/handmade-1900.xlsx') });
    await screen.findByRole('table', { name: 'Column mapping' }, { timeout: 10_000 });
    expect(panel().getByText((_, el) => el?.tagName === 'P' && /header on row 3\./.test(el.textContent ?? ''))).toBeTruthy();
    expect(panel().getByText(/sheet "Portfolio" is read; other sheets \(Notes\) are not/)).toBeTruthy();
    const preview = screen.getByRole('table', { name: 'Preview of the first rows' });
    expect(within(preview).getAllByText('2026-12-31').length).toBe(1);
    await user.click(panel().getByRole('button', { name: /^Import \d+ products?$/ }));
    await panel().findByText(/Imported\./);
    const t2 = (await d.products.toArray()).find((p) => p.name === 'Thermostat T2');
    expect(t2?.components.map((c) => [c.name, c.securitySupportEnd ?? c.sparePartsUntil])).toEqual([['Linux kernel', '2026-12-31'], ['Relay', '2035-06']]);
    expect(t2?.declaredSupportEnd).toBe('2032-12-31');
  });

  it('cancelling while reading a large file writes nothing', async () => {
    const header = 'product_line,environment,product,category,component,class,role';
    const rows = Array.from({ length: 60_000 }, (_, i) => `Line ${i % 7},consumer,Product ${i % 500},other,Part ${i},it,other`);
    const { user, db: d } = await openImport({ name: 'big.csv', bytes: text([header, ...rows].join('\n')) });
    const cancel = await screen.findByRole('button', { name: 'Cancel' });
    expect(screen.getByRole('progressbar', { name: 'Reading the file' })).toBeTruthy();
    await user.click(cancel);
    await screen.findByText('Reading the file was cancelled. Nothing was imported.');
    await waitFor(async () => expect(await d.products.count()).toBe(0));
    expect(await d.lines.count()).toBe(0);
    expect(await d.changes.count()).toBe(0);
  });
});
