/**
 * Lifecycle dates.
 *
 * Stored as text exactly as the user gave them: `YYYY-MM-DD`, or `YYYY-MM`
 * meaning the last day of that month (support ends are often published as
 * "month and year"). Analysis works on whole UTC day numbers (days since
 * 1970-01-01) so that comparisons are integer comparisons and results do not
 * depend on the machine's time zone.
 */

export type DayNumber = number;

/** Years outside this range are refused: they are typing errors, not plans. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type DateParse =
  | { ok: true; day: DayNumber; precision: 'day' | 'month' }
  | { ok: false; reason: string };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a lifecycle date; never guesses. */
export function parseLifecycleDate(text: string): DateParse {
  const day = DAY_RE.exec(text);
  const month = day ? null : MONTH_RE.exec(text);
  const m = day ?? month;
  if (!m) {
    return { ok: false, reason: `"${text}" is not a date: use YYYY-MM-DD, or YYYY-MM for the end of a month` };
  }
  const year = Number(m[1]);
  const mon = Number(m[2]);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, reason: `year ${m[1]} in "${text}" is outside ${MIN_YEAR}-${MAX_YEAR}` };
  }
  if (mon < 1 || mon > 12) {
    return { ok: false, reason: `month ${m[2]} in "${text}" does not exist` };
  }
  const last = daysInMonth(year, mon);
  if (day) {
    const d = Number(day[3]);
    if (d < 1 || d > last) {
      return { ok: false, reason: `day ${day[3]} in "${text}" does not exist (${m[1]}-${m[2]} has ${last} days)` };
    }
    return { ok: true, day: Date.UTC(year, mon - 1, d) / MS_PER_DAY, precision: 'day' };
  }
  return { ok: true, day: Date.UTC(year, mon - 1, last) / MS_PER_DAY, precision: 'month' };
}

export function isLifecycleDate(text: string): boolean {
  return parseLifecycleDate(text).ok;
}

/** Day number of a date already validated by the schema; throws on bad input. */
export function toDay(text: string): DayNumber {
  const r = parseLifecycleDate(text);
  if (!r.ok) throw new RangeError(r.reason);
  return r.day;
}

/** Only `YYYY-MM-DD` (an as-of date must be a day). */
export function parseDayDate(text: string): DateParse {
  if (!DAY_RE.test(text)) return { ok: false, reason: `"${text}" is not a day: use YYYY-MM-DD` };
  return parseLifecycleDate(text);
}

export function dayToIso(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Adds calendar years (29 Feb + 1 year = 28 Feb) and then any fraction as days of 365.2425. */
export function addYears(day: DayNumber, years: number): DayNumber {
  const whole = Math.trunc(years);
  const frac = years - whole;
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear() + whole;
  const mon = d.getUTCMonth();
  const dom = Math.min(d.getUTCDate(), daysInMonth(y, mon + 1));
  const base = Date.UTC(y, mon, dom) / MS_PER_DAY;
  return base + Math.round(frac * 365.2425);
}

export function addMonths(day: DayNumber, months: number): DayNumber {
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + Math.trunc(months);
  const y = Math.floor(total / 12);
  const mon = total - y * 12;
  const dom = Math.min(d.getUTCDate(), daysInMonth(y, mon + 1));
  return Date.UTC(y, mon, dom) / MS_PER_DAY;
}

export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Today as a day, from an injected clock so that analysis stays reproducible. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
