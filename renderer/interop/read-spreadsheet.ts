/**
 * Reads a picked CSV or .xlsx file into a header and text rows for the
 * mapping screen. CSV text is split by papaparse in chunks, yielding to the
 * event loop between chunks so the screen can show progress and a Cancel
 * button that works; .xlsx goes through ExcelJS (loaded lazily) and the shared
 * grid reader (merged cells, Excel serial dates, header below title rows).
 *
 * Parsing runs on the main thread in chunks rather than in a Worker: the
 * template's size limit (32 MiB of text) parses in well under a few seconds,
 * and the chunks keep the page responsive.
 */
import Papa from 'papaparse';
import { detectDelimiter, MAX_TEMPLATE_CHARS, type RowError } from '../../shared/csv';
import { gridToTemplateRows, readXlsx } from '../../shared/interop';
import { loadExcelJs } from './exceljs-loader';

export interface SourceTable {
  kind: 'csv' | 'xlsx';
  fileName: string;
  header: string[];
  rows: string[][];
  /** Spreadsheet row number of rows[0]. */
  firstRow: number;
  /** Cells the reader could not turn into text (spreadsheet errors, impossible serial dates). */
  cellErrors: RowError[];
  warnings: string[];
  /** The CSV delimiter found (`;` from European Excel), for the screen to say. */
  delimiter?: ',' | ';';
}

export type ReadResult = { ok: true; table: SourceTable } | { ok: false; error: string };

export class ReadCancelledError extends Error {
  override readonly name = 'ReadCancelledError';
  constructor() {
    super('Reading the file was cancelled.');
  }
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** 0..1 */
  onProgress?: (fraction: number) => void;
  /** Characters per CSV chunk (tests use small chunks to exercise cancelling). */
  chunkChars?: number;
}

const isXlsx = (name: string, bytes: Uint8Array): boolean =>
  /\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);

const isBlankRecord = (r: readonly string[]): boolean => r.length <= 1 && (r[0] ?? '') === '';

/**
 * Cuts CSV text into slices of about `size` characters that end at a line
 * break outside quotes, so that a quoted cell with a line break is never cut
 * (papaparse's own chunking of strings misreads such cells at chunk edges).
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

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export async function readSpreadsheet(file: { name: string; bytes: Uint8Array }, options: ReadOptions = {}): Promise<ReadResult> {
  const { signal, onProgress } = options;
  if (signal?.aborted) throw new ReadCancelledError();
  if (isXlsx(file.name, file.bytes)) {
    const lib = await loadExcelJs();
    if (signal?.aborted) throw new ReadCancelledError();
    onProgress?.(0.2);
    const first = await readXlsx(lib, file.bytes);
    if (signal?.aborted) throw new ReadCancelledError();
    if (!first.ok) return { ok: false, error: `${file.name}: ${first.error}` };
    // The template may sit on any sheet (a notes or cover sheet often comes first): take the first that has its header.
    let read = first;
    let rows = gridToTemplateRows(first.grid);
    for (const name of first.sheetNames.slice(1)) {
      if (rows.header !== null) break;
      const next = await readXlsx(lib, file.bytes, { sheet: name });
      if (signal?.aborted) throw new ReadCancelledError();
      if (!next.ok) continue;
      const nextRows = gridToTemplateRows(next.grid);
      if (nextRows.header !== null) {
        read = next;
        rows = nextRows;
      }
    }
    onProgress?.(1);
    if (rows.header === null) {
      return { ok: false, error: `${file.name}: no sheet has a header row with the template columns (product, component, …) in its first 30 rows (sheets: ${first.sheetNames.join(', ')})` };
    }
    const others = first.sheetNames.filter((n) => n !== read.grid.name);
    return {
      ok: true,
      table: {
        kind: 'xlsx', fileName: file.name, header: rows.header, rows: rows.rows, firstRow: rows.firstRow,
        cellErrors: rows.errors,
        warnings: [...rows.warnings, ...(others.length > 0 ? [`sheet "${read.grid.name}" is read; other sheets (${others.join(', ')}) are not`] : [])],
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, error: `${file.name}: the file is not UTF-8 text. Save it from the spreadsheet as "CSV UTF-8" or as .xlsx.` };
  }
  text = text.replace(/^\ufeff/, '');
  if (text.length > MAX_TEMPLATE_CHARS) return { ok: false, error: `${file.name}: larger than ${MAX_TEMPLATE_CHARS / 1024 / 1024} MB of text` };
  if (text.trim() === '') return { ok: false, error: `${file.name}: the file is empty` };
  const delimiter = detectDelimiter(text);
  const all: string[][] = [];
  const parseErrors: RowError[] = [];
  const chunkChars = options.chunkChars ?? 512 * 1024;
  for (const [from, to] of recordSlices(text, chunkChars)) {
    const result = Papa.parse<string[]>(text.slice(from, to), { delimiter, skipEmptyLines: false });
    const offset = all.length;
    // A slice ends with a line break, which Papa reads as one more empty record.
    const data = to < text.length && result.data.length > 0 && isBlankRecord(result.data[result.data.length - 1]!) ? result.data.slice(0, -1) : result.data;
    all.push(...data);
    for (const e of result.errors) {
      if (e.code === 'UndetectableDelimiter') continue;
      parseErrors.push({ row: offset + (e.row ?? 0) + 1, column: null, reason: e.message });
    }
    onProgress?.(to / text.length);
    await yieldToEventLoop();
    if (signal?.aborted) throw new ReadCancelledError();
  }
  if (signal?.aborted) throw new ReadCancelledError();
  while (all.length > 1 && all[all.length - 1]!.every((c) => c.trim() === '')) all.pop();
  const [header = [], ...rows] = all;
  if (parseErrors.length > 0 && parseErrors.some((e) => /quote/i.test(e.reason))) {
    // A quote left open swallows the rest of the file: reading on would report nonsense per row.
    return { ok: false, error: `${file.name}: ${parseErrors.map((e) => `row ${e.row}: ${e.reason}`).slice(0, 5).join('; ')}` };
  }
  onProgress?.(1);
  return {
    ok: true,
    table: { kind: 'csv', fileName: file.name, header: header.map((h) => h.trim()), rows, firstRow: 2, cellErrors: [], warnings: [], delimiter },
  };
}
