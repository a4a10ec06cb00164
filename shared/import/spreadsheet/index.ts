/**
 * Users' own spreadsheets (CSV in any of Excel's encodings, .xlsx) -> a
 * Portfolio, through the template reader. The one entry point is
 * `readSpreadsheet`; the app's mapping screen and the command line call it
 * alike. It finds the header row below title and group rows, maps columns by
 * name and synonym (or a saved profile), detects encoding and conventions,
 * converts every value into the template's form and says so for each one
 * (`notes`), and refuses what it cannot read for sure (`errors`, or with
 * `lenient` a note and an empty cell). A row with a bad cell is left out on
 * its own, not with its whole product; a product value that differs between
 * rows is one error for the product.
 */
import { PRODUCT_COLUMNS, SCOPE_PRODUCT_COLUMNS, TEMPLATE_COLUMNS, type RowError, type TemplateColumn } from '../../csv/columns';
import { parseTemplateRows } from '../../csv/parse-template';
import { removeFormulaGuard } from '../../text/formula';
import type { Portfolio } from '../../domain/schemas';
import type { ConversionNote, PortfolioReadOptions, PortfolioReadResult } from '../input';
import type { XlsxLimits } from '../../interop/xlsx-zip';
import { separatorName } from './encoding';
import { ENUM_COLUMNS, enumKey, isEnumColumn, matchEnum, type EnumColumn } from './enum-synonyms';
import { fold } from './fold';
import { findHeaderRow, scoreRow, type HeaderCandidate } from './header-row';
import { matchHeader } from './header-synonyms';
import { nonDataKind, NON_DATA_REASON, type NonDataKind } from './non-data';
import { headerSignature, parseProfile, profileFitsHeader, profileRules, PROFILE_FORMAT, type ImportProfile, type ProfileRules } from './profile';
import { cellText, csvGrid, isZip, nextTurn, sheetGrid, SpreadsheetReadCancelled, xlsxWorkbook, type Pace, type SourceCell, type SourceGrid } from './source-grid';

export { SpreadsheetReadCancelled, recordSlices } from './source-grid';
import {
  convertDate, convertList, convertNumber, convertYears, convertYesNo, excelSerial, isExplicitUnknown, slashOrderEvidence,
  type DateOrder, type Locale, type ValueResult,
} from './values';

export { parseProfile, parseProfileText, profileFitsHeader, profileToJson, PROFILE_FORMAT, MAX_PROFILE_BYTES, type ImportProfile } from './profile';
export { ENUM_COLUMNS, matchEnum, type EnumColumn } from './enum-synonyms';
export { HEADER_SYNONYMS, matchHeader } from './header-synonyms';
export type { DateOrder, Locale } from './values';

export const MAX_SPREADSHEET_ROWS = 200_000;

type Kind = 'text' | 'notes' | 'date' | 'years' | 'units' | 'yesno' | 'list' | 'enum';
const KIND: Record<TemplateColumn, Kind> = {
  product_line: 'text', environment: 'enum', product: 'text', sku: 'text', category: 'enum', markets: 'list',
  first_placed_on_market: 'date', last_placed_on_market: 'date', expected_use_years: 'years', declared_support_end: 'date',
  units_per_year: 'units', product_notes: 'notes', component: 'text', class: 'enum', role: 'enum', supplier: 'text', version: 'text',
  core: 'yesno', security_support_end: 'date', update_mechanism: 'enum', expected_life_years: 'years', field_replaceable: 'enum',
  spare_parts_until: 'date', repair_docs: 'yesno', expires: 'date', purl: 'text', cpe: 'text', component_notes: 'notes',
  sold_to_consumers: 'yesno', sector_regulation: 'enum', planned_last_placed: 'date', on_shutdown: 'enum',
};
const NOTES_COLUMNS = new Set<TemplateColumn>(['product_notes', 'component_notes']);

export interface SpreadsheetReadOptions extends PortfolioReadOptions, Pace {
  /** Sheet row (1-based) of the header, instead of the one detected. */
  headerRow?: number;
  /** Workbook sheet to read, instead of the first that has a header. */
  sheet?: string;
  /** Source column index -> template column (null: ignore), overriding names and the profile. */
  columnMap?: Record<number, TemplateColumn | null>;
  /** Enum column -> value as written -> the app's value (the mapping screen's value table). */
  enumMap?: Partial<Record<EnumColumn, Record<string, string>>>;
  /** Template date column -> the order of its slash dates (the answer to the question asked). */
  dateOrder?: Partial<Record<TemplateColumn, DateOrder>>;
  /** Fixed cells: `"<sheet row>:<source column index>"` -> new text. */
  edits?: Record<string, string>;
  /** Workbook limits (tests and the benchmark lower them). */
  limits?: Partial<XlsxLimits>;
  /** Rows read at most (default 200,000). */
  maxRows?: number;
}

export interface SpreadsheetColumn {
  index: number;
  header: string;
  column: TemplateColumn | null;
  /** Why it maps there. */
  how: 'template name' | 'synonym' | 'profile' | 'chosen' | 'not recognised' | 'ignored';
}

export interface EnumValue {
  original: string;
  count: number;
  mappedTo: string | null;
  how: 'exact' | 'synonym' | 'profile' | 'chosen' | null;
}

export interface EnumTable {
  column: EnumColumn;
  header: string;
  allowed: readonly string[];
  values: EnumValue[];
}

export interface DateOrderQuestion {
  column: TemplateColumn;
  header: string;
  samples: string[];
}

export interface SkippedRow {
  row: number;
  kind: NonDataKind;
  reason: string;
}

/** A cell the screen marks: converted (note) or refused (error); `col` is the source column index. */
export interface CellIssue {
  row: number;
  col: number;
  original: string;
  understoodAs: string | null;
  reason: string;
  error: boolean;
}

export interface SpreadsheetReadResult extends PortfolioReadResult {
  sheets?: string[];
  sheet?: string;
  /** Sheet row (1-based) of the header taken; 0 when none was found. */
  headerRow: number;
  encoding?: string;
  separator?: string;
  locale: Locale;
  localeReason: string;
  header: string[];
  columns: SpreadsheetColumn[];
  headerCandidates: { row: number; score: number; preview: string }[];
  /** Data rows as the file has them (with edits applied), for the preview. */
  rows: { row: number; cells: string[] }[];
  cells: CellIssue[];
  enums: EnumTable[];
  questions: DateOrderQuestion[];
  skipped: SkippedRow[];
  /** Rows (sheet numbers) left out because of an error of their own. */
  rowsWithErrors: number[];
  /** The mapping in effect, ready to be named and saved. */
  profile: ImportProfile;
  /** Name of the saved profile that was applied, if one was. */
  profileApplied?: string;
}

const EMPTY = (): Portfolio => ({ lines: [], products: [], decisions: [] });

function refusal(error: string, extra: Partial<SpreadsheetReadResult> = {}): SpreadsheetReadResult {
  return {
    format: 'csv', portfolio: EMPTY(), notes: [], errors: [{ row: 0, column: null, reason: error }], details: [],
    headerRow: 0, locale: 'en', localeReason: '', header: [], columns: [], headerCandidates: [], rows: [], cells: [], enums: [],
    questions: [], skipped: [], rowsWithErrors: [], profile: emptyProfile([]), ...extra,
  };
}

function emptyProfile(header: readonly string[]): ImportProfile {
  return { format: PROFILE_FORMAT, version: 1, name: 'Import profile', header: trimmedSignature(header), columns: {}, enums: {}, dateOrder: {} };
}

function trimmedSignature(header: readonly string[]): string[] {
  const sig = headerSignature(header);
  while (sig.length > 0 && sig[sig.length - 1] === '') sig.pop();
  return sig;
}

const textRows = (rows: readonly SourceCell[][], upTo: number): string[][] =>
  rows.slice(0, upTo).map((r) => Array.from({ length: r?.length ?? 0 }, (_, c) => cellText(r[c] ?? undefined).trim()));

/** Conventions: forced, from the profile, or told from the header's language, the separator and the numbers and dates in the file. */
function detectLocale(grid: SourceGrid, header: readonly string[], body: readonly string[][], map: readonly (TemplateColumn | null)[]): { locale: Locale; reason: string } {
  const signs: string[] = [];
  let score = 0;
  const german = scoreRow(header).german;
  if (german >= 2) {
    score += 2;
    signs.push('German column names');
  }
  if (grid.separator === ';') {
    score += 1;
    signs.push('";" as separator');
  }
  let deNum = 0;
  let enNum = 0;
  let deDate = 0;
  let slash = 0;
  for (const row of body.slice(0, 2000)) {
    map.forEach((col, i) => {
      if (!col) return;
      const v = row[i] ?? '';
      const kind = KIND[col];
      if (kind === 'years' || kind === 'units') {
        if (/^\d+,\d{1,2}(\s|$)/.test(v) || /^\d{1,3}(\.\d{3})+(,\d+)?$/.test(v)) deNum++;
        else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(v) || /^\d+\.\d{1,2}(\s|$)/.test(v)) enNum++;
      } else if (kind === 'date') {
        if (/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v)) deDate++;
        else if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(v)) slash++;
      }
    });
  }
  if (deNum > enNum) {
    score += 3;
    signs.push('numbers such as 12,5 or 40.000');
  } else if (enNum > deNum) {
    score -= 3;
    signs.push('numbers such as 12.5 or 40,000');
  }
  if (deDate > slash) {
    score += 1;
    signs.push('dates DD.MM.YYYY');
  } else if (slash > deDate) {
    score -= 1;
    signs.push('slash dates');
  }
  const locale: Locale = score > 0 ? 'de' : 'en';
  const name = locale === 'de' ? 'German conventions (decimal comma, "." between thousands)' : 'English conventions (decimal point, "," between thousands)';
  return { locale, reason: signs.length > 0 ? `${name}, told from ${signs.join(', ')}` : `${name}, the default: nothing in the file says otherwise` };
}

/**
 * Reads a spreadsheet. `bytes` is the whole file (the caller checks its size
 * first); `fileName` tells CSV from .xlsx when the bytes do not.
 */
export async function readSpreadsheet(bytes: Uint8Array, fileName: string, options: SpreadsheetReadOptions = {}): Promise<SpreadsheetReadResult> {
  const maxRows = options.maxRows ?? MAX_SPREADSHEET_ROWS;
  let profile: ProfileRules | null = null;
  if (options.profile !== undefined) {
    const p = parseProfile(options.profile);
    if (!p.ok) return refusal(`${fileName}: ${p.error}`);
    profile = profileRules(p.profile);
  }
  const xlsx = isZip(bytes) || /\.xlsx$/i.test(fileName);
  let grid: SourceGrid;
  if (xlsx) {
    const wb = xlsxWorkbook(bytes, { maxSheetRows: maxRows, ...(options.limits ?? {}) });
    if (!wb.ok) return refusal(`${fileName}: ${wb.error}`, { format: 'xlsx' });
    const wanted = options.sheet ?? profile?.sheet;
    if (wanted !== undefined && !wb.workbook.sheets.has(wanted)) {
      return refusal(`${fileName}: the workbook has no sheet named "${wanted}" (its sheets: ${wb.workbook.names.join(', ')})`, { format: 'xlsx', sheets: wb.workbook.names });
    }
    // Without a choice, the first sheet whose rows hold a header (a cover or notes sheet often comes first).
    const name = wanted ?? wb.workbook.names.find((n) => {
      const g = sheetGrid(wb.workbook, n);
      return g !== null && findHeaderRow(textRows(g.rows, 30)).chosen >= 0;
    }) ?? wb.workbook.names[0]!;
    grid = sheetGrid(wb.workbook, name)!;
    options.onProgress?.(0.5);
    await nextTurn();
    if (options.signal?.aborted) throw new SpreadsheetReadCancelled();
  } else {
    const csv = await csvGrid(bytes, maxRows, options);
    if (!csv.ok) return refusal(`${fileName}: ${csv.error}`);
    grid = csv.grid;
  }
  return readGrid(grid, fileName, options, profile);
}

function readGrid(grid: SourceGrid, fileName: string, options: SpreadsheetReadOptions, profileIn: ProfileRules | null): SpreadsheetReadResult {
  const format = grid.kind === 'xlsx' ? 'xlsx' as const : 'csv' as const;
  const details: string[] = [];
  if (grid.encoding) details.push(`encoding ${grid.encoding}`);
  if (grid.separator) details.push(`${separatorName(grid.separator)}-separated`);
  const base: Partial<SpreadsheetReadResult> = { format };
  if (grid.sheets) base.sheets = grid.sheets;
  if (grid.sheet !== undefined) base.sheet = grid.sheet;
  if (grid.encoding) base.encoding = grid.encoding;
  if (grid.separator) base.separator = separatorName(grid.separator);

  // Edits first: a fixed cell is read like any other.
  const edits = new Map(Object.entries(options.edits ?? {}));
  const rowsText = (r: number): string[] => {
    const src = grid.rows[r] ?? [];
    const out = Array.from({ length: src.length }, (_, c) => cellText(src[c] ?? undefined).trim());
    if (edits.size === 0) return out;
    for (const [k, v] of edits) {
      const [row, col] = k.split(':').map(Number);
      if (row === r + 1 && col !== undefined && Number.isInteger(col) && col >= 0 && col < 1000) out[col] = v.trim();
    }
    return out;
  };

  const head = findHeaderRow(textRows(grid.rows, 30));
  const candidates = head.candidates.map((c: HeaderCandidate) => ({ row: c.index + 1, score: c.score, preview: c.preview }));
  const forcedRow = options.headerRow ?? profileIn?.headerRow;
  const headerIndex = forcedRow !== undefined ? forcedRow - 1 : head.chosen;
  const where = grid.sheet !== undefined ? ` of sheet "${grid.sheet}"` : '';
  if (headerIndex < 0 || headerIndex >= grid.rows.length) {
    return refusal(
      forcedRow !== undefined
        ? `${fileName}: row ${forcedRow}${where} is beyond the last row`
        : `${fileName}: no header row found in the first 30 rows${where}: a row naming the product and its columns (product, component, category, … or their German names) is needed`,
      { ...base, headerCandidates: candidates, details },
    );
  }
  const header = rowsText(headerIndex);
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  details.push(`header on row ${headerIndex + 1}${where}`);

  // A saved profile applies when it was given, or (given none) never: the caller offers the one that fits.
  const profile = profileIn && (options.profile !== undefined) ? profileIn : null;
  const profileFits = profile !== null;

  // Column mapping: chosen > profile > template name > synonym.
  const columns: SpreadsheetColumn[] = [];
  const map: (TemplateColumn | null)[] = [];
  const taken = new Map<TemplateColumn, number>();
  header.forEach((h, i) => {
    const chosen = options.columnMap && Object.hasOwn(options.columnMap, i) ? options.columnMap[i] ?? null : undefined;
    const fromProfile = profile?.columns.has(fold(h)) ? profile.columns.get(fold(h)) ?? null : undefined;
    let column: TemplateColumn | null = null;
    let how: SpreadsheetColumn['how'];
    if (chosen !== undefined) {
      column = chosen;
      how = chosen === null ? 'ignored' : 'chosen';
    } else if (fromProfile !== undefined) {
      column = fromProfile;
      how = fromProfile === null ? 'ignored' : 'profile';
    } else {
      const m = matchHeader(h);
      column = m?.column ?? null;
      how = !m ? 'not recognised' : fold(h) === fold(m.column) ? 'template name' : 'synonym';
      // A name the template has twice (two "Notes" columns) maps once; notes columns may take several.
      if (column && taken.has(column) && !NOTES_COLUMNS.has(column)) {
        column = null;
        how = 'not recognised';
      }
    }
    if (column) taken.set(column, (taken.get(column) ?? 0) + 1);
    columns.push({ index: i, header: h, column, how });
    map.push(column);
  });
  const mappingErrors: RowError[] = [];
  for (const [column, count] of taken) {
    if (count > 1 && !NOTES_COLUMNS.has(column)) {
      mappingErrors.push({ row: headerIndex + 1, column, reason: `${count} columns are mapped to ${column}: map one, ignore the others` });
    }
  }
  const missing: TemplateColumn[] = (['product_line', 'environment', 'product', 'category'] as const).filter((c) => !taken.has(c));
  if (taken.has('component')) missing.push(...(['class', 'role'] as const).filter((c) => !taken.has(c)));
  if (missing.length > 0) {
    mappingErrors.push({ row: headerIndex + 1, column: null, reason: `no column is mapped to ${missing.join(', ')}: map a column of the file to ${missing.length > 1 ? 'each' : 'it'}` });
  }
  const ignored = columns.filter((c) => c.column === null && c.header !== '');
  if (ignored.length > 0) details.push(`not read: ${ignored.map((c) => `"${c.header}"`).join(', ')} (map them to notes to keep them)`);

  // Body rows: non-data rows skipped with a note.
  const headerFolded = header.map(fold);
  // A "Total" row names no product, component or environment (a product line called "Total" still has its environment).
  const nameIdx = (['product_line', 'product', 'component', 'environment'] as const).map((c) => map.indexOf(c)).filter((i) => i >= 0);
  const skipped: SkippedRow[] = [];
  const body: { row: number; text: string[]; cells: SourceCell[] }[] = [];
  let lastData = headerIndex;
  for (let r = grid.rows.length - 1; r > headerIndex; r--) {
    if ((grid.rows[r] ?? []).some((c) => c !== null && cellText(c).trim() !== '') || [...edits.keys()].some((k) => k.startsWith(`${r + 1}:`))) {
      lastData = r;
      break;
    }
  }
  for (let r = headerIndex + 1; r <= lastData; r++) {
    const text = rowsText(r);
    const kind = nonDataKind(text, nameIdx.map((i) => text[i] ?? ''), headerFolded);
    if (kind) {
      skipped.push({ row: r + 1, kind, reason: NON_DATA_REASON[kind] });
      continue;
    }
    const src = grid.rows[r] ?? [];
    const cells = edits.size === 0 ? src : text.map((t, c) => (edits.has(`${r + 1}:${c}`) ? (t === '' ? null : { t: 'string' as const, v: t }) : src[c] ?? null));
    body.push({ row: r + 1, text, cells });
  }

  const forced = options.locale && options.locale !== 'auto' ? options.locale : profile?.locale;
  const detected = detectLocale(grid, header, body.map((b) => b.text), map);
  const locale: Locale = forced ?? detected.locale;
  const localeReason = forced ? `${forced === 'de' ? 'German' : 'English'} conventions, as ${options.locale && options.locale !== 'auto' ? 'asked' : `the profile "${profile?.name}" says`}` : detected.reason;
  details.push(localeReason);

  // Date order per date column: asked, from the profile, or shown by the column itself.
  const orders = new Map<number, DateOrder | null>();
  const questions: DateOrderQuestion[] = [];
  const conflicts = new Set<number>();
  map.forEach((col, i) => {
    if (!col || KIND[col] !== 'date') return;
    const given = options.dateOrder?.[col] ?? profile?.dateOrder.get(col);
    if (given) {
      orders.set(i, given);
      return;
    }
    const ev = slashOrderEvidence(body.map((b) => (b.cells[i]?.t === 'string' ? b.text[i] ?? '' : '')));
    if (ev.conflict) conflicts.add(i);
    orders.set(i, ev.order);
    if (ev.ambiguous) {
      const samples = [...new Set(body.map((b) => b.text[i] ?? '').filter((v) => /^\d{1,2}[/-]\d{1,2}[/-]\d{4}$/.test(v)))].slice(0, 5);
      questions.push({ column: col, header: header[i] ?? col, samples });
    }
  });

  // Enum tables: each distinct value once.
  const enumChoice = new Map<number, Map<string, { value: string | null; how: EnumValue['how'] }>>();
  const enums: EnumTable[] = [];
  map.forEach((col, i) => {
    if (!col || !isEnumColumn(col)) return;
    const counts = new Map<string, { original: string; count: number }>();
    for (const b of body) {
      const v = b.text[i] ?? '';
      if (v === '' || isExplicitUnknown(v)) continue;
      const k = enumKey(v);
      const e = counts.get(k);
      if (e) e.count++;
      else counts.set(k, { original: v, count: 1 });
    }
    const choice = new Map<string, { value: string | null; how: EnumValue['how'] }>();
    const allowed: readonly string[] = ENUM_COLUMNS[col];
    const chosen = new Map(Object.entries(options.enumMap?.[col] ?? {}).map(([k, v]) => [enumKey(k), v]));
    const values: EnumValue[] = [];
    for (const [k, { original, count }] of counts) {
      const pick = chosen.get(k);
      const fromProfile = profile?.enums.get(col)?.get(k);
      const auto = matchEnum(col, original);
      const c = pick !== undefined && allowed.includes(pick) ? { value: pick, how: 'chosen' as const }
        : fromProfile !== undefined ? { value: fromProfile, how: 'profile' as const }
          : auto !== null ? { value: auto, how: auto === original.trim().toLowerCase() ? 'exact' as const : 'synonym' as const }
            : { value: null, how: null };
      choice.set(k, c);
      values.push({ original, count, mappedTo: c.value, how: c.how });
    }
    enumChoice.set(i, choice);
    if (values.length > 0) enums.push({ column: col, header: header[i] ?? col, allowed, values });
  });

  // Cells -> template text.
  const lenient = options.lenient === true;
  const notes: ConversionNote[] = [];
  const errors: RowError[] = [...mappingErrors];
  const cellIssues: CellIssue[] = [];
  const badRows = new Set<number>();
  const noteOf = (row: number, col: number, original: string, understoodAs: string, reason: string): void => {
    notes.push({ row, column: header[col] ?? `column ${col + 1}`, original, understoodAs, reason });
    cellIssues.push({ row, col, original, understoodAs, reason, error: false });
  };
  const errorOf = (row: number, col: number, original: string, reason: string): void => {
    if (lenient) {
      noteOf(row, col, original, 'unknown (left empty)', `not readable, left empty: ${reason}`);
      return;
    }
    errors.push({ row, column: header[col] ?? `column ${col + 1}`, value: original, reason });
    cellIssues.push({ row, col, original, understoodAs: null, reason, error: true });
    badRows.add(row);
  };

  const templateRows: { row: number; cells: string[] }[] = [];
  const tIndex = new Map(TEMPLATE_COLUMNS.map((c, i) => [c, i]));
  for (const b of body) {
    const out = TEMPLATE_COLUMNS.map(() => '');
    const noteParts = new Map<TemplateColumn, string[]>();
    map.forEach((col, i) => {
      if (!col) return;
      const original = b.text[i] ?? '';
      const cell = b.cells[i] ?? null;
      if (original === '') return;
      const kind = KIND[col];
      if (original.includes('\u0000')) {
        errorOf(b.row, i, original.split('\u0000').join('\\u0000'), 'contains a NUL character (U+0000), which is not accepted in text: remove it');
        return;
      }
      if (kind === 'notes' || kind === 'text') {
        // A cell an export guarded against formulas ('=…, '@scope/…) reads back as it was, and says so.
        const unguarded = removeFormulaGuard(original);
        if (unguarded !== null) {
          noteOf(b.row, i, original, unguarded, "the leading ' that guards a spreadsheet against formulas, removed");
          if (kind === 'text') {
            out[tIndex.get(col)!] = unguarded;
            return;
          }
        }
      }
      if (kind === 'notes') {
        const value = removeFormulaGuard(original) ?? original;
        const list = noteParts.get(col) ?? [];
        list.push((taken.get(col) ?? 0) > 1 ? `${header[i]}: ${value}` : value);
        noteParts.set(col, list);
        return;
      }
      if (cell?.t === 'error') {
        errorOf(b.row, i, original, `the cell holds the spreadsheet error ${original}`);
        return;
      }
      if (kind !== 'text' && isExplicitUnknown(original)) {
        noteOf(b.row, i, original, 'unknown (empty)', 'an explicit unknown');
        return;
      }
      let r: ValueResult;
      switch (kind) {
        case 'text':
          r = { ok: true, text: cell?.t === 'boolean' ? (cell.v ? 'TRUE' : 'FALSE') : original };
          break;
        case 'date':
          if (cell?.t === 'number') r = excelSerial(cell.v, grid.date1904);
          else if (cell?.t === 'date') r = { ok: true, text: cell.v };
          else if (conflicts.has(i) && /^\d{1,2}[/-]\d{1,2}[/-]\d{4}$/.test(original)) {
            r = { ok: false, reason: `"${original}": the column has slash dates in both orders (a day above 12 first in some, second in others), so none can be read for sure` };
          } else r = convertDate(original, { order: orders.get(i) ?? null });
          break;
        case 'years':
          r = cell?.t === 'number' ? { ok: true, text: String(cell.v) } : convertYears(original, locale);
          break;
        case 'units':
          r = cell?.t === 'number' ? { ok: true, text: String(cell.v) } : convertNumber(original, locale);
          break;
        case 'yesno':
          r = cell?.t === 'boolean' ? { ok: true, text: cell.v ? 'yes' : 'no', note: `${original} read as ${cell.v ? 'yes' : 'no'}` }
            : cell?.t === 'number' && (cell.v === 0 || cell.v === 1) ? convertYesNo(String(cell.v)) : convertYesNo(original);
          break;
        case 'list':
          r = convertList(original);
          break;
        case 'enum': {
          const c = enumChoice.get(i)?.get(enumKey(original));
          const allowed: readonly string[] = ENUM_COLUMNS[col as EnumColumn];
          r = c?.value ? { ok: true, text: c.value, ...(c.how === 'exact' ? {} : { note: `"${original}" mapped to ${c.value}${c.how === 'profile' ? ' (profile)' : c.how === 'chosen' ? ' (chosen)' : ''}` }) }
            : { ok: false, reason: `"${original}" is not one of ${allowed.join(', ')}: choose what it means in the value table` };
          break;
        }
      }
      if (!r.ok) {
        errorOf(b.row, i, original, r.reason);
        return;
      }
      if (r.note) noteOf(b.row, i, original, r.text, r.note);
      out[tIndex.get(col)!] = r.text;
    });
    for (const [col, parts] of noteParts) out[tIndex.get(col)!] = parts.join('\n');
    templateRows.push({ row: b.row, cells: out });
  }

  // A product's values: the first filled one counts, an empty cell repeats it (merged cells), a different one is one error for the product.
  const lineIdx = tIndex.get('product_line')!;
  const productIdx = tIndex.get('product')!;
  const groups = new Map<string, { row: number; cells: string[] }[]>();
  const lineRows = new Map<string, { row: number; cells: string[] }[]>();
  for (const tr of templateRows) {
    if (badRows.has(tr.row)) continue;
    const line = tr.cells[lineIdx]!;
    const product = tr.cells[productIdx]!;
    if (line !== '') {
      const rows = lineRows.get(line);
      if (rows) rows.push(tr);
      else lineRows.set(line, [tr]);
    }
    if (product === '') continue;
    const k = `${line}\u0000${product}`;
    const list = groups.get(k);
    if (list) list.push(tr);
    else groups.set(k, [tr]);
  }
  const badProducts = new Set<string>();
  const sourceHeader = (col: TemplateColumn): string => {
    const i = map.indexOf(col);
    return i >= 0 ? header[i] ?? col : col;
  };
  const agree = (rows: { row: number; cells: string[] }[], cols: readonly TemplateColumn[], what: string): boolean => {
    let good = true;
    for (const col of cols) {
      const at = tIndex.get(col)!;
      const byValue = new Map<string, number[]>();
      for (const tr of rows) {
        const v = tr.cells[at]!;
        if (v === '') continue;
        const rs = byValue.get(v);
        if (rs) rs.push(tr.row);
        else byValue.set(v, [tr.row]);
      }
      if (byValue.size > 1) {
        good = false;
        const list = [...byValue].map(([v, rs]) => `"${v}" on row${rs.length > 1 ? 's' : ''} ${rs.slice(0, 5).join(', ')}${rs.length > 5 ? ', …' : ''}`);
        errors.push({ row: rows[0]!.row, column: sourceHeader(col), value: [...byValue.keys()].join(' / '), reason: `${what} has different values: ${list.join('; ')}. It has one value: fix the rows that differ` });
      } else if (byValue.size === 1) {
        const [v] = byValue.keys();
        for (const tr of rows) tr.cells[at] = v!;
      }
    }
    return good;
  };
  for (const [line, rows] of lineRows) agree(rows, ['environment'], `product line "${line}"`);
  const productCols = [...PRODUCT_COLUMNS, ...SCOPE_PRODUCT_COLUMNS].filter((c) => c !== 'product');
  for (const [k, rows] of groups) {
    const [, product] = k.split('\u0000');
    if (!agree(rows, productCols, `product "${product}"`)) badProducts.add(k);
  }

  // The template reader assembles and validates; rows with an error of their own (and products with conflicting values) are left out.
  const firstRow = headerIndex + 2;
  const lastRow = templateRows.length > 0 ? templateRows[templateRows.length - 1]!.row : headerIndex + 1;
  const dense: string[][] = Array.from({ length: Math.max(0, lastRow - firstRow + 1) }, () => []);
  for (const tr of templateRows) {
    if (badRows.has(tr.row)) continue;
    if (badProducts.has(`${tr.cells[lineIdx]}\u0000${tr.cells[productIdx]}`)) continue;
    dense[tr.row - firstRow] = tr.cells;
  }
  const parsed = mappingErrors.length > 0 ? { portfolio: EMPTY(), errors: [] as RowError[] } : parseTemplateRows([...TEMPLATE_COLUMNS], dense, { firstRow });
  for (const e of parsed.errors) {
    const col = e.column && (TEMPLATE_COLUMNS as readonly string[]).includes(e.column) ? sourceHeader(e.column as TemplateColumn) : e.column;
    errors.push({ ...e, column: col });
    if (e.row > 0) badRows.add(e.row);
  }
  errors.sort((a, b) => a.row - b.row);
  for (const s of skipped) notes.push({ row: s.row, column: null, original: '', understoodAs: 'skipped', reason: s.reason });
  notes.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));

  // The mapping in effect, as a profile to save.
  const out: ImportProfile = emptyProfile(header);
  if (grid.sheet !== undefined) out.sheet = grid.sheet;
  out.headerRow = headerIndex + 1;
  if (forced) out.locale = forced;
  for (const c of columns) if (c.header !== '') out.columns[fold(c.header)] = c.column;
  for (const t of enums) {
    const values: Record<string, string> = {};
    for (const v of t.values) if (v.mappedTo !== null && v.how !== 'exact') values[enumKey(v.original)] = v.mappedTo;
    if (Object.keys(values).length > 0) out.enums[t.column] = values;
  }
  orders.forEach((order, i) => {
    const col = map[i];
    if (order && col && questions.every((q) => q.column !== col)) {
      if (options.dateOrder?.[col] || profile?.dateOrder.get(col)) out.dateOrder[col] = order;
    }
  });
  for (const [col, order] of Object.entries(options.dateOrder ?? {})) if (order) out.dateOrder[col] = order;
  if (profile) out.name = profile.name;

  const unanswered = questions.filter((q) => !options.dateOrder?.[q.column]);
  const result: SpreadsheetReadResult = {
    ...base,
    format,
    portfolio: parsed.portfolio,
    notes,
    errors,
    details,
    headerRow: headerIndex + 1,
    locale,
    localeReason,
    header,
    columns,
    headerCandidates: candidates,
    rows: body.map((b) => ({ row: b.row, cells: b.text })),
    cells: cellIssues,
    enums,
    questions: unanswered,
    skipped,
    rowsWithErrors: [...badRows].sort((a, b) => a - b),
    profile: out,
  };
  if (profileFits && profile) result.profileApplied = profile.name;
  return result;
}

/** Does a saved profile fit the header the file has? (For offering it.) */
export function profileForHeader<T extends { profile: ImportProfile }>(saved: readonly T[], header: readonly string[]): T | null {
  return saved.find((s) => profileFitsHeader(s.profile, header)) ?? null;
}
