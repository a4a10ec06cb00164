/**
 * The catalogs matching works with: the curated catalog built into the app,
 * plus the files the user loaded (a stored catalog with the curated one's id
 * is a newer edition of it and takes its place).
 */
import { describeJsonError } from '../../../shared/text/messages';
import embeddedJson from '../../../assets/catalogs/embedded-platforms.json';
import { parseAnyCatalog, parseEolCatalog, type EolCatalog } from '../../../shared/interop';
import type { StoredCatalog } from '../../db/repositories/catalogs';

function loadEmbedded(): EolCatalog {
  const parsed = parseEolCatalog(embeddedJson);
  // The file is checked by the format tests; failing here means a broken build, not bad user input.
  if (!parsed.ok) throw new Error(`the built-in catalog is invalid: ${parsed.errors.join('; ')}`);
  return parsed.value;
}

export const EMBEDDED_CATALOG: EolCatalog = loadEmbedded();

export function activeCatalogs(stored: readonly StoredCatalog[]): EolCatalog[] {
  const ids = new Set(stored.map((s) => s.id));
  return [...(ids.has(EMBEDDED_CATALOG.id) ? [] : [EMBEDDED_CATALOG]), ...stored.map((s) => s.catalog)];
}

const LARGEST_CATALOG_BYTES = 8 * 1024 * 1024;

/** `linux.json` -> `linux`; endoflife.date product ids are lower-case letters, digits, `.`, `_`, `-`. */
export function productFromFileName(name: string): string {
  return name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 80);
}

/** Catalog ids are lower-case letters, digits and `-` (max 40). */
const catalogIdFor = (product: string): string => `endoflife-${product.replace(/[^a-z0-9-]+/g, '-')}`.slice(0, 40).replace(/-+$/, '');

export type CatalogFileResult =
  | { ok: true; catalog: EolCatalog; warnings: string[] }
  | { ok: false; errors: string[]; needsProduct?: boolean };

/**
 * Reads a loaded catalog file: our own format, an endoflife.date v1 product
 * (with or without its envelope) or a legacy cycle array, which names no
 * product: `product` (default: from the file name) says which.
 */
export function readCatalogFile(
  file: { name: string; bytes: Uint8Array },
  options: { product?: string; today: string },
): CatalogFileResult {
  if (file.bytes.byteLength > LARGEST_CATALOG_BYTES) return { ok: false, errors: [`${file.name} is larger than 8 MB; a catalog is much smaller`] };
  let json: unknown;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    return { ok: false, errors: [`${file.name} is not UTF-8 text, so not a catalog`] };
  }
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`${file.name}: ${describeJsonError(error, text)}`] };
  }
  const product = options.product ?? productFromFileName(file.name);
  const envelope = json as { generated_at?: unknown; result?: { name?: unknown } } | null;
  const generatedAt = typeof envelope?.generated_at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(envelope.generated_at) ? envelope.generated_at.slice(0, 10) : null;
  const v1Name = typeof envelope?.result?.name === 'string' ? envelope.result.name
    : typeof (json as { name?: unknown } | null)?.name === 'string' ? (json as { name: string }).name : null;
  const idProduct = Array.isArray(json) ? product : (v1Name ?? product);
  const parsed = parseAnyCatalog(json, {
    id: catalogIdFor(idProduct.toLowerCase()),
    title: `endoflife.date: ${idProduct}`,
    // The catalog's date: when endoflife.date generated it, else the day it was loaded.
    asOf: generatedAt ?? options.today,
    generatedFrom: file.name,
    product,
  });
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => `${file.name}: ${e}`), ...(Array.isArray(json) ? { needsProduct: true } : {}) };
  return { ok: true, catalog: parsed.value, warnings: parsed.warnings };
}
