/**
 * Opening an untrusted .xlsx (a zip of XML parts) with fflate, under limits
 * that hold WHILE inflating: every entry is inflated in small streamed steps
 * and counted against its declared size, the total budget and a ratio to its
 * compressed size, so a 2 MB workbook that would inflate to gigabytes is
 * refused after a few hundred megabytes at most, usually after one step.
 * The sizes and ratio follow the bundle reader's limits (shared/bundle/limits.ts);
 * the messages speak of workbooks.
 *
 * Entries are handed to `onEntry` chunk by chunk as they inflate, so a sheet
 * can be parsed (and refused at its row limit) without ever being held whole.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { formatBytes, type BundleLimits } from '../bundle/limits';

const MiB = 1024 * 1024;

export interface XlsxLimits extends BundleLimits {
  /** Rows read from one sheet; a sheet with more is refused, without being read further. */
  maxSheetRows: number;
}

/**
 * A template of 100,000 components is about 7 MB as .xlsx and 120 MB of XML:
 * 512 MiB of XML leaves room for wide sheets; spreadsheet XML compresses about
 * 10-60x, so more than 200x is a bomb, not a workbook.
 */
export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxCompressedBytes: 50 * MiB,
  maxEntries: 5_000,
  maxTotalUncompressedBytes: 512 * MiB,
  maxEntryUncompressedBytes: 512 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 1 * MiB,
  maxSheetRows: 200_000,
});

export type ZipFailure = { ok: false; error: string };

/** Receives an entry's inflated bytes in order; returning a string refuses the workbook with that message. */
export interface EntrySink {
  data(chunk: Uint8Array, final: boolean): string | null;
}

interface DirEntry { name: string; size: number; originalSize: number; compression: number }

/** Push size while inflating: deflate expands at most ~1032x, so one step yields at most ~64 MiB before the checks see it. */
const STEP = 64 * 1024;

const shown = (name: string): string => JSON.stringify(name);
const fail = (error: string): ZipFailure => ({ ok: false, error });

const BOMB = 'a decompression bomb or a damaged file, not a workbook';

function listDirectory(bytes: Uint8Array): DirEntry[] | null {
  const list: DirEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        list.push({ name: f.name, size: f.size, originalSize: f.originalSize, compression: f.compression });
        return false;
      },
    });
  } catch {
    return null;
  }
  return list;
}

/**
 * Walks the workbook's entries, inflating each under the limits and handing
 * its bytes to the sink `open(name)` returns (null: counted, then dropped).
 */
export function inflateWorkbook(
  bytes: Uint8Array,
  limits: XlsxLimits,
  open: (name: string) => EntrySink | null,
): { ok: true; names: string[] } | ZipFailure {
  if (bytes.length > limits.maxCompressedBytes) {
    return fail(`the workbook is ${formatBytes(bytes.length)}, larger than the ${formatBytes(limits.maxCompressedBytes)} a workbook may be`);
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return fail('this is not an .xlsx workbook (the file is not a zip archive); save it from the spreadsheet as "Excel Workbook (.xlsx)" or as CSV');
  }
  const list = listDirectory(bytes);
  if (!list) return fail('the workbook is damaged or truncated: its table of contents cannot be read');
  if (list.length === 0) return fail('the workbook is empty');
  if (list.length > limits.maxEntries) return fail(`the workbook has ${list.length} parts; at most ${limits.maxEntries} are read`);
  const byName = new Map<string, DirEntry>();
  let declared = 0;
  for (const e of list) {
    if (byName.has(e.name)) return fail(`the workbook holds the part ${shown(e.name)} twice: a damaged or forged file`);
    byName.set(e.name, e);
    if (e.compression !== 0 && e.compression !== 8) return fail(`the workbook part ${shown(e.name)} uses a compression this reader does not know (method ${e.compression})`);
    if (e.originalSize > limits.maxEntryUncompressedBytes) {
      return fail(`the workbook part ${shown(e.name)} would inflate to ${formatBytes(e.originalSize)}, more than the ${formatBytes(limits.maxEntryUncompressedBytes)} limit: ${BOMB}`);
    }
    if (e.originalSize > limits.ratioFloorBytes && e.originalSize > Math.max(e.size, 1) * limits.maxRatio) {
      return fail(`the workbook part ${shown(e.name)} would inflate ${Math.round(e.originalSize / Math.max(e.size, 1))} times its compressed size (at most ${limits.maxRatio}): ${BOMB}`);
    }
    declared += e.originalSize;
  }
  if (declared > limits.maxTotalUncompressedBytes) {
    return fail(`the workbook would inflate to ${formatBytes(declared)}, more than the ${formatBytes(limits.maxTotalUncompressedBytes)} limit`);
  }

  let failure: ZipFailure | null = null;
  let total = 0;
  const seen: string[] = [];
  const done = new Set<string>();
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure) return;
    const entry = byName.get(file.name);
    if (!entry || done.has(file.name) || seen.includes(file.name)) {
      failure = fail(`the workbook's parts do not match its table of contents (${shown(file.name)}): a damaged or forged file`);
      return;
    }
    seen.push(file.name);
    const sink = open(file.name);
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = fail(`the workbook part ${shown(file.name)} is damaged and cannot be read`);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      const why = size > entry.originalSize
        ? `the workbook part ${shown(file.name)} inflates to more than the ${formatBytes(entry.originalSize)} it declares: ${BOMB}`
        : size > limits.ratioFloorBytes && size > Math.max(entry.size, 1) * limits.maxRatio
          ? `the workbook part ${shown(file.name)} inflates more than ${limits.maxRatio} times its compressed size: ${BOMB}`
          : total > limits.maxTotalUncompressedBytes
            ? `the workbook inflates to more than the ${formatBytes(limits.maxTotalUncompressedBytes)} limit`
            : sink?.data(chunk, final) ?? null;
      if (why) {
        failure = fail(why);
        file.terminate();
        return;
      }
      if (final) done.add(file.name);
    };
    file.start();
  };
  try {
    for (let off = 0; off < bytes.length && !failure; off += STEP) {
      const end = Math.min(off + STEP, bytes.length);
      unzip.push(bytes.subarray(off, end), end === bytes.length);
    }
  } catch {
    if (!failure) failure = fail('the workbook is damaged and cannot be read');
  }
  if (failure) return failure;
  for (const e of list) {
    if (!done.has(e.name)) return fail(`the workbook part ${shown(e.name)} is truncated or damaged`);
  }
  return { ok: true, names: list.map((e) => e.name) };
}
