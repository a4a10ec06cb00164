/**
 * The size limit of every kind of file the user opens, checked against the
 * file's metadata (File.size in a browser, fstat in the main process and the
 * CLI) before a byte is read. Each reader checks its own limit again on the
 * content; these are the same numbers, named in one place.
 */
import { DEFAULT_LIMITS, formatBytes, RESPONSE_LIMITS } from '../bundle';
import { MAX_TEMPLATE_CHARS } from '../csv/columns';
import { CDX_MAX_BYTES } from '../interop/cyclonedx/limits';
import { MAX_XLSX_BYTES } from '../interop/xlsx-workbook';
import { MAX_PROFILE_BYTES } from '../import/spreadsheet/profile';

const MiB = 1024 * 1024;

export const FILE_LIMITS = {
  bundle: DEFAULT_LIMITS.maxCompressedBytes,
  response: RESPONSE_LIMITS.maxCompressedBytes ?? DEFAULT_LIMITS.maxCompressedBytes,
  /** UTF-8 text: at most four bytes per character, but a template has few non-ASCII characters; the parser counts characters. */
  csv: MAX_TEMPLATE_CHARS,
  xlsx: MAX_XLSX_BYTES,
  spreadsheet: Math.max(MAX_TEMPLATE_CHARS, MAX_XLSX_BYTES),
  cyclonedx: CDX_MAX_BYTES,
  /** As the catalog loader (renderer/features/catalog/catalog-files.ts): endoflife.date product files are a few hundred KiB. */
  catalog: 8 * MiB,
  /** Matches the evidence table's own limit (renderer/db/repositories/evidence.ts). */
  evidence: 50 * MiB,
  keyBackup: 64 * 1024,
  profile: MAX_PROFILE_BYTES,
} as const;

export type FileKind = keyof typeof FILE_LIMITS;

const WHAT: Record<FileKind, string> = {
  bundle: 'a bundle', response: 'an auditor response', csv: 'a CSV file', xlsx: 'a workbook', spreadsheet: 'a spreadsheet',
  cyclonedx: 'a CycloneDX file', catalog: 'a catalog file', evidence: 'an evidence file', keyBackup: 'a key backup', profile: 'an import profile',
};

/** The refusal, in the user's terms, or null when the size is fine. */
export function fileSizeProblem(name: string, size: number, limit: number, kind?: FileKind): string | null {
  if (size <= limit) return null;
  return `${name} is ${formatBytes(size)}; ${kind ? WHAT[kind] : 'a file here'} may be at most ${formatBytes(limit)}. Nothing was read.`;
}
