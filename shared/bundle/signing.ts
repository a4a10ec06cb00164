/**
 * Ed25519 signing of the manifest through WebCrypto. One key per
 * installation; the renderer stores the `SigningKey` object in IndexedDB and
 * the CLI in a 0600 file. The private part never goes into a bundle: the
 * writer only puts the public key, its fingerprint and the signature in.
 */
import { z } from 'zod';
import { sha256Hex, SHA256_HEX_RE } from './hash';
import { fromBase64, fromBase64Url, subtle, toBase64, toBase64Url, type Ed25519Jwk, type KeyHandle } from './platform';
import type { SignatureFile } from './format';

const ED25519 = { name: 'Ed25519' } as const;

export const signingKeySchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  /** Raw 32-byte public key, base64. */
  publicKey: z.string().max(100),
  /** Private key as a JWK (RFC 8037), the form WebCrypto imports in every runtime. */
  privateJwk: z.strictObject({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().max(100),
    d: z.string().max(100),
  }),
  fingerprint: z.string().regex(SHA256_HEX_RE),
  createdAt: z.string().max(40),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

/**
 * A key whose private half is a non-extractable WebCrypto key: it can sign but
 * its bytes cannot be read back, not even by a script running on the same page.
 * The app keeps this form in IndexedDB (a structured clone of the CryptoKey).
 */
export interface HeldSigningKey {
  algorithm: 'Ed25519';
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  privateKey: KeyHandle;
}

/**
 * A key held elsewhere that signs on request: the desktop app's key in the main
 * process (bytes go over IPC, only the signature comes back). The signed bytes are
 * the same as for the other forms, so verification does not change.
 */
export interface ExternalSigner {
  algorithm: 'Ed25519';
  publicKey: string;
  fingerprint: string;
  createdAt: string;
  sign(bytes: Uint8Array): Promise<Uint8Array>;
}

/** Any form signs: the CLI's key file (JWK), the app's held key, or a key held elsewhere. */
export type Signer = SigningKey | HeldSigningKey | ExternalSigner;

export function isExternalSigner(key: Signer): key is ExternalSigner {
  return typeof (key as Partial<ExternalSigner>).sign === 'function';
}

/** The public half, safe to show and share. */
export interface PublicKeyInfo {
  publicKey: string;
  fingerprint: string;
}

export async function fingerprintOf(rawPublicKey: Uint8Array): Promise<string> {
  return sha256Hex(rawPublicKey);
}

/** `ab12 cd34 …`: groups of four hex digits, easier to compare by eye or read aloud. */
export function formatFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** Accepts a fingerprint as shown (grouped, with colons, upper case) and returns plain lower-case hex, or null. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return SHA256_HEX_RE.test(hex) ? hex : null;
}

export async function generateSigningKey(now: Date = new Date()): Promise<SigningKey> {
  const pair = await subtle().generateKey(ED25519, true, ['sign', 'verify']);
  const raw = new Uint8Array(await subtle().exportKey('raw', pair.publicKey));
  const jwk = (await subtle().exportKey('jwk', pair.privateKey)) as unknown as Ed25519Jwk;
  if (!jwk.d) throw new Error('the platform did not export the private key');
  return {
    algorithm: 'Ed25519',
    publicKey: toBase64(raw),
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
    fingerprint: await fingerprintOf(raw),
    createdAt: now.toISOString(),
  };
}

/** Checks a stored key (e.g. a key file edited by hand) before use. */
export async function checkSigningKey(value: unknown): Promise<{ ok: true; key: SigningKey } | { ok: false; error: string }> {
  const parsed = signingKeySchema.safeParse(value);
  if (!parsed.success) return { ok: false, error: 'the signing key is malformed: ' + parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const key = parsed.data;
  const raw = fromBase64(key.publicKey);
  const x = fromBase64Url(key.privateJwk.x);
  if (!raw || raw.length !== 32 || !x || toBase64Url(raw) !== key.privateJwk.x) return { ok: false, error: 'the signing key\'s public key does not match its private key' };
  if ((await fingerprintOf(raw)) !== key.fingerprint) return { ok: false, error: 'the signing key\'s fingerprint does not match its public key' };
  const probe = new Uint8Array([115, 115, 112, 97, 110]);
  try {
    const sig = await signBytes(probe, key);
    const pub = await subtle().importKey('raw', raw, ED25519, false, ['verify']);
    if (!(await subtle().verify(ED25519, pub, sig, probe))) return { ok: false, error: 'the signing key\'s halves do not belong together' };
  } catch (e) {
    return { ok: false, error: `the signing key cannot be used: ${(e as Error).message}` };
  }
  return { ok: true, key };
}

async function signBytes(data: Uint8Array, key: Signer): Promise<Uint8Array> {
  if (isExternalSigner(key)) {
    const signature = await key.sign(data);
    if (signature.byteLength !== 64) throw new Error('the signing key answered with something that is not an Ed25519 signature');
    return signature;
  }
  if ('privateKey' in key) return new Uint8Array(await subtle().sign(ED25519, key.privateKey, data));
  const priv = await subtle().importKey('jwk', { ...key.privateJwk, key_ops: ['sign'], ext: false }, ED25519, false, ['sign']);
  return new Uint8Array(await subtle().sign(ED25519, priv, data));
}

export async function signManifest(manifestBytes: Uint8Array, key: Signer): Promise<SignatureFile> {
  const signature = await signBytes(manifestBytes, key);
  return { algorithm: 'Ed25519', publicKey: key.publicKey, fingerprint: key.fingerprint, signature: toBase64(signature) };
}

export type SignatureCheck = { ok: true; fingerprint: string } | { ok: false; reason: string };

/** Verifies the signature over the exact manifest bytes and that the fingerprint belongs to the key. */
export async function verifyManifestSignature(manifestBytes: Uint8Array, sig: SignatureFile): Promise<SignatureCheck> {
  const raw = fromBase64(sig.publicKey);
  if (!raw || raw.length !== 32) return { ok: false, reason: 'signature.json: the public key is not a 32-byte Ed25519 key' };
  const signature = fromBase64(sig.signature);
  if (!signature || signature.length !== 64) return { ok: false, reason: 'signature.json: the signature is not 64 bytes of base64' };
  if ((await fingerprintOf(raw)) !== sig.fingerprint) return { ok: false, reason: 'signature.json: the fingerprint does not belong to the public key' };
  let valid = false;
  try {
    const pub = await subtle().importKey('raw', raw, ED25519, false, ['verify']);
    valid = await subtle().verify(ED25519, pub, signature, manifestBytes);
  } catch (e) {
    return { ok: false, reason: `signature.json: the public key cannot be used (${(e as Error).message})` };
  }
  return valid ? { ok: true, fingerprint: sig.fingerprint } : { ok: false, reason: 'the signature does not match manifest.json: the manifest was changed after signing or signed by another key' };
}
