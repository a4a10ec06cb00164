/**
 * Auditor responses (`.sspan-response`) on the command line: `verify` names
 * each check (files, signature, reference to the reviewed bundle, whether this
 * user exported that bundle) and `report` writes the response's report with
 * the state of this run. The reviewed bundles come from the record `export`
 * keeps (exported-bundles-file.ts) and from `--bundle` files.
 */
import { formatFingerprint, organisationText, RESPONSE_VERSION, reviewerNameText, type ExportedBundleRef, type ResponseCheckResult } from '../../shared/bundle';
import { escapeTerminal } from './terminal-text';
import { readBundleFile } from './portfolio-file';
import { readExportedBundles } from './exported-bundles-file';
import { VERIFY_EXIT } from './verify-exit';

/** The bundles a response may refer to: the export record plus the given files; null when there is neither. */
export async function knownBundles(command: string, bundleFiles: readonly string[], cwd: string, trusted: readonly string[]): Promise<ExportedBundleRef[] | null> {
  const recorded = await readExportedBundles(command);
  const given: ExportedBundleRef[] = [];
  for (const file of bundleFiles) {
    const { bundle } = await readBundleFile(command, file, cwd, trusted);
    given.push({ manifestHash: bundle.manifestHash, createdAt: bundle.manifest.createdAt, asOf: bundle.manifest.asOf, scope: bundle.manifest.scope });
  }
  if (recorded === null && bundleFiles.length === 0) return null;
  return [...(recorded ?? []), ...given];
}

export function responseExitCode(r: ResponseCheckResult, strict: boolean): number {
  const v = r.verification;
  if (v.state === 'invalid' && v.unreadable) return VERIFY_EXIT.unreadable;
  if (!r.ok) return VERIFY_EXIT.invalid;
  if (strict && v.state !== 'valid') return VERIFY_EXIT.invalid;
  return VERIFY_EXIT.ok;
}

function headline(file: string, r: ResponseCheckResult, strict: boolean): string {
  const v = r.verification;
  const fp = v.fingerprint ? ` ${formatFingerprint(v.fingerprint)}` : '';
  if (v.state === 'invalid') return v.unreadable ? `${file}: unreadable: ${v.reasons.join('; ')}` : `${file}: auditor response INVALID: ${v.reasons.join('; ')}`;
  const failed = r.checks.filter((c) => c.outcome === 'failed').map((c) => c.label.toLowerCase());
  const what = v.state === 'valid' ? `valid: intact and signed by a trusted key${fp}`
    : v.state === 'unknown-key' ? `intact, signed by an unknown key${fp}${strict ? ' (not one of the --trust fingerprints)' : ''}`
      : `intact but unsigned: nothing proves who wrote it${strict ? ' (--trust asks for a signature)' : ''}`;
  return `${file}: auditor response ${what}${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`;
}

export function renderResponseText(file: string, r: ResponseCheckResult, strict: boolean): string {
  const out = [headline(file, r, strict)];
  if (!r.verification.unreadable) for (const c of r.checks) out.push(`  ${c.id}: ${c.outcome}: ${c.detail}`);
  const { manifest: m, review } = r.verification;
  if (m && review && r.verification.state !== 'invalid') {
    const c = m.counts;
    out.push(`  reviewer: ${escapeTerminal(reviewerNameText(review))}; organisation: ${escapeTerminal(organisationText(review))}`);
    out.push(`  written ${m.createdAt} by Supportspan ${escapeTerminal(m.appVersion)}; response format version ${m.formatVersion}${r.verification.migratedFrom !== undefined ? ` (read as version ${RESPONSE_VERSION})` : ''}`);
    const replies = review.entries.reduce((n, e) => n + e.replies.length, 0);
    const earlier = review.entries.reduce((n, e) => n + e.history.length, 0);
    if (replies || earlier) out.push(`  thread: ${replies} manufacturer ${replies === 1 ? 'reply' : 'replies'} answered; ${earlier} earlier note ${earlier === 1 ? 'version' : 'versions'} ("report" shows them)`);
    out.push(`  reviewed bundle: as of ${m.original.asOf}, created ${m.original.createdAt}`);
    out.push(`  ${c.entries} findings reviewed: ${c.agreed} agreed, ${c.disputed} disputed, ${c.needsEvidence} need evidence`);
  }
  if (r.checks.some((c) => c.id === 'exported' && c.outcome === 'skipped') && m) {
    out.push('  Pass the reviewed bundle with --bundle FILE.sspan to check the reference.');
  }
  return `${out.join('\n')}\n`;
}

export function responseJson(file: string, r: ResponseCheckResult, code: number): unknown {
  const v = r.verification;
  const m = v.state !== 'invalid' ? v.manifest : undefined;
  return {
    file,
    kind: 'audit-response',
    state: v.state,
    unreadable: v.unreadable === true,
    exitCode: code,
    fingerprint: v.fingerprint ?? null,
    reasons: v.reasons,
    checks: r.checks.map((c) => ({ id: c.id, label: c.label, outcome: c.outcome, detail: c.detail })),
    response: m && v.review
      ? {
        manifestHash: v.manifestHash ?? null, formatVersion: m.formatVersion, appVersion: m.appVersion, createdAt: m.createdAt,
        reviewer: v.review.reviewer, organisation: v.review.organisation, migratedFrom: v.migratedFrom ?? null,
        original: m.original, counts: m.counts,
        entries: v.review.entries.map((e) => ({
          findingKey: e.findingKey, status: e.status, note: e.note, updatedAt: e.updatedAt, history: e.history, replies: e.replies,
        })),
      }
      : null,
  };
}
