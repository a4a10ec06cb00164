/**
 * End-of-life catalogs: release cycles of platforms (Linux kernel, Yocto,
 * OpenSSL, …) with their security-support ends, read from the endoflife.date
 * API shapes (legacy per-product array, and v1 product object) or from our own
 * normalized catalog file, then matched to components to propose a
 * security-support end with provenance.
 *
 * A catalog never invents a date: "ended, date unknown" (`eol: true`) and
 * "not ended, no date yet" (`eol: false`) are states of their own, and a
 * proposal without a date proposes nothing.
 */
import { z } from 'zod';
import { parseLifecycleDate } from '../domain/dates';
import type { Component } from '../domain/schemas';

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
  generatedFrom: string;
  products: CatalogProduct[];
}

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

/**
 * Reads any of the three shapes. A legacy array names no product, so the
 * caller passes one (e.g. from the file name).
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
    product = parseEndOfLifeLegacy(json, { product: options.product });
  } else {
    product = parseEndOfLifeV1(json);
  }
  if (!product.ok) return product;
  return {
    ok: true,
    warnings: product.warnings,
    value: {
      id: options.id,
      title: options.title ?? options.id,
      asOf: options.asOf ?? null,
      generatedFrom: options.generatedFrom ?? '',
      products: [product.value],
    },
  };
}

/** Several per-product catalogs of one source as one catalog. */
export function mergeCatalogs(id: string, title: string, asOf: string | null, generatedFrom: string, parts: readonly CatalogProduct[]): EolCatalog {
  return { id, title, asOf, generatedFrom, products: [...parts] };
}

/* ---------------------------------------------------------------- matching */

/**
 * purl (type/namespace/name, without version) and CPE (vendor:product) ->
 * catalog product id, for names that differ from the catalog's own id.
 */
export const PURL_ALIASES: Record<string, string> = {
  'pkg:generic/linux': 'linux-kernel',
  'pkg:generic/linux-kernel': 'linux-kernel',
  'pkg:github/torvalds/linux': 'linux-kernel',
  'pkg:deb/debian/linux': 'linux-kernel',
  'pkg:generic/openssl': 'openssl',
  'pkg:github/openssl/openssl': 'openssl',
  'pkg:deb/debian/openssl': 'openssl',
  'pkg:generic/poky': 'yocto',
  'pkg:generic/yocto': 'yocto',
  'pkg:generic/zephyr': 'zephyr',
  'pkg:github/zephyrproject-rtos/zephyr': 'zephyr',
  'pkg:generic/freertos': 'freertos',
  'pkg:github/freertos/freertos-kernel': 'freertos',
  'pkg:generic/mbedtls': 'mbedtls',
  'pkg:github/mbed-tls/mbedtls': 'mbedtls',
  'pkg:github/armmbed/mbedtls': 'mbedtls',
  'pkg:generic/qt': 'qt',
  'pkg:generic/qtbase': 'qt',
  'pkg:generic/android': 'android',
  'pkg:generic/debian': 'debian',
};

export const CPE_ALIASES: Record<string, string> = {
  'linux:linux_kernel': 'linux-kernel',
  'openssl:openssl': 'openssl',
  'debian:debian_linux': 'debian',
  'google:android': 'android',
  'qt:qt': 'qt',
  'arm:mbed_tls': 'mbedtls',
  'zephyrproject:zephyr': 'zephyr',
  'amazon:freertos': 'freertos',
  'yoctoproject:yocto': 'yocto',
};

/** Component names (lower case, words) that point at a catalog product. */
export const NAME_ALIASES: Record<string, string> = {
  linux: 'linux-kernel',
  'linux kernel': 'linux-kernel',
  kernel: 'linux-kernel',
  openssl: 'openssl',
  yocto: 'yocto',
  'yocto project': 'yocto',
  poky: 'yocto',
  zephyr: 'zephyr',
  'zephyr rtos': 'zephyr',
  freertos: 'freertos',
  'freertos kernel': 'freertos',
  mbedtls: 'mbedtls',
  'mbed tls': 'mbedtls',
  qt: 'qt',
  android: 'android',
  debian: 'debian',
};

/** Release codenames that catalogs without a codename field (the legacy API) cannot resolve. */
export const CODENAMES: Record<string, Record<string, string>> = {
  yocto: {
    dunfell: '3.1', gatesgarth: '3.2', hardknott: '3.3', honister: '3.4', kirkstone: '4.0', langdale: '4.1',
    mickledore: '4.2', nanbield: '4.3', scarthgap: '5.0', styhead: '5.1', walnascar: '5.2',
  },
  debian: { buster: '10', bullseye: '11', bookworm: '12', trixie: '13' },
};

export type MatchConfidence = 'exact' | 'name-version';

export interface Match {
  catalogId: string;
  catalogAsOf: string | null;
  product: string;
  productLabel: string;
  cycle: CatalogCycle;
  via: 'purl' | 'cpe' | 'name';
  /** `exact` = product from purl/cpe and cycle from the version; `name-version` needs the user's confirmation. */
  confidence: MatchConfidence;
  needsConfirmation: boolean;
  /** The version text the cycle was read from. */
  version: string;
}

interface Purl { base: string; version: string | null }

/** `pkg:type/namespace/name@version?qualifiers#subpath` -> base `pkg:type/namespace/name` (lower case) and version. */
export function parsePurl(purl: string): Purl | null {
  const m = /^pkg:([a-zA-Z.+-]+)\/([^@?#]+)(?:@([^?#]+))?/.exec(purl.trim());
  if (!m) return null;
  let version: string | null = null;
  if (m[3]) {
    try {
      version = decodeURIComponent(m[3]);
    } catch {
      version = m[3];
    }
  }
  return { base: `pkg:${m[1]!.toLowerCase()}/${m[2]!.toLowerCase()}`, version };
}

/** `cpe:2.3:part:vendor:product:version:…` -> `vendor:product` and version. */
export function parseCpe(cpe: string): { key: string; version: string | null } | null {
  const parts = cpe.trim().split(':');
  if (parts[0] !== 'cpe' || parts[1] !== '2.3' || parts.length < 6) return null;
  const version = parts[5] && parts[5] !== '*' && parts[5] !== '-' ? parts[5] : null;
  return { key: `${parts[3]!.toLowerCase()}:${parts[4]!.toLowerCase()}`, version };
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * The cycle for a version: the longest cycle that the version equals or
 * starts with at a separator ("6.6.30" -> "6.6", "3.0.13" -> "3.0",
 * "4.0.x" -> "4.0", "12.5" -> "12"), or a codename ("kirkstone").
 */
export function cycleForVersion(product: CatalogProduct, version: string): CatalogCycle | null {
  const v = norm(version).replace(/^v(?=\d)/, '').replace(/(\.x)+$/, '');
  if (!v) return null;
  let best: CatalogCycle | null = null;
  for (const c of product.cycles) {
    const cycle = norm(c.cycle);
    const hit = v === cycle || (v.startsWith(cycle) && /^[.\-+_ ~r]/.test(v.slice(cycle.length)));
    if (hit && (!best || cycle.length > best.cycle.length)) best = c;
  }
  if (best) return best;
  for (const c of product.cycles) {
    if (c.codenames.some((n) => norm(n) === v) || (c.label && norm(c.label) === v)) return c;
  }
  const known = Object.prototype.hasOwnProperty.call(CODENAMES, product.product) ? CODENAMES[product.product]! : {};
  const viaCodename = Object.prototype.hasOwnProperty.call(known, v) ? known[v] : undefined;
  return viaCodename ? (product.cycles.find((c) => c.cycle === viaCodename) ?? null) : null;
}

function findProduct(catalogs: readonly EolCatalog[], id: string): { catalog: EolCatalog; product: CatalogProduct }[] {
  const out: { catalog: EolCatalog; product: CatalogProduct }[] = [];
  for (const catalog of catalogs) for (const product of catalog.products) if (product.product === id) out.push({ catalog, product });
  return out;
}

function productsByIdentifier(catalogs: readonly EolCatalog[], kind: 'purl' | 'cpe', key: string): string[] {
  const ids = new Set<string>();
  const alias = kind === 'purl' ? PURL_ALIASES[key] : CPE_ALIASES[key];
  if (alias) ids.add(alias);
  for (const catalog of catalogs) {
    for (const p of catalog.products) {
      for (const id of p.identifiers[kind]) {
        const k = kind === 'purl' ? parsePurl(id)?.base : parseCpe(id)?.key;
        if (k === key) ids.add(p.product);
      }
    }
  }
  return [...ids];
}

/**
 * Catalog cycles that may describe a component, best first. Matches by purl,
 * then CPE, then name; a name match always needs the user's confirmation.
 */
export function matchComponent(component: Pick<Component, 'name' | 'version' | 'purl' | 'cpe'>, catalogs: readonly EolCatalog[]): Match[] {
  const out: Match[] = [];
  const seen = new Set<string>();
  const add = (productIds: string[], version: string | null, via: Match['via']): void => {
    for (const id of productIds) {
      for (const { catalog, product } of findProduct(catalogs, id)) {
        const versions = [version, component.version].filter((v): v is string => !!v);
        for (const v of versions) {
          const cycle = cycleForVersion(product, v);
          if (!cycle) continue;
          const key = `${catalog.id}\u0000${product.product}\u0000${cycle.cycle}`;
          if (seen.has(key)) break;
          seen.add(key);
          const exact = via !== 'name';
          out.push({
            catalogId: catalog.id, catalogAsOf: catalog.asOf, product: product.product, productLabel: product.label,
            cycle, via, confidence: exact ? 'exact' : 'name-version', needsConfirmation: !exact, version: v,
          });
          break;
        }
      }
    }
  };
  const purl = component.purl ? parsePurl(component.purl) : null;
  if (purl) add(productsByIdentifier(catalogs, 'purl', purl.base), purl.version, 'purl');
  const cpe = component.cpe ? parseCpe(component.cpe) : null;
  if (cpe) add(productsByIdentifier(catalogs, 'cpe', cpe.key), cpe.version, 'cpe');
  if (out.length === 0) {
    const name = norm(component.name).replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
    const ids = new Set<string>();
    const direct = NAME_ALIASES[name];
    if (direct) ids.add(direct);
    for (const catalog of catalogs) {
      for (const p of catalog.products) {
        if (norm(p.product) === name || norm(p.label) === name || norm(p.product).replace(/-/g, ' ') === name) ids.add(p.product);
      }
    }
    // First word of a longer name ("Linux kernel 6.6 (vendor tree)" -> "linux").
    if (ids.size === 0) {
      for (const word of name.split(' ')) {
        const a = NAME_ALIASES[word];
        if (a) {
          ids.add(a);
          break;
        }
      }
    }
    add([...ids], null, 'name');
  }
  return out;
}

/* ------------------------------------------------------------- proposals */

export interface Provenance {
  catalog: string;
  catalogDate: string | null;
  product: string;
  cycle: string;
  field: 'eol';
}

export interface Proposal {
  componentId: string;
  current: string | null;
  /** The date to set; null when the catalog has none (ended without date, not ended, unknown). */
  proposed: string | null;
  state: MilestoneState;
  provenance: Provenance;
  needsConfirmation: boolean;
  /** What to store in `component.sources.securitySupportEnd` on acceptance (null when nothing to accept). */
  sourceNote: string | null;
  /** A sentence for the user. */
  explanation: string;
}

/**
 * The provenance note written when a catalog date is accepted:
 * `catalog:<catalog id>:<product>:<cycle>:<date>`, each part URI-encoded so
 * that a `:` in a cycle cannot shift the fields.
 */
export function formatCatalogSource(p: { catalog: string; product: string; cycle: string; date: string }): string {
  return ['catalog', p.catalog, p.product, p.cycle, p.date].map((x, i) => (i === 0 ? x : encodeURIComponent(x))).join(':');
}

export function parseCatalogSource(note: string | undefined): { catalog: string; product: string; cycle: string; date: string } | null {
  if (!note) return null;
  const parts = note.split(':');
  if (parts.length !== 5 || parts[0] !== 'catalog') return null;
  try {
    const [catalog, product, cycle, date] = parts.slice(1).map(decodeURIComponent) as [string, string, string, string];
    if (!parseLifecycleDate(date).ok) return null;
    return { catalog, product, cycle, date };
  } catch {
    return null;
  }
}

export function proposeSupportEnd(
  component: Pick<Component, 'id' | 'securitySupportEnd'>,
  match: Match,
  catalogMeta?: { id: string; asOf: string | null },
): Proposal {
  const catalog = catalogMeta?.id ?? match.catalogId;
  const catalogDate = catalogMeta ? catalogMeta.asOf : match.catalogAsOf;
  const s = match.cycle.securitySupport;
  const provenance: Provenance = { catalog, catalogDate, product: match.product, cycle: match.cycle.cycle, field: 'eol' };
  const where = `${match.productLabel} ${match.cycle.cycle} (catalog ${catalog}${catalogDate ? ` of ${catalogDate}` : ''})`;
  const explanation =
    s.state === 'date' ? `${where}: security support ends ${s.date}.`
      : s.state === 'ended-date-unknown' ? `${where}: security support has ended; the catalog gives no date, so none is proposed.`
        : s.state === 'not-ended' ? `${where}: security support has not ended and no end date is announced yet.`
          : `${where}: the catalog says nothing about the end of security support.`;
  return {
    componentId: component.id,
    current: component.securitySupportEnd,
    proposed: s.state === 'date' ? s.date : null,
    state: s.state,
    provenance,
    needsConfirmation: match.needsConfirmation,
    sourceNote: s.state === 'date' && s.date ? formatCatalogSource({ catalog, product: match.product, cycle: match.cycle.cycle, date: s.date }) : null,
    explanation,
  };
}

/** The component after the user accepted a proposal (pure; refuses a proposal without a date). */
export function acceptProposal<C extends Component>(component: C, proposal: Proposal): C {
  if (proposal.componentId !== component.id) throw new Error(`the proposal is for component ${proposal.componentId}, not ${component.id}`);
  if (!proposal.proposed || !proposal.sourceNote) throw new Error('this proposal has no date to accept');
  return { ...component, securitySupportEnd: proposal.proposed, sources: { ...component.sources, securitySupportEnd: proposal.sourceNote } };
}

export interface Recheck {
  componentId: string;
  acceptedFrom: { catalog: string; product: string; cycle: string; date: string };
  /** What the loaded catalogs say now: a date, or null with the state. */
  now: string | null;
  nowState: MilestoneState | 'not-found';
  /** Which catalog answered (the same catalog id when loaded, else another that has the cycle). */
  checkedIn: string | null;
  moved: boolean;
}

/**
 * Re-checks dates accepted from a catalog against the catalogs loaded now and
 * flags the ones whose date moved (or disappeared).
 */
export function recheckAcceptedDates(components: readonly Component[], catalogs: readonly EolCatalog[]): Recheck[] {
  const out: Recheck[] = [];
  for (const c of components) {
    const from = parseCatalogSource(c.sources.securitySupportEnd);
    if (!from) continue;
    const candidates = findProduct(catalogs, from.product)
      .sort((a, b) => Number(b.catalog.id === from.catalog) - Number(a.catalog.id === from.catalog));
    let answer: Recheck | null = null;
    for (const { catalog, product } of candidates) {
      const cycle = product.cycles.find((x) => x.cycle === from.cycle);
      if (!cycle) continue;
      const s = cycle.securitySupport;
      answer = {
        componentId: c.id, acceptedFrom: from, now: s.date, nowState: s.state, checkedIn: catalog.id,
        moved: s.state !== 'date' || s.date !== from.date,
      };
      break;
    }
    out.push(answer ?? { componentId: c.id, acceptedFrom: from, now: null, nowState: 'not-found', checkedIn: null, moved: false });
  }
  return out;
}
