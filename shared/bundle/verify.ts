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
import { bundleReportBody, renderBundleReport, type BundleReportData, type ReportBody, type VerifiedReport } from './report-html';

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
  /** When the check runs (the report's verification statement); default now. */
  now?: Date;
}

export async function verifyBundle(bytes: Uint8Array, options: VerifyOptions = {}): Promise<Verification> {
  const read = await readBundle(bytes, options.limits);
  if (!read.ok) return { state: 'invalid', reasons: [read.error], ...(read.kind === 'unreadable' ? { unreadable: true } : {}) };
  return verifyReadBundle(read.bundle, options);
}

/** The signature step, for a bundle that has already passed readBundle. */
function reportData(bundle: Bundle): BundleReportData {
  const { manifest } = bundle;
  return {
    portfolio: bundle.portfolio, scope: manifest.scope, asOf: manifest.asOf, createdAt: manifest.createdAt, appVersion: manifest.appVersion,
    rulePacks: bundle.analysis.rulePacks, findings: bundle.analysis.findings, counts: manifest.counts, risks: bundle.risks,
    obligations: bundle.obligations, evidence: bundle.evidence, history: bundle.history, signerFingerprint: manifest.signature?.fingerprint ?? null,
  };
}

/** The report.html the exporter writes for this bundle's data. */
export function regenerateBundleReport(bundle: Bundle, body?: ReportBody): string {
  return renderBundleReport(reportData(bundle), undefined, body);
}

/** The report of a verified bundle, made from its data: its state, the manifest's hash and what was checked, when, by which version. */
export function verifiedBundleReport(bundle: Bundle, verified: VerifiedReport, body?: ReportBody): string {
  return renderBundleReport(reportData(bundle), verified, body);
}

export async function verifyReadBundle(read: Bundle, options: VerifyOptions = {}): Promise<Verification> {
  const { manifest, signature } = read;
  const reportCheck: ReportCheck = read.migratedFrom === null && options.appVersion !== undefined && manifest.appVersion === options.appVersion
    ? 'identical' : 'other-version';
  const checkedAt = (options.now ?? new Date()).toISOString();
  // The data's sections are made once for both reports (the one compared with the bundle's and the verified one).
  let body: ReportBody | null = null;
  const sections = (): ReportBody => (body ??= bundleReportBody(reportData(read)));
  const withReport = (state: VerificationState, fingerprint: string | null, reasons: string[]): Bundle => ({
    ...read,
    reportHtml: verifiedBundleReport(read, { state, fingerprint, reasons, verification: { manifestHash: read.manifestHash, checkedAt, checkedWith: options.appVersion ?? 'unknown' } }, sections()),
  });
  // Made again only when it can be compared: the report of another version is not used at all.
  const reportReplaced = reportCheck === 'identical' && read.reportHtml !== regenerateBundleReport(read, sections());
  if (!signature) {
    if (reportReplaced) return { state: 'invalid', reasons: [REPORT_MISMATCH_REASON], manifest };
    const reasons = ['the bundle is not signed: its files match its manifest, but nothing proves who made it'];
    if (read.migratedFrom !== null) reasons.push(`opened from format version ${read.migratedFrom}, which had no signatures`);
    return { state: 'unsigned', reasons, manifest, reportCheck, bundle: withReport('unsigned', null, reasons) };
  }
  const check = await verifyManifestSignature(read.manifestBytes, signature);
  if (!check.ok) return { state: 'invalid', reasons: [check.reason], manifest, fingerprint: signature.fingerprint };
  if (reportReplaced) return { state: 'invalid', reasons: [REPORT_MISMATCH_REASON], manifest, fingerprint: check.fingerprint };
  const trusted = new Set((options.trustedFingerprints ?? []).map(normalizeFingerprint).filter((f): f is string => f !== null));
  if (!trusted.has(check.fingerprint)) {
    const reasons = ['the signature is valid, but the signer\'s key is not among your trusted fingerprints'];
    return { state: 'unknown-key', reasons, fingerprint: check.fingerprint, manifest, reportCheck, bundle: withReport('unknown-key', check.fingerprint, reasons) };
  }
  return { state: 'valid', reasons: [], fingerprint: check.fingerprint, manifest, reportCheck, bundle: withReport('valid', check.fingerprint, []) };
}
