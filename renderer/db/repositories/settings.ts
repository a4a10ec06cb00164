/**
 * Settings: one record per key, each key with its own schema. Add a key by adding
 * its schema here; a stored value that no longer matches is reported, not used.
 */
import { z } from 'zod';
import { dayDateSchema, describeIssues } from '../../../shared/domain';
import { importProfileSchema } from '../../../shared/import/spreadsheet/profile';
import { heldSigningKeySchema, trustSealKeySchema } from '../key-vault';
import type { SupportspanDb } from '../database';
import { guardWrite, ValidationError } from '../errors';
import { useUiStore } from '../../state/ui-store';

export const settingSchemas = {
  /** The answer to navigator.storage.persist(), asked once on first start. */
  storagePersistence: z.strictObject({
    requested: z.boolean(),
    granted: z.boolean(),
    at: z.string().max(40),
    /** Why it could not be asked (API missing) or what failed. */
    note: z.string().max(1000).optional(),
  }),
  /** The day findings are computed for; null = today. */
  asOfDate: dayDateSchema.nullable(),
  /**
   * Set once the first start has been handled, so the sample portfolio is loaded at
   * most once: `sample` (loaded, the notice about it still shown until dismissed),
   * `empty` (the user chose an empty workspace) or `existing` (data was already there).
   */
  workspaceInitialized: z.strictObject({
    source: z.enum(['sample', 'empty', 'existing']),
    at: z.string().max(40),
    sampleNoticeDismissed: z.boolean().default(false),
  }),
  /** Who takes decisions on findings on this computer; empty = ask before the first decision. */
  userName: z.string().trim().max(200),
  /** Ids of the rule packs the analysis uses; null (or unset) = every built-in pack. */
  enabledRulePacks: z.array(z.string().regex(/^[a-z0-9-]+$/, 'a pack id is lower-case letters, digits and -').max(60)).max(100).nullable(),
  /** The organisation's own minimums, stricter than the law; null = no policy for that measure. */
  orgPolicy: z.strictObject({
    minSupportYears: z.number().positive('must be more than 0 years').max(100, 'must be at most 100 years').nullable(),
    minSpareYears: z.number().positive('must be more than 0 years').max(100, 'must be at most 100 years').nullable(),
  }),
  /**
   * This installation's Ed25519 key for signing bundles and auditor responses
   * (repositories/keys.ts): the private half is a non-extractable CryptoKey.
   */
  signingKey: heldSigningKeySchema,
  /** Signer fingerprints the user pinned as trusted (plain lower-case hex), each sealed with `trustSealKey`. */
  trustedFingerprints: z.array(z.strictObject({
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a fingerprint is 64 hex digits'),
    label: z.string().trim().max(200),
    addedAt: z.string().max(40),
    /** HMAC over the entry; an entry whose seal is missing or wrong was not added through the app. */
    seal: z.string().max(100).optional(),
  })).max(500),
  /** The non-extractable HMAC key sealing the trusted fingerprints. */
  trustSealKey: trustSealKeySchema,
  /** Bundles opened lately, newest first: names only (a browser has no paths), with the manifest hash. */
  recentBundles: z.array(z.strictObject({
    name: z.string().max(1000),
    manifestHash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().max(40),
  })).max(50),
  /** Saved spreadsheet import profiles (column mapping, conventions, value choices), offered when a file with the same header comes in. */
  importProfiles: z.array(importProfileSchema).max(200),
  /**
   * The team database this workspace replicates with (renderer/team): its address (no
   * credentials), the user signed in to it and whether replication runs. No password:
   * the browser keeps the server's session cookie.
   */
  teamSync: z.strictObject({
    url: z.string().max(2000),
    user: z.string().trim().min(1).max(200),
    enabled: z.boolean(),
  }),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

export async function getSetting<K extends SettingKey>(db: SupportspanDb, key: K): Promise<SettingValue<K> | undefined> {
  const record = await db.settings.get(key);
  if (!record) return undefined;
  const result = settingSchemas[key].safeParse(record.value);
  if (!result.success) {
    useUiStore.getState().pushNotice({
      kind: 'warning',
      message: `The stored setting "${key}" is not valid and was ignored: ${describeIssues(result.error).join('; ')}`,
    });
    return undefined;
  }
  return result.data as SettingValue<K>;
}

export async function setSetting<K extends SettingKey>(db: SupportspanDb, key: K, value: SettingValue<K>): Promise<void> {
  const result = settingSchemas[key].safeParse(value);
  if (!result.success) throw new ValidationError(`Setting "${key}"`, describeIssues(result.error));
  await guardWrite('save the setting', () => db.settings.put({ key, value: result.data }));
}
