/**
 * The findings report as files: an Excel workbook (sheet "Findings" with date
 * cells, a frozen header, a filter and column widths, and a sheet "Summary")
 * and a CSV of the findings table. Both are written from the cells of
 * findings-table.ts, so they carry the same values; the PDF is findings-pdf.ts.
 */
import { writeXlsxSheets, type ExcelJsModule } from '../interop/xlsx-workbook';
import { tableToCsv, tableToSheetCells } from '../risk/export-table';
import { findingColumnWidths, findingsSummaryTable, findingsTable, type ExtraFindingColumn, type ReportFinding, type ReportSource } from './findings-table';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv';

export interface FindingsFileOptions {
  provisionTitles?: ReadonlyMap<string, string>;
  /** Columns after the standard ones (auditor mode: the review status and note). */
  extraColumns?: readonly ExtraFindingColumn[];
}

export async function findingsXlsx(lib: ExcelJsModule, findings: readonly ReportFinding[], source: ReportSource, options: FindingsFileOptions = {}): Promise<Uint8Array> {
  const table = findingsTable(findings, options);
  const summary = findingsSummaryTable(findings, source);
  return writeXlsxSheets(lib, [
    { name: table.name, header: table.header, rows: tableToSheetCells(table), widths: findingColumnWidths(table.header), autoFilter: true },
    { name: summary.name, header: summary.header, rows: tableToSheetCells(summary), widths: [14, 40, 30, 10, 10, 10] },
  ]);
}

/** CSV of the findings table: ISO dates, text guarded against formulas, a byte order mark for Excel. */
export function findingsCsv(findings: readonly ReportFinding[], options: FindingsFileOptions = {}): string {
  return tableToCsv(findingsTable(findings, options), { bom: true });
}

/** A file name part from a scope: letters, digits and dashes only. */
export function reportFileStem(scope: string, asOf: string): string {
  const slug = scope.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40);
  return `findings-${slug || 'report'}-${asOf}`;
}
