/**
 * The XLSX library seam: reads a workbook into a `SheetGrid` and writes typed
 * cells as a workbook, with ExcelJS (see docs/interop.md for why ExcelJS).
 *
 * The library module is passed in rather than imported: ExcelJS's Node entry
 * needs Node streams, its browser build (`exceljs/dist/exceljs.min.js`,
 * chosen by bundlers through the package's `browser` field) does not. Shared
 * code stays free of either; the renderer passes the browser build, tests and
 * the CLI the Node one. Only types are imported here.
 */
import type * as ExcelJSTypes from 'exceljs';
import type { CellRange, SheetCell, SheetGrid } from './xlsx-rows';

export type ExcelJsModule = Pick<typeof ExcelJSTypes, 'Workbook'>;

/** Largest workbook accepted (compressed bytes); the template for 100k components is ~5 MB. */
export const MAX_XLSX_BYTES = 50 * 1024 * 1024;
export const MAX_SHEET_ROWS = 200_000;
export const MAX_SHEET_COLUMNS = 200;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `B3:D7` -> 0-based inclusive range. */
export function parseRange(ref: string): CellRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.trim().toUpperCase());
  if (!m) return null;
  const left = colNumber(m[1]!) - 1;
  const top = Number(m[2]) - 1;
  const right = m[3] ? colNumber(m[3]) - 1 : left;
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** A Date from ExcelJS is midnight UTC of the cell's day. */
const dateToIso = (d: Date): string => d.toISOString().slice(0, 10);

function toCell(value: unknown): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : { t: 'string', v: value };
  if (typeof value === 'number') return { t: 'number', v: value };
  if (typeof value === 'boolean') return { t: 'boolean', v: value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { t: 'error', v: '#DATE' } : { t: 'date', v: dateToIso(value) };
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return { t: 'string', v: (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('') };
    }
    // A formula: its cached result, as Excel last computed it.
    if ('formula' in o || 'sharedFormula' in o) return toCell(o.result);
    if (typeof o.error === 'string') return { t: 'error', v: o.error };
    if (typeof o.text === 'string') return { t: 'string', v: o.text }; // hyperlink
  }
  return { t: 'error', v: '#UNSUPPORTED' };
}

export interface ReadXlsxOptions {
  /** Sheet name; default the first sheet. */
  sheet?: string;
}

export type ReadXlsxResult = { ok: true; grid: SheetGrid; sheetNames: string[] } | { ok: false; error: string };

export async function readXlsx(lib: ExcelJsModule, data: ArrayBuffer | Uint8Array, options: ReadXlsxOptions = {}): Promise<ReadXlsxResult> {
  if (data.byteLength > MAX_XLSX_BYTES) return { ok: false, error: `the workbook is larger than ${MAX_XLSX_BYTES / 1024 / 1024} MB` };
  const workbook = new lib.Workbook();
  try {
    // ExcelJS accepts an ArrayBuffer or Uint8Array in the browser and a Buffer-compatible Uint8Array in Node.
    await workbook.xlsx.load(data as never);
  } catch (e) {
    return { ok: false, error: `not a readable .xlsx workbook (${(e as Error).message})` };
  }
  const sheetNames = workbook.worksheets.map((w) => w.name);
  const sheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (!sheet) {
    return { ok: false, error: options.sheet === undefined ? 'the workbook has no sheet' : `no sheet named "${options.sheet}" (sheets: ${sheetNames.join(', ')})` };
  }
  if (sheet.rowCount > MAX_SHEET_ROWS) return { ok: false, error: `sheet "${sheet.name}" has ${sheet.rowCount} rows; at most ${MAX_SHEET_ROWS} are read` };
  const rows: SheetCell[][] = [];
  let tooWide = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (colNumber > MAX_SHEET_COLUMNS) {
        tooWide = true;
        return;
      }
      // Merged cells other than the top-left one are filled from the merge list.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[colNumber - 1] = toCell(cell.value);
    });
    rows[rowNumber - 1] = cells;
  });
  if (tooWide) return { ok: false, error: `sheet "${sheet.name}" has more than ${MAX_SHEET_COLUMNS} columns` };
  const merges = ((sheet.model as { merges?: string[] }).merges ?? []).map(parseRange).filter((r): r is CellRange => r !== null);
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  return { ok: true, grid: { name: sheet.name, rows, merges, date1904 }, sheetNames };
}

export interface WriteXlsxOptions {
  sheetName?: string;
  /** Fixed, for reproducible files (default 2000-01-01: the library would otherwise stamp "now"). */
  created?: Date;
}

/** Header row + typed cells -> `.xlsx` bytes. Date cells get the format yyyy-mm-dd. */
export async function writeXlsx(lib: ExcelJsModule, header: readonly string[], rows: readonly SheetCell[][], options: WriteXlsxOptions = {}): Promise<Uint8Array> {
  return writeXlsxSheets(lib, [{ name: options.sheetName ?? 'Portfolio', header, rows }], options);
}

export interface XlsxSheet {
  name: string;
  header: readonly string[];
  rows: readonly SheetCell[][];
  /** Column widths in characters; default from the header's length (12 to 40). */
  widths?: readonly number[];
  /** A filter on the header row over every column and row. */
  autoFilter?: boolean;
}

/** Several sheets in one workbook, each written as `writeXlsx` writes its one. */
export async function writeXlsxSheets(lib: ExcelJsModule, sheets: readonly XlsxSheet[], options: Omit<WriteXlsxOptions, 'sheetName'> = {}): Promise<Uint8Array> {
  const workbook = new lib.Workbook();
  const stamp = options.created ?? new Date(Date.UTC(2000, 0, 1));
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.creator = 'Supportspan';
  for (const { name, header, rows, widths, autoFilter } of sheets) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow([...header]).font = { bold: true };
    for (const cells of rows) {
      const values = cells.map((c) => {
        if (!c) return null;
        if (c.t === 'date') return new Date(`${c.v}T00:00:00Z`);
        return c.v;
      });
      const row = sheet.addRow(values);
      cells.forEach((c, i) => {
        if (c?.t === 'date') row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
        // Text that looks like a number or date stays text in Excel.
        else if (c?.t === 'string') row.getCell(i + 1).numFmt = '@';
      });
    }
    header.forEach((h, i) => {
      sheet.getColumn(i + 1).width = widths?.[i] ?? Math.max(12, Math.min(40, h.length + 2));
    });
    if (autoFilter && header.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: header.length } };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
