import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assembleBundleInput, createBundle, readBundle, scopePortfolio, type Bundle } from '../../../shared/bundle';
import { parseTemplateCsv } from '../../../shared/csv';
import type { Decision, Portfolio } from '../../../shared/domain';
import { appendChange, verifyChain, type ChangeEntry } from '../../../shared/history/change-log';
import { SupportspanDb } from '../../../renderer/db/database';
import { StorageError } from '../../../renderer/db/errors';
import { createLine, putProduct } from '../../../renderer/db';
import {
  BundleImportError, buildWorkspaceBundle, gatherPortfolio, importBundleIntoDb, previewMerge,
} from '../../../renderer/db/bundle-io';
import { generatePortfolio } from '../../bench/generate-portfolio';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const AS_OF = '2026-11-28';
const CREATED = '2026-11-28T10:00:00.000Z';

let counter = 0;
let db: SupportspanDb;
beforeEach(() => {
  db = new SupportspanDb(`bundle-io-${Date.now()}-${++counter}`);
});
afterEach(async () => {
  db.close();
  await db.delete({ disableAutoOpen: true });
});

function sample(): Portfolio {
  const { portfolio, errors } = parseTemplateCsv(readFileSync(join(ROOT, 'assets', 'sample-portfolio.csv'), 'utf8'));
  expect(errors).toEqual([]);
  const decision: Decision = {
    id: 'd-1', findingKey: 'missing-data:x:-:field', productId: portfolio.products[0]!.id, type: 'accepted',
    rationale: 'Supplier letter <b>pending</b>', by: 'Ana', decidedAt: '2026-10-01T09:00:00Z', expires: '2027-06',
  };
  return { ...portfolio, decisions: [decision] };
}

async function historyFor(p: Portfolio): Promise<ChangeEntry[]> {
  const out: ChangeEntry[] = [];
  let prev: ChangeEntry | null = null;
  for (const [i, line] of p.lines.entries()) {
    prev = await appendChange(prev, { at: `2026-0${1 + (i % 9)}-01T08:00:00Z`, who: 'Ana', entity: { type: 'line', id: line.id, lineId: line.id }, action: 'create', after: line });
    out.push(prev);
  }
  const product = p.products[0]!;
  prev = await appendChange(prev, { at: '2026-10-02T08:00:00Z', who: 'Ben', entity: { type: 'component', id: product.components[0]!.id, productId: product.id, lineId: product.lineId }, action: 'update', before: { securitySupportEnd: null }, after: { securitySupportEnd: product.components[0]!.securitySupportEnd } });
  out.push(prev);
  return out;
}

async function bundleOf(p: Portfolio, history: ChangeEntry[] = []): Promise<Bundle> {
  const bytes = await createBundle(assembleBundleInput(p, { scope: { kind: 'portfolio' }, asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED, history }));
  const r = await readBundle(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.bundle;
}

const sortById = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const sorted = (p: Portfolio): Portfolio => ({ lines: sortById(p.lines), products: sortById(p.products), decisions: sortById(p.decisions) });

async function snapshot(d: SupportspanDb): Promise<unknown> {
  return {
    lines: await d.lines.toArray(),
    products: await d.products.toArray(),
    decisions: await d.decisions.toArray(),
    changes: await d.changes.toArray(),
  };
}

async function seedWorkspace(d: SupportspanDb): Promise<void> {
  const line = await createLine(d, { name: 'Existing line', environment: 'industrial' });
  await putProduct(d, { id: 'p-existing', lineId: line.id, name: 'Existing product', category: 'gateway', components: [{ id: 'c-existing', name: 'Kernel', class: 'it', role: 'os' }] });
}

describe('import then gather', () => {
  it('yields identical data and the same history chain (replace-workspace)', async () => {
    const p = sample();
    const history = await historyFor(p);
    const bundle = await bundleOf(p, history);
    await seedWorkspace(db);

    const progress: [number, number][] = [];
    const result = await importBundleIntoDb(db, bundle, { mode: 'replace-workspace', onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toMatchObject({ added: p.lines.length + p.products.length + 1, changed: 0, removed: 2, changes: history.length });
    expect(progress.at(-1)).toEqual([progress.at(-1)![1], p.lines.length + p.products.length + 1 + history.length]);

    const gathered = await gatherPortfolio(db);
    expect(gathered.portfolio).toEqual(sorted(p));
    expect(gathered.history).toEqual(history);
    expect(await verifyChain(gathered.history)).toMatchObject({ ok: true, checked: history.length });
    expect(await db.products.get('p-existing')).toBeUndefined();
  });

  it('over generated portfolios of several sizes, chunked', async () => {
    for (const [components, seed] of [[1, 1], [777, 2], [3_000, 3]] as const) {
      const p = generatePortfolio(components, seed);
      const bundle = await bundleOf(p);
      await importBundleIntoDb(db, bundle, { mode: 'replace-workspace', chunkSize: 7 });
      expect((await gatherPortfolio(db)).portfolio).toEqual(sorted({ ...p, decisions: p.decisions ?? [] }));
    }
  });

  it('exports the workspace as the same bundle data (buildWorkspaceBundle), scoped and redacted', async () => {
    const p = sample();
    const history = await historyFor(p);
    await importBundleIntoDb(db, await bundleOf(p, history), { mode: 'replace-workspace' });
    const line = p.lines[1]!;
    const built = await buildWorkspaceBundle(db, { scope: { kind: 'line', id: line.id }, asOf: AS_OF, appVersion: '0.1.0', createdAt: CREATED });
    const r = await readBundle(built.bytes);
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.portfolio).toEqual(sorted(scopePortfolio(p, { kind: 'line', id: line.id })));
    expect(r.bundle.history).toHaveLength(history.length);
    expect(r.bundle.history.filter((e) => 'redacted' in e)).toHaveLength(history.length - 1);
    expect(r.bundle.manifest.historyHead).toBe(history.at(-1)!.hash);
  });
});

describe('merge', () => {
  it('adds and changes records, logs the import as one group, and reports what it did', async () => {
    const p = sample();
    await importBundleIntoDb(db, await bundleOf(p), { mode: 'replace-workspace' });
    const changed = structuredClone(p);
    changed.products[0]!.name = `${changed.products[0]!.name} rev B`;
    changed.products[0]!.declaredSupportEnd = '2036-12-31';
    changed.lines.push({ id: 'line-new', name: 'New line', environment: 'medical', notes: '' });
    changed.products.push({ ...structuredClone(p.products[1]!), id: 'p-new', lineId: 'line-new', components: p.products[1]!.components.map((c) => ({ ...c, id: `${c.id}-new` })) });
    const incoming = await bundleOf(changed);

    const plan = await previewMerge(db, incoming);
    expect(plan.added.map((a) => a.id).sort()).toEqual(['line-new', 'p-new']);
    expect(plan.changed.map((c) => c.id)).toEqual([p.products[0]!.id]);

    const before = await db.changes.count();
    const result = await importBundleIntoDb(db, incoming, { mode: 'merge' });
    expect(result).toMatchObject({ added: 2, changed: 1, skipped: 0, changes: 3 });
    expect((await gatherPortfolio(db)).portfolio).toEqual(sorted(changed));
    const logged = (await db.changes.toArray()).slice(before);
    expect(new Set(logged.map((c) => c.group))).toEqual(new Set([`import:${incoming.manifestHash}`]));
    expect(logged.find((c) => c.entityId === p.products[0]!.id)!.before).toEqual(p.products[0]);
  });

  it('refuses conflicts and writes nothing', async () => {
    await seedWorkspace(db);
    const before = await snapshot(db);
    const p = sample();
    // same product line name under another id: a conflict
    const clash = { ...p, lines: p.lines.map((l, i) => (i === 0 ? { ...l, name: 'Existing line' } : l)) };
    const err = await importBundleIntoDb(db, await bundleOf(clash), { mode: 'merge' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleImportError);
    expect((err as BundleImportError).kind).toBe('conflict');
    expect((err as BundleImportError).issues[0]).toMatch(/line "Existing line": a different product line named "Existing line" already exists/);
    expect(await snapshot(db)).toEqual(before);

    // keep-current skips the line and the products that would hang off it
    const result = await importBundleIntoDb(db, await bundleOf(clash), { mode: 'merge', conflicts: 'keep-current' });
    const lineProducts = p.products.filter((x) => x.lineId === p.lines[0]!.id).length;
    expect(result.skipped).toBe(1 + lineProducts + p.decisions.filter((d) => p.products.find((x) => x.id === d.productId)!.lineId === p.lines[0]!.id).length);
    const after = await gatherPortfolio(db);
    expect(after.portfolio.products.every((x) => after.portfolio.lines.some((l) => l.id === x.lineId))).toBe(true);
  });
});

describe('nothing is written on cancel or error', () => {
  it('cancelling midway (after some chunks were written) leaves the workspace as it was', async () => {
    await seedWorkspace(db);
    const before = await snapshot(db);
    const bundle = await bundleOf(generatePortfolio(5_000, 7));
    const controller = new AbortController();
    let calls = 0;
    const err = await importBundleIntoDb(db, bundle, {
      mode: 'replace-workspace',
      chunkSize: 10,
      signal: controller.signal,
      onProgress: (done) => {
        calls++;
        if (done >= 30) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(calls).toBeGreaterThan(2);
    expect(err).toBeInstanceOf(BundleImportError);
    expect((err as BundleImportError).kind).toBe('cancelled');
    expect(await snapshot(db)).toEqual(before);
  });

  it('an already cancelled signal writes nothing', async () => {
    await seedWorkspace(db);
    const before = await snapshot(db);
    const controller = new AbortController();
    controller.abort();
    await expect(importBundleIntoDb(db, await bundleOf(sample()), { mode: 'merge', signal: controller.signal })).rejects.toMatchObject({ kind: 'cancelled' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('an invalid record is refused before anything is written, naming the field', async () => {
    await seedWorkspace(db);
    const before = await snapshot(db);
    const bundle = await bundleOf(sample());
    const bad = structuredClone(bundle);
    bad.portfolio.products[3]!.components[2]!.securitySupportEnd = '0000-00-00';
    const err = await importBundleIntoDb(db, bad, { mode: 'replace-workspace' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BundleImportError);
    expect((err as BundleImportError).kind).toBe('invalid');
    expect((err as BundleImportError).issues.join('\n')).toMatch(/products\.3\.components\.2\.securitySupportEnd/);
    expect(await snapshot(db)).toEqual(before);

    const dangling = structuredClone(bundle);
    dangling.portfolio.decisions[0]!.productId = 'nope';
    await expect(importBundleIntoDb(db, dangling, { mode: 'merge' })).rejects.toMatchObject({ kind: 'invalid' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a record the database refuses in the middle of the write aborts the whole import', async () => {
    await seedWorkspace(db);
    const before = await snapshot(db);
    const p = generatePortfolio(3_000, 9);
    const failing = p.products[40]!.id;
    // stands in for a storage failure (quota, a broken record) after earlier chunks were written
    db.products.hook('creating', (key) => {
      if (key === failing) throw new Error('refused by the store');
    });
    const err = await importBundleIntoDb(db, await bundleOf(p), { mode: 'replace-workspace', chunkSize: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).message).toMatch(/Nothing was saved/);
    expect(await snapshot(db)).toEqual(before);
  });
});
