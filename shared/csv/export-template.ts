/**
 * Writes a Portfolio as the spreadsheet template (the inverse of
 * parseTemplateCsv for every field the template has; ids are not written, they
 * are derived from names again on import).
 */
import Papa from 'papaparse';
import type { Component, Portfolio, Product, ProductLine } from '../domain/schemas';
import { TEMPLATE_COLUMNS } from './columns';
import type { TemplateColumn } from './columns';
import { neutralizeFormula } from '../text/formula';

export interface TemplateExportOptions {
  delimiter?: ',' | ';';
  /**
   * Prefix cells a spreadsheet could run as a formula with a quote
   * (shared/text/formula.ts; default true). Such a cell then reads back with the quote.
   */
  escapeFormulae?: boolean;
  /** Start with a byte order mark, which Excel needs to detect UTF-8 (default false). */
  bom?: boolean;
}

type Row = Record<TemplateColumn, string>;

const text = (v: string | null | undefined): string => v ?? '';
const num = (v: number | null): string => (v === null ? '' : String(v));
const yesNo = (v: boolean | null): string => (v === null ? '' : v ? 'yes' : 'no');

function lineCells(line: ProductLine): Pick<Row, 'product_line' | 'environment'> {
  return { product_line: line.name, environment: line.environment };
}

function productCells(p: Product): Partial<Row> {
  return {
    product: p.name,
    sku: p.sku,
    category: p.category,
    markets: p.markets.join(';'),
    first_placed_on_market: text(p.firstPlacedOnMarket),
    last_placed_on_market: text(p.lastPlacedOnMarket),
    expected_use_years: num(p.expectedUseYears),
    declared_support_end: text(p.declaredSupportEnd),
    units_per_year: num(p.unitsPerYear),
    product_notes: text(p.notes),
    // scope columns
    sold_to_consumers: text(p.soldToConsumers),
    sector_regulation: text(p.sectorRegulation),
    planned_last_placed: text(p.plannedLastPlaced),
  };
}

function componentCells(c: Component | null): Partial<Row> {
  if (!c) return {};
  return {
    component: c.name,
    class: c.class,
    role: c.role,
    supplier: c.supplier,
    version: c.version,
    core: yesNo(c.core),
    security_support_end: text(c.securitySupportEnd),
    update_mechanism: text(c.updateMechanism),
    expected_life_years: num(c.expectedLifeYears),
    field_replaceable: text(c.fieldReplaceable),
    spare_parts_until: text(c.sparePartsUntil),
    repair_docs: yesNo(c.repairDocs),
    expires: text(c.expires),
    purl: text(c.purl),
    cpe: text(c.cpe),
    component_notes: text(c.notes),
    on_shutdown: text(c.onShutdown),
  };
}

/** Rows in template column order: lines in order, each line's products in order, one row per component. */
export function portfolioToRows(portfolio: Pick<Portfolio, 'lines' | 'products'>): string[][] {
  const byLine = new Map<string, Product[]>();
  for (const line of portfolio.lines) byLine.set(line.id, []);
  for (const product of portfolio.products) {
    const list = byLine.get(product.lineId);
    if (!list) throw new Error(`product "${product.name}" refers to product line ${product.lineId}, which is not in the portfolio`);
    list.push(product);
  }
  const rows: string[][] = [];
  const push = (cells: Partial<Row>): void => {
    rows.push(TEMPLATE_COLUMNS.map((c) => cells[c] ?? ''));
  };
  for (const line of portfolio.lines) {
    const products = byLine.get(line.id) ?? [];
    if (products.length === 0) push(lineCells(line));
    for (const product of products) {
      const base = { ...lineCells(line), ...productCells(product) };
      if (product.components.length === 0) push(base);
      for (const component of product.components) push({ ...base, ...componentCells(component) });
    }
  }
  return rows;
}

export function portfolioToCsv(portfolio: Pick<Portfolio, 'lines' | 'products'>, options: TemplateExportOptions = {}): string {
  const rows = portfolioToRows(portfolio);
  const data = options.escapeFormulae ?? true ? rows.map((row) => row.map(neutralizeFormula)) : rows;
  const csv = Papa.unparse(
    { fields: [...TEMPLATE_COLUMNS], data },
    { delimiter: options.delimiter ?? ',', newline: '\r\n', escapeFormulae: false },
  );
  return (options.bom ? '\ufeff' : '') + csv + '\r\n';
}
