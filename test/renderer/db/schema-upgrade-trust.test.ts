import { afterEach, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, LEGACY_TRUST_LABEL, SCHEMA_HISTORY } from '../../../renderer/db/schema-history';
import { SupportspanDb } from '../../../renderer/db/database';
import { listTrustedFingerprints, trustedFingerprintList, trustFingerprint } from '../../../renderer/db/repositories/keys';
import { createTrustSealKey, sealTrustEntry } from '../../../renderer/db/key-vault';
import { dropDb } from '../helpers';

const V6 = SCHEMA_HISTORY.findIndex((s) => s.version === 6) + 1;
const NAME = 'upgrade-v6-to-trusted-keys';
const FP_A = 'a'.repeat(64);
const FP_B = 'b'.repeat(64);
const FP_C = 'c'.repeat(64);

afterEach(async () => {
  await dropDb(new SupportspanDb(NAME));
});

describe('upgrade to version 8 (trusted keys with owner labels)', () => {
  it('adds only its own tables, after every earlier version', () => {
    const v8 = SCHEMA_HISTORY.find((s) => s.version === 8)!;
    expect(v8.stores).toEqual({ trustedKeys: '&fingerprint', scopeSigners: '&scope' });
    expect(SCHEMA_HISTORY.map((s) => s.version)).toEqual([...SCHEMA_HISTORY.map((s) => s.version)].sort((a, b) => a - b));
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
  });

  it('keeps every key trusted in a version 6 database, labelled as trusted before labels were kept, with its seal holding', async () => {
    const v6 = new SupportspanDb(NAME, { history: SCHEMA_HISTORY.slice(0, V6) });
    await v6.open();
    expect(v6.verno).toBe(6);
    // Version 6 as the app wrote it: a seal key and a sealed list in settings.
    const sealKey = await createTrustSealKey();
    const a = { fingerprint: FP_A, label: 'signer of acme.sspan', addedAt: '2026-03-01T09:00:00.000Z' };
    const b = { fingerprint: FP_B, label: '', addedAt: '2026-04-01T09:00:00.000Z' };
    await v6.table('settings').put({ key: 'trustSealKey', value: sealKey });
    await v6.table('settings').put({
      key: 'trustedFingerprints',
      value: [
        { ...a, seal: await sealTrustEntry(sealKey, a) },
        { ...b, seal: await sealTrustEntry(sealKey, b) },
        // one written behind the app's back stays untrusted after the upgrade
        { fingerprint: FP_C, label: 'Mallory', addedAt: '2026-05-01T09:00:00.000Z' },
      ],
    });
    await v6.table('settings').put({ key: 'userName', value: 'Ana' });
    v6.close();

    const db = new SupportspanDb(NAME);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const list = await listTrustedFingerprints(db);
    expect(list).toEqual([
      { fingerprint: FP_A, label: LEGACY_TRUST_LABEL, trustedBy: '', addedAt: a.addedAt, beforeLabels: true, sealed: true },
      { fingerprint: FP_B, label: LEGACY_TRUST_LABEL, trustedBy: '', addedAt: b.addedAt, beforeLabels: true, sealed: true },
      { fingerprint: FP_C, label: LEGACY_TRUST_LABEL, trustedBy: '', addedAt: '2026-05-01T09:00:00.000Z', beforeLabels: true, sealed: false },
    ]);
    expect(await trustedFingerprintList(db)).toEqual([FP_A, FP_B]);
    expect((await db.trustedKeys.get(FP_A))!.before).toEqual({ label: a.label, addedAt: a.addedAt });
    // the old list is gone: one place for trust
    expect(await db.settings.get('trustedFingerprints')).toBeUndefined();
    // trusting a kept key again gives it a real label and who trusted it
    await trustFingerprint(db, FP_A, 'ACME product security, confirmed by phone on 2026-12-04', new Date('2026-12-04T10:00:00Z'));
    expect((await listTrustedFingerprints(db)).find((t) => t.fingerprint === FP_A)).toEqual({
      fingerprint: FP_A, label: 'ACME product security, confirmed by phone on 2026-12-04', trustedBy: 'Ana', addedAt: '2026-12-04T10:00:00.000Z', beforeLabels: false, sealed: true,
    });
    db.close();
  });

  it('keeps an unsealed version 6 list (from before seals) and seals it on first use', async () => {
    const v6 = new SupportspanDb(NAME, { history: SCHEMA_HISTORY.slice(0, V6) });
    await v6.open();
    await v6.table('settings').put({ key: 'trustedFingerprints', value: [{ fingerprint: FP_A, label: 'old', addedAt: '2025-05-01T00:00:00.000Z' }] });
    v6.close();
    const db = new SupportspanDb(NAME);
    expect(await trustedFingerprintList(db)).toEqual([FP_A]);
    await trustFingerprint(db, FP_B, 'Bea, in person');
    expect((await listTrustedFingerprints(db)).map((t) => [t.fingerprint, t.label, t.sealed])).toEqual([[FP_A, LEGACY_TRUST_LABEL, true], [FP_B, 'Bea, in person', true]]);
    db.close();
  });
});
