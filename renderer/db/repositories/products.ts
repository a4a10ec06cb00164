/**
 * Products, each stored with its components embedded: one record per product
 * (IndexedDB cost is per record; the product is the unit of analysis and exchange).
 */
import { describeIssues, productSchema, type Product } from '../../../shared/domain';
import type { z } from 'zod';
import type { SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { logChanges, newChangeGroup } from './change-log';
import { deleteEvidenceOfProducts } from './evidence';
import { deleteRiskDataOfProducts, riskTables } from './risks';
import { deleteObligationsOfProducts, obligationTables } from './obligations';

/** What a caller may pass: defaults (empty components, unknown dates) are filled by the schema. */
export type ProductInput = z.input<typeof productSchema>;

export function validateProduct(candidate: unknown): Product {
  const result = productSchema.safeParse(candidate);
  if (!result.success) throw new ValidationError('Product', describeIssues(result.error));
  const ids = new Set<string>();
  const duplicates = result.data.components.flatMap((c, i) => {
    if (ids.has(c.id)) return [`components.${i}.id: duplicate component id ${c.id}`];
    ids.add(c.id);
    return [];
  });
  if (duplicates.length) throw new ValidationError('Product', duplicates);
  return result.data;
}

export async function getProduct(db: SupportspanDb, id: string): Promise<Product | undefined> {
  return db.products.get(id);
}

export async function listProductsOfLine(db: SupportspanDb, lineId: string): Promise<Product[]> {
  const products = await db.products.where('lineId').equals(lineId).toArray();
  return products.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

export async function listProducts(db: SupportspanDb): Promise<Product[]> {
  return db.products.toArray();
}

/**
 * Creates or replaces a product. Refused (nothing written) if invalid or its line does not exist.
 * `label` names the action for undo ("import of 3 components"); without it the product names it.
 */
export async function putProduct(db: SupportspanDb, input: ProductInput, label?: string): Promise<Product> {
  const product = validateProduct(input);
  return guardWrite('save the product', () =>
    db.transaction('rw', [db.lines, db.products, db.changes], async () => {
      if (!(await db.lines.get(product.lineId))) {
        throw new ValidationError('Product', [`lineId: there is no product line with id ${product.lineId}`]);
      }
      const before = (await db.products.get(product.id)) ?? null;
      await db.products.put(product);
      await logChanges(db, newChangeGroup(), [{ entityType: 'product', entityId: product.id, before, after: product }], label);
      return product;
    }),
  );
}

/**
 * Deletes a product, the decisions taken on its findings, the evidence attached to it or its
 * components, its risks and device property answers (controls keep their other risks), and its
 * obligations records.
 */
export async function deleteProduct(db: SupportspanDb, id: string, options: { by?: string; label?: string } = {}): Promise<void> {
  await guardWrite('delete the product', () =>
    db.transaction('rw', [db.products, db.decisions, db.evidence, ...riskTables(db), ...obligationTables(db), db.changes], async () => {
      const before = await db.products.get(id);
      if (!before) throw new NotFoundError(`The product no longer exists (id ${id}).`);
      const decisions = await db.decisions.where('productId').equals(id).toArray();
      await db.decisions.bulkDelete(decisions.map((d) => d.id));
      const evidence = await deleteEvidenceOfProducts(db, [id]);
      const risks = await deleteRiskDataOfProducts(db, [id]);
      const obligations = await deleteObligationsOfProducts(db, [id]);
      await db.products.delete(id);
      await logChanges(db, newChangeGroup(), [
        ...decisions.map((d) => ({ entityType: 'decision' as const, entityId: d.id, before: d, after: null })),
        ...evidence,
        ...risks,
        ...obligations,
        { entityType: 'product', entityId: id, before, after: null },
      ], options.label, options.by);
    }),
  );
}
