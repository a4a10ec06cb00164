/**
 * Reads the sheets of an .xlsx workbook into `SheetGrid`s, streaming: each
 * worksheet is parsed row by row as it inflates (xlsx-zip.ts), so the row
 * limit refuses a million-row sheet after its 200,001st row rather than after
 * parsing it whole, and no sheet's XML is ever held in memory at once.
 *
 * Why not ExcelJS (which the app uses to write workbooks): it inflates every
 * part with JSZip before looking at any, so no limit can apply while
 * inflating, and its errors on damaged files are its own internals
 * ("Cannot set properties of undefined"). SpreadsheetML cells are few and
 * simple (ECMA-376 Part 1, 18.3.1.4): shared, inline and formula strings,
 * numbers, booleans, errors, ISO dates; dates otherwise are numbers whose
 * style has a date format. This reader handles exactly those.
 */
import { formatNumber } from '../format/format';
import { excelSerialToIso, type CellRange, type SheetCell, type SheetGrid } from './xlsx-rows';
import { parseRange } from './xlsx-workbook';
import { DEFAULT_XLSX_LIMITS, inflateWorkbook, type EntrySink, type XlsxLimits } from './xlsx-zip';

export const MAX_READ_COLUMNS = 200;
/** A single row bigger than this is not a spreadsheet row. */
const MAX_ROW_CHARS = 16 * 1024 * 1024;

export interface WorkbookSheets {
  /** Sheet names in workbook order (hidden sheets included). */
  names: string[];
  sheets: Map<string, SheetGrid>;
  date1904: boolean;
}

export type WorkbookReadResult = { ok: true; workbook: WorkbookSheets } | { ok: false; error: string };

type RawCell =
  | { k: 's'; i: number }
  | { k: 'n'; v: number; s: number }
  | { k: 'str'; v: string }
  | { k: 'b'; v: boolean }
  | { k: 'e'; v: string }
  | { k: 'd'; v: string };

interface RawSheet {
  rows: RawCell[][];
  merges: CellRange[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character references and Excel's `_xHHHH_` escapes, as Excel shows them. */
export function xmlText(raw: string): string {
  const decoded = raw.includes('&')
    ? raw.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
      if (e[0] !== '#') return ENTITY[e] ?? '';
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    : raw;
  return decoded.includes('_x') ? decoded.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : decoded;
}

const attr = (attrs: string, name: string): string | null => {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? m[1]! : null;
};

/** The visible text of a `<si>` or `<is>`: its `<t>` runs, without phonetic guides. */
function runsText(inner: string): string {
  const body = inner.includes('rPh') ? inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : inner;
  let out = '';
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) out += xmlText(m[1]!);
  return out;
}

function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const V_RE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const IS_RE = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;

function parseCell(attrs: string, inner: string | undefined): RawCell | null {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') {
    const is = inner ? IS_RE.exec(inner) : null;
    return is ? { k: 'str', v: runsText(is[1]!) } : null;
  }
  const v = inner ? V_RE.exec(inner) : null;
  if (!v) return null;
  const text = v[1]!;
  switch (type) {
    case 's': return { k: 's', i: Number(text) };
    case 'str': return { k: 'str', v: xmlText(text) };
    case 'b': return { k: 'b', v: text.trim() === '1' || text.trim() === 'true' };
    case 'e': return { k: 'e', v: xmlText(text) };
    case 'd': return { k: 'd', v: text.trim() };
    default: {
      const n = Number(text);
      return Number.isFinite(n) && text.trim() !== '' ? { k: 'n', v: n, s: Number(attr(attrs, 's') ?? 0) } : { k: 'e', v: '#VALUE!' };
    }
  }
}

/** Index just past the last closing row tag (`</row>` or `</x:row>`), or -1. */
function lastRowEnd(text: string): number {
  let i = text.length;
  while (i > 0) {
    i = text.lastIndexOf('row>', i - 1);
    if (i < 1) return -1;
    const before = text[i - 1];
    if (before === '/') return i + 4;
    if (before === ':' && text[text.lastIndexOf('<', i) + 1] === '/') return i + 4;
  }
  return -1;
}

/** Parses a worksheet as it inflates; refuses past the row limit or the column limit. */
class SheetSink implements EntrySink {
  readonly sheet: RawSheet = { rows: [], merges: [] };
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private count = 0;
  private nextRow = 0;
  constructor(private readonly path: string, private readonly maxRows: number) {}

  data(chunk: Uint8Array, final: boolean): string | null {
    this.buffer += this.decoder.decode(chunk, { stream: !final });
    const end = final ? this.buffer.length : lastRowEnd(this.buffer);
    if (end < 0) {
      return this.buffer.length > MAX_ROW_CHARS ? `a sheet of the workbook (${this.path}) has a row larger than 16 MB: not a spreadsheet row` : null;
    }
    const part = this.buffer.slice(0, end);
    // What follows the last complete row (the start of the next one, or the merge list) waits for more bytes.
    this.buffer = final ? '' : this.buffer.slice(end);
    const why = this.rows(part);
    if (why) return why;
    if (final) {
      for (const m of part.matchAll(/<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]+)"/g)) {
        const range = parseRange(m[1]!);
        if (range) this.sheet.merges.push(range);
      }
    }
    return null;
  }

  private rows(text: string): string | null {
    ROW_RE.lastIndex = 0;
    for (const m of text.matchAll(ROW_RE)) {
      this.count++;
      if (this.count > this.maxRows) {
        return `a sheet of the workbook (${this.path}) has more than ${formatNumber(this.maxRows)} rows; at most ${formatNumber(this.maxRows)} are read: split it into several files`;
      }
      const r = attr(m[1]!, 'r');
      const rowAt = r !== null && /^\d+$/.test(r) ? Number(r) - 1 : this.nextRow;
      this.nextRow = rowAt + 1;
      const inner = m[2];
      if (!inner) continue;
      const cells: RawCell[] = [];
      let nextCol = 0;
      for (const c of inner.matchAll(CELL_RE)) {
        const ref = attr(c[1]!, 'r');
        const letters = ref ? /^([A-Z]+)/.exec(ref)?.[1] : undefined;
        const col = letters ? colIndex(letters) : nextCol;
        nextCol = col + 1;
        const cell = parseCell(c[1]!, c[2]);
        if (!cell) continue;
        if (col >= MAX_READ_COLUMNS) return `a sheet of the workbook (${this.path}) has values beyond column ${MAX_READ_COLUMNS}; at most ${MAX_READ_COLUMNS} columns are read`;
        cells[col] = cell;
      }
      if (cells.length > 0) this.sheet.rows[rowAt] = cells;
    }
    return null;
  }
}

/** Keeps a small part (workbook, relationships, strings, styles) whole. */
class KeepSink implements EntrySink {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  data(chunk: Uint8Array): string | null {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return null;
  }
  text(): string {
    const all = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      all.set(c, at);
      at += c.length;
    }
    return new TextDecoder('utf-8').decode(all);
  }
}

/** Built-in number formats that show a date or time (ECMA-376 18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').replace(/_.|\*./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'numFmtId');
    const code = attr(m[1]!, 'formatCode');
    if (id !== null && code !== null) custom.set(Number(id), xmlText(code));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : DATE_FORMAT_IDS.has(id));
  }
  return out;
}

function relationships(xml: string, base: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id === null || target === null) continue;
    out.set(id, resolvePath(base, xmlText(target)));
  }
  return out;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const isWorksheet = (name: string): boolean => /(^|\/)worksheets\/[^/]+\.xml$/i.test(name);
const isKept = (name: string): boolean => /\.rels$/i.test(name) || /(^|\/)(workbook|sharedStrings|styles)\.xml$/i.test(name);

function resolveCell(raw: RawCell, strings: readonly string[], shared: SheetCell[], isDate: readonly boolean[], date1904: boolean): SheetCell {
  switch (raw.k) {
    case 's': {
      const hit = shared[raw.i];
      if (hit !== undefined) return hit;
      const text = strings[raw.i];
      const cell: SheetCell = text === undefined ? { t: 'error', v: '#REF!' } : text === '' ? null : { t: 'string', v: text };
      shared[raw.i] = cell;
      return cell;
    }
    case 'n': {
      if (!isDate[raw.s]) return { t: 'number', v: raw.v };
      const d = excelSerialToIso(raw.v, date1904);
      return d.ok ? { t: 'date', v: d.date } : { t: 'number', v: raw.v };
    }
    case 'str': return raw.v === '' ? null : { t: 'string', v: raw.v };
    case 'b': return { t: 'boolean', v: raw.v };
    case 'e': return { t: 'error', v: raw.v };
    case 'd': return /^\d{4}-\d{2}-\d{2}/.test(raw.v) ? { t: 'date', v: raw.v.slice(0, 10) } : { t: 'string', v: raw.v };
  }
}

/** Reads every sheet of the workbook, under the limits; never throws on a bad file. */
export function readWorkbook(bytes: Uint8Array, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): WorkbookReadResult {
  const sheetsByPath = new Map<string, SheetSink>();
  const kept = new Map<string, KeepSink>();
  const walked = inflateWorkbook(bytes, limits, (name) => {
    if (isWorksheet(name)) {
      const sink = new SheetSink(name, limits.maxSheetRows);
      sheetsByPath.set(name, sink);
      return sink;
    }
    if (isKept(name)) {
      const sink = new KeepSink();
      kept.set(name, sink);
      return sink;
    }
    return null;
  });
  if (!walked.ok) return walked;
  try {
    const rootRels = kept.get('_rels/.rels')?.text() ?? '';
    const workbookPath = [...relationships(rootRels, '').values()].find((p) => /workbook\.xml$/i.test(p)) ?? 'xl/workbook.xml';
    const workbookXml = kept.get(workbookPath)?.text();
    if (workbookXml === undefined) return { ok: false, error: 'this is not an .xlsx workbook: it has no workbook part (is it a Word or PowerPoint file, or an .xlsb?)' };
    const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
    const rels = relationships(kept.get(`${dir ? `${dir}/` : ''}_rels/${workbookPath.slice(dir ? dir.length + 1 : 0)}.rels`)?.text() ?? '', dir);
    const pr = /<(?:\w+:)?workbookPr\b([^>]*?)\/?>/.exec(workbookXml)?.[1] ?? '';
    const flag = attr(pr, 'date1904');
    const date1904 = flag === '1' || flag === 'true';
    const stringsPath = [...rels.values()].find((p) => /sharedStrings\.xml$/i.test(p)) ?? `${dir}/sharedStrings.xml`;
    const stylesPath = [...rels.values()].find((p) => /styles\.xml$/i.test(p)) ?? `${dir}/styles.xml`;
    const strings: string[] = [];
    const sst = kept.get(stringsPath)?.text() ?? '';
    for (const m of sst.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)) strings.push(m[1] === undefined ? '' : runsText(m[1]));
    const isDate = dateStyles(kept.get(stylesPath)?.text() ?? '');

    const names: string[] = [];
    const sheets = new Map<string, SheetGrid>();
    for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
      const name = xmlText(attr(m[1]!, 'name') ?? '');
      const rid = /(?:^|\s)(?:\w+:)?id="([^"]*)"/.exec(m[1]!)?.[1];
      const path = rid ? rels.get(rid) : undefined;
      const sink = path ? sheetsByPath.get(path) : undefined;
      if (!name || !sink) continue; // a chart sheet or a missing part: nothing to read
      names.push(name);
      const shared: SheetCell[] = [];
      const rows = sink.sheet.rows.map((r) => (r ? r.map((c) => resolveCell(c, strings, shared, isDate, date1904)) : []));
      sheets.set(name, { name, rows, merges: sink.sheet.merges, date1904 });
    }
    if (names.length === 0) return { ok: false, error: 'the workbook has no worksheet to read' };
    return { ok: true, workbook: { names, sheets, date1904 } };
  } catch {
    return { ok: false, error: 'the workbook is damaged: its parts cannot be read' };
  }
}
