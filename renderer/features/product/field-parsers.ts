/**
 * Text typed or pasted by a person, turned into a field's value with the domain
 * schema's own rules; refused with the schema's reason, never coerced. An empty
 * text means unknown (null) where the field allows it.
 */
import type { z } from 'zod';
import { lifecycleDateSchema } from '../../../shared/domain';
import type { GridOption, ParseResult } from '../grid/grid-types';

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'not a valid value';
}

export function parseWith(schema: z.ZodType, value: unknown): ParseResult {
  const r = schema.safeParse(value);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: firstIssue(r.error) };
}

export function parseDate(text: string): ParseResult {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  return parseWith(lifecycleDateSchema, t);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A number in plain decimal notation ("7", "7.5"); "7 years" or "seven" is refused. */
export function parseNumber(text: string, schema: z.ZodType, what: string): ParseResult {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!NUMBER.test(t)) return { ok: false, reason: `“${t}” is not a number: type ${what} as digits, e.g. 7 or 7.5` };
  return parseWith(schema, Number(t));
}

/** A count: digits only. */
export function parseWholeNumber(text: string, schema: z.ZodType, what: string): ParseResult {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!/^\d+$/.test(t)) return { ok: false, reason: `“${t}” is not a whole number: type ${what} as digits, e.g. 20000` };
  return parseWith(schema, Number(t));
}

/** Text fields; `optional` fields (purl, cpe, sources) become undefined when empty. */
export function parseText(text: string, schema: z.ZodType, optional = false): ParseResult {
  if (optional && text.trim() === '') return { ok: true, value: undefined };
  return parseWith(schema, text);
}

/** An option by its value or label, case-insensitive (“OTA”, “ota”); '' is unknown when allowed. */
export function parseOption(text: string, options: readonly GridOption[], required: string | null): ParseResult {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'unknown') {
    if (required) return { ok: false, reason: required };
    return { ok: true, value: null };
  }
  const match = options.find((o) => o.value !== '' && (o.value.toLowerCase() === t || o.label.toLowerCase() === t));
  if (!match) {
    const allowed = options.filter((o) => o.value !== '').map((o) => o.value).join(', ');
    return { ok: false, reason: `“${text.trim()}” is not one of: ${allowed}${required ? '' : ' (or empty for unknown)'}` };
  }
  return { ok: true, value: match.value };
}

export const YES_NO_OPTIONS: readonly GridOption[] = [
  { value: '', label: 'Unknown' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** yes / no / empty (unknown); TRUE and FALSE as spreadsheets write them are the same words. */
export function parseYesNo(text: string): ParseResult {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'unknown') return { ok: true, value: null };
  if (t === 'yes' || t === 'true') return { ok: true, value: true };
  if (t === 'no' || t === 'false') return { ok: true, value: false };
  return { ok: false, reason: `“${text.trim()}” is not yes, no or empty (unknown)` };
}

export function yesNoText(value: boolean | null): string {
  return value === null ? '' : value ? 'yes' : 'no';
}
