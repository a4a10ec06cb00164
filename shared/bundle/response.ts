/**
 * The auditor's response (`.sspan-response`, a zip archive like a bundle): the
 * auditor's status and note per finding of one bundle, tied to that bundle by
 * the SHA-256 of its manifest.json and signed with the auditor's own
 * installation key. Small on purpose: it carries no portfolio data, only the
 * identity of what was reviewed and the review itself, plus a readable report.
 *
 * It reuses the bundle's container and checks (the same defensive zip reader
 * and limits, canonical JSON, SHA-256 of every file in the manifest, Ed25519
 * over the exact manifest bytes), so its verification has the same four states.
 * See docs/bundle-format.md, "Auditor response".
 */
import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { dayDateSchema, describeIssues, MAX_NAME, MAX_TEXT } from '../domain/schemas';
import { formatCount } from '../format/format';
import { openArchive } from './archive';
import { canonicalJson } from './canonical-json';
import { scopeSchema, signatureFileSchema, type BundleScope, type Manifest } from './format';
import { sha256Hex, SHA256_HEX_RE } from './hash';
import { withLimits, type BundleLimits } from './limits';
import { utf8Encode } from './platform';
import { escapeHtml, REPORT_CSP } from './report-html';
import { parseJsonBytes, schemaIssues } from './safe-json';
import { scopeLabel } from './scope';
import { formatFingerprint, normalizeFingerprint, signManifest, verifyManifestSignature, type Signer } from './signing';
import type { VerificationState } from './verify';

export const RESPONSE_FORMAT = 'supportspan-audit-response';
/** Version 2: the reviewer's name and organisation apart, each note's earlier versions, and the manufacturer's replies it follows. */
export const RESPONSE_VERSION = 2;
/** The versions this app reads; version 1 is migrated on read (migrateReviewV1). */
export const RESPONSE_VERSIONS = [1, 2] as const;
export const RESPONSE_EXTENSION = '.sspan-response';
export const RESPONSE_MEDIA_TYPE = 'application/vnd.supportspan.audit-response+zip';

export const RESPONSE_PATHS = {
  manifest: 'manifest.json',
  review: 'review.json',
  report: 'report.html',
  signature: 'signature.json',
} as const;

export const REVIEW_STATUSES = ['agreed', 'disputed', 'needs-evidence'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  agreed: 'Agreed',
  disputed: 'Disputed',
  'needs-evidence': 'Needs evidence',
};

/** Responses are small; tighter limits than a bundle's. */
export const RESPONSE_LIMITS: Partial<BundleLimits> = {
  maxCompressedBytes: 64 * 1024 * 1024,
  maxEntries: 8,
  maxTotalUncompressedBytes: 256 * 1024 * 1024,
  maxEntryUncompressedBytes: 256 * 1024 * 1024,
};

const hashSchema = z.string().regex(SHA256_HEX_RE, 'a SHA-256 is 64 lower-case hex digits');
const timestampSchema = z.iso.datetime({ offset: true });

/** What the reviewer saw of a finding, so the response reads on its own. */
export const reviewedFindingSchema = z.strictObject({
  kind: z.string().min(1).max(100),
  severity: z.enum(['high', 'medium', 'low']),
  product: z.string().max(MAX_NAME).nullable(),
  component: z.string().max(MAX_NAME).nullable(),
  message: z.string().max(MAX_TEXT),
});
export type ReviewedFinding = z.infer<typeof reviewedFindingSchema>;

const reviewEntryV1Shape = {
  /** The finding's key in the original bundle (findingIdentity). */
  findingKey: z.string().min(1).max(300),
  status: z.enum(REVIEW_STATUSES).nullable(),
  note: z.string().max(MAX_TEXT),
  updatedAt: timestampSchema,
  /** Null for a finding the reviewer noted that is not among the recorded ones (found only by the re-run). */
  finding: reviewedFindingSchema.nullable(),
};

/** A version 1 entry: no note history, no thread. */
export const reviewEntryV1Schema = z.strictObject(reviewEntryV1Shape);

/** An earlier version of a note, with the time it was saved. */
export const noteVersionSchema = z.strictObject({ note: z.string().max(MAX_TEXT), savedAt: timestampSchema });
export type ResponseNoteVersion = z.infer<typeof noteVersionSchema>;

/** At most this many earlier versions per note (the auditor's store keeps as many). */
export const MAX_RESPONSE_NOTE_VERSIONS = 50;

/**
 * One reply of the manufacturer that the note follows: carried by the reviewed
 * bundle (data/replies.json), answering a note of an earlier response.
 */
export const threadReplySchema = z.strictObject({
  /** The earlier response answered: the SHA-256 of its manifest.json. */
  responseId: hashSchema,
  text: z.string().min(1).max(MAX_TEXT),
  /** The manufacturer's user name; empty when none was set. */
  author: z.string().max(MAX_NAME),
  at: timestampSchema,
  /** The note of the earlier response the reply answers, when the reviewer's computer still has it; null otherwise. */
  answered: z.strictObject({
    status: z.enum(REVIEW_STATUSES).nullable(),
    note: z.string().max(MAX_TEXT),
    updatedAt: timestampSchema,
  }).nullable(),
});
export type ThreadReply = z.infer<typeof threadReplySchema>;

export const reviewEntrySchema = z.strictObject({
  ...reviewEntryV1Shape,
  /** The note's earlier versions, oldest first. */
  history: z.array(noteVersionSchema).max(MAX_RESPONSE_NOTE_VERSIONS).default([]),
  /** The manufacturer's replies this entry follows, oldest first. */
  replies: z.array(threadReplySchema).max(1000).default([]),
});
/** An entry as read (version 1 entries get an empty history and thread). */
export type ReviewEntry = z.infer<typeof reviewEntrySchema>;
/** An entry as given to buildAuditResponse: history and replies may be left out. */
export type ReviewEntryInput = z.input<typeof reviewEntrySchema>;

const nonEmptyName = (what: string) => z.string().max(MAX_NAME).refine((s) => s.trim() !== '', `the ${what} is required`);

/** A version 1 review: the reviewer in one field, as "name (organisation)" when the app wrote it. */
export const reviewV1Schema = z.strictObject({
  reviewer: z.string().max(MAX_NAME),
  summary: z.string().max(MAX_TEXT),
  entries: z.array(reviewEntryV1Schema).max(200_000),
  notReviewed: z.number().int().nonnegative().optional(),
});
export type ReviewV1 = z.infer<typeof reviewV1Schema>;

/** review.json from version 2: the reviewer's name and organisation, each required. */
export const reviewSchema = z.strictObject({
  /** The reviewer's name. */
  reviewer: nonEmptyName('reviewer\'s name'),
  /** The reviewer's organisation. */
  organisation: nonEmptyName('reviewer\'s organisation'),
  /** A general conclusion, free text. */
  summary: z.string().max(MAX_TEXT),
  entries: z.array(reviewEntrySchema).max(200_000),
  /** How many of the bundle's recorded findings got neither a status nor a note (absent in older responses). */
  notReviewed: z.number().int().nonnegative().optional(),
});
/** A review as given to buildAuditResponse. */
export type ReviewInput = z.input<typeof reviewSchema>;

/**
 * A review as read, of either version. A version 1 review's organisation is
 * null (not stated: its one reviewer field is kept as the name, unparsed), its
 * entries have no history and no thread.
 */
export interface Review {
  reviewer: string;
  organisation: string | null;
  summary: string;
  entries: ReviewEntry[];
  notReviewed?: number;
}

/** What a version 1 review reads as: nothing guessed, the organisation not stated. */
export function migrateReviewV1(v1: ReviewV1): Review {
  return {
    reviewer: v1.reviewer,
    organisation: null,
    summary: v1.summary,
    entries: v1.entries.map((e) => ({ ...e, history: [], replies: [] })),
    ...(v1.notReviewed !== undefined ? { notReviewed: v1.notReviewed } : {}),
  };
}

/** Shown for a version 1 response's organisation. */
export const ORGANISATION_NOT_STATED = 'not stated (a version 1 response names the reviewer in one field, shown as the name)';

/** The reviewer's name as shown. */
export function reviewerNameText(review: Pick<Review, 'reviewer'>): string {
  return review.reviewer.trim() || 'not named';
}

/** The reviewer's organisation as shown. */
export function organisationText(review: Pick<Review, 'organisation'>): string {
  return review.organisation === null ? ORGANISATION_NOT_STATED : review.organisation.trim() || 'not stated';
}

/** "Name, Organisation" in one line; a version 1 response says its organisation is not stated. */
export function reviewerLine(review: Pick<Review, 'reviewer' | 'organisation'>): string {
  return review.organisation === null
    ? `${reviewerNameText(review)} (organisation not stated: version 1 response)`
    : `${reviewerNameText(review)}, ${organisationText(review)}`;
}

export const responseManifestSchema = z.strictObject({
  format: z.literal(RESPONSE_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(RESPONSE_VERSION)]),
  appVersion: z.string().min(1).max(50),
  createdAt: timestampSchema,
  /** The reviewed bundle. */
  original: z.strictObject({
    manifestHash: hashSchema,
    createdAt: timestampSchema,
    asOf: dayDateSchema,
    scope: scopeSchema,
    /** Who signed the reviewed bundle (hex), null when it was unsigned. */
    signer: hashSchema.nullable(),
    /** Its verification state when it was reviewed, on the reviewer's machine. */
    verification: z.enum(['unsigned', 'valid', 'unknown-key']),
  }),
  counts: z.strictObject({
    entries: z.number().int().nonnegative(),
    agreed: z.number().int().nonnegative(),
    disputed: z.number().int().nonnegative(),
    needsEvidence: z.number().int().nonnegative(),
  }),
  files: z.record(z.enum([RESPONSE_PATHS.review, RESPONSE_PATHS.report]), hashSchema),
  signature: z.strictObject({ algorithm: z.literal('Ed25519'), fingerprint: hashSchema }).nullable(),
});
export type ResponseManifest = z.infer<typeof responseManifestSchema>;

export interface CreateResponseInput {
  original: {
    manifestHash: string;
    manifest: Pick<Manifest, 'createdAt' | 'asOf' | 'scope'>;
    /** The reviewed bundle's state; an invalid bundle cannot be reviewed. */
    verification: Exclude<VerificationState, 'invalid'>;
    signer: string | null;
  };
  review: ReviewInput;
  appVersion: string;
  createdAt: string;
  signingKey?: Signer | null;
}

export interface BuiltResponse {
  bytes: Uint8Array;
  manifest: ResponseManifest;
  manifestBytes: Uint8Array;
  /** The same report.html as in the archive, for saving on its own. */
  reportHtml: string;
}

export class ResponseWriteError extends Error {}

const FIXED_MTIME = new Date(1980, 0, 1, 12, 0, 0);

function json(value: unknown): Uint8Array {
  return utf8Encode(canonicalJson(value, 2) + '\n');
}

export function countStatuses(entries: readonly Pick<ReviewEntry, 'status'>[]): ResponseManifest['counts'] {
  return {
    entries: entries.length,
    agreed: entries.filter((e) => e.status === 'agreed').length,
    disputed: entries.filter((e) => e.status === 'disputed').length,
    needsEvidence: entries.filter((e) => e.status === 'needs-evidence').length,
  };
}

export async function buildAuditResponse(input: CreateResponseInput): Promise<BuiltResponse> {
  const review = reviewSchema.safeParse(input.review);
  if (!review.success) throw new ResponseWriteError(`the review is not valid:\n${describeIssues(review.error, RESPONSE_PATHS.review).join('\n')}`);
  const seen = new Set<string>();
  for (const e of review.data.entries) {
    if (seen.has(e.findingKey)) throw new ResponseWriteError(`${RESPONSE_PATHS.review}: the finding "${e.findingKey}" is reviewed twice`);
    seen.add(e.findingKey);
  }
  const entries = [...review.data.entries].sort((a, b) => (a.findingKey < b.findingKey ? -1 : a.findingKey > b.findingKey ? 1 : 0));
  const reviewData = { ...review.data, entries };
  const signer = input.original.signer === null ? null : normalizeFingerprint(input.original.signer);
  if (input.original.signer !== null && signer === null) throw new ResponseWriteError('the reviewed bundle\'s signer is not a fingerprint');

  const draft = {
    format: RESPONSE_FORMAT as typeof RESPONSE_FORMAT,
    formatVersion: RESPONSE_VERSION as typeof RESPONSE_VERSION,
    appVersion: input.appVersion,
    createdAt: input.createdAt,
    original: {
      manifestHash: input.original.manifestHash,
      createdAt: input.original.manifest.createdAt,
      asOf: input.original.manifest.asOf,
      scope: input.original.manifest.scope,
      signer,
      verification: input.original.verification,
    },
    counts: countStatuses(entries),
    files: {},
    signature: input.signingKey ? { algorithm: 'Ed25519' as const, fingerprint: input.signingKey.fingerprint } : null,
  };
  const reportHtml = renderResponseReportHtml({ manifest: draft, review: reviewData, state: input.signingKey ? 'signed' : 'unsigned' });
  const reviewBytes = json(reviewData);
  const reportBytes = utf8Encode(reportHtml);
  const manifestCandidate = { ...draft, files: { [RESPONSE_PATHS.report]: await sha256Hex(reportBytes), [RESPONSE_PATHS.review]: await sha256Hex(reviewBytes) } };
  const checked = responseManifestSchema.safeParse(manifestCandidate);
  if (!checked.success) throw new ResponseWriteError(`the response manifest is not valid:\n${describeIssues(checked.error, RESPONSE_PATHS.manifest).join('\n')}`);
  const manifest = checked.data;
  const manifestBytes = json(manifest);

  const zipped: Zippable = {
    [RESPONSE_PATHS.manifest]: manifestBytes,
    [RESPONSE_PATHS.report]: reportBytes,
    [RESPONSE_PATHS.review]: reviewBytes,
  };
  if (input.signingKey) zipped[RESPONSE_PATHS.signature] = json(await signManifest(manifestBytes, input.signingKey));
  return { bytes: zipSync(zipped, { level: 6, mtime: FIXED_MTIME }), manifest, manifestBytes, reportHtml };
}

export interface ResponseVerification {
  state: VerificationState;
  reasons: string[];
  manifest?: ResponseManifest;
  review?: Review;
  /** SHA-256 of the response's manifest.json. */
  manifestHash?: string;
  /** The format version the response was written in, when older than this app's (its review was migrated on read). */
  migratedFrom?: number;
  fingerprint?: string;
  /** True when the file is not an auditor response this app can open at all (not a zip, no response manifest, a newer version). */
  unreadable?: boolean;
}

export interface VerifyResponseOptions {
  trustedFingerprints?: readonly string[];
  limits?: Partial<BundleLimits>;
}

/** Reads and verifies a response: every file against the manifest, the schemas, the signature; the same four states as a bundle. */
export async function verifyAuditResponse(bytes: Uint8Array, options: VerifyResponseOptions = {}): Promise<ResponseVerification> {
  const invalid = (reason: string): ResponseVerification => ({ state: 'invalid', reasons: [reason] });
  const unreadable = (reason: string): ResponseVerification => ({ state: 'invalid', reasons: [reason], unreadable: true });
  try {
    const archive = openArchive(bytes, withLimits({ ...RESPONSE_LIMITS, ...(options.limits ?? {}) }));
    if (!archive.ok) return archive.kind === 'unreadable' ? unreadable(archive.error) : invalid(archive.error);
    const { entries } = archive;
    const manifestBytes = entries.get(RESPONSE_PATHS.manifest);
    if (!manifestBytes) return unreadable('this is not an auditor response: manifest.json is missing');
    const parsedJson = parseJsonBytes(manifestBytes, RESPONSE_PATHS.manifest);
    if (!parsedJson.ok) return invalid(parsedJson.error);
    const header = z.looseObject({ format: z.literal(RESPONSE_FORMAT), formatVersion: z.number().int() }).safeParse(parsedJson.value);
    if (!header.success) return unreadable('this is not an auditor response: manifest.json does not name the response format');
    if (header.data.formatVersion > RESPONSE_VERSION) return unreadable(`this response needs auditor response format version ${header.data.formatVersion}; this app reads up to ${RESPONSE_VERSION}`);
    const parsed = responseManifestSchema.safeParse(parsedJson.value);
    if (!parsed.success) return invalid(schemaIssues(RESPONSE_PATHS.manifest, parsed.error.issues));
    const manifest = parsed.data;

    const expected = new Set<string>([RESPONSE_PATHS.manifest, RESPONSE_PATHS.review, RESPONSE_PATHS.report, ...(manifest.signature ? [RESPONSE_PATHS.signature] : [])]);
    for (const name of entries.keys()) if (!expected.has(name)) return invalid(`${name}: not part of an auditor response${name === RESPONSE_PATHS.signature ? ' (the manifest says the response is unsigned)' : ''}`);
    for (const name of expected) if (!entries.has(name)) return invalid(`${name}: missing from the response`);
    for (const path of [RESPONSE_PATHS.review, RESPONSE_PATHS.report] as const) {
      const want = manifest.files[path];
      if (!want) return invalid(`${RESPONSE_PATHS.manifest}: no hash for ${path}`);
      if ((await sha256Hex(entries.get(path)!)) !== want) return invalid(`${path}: its SHA-256 does not match the manifest (the file was changed)`);
    }
    const reviewJson = parseJsonBytes(entries.get(RESPONSE_PATHS.review)!, RESPONSE_PATHS.review);
    if (!reviewJson.ok) return invalid(reviewJson.error);
    let review: Review;
    if (manifest.formatVersion === 1) {
      const v1 = reviewV1Schema.safeParse(reviewJson.value);
      if (!v1.success) return invalid(schemaIssues(RESPONSE_PATHS.review, v1.error.issues));
      review = migrateReviewV1(v1.data);
    } else {
      const v2 = reviewSchema.safeParse(reviewJson.value);
      if (!v2.success) return invalid(schemaIssues(RESPONSE_PATHS.review, v2.error.issues));
      review = v2.data;
    }
    const counts = countStatuses(review.entries);
    if (canonicalJson(counts) !== canonicalJson(manifest.counts)) return invalid(`${RESPONSE_PATHS.manifest}: counts do not match review.json`);

    const manifestHash = await sha256Hex(manifestBytes);
    const base = { manifest, review, manifestHash, ...(manifest.formatVersion < RESPONSE_VERSION ? { migratedFrom: manifest.formatVersion } : {}) };
    if (!manifest.signature) return { state: 'unsigned', reasons: ['the response is not signed: nothing proves who wrote it'], ...base };
    const sigJson = parseJsonBytes(entries.get(RESPONSE_PATHS.signature)!, RESPONSE_PATHS.signature);
    if (!sigJson.ok) return invalid(sigJson.error);
    const sig = signatureFileSchema.safeParse(sigJson.value);
    if (!sig.success) return invalid(schemaIssues(RESPONSE_PATHS.signature, sig.error.issues));
    if (sig.data.fingerprint !== manifest.signature.fingerprint) return invalid('signature.json: signed by another key than the manifest names');
    const check = await verifyManifestSignature(manifestBytes, sig.data);
    if (!check.ok) return { state: 'invalid', reasons: [check.reason], fingerprint: sig.data.fingerprint };
    const trusted = new Set((options.trustedFingerprints ?? []).map(normalizeFingerprint).filter((f): f is string => f !== null));
    if (!trusted.has(check.fingerprint)) return { state: 'unknown-key', reasons: ['the signature is valid, but the reviewer\'s key is not among your trusted fingerprints'], fingerprint: check.fingerprint, ...base };
    return { state: 'valid', reasons: [], fingerprint: check.fingerprint, ...base };
  } catch (e) {
    return invalid(`the response could not be read: ${(e as Error).message}`);
  }
}

// ------------------------------------------------------------------ report

type ResponseReportState = 'signed' | 'unsigned' | VerificationState;

const STATE_TEXT: Record<ResponseReportState, string> = {
  signed: 'Signed by the reviewer at export. Verify the response file in Supportspan to confirm it is unchanged.',
  unsigned: 'Not signed: nothing proves who wrote this response.',
  valid: 'Signature valid, and the reviewer is a trusted key.',
  'unknown-key': 'Signature valid, but the reviewer\'s key is not among the trusted fingerprints.',
  invalid: 'INVALID: the response was changed after it was made, or is damaged.',
};

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:.3rem .45rem;text-align:left;vertical-align:top}th{background:#f1f3f6}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
code{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}.note{white-space:pre-wrap}
.thread{margin:0;padding:0;list-style:none}.thread li{margin:0 0 .4rem}.thread .who{font-size:.85em;color:#4a5260}.thread .reply{border-left:3px solid #9ab;padding-left:.4rem}
details summary{cursor:pointer;font-size:.85em;color:#4a5260}
@media print{body{margin:0;max-width:none}tr{break-inside:avoid}}
`;

function scopeText(scope: BundleScope): string {
  return scopeLabel(scope);
}

/**
 * One entry's note with its thread, oldest first: the earlier response's note
 * each manufacturer's reply answers (when the reviewer's computer had it), the
 * reply, then this note, and the note's earlier versions folded below it.
 */
function noteThreadHtml(entry: ReviewEntry): string {
  const e = escapeHtml;
  const items: string[] = [];
  const replies = [...entry.replies].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const r of replies) {
    const response = `response <code>${e(r.responseId.slice(0, 16))}</code>`;
    items.push(r.answered
      ? `<li class="earlier-note"><span class="who">Auditor's note in ${response}, ${e(r.answered.updatedAt)}${r.answered.status ? `, ${e(REVIEW_STATUS_LABELS[r.answered.status])}` : ''}:</span><br><span class="note">${e(r.answered.note)}</span></li>`
      : `<li class="earlier-note"><span class="who">Auditor's note in ${response}: not kept on the reviewer's computer.</span></li>`);
    items.push(`<li class="reply"><span class="who">Manufacturer's reply by ${e(r.author.trim() || 'not named')}, ${e(r.at)}, to ${response}:</span><br><span class="note">${e(r.text)}</span></li>`);
  }
  const history = entry.history.length
    ? `<details class="note-history"><summary>${e(formatCount(entry.history.length, 'earlier version'))}</summary><ol>${entry.history.map((v) => `<li><span class="who">${e(v.savedAt)}:</span> <span class="note">${e(v.note)}</span></li>`).join('')}</ol></details>`
    : '';
  const current = `<span class="note">${e(entry.note)}</span>${history}`;
  if (items.length === 0) return current;
  items.push(`<li class="this-note"><span class="who">This note, ${e(entry.updatedAt)}:</span><br>${current}</li>`);
  return `<ol class="thread">${items.join('')}</ol>`;
}

/** The response's report: self-contained, no script, every text escaped (it comes from the reviewer and from the bundle). */
export function renderResponseReportHtml(input: { manifest: Omit<ResponseManifest, 'files'> & { files?: unknown }; review: Review; state: ResponseReportState }): string {
  const { manifest, review, state } = input;
  const e = escapeHtml;
  const rows = review.entries.map((entry) => `<tr><td>${e(entry.status ? REVIEW_STATUS_LABELS[entry.status] : 'No status')}</td>`
    + `<td>${e(entry.finding ? `${entry.finding.severity} · ${entry.finding.kind}` : 'not among the recorded findings')}</td>`
    + `<td>${e(entry.finding?.product ?? '')}${entry.finding?.component ? ` / ${e(entry.finding.component)}` : ''}</td>`
    + `<td>${e(entry.finding?.message ?? '')}<br><code>${e(entry.findingKey)}</code></td>`
    + `<td>${noteThreadHtml(entry)}</td></tr>`).join('\n');
  const c = manifest.counts;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Auditor response: ${e(scopeText(manifest.original.scope))}</title>
<style>${STYLE}</style></head>
<body>
<h1>Auditor response</h1>
<p>${e(STATE_TEXT[state])}${manifest.signature ? ` Reviewer key: <code>${e(formatFingerprint(manifest.signature.fingerprint))}</code>` : ''}</p>
<dl>
<dt>Reviewer</dt><dd>${e(reviewerNameText(review))}</dd>
<dt>Organisation</dt><dd>${e(organisationText(review))}</dd>
<dt>Written</dt><dd>${e(manifest.createdAt)}</dd>
<dt>Reviewed bundle</dt><dd><code>${e(manifest.original.manifestHash)}</code> (SHA-256 of its manifest.json)</dd>
<dt>Scope</dt><dd>${e(scopeText(manifest.original.scope))}</dd>
<dt>As of</dt><dd>${e(manifest.original.asOf)}</dd>
<dt>Bundle created</dt><dd>${e(manifest.original.createdAt)}</dd>
<dt>Bundle signer</dt><dd>${manifest.original.signer ? `<code>${e(formatFingerprint(manifest.original.signer))}</code>` : 'unsigned'} (${e(manifest.original.verification)} when reviewed)</dd>
<dt>Statuses</dt><dd>${c.agreed} agreed, ${c.disputed} disputed, ${c.needsEvidence} need evidence, ${c.entries} reviewed in all</dd>
${review.notReviewed !== undefined ? `<dt>Not reviewed</dt><dd>${e(formatCount(review.notReviewed, 'recorded finding'))}</dd>\n` : ''}</dl>
${review.summary ? `<h2>Conclusion</h2>\n<p class="note">${e(review.summary)}</p>` : ''}
<h2>Findings reviewed</h2>
${review.entries.length ? `<table><thead><tr><th>Status</th><th>Finding</th><th>Product / component</th><th>Message</th><th>Note</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>No finding was given a status or a note.</p>'}
</body></html>
`;
}
