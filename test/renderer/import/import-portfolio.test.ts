import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTemplateCsv, TEMPLATE_COLUMNS, type TemplateColumn } from '../../../shared/csv';
import { createLine, listLines, listProducts, putProduct } from '../../../renderer/db';
import { importPortfolio, ImportCancelledError } from '../../../renderer/db/repositories/import-portfolio';
import type { SupportspanDb } from '../../../renderer/db/database';
import { dropDb, testDb } from '../helpers';

const repo = join(import.meta.dirname, '..', '..', '..');
const sample = parseTemplateCsv(readFileSync(join(repo, 'assets/sample-portfolio.csv'), 'utf8'));

let db: SupportspanDb;
afterEach(async () => dropDb(db));

describe('importPortfolio', () => {
  it('writes the sample portfolio as one change group', async () => {
    db = testDb();
    expect(sample.errors).toEqual([]);
    const summary = await importPortfolio(db, sample.portfolio);
    expect(summary).toMatchObject({ linesAdded: 4, productsAdded: 8, componentsAdded: 93, productsUpdated: 0 });
    expect(await db.products.count()).toBe(8);
    const changes = await db.changes.toArray();
    expect(changes).toHaveLength(12);
    expect(new Set(changes.map((c) => c.group))).toEqual(new Set([summary.group]));
  });

  it('merges by names: adds new, updates existing, never deletes', async () => {
    db = testDb();
    const line = await createLine(db, { name: 'smart PLUGS', environment: 'industrial', notes: 'kept' });
    await putProduct(db, {
      id: 'p-existing', lineId: line.id, name: 'Smart plug S1', category: 'other', expectedUseRationale: 'field data',
      components: [
        { id: 'c-fw', name: 'plug firmware', class: 'it', role: 'firmware', version: '1.0', securitySupportEnd: '2030-01', purl: 'pkg:generic/plugfw', sources: { securitySupportEnd: 'supplier letter' } },
        { id: 'c-old', name: 'Legacy radio', class: 'it', role: 'radio' },
      ],
    });
    await putProduct(db, { id: 'p-other', lineId: line.id, name: 'Not in the file', category: 'other' });
    const file = parseTemplateCsv(readFileSync(join(repo, 'test/fixtures/csv/semicolon-bom-crlf.csv'), 'utf8'));
    expect(file.errors).toEqual([]);

    const summary = await importPortfolio(db, file.portfolio);
    expect(summary).toMatchObject({ linesAdded: 0, linesUpdated: 1, productsAdded: 0, productsUpdated: 1, componentsAdded: 1, componentsUpdated: 1 });
    const lines = await listLines(db);
    expect(lines).toEqual([{ ...line, environment: 'consumer' }]);
    const products = await listProducts(db);
    expect(products.map((p) => p.id).sort()).toEqual(['p-existing', 'p-other']);
    const merged = products.find((p) => p.id === 'p-existing')!;
    expect(merged.expectedUseRationale).toBe('field data');
    expect(merged.sku).toBe('SP-S1');
    expect(merged.components.map((c) => c.name)).toEqual(['plug firmware', 'Legacy radio', 'Relay']);
    const fw = merged.components[0]!;
    // id and purl kept; the changed date loses the old source note.
    expect(fw).toMatchObject({ id: 'c-fw', version: '1.2', securitySupportEnd: '2032-06', purl: 'pkg:generic/plugfw', sources: {} });
    expect(new Set((await db.changes.where('at').above('').toArray()).slice(-2).map((c) => c.group)).size).toBe(1);
  });

  it('matches components that share a name in order, and writes notes, purl and cpe when the file has them', async () => {
    db = testDb();
    const line = await createLine(db, { name: 'Hubs', environment: 'consumer', notes: '' });
    await putProduct(db, {
      id: 'p-hub', lineId: line.id, name: 'Hub', category: 'gateway',
      components: [
        { id: 'r1', name: 'Radio', class: 'it', role: 'radio', version: '1' },
        { id: 'r2', name: 'Radio', class: 'it', role: 'radio', version: '2', purl: 'pkg:generic/old' },
      ],
    });
    const header = TEMPLATE_COLUMNS.join(',');
    const row = (version: string, purl: string, notes: string) => TEMPLATE_COLUMNS.map((c) => ({
      product_line: 'Hubs', environment: 'consumer', product: 'Hub', category: 'gateway', component: 'Radio', class: 'it', role: 'radio',
      version, purl, component_notes: notes,
    } as Partial<Record<TemplateColumn, string>>)[c] ?? '').join(',');
    const file = parseTemplateCsv([header, row('1.1', 'pkg:generic/a', 'first'), row('2.1', '', ''), row('3', '', 'new')].join('\n'));
    expect(file.errors).toEqual([]);
    const summary = await importPortfolio(db, file.portfolio, { columns: new Set(TEMPLATE_COLUMNS) });
    expect(summary).toMatchObject({ componentsAdded: 1, componentsUpdated: 2 });
    const [hub] = await listProducts(db);
    expect(hub!.components.map((c) => [c.id === 'r1' || c.id === 'r2' ? c.id : 'new', c.version, c.purl, c.notes])).toEqual([
      ['r1', '1.1', 'pkg:generic/a', 'first'],
      ['r2', '2.1', undefined, undefined],
      ['new', '3', undefined, 'new'],
    ]);
  });

  it('leaves fields of columns that were not mapped unchanged', async () => {
    db = testDb();
    const first = await importPortfolio(db, sample.portfolio);
    expect(first.productsAdded).toBe(8);
    const stripped = {
      ...sample.portfolio,
      products: sample.portfolio.products.map((p) => ({ ...p, sku: '', components: p.components.map((c) => ({ ...c, securitySupportEnd: null })) })),
    };
    const columns = new Set<TemplateColumn>(TEMPLATE_COLUMNS.filter((c) => c !== 'sku' && c !== 'security_support_end'));
    const second = await importPortfolio(db, stripped, { columns });
    expect(second).toMatchObject({ productsAdded: 0, productsUpdated: 0, productsUnchanged: 8 });
    const after = await listProducts(db);
    expect(after.every((p) => p.sku !== '')).toBe(true);
  });

  it('writes nothing when a product fails validation midway', async () => {
    db = testDb();
    const bad = { ...sample.portfolio.products[5]!, expectedUseYears: -3 };
    const portfolio = { ...sample.portfolio, products: [...sample.portfolio.products.slice(0, 5), bad, ...sample.portfolio.products.slice(6)] };
    await expect(importPortfolio(db, portfolio)).rejects.toThrow(/expectedUseYears/);
    expect(await db.lines.count()).toBe(0);
    expect(await db.products.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
  });

  it('writes nothing when cancelled during the write', async () => {
    db = testDb();
    const many = {
      lines: sample.portfolio.lines,
      products: Array.from({ length: 450 }, (_, i) => ({ ...sample.portfolio.products[i % 8]!, id: `p-${i}`, name: `Product ${i}` })),
    };
    const controller = new AbortController();
    const progress: number[] = [];
    await expect(importPortfolio(db, many, {
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        controller.abort();
      },
    })).rejects.toBeInstanceOf(ImportCancelledError);
    expect(progress).toEqual([200]);
    expect(await db.products.count()).toBe(0);
    expect(await db.lines.count()).toBe(0);
    expect(await db.changes.count()).toBe(0);
  });
});
