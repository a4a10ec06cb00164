/**
 * WebCrypto work behind the signing key and the trust list.
 *
 * The private key lives as a non-extractable CryptoKey: it signs, but nobody,
 * not even a script running on this page, can read its bytes (exportKey and
 * wrapKey refuse). A non-extractable key cannot be backed up later, so a backup
 * is offered only while a key is being created: for that one moment the key is
 * extractable, its PKCS#8 bytes are wrapped with a key derived from the user's
 * passphrase (PBKDF2-SHA-256, AES-GCM) and the everyday copy is re-imported as
 * non-extractable. See docs/security.md.
 */
import { z } from 'zod';
import { fingerprintOf, type HeldSigningKey, type SigningKey } from '../../shared/bundle';

const ED25519 = { name: 'Ed25519' } as const;
const PBKDF2_ITERATIONS = 600_000;
const MIN_PASSPHRASE = 12;

const b64 = (bytes: ArrayBuffer | Uint8Array): string => {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let bin = '';
  for (const byte of view) bin += String.fromCharCode(byte);
  return btoa(bin);
};
const unb64 = (text: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

/** The stored form: public parts as text, the private key as a non-extractable CryptoKey. */
export const heldSigningKeySchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().max(100),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().max(40),
  privateKey: z.custom<CryptoKey>(
    (v) => isCryptoKey(v) && v.type === 'private' && !v.extractable && v.algorithm.name === 'Ed25519',
    'the private key must be a non-extractable Ed25519 key',
  ),
});

/** A non-extractable HMAC key that seals the trusted-fingerprints list. */
export const trustSealKeySchema = z.custom<CryptoKey>(
  (v) => isCryptoKey(v) && v.type === 'secret' && !v.extractable && v.algorithm.name === 'HMAC',
  'the trust-list key must be a non-extractable HMAC key',
);

export function passphraseProblem(passphrase: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE) return `Use a passphrase of at least ${MIN_PASSPHRASE} characters.`;
  return null;
}

export const keyBackupSchema = z.strictObject({
  format: z.literal('supportspan-key-backup'),
  version: z.literal(1),
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().max(100),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().max(40),
  kdf: z.strictObject({ name: z.literal('PBKDF2'), hash: z.literal('SHA-256'), iterations: z.number().int().min(100_000).max(10_000_000), salt: z.string().max(100) }),
  wrap: z.strictObject({ name: z.literal('AES-GCM'), iv: z.string().max(100) }),
  wrappedKey: z.string().max(1000),
});
export type KeyBackup = z.infer<typeof keyBackupSchema>;

async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number, usage: 'wrapKey' | 'unwrapKey'): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

/**
 * A new key. With a passphrase, also a backup file's content: the only moment
 * the private key can be exported, because the everyday copy is non-extractable.
 */
export async function createHeldKey(now: Date, backupPassphrase?: string): Promise<{ key: HeldSigningKey & { privateKey: CryptoKey }; backup: KeyBackup | null }> {
  const backupWanted = backupPassphrase !== undefined;
  if (backupWanted) {
    const problem = passphraseProblem(backupPassphrase);
    if (problem) throw new Error(problem);
  }
  const pair = await crypto.subtle.generateKey(ED25519, backupWanted, ['sign', 'verify']) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const base = { algorithm: 'Ed25519' as const, publicKey: b64(raw), fingerprint: await fingerprintOf(raw), createdAt: now.toISOString() };
  if (!backupWanted) return { key: { ...base, privateKey: pair.privateKey }, backup: null };
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const wrapping = await passphraseKey(backupPassphrase, salt, PBKDF2_ITERATIONS, 'wrapKey');
  const wrapped = await crypto.subtle.wrapKey('pkcs8', pair.privateKey, wrapping, { name: 'AES-GCM', iv });
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  const everyday = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  new Uint8Array(pkcs8).fill(0);
  return {
    key: { ...base, privateKey: everyday },
    backup: {
      format: 'supportspan-key-backup', version: 1, ...base,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: b64(salt) },
      wrap: { name: 'AES-GCM', iv: b64(iv) },
      wrappedKey: b64(wrapped),
    },
  };
}

/** Reads a backup back into a non-extractable key; a wrong passphrase or a changed file is refused in plain words. */
export async function restoreHeldKey(value: unknown, passphrase: string): Promise<HeldSigningKey & { privateKey: CryptoKey }> {
  const parsed = keyBackupSchema.safeParse(value);
  if (!parsed.success) throw new Error('This file is not a Supportspan key backup.');
  const backup = parsed.data;
  let privateKey: CryptoKey;
  try {
    const unwrapping = await passphraseKey(passphrase, unb64(backup.kdf.salt), backup.kdf.iterations, 'unwrapKey');
    privateKey = await crypto.subtle.unwrapKey('pkcs8', unb64(backup.wrappedKey), unwrapping, { name: 'AES-GCM', iv: unb64(backup.wrap.iv) }, ED25519, false, ['sign']);
  } catch {
    throw new Error('The passphrase is wrong or the backup file was changed.');
  }
  const key = { algorithm: 'Ed25519' as const, publicKey: backup.publicKey, fingerprint: backup.fingerprint, createdAt: backup.createdAt, privateKey };
  const problem = await heldKeyProblem(key);
  if (problem) throw new Error(`The backup cannot be used: ${problem}.`);
  return key;
}

/** Imports a key stored by an earlier version (a JWK) as non-extractable; the fingerprint stays the same. */
export async function heldKeyFromJwk(legacy: SigningKey): Promise<HeldSigningKey & { privateKey: CryptoKey }> {
  const privateKey = await crypto.subtle.importKey('jwk', { ...legacy.privateJwk, key_ops: ['sign'], ext: false }, ED25519, false, ['sign']);
  return { algorithm: 'Ed25519', publicKey: legacy.publicKey, fingerprint: legacy.fingerprint, createdAt: legacy.createdAt, privateKey };
}

/** Why a held key is unusable (halves that do not belong together, wrong fingerprint), or null. */
export async function heldKeyProblem(key: { publicKey: string; fingerprint: string; privateKey: CryptoKey }): Promise<string | null> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = unb64(key.publicKey);
  } catch {
    return 'its public key is not base64';
  }
  if (raw.length !== 32) return 'its public key is not a 32-byte Ed25519 key';
  if ((await fingerprintOf(raw)) !== key.fingerprint) return 'its fingerprint does not match its public key';
  const probe = new Uint8Array([115, 115, 112, 97, 110]);
  try {
    const signature = await crypto.subtle.sign(ED25519, key.privateKey, probe);
    const pub = await crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
    if (!(await crypto.subtle.verify(ED25519, pub, signature, probe))) return 'its private and public halves do not belong together';
  } catch {
    return 'this browser cannot sign with it';
  }
  return null;
}

export function createTrustSealKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']) as Promise<CryptoKey>;
}

const sealInput = (entry: { fingerprint: string; label: string; addedAt: string }): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(JSON.stringify(['supportspan-trust-v1', entry.fingerprint, entry.label, entry.addedAt]));

export async function sealTrustEntry(key: CryptoKey, entry: { fingerprint: string; label: string; addedAt: string }): Promise<string> {
  return b64(await crypto.subtle.sign('HMAC', key, sealInput(entry)));
}

export async function trustEntrySealed(key: CryptoKey, entry: { fingerprint: string; label: string; addedAt: string; seal?: string | undefined }): Promise<boolean> {
  if (!entry.seal) return false;
  try {
    return await crypto.subtle.verify('HMAC', key, unb64(entry.seal), sealInput(entry));
  } catch {
    return false;
  }
}

/** A trusted key as the trust dialog records it: whose it is (as confirmed), who trusted it and when. */
export interface TrustedKeySealed { fingerprint: string; label: string; trustedBy: string; addedAt: string }

const sealInputV2 = (entry: TrustedKeySealed): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(JSON.stringify(['supportspan-trust-v2', entry.fingerprint, entry.label, entry.trustedBy, entry.addedAt]));

/** The seal of an entry made by the trust dialog: it covers the owner label and who trusted it, so neither can be changed unseen. */
export async function sealTrustedKey(key: CryptoKey, entry: TrustedKeySealed): Promise<string> {
  return b64(await crypto.subtle.sign('HMAC', key, sealInputV2(entry)));
}

export async function trustedKeySealed(key: CryptoKey, entry: TrustedKeySealed & { seal?: string | undefined }): Promise<boolean> {
  if (!entry.seal) return false;
  try {
    return await crypto.subtle.verify('HMAC', key, unb64(entry.seal), sealInputV2(entry));
  } catch {
    return false;
  }
}
