/**
 * The catalogs matching works with: the curated catalog built into the app,
 * plus the files the user loaded (a stored catalog with the curated one's id
 * is a newer edition of it and takes its place).
 */
import embeddedJson from '../../../assets/catalogs/embedded-platforms.json';
import { parseEolCatalog, readCatalogJson, type CatalogFileResult, type EolCatalog } from '../../../shared/interop';
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
  // Catalogs stored before the date's basis was recorded have a stated date.
  return [...(ids.has(EMBEDDED_CATALOG.id) ? [] : [EMBEDDED_CATALOG]), ...stored.map((s) => ({ ...s.catalog, asOfBasis: s.catalog.asOfBasis ?? 'stated' }))];
}

export { productFromFileName } from '../../../shared/interop';
export type { CatalogFileResult } from '../../../shared/interop';

/**
 * Reads a loaded catalog file (the shared reader: our format, endoflife.date
 * v1 or legacy; `linux.json` is linux-kernel). `today` is only for data
 * fetched live just now (the refresh), whose date is the day of the fetch; a
 * file from disk is dated by itself, never by the day it was loaded.
 */
export function readCatalogFile(
  file: { name: string; bytes: Uint8Array },
  options: { product?: string; today?: string } = {},
): CatalogFileResult {
  return readCatalogJson(file, { ...(options.product ? { product: options.product } : {}), asOf: options.today ?? null });
}
