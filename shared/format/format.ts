/**
 * The one way Supportspan writes numbers, counts, dates, gaps and sizes, for
 * every screen, export, report and the CLI. Nothing else formats these: a
 * screen that needs "3 products" or "6 y 1 m short" calls this module.
 *
 * Rules: ISO 8601 dates (YYYY-MM-DD) whatever the locale; thousands grouped
 * with a comma ("12,000"); one minus sign character (U+2212) for negative
 * numbers shown to people; correct singular and plural; gaps as years and
 * months, never a fractional month.
 */
import { dayToIso, type DayNumber } from '../domain/dates';

/** The minus sign used for every negative number shown to people. */
export const MINUS = '\u2212';

const DAYS_PER_MONTH = 365.2425 / 12;

/** "12,000"; "1,234.5" with `fractionDigits` 1. Negative numbers use MINUS. */
export function formatNumber(n: number, fractionDigits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const fixed = Math.abs(n).toFixed(fractionDigits);
  const [whole, frac] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const isNegative = n < 0 && Number(fixed) !== 0;
  return `${isNegative ? MINUS : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** "+3" / "−3" / "0": a signed whole number with one sign character. */
export function formatSigned(n: number, fractionDigits = 0): string {
  const body = formatNumber(Math.abs(n), fractionDigits);
  if (Number(Math.abs(n).toFixed(fractionDigits)) === 0) return body;
  return `${n < 0 ? MINUS : '+'}${body}`;
}

/** The noun for a count: `plural(1, 'product line')` → "product line"; 2 → "product lines". */
export function plural(n: number, singular: string, pluralForm?: string): string {
  return n === 1 ? singular : (pluralForm ?? `${singular}s`);
}

/** "1 product line", "14,682 findings", "0 components". */
export function formatCount(n: number, singular: string, pluralForm?: string): string {
  return `${formatNumber(n)} ${plural(n, singular, pluralForm)}`;
}

/** A stored lifecycle date (YYYY-MM-DD or YYYY-MM) is shown as stored; a day number as YYYY-MM-DD. */
export function formatDate(value: string | DayNumber | null | undefined, empty = '—'): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'number') return dayToIso(value);
  return value;
}

/** A timestamp as "YYYY-MM-DD HH:MM UTC" (the app's record times are UTC). */
export function formatTimestamp(iso: string | Date | null | undefined, empty = '—'): string {
  if (iso === null || iso === undefined || iso === '') return empty;
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return typeof iso === 'string' ? iso : empty;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** Whole months in a span of days, rounded to the nearest month. */
export function daysToMonths(days: number): number {
  return Math.round(days / DAYS_PER_MONTH);
}

/** "6 y 1 m", "1 month", "2 years", "less than a month" for a non-negative number of whole months. */
export function formatMonths(months: number): string {
  const m = Math.abs(Math.round(months));
  if (m === 0) return 'less than a month';
  const years = Math.floor(m / 12);
  const rest = m % 12;
  if (years === 0) return formatCount(rest, 'month');
  if (rest === 0) return formatCount(years, 'year');
  return `${formatNumber(years)} y ${rest} m`;
}

export type GapSense = 'short-left' | 'late-early';

/**
 * A gap between what is needed and what is declared, in months: negative means
 * short (support ends before it must), positive means margin.
 * `formatGapMonths(-73)` → "6 y 1 m short"; `formatGapMonths(1)` → "1 month left".
 */
export function formatGapMonths(months: number | null, empty = 'unknown'): string {
  if (months === null || !Number.isFinite(months)) return empty;
  const rounded = Math.round(months);
  if (rounded === 0) return 'on the day';
  return `${formatMonths(rounded)} ${rounded < 0 ? 'short' : 'left'}`;
}

/** The same for a gap in days (findings carry days): shown in years and months. */
export function formatGapDays(days: number | null, empty = 'unknown'): string {
  if (days === null || !Number.isFinite(days)) return empty;
  if (days === 0) return 'on the day';
  const months = daysToMonths(days);
  if (months === 0) return `${formatCount(Math.abs(days), 'day')} ${days < 0 ? 'short' : 'left'}`;
  return formatGapMonths(months, empty);
}

/**
 * A shortfall in days (what findings and the planner carry: needed end minus
 * actual end, positive when support falls short): "6 y 6 m short", "1 month left".
 */
export function formatShortfallDays(days: number | null, empty = 'unknown'): string {
  if (days === null || !Number.isFinite(days)) return empty;
  return formatGapDays(-days, empty);
}

/**
 * "3.2 MB", "48.3 MB", "512 bytes": binary multiples (1 MB = 1,048,576 bytes),
 * one decimal below 100 ("48.3 MB", so a size just over a limit rarely prints as the limit).
 */
export function formatBytes(n: number): string {
  if (n < 1024) return formatCount(n, 'byte');
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(v, v < 100 ? 1 : 0)} ${units[i]}`;
}

/** A size and the limit it breaks, exact in bytes when rounding would make them read the same. */
export function formatBytesAgainst(size: number, limit: number): [string, string] {
  const a = formatBytes(size);
  const b = formatBytes(limit);
  return a === b ? [formatCount(size, 'byte'), formatCount(limit, 'byte')] : [a, b];
}

/** "42 %" → "42%": a share 0..1 as a whole percentage. */
export function formatPercent(share: number, fractionDigits = 0): string {
  return `${formatNumber(share * 100, fractionDigits)}%`;
}

/** "1,234 unit-years" exposure: one decimal below 10, whole above. */
export function formatUnitYears(n: number): string {
  const digits = Math.abs(n) < 10 && n !== 0 ? 1 : 0;
  return `${formatNumber(n, digits)} ${Math.abs(n) === 1 ? 'unit-year' : 'unit-years'}`;
}

/** Hours and minutes for a countdown: "23 h 5 m left", "2 d 4 h left", "3 h 10 m overdue". */
export function formatCountdown(ms: number): string {
  const overdue = ms < 0;
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const body = days > 0 ? `${days} d ${hours} h` : `${hours} h ${minutes} m`;
  return `${body} ${overdue ? 'overdue' : 'left'}`;
}
