/**
 * Cell readers for the template. Each returns the typed value, `null` for an
 * empty cell (unknown), or the reason the text is not acceptable. Nothing is
 * guessed: "7 years", "1e3", "7,5" or "31/12/2026" are refused with a reason
 * rather than turned into a number or a date.
 */
import { parseLifecycleDate } from '../domain/dates';
import { marketSchema } from '../domain/schemas';

export type CellResult<T> = { ok: true; value: T | null } | { ok: false; reason: string };

const ok = <T>(value: T | null): CellResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): CellResult<T> => ({ ok: false, reason });

export function readText(text: string): CellResult<string> {
  return ok(text === '' ? null : text);
}

export function readEnum<T extends string>(text: string, allowed: readonly T[]): CellResult<T> {
  if (text === '') return ok(null);
  const lower = text.toLowerCase();
  const hit = allowed.find((a) => a === lower);
  if (hit) return ok(hit);
  return fail(`"${text}" is not one of: ${allowed.join(', ')}`);
}

export function readYesNo(text: string): CellResult<boolean> {
  if (text === '') return ok(null);
  const lower = text.toLowerCase();
  if (lower === 'yes') return ok(true);
  if (lower === 'no') return ok(false);
  return fail(`"${text}" is not yes or no`);
}

export function readDate(text: string): CellResult<string> {
  if (text === '') return ok(null);
  const r = parseLifecycleDate(text);
  return r.ok ? ok(text) : fail(r.reason);
}

const DECIMAL = /^\d+(\.\d+)?$/;
const DECIMAL_COMMA = /^\d+,\d+$/;
const WHOLE = /^\d+$/;

/** A number of years, > 0 and at most 100; decimal point only. */
export function readYears(text: string): CellResult<number> {
  if (text === '') return ok(null);
  if (DECIMAL_COMMA.test(text)) {
    return fail(`"${text}" uses a decimal comma: write it with a point, e.g. ${text.replace(',', '.')}`);
  }
  if (!DECIMAL.test(text)) return fail(`"${text}" is not a number of years: write digits only, e.g. 10 or 7.5`);
  const value = Number(text);
  if (!(value > 0) || value > 100) return fail(`${text} years is outside the accepted range (more than 0, at most 100)`);
  return ok(value);
}

/** A whole number of units, without thousands separators. */
export function readUnits(text: string): CellResult<number> {
  if (text === '') return ok(null);
  if (/^\d{1,3}([ ,.'\u00a0\u202f]\d{3})+$/.test(text)) {
    return fail(`"${text}" has thousands separators: write the digits only, e.g. ${text.replace(/[^\d]/g, '')}`);
  }
  if (!WHOLE.test(text)) return fail(`"${text}" is not a whole number of units`);
  const value = Number(text);
  if (value > 1e12) return fail(`${text} units per year is more than the accepted 1000000000000`);
  return ok(value);
}

/** Market codes separated by `;`, e.g. `EU;UK;US`. Codes are read case-insensitively. */
export function readMarkets(text: string): CellResult<string[]> {
  if (text === '') return ok([]);
  if (text.includes(',') && !text.includes(';')) {
    return fail(`"${text}": separate markets with ";" (e.g. EU;UK;US)`);
  }
  const parts = text.split(';').map((p) => p.trim()).filter((p) => p !== '');
  const seen = new Set<string>();
  for (const part of parts) {
    const code = part.toUpperCase();
    if (!marketSchema.safeParse(code).success) {
      return fail(`"${part}" is not a market code: use short codes such as EU, UK or US, separated by ";"`);
    }
    if (seen.has(code)) return fail(`market ${code} is listed twice`);
    seen.add(code);
  }
  if (parts.length > 50) return fail(`${parts.length} markets listed; at most 50 are accepted`);
  return ok([...seen]);
}
