/**
 * Writes an SBOM read with `readCycloneDx` into the workspace, in ONE
 * transaction with ONE change-log group (one undo step; a failure writes nothing):
 * - as a new product (in the line of that name, created if missing), or
 * - merged into an existing product by the plan the preview showed
 *   (`planSbomMerge`: changed, added and removed components, nothing duplicated).
 */
import { newId, type Component, type Product, type ProductLine, type Role } from '../../../shared/domain';
import { applySbomMerge, planSbomMerge, type SbomMergePlan } from '../../../shared/interop/cyclonedx';
import type { SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { logChanges, newChangeGroup, type ChangeEntry } from './change-log';
import { validateProduct } from './products';

export interface SbomImportInput {
  line: ProductLine;
  product: Product;
  /** Roles the user confirmed or changed in the preview, by the incoming component's id. */
  roles?: ReadonlyMap<string, Role>;
}

export type SbomTarget = { kind: 'new' } | { kind: 'merge'; productId: string; removeMissing: boolean };

export interface SbomImportSummary {
  group: string;
  productId: string;
  added: number;
  changed: number;
  removed: number;
}

function withRoles(product: Product, roles: ReadonlyMap<string, Role> | undefined): Product {
  if (!roles?.size) return product;
  return { ...product, components: product.components.map((c): Component => (roles.has(c.id) ? { ...c, role: roles.get(c.id)! } : c)) };
}

/** The merge plan of an SBOM against a product, as the preview shows it and `importSbom` writes it. */
export function planSbomImport(existing: Product, input: SbomImportInput): SbomMergePlan {
  return planSbomMerge(existing, withRoles(input.product, input.roles));
}

export async function importSbom(db: SupportspanDb, input: SbomImportInput, target: SbomTarget): Promise<SbomImportSummary> {
  const incoming = withRoles(input.product, input.roles);
  return guardWrite('import the SBOM', () =>
    db.transaction('rw', [db.lines, db.products, db.changes], async () => {
      const group = newChangeGroup();
      const entries: ChangeEntry[] = [];
      if (target.kind === 'merge') {
        const existing = await db.products.get(target.productId);
        if (!existing) throw new NotFoundError('The product to merge into no longer exists.');
        // Planned again inside the transaction: the product may have changed since the preview.
        const plan = planSbomMerge(existing, incoming);
        const after = validateProduct(applySbomMerge(existing, plan, target.removeMissing));
        await db.products.put(after);
        entries.push({ entityType: 'product', entityId: after.id, before: existing, after });
        await logChanges(db, group, entries);
        return { group, productId: after.id, added: plan.added.length, changed: plan.changed.length, removed: target.removeMissing ? plan.removed.length : 0 };
      }
      const key = input.line.name.trim().toLocaleLowerCase();
      let line = (await db.lines.toArray()).find((l) => l.name.trim().toLocaleLowerCase() === key);
      if (!line) {
        line = { ...input.line, id: (await db.lines.get(input.line.id)) ? newId() : input.line.id };
        await db.lines.put(line);
        entries.push({ entityType: 'line', entityId: line.id, before: null, after: line });
      }
      const id = (await db.products.get(incoming.id)) ? newId() : incoming.id;
      const after = validateProduct({ ...incoming, id, lineId: line.id });
      const sameName = await db.products.where('lineId').equals(line.id).filter((p) => p.name.trim().toLocaleLowerCase() === after.name.trim().toLocaleLowerCase()).count();
      if (sameName > 0) throw new ValidationError('The SBOM', [`product line "${line.name}" already has a product named "${after.name}": merge into it instead`]);
      await db.products.put(after);
      entries.push({ entityType: 'product', entityId: after.id, before: null, after });
      await logChanges(db, group, entries);
      return { group, productId: after.id, added: after.components.length, changed: 0, removed: 0 };
    }),
  );
}
