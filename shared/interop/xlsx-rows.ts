/**
 * Spreadsheet cells <-> template rows, independent of any XLSX library.
 *
 * A workbook reader (see xlsx-workbook.ts) turns a sheet into a `SheetGrid`
 * of typed cells; this file finds the header (which may sit below title
 * rows), fills merged ranges, turns Excel serial numbers in date columns into
 * dates (1900 system with its leap-year bug, or 1904), and yields the
 * `string[][]` rows that `parseTemplateRows` reads. Writing goes the other way:
 * template rows -> typed cells.
 */
import { neutralizeFormula } from '../text/formula';
import { TEMPLATE_COLUMNS } from '../csv/columns';
import type { RowError } from '../csv/columns';
import { dayToIso, parseLifecycleDate } from '../domain/dates';

export type SheetCell =
  | null
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'boolean'; v: boolean }
  /** A cell Excel stores as a date (number with a date format); `v` is `YYYY-MM-DD`. */
  | { t: 'date'; v: string }
  | { t: 'error'; v: string };

export interface CellRange {
  /** 0-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetGrid {
  name: string;
  /** rows[r][c], 0-based; rows and cells may be missing (empty). */
  rows: SheetCell[][];
  merges: CellRange[];
  /** The workbook uses the 1904 date system (old Mac Excel). */
  date1904: boolean;
}

export const DATE_COLUMNS = new Set<string>([
  'first_placed_on_market', 'last_placed_on_market', 'declared_support_end', 'security_support_end', 'spare_parts_until', 'expires',
]);
export const NUMBER_COLUMNS = new Set<string>(['expected_use_years', 'units_per_year', 'expected_life_years']);
export const YES_NO_COLUMNS = new Set<string>(['core', 'repair_docs']);

const MS_PER_DAY = 86_400_000;
/** Day number (days since 1970-01-01) of serial 0 in each system. */
const EPOCH_1900 = Date.UTC(1899, 11, 30) / MS_PER_DAY;
const EPOCH_1904 = Date.UTC(1904, 0, 1) / MS_PER_DAY;

/**
 * Excel serial -> `YYYY-MM-DD`. In the 1900 system Excel counts a 29 Feb 1900
 * that never was (serial 60): serials from 61 on are days since 1899-12-30,
 * serials 1-59 days since 1899-12-31, and 60 is refused. A time of day is
 * dropped (the date part is the day).
 */
export function excelSerialToIso(serial: number, date1904: boolean): { ok: true; date: string } | { ok: false; reason: string } {
  if (!Number.isFinite(serial) || serial < 1) return { ok: false, reason: `${serial} is not an Excel date serial number` };
  const whole = Math.floor(serial);
  if (!date1904 && whole === 60) return { ok: false, reason: 'serial 60 is 29 February 1900, a day that does not exist (an Excel legacy bug)' };
  const day = date1904 ? EPOCH_1904 + whole : whole < 60 ? EPOCH_1900 + whole + 1 : EPOCH_1900 + whole;
  const iso = dayToIso(day);
  const check = parseLifecycleDate(iso);
  if (!check.ok) return { ok: false, reason: `serial ${serial} is ${iso}: ${check.reason}` };
  return { ok: true, date: iso };
}

/** `YYYY-MM-DD` -> Excel serial (1900 system unless asked). */
export function isoToExcelSerial(iso: string, date1904 = false): number {
  const r = parseLifecycleDate(iso);
  if (!r.ok) throw new RangeError(r.reason);
  if (date1904) return r.day - EPOCH_1904;
  const serial = r.day - EPOCH_1900;
  return serial <= 60 ? serial - 1 : serial;
}

const normalizeHeader = (text: string): string => text.trim().toLowerCase().replace(/[\s-]+/g, '_');

function cellText(cell: SheetCell | undefined): string {
  if (!cell) return '';
  switch (cell.t) {
    case 'string': return cell.v;
    case 'number': return String(cell.v);
    case 'boolean': return cell.v ? 'yes' : 'no';
    case 'date': return cell.v;
    case 'error': return cell.v;
  }
}

export interface GridReadOptions {
  /** How many rows from the top are searched for the header (default 30). */
  maxHeaderScan?: number;
}

export interface GridRows {
  header: string[];
  rows: string[][];
  /** Sheet row number (1-based) of `rows[0]`: pass as `firstRow` to parseTemplateRows. */
  firstRow: number;
  /** Cells that cannot become text (bad serials, error cells): the row is still returned with the cell empty. */
  errors: RowError[];
  warnings: string[];
}

const TEMPLATE_SET = new Set<string>(TEMPLATE_COLUMNS);

/** Fills every cell of a merged range with the value of its top-left cell. */
export function fillMerges(grid: SheetGrid): SheetCell[][] {
  const rows = grid.rows.map((r) => (r ? [...r] : []));
  for (const m of grid.merges) {
    const master = rows[m.top]?.[m.left] ?? null;
    for (let r = m.top; r <= m.bottom; r++) {
      const row = (rows[r] ??= []);
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) row[c] = master;
    }
  }
  return rows;
}

/** Finds the template header and turns the rows below it into text cells. */
export function gridToTemplateRows(grid: SheetGrid, options: GridReadOptions = {}): GridRows | { header: null; errors: RowError[] } {
  const rows = fillMerges(grid);
  const scan = Math.min(rows.length, options.maxHeaderScan ?? 30);
  let headerAt = -1;
  for (let r = 0; r < scan; r++) {
    const names = (rows[r] ?? []).map((c) => normalizeHeader(cellText(c ?? undefined)));
    const known = names.filter((n) => TEMPLATE_SET.has(n)).length;
    if (names.includes('product') && names.includes('component') && known * 2 >= TEMPLATE_COLUMNS.length) {
      headerAt = r;
      break;
    }
  }
  if (headerAt < 0) {
    return {
      header: null,
      errors: [{ row: 0, column: null, reason: `sheet "${grid.name}": no header row with the template columns (product, component, …) in the first ${scan} rows` }],
    };
  }
  const headerCells = rows[headerAt] ?? [];
  let width = headerCells.length;
  while (width > 0 && cellText(headerCells[width - 1] ?? undefined).trim() === '') width--;
  const header = Array.from({ length: width }, (_, c) => {
    const raw = cellText(headerCells[c] ?? undefined);
    const n = normalizeHeader(raw);
    return TEMPLATE_SET.has(n) ? n : raw.trim();
  });
  const errors: RowError[] = [];
  const warnings: string[] = [];
  let last = rows.length - 1;
  while (last > headerAt && (rows[last] ?? []).every((c) => cellText(c ?? undefined).trim() === '')) last--;
  const out: string[][] = [];
  for (let r = headerAt + 1; r <= last; r++) {
    const src = rows[r] ?? [];
    const cells: string[] = [];
    const rowWidth = Math.max(width, src.length);
    for (let c = 0; c < rowWidth; c++) {
      const cell = src[c] ?? null;
      const column = header[c] ?? null;
      if (cell?.t === 'error') {
        errors.push({ row: r + 1, column, value: cell.v, reason: `the cell holds the spreadsheet error ${cell.v}` });
        cells.push('');
      } else if (cell?.t === 'number' && column && DATE_COLUMNS.has(column)) {
        const d = excelSerialToIso(cell.v, grid.date1904);
        if (d.ok) cells.push(d.date);
        else {
          errors.push({ row: r + 1, column, value: String(cell.v), reason: d.reason });
          cells.push('');
        }
      } else cells.push(cellText(cell ?? undefined));
    }
    out.push(cells);
  }
  if (grid.merges.some((m) => m.top > headerAt && m.left !== m.right)) {
    warnings.push(`sheet "${grid.name}": cells merged across columns repeat their value in every merged column`);
  }
  return { header, rows: out, firstRow: headerAt + 2, errors, warnings };
}

/* ---------------------------------------------------------------- writing */

/**
 * Template rows -> typed cells: numbers as numbers, day dates as date cells,
 * everything else (month-precision dates such as `2027-12`, yes/no, enums) as
 * text so that nothing changes meaning on the way back.
 */
export function templateRowsToCells(header: readonly string[], rows: readonly (readonly string[])[]): SheetCell[][] {
  return rows.map((row) => row.map((text, c) => {
    const column = header[c] ?? '';
    if (text === '') return null;
    if (NUMBER_COLUMNS.has(column) && /^-?\d+(\.\d+)?$/.test(text)) return { t: 'number', v: Number(text) };
    if (DATE_COLUMNS.has(column) && /^\d{4}-\d{2}-\d{2}$/.test(text) && parseLifecycleDate(text).ok) return { t: 'date', v: text };
    // A text cell is not run as a formula in the workbook itself, but it becomes one when the sheet is saved
    // as CSV or its text is re-entered: guarded as the CSV export is (the reader takes the guard off again).
    return { t: 'string', v: neutralizeFormula(text) };
  }));
}
