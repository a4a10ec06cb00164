/**
 * Dates as the charts show them. A missing date stays unknown (day = null) and
 * is labelled "unknown": it is never drawn at today. A month-precision date
 * ("2030-06") sits at the last day of its month and keeps its "YYYY-MM" label,
 * because that is all the source said.
 */
import { parseLifecycleDate, dayToIso, type DayNumber } from '../domain/dates';
import { formatDate } from '../format/format';

export const UNKNOWN_LABEL = 'unknown';

export interface ChartDate {
  /** The text as stored, or null when unknown. */
  text: string | null;
  day: DayNumber | null;
  precision: 'day' | 'month' | null;
  label: string;
}

export function chartDate(text: string | null | undefined): ChartDate {
  if (text === null || text === undefined || text === '') {
    return { text: null, day: null, precision: null, label: UNKNOWN_LABEL };
  }
  const parsed = parseLifecycleDate(text);
  if (!parsed.ok) {
    // Stored data is validated; should a bad value slip through it is shown as what it is.
    return { text, day: null, precision: null, label: `invalid date "${text}"` };
  }
  return { text, day: parsed.day, precision: parsed.precision, label: formatDate(text) };
}

/** A computed date (e.g. first placed + expected life): day precision. */
export function chartDay(day: DayNumber | null): ChartDate {
  return day === null ? chartDate(null) : chartDate(dayToIso(day));
}

/** Year tick label for a day number. */
export function yearLabel(day: DayNumber): string {
  return dayToIso(day).slice(0, 4);
}

export const DAYS_PER_MONTH = 365.2425 / 12;
export const DAYS_PER_YEAR = 365.2425;

export function daysToMonths(days: number): number {
  return Math.round((days / DAYS_PER_MONTH) * 10) / 10;
}
