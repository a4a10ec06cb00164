/**
 * Runs the lifecycle engine off the main thread for large portfolios, so typing
 * in the grid never waits for an analysis. The worker keeps the portfolio it last
 * analysed and each product's findings: a run brings only what changed, and only
 * the changed products are analysed again. At start-up it reads the portfolio from
 * the workspace database itself, while the page reads its own copy.
 */
import { createAnalysisCache } from '../../shared/engine';
import type { Decision, Product, ProductLine } from '../../shared/domain';
import { compactOutput, runAnalysis, type WorkerRequest, type WorkerResponse, type WorkerRunRequest } from '../analysis/analysis-job';

// The renderer compiles against the DOM library; a worker's scope needs only these two members.
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}
const scope = self as unknown as WorkerScope;

let lines: ProductLine[] = [];
let decisions: Decision[] = [];
const products = new Map<string, Product>();
/** False until a portfolio was read or sent whole. */
let complete = false;
const cache = createAnalysisCache();

/**
 * Reads the portfolio tables of the database the page opened (at its current
 * version, which the page's own open created or upgraded). The connection is closed
 * at once, so it never holds up another window's upgrade.
 */
function readPortfolio(dbName: string): Promise<{ lines: ProductLine[]; products: Product[]; decisions: Decision[] }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
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
        const all = <T>(store: string) => tx.objectStore(store).getAll() as IDBRequest<T[]>;
        const l = all<ProductLine>('lines');
        const p = all<Product>('products');
        const d = all<Decision>('decisions');
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

async function load(dbName: string): Promise<void> {
  try {
    const read = await readPortfolio(dbName);
    lines = read.lines;
    decisions = read.decisions;
    products.clear();
    for (const p of read.products) products.set(p.id, p);
    complete = true;
  } catch {
    // The page is told at its first run and sends the whole portfolio instead.
    complete = false;
  }
}

function run(request: WorkerRunRequest): WorkerResponse {
  const { seq } = request;
  if (request.products.reset) {
    products.clear();
    complete = true;
  } else if (!complete) {
    return { seq, ok: false, resend: true };
  }
  for (const id of request.products.remove) products.delete(id);
  for (const p of request.products.put) products.set(p.id, p);
  if (request.lines) lines = request.lines;
  if (request.decisions) decisions = request.decisions;
  try {
    const output = runAnalysis({ portfolio: { lines, products: [...products.values()], decisions }, options: request.options }, cache);
    return { seq, ok: true, output: compactOutput(output) };
  } catch (error) {
    return { seq, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

// One message at a time, in order: a run waits for the start-up read before it.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    if (request.type === 'load') await load(request.dbName);
    else scope.postMessage(run(request));
  });
};
