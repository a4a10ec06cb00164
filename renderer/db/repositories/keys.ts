/**
 * Signing keys and trust: this installation's Ed25519 key (created on first
 * use, kept in the settings table of the user's own database as a
 * non-extractable CryptoKey, never written into a bundle or a response), the
 * signer keys the user trusted (table `trustedKeys`: with the owner label the
 * user confirmed, who trusted it and when, each entry sealed with an HMAC so
 * that one added or relabelled behind the app's back is detected and not used),
 * the key each bundle scope was last opened from (`scopeSigners`), and the
 * bundles opened lately.
 */
import { normalizeFingerprint, scopeLabel, signingKeySchema, type BundleScope, type HeldSigningKey, type Signer } from '../../../shared/bundle';
import type { Portfolio } from '../../../shared/domain/schemas';
import type { HostSigner } from '../../platform/platform';
import type { SupportspanDb, TrustedKeyRecord } from '../database';
import { LEGACY_TRUST_LABEL } from '../schema-history';
import { guardWrite, ValidationError } from '../errors';
import {
  createHeldKey, createTrustSealKey, heldKeyFromJwk, heldKeyProblem, heldSigningKeySchema, restoreHeldKey, sealTrustedKey, sealTrustEntry,
  trustedKeySealed, trustEntrySealed, trustSealKeySchema, type KeyBackup,
} from '../key-vault';
import { getSetting, setSetting, settingSchemas, type SettingValue } from './settings';

/** A pinned fingerprint; `sealed` is false when the entry was not added through the app's trust dialog. */
export interface TrustedFingerprint {
  fingerprint: string;
  /** Whose key it is (the owner label); LEGACY_TRUST_LABEL for keys trusted before labels were kept. */
  label: string;
  /** The user name of whoever trusted it; empty when not known. */
  trustedBy: string;
  addedAt: string;
  /** Trusted before owner labels were kept (schema version 8 copied it). */
  beforeLabels: boolean;
  sealed: boolean;
}
export type RecentBundle = SettingValue<'recentBundles'>[number];
export type InstallationKey = HeldSigningKey & { privateKey: CryptoKey };

export const MAX_RECENT_BUNDLES = 10;

/**
 * Keys stored by earlier versions were JWKs with the private part readable by any
 * script on the page. Such a record is imported once as a non-extractable key
 * and replaced; the fingerprint stays the same, so trust given to it holds.
 */
async function migrateLegacyKey(db: SupportspanDb, value: unknown): Promise<InstallationKey | null> {
  const legacy = signingKeySchema.safeParse(value);
  if (!legacy.success) return null;
  let held: InstallationKey;
  try {
    held = await heldKeyFromJwk(legacy.data);
  } catch {
    throw new ValidationError('The stored signing key', ['it cannot be read by this browser']);
  }
  const problem = await heldKeyProblem(held);
  if (problem) throw new ValidationError('The stored signing key', [problem]);
  return guardWrite('protect the signing key', () =>
    db.transaction('rw', db.settings, async () => {
      const again = await db.settings.get('signingKey');
      const current = heldSigningKeySchema.safeParse(again?.value);
      if (current.success) return current.data;
      await db.settings.put({ key: 'signingKey', value: held });
      return held;
    }),
  );
}

/** The installation key if one was made; null otherwise. A damaged stored key is refused with the reason. */
export async function getSigningKey(db: SupportspanDb): Promise<InstallationKey | null> {
  const record = await db.settings.get('signingKey');
  if (!record) return null;
  const held = heldSigningKeySchema.safeParse(record.value);
  if (held.success) return held.data;
  const migrated = await migrateLegacyKey(db, record.value);
  if (migrated) return migrated;
  throw new ValidationError('The stored signing key', ['it is damaged: create a new key or restore a backup']);
}

/** Runs the one-time migration of a key stored by an earlier version; a no-op otherwise. */
export async function protectStoredKey(db: SupportspanDb): Promise<void> {
  await getSigningKey(db).catch(() => undefined);
}

async function storeNewKey(db: SupportspanDb, key: InstallationKey, replace: boolean): Promise<InstallationKey> {
  const parsed = settingSchemas.signingKey.parse(key);
  return guardWrite('store the signing key', () =>
    db.transaction('rw', db.settings, async () => {
      const again = await db.settings.get('signingKey');
      if (again && !replace) {
        const existing = heldSigningKeySchema.safeParse(again.value);
        if (existing.success) return existing.data;
      }
      await db.settings.put({ key: 'signingKey', value: parsed });
      return parsed;
    }),
  );
}

/**
 * The installation key, created on first use. Generating is WebCrypto work that
 * cannot run inside an IndexedDB transaction, so a key is made first and stored
 * only if none appeared meanwhile: two windows signing at once end up with one key.
 */
export async function ensureSigningKey(db: SupportspanDb, now: Date = new Date()): Promise<InstallationKey> {
  const existing = await getSigningKey(db);
  if (existing) return existing;
  const { key } = await createHeldKey(now);
  return storeNewKey(db, key, false);
}

/**
 * Creates the installation key together with a passphrase-protected backup: the
 * only time the private key can be exported. Refused when a key exists (its
 * bytes cannot be read any more); `replace` makes a new key in its place.
 */
export async function createSigningKeyWithBackup(db: SupportspanDb, passphrase: string, options: { replace?: boolean; now?: Date } = {}): Promise<{ key: InstallationKey; backup: KeyBackup }> {
  const existing = await db.settings.get('signingKey');
  if (existing && !options.replace) {
    throw new ValidationError('The key backup', ['this installation already has a key, whose private part cannot be exported; create a new key with a backup instead (receivers must then trust the new fingerprint)']);
  }
  const { key, backup } = await createHeldKey(options.now ?? new Date(), passphrase);
  if (!backup) throw new Error('no backup was made');
  return { key: await storeNewKey(db, key, true), backup };
}

/** Replaces the installation key by the one in a backup file. */
export async function restoreSigningKey(db: SupportspanDb, backupFile: unknown, passphrase: string): Promise<InstallationKey> {
  const key = await restoreHeldKey(backupFile, passphrase);
  return storeNewKey(db, key, true);
}

/** The public half only: what the UI shows. */
export async function getInstallationFingerprint(db: SupportspanDb): Promise<string | null> {
  const record = await db.settings.get('signingKey');
  const held = heldSigningKeySchema.safeParse(record?.value);
  if (held.success) return held.data.fingerprint;
  const legacy = signingKeySchema.safeParse(record?.value);
  return legacy.success ? legacy.data.fingerprint : null;
}

/**
 * The seal key, created on first use. When it is created the existing entries
 * (kept from a version without seals) are sealed once; after that an entry
 * without a valid seal was not added by the app.
 */
async function ensureTrustSealKey(db: SupportspanDb): Promise<CryptoKey> {
  const record = await db.settings.get('trustSealKey');
  const existing = trustSealKeySchema.safeParse(record?.value);
  if (existing.success) return existing.data;
  const fresh = await createTrustSealKey();
  const current = await db.trustedKeys.toArray();
  const sealed = await Promise.all(current.map(async (t) => ({
    ...t,
    seal: t.before ? await sealTrustEntry(fresh, { fingerprint: t.fingerprint, ...t.before }) : await sealTrustedKey(fresh, t),
  })));
  return guardWrite('protect the trusted fingerprints', () =>
    db.transaction('rw', db.settings, db.trustedKeys, async () => {
      const again = trustSealKeySchema.safeParse((await db.settings.get('trustSealKey'))?.value);
      if (again.success) return again.data;
      await db.settings.put({ key: 'trustSealKey', value: fresh });
      await db.trustedKeys.bulkPut(sealed);
      return fresh;
    }),
  );
}

/** Seals the list once if an earlier version left it unsealed. */
export async function protectTrustList(db: SupportspanDb): Promise<void> {
  await ensureTrustSealKey(db);
}

async function entrySealed(key: CryptoKey, t: TrustedKeyRecord): Promise<boolean> {
  // A key trusted before owner labels were kept: its seal covers the earlier label and date.
  if (t.before) return t.label === LEGACY_TRUST_LABEL && t.trustedBy === '' && trustEntrySealed(key, { fingerprint: t.fingerprint, ...t.before, seal: t.seal });
  return trustedKeySealed(key, t);
}

export async function listTrustedFingerprints(db: SupportspanDb): Promise<TrustedFingerprint[]> {
  // Both reads come before any WebCrypto call, so a live query still sees them.
  const list = await db.trustedKeys.toArray();
  const keyRecord = await db.settings.get('trustSealKey');
  const key = trustSealKeySchema.safeParse(keyRecord?.value);
  list.sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  return Promise.all(list.map(async (t) => ({
    fingerprint: t.fingerprint, label: t.label, trustedBy: t.trustedBy, addedAt: t.addedAt,
    beforeLabels: t.before !== undefined,
    // No seal key yet means no list was sealed yet: the first write seals what is there.
    sealed: key.success ? await entrySealed(key.data, t) : true,
  })));
}

/** Plain hex of every pinned fingerprint whose seal holds, for verifyBundle. */
export async function trustedFingerprintList(db: SupportspanDb): Promise<string[]> {
  return (await listTrustedFingerprints(db)).filter((t) => t.sealed).map((t) => t.fingerprint);
}

/** The trusted entry of a fingerprint whose seal holds, or null. */
export async function trustedKeyOf(db: SupportspanDb, fingerprint: string): Promise<TrustedFingerprint | null> {
  const hex = normalizeFingerprint(fingerprint);
  if (!hex) return null;
  return (await listTrustedFingerprints(db)).find((t) => t.fingerprint === hex && t.sealed) ?? null;
}

/** Why a typed fingerprint is not accepted, or null when it is fine. */
export function fingerprintProblem(text: string): string | null {
  const compact = text.replace(/[\s:]/g, '');
  if (!compact) return 'Enter a fingerprint.';
  if (/[^0-9a-fA-F]/.test(compact)) return 'A fingerprint has only the digits 0-9 and the letters a-f (spaces and colons are ignored).';
  if (compact.length !== 64) return `A fingerprint has 64 hex digits; this one has ${compact.length}.`;
  return null;
}

export const MIN_OWNER_LABEL = 3;
export const MAX_OWNER_LABEL = 200;

/** Why an owner label is not accepted, or null. The label says whose key it is and how that was confirmed. */
export function ownerLabelProblem(label: string): string | null {
  const text = label.trim();
  if (!text) return 'Say whose key this is and how you confirmed it, e.g. "ACME product security, confirmed by phone on 2026-12-04".';
  if (text.length < MIN_OWNER_LABEL) return `The owner label needs at least ${MIN_OWNER_LABEL} characters.`;
  if (text.length > MAX_OWNER_LABEL) return `The owner label can have at most ${MAX_OWNER_LABEL} characters; this one has ${text.length}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(text)) return 'The owner label cannot hold control or direction characters.';
  return null;
}

/**
 * Pins a fingerprint (any of the shown forms) with the owner label the user
 * confirmed; records who trusted it (the user name setting) and when. Pinning
 * one twice keeps one entry with the newer label.
 */
export async function trustFingerprint(db: SupportspanDb, text: string, label: string, now: Date = new Date()): Promise<string> {
  const problem = fingerprintProblem(text);
  const hex = normalizeFingerprint(text);
  if (problem || !hex) throw new ValidationError('Fingerprint', [problem ?? 'not a fingerprint']);
  const labelProblem = ownerLabelProblem(label);
  if (labelProblem) throw new ValidationError('Owner label', [labelProblem]);
  const key = await ensureTrustSealKey(db);
  const trustedBy = ((await getSetting(db, 'userName')) ?? '').trim();
  const entry = { fingerprint: hex, label: label.trim(), trustedBy, addedAt: now.toISOString() };
  const seal = await sealTrustedKey(key, entry);
  await guardWrite('trust the fingerprint', () => db.trustedKeys.put({ ...entry, seal }));
  return hex;
}

export async function untrustFingerprint(db: SupportspanDb, fingerprint: string): Promise<void> {
  const hex = normalizeFingerprint(fingerprint);
  if (!hex) return;
  await guardWrite('remove the fingerprint', () => db.trustedKeys.delete(hex));
}

/**
 * What a bundle's scope is keyed by, to notice a change of signer: a line or
 * product by its id; the whole portfolio by the manufacturers its products name.
 */
export function bundleScopeKey(scope: BundleScope, portfolio: Pick<Portfolio, 'products'>): string {
  if (scope.kind !== 'portfolio') return `${scope.kind}:${scope.id}`;
  const makers = [...new Set(portfolio.products.map((p) => p.manufacturer?.trim()).filter((m): m is string => !!m))].sort();
  return `portfolio:${makers.join('|')}`;
}

/** A bundle for a scope last opened from another key: the earlier key and its label. */
export interface SignerChange {
  scope: string;
  scopeName: string;
  previous: { fingerprint: string; label: string; recordedAt: string };
  /** The new bundle's signer; null when it is not signed at all. */
  current: { fingerprint: string; label: string | null } | null;
}

/** Compares a bundle's signer with the key its scope was last opened from; null when it is the same (or the scope is new). */
export async function signerChangeFor(db: SupportspanDb, scope: BundleScope, portfolio: Pick<Portfolio, 'products'>, fingerprint: string | null): Promise<SignerChange | null> {
  const key = bundleScopeKey(scope, portfolio);
  const recorded = await db.scopeSigners.get(key);
  if (!recorded || recorded.fingerprint === fingerprint) return null;
  const current = fingerprint ? { fingerprint, label: (await trustedKeyOf(db, fingerprint))?.label ?? null } : null;
  return {
    scope: key, scopeName: scopeLabel(scope),
    previous: { fingerprint: recorded.fingerprint, label: recorded.label, recordedAt: recorded.recordedAt },
    current,
  };
}

/** Records the key a scope was opened from; only a trusted key (with a holding seal) is recorded. */
export async function recordScopeSigner(db: SupportspanDb, entry: { scope: BundleScope; portfolio: Pick<Portfolio, 'products'>; fingerprint: string; manifestHash: string }, now: Date = new Date()): Promise<boolean> {
  const trusted = await trustedKeyOf(db, entry.fingerprint);
  if (!trusted) return false;
  await guardWrite('remember the key of the scope', () => db.scopeSigners.put({
    scope: bundleScopeKey(entry.scope, entry.portfolio), fingerprint: trusted.fingerprint, label: trusted.label,
    scopeName: scopeLabel(entry.scope), recordedAt: now.toISOString(), manifestHash: entry.manifestHash,
  }));
  return true;
}

export async function listRecentBundles(db: SupportspanDb): Promise<RecentBundle[]> {
  return (await getSetting(db, 'recentBundles')) ?? [];
}

/** Records an opened bundle at the top of the list (one entry per bundle). */
export async function addRecentBundle(db: SupportspanDb, entry: { name: string; manifestHash: string }, now: Date = new Date()): Promise<void> {
  await guardWrite('remember the opened file', () =>
    db.transaction('rw', db.settings, async () => {
      const current = (await getSetting(db, 'recentBundles')) ?? [];
      const next = [{ name: entry.name.slice(0, 1000), manifestHash: entry.manifestHash, at: now.toISOString() }, ...current.filter((r) => r.manifestHash !== entry.manifestHash)];
      await setSetting(db, 'recentBundles', next.slice(0, MAX_RECENT_BUNDLES));
    }),
  );
}

export async function clearRecentBundles(db: SupportspanDb): Promise<void> {
  await setSetting(db, 'recentBundles', []);
}

/** Where the key that signs lives, in words the keys panel shows. */
export type KeyPlace =
  | { place: 'host'; fingerprint: string }
  | { place: 'database'; fingerprint: string; notice: string | null }
  | { place: 'none'; notice: string | null };

export const KEPT_IN_DATABASE_NOTICE =
  "This key is kept in the app's database: it was made before the desktop app kept keys in the system's protected storage, or made with a passphrase backup (which only the page can wrap). A key that cannot be read cannot be moved either, so it stays there (scripts cannot read it, but its bytes are in the profile's files). To move signing under the system's protection, create a new key with a backup; receivers must then trust the new fingerprint.";

/**
 * Which key signs, without making one. In the desktop app a key the database already
 * holds keeps signing (its fingerprint is what receivers trust); otherwise the main
 * process's key signs. Without protected storage the main process keeps no key and the
 * database's non-extractable key is used, with the host's reason shown.
 */
export async function installationKeyPlace(db: SupportspanDb, host?: HostSigner): Promise<KeyPlace> {
  const stored = await getInstallationFingerprint(db);
  if (stored) return { place: 'database', fingerprint: stored, notice: host ? KEPT_IN_DATABASE_NOTICE : null };
  if (!host) return { place: 'none', notice: null };
  const info = await host.publicInfo(false);
  if (info.state === 'ready') return { place: 'host', fingerprint: info.fingerprint };
  return { place: 'none', notice: info.state === 'unavailable' ? info.reason : null };
}

/**
 * The key that signs bundles and responses, created on first use: the host's (main
 * process) where there is one and the database has none, else the database's own
 * non-extractable key. `notice` says why the host's protection is not used.
 */
export async function ensureInstallationSigner(db: SupportspanDb, host?: HostSigner, now: Date = new Date()): Promise<{ key: Signer; notice: string | null }> {
  if (!host) return { key: await ensureSigningKey(db, now), notice: null };
  const existing = await getSigningKey(db);
  if (existing) return { key: existing, notice: KEPT_IN_DATABASE_NOTICE };
  const info = await host.publicInfo(true);
  if (info.state === 'ready') {
    return {
      key: { algorithm: 'Ed25519', publicKey: info.publicKey, fingerprint: info.fingerprint, createdAt: info.createdAt, sign: (bytes) => host.sign(bytes) },
      notice: null,
    };
  }
  const reason = info.state === 'unavailable' ? info.reason : 'the desktop app did not make its key';
  return { key: await ensureSigningKey(db, now), notice: reason };
}
