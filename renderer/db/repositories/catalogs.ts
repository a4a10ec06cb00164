/**
 * End-of-life catalogs the user loaded (endoflife.date files, newer curated
 * catalogs), stored validated in the `catalogs` table (schema version 3). The
 * curated catalog shipped with the app is not stored: it is part of the build.
 * A stored catalog with the id of an earlier one replaces it: loading a newer
 * file of the same source is how dates get re-checked.
 */
import type { Table } from 'dexie';
import { parseEolCatalog, type EolCatalog } from '../../../shared/interop';
import type { SupportspanDb } from '../database';
import { guardWrite, ValidationError } from '../errors';
import { checkImportedValue } from '../text-check';

export interface StoredCatalog {
  id: string;
  catalog: EolCatalog;
  /** The file it came from, or the refresh URL. */
  source: string;
  loadedAt: string;
}

const table = (db: SupportspanDb): Table<StoredCatalog, string> => db.table('catalogs');

export async function listCatalogs(db: SupportspanDb): Promise<StoredCatalog[]> {
  const all = await table(db).toArray();
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/** Validates again (a catalog is user input) and stores it, replacing one with the same id. */
export async function putCatalog(db: SupportspanDb, catalog: EolCatalog, source: string, now: Date = new Date()): Promise<StoredCatalog> {
  const check = parseEolCatalog({ format: 'supportspan-eol-catalog', formatVersion: 1, ...catalog });
  if (!check.ok) throw new ValidationError('The catalog', check.errors);
  checkImportedValue(check.value, 'the catalog', (messages) => new ValidationError('The catalog', messages));
  const record: StoredCatalog = { id: check.value.id, catalog: check.value, source: source.slice(0, 500), loadedAt: now.toISOString() };
  await guardWrite('store the catalog', () => table(db).put(record));
  return record;
}

export async function deleteCatalog(db: SupportspanDb, id: string): Promise<void> {
  await guardWrite('remove the catalog', () => table(db).delete(id));
}
