/**
 * An import profile: how the columns of one kind of spreadsheet map to the
 * template, which conventions and date order it uses and what its own words
 * for the app's values mean. Saved under a name (and as a small JSON file),
 * it is offered again when a file with the same header comes in.
 */
import { z } from 'zod';
import { TEMPLATE_COLUMNS, type TemplateColumn } from '../../csv/columns';
import { ENUM_COLUMNS, isEnumColumn, type EnumColumn } from './enum-synonyms';
import { fold } from './fold';
import type { DateOrder, Locale } from './values';

export const PROFILE_FORMAT = 'supportspan-import-profile';
/** A profile file larger than this is not a profile. */
export const MAX_PROFILE_BYTES = 256 * 1024;

const key = z.string().max(500);
export const importProfileSchema = z.strictObject({
  format: z.literal(PROFILE_FORMAT),
  version: z.literal(1),
  name: z.string().trim().min(1, 'a profile needs a name').max(200),
  /** The header's cells, folded: a file whose header folds the same is offered this profile. */
  header: z.array(key).max(200),
  sheet: z.string().max(200).optional(),
  headerRow: z.number().int().min(1).max(10_000).optional(),
  locale: z.enum(['en', 'de']).optional(),
  /** Folded header text -> template column, or null for a column deliberately ignored. */
  columns: z.record(key, z.enum(TEMPLATE_COLUMNS).nullable()),
  /** Enum column -> folded value as written -> the app's value. */
  enums: z.record(z.string().max(40), z.record(key, z.string().max(40))).default({}),
  /** Template date column -> order of its slash dates. */
  dateOrder: z.record(z.string().max(40), z.enum(['dmy', 'mdy'])).default({}),
});
export type ImportProfile = z.infer<typeof importProfileSchema>;

/** The parts of a profile the reader applies, as maps (no prototype keys from a file). */
export interface ProfileRules {
  name: string;
  columns: Map<string, TemplateColumn | null>;
  enums: Map<EnumColumn, Map<string, string>>;
  dateOrder: Map<TemplateColumn, DateOrder>;
  locale?: Locale;
  sheet?: string;
  headerRow?: number;
}

export type ProfileParse = { ok: true; profile: ImportProfile } | { ok: false; error: string };

/** Validates a profile (parsed JSON); values of enum columns must be the app's values. */
export function parseProfile(value: unknown): ProfileParse {
  const parsed = importProfileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') ?? '';
    return { ok: false, error: `not a Supportspan import profile${where ? ` (${where}: ${issue?.message})` : ''}` };
  }
  for (const [column, values] of Object.entries(parsed.data.enums)) {
    if (!isEnumColumn(column)) return { ok: false, error: `the import profile maps values of "${column}", which has no fixed values` };
    const allowed: readonly string[] = ENUM_COLUMNS[column];
    for (const v of Object.values(values)) {
      if (!allowed.includes(v)) return { ok: false, error: `the import profile maps a value of ${column} to "${v}", which is not one of: ${allowed.join(', ')}` };
    }
  }
  for (const column of Object.keys(parsed.data.dateOrder)) {
    if (!(TEMPLATE_COLUMNS as readonly string[]).includes(column)) return { ok: false, error: `the import profile gives a date order for "${column}", which is not a template column` };
  }
  return { ok: true, profile: parsed.data };
}

/** Reads a profile file's text (size-checked, JSON, schema). */
export function parseProfileText(text: string): ProfileParse {
  if (text.length > MAX_PROFILE_BYTES) return { ok: false, error: `the file is larger than ${MAX_PROFILE_BYTES / 1024} KiB: not an import profile` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the file is not JSON: not an import profile' };
  }
  return parseProfile(value);
}

export function profileRules(profile: ImportProfile): ProfileRules {
  const enums = new Map<EnumColumn, Map<string, string>>();
  for (const [column, values] of Object.entries(profile.enums)) {
    if (isEnumColumn(column)) enums.set(column, new Map(Object.entries(values)));
  }
  const rules: ProfileRules = {
    name: profile.name,
    columns: new Map(Object.entries(profile.columns)),
    enums,
    dateOrder: new Map(Object.entries(profile.dateOrder) as [TemplateColumn, DateOrder][]),
  };
  if (profile.locale) rules.locale = profile.locale;
  if (profile.sheet !== undefined) rules.sheet = profile.sheet;
  if (profile.headerRow !== undefined) rules.headerRow = profile.headerRow;
  return rules;
}

export const headerSignature = (header: readonly string[]): string[] => header.map(fold);

/** Does the profile belong to this header (same cells, folded)? */
export function profileFitsHeader(profile: ImportProfile, header: readonly string[]): boolean {
  const sig = headerSignature(header);
  while (sig.length > 0 && sig[sig.length - 1] === '') sig.pop();
  return sig.length === profile.header.length && sig.every((s, i) => s === profile.header[i]);
}

export function profileToJson(profile: ImportProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}
