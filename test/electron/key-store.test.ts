/**
 * The desktop signing key lives in the main process: created once, stored only as
 * safeStorage ciphertext in userData, used over validated IPC channels that never
 * answer with private key material.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channels, MAX_SIGN_BYTES } from '../../shared/ipc/contract';
import { verifyManifestSignature } from '../../shared/bundle';
import { KEY_FILE_NAME } from '../../electron/main/key-store';
import { createMain } from '../../electron/main/create-main';
import { createHarness, FakeSafeStorage, ipcEvent } from './fake-electron';

const APP = 'app://supportspan/index.html';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'key-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a main process on the profile folder `dir`; a second call is a restart. */
async function start(safeStorage: FakeSafeStorage) {
  const h = createHarness({ env: { SUPPORTSPAN_USER_DATA_DIR: dir }, safeStorage });
  const handle = createMain(h.deps);
  await h.fireReady();
  await handle.ready;
  const call = (name: string, ...args: unknown[]) => Promise.resolve(h.ipcHandlers.get(name)!(ipcEvent(APP), ...args));
  return { publicInfo: (create: boolean) => call(channels.keysPublicInfo.name, { create }) as Promise<Record<string, string>>, sign: (bytes: unknown) => call(channels.keysSign.name, bytes) as Promise<{ signature: Uint8Array }>, call };
}

function spkiFromRaw(raw: Buffer) {
  // Ed25519 SubjectPublicKeyInfo: fixed 12-byte prefix, then the 32 raw bytes.
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
}

describe('desktop signing key in the main process', () => {
  it('is created once, on request, and its file holds only safeStorage ciphertext', async () => {
    const storage = new FakeSafeStorage();
    const main = await start(storage);
    expect(await main.publicInfo(false)).toEqual({ state: 'none' });
    expect(readdirSync(dir)).not.toContain(KEY_FILE_NAME);

    const first = await main.publicInfo(true);
    expect(first.state).toBe('ready');
    const second = await main.publicInfo(true);
    expect(second).toEqual(first);
    expect(storage.encrypted).toHaveLength(1);

    const text = readFileSync(join(dir, KEY_FILE_NAME), 'utf8');
    const plainPkcs8 = storage.encrypted[0]!;
    const privateSeed = Buffer.from(plainPkcs8, 'base64').subarray(-32);
    expect(text).not.toContain(plainPkcs8);
    expect(text).not.toContain(privateSeed.toString('base64'));
    expect(text).not.toContain(privateSeed.toString('base64url'));
    expect(text).not.toContain(privateSeed.toString('hex'));
    const record = JSON.parse(text) as Record<string, string>;
    expect(Object.keys(record).sort()).toEqual(['algorithm', 'createdAt', 'encryptedPrivateKey', 'fingerprint', 'format', 'publicKey', 'version']);
    // The field decrypts (only) through safeStorage to the key, so it is that ciphertext and nothing else.
    expect(storage.decryptString(Buffer.from(record.encryptedPrivateKey!, 'base64'))).toBe(plainPkcs8);
    // No temporary file left behind by the atomic write.
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('signs so that the public key verifies, with the same check bundles use', async () => {
    const main = await start(new FakeSafeStorage());
    const info = await main.publicInfo(true);
    const manifest = new TextEncoder().encode('{"format":"supportspan-bundle"}\n');
    const { signature } = await main.sign(manifest);
    expect(signature).toHaveLength(64);
    expect(verify(null, manifest, spkiFromRaw(Buffer.from(info.publicKey!, 'base64')), signature)).toBe(true);
    const check = await verifyManifestSignature(manifest, { algorithm: 'Ed25519', publicKey: info.publicKey!, fingerprint: info.fingerprint!, signature: Buffer.from(signature).toString('base64') });
    expect(check).toEqual({ ok: true, fingerprint: info.fingerprint });
    const tampered = manifest.slice();
    tampered[0] = 0x5b;
    expect(verify(null, tampered, spkiFromRaw(Buffer.from(info.publicKey!, 'base64')), signature)).toBe(false);
  });

  it('keeps the fingerprint across restarts and signs with the stored key', async () => {
    const storage = new FakeSafeStorage();
    const before = await (await start(storage)).publicInfo(true);
    const restarted = await start(storage);
    expect(await restarted.publicInfo(false)).toEqual(before);
    const bytes = new Uint8Array([1, 2, 3]);
    const { signature } = await restarted.sign(bytes);
    expect(verify(null, bytes, spkiFromRaw(Buffer.from(before.publicKey!, 'base64')), signature)).toBe(true);
    expect(storage.encrypted).toHaveLength(1);
  });

  it('refuses to store the key when encryption is unavailable, and says so', async () => {
    const storage = new FakeSafeStorage();
    storage.available = false;
    const main = await start(storage);
    const info = await main.publicInfo(true);
    expect(info.state).toBe('unavailable');
    expect(info.reason).toMatch(/does not store the key in plain text/);
    expect(readdirSync(dir)).not.toContain(KEY_FILE_NAME);
    await expect(main.sign(new Uint8Array([1]))).rejects.toThrow(/plain text/);
  });

  it('refuses to sign before a key exists', async () => {
    const main = await start(new FakeSafeStorage());
    await expect(main.sign(new Uint8Array([1]))).rejects.toThrow(/no signing key yet/);
  });

  it('a profile copied to another system cannot decrypt the key: unavailable, with the reason', async () => {
    await (await start(new FakeSafeStorage())).publicInfo(true);
    const elsewhere = await start(new FakeSafeStorage());
    const info = await elsewhere.publicInfo(true);
    expect(info).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/cannot be decrypted/) });
  });

  it.each([
    ['nothing', []],
    ['a string', ['manifest']],
    ['a number array', [[1, 2, 3]]],
    ['empty bytes', [new Uint8Array(0)]],
    ['more than the limit', [new Uint8Array(MAX_SIGN_BYTES + 1)]],
    ['two arguments', [new Uint8Array(1), new Uint8Array(1)]],
  ])('keys:sign refuses %s before signing', async (_label, args) => {
    const main = await start(new FakeSafeStorage());
    await main.publicInfo(true);
    await expect(main.call(channels.keysSign.name, ...args)).rejects.toThrow(/invalid request/);
  });

  it.each([
    ['no options', []],
    ['an extra key', [{ create: true, exportPrivate: true }]],
    ['a string flag', [{ create: 'yes' }]],
  ])('keys:public-info refuses %s', async (_label, args) => {
    const main = await start(new FakeSafeStorage());
    await expect(main.call(channels.keysPublicInfo.name, ...args)).rejects.toThrow(/invalid request/);
  });

  it('no answer of any key channel carries the private key', async () => {
    const storage = new FakeSafeStorage();
    const main = await start(storage);
    const answers = JSON.stringify([await main.publicInfo(true), await main.publicInfo(false)]);
    const seed = Buffer.from(storage.encrypted[0]!, 'base64').subarray(-32);
    for (const form of [seed.toString('base64'), seed.toString('base64url'), seed.toString('hex'), storage.encrypted[0]!]) expect(answers).not.toContain(form);
    const { signature } = await main.sign(new Uint8Array([9]));
    expect(Buffer.from(signature).equals(seed)).toBe(false);
  });
});
