/** Product lines: the only code that reads or writes the `lines` table. */
import {
  describeIssues,
  newId,
  productLineSchema,
  type Environment,
  type ProductLine,
} from '../../../shared/domain';
import type { SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { logChanges, newChangeGroup, type ChangeEntry } from './change-log';
import { deleteEvidenceOfProducts } from './evidence';
import { deleteRiskDataOfProducts, riskTables } from './risks';
import { deleteObligationsOfProducts, obligationTables } from './obligations';

export interface NewProductLine {
  name: string;
  environment: Environment;
  notes?: string;
}

export type ProductLinePatch = Partial<Omit<ProductLine, 'id'>>;

export function validateLine(candidate: unknown): ProductLine {
  const result = productLineSchema.safeParse(candidate);
  if (!result.success) throw new ValidationError('Product line', describeIssues(result.error));
  return result.data;
}

/** All lines, sorted by name the way a person reads them (case- and accent-aware). */
export async function listLines(db: SupportspanDb): Promise<ProductLine[]> {
  const lines = await db.lines.toArray();
  return lines.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

export async function getLine(db: SupportspanDb, id: string): Promise<ProductLine | undefined> {
  return db.lines.get(id);
}

/** Product count per line id, read from the `lineId` index without loading products. */
export async function countProductsByLine(db: SupportspanDb): Promise<Map<string, number>> {
  const keys = (await db.products.orderBy('lineId').keys()) as string[];
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

export async function createLine(db: SupportspanDb, input: NewProductLine): Promise<ProductLine> {
  const line = validateLine({ id: newId(), notes: '', ...input });
  return guardWrite('create the product line', () =>
    db.transaction('rw', db.lines, db.changes, async () => {
      await db.lines.add(line);
      await logChanges(db, newChangeGroup(), [{ entityType: 'line', entityId: line.id, before: null, after: line }]);
      return line;
    }),
  );
}

export async function updateLine(db: SupportspanDb, id: string, patch: ProductLinePatch): Promise<ProductLine> {
  return guardWrite('save the product line', () =>
    db.transaction('rw', db.lines, db.changes, async () => {
      const before = await db.lines.get(id);
      if (!before) throw new NotFoundError(`The product line no longer exists (id ${id}).`);
      // Validation inside the transaction still writes nothing when it throws: the transaction aborts.
      const after = validateLine({ ...before, ...patch, id });
      await db.lines.put(after);
      await logChanges(db, newChangeGroup(), [{ entityType: 'line', entityId: id, before, after }]);
      return after;
    }),
  );
}

export async function renameLine(db: SupportspanDb, id: string, name: string): Promise<ProductLine> {
  return updateLine(db, id, { name });
}

/** Deletes the line and every product in it (and their decisions, evidence, risks and property answers) as one transaction. */
export async function deleteLine(db: SupportspanDb, id: string, options: { by?: string; label?: string } = {}): Promise<{ deletedProducts: number }> {
  return guardWrite('delete the product line', () =>
    db.transaction('rw', [db.lines, db.products, db.decisions, db.evidence, ...riskTables(db), ...obligationTables(db), db.changes], async () => {
      const line = await db.lines.get(id);
      if (!line) throw new NotFoundError(`The product line no longer exists (id ${id}).`);
      const products = await db.products.where('lineId').equals(id).toArray();
      const productIds = products.map((p) => p.id);
      const decisions = productIds.length ? await db.decisions.where('productId').anyOf(productIds).toArray() : [];
      const evidence = await deleteEvidenceOfProducts(db, productIds);
      const risks = await deleteRiskDataOfProducts(db, productIds);
      const obligations = await deleteObligationsOfProducts(db, productIds);
      const entries: ChangeEntry[] = [
        ...decisions.map((d) => ({ entityType: 'decision' as const, entityId: d.id, before: d, after: null })),
        ...evidence,
        ...risks,
        ...obligations,
        ...products.map((p) => ({ entityType: 'product' as const, entityId: p.id, before: p, after: null })),
        { entityType: 'line', entityId: id, before: line, after: null },
      ];
      await db.decisions.bulkDelete(decisions.map((d) => d.id));
      await db.products.bulkDelete(productIds);
      await db.lines.delete(id);
      await logChanges(db, newChangeGroup(), entries, options.label, options.by);
      return { deletedProducts: products.length };
    }),
  );
}
