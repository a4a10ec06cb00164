/**
 * Writes a portfolio read from a spreadsheet into the workspace, in ONE
 * transaction with ONE change-log group (so undo reverts the import as one
 * step, and a failure or a cancel midway writes nothing).
 *
 * Merge rule (also in docs/interop.md):
 * - product lines are matched by name (trimmed, case-insensitive); a new name
 *   adds a line, a known one gets the file's environment (notes are kept);
 * - products are matched by name within their line; a known product gets the
 *   file's values for the columns the file has, and keeps everything the
 *   template has no column for (id, expected-use rationale);
 * - components are matched by name within their product (several with one
 *   name in the order they come); a known component gets the file's values
 *   for the columns the file has and keeps its id, the fields of columns the
 *   file lacks (purl, cpe, notes when absent) and the source notes of dates
 *   that did not change (a date that changed loses its old source note: the
 *   spreadsheet is its source now);
 * - nothing is ever deleted: lines, products and components missing from the
 *   file stay as they are.
 * Columns the user ignored on the mapping screen are not "empty": their
 * fields are left alone on existing records (pass them as `columns`).
 */
import {
  newId,
  type Component,
  type Portfolio,
  type Product,
  type ProductLine,
} from '../../../shared/domain';
import { OPTIONAL_COLUMNS, TEMPLATE_COLUMNS, type TemplateColumn } from '../../../shared/csv';
import type { SupportspanDb } from '../database';
import { guardWrite, ValidationError } from '../errors';
import { checkImportedPortfolio } from '../text-check';
import { logChanges, newChangeGroup, type ChangeEntry } from './change-log';
import { validateProduct } from './products';

export interface ImportOptions {
  /** Template columns present in the file; fields of other columns are not changed on existing records. Default: all but the optional ones (purl, cpe, notes). */
  columns?: ReadonlySet<TemplateColumn>;
  /** Checked between chunks inside the transaction: aborting rolls everything back. */
  signal?: AbortSignal;
  /** Products written so far and in total (called synchronously inside the transaction). */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  group: string;
  linesAdded: number;
  linesUpdated: number;
  productsAdded: number;
  productsUpdated: number;
  productsUnchanged: number;
  componentsAdded: number;
  componentsUpdated: number;
}

/** Thrown when the import was cancelled; nothing was written. */
export class ImportCancelledError extends Error {
  override readonly name = 'ImportCancelledError';
  constructor() {
    super('The import was cancelled; nothing was written.');
  }
}

const PRODUCT_FIELDS: ReadonlyArray<readonly [keyof Product, TemplateColumn]> = [
  ['sku', 'sku'], ['category', 'category'], ['markets', 'markets'],
  ['firstPlacedOnMarket', 'first_placed_on_market'], ['lastPlacedOnMarket', 'last_placed_on_market'],
  ['expectedUseYears', 'expected_use_years'], ['declaredSupportEnd', 'declared_support_end'], ['unitsPerYear', 'units_per_year'],
  ['notes', 'product_notes'],
];

const COMPONENT_FIELDS: ReadonlyArray<readonly [keyof Component, TemplateColumn]> = [
  ['class', 'class'], ['role', 'role'], ['supplier', 'supplier'], ['version', 'version'], ['core', 'core'],
  ['securitySupportEnd', 'security_support_end'], ['updateMechanism', 'update_mechanism'],
  ['expectedLifeYears', 'expected_life_years'], ['fieldReplaceable', 'field_replaceable'],
  ['sparePartsUntil', 'spare_parts_until'], ['repairDocs', 'repair_docs'], ['expires', 'expires'],
  ['purl', 'purl'], ['cpe', 'cpe'], ['notes', 'component_notes'],
];

const SOURCED_FIELDS = ['securitySupportEnd', 'sparePartsUntil', 'expires', 'expectedLifeYears'] as const;

const nameKey = (name: string): string => name.trim().toLocaleLowerCase();
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Products per transaction chunk: between chunks the signal is checked and progress reported. */
const CHUNK = 200;

function mergeComponent(existing: Component, incoming: Component, columns: ReadonlySet<TemplateColumn>): Component {
  const out: Record<string, unknown> = { ...existing };
  for (const [field, column] of COMPONENT_FIELDS) {
    if (!columns.has(column)) continue;
    // Optional text fields are absent when empty, as the schema has them.
    if (incoming[field] === undefined) delete out[field];
    else out[field] = incoming[field];
  }
  const merged = out as Component;
  const sources = { ...existing.sources };
  for (const f of SOURCED_FIELDS) {
    if (!same(existing[f], merged[f])) delete sources[f];
  }
  merged.sources = sources;
  return merged;
}

function mergeProduct(existing: Product, incoming: Product, columns: ReadonlySet<TemplateColumn>): { product: Product; added: number; updated: number } {
  const out: Record<string, unknown> = { ...existing };
  for (const [field, column] of PRODUCT_FIELDS) {
    if (!columns.has(column)) continue;
    if (incoming[field] === undefined) delete out[field];
    else out[field] = incoming[field];
  }
  const components = [...existing.components];
  // Components with the same name are matched in order: the file's second "Radio" is the product's second "Radio".
  const byName = new Map<string, number[]>();
  components.forEach((c, i) => byName.set(nameKey(c.name), [...(byName.get(nameKey(c.name)) ?? []), i]));
  const used = new Map<string, number>();
  const ids = new Set(components.map((c) => c.id));
  let added = 0;
  let updated = 0;
  for (const c of incoming.components) {
    const key = nameKey(c.name);
    const nth = used.get(key) ?? 0;
    used.set(key, nth + 1);
    const at = byName.get(key)?.[nth];
    if (at === undefined) {
      const id = ids.has(c.id) ? newId() : c.id;
      ids.add(id);
      components.push({ ...c, id });
      added++;
    } else {
      const before = components[at]!;
      const after = mergeComponent(before, c, columns);
      if (!same(before, after)) updated++;
      components[at] = after;
    }
  }
  out.components = components;
  return { product: out as Product, added, updated };
}

/**
 * Adds and updates the portfolio's lines and products (see the merge rule
 * above). Everything is validated before anything is written; a validation
 * error, a storage error or a cancel leaves the workspace unchanged.
 */
export async function importPortfolio(
  db: SupportspanDb,
  portfolio: Pick<Portfolio, 'lines' | 'products'>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  // By default the first template's columns: purl, cpe and notes are changed only by a file that has them.
  const columns = options.columns ?? new Set<TemplateColumn>(TEMPLATE_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c)));
  const { signal, onProgress } = options;
  const checkCancel = (): void => {
    if (signal?.aborted) throw new ImportCancelledError();
  };
  checkCancel();
  checkImportedPortfolio(portfolio, 'the file', (messages) => new ValidationError('The import', messages));
  const linesById = new Map(portfolio.lines.map((l) => [l.id, l]));
  for (const p of portfolio.products) {
    if (!linesById.has(p.lineId)) {
      throw new ValidationError('The import', [`product "${p.name}" refers to a product line that is not in the file`]);
    }
  }

  const run = async (): Promise<ImportSummary> => {
    const group = newChangeGroup();
    const summary: ImportSummary = {
      group, linesAdded: 0, linesUpdated: 0, productsAdded: 0, productsUpdated: 0, productsUnchanged: 0, componentsAdded: 0, componentsUpdated: 0,
    };
    const entries: ChangeEntry[] = [];
    const existingLines = await db.lines.toArray();
    const lineByName = new Map(existingLines.map((l) => [nameKey(l.name), l]));
    const lineIds = new Set(existingLines.map((l) => l.id));
    /** file line id -> workspace line id */
    const lineMap = new Map<string, string>();
    const linesToPut: ProductLine[] = [];
    for (const line of portfolio.lines) {
      const found = lineByName.get(nameKey(line.name));
      if (found) {
        lineMap.set(line.id, found.id);
        if (columns.has('environment') && found.environment !== line.environment) {
          const after = { ...found, environment: line.environment };
          linesToPut.push(after);
          entries.push({ entityType: 'line', entityId: found.id, before: found, after });
          summary.linesUpdated++;
        }
      } else {
        // A stable id from the name may belong to a line that was renamed since: then a fresh id.
        const id = lineIds.has(line.id) ? newId() : line.id;
        lineIds.add(id);
        const after = { ...line, id };
        lineByName.set(nameKey(line.name), after);
        lineMap.set(line.id, id);
        linesToPut.push(after);
        entries.push({ entityType: 'line', entityId: id, before: null, after });
        summary.linesAdded++;
      }
    }
    await db.lines.bulkPut(linesToPut);

    // One read of the existing products, indexed by line and name: a lookup per imported product stays cheap.
    const byLineAndName = new Map<string, Product>();
    const productIds = new Set<string>();
    for (const p of await db.products.toArray()) {
      byLineAndName.set(`${p.lineId}\u0000${nameKey(p.name)}`, p);
      productIds.add(p.id);
    }
    const total = portfolio.products.length;
    for (let start = 0; start < total; start += CHUNK) {
      checkCancel();
      const toPut = new Map<string, Product>();
      for (const incoming of portfolio.products.slice(start, start + CHUNK)) {
        const lineId = lineMap.get(incoming.lineId)!;
        const key = `${lineId}\u0000${nameKey(incoming.name)}`;
        const found = byLineAndName.get(key);
        if (found) {
          const { product, added, updated } = mergeProduct(found, { ...incoming, lineId }, columns);
          const after = validateProduct(product);
          summary.componentsAdded += added;
          summary.componentsUpdated += updated;
          if (same(found, after)) {
            summary.productsUnchanged++;
            continue;
          }
          byLineAndName.set(key, after);
          toPut.set(after.id, after);
          entries.push({ entityType: 'product', entityId: after.id, before: found, after });
          summary.productsUpdated++;
        } else {
          const id = productIds.has(incoming.id) ? newId() : incoming.id;
          productIds.add(id);
          const after = validateProduct({ ...incoming, lineId, id });
          byLineAndName.set(key, after);
          toPut.set(after.id, after);
          entries.push({ entityType: 'product', entityId: after.id, before: null, after });
          summary.productsAdded++;
          summary.componentsAdded += after.components.length;
        }
      }
      await db.products.bulkPut([...toPut.values()]);
      onProgress?.(Math.min(start + CHUNK, total), total);
    }
    checkCancel();
    await logChanges(db, group, entries);
    return summary;
  };

  try {
    return await db.transaction('rw', [db.lines, db.products, db.changes], run);
  } catch (error) {
    // Dexie may wrap what the transaction body threw; the signal tells a cancel apart.
    if (error instanceof ImportCancelledError || signal?.aborted) throw new ImportCancelledError();
    // Validation errors pass through; storage errors are shown as a notice and rethrown.
    return guardWrite('import the spreadsheet', () => Promise.reject(error));
  }
}
