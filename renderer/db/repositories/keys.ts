/**
 * Signing keys and trust: this installation's Ed25519 key (created on first
 * use, kept in the settings table of the user's own database, never written
 * into a bundle or a response), the signer fingerprints the user pinned as
 * trusted, and the bundles opened lately.
 */
import { checkSigningKey, generateSigningKey, normalizeFingerprint, type SigningKey } from '../../../shared/bundle';
import type { SupportspanDb } from '../database';
import { guardWrite, ValidationError } from '../errors';
import { getSetting, setSetting, settingSchemas, type SettingValue } from './settings';

export type TrustedFingerprint = SettingValue<'trustedFingerprints'>[number];
export type RecentBundle = SettingValue<'recentBundles'>[number];

export const MAX_RECENT_BUNDLES = 10;

/** The installation key if one was made; null otherwise. A damaged stored key is refused with the reason. */
export async function getSigningKey(db: SupportspanDb): Promise<SigningKey | null> {
  const record = await db.settings.get('signingKey');
  if (!record) return null;
  const checked = await checkSigningKey(record.value);
  if (!checked.ok) throw new ValidationError('The stored signing key', [checked.error]);
  return checked.key;
}

/**
 * The installation key, created on first use. Generating is WebCrypto work that
 * cannot run inside an IndexedDB transaction, so a key is made first and stored
 * only if none appeared meanwhile: two windows signing at once end up with one key.
 */
export async function ensureSigningKey(db: SupportspanDb, now: Date = new Date()): Promise<SigningKey> {
  const existing = await getSigningKey(db);
  if (existing) return existing;
  const fresh = await generateSigningKey(now);
  const parsed = settingSchemas.signingKey.parse(fresh);
  const stored = await guardWrite('store the signing key', () =>
    db.transaction('rw', db.settings, async () => {
      const again = await db.settings.get('signingKey');
      if (again) return again.value;
      await db.settings.put({ key: 'signingKey', value: parsed });
      return parsed;
    }),
  );
  const checked = await checkSigningKey(stored);
  if (!checked.ok) throw new ValidationError('The stored signing key', [checked.error]);
  return checked.key;
}

/** The public half only: what the UI shows. */
export async function getInstallationFingerprint(db: SupportspanDb): Promise<string | null> {
  const record = await db.settings.get('signingKey');
  const parsed = settingSchemas.signingKey.safeParse(record?.value);
  return parsed.success ? parsed.data.fingerprint : null;
}

export async function listTrustedFingerprints(db: SupportspanDb): Promise<TrustedFingerprint[]> {
  return (await getSetting(db, 'trustedFingerprints')) ?? [];
}

/** Plain hex of every pinned fingerprint, for verifyBundle. */
export async function trustedFingerprintList(db: SupportspanDb): Promise<string[]> {
  return (await listTrustedFingerprints(db)).map((t) => t.fingerprint);
}

/** Why a typed fingerprint is not accepted, or null when it is fine. */
export function fingerprintProblem(text: string): string | null {
  const compact = text.replace(/[\s:]/g, '');
  if (!compact) return 'Enter a fingerprint.';
  if (/[^0-9a-fA-F]/.test(compact)) return 'A fingerprint has only the digits 0-9 and the letters a-f (spaces and colons are ignored).';
  if (compact.length !== 64) return `A fingerprint has 64 hex digits; this one has ${compact.length}.`;
  return null;
}

/** Pins a fingerprint (any of the shown forms). Pinning one twice keeps one entry with the newer label. */
export async function trustFingerprint(db: SupportspanDb, text: string, label = '', now: Date = new Date()): Promise<string> {
  const problem = fingerprintProblem(text);
  const hex = normalizeFingerprint(text);
  if (problem || !hex) throw new ValidationError('Fingerprint', [problem ?? 'not a fingerprint']);
  await guardWrite('trust the fingerprint', () =>
    db.transaction('rw', db.settings, async () => {
      const current = (await getSetting(db, 'trustedFingerprints')) ?? [];
      const next = [...current.filter((t) => t.fingerprint !== hex), { fingerprint: hex, label: label.trim().slice(0, 200), addedAt: now.toISOString() }];
      await setSetting(db, 'trustedFingerprints', next);
    }),
  );
  return hex;
}

export async function untrustFingerprint(db: SupportspanDb, fingerprint: string): Promise<void> {
  const hex = normalizeFingerprint(fingerprint);
  if (!hex) return;
  await guardWrite('remove the fingerprint', () =>
    db.transaction('rw', db.settings, async () => {
      const current = (await getSetting(db, 'trustedFingerprints')) ?? [];
      await setSetting(db, 'trustedFingerprints', current.filter((t) => t.fingerprint !== hex));
    }),
  );
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
