/**
 * Column mapping of the spreadsheet import: which column of the user's file
 * feeds which template column. Auto-mapping compares header text ignoring
 * case, spaces, hyphens and underscores (`Product Line` = `product_line`);
 * the user can re-map or ignore any column on the mapping screen.
 */
import { COMPONENT_COLUMNS, TEMPLATE_COLUMNS, parseTemplateRows, type RowError, type TemplateColumn } from '../../../shared/csv';
import type { Portfolio } from '../../../shared/domain';

/** One entry per source column: the template column it feeds, or null (ignored). */
export type ColumnMapping = (TemplateColumn | null)[];

const squash = (text: string): string => text.replace(/^\ufeff/, '').trim().toLowerCase().replace(/[\s_\-.]+/g, '');
const BY_SQUASHED = new Map<string, TemplateColumn>(TEMPLATE_COLUMNS.map((c) => [squash(c), c]));

/** Template columns without which no row can be read. */
export const ALWAYS_REQUIRED: readonly TemplateColumn[] = ['product_line', 'environment', 'product', 'category'];
/** Needed as soon as the file has components. */
export const COMPONENT_REQUIRED: readonly TemplateColumn[] = ['class', 'role'];

export function autoMap(header: readonly string[]): ColumnMapping {
  const taken = new Set<TemplateColumn>();
  return header.map((h) => {
    const col = BY_SQUASHED.get(squash(h)) ?? null;
    if (!col || taken.has(col)) return null;
    taken.add(col);
    return col;
  });
}

export interface MappingProblems {
  missing: TemplateColumn[];
  duplicates: { column: TemplateColumn; sources: number[] }[];
}

export function mappingProblems(mapping: ColumnMapping): MappingProblems {
  const sources = new Map<TemplateColumn, number[]>();
  mapping.forEach((col, i) => {
    if (col) sources.set(col, [...(sources.get(col) ?? []), i]);
  });
  const required = [...ALWAYS_REQUIRED, ...(sources.has('component') ? COMPONENT_REQUIRED : [])];
  return {
    missing: required.filter((c) => !sources.has(c)),
    duplicates: [...sources].filter(([, s]) => s.length > 1).map(([column, s]) => ({ column, sources: s })),
  };
}

export const mappingIsUsable = (p: MappingProblems): boolean => p.missing.length === 0 && p.duplicates.length === 0;

/** The template columns the mapping feeds (the import leaves other fields of existing records alone). */
export function mappedColumns(mapping: ColumnMapping): Set<TemplateColumn> {
  return new Set(mapping.filter((c): c is TemplateColumn => c !== null));
}

/** Source rows -> rows in template column order; unmapped template columns are empty. */
export function applyMapping(mapping: ColumnMapping, rows: readonly (readonly string[])[]): string[][] {
  const sourceOf = TEMPLATE_COLUMNS.map((col) => mapping.indexOf(col));
  return rows.map((row) => sourceOf.map((i) => (i < 0 ? '' : (row[i] ?? ''))));
}

export interface ValidationOutcome {
  portfolio: Portfolio;
  errors: RowError[];
  /** Non-empty data rows in the file. */
  totalRows: number;
  /** Rows whose product (or line) is imported. */
  importedRows: number;
  /** Rows not imported: their own error, or an error elsewhere in their product. */
  skippedRows: number;
  /** Products in the file, and how many of them have no error. */
  totalProducts: number;
}

/**
 * Validates the mapped rows with the template reader. A product with an error
 * on any of its rows is skipped as a whole (never half a product).
 */
export function validateMapped(
  mapping: ColumnMapping,
  rows: readonly (readonly string[])[],
  firstRow: number,
  extraErrors: readonly RowError[] = [],
): ValidationOutcome {
  const mapped = applyMapping(mapping, rows);
  const result = parseTemplateRows([...TEMPLATE_COLUMNS], mapped, { firstRow });
  // Cells the file reader could not turn into text (spreadsheet errors, bad serials) also make their product invalid.
  const badRows = new Set(extraErrors.map((e) => e.row));
  const lineIdx = TEMPLATE_COLUMNS.indexOf('product_line');
  const productIdx = TEMPLATE_COLUMNS.indexOf('product');
  const key = (line: string, product: string): string => `${line.trim()}\u0000${product.trim()}`;
  const badProducts = new Set<string>();
  mapped.forEach((cells, i) => {
    if (badRows.has(firstRow + i) && (cells[productIdx] ?? '').trim() !== '') badProducts.add(key(cells[lineIdx] ?? '', cells[productIdx] ?? ''));
  });
  const lineName = new Map(result.portfolio.lines.map((l) => [l.id, l.name]));
  const products = result.portfolio.products.filter((p) => !badProducts.has(key(lineName.get(p.lineId) ?? '', p.name)));
  const goodProducts = new Set(products.map((p) => key(lineName.get(p.lineId) ?? '', p.name)));
  const goodLines = new Set(result.portfolio.lines.map((l) => l.name.trim()));
  const allProducts = new Set<string>();
  let totalRows = 0;
  let importedRows = 0;
  mapped.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    totalRows++;
    const line = cells[lineIdx] ?? '';
    const product = cells[productIdx] ?? '';
    if (product.trim() !== '') allProducts.add(key(line, product));
    const ok = badRows.has(firstRow + i)
      ? false
      : product.trim() === '' ? goodLines.has(line.trim()) && !COMPONENT_COLUMNS.some((c) => (cells[TEMPLATE_COLUMNS.indexOf(c)] ?? '').trim() !== '')
        : goodProducts.has(key(line, product));
    if (ok) importedRows++;
  });
  const errors = [...extraErrors, ...result.errors].sort((a, b) => a.row - b.row);
  return {
    portfolio: { ...result.portfolio, products },
    errors,
    totalRows,
    importedRows,
    skippedRows: totalRows - importedRows,
    totalProducts: allProducts.size,
  };
}
