/**
 * Reads the spreadsheet template into a Portfolio.
 *
 * `parseTemplateRows` takes rows already split into cells, so any reader
 * (CSV here, an XLSX reader later) shares the same validation; `parseTemplateCsv`
 * splits CSV text with papaparse first.
 *
 * Both return every problem found, each with its spreadsheet row and column.
 * The portfolio returned alongside holds only the product lines and products
 * that had no problem at all (never half a product); a caller that writes or
 * analyses data must refuse when `errors` is not empty.
 */
import Papa from 'papaparse';
import {
  CATEGORIES, COMPONENT_CLASSES, ENVIRONMENTS, FIELD_REPLACEABLE, ROLES, UPDATE_MECHANISMS,
  ON_SHUTDOWN, SECTOR_REGULATIONS, SOLD_TO_CONSUMERS,
  productLineSchema, productSchema,
} from '../domain/schemas';
import type {
  Category, Component, ComponentClass, Environment, FieldReplaceable, Portfolio, Product, ProductLine, Role,
  UpdateMechanism, OnShutdown, SectorRegulation, SoldToConsumers,
} from '../domain/schemas';
import { removeFormulaGuard } from '../text/formula';
import { parseLifecycleDate } from '../domain/dates';
import {
  COMPONENT_COLUMNS, MAX_TEMPLATE_CHARS, PRODUCT_COLUMNS, TEMPLATE_COLUMNS,
  ECOSYSTEM_COMPONENT_COLUMNS, OPTIONAL_COLUMNS, SCOPE_PRODUCT_COLUMNS,
} from './columns';
import type { ProductColumn, RowError, TemplateColumn } from './columns';
import { readDate, readEnum, readMarkets, readText, readUnits, readYears, readYesNo } from './cells';
import type { CellResult } from './cells';
import { componentIdentity, lineIdentity, productIdentity, stableId } from './stable-id';

export interface TemplateParseOptions {
  /** Spreadsheet row number of `rows[0]` (default 2: the row after the header). */
  firstRow?: number;
  /** Stop listing errors after this many (default 1000); a final entry counts the rest. */
  maxErrors?: number;
}

export interface TemplateParseResult {
  portfolio: Portfolio;
  errors: RowError[];
}

const EMPTY_PORTFOLIO = (): Portfolio => ({ lines: [], products: [], decisions: [] });

/** Which template column each schema field comes from, to place schema issues on a cell. */
const PRODUCT_FIELD_COLUMN: Record<string, TemplateColumn> = {
  name: 'product', sku: 'sku', category: 'category', markets: 'markets',
  firstPlacedOnMarket: 'first_placed_on_market', lastPlacedOnMarket: 'last_placed_on_market',
  expectedUseYears: 'expected_use_years', declaredSupportEnd: 'declared_support_end', unitsPerYear: 'units_per_year',
  notes: 'product_notes',
  soldToConsumers: 'sold_to_consumers', sectorRegulation: 'sector_regulation', plannedLastPlaced: 'planned_last_placed',
};
const COMPONENT_FIELD_COLUMN: Record<string, TemplateColumn> = {
  name: 'component', class: 'class', role: 'role', supplier: 'supplier', version: 'version', core: 'core',
  securitySupportEnd: 'security_support_end', updateMechanism: 'update_mechanism',
  expectedLifeYears: 'expected_life_years', fieldReplaceable: 'field_replaceable',
  sparePartsUntil: 'spare_parts_until', repairDocs: 'repair_docs', expires: 'expires',
  purl: 'purl', cpe: 'cpe', notes: 'component_notes',
  onShutdown: 'on_shutdown',
};

interface ProductFields {
  sku: string | null;
  category: Category | null;
  markets: string[];
  firstPlacedOnMarket: string | null;
  lastPlacedOnMarket: string | null;
  expectedUseYears: number | null;
  declaredSupportEnd: string | null;
  unitsPerYear: number | null;
  notes: string | null;
  // scope columns (optional)
  soldToConsumers: SoldToConsumers | null;
  sectorRegulation: SectorRegulation | null;
  plannedLastPlaced: string | null;
}

interface LineDraft {
  name: string;
  environment: Environment;
  row: number;
  bad: boolean;
}

interface ProductDraft {
  line: string;
  name: string;
  row: number;
  bad: boolean;
  fields: ProductFields;
  /** Canonical text of each product cell on the first row, for the agreement check. */
  canon: Map<ProductColumn, string>;
  components: { row: number; occurrence: number; component: Omit<Component, 'id'> }[];
  /** How many rows so far name each component. */
  componentRows: Map<string, number>;
}

type HeaderResult = { ok: true; index: Map<TemplateColumn, number>; unnamed: number[] } | { ok: false; errors: RowError[] };

function readHeader(header: readonly string[]): HeaderResult {
  const errors: RowError[] = [];
  const index = new Map<TemplateColumn, number>();
  const unnamed: number[] = [];
  const unknown: string[] = [];
  const known = new Set<string>(TEMPLATE_COLUMNS);
  header.forEach((raw, i) => {
    const name = (i === 0 ? raw.replace(/^\ufeff/, '') : raw).trim().toLowerCase();
    if (name === '') {
      unnamed.push(i);
      return;
    }
    if (!known.has(name)) {
      unknown.push(raw.trim());
      return;
    }
    const col = name as TemplateColumn;
    const prev = index.get(col);
    if (prev !== undefined) {
      errors.push({ row: 1, column: col, reason: `column "${col}" appears more than once (columns ${prev + 1} and ${i + 1})` });
      return;
    }
    index.set(col, i);
  });
  if (unknown.length > 0) {
    errors.push({
      row: 1, column: null, value: unknown.join(', '),
      reason: `unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.map((u) => `"${u}"`).join(', ')}; the template's columns are: ${TEMPLATE_COLUMNS.join(', ')}`,
    });
  }
  const missing = TEMPLATE_COLUMNS.filter((c) => !index.has(c) && !OPTIONAL_COLUMNS.has(c));
  if (missing.length > 0) {
    errors.push({ row: 1, column: null, reason: `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, index, unnamed };
}

const quote = (s: string): string => `"${s}"`;

export function parseTemplateRows(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TemplateParseOptions = {},
): TemplateParseResult {
  const firstRow = options.firstRow ?? 2;
  const maxErrors = options.maxErrors ?? 1000;
  const errors: RowError[] = [];
  let unlisted = 0;
  const report = (e: RowError): void => {
    if (errors.length < maxErrors) errors.push(e);
    else unlisted++;
  };

  const head = readHeader(header);
  if (!head.ok) return { portfolio: EMPTY_PORTFOLIO(), errors: head.errors };
  const { index, unnamed } = head;

  const lines = new Map<string, LineDraft>();
  const products = new Map<string, ProductDraft>();
  const skuOwners = new Map<string, { product: string; row: number }>();

  rows.forEach((cells, i) => {
    const row = firstRow + i;
    if (cells.every((c) => c.trim() === '')) return;
    let rowBad = false;
    const err = (column: TemplateColumn | null, reason: string, value?: string): void => {
      rowBad = true;
      report(value === undefined ? { row, column, reason } : { row, column, value, reason });
    };

    if (cells.length < header.length) {
      err(null, `the row has ${cells.length} cells but the header has ${header.length}: a cell is missing or a quote is not closed`);
      return;
    }
    for (let c = header.length; c < cells.length; c++) {
      if ((cells[c] ?? '').trim() !== '') {
        err(null, `the row has a value in column ${c + 1}, beyond the header's ${header.length} columns`, cells[c]);
        return;
      }
    }
    for (const c of unnamed) {
      if ((cells[c] ?? '').trim() !== '') {
        err(null, `the row has a value in column ${c + 1}, which has no header`, cells[c]);
        return;
      }
    }
    const cell = (col: TemplateColumn): string => (cells[index.get(col) ?? -1] ?? '').trim();
    const read = <T>(col: TemplateColumn, result: CellResult<T>): T | null => {
      if (result.ok) return result.value;
      err(col, result.reason, cell(col));
      return null;
    };
    const required = <T>(col: TemplateColumn, value: T | null, what: string): T | null => {
      if (value === null && cell(col) === '') err(col, `${what} is required`);
      return value;
    };

    // product line
    const lineName = required('product_line', read('product_line', readText(cell('product_line'))), 'a product line name');
    const environment = required('environment', read('environment', readEnum(cell('environment'), ENVIRONMENTS)), 'the environment (consumer, enterprise, industrial or medical)');
    let line: LineDraft | undefined;
    if (lineName !== null) {
      line = lines.get(lineName);
      if (!line && environment !== null) {
        line = { name: lineName, environment, row, bad: false };
        lines.set(lineName, line);
      } else if (line && environment !== null && environment !== line.environment) {
        err('environment', `"${environment}" differs from row ${line.row} ("${line.environment}") for product line "${lineName}": a product line has one environment`, cell('environment'));
        line.bad = true;
      }
    }

    // product
    const productName = read('product', readText(cell('product')));
    const productCellsFilled = [...PRODUCT_COLUMNS, ...SCOPE_PRODUCT_COLUMNS].some((c) => cell(c) !== '');
    const componentCellsFilled = [...COMPONENT_COLUMNS, ...ECOSYSTEM_COMPONENT_COLUMNS].some((c) => cell(c) !== '');
    if (productName === null) {
      if (productCellsFilled || componentCellsFilled) err('product', 'a product name is required when product or component cells are filled');
      return; // a row naming only a product line declares that line
    }
    const fields: ProductFields = {
      sku: read('sku', readText(cell('sku'))),
      category: required('category', read('category', readEnum(cell('category'), CATEGORIES)), `the category (${CATEGORIES.join(', ')})`),
      markets: read('markets', readMarkets(cell('markets'))) ?? [],
      firstPlacedOnMarket: read('first_placed_on_market', readDate(cell('first_placed_on_market'))),
      lastPlacedOnMarket: read('last_placed_on_market', readDate(cell('last_placed_on_market'))),
      expectedUseYears: read('expected_use_years', readYears(cell('expected_use_years'))),
      declaredSupportEnd: read('declared_support_end', readDate(cell('declared_support_end'))),
      unitsPerYear: read('units_per_year', readUnits(cell('units_per_year'))),
      notes: read('product_notes', readText(cell('product_notes'))),
      // scope columns (optional)
      soldToConsumers: read('sold_to_consumers', readEnum<SoldToConsumers>(cell('sold_to_consumers'), SOLD_TO_CONSUMERS)),
      sectorRegulation: read('sector_regulation', readEnum<SectorRegulation>(cell('sector_regulation'), SECTOR_REGULATIONS)),
      plannedLastPlaced: read('planned_last_placed', readDate(cell('planned_last_placed'))),
    };
    if (fields.firstPlacedOnMarket !== null && fields.lastPlacedOnMarket !== null) {
      const first = parseLifecycleDate(fields.firstPlacedOnMarket);
      const last = parseLifecycleDate(fields.lastPlacedOnMarket);
      if (first.ok && last.ok && last.day < first.day) {
        err('last_placed_on_market', `last placed on market (${fields.lastPlacedOnMarket}) is before first placed on market (${fields.firstPlacedOnMarket})`, fields.lastPlacedOnMarket);
      }
    }
    const canon = new Map<ProductColumn, string>();
    for (const col of [...PRODUCT_COLUMNS, ...SCOPE_PRODUCT_COLUMNS]) {
      if (col === 'product') continue;
      canon.set(col, JSON.stringify(canonicalValue(col, fields)));
    }

    const key = `${lineName ?? ''}\u0000${productName}`;
    let product = products.get(key);
    if (!product) {
      if (lineName !== null) {
        product = { line: lineName, name: productName, row, bad: false, fields, canon, components: [], componentRows: new Map() };
        products.set(key, product);
        if (fields.sku !== null) {
          const skuKey = `${lineName}\u0000${fields.sku}`;
          const owner = skuOwners.get(skuKey);
          if (owner) {
            err('sku', `SKU "${fields.sku}" is already used by product "${owner.product}" (row ${owner.row}) in product line "${lineName}"`, fields.sku);
          } else {
            skuOwners.set(skuKey, { product: productName, row });
          }
        }
      }
    } else {
      for (const col of [...PRODUCT_COLUMNS, ...SCOPE_PRODUCT_COLUMNS]) {
        if (col === 'product') continue;
        const before = product.canon.get(col);
        const now = canon.get(col);
        if (before !== now && cellOk(col, cell(col))) {
          err(col, `${quote(cell(col))} differs from row ${product.row} for product "${productName}": repeat the product's values unchanged on each of its rows`, cell(col));
        }
      }
    }

    // component
    const componentName = read('component', readText(cell('component')));
    if (componentName === null) {
      if (componentCellsFilled) err('component', 'a component name is required when component cells are filled');
    } else {
      const cls = required('class', read('class', readEnum<ComponentClass>(cell('class'), COMPONENT_CLASSES)), `the class (${COMPONENT_CLASSES.join(' or ')})`);
      const role = required('role', read('role', readEnum<Role>(cell('role'), ROLES)), `the role (${ROLES.join(', ')})`);
      const component = {
        name: componentName,
        class: cls as ComponentClass,
        role: role as Role,
        supplier: read('supplier', readText(cell('supplier'))) ?? '',
        version: read('version', readText(cell('version'))) ?? '',
        core: read('core', readYesNo(cell('core'))),
        securitySupportEnd: read('security_support_end', readDate(cell('security_support_end'))),
        updateMechanism: read('update_mechanism', readEnum<UpdateMechanism>(cell('update_mechanism'), UPDATE_MECHANISMS)),
        expectedLifeYears: read('expected_life_years', readYears(cell('expected_life_years'))),
        fieldReplaceable: read('field_replaceable', readEnum<FieldReplaceable>(cell('field_replaceable'), FIELD_REPLACEABLE)),
        sparePartsUntil: read('spare_parts_until', readDate(cell('spare_parts_until'))),
        repairDocs: read('repair_docs', readYesNo(cell('repair_docs'))),
        expires: read('expires', readDate(cell('expires'))),
        ...optionalText('purl', read('purl', readText(cell('purl')))),
        ...optionalText('cpe', read('cpe', readText(cell('cpe')))),
        ...optionalText('notes', read('component_notes', readText(cell('component_notes')))),
        onShutdown: read('on_shutdown', readEnum<OnShutdown>(cell('on_shutdown'), ON_SHUTDOWN)),
        sources: {},
      };
      if (product) {
        // Two components of a product may share a name (two radios, two "firmware" parts of an SBOM): each keeps its own row and id.
        const seen = product.componentRows.get(componentName) ?? 0;
        product.componentRows.set(componentName, seen + 1);
        if (!rowBad) product.components.push({ row, occurrence: seen, component });
      }
    }
    if (rowBad && product) product.bad = true;
  });

  // validate the assembled objects with the domain schemas (lengths, formats)
  const out = EMPTY_PORTFOLIO();
  const lineOut = new Map<string, ProductLine>();
  for (const line of lines.values()) {
    const parsed = productLineSchema.safeParse({ id: stableId(line.name, lineIdentity(line.name)), name: line.name, environment: line.environment, notes: '' });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        report({ row: line.row, column: field === 'name' ? 'product_line' : field === 'environment' ? 'environment' : null, reason: issue.message });
      }
      line.bad = true;
      continue;
    }
    if (!line.bad) lineOut.set(line.name, parsed.data);
  }
  const goodProducts: Product[] = [];
  for (const draft of products.values()) {
    const lineEntity = lineOut.get(draft.line);
    const productId = stableId(draft.name, productIdentity(draft.line, draft.name));
    const candidate = {
      id: productId,
      lineId: lineEntity?.id ?? stableId(draft.line, lineIdentity(draft.line)),
      name: draft.name,
      sku: draft.fields.sku ?? '',
      category: draft.fields.category,
      markets: draft.fields.markets,
      firstPlacedOnMarket: draft.fields.firstPlacedOnMarket,
      lastPlacedOnMarket: draft.fields.lastPlacedOnMarket,
      expectedUseYears: draft.fields.expectedUseYears,
      expectedUseRationale: '',
      declaredSupportEnd: draft.fields.declaredSupportEnd,
      unitsPerYear: draft.fields.unitsPerYear,
      ...optionalText('notes', draft.fields.notes),
      soldToConsumers: draft.fields.soldToConsumers,
      sectorRegulation: draft.fields.sectorRegulation,
      plannedLastPlaced: draft.fields.plannedLastPlaced,
      components: draft.components.map(({ component, occurrence }) => ({
        id: stableId(component.name, componentIdentity(draft.line, draft.name, component.name, occurrence)),
        ...component,
      })),
    };
    if (draft.bad) continue; // its row errors are already reported
    const parsed = productSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [first, second, third] = issue.path;
        if (first === 'components' && typeof second === 'number') {
          const entry = draft.components[second];
          report({ row: entry?.row ?? draft.row, column: COMPONENT_FIELD_COLUMN[String(third)] ?? null, reason: issue.message });
        } else {
          report({ row: draft.row, column: PRODUCT_FIELD_COLUMN[String(first)] ?? null, reason: issue.message });
        }
      }
      continue;
    }
    if (lineEntity) goodProducts.push(parsed.data);
  }
  out.lines = [...lineOut.values()];
  out.products = goodProducts;
  errors.sort((a, b) => a.row - b.row);
  if (unlisted > 0) errors.push({ row: 0, column: null, reason: `${unlisted} more error${unlisted > 1 ? 's' : ''} not listed` });
  return { portfolio: out, errors };
}

/** An optional text field is left out when the cell is empty, so that a round trip gives back the same object. */
function optionalText<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

function canonicalValue(col: ProductColumn, f: ProductFields): unknown {
  switch (col) {
    case 'sku': return f.sku;
    case 'category': return f.category;
    case 'markets': return f.markets;
    case 'first_placed_on_market': return f.firstPlacedOnMarket;
    case 'last_placed_on_market': return f.lastPlacedOnMarket;
    case 'expected_use_years': return f.expectedUseYears;
    case 'declared_support_end': return f.declaredSupportEnd;
    case 'units_per_year': return f.unitsPerYear;
    case 'product_notes': return f.notes;
    case 'sold_to_consumers': return f.soldToConsumers;
    case 'sector_regulation': return f.sectorRegulation;
    case 'planned_last_placed': return f.plannedLastPlaced;
    default: return null;
  }
}

/** A cell that failed to read already has its own error; do not also call it a conflict. */
function cellOk(col: ProductColumn, text: string): boolean {
  switch (col) {
    case 'category': return readEnum(text, CATEGORIES).ok;
    case 'markets': return readMarkets(text).ok;
    case 'first_placed_on_market':
    case 'last_placed_on_market':
    case 'declared_support_end':
    case 'planned_last_placed': return readDate(text).ok;
    case 'sold_to_consumers': return readEnum(text, SOLD_TO_CONSUMERS).ok;
    case 'sector_regulation': return readEnum(text, SECTOR_REGULATIONS).ok;
    case 'expected_use_years': return readYears(text).ok;
    case 'units_per_year': return readUnits(text).ok;
    default: return true;
  }
}

/** `,` unless the header line has more `;` than `,` (the list separator of Excel in many European locales). */
export function detectDelimiter(text: string): ',' | ';' {
  const end = text.search(/\r?\n/);
  const first = end < 0 ? text : text.slice(0, end);
  let commas = 0;
  let semicolons = 0;
  for (const ch of first) {
    if (ch === ',') commas++;
    else if (ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseTemplateCsv(text: string, options: Omit<TemplateParseOptions, 'firstRow'> = {}): TemplateParseResult {
  if (text.length > MAX_TEMPLATE_CHARS) {
    return {
      portfolio: EMPTY_PORTFOLIO(),
      errors: [{ row: 0, column: null, reason: `the file has ${text.length} characters; the limit is ${MAX_TEMPLATE_CHARS} (32 MiB): split the portfolio into several files` }],
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    return {
      portfolio: EMPTY_PORTFOLIO(),
      errors: [{ row: 0, column: null, reason: `the file is empty: expected a header row with the columns ${TEMPLATE_COLUMNS.join(', ')}` }],
    };
  }
  const parsed = Papa.parse<string[]>(body, { delimiter: detectDelimiter(body), skipEmptyLines: false });
  const errors: RowError[] = parsed.errors.map((e) => ({
    row: typeof e.row === 'number' ? e.row + 1 : 0,
    column: null,
    reason: `the CSV is malformed: ${e.message}`,
  }));
  const [header = [], ...rows] = parsed.data;
  // The template's own export guards formula-like text with a leading ' (shared/text/formula.ts): read it back as written.
  const unguarded = rows.map((r) => r.map((cell) => removeFormulaGuard(cell) ?? cell));
  const result = parseTemplateRows(header, unguarded, { ...options, firstRow: 2 });
  if (errors.length === 0) return result;
  return { portfolio: result.portfolio, errors: [...errors, ...result.errors].sort((a, b) => a.row - b.row) };
}
