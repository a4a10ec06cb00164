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
 *
 * The bundle's own report.html is never trusted, signed or not: whoever signs
 * can sign a report that says something other than the data. The report is
 * made again from the verified data (renderBundleReport); when the bundle was
 * made by this very app version the two must be byte-identical, or the bundle
 * is invalid. A bundle from another version cannot be compared (the report's
 * layout changes between versions), so its shipped report is dropped: the
 * returned bundle's `reportHtml` is always the one made from the data.
 */
import { readBundle, type Bundle } from './read';
import type { Manifest } from './format';
import type { BundleLimits } from './limits';
import { normalizeFingerprint, verifyManifestSignature } from './signing';
import { renderBundleReport } from './report-html';

/** Why a bundle whose report.html was replaced is invalid. */
export const REPORT_MISMATCH_REASON = 'the report.html in the bundle is not the one its data produces';

/**
 * How the shipped report.html compares with the one made from the data:
 * `identical` (same app version, same bytes), `other-version` (made by another
 * app version or read from an older format: not compared, not used).
 */
export type ReportCheck = 'identical' | 'other-version';

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
  /** The report check, for every bundle that got that far. */
  reportCheck?: ReportCheck;
}

export interface VerifyOptions {
  /** Pinned signer fingerprints, hex (grouping and case are ignored). */
  trustedFingerprints?: readonly string[];
  limits?: Partial<BundleLimits>;
  /** This app's version: a bundle made by it must ship exactly the report its data produces. */
  appVersion?: string;
}

export async function verifyBundle(bytes: Uint8Array, options: VerifyOptions = {}): Promise<Verification> {
  const read = await readBundle(bytes, options.limits);
  if (!read.ok) return { state: 'invalid', reasons: [read.error], ...(read.kind === 'unreadable' ? { unreadable: true } : {}) };
  return verifyReadBundle(read.bundle, options);
}

/** The signature step, for a bundle that has already passed readBundle. */
/** The report.html the exporter writes for this bundle's data. */
export function regenerateBundleReport(bundle: Bundle): string {
  const { manifest } = bundle;
  return renderBundleReport({
    portfolio: bundle.portfolio, scope: manifest.scope, asOf: manifest.asOf, createdAt: manifest.createdAt, appVersion: manifest.appVersion,
    rulePacks: bundle.analysis.rulePacks, findings: bundle.analysis.findings, counts: manifest.counts, risks: bundle.risks,
    obligations: bundle.obligations, signerFingerprint: manifest.signature?.fingerprint ?? null,
  });
}

export async function verifyReadBundle(read: Bundle, options: VerifyOptions = {}): Promise<Verification> {
  const { manifest, signature } = read;
  const regenerated = regenerateBundleReport(read);
  const reportCheck: ReportCheck = read.migratedFrom === null && options.appVersion !== undefined && manifest.appVersion === options.appVersion
    ? 'identical' : 'other-version';
  const bundle: Bundle = { ...read, reportHtml: regenerated };
  const base = { manifest, bundle, reportCheck };
  const reportReplaced = reportCheck === 'identical' && read.reportHtml !== regenerated;
  if (!signature) {
    if (reportReplaced) return { state: 'invalid', reasons: [REPORT_MISMATCH_REASON], manifest };
    const reasons = ['the bundle is not signed: its files match its manifest, but nothing proves who made it'];
    if (bundle.migratedFrom !== null) reasons.push(`opened from format version ${bundle.migratedFrom}, which had no signatures`);
    return { state: 'unsigned', reasons, ...base };
  }
  const check = await verifyManifestSignature(bundle.manifestBytes, signature);
  if (!check.ok) return { state: 'invalid', reasons: [check.reason], manifest, fingerprint: signature.fingerprint };
  if (reportReplaced) return { state: 'invalid', reasons: [REPORT_MISMATCH_REASON], manifest, fingerprint: check.fingerprint };
  const trusted = new Set((options.trustedFingerprints ?? []).map(normalizeFingerprint).filter((f): f is string => f !== null));
  if (!trusted.has(check.fingerprint)) {
    return { state: 'unknown-key', reasons: ['the signature is valid, but the signer\'s key is not among your trusted fingerprints'], fingerprint: check.fingerprint, ...base };
  }
  return { state: 'valid', reasons: [], fingerprint: check.fingerprint, ...base };
}
