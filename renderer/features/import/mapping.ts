/**
 * The mapping screen's state: the choices a person makes on top of what the
 * reader detected (header row, sheet, conventions, column targets, value
 * meanings, date order, fixed cells), passed back to the reader on every
 * change, so the check below always shows what would be imported.
 */
import { TEMPLATE_COLUMNS, type TemplateColumn } from '../../../shared/csv';
import type { DateOrder, EnumColumn, ImportProfile } from '../../../shared/import/spreadsheet';
import type { SpreadsheetReadOptions, SpreadsheetReadResult } from '../../interop/read-spreadsheet';

export interface MappingChoices {
  headerRow?: number;
  sheet?: string;
  locale: 'auto' | 'en' | 'de';
  columnMap: Record<number, TemplateColumn | null>;
  enumMap: Partial<Record<EnumColumn, Record<string, string>>>;
  dateOrder: Partial<Record<TemplateColumn, DateOrder>>;
  edits: Record<string, string>;
  profile?: ImportProfile;
}

export const NO_CHOICES: MappingChoices = { locale: 'auto', columnMap: {}, enumMap: {}, dateOrder: {}, edits: {} };

export function readOptions(choices: MappingChoices): SpreadsheetReadOptions {
  const o: SpreadsheetReadOptions = {
    locale: choices.locale, columnMap: choices.columnMap, enumMap: choices.enumMap, dateOrder: choices.dateOrder, edits: choices.edits,
  };
  if (choices.headerRow !== undefined) o.headerRow = choices.headerRow;
  if (choices.sheet !== undefined) o.sheet = choices.sheet;
  if (choices.profile !== undefined) o.profile = choices.profile;
  return o;
}

export const editKey = (row: number, col: number): string => `${row}:${col}`;

/** The template columns the file feeds (the import leaves other fields of existing records alone). */
export function mappedColumns(result: SpreadsheetReadResult): Set<TemplateColumn> {
  return new Set(result.columns.map((c) => c.column).filter((c): c is TemplateColumn => c !== null));
}

export const TARGETS: readonly TemplateColumn[] = TEMPLATE_COLUMNS;

export interface CheckSummary {
  dataRows: number;
  rowsWithErrors: number;
  products: number;
  components: number;
}

export function checkSummary(result: SpreadsheetReadResult): CheckSummary {
  return {
    dataRows: result.rows.length,
    rowsWithErrors: result.rowsWithErrors.length,
    products: result.portfolio.products.length,
    components: result.portfolio.products.reduce((n, p) => n + p.components.length, 0),
  };
}
