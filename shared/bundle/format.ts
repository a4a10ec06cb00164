/**
 * The `.sspan` bundle format: a zip archive (see docs/bundle-format.md).
 * Every schema a reader applies to a bundle lives here, one per file.
 */
import { z } from 'zod';
import {
  dayDateSchema, decisionSchema, idSchema, MAX_NAME, MAX_TEXT, productLineSchema, productSchema,
} from '../domain/schemas';
import { SHA256_HEX_RE } from './hash';

export const FORMAT_NAME = 'supportspan-bundle';
/** The newest version this app writes: 4 for a bundle that carries replies to auditors (format-replies.ts), else 3. */
export const FORMAT_VERSION = 4;
/** Versions this app reads (older ones are migrated on read). */
export const READABLE_VERSIONS = [1, 2, 3, 4] as const;
export const BUNDLE_EXTENSION = '.sspan';
export const BUNDLE_MEDIA_TYPE = 'application/vnd.supportspan.bundle+zip';

export const PATHS = {
  manifest: 'manifest.json',
  signature: 'signature.json',
  portfolio: 'data/portfolio.json',
  evidenceIndex: 'data/evidence.json',
  findings: 'analysis/findings.json',
  plans: 'analysis/plans.json',
  history: 'history/changes.json',
  report: 'report.html',
} as const;

/** Files every version-2 bundle has (besides manifest.json). */
export const REQUIRED_FILES: readonly string[] = [
  PATHS.portfolio, PATHS.evidenceIndex, PATHS.findings, PATHS.plans, PATHS.history, PATHS.report,
];
export const EVIDENCE_DIR = 'evidence/';
export const INTERCHANGE_DIR = 'interchange/';

/**
 * Entry names: relative, `/`-separated, each segment of letters, digits, `.`,
 * `_` and `-`, not starting with a dot (so no `.` or `..`). This alone rules
 * out absolute paths, drive letters, backslashes and control characters; the
 * reader still names each of those specifically in its messages.
 */
export const SAFE_PATH_RE = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\/){0,4}[A-Za-z0-9_-][A-Za-z0-9._-]{0,159}$/;
export const MAX_PATH_LENGTH = 255;

const timestampSchema = z.iso.datetime({ offset: true }).refine((s) => {
  const y = Number(s.slice(0, 4));
  return y >= 1900 && y <= 2199;
}, 'the year is outside 1900-2199');

export const scopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('portfolio') }),
  z.strictObject({ kind: z.literal('line'), id: idSchema, name: z.string().max(MAX_NAME) }),
  z.strictObject({ kind: z.literal('product'), id: idSchema, name: z.string().max(MAX_NAME) }),
]);
export type BundleScope = z.infer<typeof scopeSchema>;
/** What a caller asks for; the writer fills in the name. */
export type ScopeRequest = { kind: 'portfolio' } | { kind: 'line' | 'product'; id: string };

export const rulePackRefSchema = z.strictObject({
  id: z.string().min(1).max(100),
  version: z.string().min(1).max(100),
});
export type RulePackRef = z.infer<typeof rulePackRefSchema>;

const count = z.number().int().nonnegative();
export const countsSchema = z.strictObject({
  lines: count,
  products: count,
  components: count,
  decisions: count,
  findings: count,
  evidence: count,
  changes: count,
  /** Version 3 (format-risks.ts): the register's stored risks and controls. */
  risks: count.optional(),
  controls: count.optional(),
  /** Version 3 (format-obligations.ts): activity records, vulnerability records, communication plans. */
  activities: count.optional(),
  vulnerabilities: count.optional(),
  communicationPlans: count.optional(),
});
export type BundleCounts = z.infer<typeof countsSchema>;

const safePathSchema = z.string().max(MAX_PATH_LENGTH).regex(SAFE_PATH_RE, 'not a safe relative path');
const hashSchema = z.string().regex(SHA256_HEX_RE, 'a SHA-256 is 64 lower-case hex digits');

export const manifestSignatureInfoSchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  fingerprint: hashSchema,
});

export const manifestV2Schema = z.strictObject({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  appVersion: z.string().min(1).max(50),
  createdAt: timestampSchema,
  asOf: dayDateSchema,
  scope: scopeSchema,
  counts: countsSchema,
  rulePacks: z.array(rulePackRefSchema).max(100),
  /** SHA-256 (hex) of every file in the archive except manifest.json and signature.json. */
  files: z.record(safePathSchema, hashSchema),
  /** The change log's last hash, so dropping entries from its end is detected. */
  historyHead: hashSchema,
  /** Present when the bundle is signed: signature.json must then exist and match. */
  signature: manifestSignatureInfoSchema.nullable(),
});
export type Manifest = z.infer<typeof manifestV2Schema>;

/** Only the fields needed to decide which reader applies. */
export const manifestHeaderSchema = z.looseObject({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.number().int().positive(),
});

export const signatureFileSchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  /** Raw 32-byte public key, base64. */
  publicKey: z.string().max(100),
  /** SHA-256 of the raw public key, hex. */
  fingerprint: hashSchema,
  /** Ed25519 signature over the exact bytes of manifest.json, base64. */
  signature: z.string().max(200),
});
export type SignatureFile = z.infer<typeof signatureFileSchema>;

export const bundlePortfolioSchema = z.strictObject({
  lines: z.array(productLineSchema),
  products: z.array(productSchema),
  decisions: z.array(decisionSchema),
});

export const evidenceEntrySchema = z.strictObject({
  /** The product or component the file is attached to. */
  ownerId: idSchema,
  name: z.string().min(1).max(MAX_NAME),
  mediaType: z.string().min(1).max(100).regex(/^[\w.+-]+\/[\w.+-]+$/, 'not a media type'),
  size: z.number().int().nonnegative(),
  sha256: hashSchema,
  path: safePathSchema,
});
export type EvidenceEntry = z.infer<typeof evidenceEntrySchema>;
export const evidenceIndexSchema = z.array(evidenceEntrySchema);

/**
 * A finding as recorded at export. The engine's full shape is kept (loose
 * object), but the fields the report and the comparison rely on are checked.
 */
export const recordedFindingSchema = z.looseObject({
  key: z.string().max(300).optional(),
  kind: z.string().min(1).max(100),
  severity: z.enum(['high', 'medium', 'low']),
  productLine: z.string().max(MAX_NAME).optional(),
  productId: idSchema.optional(),
  product: z.string().max(MAX_NAME).optional(),
  componentId: idSchema.nullable().optional(),
  component: z.string().max(MAX_NAME).nullable().optional(),
  gapDays: z.number().int().nullable().optional(),
  message: z.string().max(MAX_TEXT),
  provisions: z.array(z.string().max(500)).max(50).default([]),
  nist: z.array(z.string().max(500)).max(50).optional(),
  remediation: z.string().max(MAX_TEXT).optional(),
});
export type RecordedFinding = z.infer<typeof recordedFindingSchema>;

export const recordedAnalysisSchema = z.strictObject({
  asOf: dayDateSchema,
  rulePacks: z.array(rulePackRefSchema).max(100),
  findings: z.array(recordedFindingSchema),
  summary: z.record(z.string(), z.unknown()).default({}),
});
export type RecordedAnalysis = z.infer<typeof recordedAnalysisSchema>;

/** Planner output is carried as recorded; only its JSON safety is checked. */
export const plansSchema = z.array(z.unknown());

// ---- version 1 (older, simpler layout; read and migrated, never written) ----

export const V1_PATHS = { manifest: 'manifest.json', data: 'data.json', findings: 'findings.json' } as const;

export const manifestV1Schema = z.strictObject({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.literal(1),
  appVersion: z.string().min(1).max(50),
  createdAt: timestampSchema,
  asOf: dayDateSchema,
  files: z.record(safePathSchema, hashSchema),
});
export type ManifestV1 = z.infer<typeof manifestV1Schema>;
