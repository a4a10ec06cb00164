/**
 * Merge planning for importing a bundle into one's own workspace: what would
 * be added, changed (with field diffs) or conflict, before anything is written.
 *
 * Entities are matched by id. A conflict is where matching is unsafe: the
 * same id names a different thing (a product moved to another line, or a
 * record whose name changed as well as other fields cannot be told apart from
 * a different record), or a new id whose natural key (line name; product name
 * and SKU within a line) already exists under another id.
 */
import type { Decision, Portfolio, Product, ProductLine } from '../domain/schemas';
import { canonicalJson } from './canonical-json';

export type EntityKind = 'line' | 'product' | 'decision';

export interface FieldDiff {
  /** e.g. `declaredSupportEnd`, `components[c-12].securitySupportEnd`, `components[c-9]` (added or removed). */
  path: string;
  before: unknown;
  after: unknown;
}

export interface EntityRefName { kind: EntityKind; id: string; name: string }
export interface Change extends EntityRefName { fields: FieldDiff[] }
export interface Conflict extends EntityRefName { reason: string; currentId?: string; fields: FieldDiff[] }

export interface MergePlan {
  added: EntityRefName[];
  changed: Change[];
  conflicting: Conflict[];
  unchanged: EntityRefName[];
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

function diffObjects(before: Record<string, unknown>, after: Record<string, unknown>, skip: readonly string[] = []): FieldDiff[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.includes(k)).sort();
  return keys.filter((k) => !same(before[k], after[k])).map((k) => ({ path: k, before: before[k] ?? null, after: after[k] ?? null }));
}

function diffProduct(cur: Product, inc: Product): FieldDiff[] {
  const fields = diffObjects(cur as unknown as Record<string, unknown>, inc as unknown as Record<string, unknown>, ['components']);
  const curC = new Map(cur.components.map((c) => [c.id, c]));
  const incC = new Map(inc.components.map((c) => [c.id, c]));
  for (const [id, c] of incC) {
    const old = curC.get(id);
    if (!old) fields.push({ path: `components[${id}]`, before: null, after: c });
    else for (const d of diffObjects(old as unknown as Record<string, unknown>, c as unknown as Record<string, unknown>)) fields.push({ ...d, path: `components[${id}].${d.path}` });
  }
  for (const [id, c] of curC) if (!incC.has(id)) fields.push({ path: `components[${id}]`, before: c, after: null });
  return fields;
}

function norm(s: string): string {
  return s.trim().toLowerCase();
}

export function planMerge(current: Portfolio, incoming: Portfolio): MergePlan {
  const plan: MergePlan = { added: [], changed: [], conflicting: [], unchanged: [] };

  const curLines = new Map(current.lines.map((l) => [l.id, l]));
  const lineByName = new Map(current.lines.map((l) => [norm(l.name), l]));
  for (const line of incoming.lines) {
    classify('line', line, curLines.get(line.id), () => {
      const other = lineByName.get(norm(line.name));
      return other ? { reason: `a different product line named "${other.name}" already exists`, currentId: other.id } : null;
    }, (a: ProductLine, b: ProductLine) => diffObjects(a, b));
  }

  const curProducts = new Map(current.products.map((p) => [p.id, p]));
  const productKey = (p: Product) => `${p.lineId}\u0000${norm(p.name)}\u0000${norm(p.sku)}`;
  const productByKey = new Map(current.products.map((p) => [productKey(p), p]));
  for (const product of incoming.products) {
    const existing = curProducts.get(product.id);
    if (existing && existing.lineId !== product.lineId) {
      plan.conflicting.push({ kind: 'product', id: product.id, name: product.name, reason: `it belongs to another product line here ("${existing.lineId}" instead of "${product.lineId}")`, fields: diffProduct(existing, product) });
      continue;
    }
    classify('product', product, existing, () => {
      const other = productByKey.get(productKey(product));
      return other ? { reason: `a different product "${other.name}" with the same SKU already exists in this line`, currentId: other.id } : null;
    }, diffProduct);
  }

  const curDecisions = new Map(current.decisions.map((d) => [d.id, d]));
  const decisionByKey = new Map(current.decisions.map((d) => [`${d.productId}\u0000${d.findingKey}`, d]));
  for (const decision of incoming.decisions) {
    classify('decision', { ...decision, name: decision.findingKey }, curDecisions.get(decision.id) ? { ...curDecisions.get(decision.id)!, name: decision.findingKey } : undefined, () => {
      const other = decisionByKey.get(`${decision.productId}\u0000${decision.findingKey}`);
      return other ? { reason: `another decision on the same finding already exists`, currentId: other.id } : null;
    }, (a: Decision & { name: string }, b: Decision & { name: string }) => diffObjects(a, b, ['name']));
  }
  return plan;

  function classify<T extends { id: string; name: string }>(kind: EntityKind, inc: T, cur: T | undefined, naturalClash: () => { reason: string; currentId: string } | null, diff: (a: T, b: T) => FieldDiff[]) {
    const ref = { kind, id: inc.id, name: inc.name };
    if (!cur) {
      const clash = naturalClash();
      if (clash) plan.conflicting.push({ ...ref, ...clash, fields: [] });
      else plan.added.push(ref);
      return;
    }
    const fields = diff(cur, inc);
    if (fields.length === 0) plan.unchanged.push(ref);
    else plan.changed.push({ ...ref, fields });
  }
}
