/**
 * The desktop app's signing key, kept in the main process. Chromium writes the
 * bytes of a non-extractable CryptoKey into its IndexedDB files, so anyone who can
 * read the profile could take the renderer's key; here the private key exists only
 * in this process and, at rest, only as `safeStorage` ciphertext (the operating
 * system's keychain / DPAPI / libsecret). The renderer can ask for the public half
 * and for a signature over bytes it sends; no channel ever answers with private key
 * material. Without encryption the key is never written in plain text: the caller
 * is told why and the renderer keeps its own non-extractable key.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { SafeStorage } from 'electron';
import { writeFileAtomic } from './files';

export const KEY_FILE_NAME = 'signing-key.json';
/** The stored file is small; anything bigger is not ours. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

const keyFileSchema = z.strictObject({
  format: z.literal('supportspan-signing-key'),
  version: z.literal(1),
  algorithm: z.literal('Ed25519'),
  publicKey: z.string().max(100),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().max(40),
  /** base64 of `safeStorage.encryptString(<PKCS#8 DER as base64>)`. */
  encryptedPrivateKey: z.string().max(16 * 1024),
});

export type KeyInfo =
  | { state: 'ready'; publicKey: string; fingerprint: string; createdAt: string }
  | { state: 'none' }
  | { state: 'unavailable'; reason: string };

export const ENCRYPTION_UNAVAILABLE =
  "This system offers no protected storage for the signing key (no keychain or secret service is available), and Supportspan does not store the key in plain text. The app's own database keeps a key that scripts cannot read instead.";

export class KeyStoreError extends Error {
  override name = 'KeyStoreError';
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new KeyStoreError('the key has no public part');
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}

interface Loaded {
  info: { publicKey: string; fingerprint: string; createdAt: string };
  privateKey: KeyObject;
}

export interface KeyStore {
  /** The public half; with `create`, a key is made (once) if none exists. */
  publicInfo(create: boolean): Promise<KeyInfo>;
  /** Ed25519 signature over exactly `bytes`; refused when there is no usable key. */
  sign(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>>;
}

export function createKeyStore(deps: {
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;
  userDataPath: () => string;
  now?: () => Date;
}): KeyStore {
  let loaded: Loaded | null = null;
  // One creation at a time: two windows asking at once get the same key.
  let pending: Promise<KeyInfo> | null = null;
  const file = (): string => path.join(deps.userDataPath(), KEY_FILE_NAME);

  async function readStored(): Promise<Loaded | null> {
    if (loaded) return loaded;
    let text: string;
    try {
      const st = await fsp.stat(file());
      if (st.size > MAX_KEY_FILE_BYTES) throw new KeyStoreError('the stored signing key file is too large to be a key');
      text = await fsp.readFile(file(), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let parsed: z.infer<typeof keyFileSchema>;
    try {
      parsed = keyFileSchema.parse(JSON.parse(text));
    } catch {
      throw new KeyStoreError('the stored signing key file is damaged');
    }
    if (!deps.safeStorage.isEncryptionAvailable()) throw new KeyStoreError(ENCRYPTION_UNAVAILABLE);
    let privateKey: KeyObject;
    try {
      const der = Buffer.from(deps.safeStorage.decryptString(Buffer.from(parsed.encryptedPrivateKey, 'base64')), 'base64');
      privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      throw new KeyStoreError('the stored signing key cannot be decrypted on this system (was the profile copied from another computer or user?)');
    }
    const raw = rawPublicKey(createPublicKey(privateKey));
    if (Buffer.from(raw).toString('base64') !== parsed.publicKey || createHash('sha256').update(raw).digest('hex') !== parsed.fingerprint) {
      throw new KeyStoreError('the stored signing key does not match its public key');
    }
    loaded = { info: { publicKey: parsed.publicKey, fingerprint: parsed.fingerprint, createdAt: parsed.createdAt }, privateKey };
    return loaded;
  }

  async function create(): Promise<Loaded> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const info = {
      publicKey: Buffer.from(raw).toString('base64'),
      fingerprint: createHash('sha256').update(raw).digest('hex'),
      createdAt: (deps.now?.() ?? new Date()).toISOString(),
    };
    const record: z.infer<typeof keyFileSchema> = {
      format: 'supportspan-signing-key',
      version: 1,
      algorithm: 'Ed25519',
      ...info,
      encryptedPrivateKey: deps.safeStorage.encryptString(der.toString('base64')).toString('base64'),
    };
    await fsp.mkdir(deps.userDataPath(), { recursive: true });
    await writeFileAtomic(file(), new TextEncoder().encode(JSON.stringify(record, null, 2) + '\n'));
    loaded = { info, privateKey };
    return loaded;
  }

  async function publicInfo(createIfMissing: boolean): Promise<KeyInfo> {
    if (!deps.safeStorage.isEncryptionAvailable()) return { state: 'unavailable', reason: ENCRYPTION_UNAVAILABLE };
    try {
      const stored = await readStored();
      if (stored) return { state: 'ready', ...stored.info };
      if (!createIfMissing) return { state: 'none' };
      return { state: 'ready', ...(await create()).info };
    } catch (error) {
      return { state: 'unavailable', reason: error instanceof KeyStoreError ? error.message : 'the signing key could not be read or written' };
    }
  }

  return {
    publicInfo(createIfMissing) {
      if (!createIfMissing) return publicInfo(false);
      pending ??= publicInfo(true).finally(() => { pending = null; });
      return pending;
    },
    async sign(bytes) {
      if (!deps.safeStorage.isEncryptionAvailable()) throw new KeyStoreError(ENCRYPTION_UNAVAILABLE);
      const stored = await readStored();
      if (!stored) throw new KeyStoreError('there is no signing key yet');
      return new Uint8Array(nodeSign(null, bytes, stored.privateKey));
    },
  };
}
