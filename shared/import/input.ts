/**
 * The one contract every portfolio reader (the CSV template, users' own CSV and
 * XLSX spreadsheets, CycloneDX JSON and XML, bundles) returns, so the app's import
 * screens and every CLI command read all of them the same way.
 *
 * A reader never coerces a value silently: every value it understood differently
 * from how it was written is a `ConversionNote` (shown next to the original and
 * listed as a warning); every value it could not understand is a `RowError`.
 */
import type { Portfolio } from '../domain/schemas';
import type { RowError } from '../csv/columns';

export type { RowError };

export const INPUT_FORMATS = [
  'csv-template', 'csv', 'xlsx', 'cyclonedx-json', 'cyclonedx-xml', 'bundle', 'portfolio-json',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** A value understood differently from how it was written, or a cell left out. */
export interface ConversionNote {
  /** Spreadsheet row (header = 1), or null where the input has no rows (an SBOM). */
  row: number | null;
  /** Column header as the file wrote it, or a path inside the document (`components[3].version`). */
  column: string | null;
  /** The value exactly as the file had it. */
  original: string;
  /** What it was read as, in the app's terms (`2030-12-31`, `12.5`, `unknown`, `skipped`). */
  understoodAs: string;
  /** Why, in the user's terms ("German date DD.MM.YYYY", "explicit unknown", "Total row"). */
  reason: string;
}

/** Conventions a reader may be told instead of detecting them. */
export type InputLocale = 'auto' | 'en' | 'de';

export interface PortfolioReadOptions {
  /** Number, date and list conventions; `auto` (default) detects them from the file. */
  locale?: InputLocale;
  /** A saved import profile (parsed JSON, validated by the spreadsheet reader). */
  profile?: unknown;
  /** Leave unreadable cells empty (unknown) and list them as notes instead of refusing the file. */
  lenient?: boolean;
}

export interface PortfolioReadResult {
  format: InputFormat;
  portfolio: Portfolio;
  notes: ConversionNote[];
  /** Non-empty means the input must not be written or analysed. */
  errors: RowError[];
  /** What the reader detected, for people: "encoding Windows-1252", "header on row 3 of sheet Plan". */
  details: string[];
}
