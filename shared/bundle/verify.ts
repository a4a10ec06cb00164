/**
 * The four states a user sees for a bundle:
 * - `invalid`: any file changed, missing or added, a broken change log, a bad
 *   signature, or a file that is not a readable bundle at all (`unreadable`
 *   then says so, for the CLI's exit code);
 * - `unsigned`: intact, but nothing proves who made it;
 * - `unknown-key`: intact and signed, by a key not among the trusted fingerprints;
 * - `valid`: intact and signed by a trusted key.
 * Integrity always comes from the manifest's hashes; the signature covers the
 * exact manifest bytes, so it covers every file.
 */
import { readBundle, type Bundle } from './read';
import type { Manifest } from './format';
import type { BundleLimits } from './limits';
import { normalizeFingerprint, verifyManifestSignature } from './signing';

export type VerificationState = 'unsigned' | 'valid' | 'unknown-key' | 'invalid';

export interface Verification {
  state: VerificationState;
  reasons: string[];
  manifest?: Manifest;
  fingerprint?: string;
  /** The checked bundle when it could be read (any state but `invalid`). */
  bundle?: Bundle;
  /** True when the file could not be opened as a bundle at all (not a zip, over a limit, a newer version). */
  unreadable?: boolean;
}

export interface VerifyOptions {
  /** Pinned signer fingerprints, hex (grouping and case are ignored). */
  trustedFingerprints?: readonly string[];
  limits?: Partial<BundleLimits>;
}

export async function verifyBundle(bytes: Uint8Array, options: VerifyOptions = {}): Promise<Verification> {
  const read = await readBundle(bytes, options.limits);
  if (!read.ok) return { state: 'invalid', reasons: [read.error], ...(read.kind === 'unreadable' ? { unreadable: true } : {}) };
  return verifyReadBundle(read.bundle, options);
}

/** The signature step, for a bundle that has already passed readBundle. */
export async function verifyReadBundle(bundle: Bundle, options: VerifyOptions = {}): Promise<Verification> {
  const { manifest, signature } = bundle;
  const base = { manifest, bundle };
  if (!signature) {
    const reasons = ['the bundle is not signed: its files match its manifest, but nothing proves who made it'];
    if (bundle.migratedFrom !== null) reasons.push(`opened from format version ${bundle.migratedFrom}, which had no signatures`);
    return { state: 'unsigned', reasons, ...base };
  }
  const check = await verifyManifestSignature(bundle.manifestBytes, signature);
  if (!check.ok) return { state: 'invalid', reasons: [check.reason], manifest, fingerprint: signature.fingerprint };
  const trusted = new Set((options.trustedFingerprints ?? []).map(normalizeFingerprint).filter((f): f is string => f !== null));
  if (!trusted.has(check.fingerprint)) {
    return { state: 'unknown-key', reasons: ['the signature is valid, but the signer\'s key is not among your trusted fingerprints'], fingerprint: check.fingerprint, ...base };
  }
  return { state: 'valid', reasons: [], fingerprint: check.fingerprint, ...base };
}
