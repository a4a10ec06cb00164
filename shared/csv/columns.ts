/**
 * The spreadsheet template: one row per component, with its product's (and
 * product line's) fields repeated on every row. The header names are the
 * contract with users' spreadsheets, the CLI and the app's import; they never
 * change meaning, new columns are only ever added.
 */
export const LINE_COLUMNS = ['product_line', 'environment'] as const;

export const PRODUCT_COLUMNS = [
  'product', 'sku', 'category', 'markets', 'first_placed_on_market', 'last_placed_on_market',
  'expected_use_years', 'declared_support_end', 'units_per_year',
  'product_notes',
] as const;

export const COMPONENT_COLUMNS = [
  'component', 'class', 'role', 'supplier', 'version', 'core', 'security_support_end',
  'update_mechanism', 'expected_life_years', 'field_replaceable', 'spare_parts_until',
  'repair_docs', 'expires',
  'purl',
  'cpe',
  'component_notes',
] as const;

/**
 * Scope and ecosystem columns, added later: optional, so files made before
 * them keep importing (an absent column reads as empty cells).
 * - sold_to_consumers: yes, no, empty = the line's environment decides;
 * - sector_regulation: empty = none, mdr, ivdr, vehicles, aviation, marine;
 * - planned_last_placed: when sales of a product still on sale are planned to stop;
 * - on_shutdown: what the device does when an ecosystem service ends.
 */
export const SCOPE_PRODUCT_COLUMNS = ['sold_to_consumers', 'sector_regulation', 'planned_last_placed'] as const;
export const ECOSYSTEM_COMPONENT_COLUMNS = ['on_shutdown'] as const;

export const TEMPLATE_COLUMNS = [
  ...LINE_COLUMNS, ...PRODUCT_COLUMNS, ...COMPONENT_COLUMNS, ...SCOPE_PRODUCT_COLUMNS, ...ECOSYSTEM_COMPONENT_COLUMNS,
] as const;

/**
 * Columns added after the first template: a file written before they existed
 * lacks them, and reads as if they were empty. Add every new column here too.
 */
export const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set<string>([
  'product_notes', 'purl', 'cpe', 'component_notes',
  ...SCOPE_PRODUCT_COLUMNS, ...ECOSYSTEM_COMPONENT_COLUMNS,
]);

export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number] | (typeof SCOPE_PRODUCT_COLUMNS)[number];
export type ComponentColumn = (typeof COMPONENT_COLUMNS)[number] | (typeof ECOSYSTEM_COMPONENT_COLUMNS)[number];

/**
 * Largest template accepted, in characters of text (the CLI checks the same
 * number in bytes before reading). 32 MiB holds well over 100,000 component
 * rows, far beyond a real portfolio, while keeping a mistaken multi-hundred-MB
 * export from exhausting memory in the parser.
 */
export const MAX_TEMPLATE_CHARS = 32 * 1024 * 1024;

/** A problem in the input; `row` is the spreadsheet row (header = 1), 0 for the file as a whole. */
export interface RowError {
  row: number;
  column: string | null;
  value?: string;
  reason: string;
}
