import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTemplateCsv } from '../../../shared/csv';
import { DatabaseUrlError, isDatabaseUrl, parseDatabaseUrl } from '../../../shared/team/database-url';
import { lineDocId, planPush, productDocId, readTeamDocs, TEAM_DOC_VERSION, type StoredDoc } from '../../../shared/team/documents';
import type { Portfolio } from '../../../shared/domain';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CHANGED = { by: 'Ana', at: '2026-12-06T10:00:00.000Z', via: 'test' };

function sample(): Portfolio {
  const { portfolio, errors } = parseTemplateCsv(readFileSync(join(ROOT, 'assets', 'sample-portfolio.csv'), 'utf8'));
  expect(errors).toEqual([]);
  return portfolio;
}

/** What a server would hold after the plan's writes (revisions numbered like CouchDB's). */
function apply(writes: ReturnType<typeof planPush>['writes'], into = new Map<string, StoredDoc>()): Map<string, StoredDoc> {
  for (const w of writes) {
    const n = Number((into.get(w.docId)?._rev ?? '0-x').split('-')[0]) + 1;
    into.set(w.docId, { ...w.doc, _rev: `${n}-${'a'.repeat(32)}` });
  }
  return into;
}

describe('team documents', () => {
  it('a portfolio round-trips through its documents: one per line and product, decisions with their product', () => {
    const p = sample();
    const withDecision: Portfolio = { ...p, decisions: [{ id: 'd1', findingKey: 'k', productId: p.products[0]!.id, type: 'accepted', rationale: 'r', by: 'Ana', decidedAt: '2026-01-01', expires: null }] };
    const plan = planPush(withDecision, new Map(), CHANGED);
    expect(plan.writes).toHaveLength(p.lines.length + p.products.length);
    expect(plan.writes.every((w) => w.action === 'create')).toBe(true);
    const stored = apply(plan.writes);
    expect(stored.get(productDocId(p.products[0]!.id))).toMatchObject({ type: 'product', docVersion: TEAM_DOC_VERSION, changed: CHANGED, decisions: [{ id: 'd1' }] });
    const read = readTeamDocs([...stored.values()]);
    expect(read.problems).toEqual([]);
    const sort = (x: Portfolio) => ({ lines: [...x.lines].sort((a, b) => a.id.localeCompare(b.id)), products: [...x.products].sort((a, b) => a.id.localeCompare(b.id)), decisions: x.decisions });
    expect(sort(read.portfolio)).toEqual(sort(withDecision));
  });

  it('plans nothing for an unchanged portfolio, one update for one changed product, and keeps unknown fields and revisions', () => {
    const p = sample();
    const stored = apply(planPush(p, new Map(), CHANGED).writes);
    expect(planPush(p, stored, CHANGED)).toMatchObject({ writes: [], unchanged: stored.size });
    const target = p.products[1]!;
    const id = productDocId(target.id);
    stored.set(id, { ...stored.get(id)!, risks: ['from a newer app'] });
    const edited: Portfolio = { ...p, products: p.products.map((x) => (x.id === target.id ? { ...x, sku: 'NEW-SKU' } : x)) };
    const plan = planPush(edited, stored, CHANGED);
    expect(plan.writes.map((w) => [w.docId, w.action])).toEqual([[id, 'update']]);
    expect(plan.writes[0]!.doc).toMatchObject({ _id: id, _rev: stored.get(id)!._rev, risks: ['from a newer app'], product: { sku: 'NEW-SKU' } });
    expect(plan.unchanged).toBe(stored.size - 1);
  });

  it('a deleted document is created again, without its old revision; a newer version is refused, not overwritten', () => {
    const p = sample();
    const stored = apply(planPush(p, new Map(), CHANGED).writes);
    const [first, second] = p.products as [Portfolio['products'][0], Portfolio['products'][0]];
    stored.set(productDocId(first.id), { _id: productDocId(first.id), _rev: '3-x', _deleted: true });
    stored.set(productDocId(second.id), { ...stored.get(productDocId(second.id))!, docVersion: 2 });
    const plan = planPush(p, stored, CHANGED);
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({ docId: productDocId(first.id), action: 'create' });
    expect(plan.writes[0]!.doc._rev).toBeUndefined();
    expect(plan.refused).toEqual([{ docId: productDocId(second.id), message: 'written by a newer Supportspan (document version 2): not overwritten' }]);
  });

  it('names every document that is not valid, by id and field, and uses nothing from it', () => {
    const p = sample();
    const stored = apply(planPush(p, new Map(), CHANGED).writes);
    const [a, b, c] = p.products as [Portfolio['products'][0], Portfolio['products'][0], Portfolio['products'][0]];
    const docA = stored.get(productDocId(a.id))! as StoredDoc & { product: Record<string, unknown> };
    stored.set(productDocId(a.id), { ...docA, product: { ...docA.product, declaredSupportEnd: 'soon' } });
    // A document whose id does not match what it holds.
    stored.set(productDocId(b.id), { ...stored.get(productDocId(c.id))!, _id: productDocId(b.id) });
    stored.set('_design/app', { _id: '_design/app', views: {} });
    stored.set('line:future', { _id: 'line:future', type: 'product-line', docVersion: 5 });
    const read = readTeamDocs([...stored.values()]);
    expect(read.problems.map((x) => x.docId).sort()).toEqual([productDocId(a.id), productDocId(b.id), 'line:future'].sort());
    expect(read.problems.find((x) => x.docId === productDocId(a.id))!.message).toMatch(/^product\.declaredSupportEnd: /);
    expect(read.problems.find((x) => x.docId === productDocId(b.id))!.message).toContain(`holds product "${c.id}"`);
    expect(read.problems.find((x) => x.docId === 'line:future')!.message).toContain('newer Supportspan (document version 5');
    expect(read.ignored).toBe(1);
    expect(read.portfolio.products.map((x) => x.id)).not.toContain(a.id);
  });

  it('a product whose line has no document, or a decision on another product, is a problem; conflicts are counted', () => {
    const p = sample();
    const stored = apply(planPush(p, new Map(), CHANGED).writes);
    const product = p.products[0]!;
    stored.delete(lineDocId(product.lineId));
    const other = p.products.find((x) => x.lineId !== product.lineId)!;
    const otherDoc = stored.get(productDocId(other.id))!;
    stored.set(productDocId(other.id), { ...otherDoc, _conflicts: ['2-b'], decisions: [{ id: 'd', findingKey: 'k', productId: 'someone-else', type: 'accepted', rationale: '', by: '', decidedAt: '', expires: null }] });
    const read = readTeamDocs([...stored.values()]);
    expect(read.problems.find((x) => x.docId === productDocId(product.id))?.message).toContain(`its product line "${product.lineId}" has no document`);
    expect(read.problems.find((x) => x.docId === productDocId(other.id))?.message).toBe('decision "d" is on product "someone-else", not on this product');
    stored.set(productDocId(other.id), { ...otherDoc, _conflicts: ['2-b', '2-c'] });
    expect(readTeamDocs([...stored.values()]).conflicts).toContainEqual({ docId: productDocId(other.id), name: other.name, versions: 3 });
  });
});

describe('team database URL', () => {
  it('takes https anywhere and http only to this computer, strips credentials and names the database', () => {
    expect(parseDatabaseUrl('https://ana:p%40ss@couch.example.com:6984/team-eu/')).toEqual({
      url: 'https://couch.example.com:6984/team-eu', origin: 'https://couch.example.com:6984', name: 'team-eu', credentials: { username: 'ana', password: 'p@ss' },
    });
    expect(parseDatabaseUrl('http://127.0.0.1:5984/team')).toMatchObject({ url: 'http://127.0.0.1:5984/team', credentials: null });
    expect(parseDatabaseUrl('http://localhost:5984/team').name).toBe('team');
    expect(isDatabaseUrl('https://x/y')).toBe(true);
    expect(isDatabaseUrl('portfolio.csv')).toBe(false);
    expect(isDatabaseUrl('C:\\https\\x.csv')).toBe(false);
  });

  it.each([
    ['http://couch.example.com/team', 'plain http:// is allowed only to this computer (127.0.0.1), not to couch.example.com'],
    ['ftp://127.0.0.1/team', 'must start with https://'],
    ['https://couch.example.com/', 'names no database'],
    ['https://couch.example.com/_users', "one of CouchDB's system databases"],
    ['https://couch.example.com/Team', 'is not a CouchDB database name'],
    ['https://couch.example.com/team?x=1', 'must not have a query'],
    ['https://', 'is not a URL'],
  ])('%s is refused', (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrow(message);
  });
});
