/**
 * Opening the zip container of an untrusted bundle with fflate, defensively:
 * the central directory is listed first without inflating anything and every
 * name, count, declared size and ratio is checked; then the entries are
 * inflated in small streamed steps, each capped at its declared size and the
 * total budget, so a header that lies cannot make the reader allocate more
 * than the limits allow.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { MAX_PATH_LENGTH, SAFE_PATH_RE } from './format';
import { formatBytes, type BundleLimits } from './limits';

export type ArchiveResult =
  | { ok: true; entries: Map<string, Uint8Array>; names: string[] }
  | { ok: false; error: string; kind: 'unreadable' | 'invalid' };

interface DirEntry { name: string; size: number; originalSize: number; compression: number }

/** Push size while inflating: deflate expands at most ~1032x, so one step yields at most ~16 MiB. */
const STEP = 16 * 1024;

function shown(name: string): string {
  return JSON.stringify(name);
}

/** Why an entry name is unsafe, or null when it is fine. */
export function unsafeNameReason(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return `the entry name ${shown(name)} contains a control character`;
  if (name.includes('\\')) return `the entry name ${shown(name)} contains a backslash`;
  if (name.startsWith('/')) return `the entry name ${shown(name)} is an absolute path`;
  if (/^[A-Za-z]:/.test(name)) return `the entry name ${shown(name)} starts with a drive letter`;
  if (name.split('/').some((s) => s === '..')) return `the entry name ${shown(name)} climbs out of the archive with ".."`;
  if (name.endsWith('/')) return `the entry ${shown(name)} is a directory; bundles hold files only`;
  if (name.length > MAX_PATH_LENGTH || !SAFE_PATH_RE.test(name)) return `the entry name ${shown(name)} is not a safe file name (letters, digits, ".", "_", "-" and "/" only)`;
  return null;
}

function listDirectory(bytes: Uint8Array): { ok: true; list: DirEntry[] } | { ok: false; error: string } {
  const list: DirEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        list.push({ name: f.name, size: f.size, originalSize: f.originalSize, compression: f.compression });
        return false;
      },
    });
  } catch (e) {
    return { ok: false, error: `the file is damaged or truncated: its zip directory cannot be read (${(e as Error).message})` };
  }
  return { ok: true, list };
}

export function openArchive(bytes: Uint8Array, limits: BundleLimits): ArchiveResult {
  const unreadable = (error: string): ArchiveResult => ({ ok: false, error, kind: 'unreadable' });
  const invalid = (error: string): ArchiveResult => ({ ok: false, error, kind: 'invalid' });

  if (bytes.length > limits.maxCompressedBytes) {
    return unreadable(`the file is ${formatBytes(bytes.length)}, larger than the ${formatBytes(limits.maxCompressedBytes)} a bundle may be`);
  }
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    return unreadable('this is not a Supportspan bundle: the file is not a zip archive');
  }
  const dir = listDirectory(bytes);
  if (!dir.ok) return unreadable(dir.error);
  const list = dir.list;
  if (list.length === 0) return unreadable('this is not a Supportspan bundle: the archive is empty');
  if (list.length > limits.maxEntries) return unreadable(`the archive has ${list.length} entries; a bundle may have at most ${limits.maxEntries}`);

  const seen = new Set<string>();
  const folded = new Map<string, string>();
  let declaredTotal = 0;
  let compressedTotal = 0;
  for (const e of list) {
    const why = unsafeNameReason(e.name);
    if (why) return invalid(why);
    if (seen.has(e.name)) return invalid(`the entry ${shown(e.name)} appears twice`);
    const clash = folded.get(e.name.toLowerCase());
    if (clash !== undefined) return invalid(`the entries ${shown(clash)} and ${shown(e.name)} differ only in letter case`);
    seen.add(e.name);
    folded.set(e.name.toLowerCase(), e.name);
    if (e.compression !== 0 && e.compression !== 8) return invalid(`the entry ${shown(e.name)} uses compression method ${e.compression}; bundles use deflate`);
    if (e.originalSize > limits.maxEntryUncompressedBytes) {
      return unreadable(`the entry ${shown(e.name)} would inflate to ${formatBytes(e.originalSize)}, more than the ${formatBytes(limits.maxEntryUncompressedBytes)} limit`);
    }
    if (e.originalSize > limits.ratioFloorBytes && e.originalSize > e.size * limits.maxRatio) {
      return unreadable(`the entry ${shown(e.name)} would inflate ${Math.round(e.originalSize / Math.max(e.size, 1))} times its compressed size (at most ${limits.maxRatio} allowed): a zip bomb?`);
    }
    declaredTotal += e.originalSize;
    compressedTotal += e.size;
  }
  if (declaredTotal > limits.maxTotalUncompressedBytes) {
    return unreadable(`the archive would inflate to ${formatBytes(declaredTotal)}, more than the ${formatBytes(limits.maxTotalUncompressedBytes)} limit`);
  }
  if (declaredTotal > limits.ratioFloorBytes && declaredTotal > Math.max(compressedTotal, 1) * limits.maxRatio) {
    return unreadable(`the archive would inflate ${Math.round(declaredTotal / Math.max(compressedTotal, 1))} times its compressed size (at most ${limits.maxRatio} allowed): a zip bomb?`);
  }

  // Inflate, streamed, checking local headers against the directory and sizes against what was declared.
  let failure: ArchiveResult | null = null;
  let total = 0;
  const records: { name: string; chunks: Uint8Array[]; size: number; done: boolean }[] = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure) return;
    const expected = list[records.length];
    if (!expected || expected.name !== file.name) {
      failure = invalid(`the archive's entries do not match its directory (found ${shown(file.name)} where ${expected ? shown(expected.name) : 'nothing'} was listed)`);
      return;
    }
    const rec = { name: file.name, chunks: [] as Uint8Array[], size: 0, done: false };
    records.push(rec);
    file.ondata = (err, chunk, final) => {
      if (failure || rec.done) return;
      if (err) {
        failure = invalid(`the entry ${shown(rec.name)} is damaged and cannot be inflated (${err.message})`);
        return;
      }
      rec.size += chunk.length;
      total += chunk.length;
      if (rec.size > expected.originalSize) {
        failure = unreadable(`the entry ${shown(rec.name)} inflates to more than the ${formatBytes(expected.originalSize)} its header declares: a zip bomb or a damaged file`);
        file.terminate();
        return;
      }
      if (total > limits.maxTotalUncompressedBytes) {
        failure = unreadable(`the archive inflates to more than the ${formatBytes(limits.maxTotalUncompressedBytes)} limit`);
        file.terminate();
        return;
      }
      if (chunk.length) rec.chunks.push(chunk);
      if (final) rec.done = true;
    };
    file.start();
  };
  try {
    for (let off = 0; off < bytes.length && !failure; off += STEP) {
      const end = Math.min(off + STEP, bytes.length);
      unzip.push(bytes.subarray(off, end), end === bytes.length);
    }
  } catch (e) {
    if (!failure) failure = invalid(`the file is damaged: ${(e as Error).message}`);
  }
  if (failure) return failure;

  const entries = new Map<string, Uint8Array>();
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const rec = records[i];
    if (!rec || !rec.done) return invalid(`the entry ${shown(e.name)} is truncated or damaged`);
    if (rec.size !== e.originalSize) return invalid(`the entry ${shown(e.name)} has ${rec.size} bytes but its header declares ${e.originalSize}`);
    const out = new Uint8Array(rec.size);
    let at = 0;
    for (const c of rec.chunks) {
      out.set(c, at);
      at += c.length;
    }
    entries.set(e.name, out);
  }
  if (records.length !== list.length) return invalid('the archive holds more entries than its directory lists');
  return { ok: true, entries, names: list.map((e) => e.name) };
}
