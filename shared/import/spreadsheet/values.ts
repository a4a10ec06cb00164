/**
 * Reading the values people write into the template's own forms, each
 * conversion with the reason it is shown for. What cannot be read for sure is
 * refused with a reason, never guessed: a slash date whose order the column
 * does not show is asked (`ask: 'date-order'`), a decimal comma in a file
 * with English conventions is refused.
 */
import { parseLifecycleDate } from '../../domain/dates';
import { excelSerialToIso } from '../../interop/xlsx-rows';
import { fold } from './fold';

export type Locale = 'en' | 'de';
/** Day before month (31/12/2030) or month before day (12/31/2030). */
export type DateOrder = 'dmy' | 'mdy';

export type ValueResult =
  | { ok: true; text: string; note?: string }
  | { ok: false; reason: string; ask?: 'date-order' };

const ok = (text: string, note?: string): ValueResult => (note === undefined ? { ok: true, text } : { ok: true, text, note });
const no = (reason: string): ValueResult => ({ ok: false, reason });

/* ------------------------------------------------------------ unknowns */

const UNKNOWN_RAW = new Set(['?', '??', '???', '-', '--', '---', '–', '—', '/', 'n/a', 'n.a.', 'k.a.', 'k. a.', 'tbd', 'tbc', 'tba']);
const UNKNOWN_FOLDED = new Set(['tbd', 'tbc', 'tba', 'n a', 'na', 'unknown', 'not known', 'unbekannt', 'k a', 'keine angabe', 'offen', 'to be defined', 'to be determined', 'noch offen']);

/** `TBD`, `n/a`, `unknown`, `?`, `-` and their German forms: an explicit "not known". */
export function isExplicitUnknown(text: string): boolean {
  // Dates and numbers (most cells) start with a digit; no unknown does, and none is long.
  const c = text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || text.length > 24) return false;
  const t = text.trim().toLowerCase();
  return UNKNOWN_RAW.has(t) || UNKNOWN_FOLDED.has(fold(text));
}

/* ------------------------------------------------------------ dates */

const MONTHS = new Map<string, number>();
[
  ['jan', 'january', 'januar', 'jaenner', 'jän'], ['feb', 'february', 'februar', 'febr'], ['mar', 'march', 'maerz', 'maer', 'mrz', 'märz', 'mär'],
  ['apr', 'april'], ['may', 'mai'], ['jun', 'june', 'juni'], ['jul', 'july', 'juli'], ['aug', 'august'],
  ['sep', 'sept', 'september'], ['oct', 'october', 'okt', 'oktober'], ['nov', 'november'], ['dec', 'december', 'dez', 'dezember'],
].forEach((names, i) => names.forEach((n) => MONTHS.set(fold(n), i + 1)));

const pad = (n: number): string => String(n).padStart(2, '0');

function checked(iso: string, note: string): ValueResult {
  const r = parseLifecycleDate(iso);
  return r.ok ? ok(iso, note) : no(r.reason);
}

function dayDate(year: number, month: number, day: number, original: string, note: string): ValueResult {
  if (month < 1 || month > 12) return no(`"${original}": month ${month} does not exist`);
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  const r = parseLifecycleDate(iso);
  return r.ok ? ok(iso, note) : no(`"${original}": ${r.reason}`);
}

/** Slash (or dash) day-month-year dates: `a/b/YYYY`. */
export const SLASH_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

/** What a column's slash dates show about their order: a first part above 12 is a day, a second part above 12 is a day. */
export function slashOrderEvidence(values: Iterable<string>): { order: DateOrder | null; ambiguous: boolean; conflict: boolean } {
  let dmy = false;
  let mdy = false;
  let any = false;
  for (const v of values) {
    const m = SLASH_DATE.exec(v.trim());
    if (!m) continue;
    any = true;
    if (Number(m[1]) > 12) dmy = true;
    if (Number(m[2]) > 12) mdy = true;
  }
  if (dmy && mdy) return { order: null, ambiguous: false, conflict: true };
  return { order: dmy ? 'dmy' : mdy ? 'mdy' : null, ambiguous: any && !dmy && !mdy, conflict: false };
}

export interface DateContext {
  /** The order of the column's slash dates, when the column shows it or the user said it. */
  order: DateOrder | null;
}

export function convertDate(raw: string, ctx: DateContext): ValueResult {
  const text = raw.trim();
  let m: RegExpExecArray | null;
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(text)) {
    const r = parseLifecycleDate(text);
    return r.ok ? ok(text) : no(r.reason);
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}/.exec(text))) return checked(m[1]!, 'date and time: the time of day is dropped');
  if ((m = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/.exec(text))) return dayDate(Number(m[3]), Number(m[2]), Number(m[1]), text, 'date DD.MM.YYYY');
  if ((m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(text))) return dayDate(Number(m[1]), Number(m[2]), Number(m[3]), text, 'date YYYY/MM/DD');
  if ((m = /^(\d{1,2})[./](\d{4})$/.exec(text))) {
    const month = Number(m[1]);
    if (month < 1 || month > 12) return no(`"${text}": month ${month} does not exist`);
    return checked(`${m[2]}-${pad(month)}`, 'month MM.YYYY: the end of that month');
  }
  if ((m = /^(\d{4})\/(\d{1,2})$/.exec(text))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return no(`"${text}": month ${month} does not exist`);
    return checked(`${m[1]}-${pad(month)}`, 'month YYYY/MM: the end of that month');
  }
  if ((m = /^([A-Za-zÄÖÜäöü]{3,10})\.?[\s-]+(\d{4})$/.exec(text))) {
    const month = MONTHS.get(fold(m[1]!));
    if (month === undefined) return no(`"${text}": "${m[1]}" is not a month name`);
    return checked(`${m[2]}-${pad(month)}`, 'month name and year: the end of that month');
  }
  if ((m = /^(\d{1,2})\.?[\s-]+([A-Za-zÄÖÜäöü]{3,10})\.?,?[\s-]+(\d{4})$/.exec(text))) {
    const month = MONTHS.get(fold(m[2]!));
    if (month === undefined) return no(`"${text}": "${m[2]}" is not a month name`);
    return dayDate(Number(m[3]), month, Number(m[1]), text, 'day, month name and year');
  }
  if ((m = /^([A-Za-z]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text))) {
    const month = MONTHS.get(fold(m[1]!));
    if (month === undefined) return no(`"${text}": "${m[1]}" is not a month name`);
    return dayDate(Number(m[3]), month, Number(m[2]), text, 'month name, day and year');
  }
  if ((m = SLASH_DATE.exec(text))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    if (ctx.order === null) {
      return { ok: false, ask: 'date-order', reason: `"${text}" could be day/month or month/day, and no date in the column tells which: say which order the column uses` };
    }
    return ctx.order === 'dmy'
      ? dayDate(year, b, a, text, 'date day/month/year')
      : dayDate(year, a, b, text, 'date month/day/year');
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) return excelSerial(Number(text), false, text);
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2}$/.test(text)) return no(`"${text}" has a two-digit year: write the year in full (e.g. 31.12.2030 or 2030-12-31)`);
  if (/^\d{4}$/.test(text)) return no(`"${text}" is a year without a month: write ${text}-12 for the end of ${text}, or a full date`);
  return no(`"${text}" is not a date: use YYYY-MM-DD, YYYY-MM, DD.MM.YYYY, MM.YYYY or a month name and year (Dec 2036)`);
}

/** An Excel serial day number (a date cell written as a number). */
export function excelSerial(serial: number, date1904: boolean, original = String(serial)): ValueResult {
  const r = excelSerialToIso(serial, date1904);
  if (!r.ok) return no(`"${original}": ${r.reason}`);
  return ok(r.date, `Excel date number (${date1904 ? '1904' : '1900'} date system)`);
}

/* ------------------------------------------------------------ numbers */

const SPACE_THOUSANDS = /^\d{1,3}([ \u00a0\u202f']\d{3})+$/;
const YEARS_UNIT = /^(.*?\d)\s*(years?|yrs?|y|jahre?|j|a)\.?$/i;

/** A number in the file's conventions -> the template's form (digits, `.` as decimal point). */
export function convertNumber(raw: string, locale: Locale): ValueResult {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return ok(text);
  if (SPACE_THOUSANDS.test(text)) return ok(text.replace(/[^\d]/g, ''), 'thousands separated by spaces');
  if (locale === 'de') {
    if (/^\d{1,3}(\.\d{3})+$/.test(text)) return ok(text.replace(/\./g, ''), '"." as thousands separator (German conventions)');
    if (/^\d+,\d+$/.test(text)) return ok(text.replace(',', '.'), 'decimal comma (German conventions)');
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(text)) return ok(text.replace(/\./g, '').replace(',', '.'), 'thousands "." and decimal comma (German conventions)');
    if (/^\d+\.\d+$/.test(text)) return ok(text, 'decimal point in a file with German conventions');
    if (/^\d{1,3}(,\d{3})+$/.test(text)) return no(`"${text}" has "," as a thousands separator, but the file uses German conventions (where "," is the decimal comma): write ${text.replace(/,/g, '')} or choose English conventions`);
  } else {
    if (/^\d+\.\d+$/.test(text)) return ok(text);
    if (/^\d{1,3}(,\d{3})+$/.test(text)) return ok(text.replace(/,/g, ''), '"," as thousands separator (English conventions)');
    if (/^\d{1,3}(,\d{3})+\.\d+$/.test(text)) return ok(text.replace(/,/g, ''), 'thousands "," (English conventions)');
    if (/^\d+,\d+$/.test(text)) return no(`"${text}" has a decimal comma, but the file uses English conventions: write ${text.replace(',', '.')} or choose German conventions`);
  }
  return no(`"${text}" is not a number`);
}

/** A number of years: `15`, `7,5` (German), `15 years`, `15 Jahre`. */
export function convertYears(raw: string, locale: Locale): ValueResult {
  const m = YEARS_UNIT.exec(raw.trim());
  if (!m) return convertNumber(raw, locale);
  const r = convertNumber(m[1]!, locale);
  if (!r.ok) return r;
  return ok(r.text, r.note ? `${r.note}; unit "${m[2]}" dropped` : `unit "${m[2]}" dropped`);
}

/* ------------------------------------------------------------ yes/no, lists */

const YES = new Set(['yes', 'y', 'ja', 'j', 'true', 'wahr', 'x', '1', 'vorhanden']);
const NO = new Set(['no', 'n', 'nein', 'false', 'falsch', '0']);

export function convertYesNo(raw: string): ValueResult {
  const text = raw.trim();
  const f = fold(text) || text;
  if (f === 'yes' || f === 'no') return ok(f);
  if (YES.has(f) || text === '✓' || text === '✔') return ok('yes', `"${text}" read as yes`);
  if (NO.has(f)) return ok('no', `"${text}" read as no`);
  return no(`"${text}" is not yes or no (yes/no, Y/N, x, Ja/Nein, true/false, 1/0 are read)`);
}

/** `EU;UK`, `EU, UK`, `EU UK`, `EU/UK` -> `EU;UK`. */
export function convertList(raw: string): ValueResult {
  const text = raw.trim();
  const parts = text.split(/\s*[;,/|+]\s*|\s+/).filter((p) => p !== '');
  const joined = parts.map((p) => p.toUpperCase()).join(';');
  if (joined === text.toUpperCase()) return ok(joined);
  return ok(joined, 'list separators read as ";"');
}

