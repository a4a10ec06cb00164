/**
 * The readers behind `read-input.ts`, one per input format, all returning the
 * shared `PortfolioReadResult`. The spreadsheet and CycloneDX readers here
 * adapt the app's current readers (template header found below title rows,
 * template columns only; CycloneDX JSON 1.4–1.6) until the full readers in
 * `shared/import/spreadsheet` and `shared/interop/cyclonedx` take their
 * place in the table of `read-input.ts`.
 */
import Papa from 'papaparse';
import { parseTemplateRows, TEMPLATE_COLUMNS, type RowError } from '../../shared/csv';
import { portfolioSchema, type Portfolio } from '../../shared/domain/schemas';
import type { ConversionNote, InputFormat, PortfolioReadOptions, PortfolioReadResult } from '../../shared/import/input';
import { readCycloneDx } from '../../shared/interop/cyclonedx';
import { DATE_COLUMNS, gridToTemplateRows, NUMBER_COLUMNS, type SheetCell, type SheetGrid } from '../../shared/interop/xlsx-rows';
import { readXlsx } from '../../shared/interop/xlsx-workbook';
import { stableId } from '../../shared/csv';
import { verifyBundle } from '../../shared/bundle';

export type InputReader = (bytes: Uint8Array, fileName: string, options: PortfolioReadOptions) => PortfolioReadResult | Promise<PortfolioReadResult>;

const EMPTY = (): Portfolio => ({ lines: [], products: [], decisions: [] });
const refuseAll = (format: InputFormat, errors: RowError[], details: string[] = []): PortfolioReadResult => ({
  format, portfolio: EMPTY(), notes: [], errors, details,
});
const refuse = (format: InputFormat, reason: string, details: string[] = []): PortfolioReadResult => refuseAll(format, [{ row: 0, column: null, reason }], details);
const unsheeted = (e: RowError): RowError => ({ ...e, reason: e.reason.replace(/^sheet "[^"]*": /, '') });

/* ------------------------------------------------------------- text */

export interface DecodedText { text: string; encoding: string }

/** UTF-8 (with or without BOM) or UTF-16 with BOM; anything else that is not UTF-8 is read as Windows-1252 (Excel's "CSV"). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 with BOM' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16 LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16 BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/* ------------------------------------------------------- spreadsheets */

/** Header text as import profiles key it: lower case, umlauts spelled out, accents, punctuation and spacing folded. */
function foldHeader(text: string): string {
  return text.replace(/^\ufeff/, '').toLowerCase().replace(/ß/g, 'ss').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * A saved import profile (`format: "supportspan-import-profile"`) as far as
 * this reader applies it: its `columns`, folded header text -> template
 * column (null: a column deliberately ignored, left as it is here).
 */
function profileColumns(profile: unknown): Map<string, string> | string {
  if (profile === undefined) return new Map();
  const p = profile as { format?: unknown; columns?: unknown } | null;
  if (p?.format !== undefined && p.format !== 'supportspan-import-profile') return 'not a Supportspan import profile (format is not "supportspan-import-profile")';
  const columns = p?.columns;
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns)) return 'not a Supportspan import profile (it has no "columns" object: header in the file -> template column)';
  const out = new Map<string, string>();
  for (const [from, to] of Object.entries(columns)) {
    if (to === null) continue;
    if (typeof to !== 'string' || !(TEMPLATE_COLUMNS as readonly string[]).includes(to)) {
      return `not a Supportspan import profile (it maps "${from}" to ${JSON.stringify(to)}, which is not a template column)`;
    }
    out.set(foldHeader(from), to);
  }
  return out;
}

/** German conventions, only when asked for with `--locale de`: `31.12.2030`, `12.2030`, `12,5`, `40.000`. */
function convertGerman(column: string, value: string): { value: string; reason: string } | null {
  const v = value.trim();
  if (DATE_COLUMNS.has(column)) {
    const day = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
    if (day) return { value: `${day[3]}-${day[2]!.padStart(2, '0')}-${day[1]!.padStart(2, '0')}`, reason: 'German date DD.MM.YYYY' };
    const month = /^(\d{1,2})\.(\d{4})$/.exec(v);
    if (month) return { value: `${month[2]}-${month[1]!.padStart(2, '0')}`, reason: 'German month MM.YYYY' };
  }
  if (NUMBER_COLUMNS.has(column) && /^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+,\d+$/.test(v) && /[.,]/.test(v)) {
    return { value: v.replace(/\./g, '').replace(',', '.'), reason: 'German number (decimal comma, thousands dot)' };
  }
  return null;
}

/** The profile's header names, in the rows where a header may be, become template columns (before the header is looked for). */
function applyProfileToGrid(grid: SheetGrid, profile: unknown): SheetGrid {
  const mapping = profileColumns(profile);
  if (typeof mapping === 'string' || mapping.size === 0) return grid;
  const rows = grid.rows.map((r, i) => (i >= 30 || !r ? r : r.map((c) => {
    if (c?.t !== 'string') return c;
    const to = mapping.get(foldHeader(c.v));
    return to ? { t: 'string' as const, v: to } : c;
  })));
  return { ...grid, rows };
}

interface TemplateInput { header: string[]; rows: string[][]; firstRow: number; errors: RowError[]; details: string[] }

/** Template rows -> portfolio, with the profile, the locale and (lenient) unreadable cells left empty, every change a note. */
function readTemplateRows(format: InputFormat, input: TemplateInput, options: PortfolioReadOptions): PortfolioReadResult {
  const notes: ConversionNote[] = [];
  const details = [...input.details];
  const mapping = profileColumns(options.profile);
  if (typeof mapping === 'string') return refuse(format, mapping, details);
  const header = input.header.map((h) => mapping.get(foldHeader(h)) ?? h);
  if (mapping.size > 0) details.push(`import profile applied: ${[...mapping].map(([a, b]) => `${a} -> ${b}`).join(', ')}`);
  const rows = input.rows.map((r) => [...r]);
  if (options.locale === 'de') {
    details.push('German conventions (--locale de)');
    rows.forEach((row, i) => row.forEach((cell, c) => {
      const column = header[c];
      const converted = column ? convertGerman(column, cell) : null;
      if (converted && column) {
        notes.push({ row: input.firstRow + i, column, original: cell, understoodAs: converted.value, reason: converted.reason });
        row[c] = converted.value;
      }
    }));
  }
  const isCell = (e: RowError): boolean => e.row >= input.firstRow && e.column !== null && header.includes(e.column);
  const kept: RowError[] = [];
  for (const e of input.errors) {
    // The grid reader already left these cells empty (error cells, impossible serials).
    if (options.lenient && isCell(e)) notes.push({ row: e.row, column: e.column, original: e.value ?? '', understoodAs: 'unknown (left empty)', reason: e.reason });
    else kept.push(e);
  }
  let result = parseTemplateRows(header, rows, { firstRow: input.firstRow });
  if (options.lenient) {
    // Leave each unreadable cell empty (unknown) and read again; a problem that is not a filled cell stays a problem.
    for (let pass = 0; pass < 3; pass++) {
      let changed = false;
      for (const e of result.errors) {
        if (!isCell(e)) continue;
        const c = header.indexOf(e.column!);
        const row = rows[e.row - input.firstRow];
        if (!row || (row[c] ?? '').trim() === '') continue;
        notes.push({ row: e.row, column: e.column, original: row[c]!, understoodAs: 'unknown (left empty)', reason: e.reason });
        row[c] = '';
        changed = true;
      }
      if (!changed) break;
      result = parseTemplateRows(header, rows, { firstRow: input.firstRow });
    }
  }
  return { format, portfolio: result.portfolio, notes, errors: [...kept, ...result.errors], details };
}

function gridFromCsv(text: string, name: string): { grid: SheetGrid; errors: RowError[]; delimiter: string } {
  const delimiter = detectDelimiterInRows(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  const errors: RowError[] = parsed.errors.map((e) => ({ row: typeof e.row === 'number' ? e.row + 1 : 0, column: null, reason: `the CSV is malformed: ${e.message}` }));
  const rows: SheetCell[][] = parsed.data.map((r) => r.map((v) => (v === '' ? null : { t: 'string', v })));
  return { grid: { name, rows, merges: [], date1904: false }, errors, delimiter };
}

/** The delimiter of the row with the most fields among the first ten (a title row above the header has none). */
function detectDelimiterInRows(text: string): ',' | ';' | '\t' {
  const lines = text.split(/\r?\n/, 10);
  let best: ',' | ';' | '\t' = ',';
  let most = 0;
  for (const d of [',', ';', '\t'] as const) {
    const n = Math.max(0, ...lines.map((l) => l.split(d).length - 1));
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

const readCsvInput: InputReader = (bytes, fileName, options) => {
  const { text, encoding } = decodeText(bytes);
  const { grid, errors, delimiter } = gridFromCsv(text, fileName);
  const found = gridToTemplateRows(applyProfileToGrid(grid, options.profile));
  if (found.header === null) return refuseAll('csv', found.errors.map(unsheeted), [`encoding ${encoding}`]);
  const format: InputFormat = found.firstRow === 2 && found.header.every((h) => (TEMPLATE_COLUMNS as readonly string[]).includes(h)) ? 'csv-template' : 'csv';
  const details = [`encoding ${encoding}`, `delimiter ${delimiter === '\t' ? 'tab' : delimiter}`, `header on row ${found.firstRow - 1}`];
  const read = readTemplateRows(format, { header: found.header, rows: found.rows, firstRow: found.firstRow, errors: [...errors, ...found.errors], details }, options);
  if (encoding === 'Windows-1252') read.notes.unshift({ row: null, column: null, original: '', understoodAs: '', reason: 'the file is not UTF-8: read as Windows-1252 (Excel\'s "CSV" on Western-European Windows)' });
  return read;
};

const readXlsxInput: InputReader = async (bytes, _fileName, options) => {
  const ExcelJS = (await import('exceljs')).default;
  let book = await readXlsx(ExcelJS, bytes);
  // The library's own error text is not for users.
  if (!book.ok) return refuse('xlsx', book.error.startsWith('not a readable') ? 'not a readable .xlsx workbook' : book.error);
  let found = gridToTemplateRows(applyProfileToGrid(book.grid, options.profile));
  // The first sheet with the template's header (a workbook often opens with a notes or cover sheet).
  for (const sheet of book.sheetNames.slice(1)) {
    if (found.header !== null) break;
    const next = await readXlsx(ExcelJS, bytes, { sheet });
    if (!next.ok) continue;
    const rows = gridToTemplateRows(applyProfileToGrid(next.grid, options.profile));
    if (rows.header !== null) {
      book = next;
      found = rows;
    }
  }
  if (found.header === null) return refuseAll('xlsx', [{ row: 0, column: null, reason: `no sheet (${book.sheetNames.join(', ')}) has a header row with the template columns (product, component, …)` }]);
  const details = [`sheet ${book.grid.name}${book.sheetNames.length > 1 ? ` (of ${book.sheetNames.join(', ')})` : ''}`, `header on row ${found.firstRow - 1}`, ...found.warnings];
  return readTemplateRows('xlsx', { header: found.header, rows: found.rows, firstRow: found.firstRow, errors: found.errors, details }, options);
};

/* ----------------------------------------------------------- CycloneDX */

/** CycloneDX 1.2–1.7, JSON or XML, checked against its version's official schema; ids stable from run to run. */
export const readCycloneDxInput: InputReader = (bytes, fileName, options) =>
  readCycloneDx(bytes, fileName, { ...options, newId: sequentialIds(fileName) });

/** CSV or XLSX (a zip), as the app's current spreadsheet import reads them: the template's columns, its header found below title rows. */
export const readSpreadsheetInterim: InputReader = (bytes, fileName, options) => {
  const xlsx = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const profile = profileColumns(options.profile);
  if (typeof profile === 'string') return refuse(xlsx ? 'xlsx' : 'csv', profile);
  return (xlsx ? readXlsxInput : readCsvInput)(bytes, fileName, options);
};


/** Ids that are the same on every run, so that two runs on one file print the same output. */
function sequentialIds(seed: string): () => string {
  let n = 0;
  return () => stableId(`c${++n}`, `${seed}\u0000${n}`);
}

/* ------------------------------------------------ bundles and JSON */

export const readBundleInput: InputReader = async (bytes) => {
  const v = await verifyBundle(bytes, { trustedFingerprints: [] });
  if (v.state === 'invalid' || !v.bundle) return refuse('bundle', `the bundle ${v.unreadable ? 'cannot be read' : 'is invalid'}: ${v.reasons.join('; ')}`);
  return { format: 'bundle', portfolio: v.bundle.portfolio, notes: [], errors: [], details: [`bundle ${v.state}`] };
};

/** What `convert --format json` writes: the domain's portfolio schema, checked field by field. */
export const readPortfolioJsonInput: InputReader = (bytes) => {
  const { text } = decodeText(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('portfolio-json', 'not valid JSON');
  }
  const parsed = portfolioSchema.safeParse(json);
  if (!parsed.success) {
    return refuseAll('portfolio-json', parsed.error.issues.slice(0, 200).map((issue) => ({
      row: 0, column: issue.path.length ? issue.path.map(String).join('.') : null, reason: issue.message,
    })));
  }
  return { format: 'portfolio-json', portfolio: parsed.data, notes: [], errors: [], details: [] };
};
