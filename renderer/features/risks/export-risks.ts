/**
 * Saves the risk register as a spreadsheet: CSV (one table: the risks, or the
 * controls) or an Excel workbook with both as sheets. The tables are built by
 * shared/risk/export-table.ts from the register as the Risks screen shows it
 * (the app's as-of date, rule packs and policy), and saved through the
 * platform's save dialog like every other export.
 */
import { tableToCsv, tableToSheetCells, riskRegisterTables } from '../../../shared/risk';
import { writeXlsxSheets, type ExcelJsModule } from '../../../shared/interop';
import type { SupportspanDb } from '../../db/database';
import { loadRiskRegisterData } from '../../db/repositories/risks';
import { computeRiskRegister } from '../../analysis/use-risk-register';
import { loadExcelJs } from '../../interop/exceljs-loader';
import type { Platform, SaveResult } from '../../platform/platform';

export interface RiskExportOptions {
  /** CSV only: which table (default the risks). */
  table?: 'risks' | 'controls';
  /** Default: the app's as-of date. */
  asOf?: string;
  /** Tests pass the Node build; default the app's lazily loaded browser build. */
  excel?: ExcelJsModule;
}

export interface RiskExportFile {
  suggestedName: string;
  mimeType: string;
  bytes: Uint8Array;
  filters: { name: string; extensions: string[] }[];
}

/** The file's name, type and bytes, without saving. */
export async function riskRegisterFile(db: SupportspanDb, format: 'csv' | 'xlsx', options: RiskExportOptions = {}): Promise<RiskExportFile> {
  const [register, data] = await Promise.all([computeRiskRegister(db, options.asOf), loadRiskRegisterData(db)]);
  const tables = riskRegisterTables(register, data.controls);
  const base = `risk-register-${register.asOf}`;
  if (format === 'csv') {
    const table = options.table === 'controls' ? tables.controls : tables.risks;
    return {
      suggestedName: `${base}-${options.table ?? 'risks'}.csv`,
      mimeType: 'text/csv',
      // A byte order mark: Excel needs it to read UTF-8.
      bytes: new TextEncoder().encode(tableToCsv(table, { bom: true })),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    };
  }
  const lib = options.excel ?? (await loadExcelJs());
  const bytes = await writeXlsxSheets(lib, [tables.risks, tables.controls].map((t) => ({ name: t.name, header: t.header, rows: tableToSheetCells(t) })));
  return {
    suggestedName: `${base}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes,
    filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  };
}

/** For a button: builds the file and opens the save dialog; resolves with what the platform saved (saved: false = cancelled). */
export async function exportRiskRegister(db: SupportspanDb, format: 'csv' | 'xlsx', platform: Pick<Platform, 'saveFile'>, options: RiskExportOptions = {}): Promise<SaveResult> {
  const file = await riskRegisterFile(db, format, options);
  return platform.saveFile({ suggestedName: file.suggestedName, bytes: file.bytes, mimeType: file.mimeType, filters: file.filters });
}
