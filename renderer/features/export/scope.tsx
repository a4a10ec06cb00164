/**
 * A scope of the workspace (all, one product line, one product) and the
 * portfolio it covers, read through the repositories.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Portfolio, Product, ProductLine } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { listLines } from '../../db/repositories/product-lines';
import { listProducts } from '../../db/repositories/products';
import type { SupportspanDb } from '../../db/database';

export type Scope = { kind: 'portfolio' } | { kind: 'line'; id: string } | { kind: 'product'; id: string };

export const scopeKey = (s: Scope): string => (s.kind === 'portfolio' ? 'portfolio' : `${s.kind}:${s.id}`);

export function parseScopeKey(key: string): Scope {
  const [kind, ...rest] = key.split(':');
  const id = rest.join(':');
  if ((kind === 'line' || kind === 'product') && id) return { kind, id };
  return { kind: 'portfolio' };
}

export interface Workspace {
  lines: ProductLine[];
  products: Product[];
}

/** The lines and products of a scope, lines in name order, products in name order within their line. */
export function portfolioOfScope(ws: Workspace, scope: Scope): Pick<Portfolio, 'lines' | 'products'> {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
  const products = [...ws.products].sort(byName);
  if (scope.kind === 'portfolio') return { lines: ws.lines, products };
  if (scope.kind === 'line') {
    return { lines: ws.lines.filter((l) => l.id === scope.id), products: products.filter((p) => p.lineId === scope.id) };
  }
  const product = products.find((p) => p.id === scope.id);
  return { lines: product ? ws.lines.filter((l) => l.id === product.lineId) : [], products: product ? [product] : [] };
}

export async function readWorkspace(db: SupportspanDb): Promise<Workspace> {
  return { lines: await listLines(db), products: await listProducts(db) };
}

export function useWorkspace(): Workspace | undefined {
  const db = useDb();
  return useLiveQuery(() => readWorkspace(db), [db]);
}

export function scopeName(ws: Workspace, scope: Scope): string {
  if (scope.kind === 'line') return ws.lines.find((l) => l.id === scope.id)?.name ?? 'product line';
  if (scope.kind === 'product') return ws.products.find((p) => p.id === scope.id)?.name ?? 'product';
  return 'portfolio';
}

/** File-name-safe slug of a scope name. */
export const fileSlug = (name: string): string =>
  name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 60) || 'export';

export function ScopeSelect({ ws, value, onChange, label, productsOnly = false }: {
  ws: Workspace; value: Scope; onChange: (s: Scope) => void; label: string; productsOnly?: boolean;
}) {
  return (
    <label>
      {label}
      <select value={scopeKey(value)} onChange={(e) => onChange(parseScopeKey(e.target.value))}>
        {!productsOnly && <option value="portfolio">Whole portfolio</option>}
        {ws.lines.map((line) => (
          <optgroup key={line.id} label={line.name}>
            {!productsOnly && <option value={`line:${line.id}`}>{line.name} (whole line)</option>}
            {ws.products.filter((p) => p.lineId === line.id).sort((a, b) => a.name.localeCompare(b.name)).map((p) => (
              <option key={p.id} value={`product:${p.id}`}>{p.name}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
