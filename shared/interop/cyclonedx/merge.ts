/**
 * Re-importing an SBOM of a product the workspace already has: which components
 * are changed, added and removed. Pure, so the preview shows exactly what the
 * repository then writes.
 *
 * Matching, first hit wins: the SBOM's bom-ref (or our own id), the purl, name
 * and version, and finally name and group when exactly one component has them
 * (a version update). What the user decided (role, class, their own dates and
 * notes) stays; what the SBOM describes (version, licenses, hashes, graph, …)
 * is taken from the new file; a date the file leaves empty keeps its old value.
 * Only components that came from an SBOM (with a bom-ref or purl) can be
 * "removed"; components entered by hand are never touched.
 */
import { newId, OTHER_MILESTONES, type Component, type Product } from '../../domain/schemas';
import { distinctNames } from './names';

export interface ComponentChange {
  before: Component;
  after: Component;
  /** Field names that differ, e.g. `version`, `licenses`. */
  fields: string[];
}

export interface SbomMergePlan {
  added: Component[];
  changed: ComponentChange[];
  removed: Component[];
  unchanged: number;
  /** Product fields the SBOM changes (manufacturer, placing dates, declared support end, sku). */
  productFields: { field: keyof Product; before: unknown; after: unknown }[];
  /** Components renamed so that names stay distinct within the product. */
  renamed: { from: string; to: string }[];
}

const SBOM_FIELDS = ['version', 'group', 'supplier', 'manufacturer', 'licenses', 'hashes', 'purl', 'cpe', 'dependsOn', 'parentPath', 'bomRef'] as const;
const DATE_FIELDS = ['securitySupportEnd', 'sparePartsUntil', 'expires'] as const;
const PRODUCT_FIELDS = ['manufacturer', 'firstPlacedOnMarket', 'lastPlacedOnMarket', 'declaredSupportEnd', 'sku'] as const;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const lower = (s: string): string => s.trim().toLocaleLowerCase();
const fromSbom = (c: Component): boolean => Boolean(c.bomRef || c.purl);


export function planSbomMerge(existingProduct: Product, incomingProduct: Product): SbomMergePlan {
  const existing = existingProduct.components;
  const matched = new Map<string, Component>(); // incoming id -> existing
  const taken = new Set<string>();
  const index = <K>(key: (c: Component) => K | null): Map<K, Component[]> => {
    const m = new Map<K, Component[]>();
    for (const c of existing) {
      const k = key(c);
      if (k !== null) m.set(k, [...(m.get(k) ?? []), c]);
    }
    return m;
  };
  const byRef = index((c) => c.bomRef ?? null);
  const byId = index((c) => c.id);
  const byPurl = index((c) => (c.purl ? c.purl : null));
  const byNameVersion = index((c) => `${lower(c.name)}\u0000${c.version}`);
  const byNameGroup = index((c) => `${lower(c.name)}\u0000${lower(c.group ?? '')}`);
  const free = (list: Component[] | undefined, onlyOne = false): Component | undefined => {
    const open = (list ?? []).filter((c) => !taken.has(c.id));
    return onlyOne && open.length !== 1 ? undefined : open[0];
  };
  const steps: ((c: Component) => Component | undefined)[] = [
    (c) => (c.bomRef ? free(byRef.get(c.bomRef)) : undefined),
    // Ids only coincide when the file is our own export (other files get fresh random ids).
    (c) => free(byId.get(c.id)),
    (c) => (c.purl ? free(byPurl.get(c.purl)) : undefined),
    (c) => free(byNameVersion.get(`${lower(c.name)}\u0000${c.version}`)),
    (c) => free(byNameGroup.get(`${lower(c.name)}\u0000${lower(c.group ?? '')}`), true),
  ];
  // One pass per rule over all components, so a weaker rule never takes what a stronger one would match later.
  for (const step of steps) {
    for (const c of incomingProduct.components) {
      if (matched.has(c.id)) continue;
      const hit = step(c);
      if (hit) {
        matched.set(c.id, hit);
        taken.add(hit.id);
      }
    }
  }

  const ids = new Set(existing.map((c) => c.id));
  const finalId = new Map<string, string>();
  const addedRaw: Component[] = [];
  for (const c of incomingProduct.components) {
    const hit = matched.get(c.id);
    if (hit) finalId.set(c.id, hit.id);
    else {
      const id = ids.has(c.id) ? newId() : c.id;
      ids.add(id);
      finalId.set(c.id, id);
      addedRaw.push({ ...c, id });
    }
  }
  const mapDeps = (c: Component): string[] => (c.dependsOn ?? []).map((d) => finalId.get(d)).filter((d): d is string => d !== undefined);
  const withDeps = (c: Component): Component => {
    const { dependsOn: _old, ...rest } = c;
    const deps = mapDeps(c);
    return deps.length ? { ...rest, dependsOn: deps } : rest;
  };
  const added = addedRaw.map(withDeps);

  const changed: ComponentChange[] = [];
  let unchanged = 0;
  for (const c of incomingProduct.components) {
    const before = matched.get(c.id);
    if (!before) continue;
    const after: Record<string, unknown> = { ...before };
    for (const f of SBOM_FIELDS) {
      const v = f === 'dependsOn' ? withDeps(c).dependsOn : c[f];
      if (v === undefined) delete after[f];
      else after[f] = v;
    }
    const sources = { ...before.sources };
    for (const f of DATE_FIELDS) {
      if (c[f] !== null && c[f] !== before[f]) {
        after[f] = c[f];
        if (c.sources[f]) sources[f] = c.sources[f];
      }
    }
    after.sources = sources;
    const milestones = { ...before.milestones };
    for (const m of OTHER_MILESTONES) if (c.milestones?.[m]) milestones[m] = c.milestones[m];
    if (Object.keys(milestones).length) after.milestones = milestones;
    const next = after as Component;
    const fields = Object.keys({ ...before, ...next }).filter((k) => !same((before as Record<string, unknown>)[k], (next as Record<string, unknown>)[k]));
    if (fields.length) changed.push({ before, after: next, fields });
    else unchanged++;
  }
  const removed = existing.filter((c) => !taken.has(c.id) && fromSbom(c));

  const keptNames = existing.filter((c) => !removed.includes(c)).map((c) => c.name);
  const renamed = distinctNames(added, keptNames).map(({ from, to }) => ({ from, to }));

  const productFields: SbomMergePlan['productFields'] = [];
  for (const f of PRODUCT_FIELDS) {
    const after = incomingProduct[f];
    const before = existingProduct[f] ?? (f === 'manufacturer' ? '' : null);
    if (after !== undefined && after !== null && after !== '' && !same(before, after)) productFields.push({ field: f, before, after });
  }
  return { added, changed, removed, unchanged, productFields, renamed };
}

/** The product after the merge; `removeMissing` false keeps components the new SBOM no longer lists. */
export function applySbomMerge(existingProduct: Product, plan: SbomMergePlan, removeMissing: boolean): Product {
  const changedById = new Map(plan.changed.map((ch) => [ch.before.id, ch.after]));
  const removedIds = new Set(removeMissing ? plan.removed.map((c) => c.id) : []);
  const components = existingProduct.components
    .filter((c) => !removedIds.has(c.id))
    .map((c) => changedById.get(c.id) ?? c)
    .map((c) => (removedIds.size && c.dependsOn ? { ...c, dependsOn: c.dependsOn.filter((d) => !removedIds.has(d)) } : c));
  const product: Record<string, unknown> = { ...existingProduct, components: [...components, ...plan.added] };
  for (const { field, after } of plan.productFields) product[field] = after;
  return product as Product;
}
