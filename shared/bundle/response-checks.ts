/**
 * An auditor response coming back to the manufacturer: telling a response
 * from a bundle by its manifest's `format` field (never by the file name),
 * and the named checks the manufacturer sees for it:
 * - `integrity`: every file matches the response's manifest and its schemas;
 * - `signature`: who signed it (valid, unknown key, unsigned, bad);
 * - `reference`: the reviewed bundle it names (SHA-256 of that bundle's
 *   manifest.json) agrees with that bundle's own facts (created, as of, scope);
 * - `exported`: that bundle is one this workspace exported.
 * See docs/bundle-format.md, "Auditor response".
 */
import { canonicalJson } from './canonical-json';
import type { BundleScope } from './format';
import { verifyAuditResponse, type ResponseVerification, type VerifyResponseOptions } from './response';
import { verifyBundle, type Verification, type VerifyOptions } from './verify';

/** What the workspace knows of a bundle it exported. */
export interface ExportedBundleRef {
  manifestHash: string;
  createdAt: string;
  asOf: string;
  scope: BundleScope;
}

export const RESPONSE_CHECK_IDS = ['integrity', 'signature', 'reference', 'exported'] as const;
export type ResponseCheckId = (typeof RESPONSE_CHECK_IDS)[number];
export const RESPONSE_CHECK_LABELS: Record<ResponseCheckId, string> = {
  integrity: 'Files intact',
  signature: 'Signature',
  reference: 'Reference to the reviewed bundle',
  exported: 'Reviewed bundle exported here',
};

/** `passed`, `failed`, `warning` (acceptable, but nothing proves it: unsigned or an unknown key), `skipped` (could not be checked). */
export type ResponseCheckOutcome = 'passed' | 'failed' | 'warning' | 'skipped';

export interface ResponseCheck {
  id: ResponseCheckId;
  label: string;
  outcome: ResponseCheckOutcome;
  detail: string;
}

export interface ResponseCheckResult {
  verification: ResponseVerification;
  checks: ResponseCheck[];
  /** The original bundle as this workspace recorded it, when it is one it exported. */
  original: ExportedBundleRef | null;
  /** No check failed. Warnings pass unless the caller asks for a trusted signature. */
  ok: boolean;
}

export interface CheckResponseOptions extends VerifyResponseOptions {
  /**
   * The bundles this workspace exported; null when the caller has no record
   * (the `exported` and `reference` checks are then skipped, not failed).
   */
  exported: readonly ExportedBundleRef[] | null;
}

const check = (id: ResponseCheckId, outcome: ResponseCheckOutcome, detail: string): ResponseCheck => ({ id, label: RESPONSE_CHECK_LABELS[id], outcome, detail });

/** Verifies a response and names each check (the CLI's `verify` output and the bundles screen's Responses list). */
export async function checkAuditResponse(bytes: Uint8Array, options: CheckResponseOptions): Promise<ResponseCheckResult> {
  return checkVerifiedResponse(await verifyAuditResponse(bytes, options), options.exported);
}

/** The named checks of a response that verifyAuditResponse has already read. */
export function checkVerifiedResponse(v: ResponseVerification, exported: readonly ExportedBundleRef[] | null): ResponseCheckResult {
  const checks: ResponseCheck[] = [];
  if (!v.manifest || !v.review) {
    // Nothing beyond the container could be trusted: integrity or the signature failed.
    const signatureFailed = v.fingerprint !== undefined;
    checks.push(check('integrity', signatureFailed ? 'passed' : 'failed', signatureFailed ? 'every file matches the manifest' : v.reasons.join('; ')));
    checks.push(check('signature', signatureFailed ? 'failed' : 'skipped', signatureFailed ? v.reasons.join('; ') : 'not checked: the files are not intact'));
    checks.push(check('reference', 'skipped', 'not checked: the response cannot be trusted'));
    checks.push(check('exported', 'skipped', 'not checked: the response cannot be trusted'));
    return { verification: v, checks, original: null, ok: false };
  }
  checks.push(check('integrity', 'passed', 'every file matches its SHA-256 in the manifest, and the review matches its schema and counts'));
  switch (v.state) {
    case 'valid':
      checks.push(check('signature', 'passed', `signed by a trusted key ${v.fingerprint ?? ''}`.trim()));
      break;
    case 'unknown-key':
      checks.push(check('signature', 'warning', `signed, but by a key that is not among the trusted fingerprints: ${v.fingerprint ?? ''}`.trim()));
      break;
    case 'unsigned':
      checks.push(check('signature', 'warning', 'not signed: nothing proves who wrote it'));
      break;
    case 'invalid':
      checks.push(check('signature', 'failed', v.reasons.join('; ')));
      break;
  }
  const ref = v.manifest.original;
  const original = exported?.find((b) => b.manifestHash === ref.manifestHash) ?? null;
  if (exported === null) {
    checks.push(check('reference', 'skipped', `names bundle ${ref.manifestHash}; no record of exported bundles to compare it with`));
    checks.push(check('exported', 'skipped', 'no record of exported bundles'));
  } else if (!original) {
    checks.push(check('reference', 'skipped', `names bundle ${ref.manifestHash}, which is not known here`));
    checks.push(check('exported', 'failed', `the reviewed bundle ${ref.manifestHash} is not one this workspace exported`));
  } else {
    const differs: string[] = [];
    if (original.createdAt !== ref.createdAt) differs.push(`created ${ref.createdAt}, but the bundle was created ${original.createdAt}`);
    if (original.asOf !== ref.asOf) differs.push(`as of ${ref.asOf}, but the bundle is as of ${original.asOf}`);
    if (canonicalJson(original.scope) !== canonicalJson(ref.scope)) differs.push('its scope is not the bundle\'s scope');
    checks.push(differs.length
      ? check('reference', 'failed', `the response's description of bundle ${ref.manifestHash} does not match it: ${differs.join('; ')}`)
      : check('reference', 'passed', `refers to bundle ${ref.manifestHash} (SHA-256 of its manifest.json), and its creation time, as-of day and scope match`));
    checks.push(check('exported', 'passed', `bundle ${ref.manifestHash} was exported by this workspace`));
  }
  return { verification: v, checks, original, ok: checks.every((c) => c.outcome !== 'failed') };
}

export type OpenedFile =
  | { kind: 'bundle'; verification: Verification }
  | { kind: 'response'; verification: ResponseVerification };

/**
 * Reads a file the user opened as whatever its manifest says it is: a bundle,
 * or (when a bundle reader finds no bundle) an auditor response. A file that
 * is neither comes back as the bundle reader's answer.
 */
export async function openAnyBundleFile(bytes: Uint8Array, options: VerifyOptions = {}): Promise<OpenedFile> {
  const bundle = await verifyBundle(bytes, options);
  if (bundle.state !== 'invalid' || !bundle.unreadable) return { kind: 'bundle', verification: bundle };
  const response = await verifyAuditResponse(bytes, options.trustedFingerprints ? { trustedFingerprints: options.trustedFingerprints } : {});
  // The response reader recognised its format: whatever it found (even tampering) is the answer.
  if (!response.unreadable || response.reasons.some((r) => r.startsWith('this response needs'))) return { kind: 'response', verification: response };
  return { kind: 'bundle', verification: bundle };
}
