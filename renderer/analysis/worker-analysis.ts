/**
 * The analysis worker's state, apart from the Worker itself so tests drive it
 * directly: the portfolio it last analysed (read from the database at start-up,
 * or sent whole), changed by each run's request, and each product's findings,
 * kept so that only the changed products are analysed again.
 */
import { analyzePortfolio, createAnalysisCache, type AnalysisOptions } from '../../shared/engine';
import type { Decision, Product, ProductLine } from '../../shared/domain';
import { compactOutput, runAnalysis, type WorkerResponse, type WorkerRunRequest } from './analysis-job';

export interface PortfolioTables {
  lines: ProductLine[];
  products: Product[];
  decisions: Decision[];
}

export interface WorkerAnalysis {
  /** What the worker read from the database; null when the read failed (the next run then asks for everything). */
  loaded(tables: PortfolioTables | null): void;
  /**
   * Analyses what the worker holds with `options` ahead of the first run, which sends only what
   * changed since the worker's read and so has only those products left to analyse.
   */
  warm(options: AnalysisOptions): void;
  run(request: WorkerRunRequest): WorkerResponse;
}

/**
 * The new lines, each replaced by the line held before when that one is equal to it, so the
 * products of lines that did not change keep their analysis (the cache goes by identity).
 */
function sameWhereEqual(before: readonly ProductLine[], after: ProductLine[]): ProductLine[] {
  const held = new Map(before.map((l) => [l.id, l]));
  return after.map((l) => {
    const old = held.get(l.id);
    return old && JSON.stringify(old) === JSON.stringify(l) ? old : l;
  });
}

export function createWorkerAnalysis(): WorkerAnalysis {
  let lines: ProductLine[] = [];
  let decisions: Decision[] = [];
  const products = new Map<string, Product>();
  /** False until a portfolio was read or sent whole. */
  let complete = false;
  const cache = createAnalysisCache();

  return {
    loaded(tables) {
      products.clear();
      complete = tables !== null;
      if (!tables) return;
      lines = tables.lines;
      decisions = tables.decisions;
      for (const p of tables.products) products.set(p.id, p);
    },
    warm(options) {
      if (!complete) return;
      try {
        analyzePortfolio({ lines, products: [...products.values()], decisions }, options, cache);
      } catch {
        // The run that asks for these options reports the error.
      }
    },
    run(request) {
      const { seq } = request;
      if (request.products.reset) {
        products.clear();
        complete = true;
      } else if (!complete) {
        return { seq, ok: false, resend: true };
      }
      for (const id of request.products.remove) products.delete(id);
      for (const p of request.products.put) products.set(p.id, p);
      if (request.lines) lines = sameWhereEqual(lines, request.lines);
      if (request.decisions) decisions = request.decisions;
      try {
        const output = runAnalysis({ portfolio: { lines, products: [...products.values()], decisions }, options: request.options }, cache);
        return { seq, ok: true, output: compactOutput(output) };
      } catch (error) {
        return { seq, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      }
    },
  };
}

/**
 * Reads the portfolio tables of the database the page opened (at its current
 * version, which the page's own open created or upgraded). The connection is closed
 * at once, so it never holds up another window's upgrade.
 */
export function readPortfolio(dbName: string, factory: IDBFactory = indexedDB): Promise<PortfolioTables> {
  return new Promise((resolve, reject) => {
    const open = factory.open(dbName);
    open.onupgradeneeded = () => {
      // The database does not exist (any more): do not create it here.
      open.transaction?.abort();
    };
    open.onerror = () => reject(open.error ?? new Error(`could not open ${dbName}`));
    open.onblocked = () => reject(new Error(`opening ${dbName} was blocked`));
    open.onsuccess = () => {
      const idb = open.result;
      try {
        const tx = idb.transaction(['lines', 'products', 'decisions'], 'readonly');
        const all = <K extends keyof PortfolioTables>(store: K) => tx.objectStore(store).getAll() as IDBRequest<PortfolioTables[K]>;
        const l = all('lines');
        const p = all('products');
        const d = all('decisions');
        tx.oncomplete = () => {
          idb.close();
          resolve({ lines: l.result, products: p.result, decisions: d.result });
        };
        tx.onerror = tx.onabort = () => {
          idb.close();
          reject(tx.error ?? new Error('reading the portfolio failed'));
        };
      } catch (error) {
        idb.close();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
  });
}

