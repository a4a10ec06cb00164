/** Checks shared by the readers of every format version. */
import type { Portfolio } from '../domain/schemas';
import type { ReadFailureKind } from './read';

export function fail(error: string, kind: ReadFailureKind = 'invalid'): { ok: false; error: string; kind: ReadFailureKind } {
  return { ok: false, error, kind };
}

/** Unique ids and references that resolve: what the schema of one record cannot see. */
export function checkReferences(p: Portfolio): string | null {
  const seen = new Set<string>();
  const lineIds = new Set<string>();
  for (const [i, l] of p.lines.entries()) {
    if (seen.has(l.id)) return `lines[${i}].id: "${l.id}" is used twice`;
    seen.add(l.id);
    lineIds.add(l.id);
  }
  const productIds = new Set<string>();
  for (const [i, prod] of p.products.entries()) {
    if (seen.has(prod.id)) return `products[${i}].id: "${prod.id}" is used twice`;
    seen.add(prod.id);
    productIds.add(prod.id);
    if (!lineIds.has(prod.lineId)) return `products[${i}].lineId: there is no product line "${prod.lineId}"`;
    for (const [j, c] of prod.components.entries()) {
      if (seen.has(c.id)) return `products[${i}].components[${j}].id: "${c.id}" is used twice`;
      seen.add(c.id);
    }
  }
  for (const [i, d] of p.decisions.entries()) {
    if (seen.has(d.id)) return `decisions[${i}].id: "${d.id}" is used twice`;
    seen.add(d.id);
    if (!productIds.has(d.productId)) return `decisions[${i}].productId: there is no product "${d.productId}"`;
  }
  return null;
}
