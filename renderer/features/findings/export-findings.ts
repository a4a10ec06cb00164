/**
 * Saves findings as a spreadsheet: the findings a list shows (its filters
 * applied), as an Excel workbook (sheets "Findings" and "Summary") or CSV.
 * The table is shared/report/findings-table.ts, the same the command line
 * writes from a bundle; files go out through the platform's save dialog.
 */
import type { DecidedFinding, RulePack } from '../../../shared/engine';
import type { ExcelJsModule } from '../../../shared/interop';
import { CSV_MIME, findingsCsv, findingsXlsx, provisionTitles, reportFileStem, XLSX_MIME, type ReportSource } from '../../../shared/report';
import { loadExcelJs } from '../../interop/exceljs-loader';
import type { FileFilter, Platform, SaveResult } from '../../platform/platform';
import { describeFilter, groupFindings, isFiltered, type FindingFilter } from './finding-filters';

export interface FindingsExportInput {
  /** The findings shown, in the order shown. */
  findings: readonly DecidedFinding[];
  /** How many findings the list has before its filters. */
  total: number;
  filter: FindingFilter;
  asOf: string;
  /** "Portfolio", "Product: Washer W1". */
  scope: string;
  /** The rule packs of the analysis, for provision titles. */
  rulePacks: readonly RulePack[];
}

export interface FindingsExportFile {
  suggestedName: string;
  mimeType: string;
  bytes: Uint8Array;
  filters: FileFilter[];
}

function sourceOf(input: FindingsExportInput): ReportSource {
  const filtered = isFiltered(input.filter) || input.findings.length !== input.total;
  const filter = describeFilter(input.filter);
  return {
    scope: input.scope,
    asOf: input.asOf,
    kind: 'workspace',
    ...(filtered ? { totalFindings: input.total, filter: filter ?? 'filtered' } : {}),
  };
}

export async function findingsExportFile(input: FindingsExportInput, format: 'xlsx' | 'csv', excel?: ExcelJsModule): Promise<FindingsExportFile> {
  const options = { provisionTitles: provisionTitles(input.rulePacks) };
  // In the order the list shows them: by severity, then kind.
  const findings = groupFindings(input.findings).flatMap((g) => g.findings);
  const stem = reportFileStem(input.scope, input.asOf);
  if (format === 'csv') {
    return { suggestedName: `${stem}.csv`, mimeType: CSV_MIME, bytes: new TextEncoder().encode(findingsCsv(findings, options)), filters: [{ name: 'CSV', extensions: ['csv'] }] };
  }
  const lib = excel ?? (await loadExcelJs());
  return {
    suggestedName: `${stem}.xlsx`,
    mimeType: XLSX_MIME,
    bytes: await findingsXlsx(lib, findings, sourceOf(input), options),
    filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  };
}

/** Builds the file and opens the save dialog; resolves with what the platform saved (saved: false = cancelled). */
export async function exportFindings(input: FindingsExportInput, format: 'xlsx' | 'csv', platform: Pick<Platform, 'saveFile'>, excel?: ExcelJsModule): Promise<SaveResult> {
  const file = await findingsExportFile(input, format, excel);
  return platform.saveFile({ suggestedName: file.suggestedName, bytes: file.bytes, mimeType: file.mimeType, filters: file.filters });
}
