/** Saved spreadsheet import profiles (a settings record): one per name, newest first. */
import type { ImportProfile } from '../../../shared/import/spreadsheet/profile';
import type { SupportspanDb } from '../database';
import { getSetting, setSetting } from './settings';

export async function listImportProfiles(db: SupportspanDb): Promise<ImportProfile[]> {
  return (await getSetting(db, 'importProfiles')) ?? [];
}

/** Saves under the profile's name, replacing one of the same name. */
export async function saveImportProfile(db: SupportspanDb, profile: ImportProfile): Promise<ImportProfile[]> {
  const others = (await listImportProfiles(db)).filter((p) => p.name.trim().toLowerCase() !== profile.name.trim().toLowerCase());
  const next = [profile, ...others].slice(0, 200);
  await setSetting(db, 'importProfiles', next);
  return next;
}

export async function deleteImportProfile(db: SupportspanDb, name: string): Promise<ImportProfile[]> {
  const next = (await listImportProfiles(db)).filter((p) => p.name !== name);
  await setSetting(db, 'importProfiles', next);
  return next;
}
