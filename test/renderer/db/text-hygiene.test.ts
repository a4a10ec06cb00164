import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assembleBundleInput, createBundle, readBundle } from '../../../shared/bundle';
import { parseTemplateCsv } from '../../../shared/csv';
import type { SupportspanDb } from '../../../renderer/db/database';
import { importBundleIntoDb } from '../../../renderer/db/bundle-io';
import { importPortfolio } from '../../../renderer/db/repositories/import-portfolio';
import { useUiStore } from '../../../renderer/state/ui-store';
import { dropDb, testDb } from '../helpers';

const COLUMNS = 'product_line,environment,product,sku,category,markets,first_placed_on_market,last_placed_on_market,expected_use_years,declared_support_end,units_per_year,component,class,role,supplier,version,core,security_support_end,update_mechanism,expected_life_years,field_replaceable,spare_parts_until,repair_docs,expires'.split(',');
const csv = (cells: Record<string, string>): string => `${COLUMNS.join(',')}\r\n${COLUMNS.map((c) => cells[c] ?? '').join(',')}\r\n`;
const base = { product_line: 'Home', environment: 'consumer', product: 'T1', sku: 'SKU', category: 'thermostat', markets: 'EU', component: 'Firmware', class: 'it', role: 'firmware', supplier: 'Acme', version: '1.0' };

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  await dropDb(db);
});

describe('imported text at commit', () => {
  it('a spreadsheet with NUL is refused and writes nothing', async () => {
    const { portfolio } = parseTemplateCsv(csv({ ...base, supplier: 'Ac\u0000me' }));
    await expect(importPortfolio(db, portfolio)).rejects.toThrow('the file, product "T1", component "Firmware", field supplier: contains a NUL character');
    expect(await db.products.count()).toBe(0);
    expect(await db.lines.count()).toBe(0);
  });

  it('a spreadsheet with a bidi override is imported and reported', async () => {
    const notices = useUiStore.getState().notices.length;
    const { portfolio } = parseTemplateCsv(csv({ ...base, product: 'Invoice\u202Etxt.exe' }));
    await importPortfolio(db, portfolio);
    expect((await db.products.toArray())[0]!.name).toBe('Invoice\u202Etxt.exe');
    const added = useUiStore.getState().notices.slice(notices);
    expect(added.some((n) => n.kind === 'warning' && /text-direction control RLO \(U\+202E\)/.test(n.detail ?? ''))).toBe(true);
  });

  it('a bundle with NUL is refused and writes nothing', async () => {
    const { portfolio } = parseTemplateCsv(csv(base));
    portfolio.lines[0]!.notes = 'hidden\u0000tail';
    const bytes = await createBundle(assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: '2026-06-01', appVersion: '0.1.0', createdAt: '2026-06-01T00:00:00.000Z' }));
    const read = await readBundle(bytes);
    if (!read.ok) throw new Error(read.error);
    await expect(importBundleIntoDb(db, read.bundle, { mode: 'replace-workspace' })).rejects.toThrow('some text contains NUL characters');
    expect(await db.products.count()).toBe(0);
  });
});
