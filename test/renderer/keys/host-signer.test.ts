/**
 * The desktop app's key is held by the host (memory platform here, the main process
 * there): bundles it signs verify exactly as before, the export worker gets no key,
 * a key the database already holds keeps signing, and without protected storage the
 * database's non-extractable key is used with the host's reason.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../shared/bundle';
import { createMemoryHostSigner, createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import {
  ensureInstallationSigner, ensureSigningKey, installationKeyPlace, KEPT_IN_DATABASE_NOTICE,
} from '../../../renderer/db/repositories/keys';
import { startBundleExport, type ExportWorker } from '../../../renderer/db/bundle-export-job';
import { handleExportRequest, type ExportRequest, type ExportResponse, type SignatureReply } from '../../../renderer/db/bundle-export-run';
import type { SupportspanDb } from '../../../renderer/db/database';
import { dropDb, testDb } from '../helpers';
import { AS_OF, CREATED, loadPortfolio } from '../bundles/bundle-fixtures';

let db: SupportspanDb;
beforeEach(() => {
  db = testDb();
});
afterEach(async () => {
  await dropDb(db);
});

/** The real worker code in this process, with structured clones both ways, as a worker's messages are. */
class InProcessWorker implements ExportWorker {
  onmessage: ExportWorker['onmessage'] = null;
  onerror: ExportWorker['onerror'] = null;
  readonly requests: ExportRequest[] = [];
  private waiting = new Map<number, { resolve(s: Uint8Array): void; reject(e: Error): void }>();
  postMessage(message: ExportRequest | SignatureReply): void {
    const cloned = structuredClone(message);
    if ('kind' in cloned) {
      const w = this.waiting.get(cloned.id);
      if (cloned.kind === 'signature') w?.resolve(cloned.signature);
      else w?.reject(new Error(cloned.message));
      return;
    }
    this.requests.push(cloned);
    void handleExportRequest(cloned, (response) => this.onmessage?.({ data: structuredClone(response) } as MessageEvent<ExportResponse>), {
      wait: (id) => new Promise((resolve, reject) => this.waiting.set(id, { resolve, reject })),
    });
  }
  terminate(): void {}
}

describe('a key held by the host', () => {
  it('is made by the host once; the database holds no key', async () => {
    const host = createMemoryHostSigner();
    const platform = createMemoryPlatform({}, { signer: host });
    expect(await installationKeyPlace(db, platform.signer)).toEqual({ place: 'none', notice: null });
    const a = await ensureInstallationSigner(db, platform.signer);
    const b = await ensureInstallationSigner(db, platform.signer);
    expect(a.notice).toBeNull();
    expect(b.key.fingerprint).toBe(a.key.fingerprint);
    expect(host.created).toBe(1);
    expect(await db.settings.get('signingKey')).toBeUndefined();
    expect(await installationKeyPlace(db, platform.signer)).toEqual({ place: 'host', fingerprint: a.key.fingerprint });
  });

  it.each(['inline', 'worker'] as const)('signs an exported bundle (%s) that verifies and is trusted by its fingerprint', async (mode) => {
    await loadPortfolio(db);
    const host = createMemoryHostSigner();
    const { key } = await ensureInstallationSigner(db, host);
    const worker = new InProcessWorker();
    const job = startBundleExport(db, { asOf: AS_OF, appVersion: '9.9.9', createdAt: CREATED, signingKey: key }, { mode, createWorker: () => worker });
    const built = await job.result;
    expect(host.signed).toBe(1);
    if (mode === 'worker') {
      // Nothing that signs was posted: only the public half.
      expect(worker.requests[0]!.options.signingKey).toBeNull();
      expect(worker.requests[0]!.hostSigner).toEqual({ publicKey: key.publicKey, fingerprint: key.fingerprint, createdAt: key.createdAt });
    }
    const verdict = await verifyBundle(built.bytes, { trustedFingerprints: [key.fingerprint] });
    expect(verdict).toMatchObject({ state: 'valid', fingerprint: key.fingerprint });
    const stranger = await verifyBundle(built.bytes, { trustedFingerprints: ['0'.repeat(64)] });
    expect(stranger.state).toBe('unknown-key');
  });

  it('keeps a key the database already holds (same fingerprint) and says why', async () => {
    const existing = await ensureSigningKey(db);
    const host = createMemoryHostSigner();
    const { key, notice } = await ensureInstallationSigner(db, host);
    expect(key.fingerprint).toBe(existing.fingerprint);
    expect(notice).toBe(KEPT_IN_DATABASE_NOTICE);
    expect(host.created).toBe(0);
    expect(await installationKeyPlace(db, host)).toEqual({ place: 'database', fingerprint: existing.fingerprint, notice: KEPT_IN_DATABASE_NOTICE });
  });

  it('without protected storage falls back to the non-extractable database key, with the reason', async () => {
    const host = createMemoryHostSigner({ encryption: false });
    expect(await installationKeyPlace(db, host)).toMatchObject({ place: 'none', notice: expect.stringMatching(/plain text/) });
    const { key, notice } = await ensureInstallationSigner(db, host);
    expect(notice).toMatch(/does not store the key in plain text/);
    const stored = (await db.settings.get('signingKey'))!.value as { privateKey: CryptoKey; fingerprint: string };
    expect(stored.fingerprint).toBe(key.fingerprint);
    expect(stored.privateKey.extractable).toBe(false);
    expect(host.signed).toBe(0);
  });
});
