/** Cutting a portfolio down to what a bundle carries: everything, one line, or one product. */
import type { Portfolio } from '../domain/schemas';
import type { ScopeIds } from '../history/change-log';
import type { BundleScope, ScopeRequest } from './format';

export class ScopeError extends Error {}

/** Resolves a request by id to a full scope (with the name), or throws when the id is not in the portfolio. */
export function resolveScope(portfolio: Portfolio, request: ScopeRequest): BundleScope {
  if (request.kind === 'portfolio') return { kind: 'portfolio' };
  if (request.kind === 'line') {
    const line = portfolio.lines.find((l) => l.id === request.id);
    if (!line) throw new ScopeError(`there is no product line with id "${request.id}"`);
    return { kind: 'line', id: line.id, name: line.name };
  }
  const product = portfolio.products.find((p) => p.id === request.id);
  if (!product) throw new ScopeError(`there is no product with id "${request.id}"`);
  return { kind: 'product', id: product.id, name: product.name };
}

/** Finds a line or product by name (case-insensitive), e.g. for `--scope line:<name>`; refuses ambiguous names. */
export function scopeByName(portfolio: Portfolio, kind: 'line' | 'product', name: string): BundleScope {
  const wanted = name.trim().toLowerCase();
  const matches = (kind === 'line' ? portfolio.lines : portfolio.products).filter((x) => x.name.trim().toLowerCase() === wanted);
  if (matches.length === 0) throw new ScopeError(`there is no ${kind === 'line' ? 'product line' : 'product'} named "${name}"`);
  if (matches.length > 1) throw new ScopeError(`${matches.length} ${kind === 'line' ? 'product lines' : 'products'} are named "${name}"; use an id`);
  return { kind, id: matches[0]!.id, name: matches[0]!.name };
}

export function scopeIds(portfolio: Portfolio, scope: BundleScope): ScopeIds {
  const lineIds = new Set<string>();
  const productIds = new Set<string>();
  for (const p of portfolio.products) {
    if (scope.kind === 'portfolio' || (scope.kind === 'line' && p.lineId === scope.id) || (scope.kind === 'product' && p.id === scope.id)) {
      productIds.add(p.id);
      lineIds.add(p.lineId);
    }
  }
  if (scope.kind === 'portfolio') for (const l of portfolio.lines) lineIds.add(l.id);
  if (scope.kind === 'line') lineIds.add(scope.id);
  return { lineIds, productIds };
}

/** The lines, products and decisions in scope; a product scope keeps its line. */
export function scopePortfolio(portfolio: Portfolio, scope: BundleScope | ScopeRequest): Portfolio {
  const resolved = resolveScope(portfolio, scope);
  if (resolved.kind === 'portfolio') return portfolio;
  const ids = scopeIds(portfolio, resolved);
  return {
    lines: portfolio.lines.filter((l) => ids.lineIds.has(l.id)),
    products: portfolio.products.filter((p) => ids.productIds.has(p.id)),
    decisions: portfolio.decisions.filter((d) => ids.productIds.has(d.productId)),
  };
}

export function scopeLabel(scope: BundleScope): string {
  return scope.kind === 'portfolio' ? 'whole portfolio' : `${scope.kind === 'line' ? 'product line' : 'product'} "${scope.name}"`;
}
