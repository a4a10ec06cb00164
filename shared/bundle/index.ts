/** Bundles (.sspan): writing, reading, verification, signing, report, merge planning. */
export * from './format';
export { DEFAULT_LIMITS, withLimits, formatBytes, type BundleLimits } from './limits';
export { canonicalJson, CanonicalJsonError } from './canonical-json';
export { sha256, sha256Hex, toHex } from './hash';
export { parseJsonBytes, parseJsonText } from './safe-json';
export { utf8Encode, utf8DecodeStrict, toBase64, fromBase64 } from './platform';
export {
  generateSigningKey, checkSigningKey, signManifest, verifyManifestSignature, fingerprintOf, formatFingerprint,
  normalizeFingerprint, signingKeySchema, type SigningKey, type PublicKeyInfo,
} from './signing';
export { createBundle, buildBundle, safeFileName, evidencePath, BundleWriteError, type CreateBundleInput, type EvidenceInput, type ExtraFile, type AnalysisInput, type BuiltBundle } from './write';
export { readBundle, versionMessage, type Bundle, type BundleEvidence, type ReadResult, type ReadFailureKind } from './read';
export { checkReferences } from './checks';
export { migrateDataV1 } from './migrate';
export { verifyBundle, verifyReadBundle, type Verification, type VerificationState, type VerifyOptions } from './verify';
export { resolveScope, scopeByName, scopeIds, scopePortfolio, scopeLabel, ScopeError } from './scope';
export { renderReportHtml, escapeHtml, timelineSvg, REPORT_CSP, type ReportInput, type ReportSignatureState } from './report-html';
export { planMerge, type MergePlan, type FieldDiff, type Change, type Conflict } from './merge';
export { unsafeNameReason } from './archive';
export { assembleBundleInput, rulePacksFor, compareFindings, comparisonIsEmpty, findingIdentity, CYCLONEDX_DIR, PORTFOLIO_CSV_PATH, COMPARED_FIELDS, type AssembleOptions, type RulePackSelection, type FindingComparison, type FindingChange, type ComparableFinding } from './assemble';
