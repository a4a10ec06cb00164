/** Bundles (.sspan): writing, reading, verification, signing, report, merge planning. */
export * from './format';
export { DEFAULT_LIMITS, withLimits, formatBytes, type BundleLimits } from './limits';
export { canonicalJson, CanonicalJsonError } from './canonical-json';
export { sha256, sha256Hex, toHex } from './hash';
export { parseJsonBytes, parseJsonText } from './safe-json';
export { utf8Encode, utf8DecodeStrict, toBase64, fromBase64 } from './platform';
export {
  generateSigningKey, checkSigningKey, signManifest, verifyManifestSignature, fingerprintOf, formatFingerprint,
  normalizeFingerprint, signingKeySchema, type SigningKey, type PublicKeyInfo, type HeldSigningKey, type Signer, type ExternalSigner, isExternalSigner,
} from './signing';
export { createBundle, buildBundle, safeFileName, evidencePath, BundleWriteError, WRITE_STAGES, type WriteStage, type BuildOptions, type CreateBundleInput, type EvidenceInput, type ExtraFile, type AnalysisInput, type BuiltBundle } from './write';
export { readBundle, isReaderChecked, versionMessage, type Bundle, type BundleEvidence, type ReadResult, type ReadFailureKind } from './read';
export { checkReferences } from './checks';
export { migrateDataV1 } from './migrate';
export { regenerateBundleReport, REPORT_MISMATCH_REASON, verifiedBundleReport, verifyBundle, verifyReadBundle, type ReportCheck, type Verification, type VerificationState, type VerifyOptions } from './verify';
export { resolveScope, scopeByName, scopeIds, scopePortfolio, scopeLabel, ScopeError } from './scope';
export { kindTitle, reanalysisSentence, type ReportReanalysis, REPORT_HISTORY_ENTRIES, renderBundleReport, renderReportHtml, escapeHtml, timelineSvg, SIGNATURE_TEXT, REPORT_CSP, REPORT_DETAIL_PRODUCTS, type ReportInput, type ReportSignatureState } from './report-html';
export { planMerge, type MergePlan, type FieldDiff, type Change, type Conflict } from './merge';
export { unsafeNameReason } from './archive';
export { assembleBundleInput, ASSEMBLE_PARTS, type AssemblePart, type AssembleProgress, rulePacksFor, compareFindings, comparisonIsEmpty, differingCount, rerunBundleAnalysis, type BundleRerun, findingIdentity, CYCLONEDX_DIR, PORTFOLIO_CSV_PATH, COMPARED_FIELDS, type AssembleOptions, type RulePackSelection, type FindingComparison, type FindingChange, type ComparableFinding } from './assemble';
export {
  buildAuditResponse, verifyAuditResponse, renderResponseReportHtml, countStatuses, ResponseWriteError,
  migrateReviewV1, reviewerLine, reviewerNameText, organisationText, ORGANISATION_NOT_STATED, MAX_RESPONSE_NOTE_VERSIONS, RESPONSE_VERSIONS,
  RESPONSE_FORMAT, RESPONSE_VERSION, RESPONSE_EXTENSION, RESPONSE_MEDIA_TYPE, RESPONSE_PATHS, RESPONSE_LIMITS, REVIEW_STATUSES, REVIEW_STATUS_LABELS,
  type ReviewStatus, type ReviewEntry, type ReviewEntryInput, type ReviewInput, type ReviewV1, type ThreadReply, type ResponseNoteVersion, type ReviewedFinding, type Review, type ResponseManifest, type CreateResponseInput, type BuiltResponse,
  type ResponseVerification, type VerifyResponseOptions,
} from './response';
export { RISK_PATHS, scopeRiskData, checkRiskReferences, migratedRiskData } from './format-risks';
export { renderRisksSection } from './report-risks';
export {
  OBLIGATION_PATHS, obligationsDataSchema, emptyObligationsData, scopeObligationsData, checkObligationsReferences, obligationsCounts,
  type ObligationsData,
} from './format-obligations';
export {
  checkAuditResponse, checkVerifiedResponse, openAnyBundleFile, RESPONSE_CHECK_IDS, RESPONSE_CHECK_LABELS,
  type ExportedBundleRef, type ResponseCheck, type ResponseCheckId, type ResponseCheckOutcome, type ResponseCheckResult, type CheckResponseOptions, type OpenedFile,
} from './response-checks';
export { REPLIES_PATH, REPLIES_VERSION, replySchema, repliesSchema, scopeReplies, type Reply } from './format-replies';
