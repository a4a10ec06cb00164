/**
 * Edits of one product and its embedded components. Each function is one user
 * action: it reads the product, applies the change and writes it back inside one
 * transaction, so two quick edits never overwrite each other with a stale copy,
 * and it logs one change group (undo reverts it as one step).
 */
import { dependencyProblems, newId, type Component, type Product } from '../../../shared/domain';
import type { SupportspanDb } from '../database';
import { guardWrite, NotFoundError, StaleEditError, ValidationError, type StaleCell } from '../errors';
import { logChanges, newChangeGroup } from './change-log';
import { validateProduct, type ProductInput } from './products';

export type ComponentInput = Partial<Component> & Pick<Component, 'name' | 'class' | 'role'>;

/** What an edit started from, to detect a change made meanwhile in another window. */
export interface EditBasis {
  /** Field values as they were when the edit began; a field whose stored value differs refuses the write (StaleEditError). */
  startedFrom?: Partial<Record<string, unknown>>;
}

/** Same value, whatever the key order of nested objects. */
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null, sortedKeys) === JSON.stringify(b ?? null, sortedKeys);
function sortedKeys(_key: string, v: unknown): unknown {
  return v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v;
}

/** A field's value; `sources.endoflife` reaches into a nested object. */
function valueAt(record: Record<string, unknown>, field: string): unknown {
  let value: unknown = record;
  for (const part of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function staleCells(current: Record<string, unknown>, basis: EditBasis | undefined, componentId?: string): StaleCell[] {
  return Object.entries(basis?.startedFrom ?? {})
    .filter(([field, startedFrom]) => !sameValue(valueAt(current, field), startedFrom))
    .map(([field, startedFrom]) => ({ ...(componentId ? { componentId } : {}), field, stored: valueAt(current, field), startedFrom }));
}

function refuseStale(cells: StaleCell[]): void {
  const first = cells[0];
  if (first) throw new StaleEditError(first.field, first.stored, first.startedFrom, cells);
}

function checkBasis(current: Record<string, unknown>, basis: EditBasis | undefined, componentId?: string): void {
  refuseStale(staleCells(current, basis, componentId));
}

/**
 * Applies `mutate` to the stored product and saves the result. `mutate` runs inside
 * the transaction: it must be synchronous and may throw a ValidationError to refuse.
 * With `basis`, the write is refused (StaleEditError) when a field it names no
 * longer holds the value the edit started from. `label` names the action for undo.
 */
export async function updateProduct(
  db: SupportspanDb,
  productId: string,
  mutate: (current: Product) => ProductInput,
  action = 'save the product',
  basis?: EditBasis,
  label?: string,
): Promise<Product> {
  return guardWrite(action, () =>
    db.transaction('rw', [db.lines, db.products, db.changes], async () => {
      const before = await db.products.get(productId);
      if (!before) throw new NotFoundError(`The product no longer exists (id ${productId}).`);
      checkBasis(before as unknown as Record<string, unknown>, basis);
      // structuredClone: `mutate` may not change the before image that goes into the log.
      const after = validateProduct({ ...mutate(structuredClone(before)), id: productId });
      // Dependencies a person changed must stay inside the product and not close a cycle (shared/domain/dependencies.ts).
      const previous = new Map(before.components.map((c) => [c.id, JSON.stringify(c.dependsOn ?? [])]));
      const changedDeps = new Set(after.components.filter((c) => previous.get(c.id) !== JSON.stringify(c.dependsOn ?? [])).map((c) => c.id));
      const depIssues = changedDeps.size ? dependencyProblems(after.components, changedDeps) : [];
      if (depIssues.length) throw new ValidationError('Product', depIssues);
      if (after.lineId !== before.lineId && !(await db.lines.get(after.lineId))) {
        throw new ValidationError('Product', [`lineId: there is no product line with id ${after.lineId}`]);
      }
      await db.products.put(after);
      await logChanges(db, newChangeGroup(), [{ entityType: 'product', entityId: productId, before, after }], label);
      return after;
    }),
  );
}

/** Changes some fields of one component. */
export async function updateComponent(
  db: SupportspanDb,
  productId: string,
  componentId: string,
  patch: Partial<Omit<Component, 'id'>>,
  basis?: EditBasis,
  label?: string,
): Promise<Product> {
  return updateProduct(db, productId, (p) => {
    const index = p.components.findIndex((c) => c.id === componentId);
    if (index < 0) throw new NotFoundError(`The component no longer exists (id ${componentId}).`);
    checkBasis(p.components[index] as unknown as Record<string, unknown>, basis, componentId);
    const components = [...p.components];
    components[index] = withPatch(components[index]!, patch);
    return { ...p, components };
  }, 'save the component', undefined, label);
}

/** Adds components after `afterId` (or at the end); ids are assigned when missing. Returns the new ids. */
export async function addComponents(
  db: SupportspanDb,
  productId: string,
  inputs: ComponentInput[],
  afterId: string | null = null,
): Promise<string[]> {
  const added = inputs.map((c) => ({ ...c, id: c.id ?? newId() }));
  await updateProduct(db, productId, (p) => {
    const components: ProductInput['components'] = [...p.components];
    const at = afterId === null ? components.length : components.findIndex((c) => c.id === afterId) + 1;
    components.splice(at <= 0 ? components.length : at, 0, ...added);
    return { ...p, components };
  }, 'add the component');
  return added.map((c) => c.id);
}

/** Copies components (new ids, name marked as a copy), each placed after the last of the originals. */
export async function duplicateComponents(db: SupportspanDb, productId: string, componentIds: string[]): Promise<string[]> {
  const newIds: string[] = [];
  await updateProduct(db, productId, (p) => {
    const wanted = new Set(componentIds);
    const originals = p.components.filter((c) => wanted.has(c.id));
    if (originals.length !== wanted.size) throw new NotFoundError('A component to duplicate no longer exists.');
    const copies = originals.map((c) => {
      const id = newId();
      newIds.push(id);
      return { ...structuredClone(c), id, name: copyName(c.name) };
    });
    const lastIndex = Math.max(...originals.map((c) => p.components.indexOf(c)));
    const components = [...p.components];
    components.splice(lastIndex + 1, 0, ...copies);
    return { ...p, components };
  }, 'duplicate the components');
  return newIds;
}

export async function deleteComponents(db: SupportspanDb, productId: string, componentIds: string[]): Promise<number> {
  let removed = 0;
  await updateProduct(db, productId, (p) => {
    const wanted = new Set(componentIds);
    const components = p.components.filter((c) => !wanted.has(c.id));
    removed = p.components.length - components.length;
    return { ...p, components };
  }, 'delete the components');
  return removed;
}

export interface ComponentEdits {
  /** Patches of existing components, by id; with `basis`, a cell changed meanwhile refuses the whole action (StaleEditError naming every such cell). */
  updates: { id: string; patch: Partial<Omit<Component, 'id'>>; basis?: EditBasis }[];
  /** New components appended at the end. */
  additions: ComponentInput[];
}

/** A paste: many cells and maybe new rows, written as one action or not at all. */
export async function applyComponentEdits(db: SupportspanDb, productId: string, edits: ComponentEdits, label?: string): Promise<Product> {
  return updateProduct(db, productId, (p) => {
    const byId = new Map(edits.updates.map((u) => [u.id, u.patch]));
    const missing = edits.updates.filter((u) => !p.components.some((c) => c.id === u.id));
    if (missing.length) throw new NotFoundError('A component to change no longer exists.');
    refuseStale(edits.updates.flatMap((u) => staleCells(p.components.find((c) => c.id === u.id) as unknown as Record<string, unknown>, u.basis, u.id)));
    const components: ProductInput['components'] = p.components.map((c) => {
      const patch = byId.get(c.id);
      return patch ? withPatch(c, patch) : c;
    });
    components.push(...edits.additions.map((c) => ({ ...c, id: c.id ?? newId() })));
    return { ...p, components };
  }, 'paste into the components', undefined, label);
}

/** Optional fields (purl, cpe, sources.*) are removed rather than stored as `undefined`. */
function withPatch(component: Component, patch: Partial<Omit<Component, 'id'>>): Component {
  const next: Record<string, unknown> = { ...component, ...patch };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  if (patch.sources) {
    const sources: Record<string, unknown> = { ...component.sources, ...patch.sources };
    for (const key of Object.keys(sources)) if (sources[key] === undefined || sources[key] === '') delete sources[key];
    next.sources = sources;
  }
  return next as Component;
}

function copyName(name: string): string {
  const copy = `${name} (copy)`;
  return copy.length <= 200 ? copy : name;
}
