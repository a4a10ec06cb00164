/**
 * Reading end-of-life catalogs: release cycles of platforms (Linux kernel,
 * Yocto, OpenSSL, …) with their security-support ends, from the endoflife.date
 * API shapes (legacy per-product array, and v1 product object) or from our own
 * normalized catalog file. Matching them to components is in `match.ts`.
 *
 * A catalog never invents a date: "ended, date unknown" (`eol: true`) and
 * "not ended, no date yet" (`eol: false`) are states of their own, and a
 * proposal without a date proposes nothing.
 */
import { describeJsonError } from '../../text/messages';
import { z } from 'zod';
import { parseLifecycleDate } from '../../domain/dates';
import { canonicalProductId } from './aliases';

/**
 * - `date`: the milestone has a date (past or future), in `date`.
 * - `ended-date-unknown`: the source says it has ended (`eol: true`) without a date.
 * - `not-ended`: the source says it has not ended and gives no date (`eol: false`).
 * - `unknown`: the source says nothing.
 */
export const MILESTONE_STATES = ['date', 'ended-date-unknown', 'not-ended', 'unknown'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export interface CatalogMilestone {
  state: MilestoneState;
  /** Only when state is `date`: `YYYY-MM-DD` or `YYYY-MM`. */
  date: string | null;
}

export interface CatalogCycle {
  cycle: string;
  label: string | null;
  /** Alternative names of the cycle, e.g. Yocto codenames ("kirkstone"). */
  codenames: string[];
  releaseDate: string | null;
  /** endoflife.date `eol` / v1 `eolFrom`: the end of security support. */
  securitySupport: CatalogMilestone;
  /** endoflife.date `support` / v1 `eoasFrom`: the end of active (bug-fix) support. */
  activeSupport: CatalogMilestone;
  /** endoflife.date `extendedSupport` / v1 `eoesFrom`: paid or extended security support. */
  extendedSupport: CatalogMilestone;
  lts: boolean;
  latest: string | null;
  latestReleaseDate: string | null;
  /** Free text, e.g. why a date is approximate. */
  note: string | null;
}

export interface CatalogProduct {
  product: string;
  label: string;
  identifiers: { purl: string[]; cpe: string[] };
  cycles: CatalogCycle[];
}

export interface EolCatalog {
  /** Short id used in provenance strings, e.g. `endoflife` or `embedded-platforms`. */
  id: string;
  title: string;
  /** The day the data was taken (catalog date), used to say which of two catalogs is newer. */
  asOf: string | null;
  /**
   * Where `asOf` comes from: `stated` by the source (our format, the v1
   * envelope's `generated_at`, a snapshot index), or the `newest-entry`: the
   * latest release date in the data, which the snapshot cannot be older than.
   */
  asOfBasis: AsOfBasis;
  generatedFrom: string;
  products: CatalogProduct[];
}

export const AS_OF_BASES = ['stated', 'newest-entry'] as const;
export type AsOfBasis = (typeof AS_OF_BASES)[number];

export type CatalogParse<T> = { ok: true; value: T; warnings: string[] } | { ok: false; errors: string[] };

/* ----------------------------------------------------------------- parsing */

const MAX_CYCLES = 5_000;
const MAX_PRODUCTS = 2_000;

const dateText = z.string().max(40).refine((s) => parseLifecycleDate(s).ok, {
  message: 'not a date (expected YYYY-MM-DD or YYYY-MM)',
});
const dateOrBool = z.union([z.boolean(), dateText]);
const shortText = z.string().max(200);

const legacyCycleSchema = z.looseObject({
  cycle: z.union([shortText.min(1), z.number()]),
  releaseDate: dateText.optional(),
  eol: dateOrBool.optional(),
  support: dateOrBool.optional(),
  extendedSupport: dateOrBool.optional(),
  lts: dateOrBool.optional(),
  latest: z.union([shortText, z.number()]).optional(),
  latestReleaseDate: dateText.optional(),
  discontinued: dateOrBool.optional(),
  codename: shortText.nullable().optional(),
  label: shortText.nullable().optional(),
  link: z.string().max(2000).nullable().optional(),
});
const legacySchema = z.array(legacyCycleSchema).max(MAX_CYCLES);

const nullableDate = dateText.nullable().optional();
const v1ReleaseSchema = z.looseObject({
  name: shortText.min(1),
  codename: shortText.nullable().optional(),
  label: shortText.nullable().optional(),
  releaseDate: nullableDate,
  isLts: z.boolean().optional(),
  ltsFrom: nullableDate,
  isEol: z.boolean().nullable().optional(),
  eolFrom: nullableDate,
  isEoas: z.boolean().nullable().optional(),
  eoasFrom: nullableDate,
  isEoes: z.boolean().nullable().optional(),
  eoesFrom: nullableDate,
  latest: z.looseObject({ name: shortText, date: nullableDate }).nullable().optional(),
});
const v1ProductSchema = z.looseObject({
  name: shortText.min(1),
  label: shortText.optional(),
  identifiers: z.array(z.looseObject({ type: shortText, id: z.string().max(500) })).max(500).optional(),
  releases: z.array(v1ReleaseSchema).max(MAX_CYCLES),
});

const milestoneSchema = z.strictObject({ state: z.enum(MILESTONE_STATES), date: dateText.nullable() }).refine(
  (m) => (m.state === 'date') === (m.date !== null),
  { message: 'a date is given exactly when state is "date"' },
);
const normalizedCycleSchema = z.strictObject({
  cycle: shortText.min(1),
  label: shortText.nullable().default(null),
  codenames: z.array(shortText).max(20).default([]),
  releaseDate: dateText.nullable().default(null),
  securitySupport: milestoneSchema,
  activeSupport: milestoneSchema.default({ state: 'unknown', date: null }),
  extendedSupport: milestoneSchema.default({ state: 'unknown', date: null }),
  lts: z.boolean().default(false),
  latest: shortText.nullable().default(null),
  latestReleaseDate: dateText.nullable().default(null),
  note: z.string().max(2000).nullable().default(null),
});
const normalizedProductSchema = z.strictObject({
  product: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'a product id is lower-case letters, digits, . _ -'),
  label: shortText.min(1),
  identifiers: z.strictObject({ purl: z.array(shortText).max(100).default([]), cpe: z.array(shortText).max(100).default([]) }).default({ purl: [], cpe: [] }),
  cycles: z.array(normalizedCycleSchema).max(MAX_CYCLES),
});
export const eolCatalogSchema = z.strictObject({
  format: z.literal('supportspan-eol-catalog'),
  formatVersion: z.literal(1),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a catalog id is lower-case letters, digits and -'),
  title: shortText.min(1),
  asOf: dateText.nullable(),
  asOfBasis: z.enum(AS_OF_BASES).default('stated'),
  generatedFrom: z.string().max(2000),
  products: z.array(normalizedProductSchema).max(MAX_PRODUCTS),
});

/** "index 3 (cycle "6.6"), field eol: not a date …" */
function describe(error: z.ZodError, items: readonly unknown[] | null, kind: string): string[] {
  return error.issues.map((issue) => {
    const [first, ...rest] = issue.path;
    let where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    if (items && typeof first === 'number') {
      const item = items[first] as Record<string, unknown> | undefined;
      const id = item && typeof item === 'object' ? (item.cycle ?? item.name) : undefined;
      where = `${kind} index ${first}${id !== undefined ? ` (${JSON.stringify(id)})` : ''}${rest.length ? `, field ${rest.map(String).join('.')}` : ''}`;
    }
    return `${where}: ${issue.message}`;
  });
}

function fromDateOrBool(v: boolean | string | undefined): CatalogMilestone {
  if (v === undefined) return { state: 'unknown', date: null };
  if (v === true) return { state: 'ended-date-unknown', date: null };
  if (v === false) return { state: 'not-ended', date: null };
  return { state: 'date', date: v };
}

/** v1: a date wins; without one, `isX` says whether it ended; neither = unknown. */
function fromV1(flag: boolean | null | undefined, from: string | null | undefined): CatalogMilestone {
  if (from) return { state: 'date', date: from };
  if (flag === true) return { state: 'ended-date-unknown', date: null };
  if (flag === false) return { state: 'not-ended', date: null };
  return { state: 'unknown', date: null };
}

export interface LegacyParseOptions {
  /** The product id (the legacy API's file name, e.g. `linux-kernel`). */
  product: string;
  label?: string;
  identifiers?: { purl?: string[]; cpe?: string[] };
}

/** The endoflife.date legacy API: `GET /api/<product>.json` = array of cycles. */
export function parseEndOfLifeLegacy(json: unknown, options: LegacyParseOptions): CatalogParse<CatalogProduct> {
  if (!Array.isArray(json)) return { ok: false, errors: ['expected an array of release cycles'] };
  const parsed = legacySchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: describe(parsed.error, json, 'cycle') };
  const seen = new Set<string>();
  const warnings: string[] = [];
  const cycles: CatalogCycle[] = [];
  for (const c of parsed.data) {
    const cycle = String(c.cycle);
    if (seen.has(cycle)) {
      warnings.push(`cycle ${JSON.stringify(cycle)} appears twice; the first is kept`);
      continue;
    }
    seen.add(cycle);
    cycles.push({
      cycle,
      label: c.label ?? null,
      codenames: c.codename ? [c.codename] : [],
      releaseDate: c.releaseDate ?? null,
      securitySupport: fromDateOrBool(c.eol),
      activeSupport: fromDateOrBool(c.support),
      extendedSupport: fromDateOrBool(c.extendedSupport),
      lts: c.lts !== undefined && c.lts !== false,
      latest: c.latest === undefined ? null : String(c.latest),
      latestReleaseDate: c.latestReleaseDate ?? null,
      note: null,
    });
  }
  return {
    ok: true,
    warnings,
    value: {
      product: options.product,
      label: options.label ?? options.product,
      identifiers: { purl: options.identifiers?.purl ?? [], cpe: options.identifiers?.cpe ?? [] },
      cycles,
    },
  };
}

/** The endoflife.date v1 API: `GET /api/v1/products/<product>` (the envelope, or its `result`). */
export function parseEndOfLifeV1(json: unknown): CatalogParse<CatalogProduct> {
  const hasEnvelope = json !== null && typeof json === 'object' && !Array.isArray(json) && Object.prototype.hasOwnProperty.call(json, 'result');
  const target = hasEnvelope ? (json as { result: unknown }).result : json;
  const parsed = v1ProductSchema.safeParse(target);
  if (!parsed.success) {
    const releases = (target as { releases?: unknown })?.releases;
    const lines = parsed.error.issues.map((issue) => {
      const [a, b, ...rest] = issue.path;
      if (a === 'releases' && typeof b === 'number' && Array.isArray(releases)) {
        const r = releases[b] as { name?: unknown } | undefined;
        return `release index ${b}${r?.name !== undefined ? ` (${JSON.stringify(r.name)})` : ''}${rest.length ? `, field ${rest.map(String).join('.')}` : ''}: ${issue.message}`;
      }
      return `${issue.path.length ? issue.path.map(String).join('.') : '(top level)'}: ${issue.message}`;
    });
    return { ok: false, errors: lines };
  }
  const p = parsed.data;
  const purl: string[] = [];
  const cpe: string[] = [];
  for (const id of p.identifiers ?? []) {
    if (id.type === 'purl') purl.push(id.id);
    else if (id.type === 'cpe') cpe.push(id.id);
  }
  return {
    ok: true,
    warnings: [],
    value: {
      product: p.name,
      label: p.label ?? p.name,
      identifiers: { purl, cpe },
      cycles: p.releases.map((r) => ({
        cycle: r.name,
        label: r.label ?? null,
        codenames: r.codename ? [r.codename] : [],
        releaseDate: r.releaseDate ?? null,
        securitySupport: fromV1(r.isEol, r.eolFrom),
        activeSupport: fromV1(r.isEoas, r.eoasFrom),
        extendedSupport: fromV1(r.isEoes, r.eoesFrom),
        lts: r.isLts ?? false,
        latest: r.latest?.name ?? null,
        latestReleaseDate: r.latest?.date ?? null,
        note: null,
      })),
    },
  };
}

/** Our own catalog file (assets/catalogs/*.json). */
export function parseEolCatalog(json: unknown): CatalogParse<EolCatalog> {
  const parsed = eolCatalogSchema.safeParse(json);
  if (!parsed.success) {
    const products = (json as { products?: unknown })?.products;
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const [a, b, c, d, ...rest] = issue.path;
        if (a === 'products' && typeof b === 'number' && Array.isArray(products)) {
          const prod = products[b] as { product?: unknown; cycles?: unknown[] } | undefined;
          let where = `product index ${b}${prod?.product !== undefined ? ` (${JSON.stringify(prod.product)})` : ''}`;
          if (c === 'cycles' && typeof d === 'number') {
            const cyc = Array.isArray(prod?.cycles) ? (prod.cycles[d] as { cycle?: unknown } | undefined) : undefined;
            where += `, cycle index ${d}${cyc?.cycle !== undefined ? ` (${JSON.stringify(cyc.cycle)})` : ''}`;
            if (rest.length) where += `, field ${rest.map(String).join('.')}`;
          } else if (c !== undefined) where += `, field ${[c, d, ...rest].filter((x) => x !== undefined).map(String).join('.')}`;
          return `${where}: ${issue.message}`;
        }
        return `${issue.path.length ? issue.path.map(String).join('.') : '(top level)'}: ${issue.message}`;
      }),
    };
  }
  return { ok: true, value: parsed.data, warnings: [] };
}

/** The latest release date in a product's data: the snapshot cannot be older than that. */
export function newestEntryDate(products: readonly CatalogProduct[]): string | null {
  let newest: string | null = null;
  for (const p of products) {
    for (const c of p.cycles) {
      for (const d of [c.releaseDate, c.latestReleaseDate]) {
        // Month-precision dates sort before any day of their month, which keeps this a lower bound.
        if (d && (newest === null || d > newest)) newest = d;
      }
    }
  }
  return newest;
}

/**
 * Reads any of the three shapes. A legacy array names no product, so the
 * caller passes one (e.g. from the file name). Without a stated `asOf` the
 * catalog is dated by its newest entry, never by the day it was read.
 */
export function parseAnyCatalog(
  json: unknown,
  options: { id: string; title?: string; asOf?: string | null; generatedFrom?: string; product?: string },
): CatalogParse<EolCatalog> {
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && (json as { format?: unknown }).format === 'supportspan-eol-catalog') {
    return parseEolCatalog(json);
  }
  let product: CatalogParse<CatalogProduct>;
  if (Array.isArray(json)) {
    if (!options.product) return { ok: false, errors: ['an endoflife.date cycle list names no product: give the product id'] };
    product = parseEndOfLifeLegacy(json, { product: canonicalProductId(options.product) });
  } else {
    product = parseEndOfLifeV1(json);
    if (product.ok) product.value.product = canonicalProductId(product.value.product);
  }
  if (!product.ok) return product;
  const stated = options.asOf ?? null;
  return {
    ok: true,
    warnings: product.warnings,
    value: {
      id: options.id,
      title: options.title ?? options.id,
      asOf: stated ?? newestEntryDate([product.value]),
      asOfBasis: stated ? 'stated' : 'newest-entry',
      generatedFrom: options.generatedFrom ?? '',
      products: [product.value],
    },
  };
}

/** `linux.json` -> `linux`; endoflife.date product ids are lower-case letters, digits, `.`, `_`, `-`. */
export function productFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
  return base.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 80);
}

/** Catalog ids are lower-case letters, digits and `-` (max 40). */
export const catalogIdFor = (product: string): string => `endoflife-${product.replace(/[^a-z0-9-]+/g, '-')}`.slice(0, 40).replace(/-+$/, '');

export const LARGEST_CATALOG_BYTES = 8 * 1024 * 1024;

export type CatalogFileResult =
  | { ok: true; catalog: EolCatalog; warnings: string[] }
  | { ok: false; errors: string[]; needsProduct?: boolean };

/** The v1 envelope's `generated_at` (or `last_modified`), as a day. */
function statedDate(json: unknown): string | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  for (const key of ['generated_at', 'last_modified']) {
    const v = (json as Record<string, unknown>)[key];
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && parseLifecycleDate(v.slice(0, 10)).ok) return v.slice(0, 10);
  }
  return null;
}

/**
 * Reads a catalog file: our own format, an endoflife.date v1 product (with or
 * without its envelope) or a legacy cycle array, which names no product:
 * `product` (default: from the file name, either id of a renamed product, so
 * `linux.json` is linux-kernel) says which. `asOf` is the snapshot's date when
 * the caller knows it (a snapshot index, a live fetch); otherwise the file's
 * own date, else its newest entry.
 */
export function readCatalogJson(
  file: { name: string; bytes: Uint8Array },
  options: { product?: string; asOf?: string | null } = {},
): CatalogFileResult {
  if (file.bytes.byteLength > LARGEST_CATALOG_BYTES) return { ok: false, errors: [`${file.name} is larger than 8 MB; a catalog is much smaller`] };
  let json: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, errors: [`${file.name} is not UTF-8 text: expected an endoflife.date API file or a Supportspan catalog`] };
  }
  try {
    json = JSON.parse(text);
  } catch (error) {
    // where the JSON breaks, in our words (never the parser's own message)
    return { ok: false, errors: [`${file.name}: ${describeJsonError(error, text)}: expected an endoflife.date API file or a Supportspan catalog`] };
  }
  const product = canonicalProductId(options.product ?? productFromFileName(file.name));
  const envelope = json as { result?: { name?: unknown } } | null;
  const v1Name = typeof envelope?.result?.name === 'string' ? envelope.result.name
    : typeof (json as { name?: unknown } | null)?.name === 'string' ? (json as { name: string }).name : null;
  const idProduct = canonicalProductId((Array.isArray(json) ? product : (v1Name ?? product)).toLowerCase());
  const parsed = parseAnyCatalog(json, {
    id: catalogIdFor(idProduct),
    title: `endoflife.date: ${idProduct}`,
    asOf: statedDate(json) ?? options.asOf ?? null,
    generatedFrom: file.name,
    product,
  });
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => `${file.name}: ${e}`), ...(Array.isArray(json) ? { needsProduct: true } : {}) };
  return { ok: true, catalog: parsed.value, warnings: parsed.warnings };
}

const snapshotIndexSchema = z.looseObject({
  source: z.string().max(500).optional(),
  sourceCommit: z.string().max(100).optional(),
  generatedAt: z.string().max(40).optional(),
  asOf: z.string().max(40).optional(),
  products: z.record(z.string().max(80), z.looseObject({ title: shortText.optional() })),
});

export interface SnapshotResult {
  catalogs: EolCatalog[];
  /** Per file, what could not be read (the other files are still used). */
  errors: string[];
  warnings: string[];
  /** The snapshot's date, shared by all its catalogs, and where it comes from. */
  asOf: string | null;
  asOfBasis: AsOfBasis;
}

/**
 * A folder of endoflife.date files taken together (the layout of
 * `api/<product>.json` plus an optional `index.json` naming the products).
 * They are one snapshot, so they share one date: the date the index states,
 * else the newest entry of any of its files (a legacy file carries no date,
 * and the day the files were copied says nothing about the data).
 */
export function readCatalogSnapshot(files: readonly { name: string; bytes: Uint8Array }[]): SnapshotResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  let index: z.infer<typeof snapshotIndexSchema> | null = null;
  const rest: { name: string; bytes: Uint8Array }[] = [];
  for (const f of files) {
    if (f.name.replace(/^.*[\\/]/, '').toLowerCase() !== 'index.json') {
      rest.push(f);
      continue;
    }
    try {
      const parsed = snapshotIndexSchema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(f.bytes)));
      if (parsed.success) index = parsed.data;
      else warnings.push(`${f.name} is not a snapshot index (a "products" object); it is not used`);
    } catch {
      warnings.push(`${f.name} is not valid JSON; it is not used`);
    }
  }
  const stated = [index?.generatedAt, index?.asOf].find((d): d is string => !!d && parseLifecycleDate(d.slice(0, 10)).ok)?.slice(0, 10) ?? null;
  const read: EolCatalog[] = [];
  for (const f of rest) {
    const r = readCatalogJson(f, stated ? { asOf: stated } : {});
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    warnings.push(...r.warnings.map((w) => `${f.name}: ${w}`));
    read.push(r.catalog);
  }
  const newest = read.map((c) => (c.asOfBasis === 'newest-entry' ? c.asOf : null)).filter((d): d is string => !!d).sort().at(-1) ?? null;
  const asOf = stated ?? newest;
  const asOfBasis: AsOfBasis = stated ? 'stated' : 'newest-entry';
  const titles = index?.products ?? {};
  const catalogs = read.map((c) => {
    const products = c.products.map((p) => {
      const key = Object.keys(titles).find((k) => canonicalProductId(k) === p.product);
      const title = key ? titles[key]?.title : undefined;
      return title && p.label === p.product ? { ...p, label: title } : p;
    });
    // A file with its own stated date (a v1 envelope) keeps it; the others take the snapshot's.
    const own = c.asOfBasis === 'stated';
    return {
      ...c,
      products,
      asOf: own ? c.asOf : asOf,
      asOfBasis: own ? c.asOfBasis : asOfBasis,
      generatedFrom: index?.sourceCommit ? `${c.generatedFrom} (${index.source ?? 'endoflife.date'}, commit ${index.sourceCommit})` : c.generatedFrom,
    };
  });
  return { catalogs, errors, warnings, asOf, asOfBasis };
}
