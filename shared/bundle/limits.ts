/**
 * Limits applied to a bundle before anything is inflated, and again while
 * inflating (so a header that lies about sizes cannot exhaust memory).
 */
import { formatBytes } from '../format/format';
export interface BundleLimits {
  /** Size of the .sspan file itself. */
  maxCompressedBytes: number;
  maxEntries: number;
  /** Sum of the uncompressed sizes, declared and actual. */
  maxTotalUncompressedBytes: number;
  maxEntryUncompressedBytes: number;
  /** Uncompressed/compressed, checked per entry and overall once an entry is larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<BundleLimits> = Object.freeze({
  maxCompressedBytes: 512 * MiB,
  maxEntries: 20_000,
  maxTotalUncompressedBytes: 2048 * MiB,
  maxEntryUncompressedBytes: 1024 * MiB,
  // Repetitive JSON compresses about 10-40x; deflate's ceiling is about 1032x.
  maxRatio: 200,
  ratioFloorBytes: 1 * MiB,
});

export function withLimits(partial?: Partial<BundleLimits>): BundleLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) };
}

export { formatBytes };
