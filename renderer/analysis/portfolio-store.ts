/**
 * The portfolio (lines, products, decisions) as the database holds it, kept up to
 * date from Dexie's change notifications: a write to some products re-reads only
 * those products, so an edit to one product of 2,000 does not read and clone the
 * other 1,999. Lines and decisions are small and are re-read whole when they change.
 *
 * Every write made through Dexie, in this window or another one (Dexie relays
 * them between windows), fires `storagemutated` with the primary keys it touched,
 * or with a range for clear() and deleteRange(): a range makes the next read a
 * full one. Unchanged products keep their object identity from one value to the
 * next, so an analysis can tell which products changed by comparing references.
 */
import { useEffect, useState } from 'react';
import { cmp, Dexie, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import type { Decision, Portfolio, Product, ProductLine } from '../../shared/domain';
import type { SupportspanDb } from '../db/database';

/** Above this many changed products one read of the whole table is cheaper than reading each. */
const MAX_KEYED_READ = 500;

export const PORTFOLIO_TABLES = ['lines', 'products', 'decisions'] as const;
type PortfolioTable = (typeof PORTFOLIO_TABLES)[number];

/** What a set of mutations touched in one database's portfolio tables: whole tables, or products by id. */
export interface PortfolioChanges {
  lines: boolean;
  decisions: boolean;
  /** Ids of changed products; 'all' when a range changed or too many ids to read one by one. */
  products: Set<string> | 'all';
}

export function noChanges(): PortfolioChanges {
  return { lines: false, decisions: false, products: new Set() };
}

export function allChanged(): PortfolioChanges {
  return { lines: true, decisions: true, products: 'all' };
}

export function hasChanges(c: PortfolioChanges): boolean {
  return c.lines || c.decisions || c.products === 'all' || c.products.size > 0;
}

/** Adds what `parts` (a `storagemutated` notification) says changed in `dbName`'s portfolio tables to `into`. */
export function collectChanges(into: PortfolioChanges, parts: ObservabilitySet, dbName: string, maxIds = MAX_KEYED_READ): PortfolioChanges {
  if ('all' in parts) {
    into.lines = true;
    into.decisions = true;
    into.products = 'all';
    return into;
  }
  const touched = (table: PortfolioTable) => parts[`idb://${dbName}/${table}/`];
  if (touched('lines')) into.lines = true;
  if (touched('decisions')) into.decisions = true;
  const products = touched('products');
  if (products && into.products !== 'all') {
    const ids = into.products;
    // A single key is a node from k to k; anything wider (clear, deleteRange) means the whole table.
    const keysOnly = eachNode(products, (node) => {
      if (typeof node.from !== 'string' || cmp(node.from, node.to) !== 0) return false;
      ids.add(node.from);
      return true;
    });
    if (!keysOnly || ids.size > maxIds) into.products = 'all';
  }
  return into;
}

/**
 * Visits every node of an interval tree until `visit` returns false. Walked by hand:
 * a notification relayed from another window is a structured clone, without RangeSet's methods.
 */
function eachNode(tree: IntervalTree, visit: (node: IntervalTreeNode) => boolean): boolean {
  if (!('from' in tree)) return true;
  const stack: IntervalTreeNode[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (!visit(node)) return false;
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return true;
}

/** Listens to every Dexie write of this context (and those relayed from other windows). */
export function onStorageMutated(listener: (parts: ObservabilitySet) => void): () => void {
  Dexie.on('storagemutated', listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}

/** The next portfolio: `previous` with what `changes` names re-read, in one read transaction. */
export async function readPortfolioChanges(db: SupportspanDb, previous: Portfolio | null, changes: PortfolioChanges): Promise<Portfolio> {
  const full = previous === null ? allChanged() : changes;
  return db.transaction('r', [db.lines, db.products, db.decisions], async () => {
    const [lines, decisions, products] = await Promise.all([
      full.lines || !previous ? db.lines.toArray() : previous.lines,
      full.decisions || !previous ? db.decisions.toArray() : previous.decisions,
      full.products === 'all' || !previous ? db.products.toArray() : patchProducts(db, previous.products, full.products),
    ]);
    return { lines: lines as ProductLine[], products: products as Product[], decisions: decisions as Decision[] };
  });
}

async function patchProducts(db: SupportspanDb, previous: readonly Product[], ids: ReadonlySet<string>): Promise<Product[]> {
  if (ids.size === 0) return previous as Product[];
  const keys = [...ids];
  const fresh = await db.products.bulkGet(keys);
  const byId = new Map<string, Product | undefined>();
  keys.forEach((id, i) => byId.set(id, fresh[i]));
  const next: Product[] = [];
  for (const p of previous) {
    if (!byId.has(p.id)) next.push(p);
    else {
      const now = byId.get(p.id);
      if (now) next.push(now);
      byId.delete(p.id);
    }
  }
  // What is left was added: the table's order (by primary key, as toArray() reads it) is kept.
  let added = false;
  for (const p of byId.values()) {
    if (p) {
      next.push(p);
      added = true;
    }
  }
  if (added) next.sort((a, b) => cmp(a.id, b.id));
  return next;
}

export interface PortfolioWatch {
  stop(): void;
}

/**
 * Reads the portfolio, then again after every change to it (only what changed),
 * calling `onValue` with each new value. Reads never overlap: changes that arrive
 * during a read are read right after it.
 */
export function watchPortfolio(db: SupportspanDb, onValue: (portfolio: Portfolio) => void, onError: (error: unknown) => void): PortfolioWatch {
  let current: Portfolio | null = null;
  let dirty = allChanged();
  let reading = false;
  let stopped = false;

  const pump = () => {
    if (reading || stopped || !hasChanges(dirty)) return;
    reading = true;
    const changes = dirty;
    dirty = noChanges();
    readPortfolioChanges(db, current, changes).then(
      (portfolio) => {
        reading = false;
        if (stopped) return;
        current = portfolio;
        onValue(portfolio);
        pump();
      },
      (error: unknown) => {
        reading = false;
        if (stopped) return;
        // What failed is read again with the next change (and whole if nothing was read yet).
        dirty = current === null ? allChanged() : mergeChanges(changes, dirty);
        onError(error);
      },
    );
  };

  // Listening starts before the first read: a write during it is read again after it.
  const unsubscribe = onStorageMutated((parts) => {
    collectChanges(dirty, parts, db.name);
    pump();
  });
  pump();
  return {
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}

function mergeChanges(a: PortfolioChanges, b: PortfolioChanges): PortfolioChanges {
  const products = a.products === 'all' || b.products === 'all' ? 'all' : new Set([...a.products, ...b.products]);
  return { lines: a.lines || b.lines, decisions: a.decisions || b.decisions, products };
}

/** The live portfolio of `db`; undefined until the first read. A failed read is thrown to the nearest error boundary. */
export function useLivePortfolio(db: SupportspanDb): Portfolio | undefined {
  const [state, setState] = useState<{ db: SupportspanDb; portfolio: Portfolio | undefined; error: unknown }>({ db, portfolio: undefined, error: null });
  useEffect(() => {
    const watch = watchPortfolio(
      db,
      (portfolio) => setState({ db, portfolio, error: null }),
      (error) => setState((s) => ({ ...s, db, error })),
    );
    return () => watch.stop();
  }, [db]);
  if (state.db !== db) return undefined;
  if (state.error) throw state.error instanceof Error ? state.error : new Error(String(state.error));
  return state.portfolio;
}
