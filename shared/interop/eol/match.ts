/**
 * Which catalog cycles may describe a component: by purl and CPE first (the
 * package's identity), then by name as whole words, with the version from the
 * version field or from the name itself. Every match says how sure it is and
 * why, so the user can judge it before accepting a date.
 */
import type { Component } from '../../domain/schemas';
import { canonicalProductId, CPE_ALIASES, NAME_ALIASES, NEUTRAL_WORDS, PURL_ALIASES } from './aliases';
import type { CatalogCycle, CatalogProduct, EolCatalog } from './catalog-parse';
import { cycleForVersionWithSteps, looksLikeVersion } from './version';

/**
 * - `exact`: a purl or CPE names the product and its version gives the cycle.
 * - `high`: the name is the product's name (or a known alias) and a version.
 * - `low`: the name starts with the product's name, with other words the match cannot vouch for.
 */
export const MATCH_CONFIDENCES = ['exact', 'high', 'low'] as const;
export type MatchConfidence = (typeof MATCH_CONFIDENCES)[number];

export interface Match {
  catalogId: string;
  catalogAsOf: string | null;
  catalogAsOfBasis: EolCatalog['asOfBasis'];
  product: string;
  productLabel: string;
  cycle: CatalogCycle;
  via: 'purl' | 'cpe' | 'name';
  confidence: MatchConfidence;
  /** Anything but `exact` needs the user's confirmation that it is the same software. */
  needsConfirmation: boolean;
  /** The version text the cycle was read from. */
  version: string;
  /** Why it matched, in the user's terms. */
  reason: string;
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
  let path = m[2]!.toLowerCase();
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep the encoded form: it still compares equal to itself
  }
  return { base: `pkg:${m[1]!.toLowerCase()}/${path}`, version };
}

/** `cpe:2.3:part:vendor:product:version:…` -> `vendor:product` and version. */
export function parseCpe(cpe: string): { key: string; version: string | null } | null {
  const parts = cpe.trim().split(':');
  if (parts[0] !== 'cpe' || parts[1] !== '2.3' || parts.length < 6) return null;
  const version = parts[5] && parts[5] !== '*' && parts[5] !== '-' ? parts[5].replace(/\\/g, '') : null;
  return { key: `${parts[3]!.toLowerCase()}:${parts[4]!.toLowerCase()}`, version };
}

export function findProduct(catalogs: readonly EolCatalog[], id: string): { catalog: EolCatalog; product: CatalogProduct }[] {
  const out: { catalog: EolCatalog; product: CatalogProduct }[] = [];
  const want = canonicalProductId(id);
  for (const catalog of catalogs) for (const product of catalog.products) if (canonicalProductId(product.product) === want) out.push({ catalog, product });
  return out;
}

function productsByIdentifier(catalogs: readonly EolCatalog[], kind: 'purl' | 'cpe', key: string): string[] {
  const ids = new Set<string>();
  const table = kind === 'purl' ? PURL_ALIASES : CPE_ALIASES;
  if (Object.prototype.hasOwnProperty.call(table, key)) ids.add(table[key]!);
  for (const catalog of catalogs) {
    for (const p of catalog.products) {
      for (const id of p.identifiers[kind]) {
        const k = kind === 'purl' ? parsePurl(id)?.base : parseCpe(id)?.key;
        if (k === key) ids.add(canonicalProductId(p.product));
      }
    }
  }
  return [...ids];
}

/**
 * A name as words: lower case, split at spaces, slashes, commas and brackets;
 * a hyphen or underscore splits words but not versions ("1.1.1d-0+deb10u2").
 * "Node.js" is one word.
 */
export function nameWords(name: string): string[] {
  const out: string[] = [];
  for (const token of name.toLowerCase().split(/[\s/\\,;:()[\]{}"'|]+/)) {
    if (!token) continue;
    if (looksLikeVersion(token)) out.push(token);
    else out.push(...token.split(/[-_]+/).filter(Boolean));
  }
  return out;
}

interface NameHit { productId: string; phrase: string; rest: string[] }

/** The products a name starts with (as whole words), longest phrase first. */
function namePhrases(words: readonly string[], catalogs: readonly EolCatalog[]): NameHit[] {
  const phrases = new Map<string, string>(Object.entries(NAME_ALIASES));
  for (const catalog of catalogs) {
    for (const p of catalog.products) {
      const id = canonicalProductId(p.product);
      for (const text of [p.product, p.label, id]) {
        const w = nameWords(text).join(' ');
        if (w && !phrases.has(w)) phrases.set(w, id);
      }
    }
  }
  const hits: NameHit[] = [];
  const seen = new Set<string>();
  for (let n = Math.min(words.length, 4); n >= 1; n--) {
    const phrase = words.slice(0, n).join(' ');
    const id = phrases.get(phrase);
    if (id && !seen.has(id)) {
      seen.add(id);
      hits.push({ productId: id, phrase, rest: words.slice(n) });
    }
  }
  return hits;
}

/**
 * Catalog cycles that may describe a component, best first. A purl or CPE
 * that names a catalog product decides; only without one is the name read.
 */
export function matchComponent(component: Pick<Component, 'name' | 'version' | 'purl' | 'cpe'>, catalogs: readonly EolCatalog[]): Match[] {
  const out: Match[] = [];
  const seen = new Set<string>();
  const add = (productId: string, versions: readonly { text: string; from: string }[], via: Match['via'], confidence: MatchConfidence, why: string): boolean => {
    let any = false;
    for (const { catalog, product } of findProduct(catalogs, productId)) {
      for (const v of versions) {
        const hit = cycleForVersionWithSteps(product, v.text);
        if (!hit) continue;
        const key = `${catalog.id}\u0000${product.product}\u0000${hit.cycle.cycle}`;
        if (seen.has(key)) break;
        seen.add(key);
        any = true;
        const how = [`version ${v.text} ${v.from}`, ...hit.steps].join(', ');
        out.push({
          catalogId: catalog.id, catalogAsOf: catalog.asOf, catalogAsOfBasis: catalog.asOfBasis, product: product.product, productLabel: product.label,
          cycle: hit.cycle, via, confidence, needsConfirmation: confidence !== 'exact', version: v.text,
          reason: `${why}; ${how} -> cycle ${hit.cycle.cycle}`,
        });
        break;
      }
    }
    return any;
  };
  const field = component.version.trim();
  const fieldVersion = field ? [{ text: field, from: 'from the version field' }] : [];

  const purl = component.purl ? parsePurl(component.purl) : null;
  if (purl) {
    const versions = [...(purl.version ? [{ text: purl.version, from: 'from the purl' }] : []), ...fieldVersion];
    for (const id of productsByIdentifier(catalogs, 'purl', purl.base)) add(id, versions, 'purl', 'exact', `purl ${purl.base} is ${id}`);
  }
  const cpe = component.cpe ? parseCpe(component.cpe) : null;
  if (cpe) {
    const versions = [...(cpe.version ? [{ text: cpe.version, from: 'from the CPE' }] : []), ...fieldVersion];
    for (const id of productsByIdentifier(catalogs, 'cpe', cpe.key)) add(id, versions, 'cpe', 'exact', `CPE ${cpe.key} is ${id}`);
  }
  if (out.length > 0) return out;

  const words = nameWords(component.name);
  for (const hit of namePhrases(words, catalogs)) {
    // Only the word right after the name (neutral words aside) may be its version or codename:
    // "Linux driver pack 2.0" is not Linux 2.0.
    let i = 0;
    while (i < hit.rest.length && NEUTRAL_WORDS.has(hit.rest[i]!)) i++;
    const next = hit.rest[i];
    // A word is the name's version when it reads as one or is a codename of the product ("kirkstone").
    const nameVersion = next !== undefined
      && (looksLikeVersion(next) || findProduct(catalogs, hit.productId).some(({ product }) => cycleForVersionWithSteps(product, next) !== null));
    const versions = [...fieldVersion, ...(nameVersion ? [{ text: next, from: 'from the name' }] : [])];
    const extra = hit.rest.filter((w, j) => !(nameVersion && j === i) && !NEUTRAL_WORDS.has(w));
    const confidence: MatchConfidence = extra.length === 0 ? 'high' : 'low';
    const why = `the name starts with "${hit.phrase}" as whole words${extra.length ? ` (other words: ${extra.join(' ')})` : ''}`;
    if (add(hit.productId, versions, 'name', confidence, why)) break;
  }
  return out;
}
