import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signManifest, verifyManifestSignature, type SigningKey } from '../../../shared/bundle';
import type { SupportspanDb } from '../../../renderer/db/database';
import {
  createSigningKeyWithBackup, ensureSigningKey, getInstallationFingerprint, getSigningKey, listTrustedFingerprints, protectStoredKey,
  restoreSigningKey, trustedFingerprintList, trustFingerprint, untrustFingerprint,
} from '../../../renderer/db/repositories/keys';
import { dropDb, testDb } from '../helpers';

// A key as the previous version stored it: a JWK with the private part `d` (made by its generateSigningKey).
const legacyKey = JSON.parse(readFileSync(join(__dirname, '../../fixtures/bundles/test-signing-key.json'), 'utf8')) as SigningKey;

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  await dropDb(db);
});

const FP_A = 'a'.repeat(64);
const FP_B = 'b'.repeat(64);

describe('the installation key', () => {
  it('is stored as a non-extractable CryptoKey and never as a JWK', async () => {
    const key = await ensureSigningKey(db, new Date('2026-01-01T00:00:00Z'));
    const record = await db.settings.get('signingKey');
    const stored = record!.value as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['algorithm', 'createdAt', 'fingerprint', 'privateKey', 'publicKey']);
    expect(stored.privateKey).toBeInstanceOf(CryptoKey);
    expect((stored.privateKey as CryptoKey).extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', stored.privateKey as CryptoKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('pkcs8', stored.privateKey as CryptoKey)).rejects.toThrow();
    // still signs, and the signature verifies under the fingerprint shown
    const data = new TextEncoder().encode('manifest');
    const sig = await signManifest(data, key);
    expect(await verifyManifestSignature(data, sig)).toEqual({ ok: true, fingerprint: key.fingerprint });
  });

  it('migrates a key stored as a JWK by the earlier version once, keeping its fingerprint', async () => {
    await db.settings.put({ key: 'signingKey', value: legacyKey });
    expect(await getInstallationFingerprint(db)).toBe(legacyKey.fingerprint);
    await protectStoredKey(db);
    const record = (await db.settings.get('signingKey'))!.value as Record<string, unknown>;
    expect(record).not.toHaveProperty('privateJwk');
    expect(JSON.stringify(Object.values(record).filter((v) => typeof v === 'string'))).not.toContain(legacyKey.privateJwk.d);
    expect((record.privateKey as CryptoKey).extractable).toBe(false);
    const key = await getSigningKey(db);
    expect(key!.fingerprint).toBe(legacyKey.fingerprint);
    expect(key!.publicKey).toBe(legacyKey.publicKey);
    const data = new TextEncoder().encode('after migration');
    expect((await verifyManifestSignature(data, await signManifest(data, key!))).ok).toBe(true);
    // a second run finds nothing to do
    await protectStoredKey(db);
    expect(((await db.settings.get('signingKey'))!.value as { privateKey: CryptoKey }).privateKey).toBeInstanceOf(CryptoKey);
  });

  it('refuses a stored key whose halves do not belong together', async () => {
    await db.settings.put({ key: 'signingKey', value: { ...legacyKey, fingerprint: FP_A } });
    await expect(getSigningKey(db)).rejects.toThrow(/signing key was not saved: its fingerprint does not match its public key/);
  });

  it('exports a backup only when the key is made, wrapped with the passphrase, and restores it non-extractable', async () => {
    await expect(createSigningKeyWithBackup(db, 'short')).rejects.toThrow('at least 12 characters');
    const { key, backup } = await createSigningKeyWithBackup(db, 'correct horse battery');
    expect(JSON.stringify(backup)).not.toMatch(/"d"/);
    expect(backup.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    // an existing key cannot be backed up any more: its bytes are gone
    await expect(createSigningKeyWithBackup(db, 'correct horse battery')).rejects.toThrow(/already has a key/);

    const other = testDb();
    try {
      await expect(restoreSigningKey(other, JSON.parse(JSON.stringify(backup)), 'wrong horse battery')).rejects.toThrow('The passphrase is wrong or the backup file was changed.');
      await expect(restoreSigningKey(other, { ...backup, wrappedKey: backup.wrappedKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, 'correct horse battery')).rejects.toThrow('The passphrase is wrong or the backup file was changed.');
      await expect(restoreSigningKey(other, { hello: 1 }, 'x')).rejects.toThrow('not a Supportspan key backup');
      const restored = await restoreSigningKey(other, JSON.parse(JSON.stringify(backup)), 'correct horse battery');
      expect(restored.fingerprint).toBe(key.fingerprint);
      expect(restored.privateKey.extractable).toBe(false);
      const data = new TextEncoder().encode('restored');
      expect(await verifyManifestSignature(data, await signManifest(data, restored))).toEqual({ ok: true, fingerprint: key.fingerprint });
    } finally {
      await dropDb(other);
    }
  });
});

describe('the trusted fingerprints', () => {
  it('flags and ignores an entry added behind the app\'s back', async () => {
    await trustFingerprint(db, FP_A, 'Auditor A');
    expect(await trustedFingerprintList(db)).toEqual([FP_A]);
    // a script or tool writes straight into the database
    const [stored] = await db.trustedKeys.toArray();
    await db.trustedKeys.put({ fingerprint: FP_B, label: 'Mallory', trustedBy: 'Mallory', addedAt: '2026-01-01T00:00:00.000Z' });
    const shown = await listTrustedFingerprints(db);
    expect(shown.map((t) => [t.fingerprint, t.sealed])).toEqual([[FP_B, false], [FP_A, true]]);
    expect(await trustedFingerprintList(db)).toEqual([FP_A]);
    // copying a valid seal onto another fingerprint does not help
    await db.trustedKeys.put({ ...stored!, fingerprint: FP_B });
    expect(await trustedFingerprintList(db)).toEqual([FP_A]);
    // nor does relabelling an entry, or changing who trusted it
    await db.trustedKeys.put({ ...stored!, label: 'Someone else' });
    expect((await listTrustedFingerprints(db)).find((t) => t.fingerprint === FP_A)!.sealed).toBe(false);
    await db.trustedKeys.put({ ...stored!, trustedBy: 'Someone else' });
    expect((await listTrustedFingerprints(db)).find((t) => t.fingerprint === FP_A)!.sealed).toBe(false);
    // nor does passing a new key off as one trusted before labels were kept
    await db.trustedKeys.put({ ...stored!, label: 'Trusted before labels were kept', trustedBy: '', before: { label: 'Auditor A', addedAt: stored!.addedAt } });
    expect((await listTrustedFingerprints(db)).find((t) => t.fingerprint === FP_A)!.sealed).toBe(false);
    // trusting it through the app again seals it
    await trustFingerprint(db, FP_A, 'Auditor A');
    expect(await trustedFingerprintList(db)).toEqual([FP_A]);
    await untrustFingerprint(db, FP_A);
    await untrustFingerprint(db, FP_B);
    expect(await trustedFingerprintList(db)).toEqual([]);
  });

  it('requires an owner label, and records who trusted the key and when', async () => {
    await expect(trustFingerprint(db, FP_A, '  ')).rejects.toThrow(/whose key this is/);
    await expect(trustFingerprint(db, FP_A, 'x'.repeat(201))).rejects.toThrow(/at most 200 characters/);
    await expect(trustFingerprint(db, FP_A, 'ACME\u202Eevil')).rejects.toThrow(/control or direction/);
    expect(await trustedFingerprintList(db)).toEqual([]);
    await db.settings.put({ key: 'userName', value: 'Ana Auditor' });
    await trustFingerprint(db, FP_A, ' ACME product security, confirmed by phone on 2026-12-04 ', new Date('2026-12-04T10:00:00Z'));
    expect(await listTrustedFingerprints(db)).toEqual([{
      fingerprint: FP_A, label: 'ACME product security, confirmed by phone on 2026-12-04', trustedBy: 'Ana Auditor',
      addedAt: '2026-12-04T10:00:00.000Z', beforeLabels: false, sealed: true,
    }]);
  });
});
