/**
 * Product operations that go beyond one put: starting a new model from an
 * existing product, and moving a product to another line. Each is one
 * transaction and one change-log group (one undo step).
 */
import { MAX_NAME, newId, type Category, type Product } from '../../../shared/domain';
import type { SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { logChanges, newChangeGroup } from './change-log';
import { putProduct, validateProduct } from './products';

export interface NewProduct {
  lineId: string;
  name: string;
  category: Category;
  sku?: string;
}

/** Creates an empty product (no components, dates unknown) in a line. */
export async function createProduct(db: SupportspanDb, input: NewProduct): Promise<Product> {
  return putProduct(db, { id: newId(), lineId: input.lineId, name: input.name, category: input.category, sku: input.sku ?? '' });
}

/** "Thermostat T3" -> "Thermostat T3 (copy)", shortened so the result stays a valid name. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return name.slice(0, MAX_NAME - suffix.length).trimEnd() + suffix;
}

/**
 * The start of a new model: the product and its components under new ids, named
 * "… (copy)", in the same line (or `lineId`).
 *
 * What is copied and why: components with every date and source (the new model
 * mostly reuses the bill of materials), markets, expected use and its rationale,
 * the declared support end (a starting point the findings will check) and units
 * per year (an estimate to adjust).
 * What is cleared: the SKU (it identifies the old model) and both
 * placed-on-market dates (the new model has not been placed on any market yet:
 * keeping them would date its legal minimums from the old model's sales).
 * Decisions are not copied: they were taken on the old model's findings.
 */
export async function duplicateProduct(db: SupportspanDb, productId: string, options: { lineId?: string } = {}): Promise<Product> {
  return guardWrite('duplicate the product', () =>
    db.transaction('rw', [db.lines, db.products, db.changes], async () => {
      const source = await db.products.get(productId);
      if (!source) throw new NotFoundError(`The product no longer exists (id ${productId}).`);
      const lineId = options.lineId ?? source.lineId;
      if (!(await db.lines.get(lineId))) throw new ValidationError('Product', [`lineId: there is no product line with id ${lineId}`]);
      const copy = validateProduct({
        ...source,
        id: newId(),
        lineId,
        name: copyName(source.name),
        sku: '',
        firstPlacedOnMarket: null,
        lastPlacedOnMarket: null,
        components: source.components.map((c) => ({ ...c, id: newId(), sources: { ...c.sources } })),
        markets: [...source.markets],
      });
      await db.products.add(copy);
      await logChanges(db, newChangeGroup(), [{ entityType: 'product', entityId: copy.id, before: null, after: copy }]);
      return copy;
    }),
  );
}

/** Moves a product to another line; its id, components and decisions stay. */
export async function moveProduct(db: SupportspanDb, productId: string, lineId: string): Promise<Product> {
  return guardWrite('move the product', () =>
    db.transaction('rw', [db.lines, db.products, db.changes], async () => {
      const before = await db.products.get(productId);
      if (!before) throw new NotFoundError(`The product no longer exists (id ${productId}).`);
      if (!(await db.lines.get(lineId))) throw new ValidationError('Product', [`lineId: there is no product line with id ${lineId}`]);
      if (before.lineId === lineId) return before;
      const after = validateProduct({ ...before, lineId });
      await db.products.put(after);
      await logChanges(db, newChangeGroup(), [{ entityType: 'product', entityId: productId, before, after }]);
      return after;
    }),
  );
}
