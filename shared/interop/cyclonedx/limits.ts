/** Bounds for reading untrusted CycloneDX documents. */

export const CDX_SPEC_VERSIONS = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;
export type CdxSpecVersion = (typeof CDX_SPEC_VERSIONS)[number];

/** The version our export writes. */
export const CDX_EXPORT_VERSION: CdxSpecVersion = '1.6';

/**
 * Files larger than this are refused before they are decoded or parsed (a real
 * SBOM of 100k components is about 60 MB of JSON; XML is larger).
 */
export const CDX_MAX_BYTES = 96 * 1024 * 1024;
export const CDX_MAX_DEPTH = 32;
export const CDX_MAX_COMPONENTS = 100_000;
/** Schema violations listed before the rest are summarised as a count. */
export const CDX_MAX_LISTED_ERRORS = 25;

export const isSpecVersion = (v: unknown): v is CdxSpecVersion =>
  typeof v === 'string' && (CDX_SPEC_VERSIONS as readonly string[]).includes(v);
