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
    expect(panel().getByText(/UTF-8 with BOM, semicolon-separated/)).toBeTruthy();
    expect((mappingSelect('product_line') as HTMLSelectElement).value).toBe('product_line');
    expect((mappingSelect('spare_parts_until') as HTMLSelectElement).value).toBe('spare_parts_until');
    const preview = screen.getByRole('table', { name: 'Preview of the rows' });
    expect(within(preview).getAllByRole('row')).toHaveLength(3);
    expect(within(preview).getByText('Plugco; Ltd')).toBeTruthy();
    expect(panel().getAllByRole('status')[0]!.textContent).toMatch(/2 rows, 1 product ready with 2 components: no errors/);
    await user.click(screen.getByRole('button', { name: 'Import 1 product' }));
    await screen.findByText(/Imported\./);
    const products = await d.products.toArray();
    expect(products.map((p) => [p.name, p.components.length])).toEqual([['Smart plug S1', 2]]);
  });

  it('maps headers by name and synonym, lets the user re-map and ignore, and refuses two columns for one field', async () => {
    const csv = [
      'Product Line,ENVIRONMENT,Product Name,Category,Component,Class,Role,Support ends,Notes',
      'Hubs,consumer,Hub H1,gateway,Hub firmware,it,firmware,2031-03,internal',
    ].join('\r\n');
    const { user, db: d } = await openImport({ name: 'hubs.csv', bytes: text(csv) });
    await screen.findByRole('table', { name: 'Column mapping' });
    expect((mappingSelect('Product Line') as HTMLSelectElement).value).toBe('product_line');
    expect((mappingSelect('Product Name') as HTMLSelectElement).value).toBe('product');
    expect((mappingSelect('Support ends') as HTMLSelectElement).value).toBe('');
    expect((mappingSelect('Notes') as HTMLSelectElement).value).toBe('component_notes');

    await user.selectOptions(mappingSelect('Support ends'), 'security_support_end');
    await waitFor(() => expect((mappingSelect('Support ends') as HTMLSelectElement).value).toBe('security_support_end'));
    await user.selectOptions(mappingSelect('Notes'), 'product');
    await waitFor(() => expect(panel().getByRole('alert').textContent).toMatch(/2 columns are mapped to product: map one, ignore the others/));
    expect(screen.queryByRole('button', { name: /^Import \d/ })).toBeNull();
    await user.selectOptions(mappingSelect('Notes'), 'component_notes');
    await user.click(await screen.findByRole('button', { name: 'Import 1 product' }));
    await screen.findByText(/Imported\./);
    const [hub] = await d.products.toArray();
    expect(hub?.name).toBe('Hub H1');
    expect(hub?.components[0]).toMatchObject({ name: 'Hub firmware', securitySupportEnd: '2031-03', notes: 'internal' });
  });

  it('lists errors with row and column; importing only the valid rows skips the bad row, not its whole product', async () => {
    // The sample portfolio with one impossible date (30 February) in one component row.
    const lines = readFileSync(join(ROOT, 'assets/sample-portfolio.csv'), 'utf8').replace(/\r?\n$/, '').split(/\r?\n/);
    const badLine = 3;
    const cells = lines[badLine - 1]!.split(',');
    const product = cells[2]!;
    const component = cells[11]!;
    cells[17] = '2027-02-30';
    lines[badLine - 1] = cells.join(',');
    const all = lines.length - 1;
    const { user, db: d } = await openImport({ name: 'sample-bad.csv', bytes: text(lines.join('\r\n')) });
    await screen.findByRole('table', { name: 'Column mapping' });
    const errors = screen.getByRole('table', { name: 'Errors' });
    const rows = within(errors).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').slice(0, 3).map((c) => c.textContent));
    expect(rows).toEqual([[String(badLine), 'security_support_end', expect.stringMatching(/2027-02-30/)]]);
    await user.click(screen.getByRole('button', { name: 'Import only the valid rows…' }));
    const confirm = screen.getByRole('group', { name: 'Confirm skipping rows' });
    expect(confirm.textContent).toContain(`1 of ${all} rows will be skipped`);
    expect(await d.products.count()).toBe(0);
    await user.click(within(confirm).getByRole('button', { name: 'Skip 1 row and import the rest' }));
    await screen.findByText(/Rows skipped because of errors: 1\./);
    const saved = await d.products.toArray();
    expect(saved).toHaveLength(8);
    expect(saved.find((p) => p.name === product)?.components.map((c) => c.name)).not.toContain(component);
  });

  it('reads the title-row workbook, fixes its two bad cells in place, re-checks and imports every row', async () => {
    const { user, db: d } = await openImport({ name: 'plan.xlsx', bytes: bytes('test/fixtures/interop/spreadsheets/title-group-header.xlsx') });
    await screen.findByRole('table', { name: 'Column mapping' }, { timeout: 10_000 });
    expect((screen.getByLabelText('Header row') as HTMLSelectElement).value).toBe('4');
    expect((screen.getByLabelText('Sheet') as HTMLSelectElement).value).toBe('Portfolio');
    expect(within(screen.getByRole('table', { name: 'Conversions' })).getAllByText('31.12.2030').length).toBeGreaterThan(0);
    const kaffee = screen.getByRole('combobox', { name: 'Meaning of “Kaffeemaschine” in “Update-Mechanismus”' });
    expect((kaffee as HTMLSelectElement).value).toBe('');
    const fixDate = screen.getByRole('textbox', { name: 'Fix row 6, Ersatzteile bis' });
    await user.clear(fixDate);
    await user.type(fixDate, '28.02.2035');
    const fixUpdate = screen.getByRole('textbox', { name: 'Fix row 9, Update-Mechanismus' });
    await user.clear(fixUpdate);
    await user.type(fixUpdate, 'OTA');
    await user.click(screen.getByRole('button', { name: 'Re-check with the fixed cells' }));
    await waitFor(() => expect(screen.queryByRole('table', { name: 'Errors' })).toBeNull());
    await user.click(screen.getByRole('button', { name: 'Import 2 products' }));
    await screen.findByText(/Imported\./);
    const t3 = (await d.products.toArray()).find((p) => p.name === 'Thermostat T3');
    expect(t3?.components.find((c) => c.name === 'Relais')?.sparePartsUntil).toBe('2035-02-28');
  });

  it('saves the mapping as a profile and offers it for the next file with the same header', async () => {
    const csv = 'Line,Segment,Model,Kind,Part,Class,Role,Replaced by\nL,consumer,M1,other,P,it,firmware,Werkstatt\n';
    const { user, ...app } = await openImport({ name: 'a.csv', bytes: text(csv) });
    await screen.findByRole('table', { name: 'Column mapping' });
    await user.selectOptions(mappingSelect('Kind'), 'category');
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Meaning of “Werkstatt” in “Replaced by”' }), 'professional');
    await screen.findByRole('button', { name: 'Import 1 product' });
    await user.clear(screen.getByRole('textbox', { name: 'Name' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Workshop list');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await screen.findByText(/Saved as profile “Workshop list”/);
    await user.click(screen.getByRole('button', { name: 'Choose another file' }));
    app.platform.queueFile({ name: 'b.csv', bytes: text(csv.replace('M1', 'M2')) });
    await user.click(await screen.findByRole('button', { name: 'Choose a spreadsheet…' }));
    await screen.findByText(/The saved profile “Workshop list” fits this file’s header/);
    expect((mappingSelect('Kind') as HTMLSelectElement).value).toBe('class'); // "kind" is a synonym of class, until the profile says otherwise
    await user.click(screen.getByRole('button', { name: 'Apply “Workshop list”' }));
    await waitFor(() => expect((mappingSelect('Kind') as HTMLSelectElement).value).toBe('category'));
    expect((screen.getByRole('combobox', { name: 'Meaning of “Werkstatt” in “Replaced by”' }) as HTMLSelectElement).value).toBe('professional');
    await screen.findByRole('button', { name: 'Import 1 product' });
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
