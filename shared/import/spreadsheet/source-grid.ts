/**
 * A spreadsheet file -> a grid of cells: CSV text (encoding and separator
 * detected, split by papaparse) or an .xlsx sheet (read under the workbook
 * limits, merged ranges filled from their top-left cell).
 */
import { formatNumber } from '../../format/format';
import Papa from 'papaparse';
import { MAX_TEMPLATE_CHARS } from '../../csv/columns';
import { readWorkbook, type WorkbookSheets } from '../../interop/xlsx-read';
import { fillMerges, type SheetCell } from '../../interop/xlsx-rows';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from '../../interop/xlsx-zip';
import { decodeText, detectSeparator, type TextEncodingName } from './encoding';

export type SourceCell = SheetCell;

export interface SourceGrid {
  kind: 'csv' | 'xlsx';
  /** rows[r][c]: sheet row r+1. */
  rows: SourceCell[][];
  encoding?: TextEncodingName;
  separator?: ',' | ';' | '\t';
  date1904: boolean;
  sheets?: string[];
  sheet?: string;
}

export type GridResult = { ok: true; grid: SourceGrid; workbook?: WorkbookSheets } | { ok: false; error: string };

export const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * Cuts CSV text into slices of about `size` characters that end at a line
 * break outside quotes, so that a quoted cell with a line break is never cut.
 */
export function recordSlices(text: string, size: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  let inQuotes = false;
  let scanned = 0;
  while (from < text.length) {
    let cut = -1;
    let i = Math.max(scanned, from);
    const target = from + size;
    for (; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) inQuotes = !inQuotes; // a doubled quote flips twice: parity stays right
      else if (ch === 10 && !inQuotes && i + 1 >= target) {
        cut = i + 1;
        break;
      }
    }
    scanned = i + 1;
    const to = cut < 0 ? text.length : cut;
    out.push([from, to]);
    from = to;
  }
  return out;
}

export interface Pace {
  signal?: AbortSignal;
  /** 0..1 */
  onProgress?: (fraction: number) => void;
  /** Characters per CSV slice; between slices the event loop runs (the screen shows progress, Cancel works). */
  sliceChars?: number;
}

/** Thrown when the signal aborts a read. */
export class SpreadsheetReadCancelled extends Error {
  override readonly name = 'SpreadsheetReadCancelled';
  constructor() {
    super('Reading the file was cancelled.');
  }
}

export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function csvGrid(bytes: Uint8Array, maxRows: number, pace: Pace = {}): Promise<GridResult> {
  if (bytes.length > MAX_TEMPLATE_CHARS * 2) {
    return { ok: false, error: `the file is larger than ${MAX_TEMPLATE_CHARS / 1024 / 1024} MB of text: split it into several files` };
  }
  const { text, encoding } = decodeText(bytes);
  if (text.length > MAX_TEMPLATE_CHARS) return { ok: false, error: `the file has more than ${MAX_TEMPLATE_CHARS / 1024 / 1024} MB of text: split it into several files` };
  if (text.trim() === '') return { ok: false, error: 'the file is empty' };
  // Many NULs: not text in this encoding (UTF-16 without its BOM, a binary file). A few are refused cell by cell, with their place.
  const nuls = text.split('\u0000').length - 1;
  if (nuls * 50 > Math.min(text.length, 4096)) return { ok: false, error: `the file holds NUL characters: it is not ${encoding} text (save it from the spreadsheet as CSV or .xlsx)` };
  const separator = detectSeparator(text);
  const rows: SourceCell[][] = [];
  let quoteError: number | null = null;
  for (const [from, to] of recordSlices(text, pace.sliceChars ?? 512 * 1024)) {
    const parsed = Papa.parse<string[]>(text.slice(from, to), { delimiter: separator, skipEmptyLines: false });
    // A slice ends with a line break, which papaparse reads as one more empty record.
    const data = to < text.length && parsed.data.length > 0 && isBlankRecord(parsed.data[parsed.data.length - 1]!) ? parsed.data.slice(0, -1) : parsed.data;
    if (quoteError === null) {
      const q = parsed.errors.find((e) => e.type === 'Quotes');
      if (q) quoteError = rows.length + (q.row ?? 0) + 1;
    }
    if (rows.length + data.length > maxRows) {
      return { ok: false, error: `the file has more than ${formatNumber(maxRows)} rows; at most ${formatNumber(maxRows)} are read: split it into several files` };
    }
    for (const record of data) rows.push(record.map((v) => (v === '' ? null : { t: 'string', v })));
    pace.onProgress?.(to / text.length);
    if (to < text.length) {
      await nextTurn();
      if (pace.signal?.aborted) throw new SpreadsheetReadCancelled();
    }
  }
  if (quoteError !== null) return { ok: false, error: `row ${quoteError}: a quoted cell is not closed (a " without its closing "), so the rest of the file cannot be split into cells` };
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === null)) rows.pop();
  return { ok: true, grid: { kind: 'csv', rows, encoding, separator, date1904: false } };
}

const isBlankRecord = (r: readonly string[]): boolean => r.length <= 1 && (r[0] ?? '') === '';

export function xlsxWorkbook(bytes: Uint8Array, limits?: Partial<XlsxLimits>): { ok: true; workbook: WorkbookSheets } | { ok: false; error: string } {
  return readWorkbook(bytes, { ...DEFAULT_XLSX_LIMITS, ...(limits ?? {}) });
}

export function sheetGrid(workbook: WorkbookSheets, name: string): SourceGrid | null {
  const sheet = workbook.sheets.get(name);
  if (!sheet) return null;
  return { kind: 'xlsx', rows: fillMerges(sheet), date1904: workbook.date1904, sheets: workbook.names, sheet: name };
}

/** The text a person sees in the cell (a date as YYYY-MM-DD, a boolean as TRUE/FALSE). */
export function cellText(cell: SourceCell | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 'string': return cell.v;
    case 'number': return String(cell.v);
    case 'boolean': return cell.v ? 'TRUE' : 'FALSE';
    case 'date': return cell.v;
    case 'error': return cell.v;
  }
}
