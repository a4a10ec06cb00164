/** Lifecycle dates as CycloneDX writes them (ISO 8601 date or date-time) and as we write them back. */
import { dayToIso, parseLifecycleDate, toDay } from '../../domain/dates';

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `YYYY-MM-DD`, `YYYY-MM`, or a date-time (its date part, `converted` says so). */
export function readBomDate(value: string): { ok: true; date: string; converted: boolean } | { ok: false; reason: string } {
  const text = value.trim();
  const dt = ISO_DATE_TIME.exec(text);
  const candidate = dt ? dt[1]! : text;
  const r = parseLifecycleDate(candidate);
  return r.ok ? { ok: true, date: candidate, converted: candidate !== value } : { ok: false, reason: r.reason };
}

/** A full day for export: a month (`2030-06`) becomes its last day (`2030-06-30`). */
export const fullDate = (date: string): string => dayToIso(toDay(date));

/** A lifecycle date as a CycloneDX date-time (end of that day, UTC), for fields the schema types as date-time. */
export const endOfDayTimestamp = (date: string): string => `${fullDate(date)}T23:59:59Z`;
