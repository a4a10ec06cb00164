/**
 * Opening the zip container of an untrusted bundle with fflate, defensively:
 * the central directory is listed first without inflating anything and every
 * name, count, declared size and ratio is checked; then the entries are
 * inflated in small streamed steps, each capped at its declared size and the
 * total budget, so a header that lies cannot make the reader allocate more
 * than the limits allow.
 */
import { Inflate, Unzip, UnzipInflate, unzipSync, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';
import { MAX_PATH_LENGTH, SAFE_PATH_RE } from './format';
import { formatBytes, type BundleLimits } from './limits';
import { rawInflateStream } from './platform';

type ArchiveFailure = { ok: false; error: string; kind: 'unreadable' | 'invalid' };
export type ArchiveResult = { ok: true; entries: Map<string, Uint8Array>; names: string[] } | ArchiveFailure;

interface DirEntry { name: string; size: number; originalSize: number; compression: number }

/**
 * Push size while inflating: deflate expands at most ~1032x, so one step
 * yields at most ~64 MiB before the size checks see it. Smaller steps cost
 * time (16 KiB took half again as long to inflate a 50 MB entry).
 */
const STEP = 64 * 1024;

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
  } catch {
    return { ok: false, error: 'the file is damaged or truncated: its zip directory cannot be read' };
  }
  return { ok: true, list };
}

function join(chunks: readonly Uint8Array[], size: number): Uint8Array {
  // One chunk that owns its whole buffer is kept as is; a view into a larger buffer (a stored entry is a view of the file) is copied, so no entry aliases the input.
  const only = chunks.length === 1 ? chunks[0]! : null;
  if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const unreadable = (error: string): ArchiveFailure => ({ ok: false, error, kind: 'unreadable' });
const invalid = (error: string): ArchiveFailure => ({ ok: false, error, kind: 'invalid' });
const overDeclared = (name: string, declared: number): ArchiveFailure =>
  unreadable(`the entry ${shown(name)} inflates to more than the ${formatBytes(declared)} its header declares: a zip bomb or a damaged file`);
const overTotal = (limits: BundleLimits): ArchiveFailure => unreadable(`the archive inflates to more than the ${formatBytes(limits.maxTotalUncompressedBytes)} limit`);

/** fflate must come upon the entries in the order the directory lists them; anything else is a forged or damaged archive. */
function unlisted(list: DirEntry[], index: number, name: string): ArchiveFailure | null {
  const expected = list[index];
  if (expected && expected.name === name) return null;
  return invalid(`the archive's entries do not match its directory (found ${shown(name)} where ${expected ? shown(expected.name) : 'nothing'} was listed)`);
}

/** Feeds the archive to fflate `step` bytes at a time until `stopped()`; fflate throwing means a damaged file. */
function walk(unzip: Unzip, bytes: Uint8Array, step: number, stopped: () => boolean): ArchiveFailure | null {
  try {
    for (let off = 0; off < bytes.length && !stopped(); off += step) {
      const end = Math.min(off + step, bytes.length);
      unzip.push(bytes.subarray(off, end), end === bytes.length);
    }
  } catch {
    // The inflater's own text ("invalid block type") means nothing to the reader of the message.
    if (!stopped()) return invalid('the file is damaged: its compressed data cannot be read');
  }
  return null;
}

/** The central directory, once every name, count, declared size and ratio has passed. */
function checkedDirectory(bytes: Uint8Array, limits: BundleLimits): { ok: true; list: DirEntry[] } | ArchiveFailure {
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
  return { ok: true, list };
}

/** Opens the archive synchronously, inflating with fflate. */
export function openArchive(bytes: Uint8Array, limits: BundleLimits): ArchiveResult {
  const dir = checkedDirectory(bytes, limits);
  if (!dir.ok) return dir;
  const { list } = dir;

  // Inflate, streamed, checking local headers against the directory and sizes against what was declared.
  let failure = null as ArchiveFailure | null;
  let total = 0;
  const records: { name: string; chunks: Uint8Array[]; size: number; done: boolean }[] = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure) return;
    failure = unlisted(list, records.length, file.name);
    if (failure) return;
    const expected = list[records.length]!;
    const rec = { name: file.name, chunks: [] as Uint8Array[], size: 0, done: false };
    records.push(rec);
    file.ondata = (err, chunk, final) => {
      if (failure || rec.done) return;
      if (err) {
        failure = invalid(`the entry ${shown(rec.name)} is damaged: its compressed data cannot be read`);
        return;
      }
      rec.size += chunk.length;
      total += chunk.length;
      if (rec.size > expected.originalSize) {
        failure = overDeclared(rec.name, expected.originalSize);
        file.terminate();
        return;
      }
      if (total > limits.maxTotalUncompressedBytes) {
        failure = overTotal(limits);
        file.terminate();
        return;
      }
      if (chunk.length) rec.chunks.push(chunk);
      if (final) rec.done = true;
    };
    file.start();
  };
  const damaged = walk(unzip, bytes, STEP, () => failure !== null);
  if (failure) return failure;
  if (damaged) return damaged;

  const entries = new Map<string, Uint8Array>();
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const rec = records[i];
    if (!rec || !rec.done) return invalid(`the entry ${shown(e.name)} is truncated or damaged`);
    if (rec.size !== e.originalSize) return invalid(`the entry ${shown(e.name)} has ${rec.size} bytes but its header declares ${e.originalSize}`);
    entries.set(e.name, join(rec.chunks, rec.size));
  }
  if (records.length !== list.length) return invalid('the archive holds more entries than its directory lists');
  return { ok: true, entries, names: list.map((e) => e.name) };
}

/** Hands on a deflated entry's bytes as they are, so that they can be inflated afterwards by the platform. */
class KeepDeflated implements UnzipDecoder {
  static compression = 8;
  ondata: AsyncFlateStreamHandler = () => undefined;
  push(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
  }
}

type Inflated = { ok: true; chunks: Uint8Array[]; size: number } | { ok: false; over: true } | { ok: false; over: false; message: string };

/**
 * Inflates one entry with the platform's zlib, never holding more than
 * `limit` bytes: input goes in STEP-sized writes that wait for the output to
 * be read, so the output is counted (and the stream cancelled) as it appears.
 */
async function inflateNative(Ctor: NonNullable<ReturnType<typeof rawInflateStream>>, input: readonly Uint8Array[], limit: number): Promise<Inflated> {
  if (input.every((c) => c.length === 0)) return { ok: true, chunks: [], size: 0 };
  const stream = new Ctor('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  let error: unknown = null;
  const reading = (async () => {
    try {
      for (;;) {
        const r = await reader.read();
        if (r.done) return;
        size += r.value.length;
        if (size > limit) {
          over = true;
          await reader.cancel();
          return;
        }
        chunks.push(r.value);
      }
    } catch (e) {
      error ??= e;
    }
  })();
  try {
    for (const part of input) {
      for (let off = 0; off < part.length && !over && !error; off += STEP) await writer.write(part.subarray(off, off + STEP));
    }
    if (!over && !error) await writer.close();
    else await writer.abort().catch(() => undefined);
  } catch (e) {
    if (!over) error ??= e;
  }
  await reading;
  if (over) return { ok: false, over: true };
  if (error) return { ok: false, over: false, message: (error as Error)?.message ?? String(error) };
  return { ok: true, chunks, size };
}

/** The same, in JavaScript (fflate), where the platform has no raw-deflate stream. */
function inflateFflate(input: readonly Uint8Array[], limit: number): Inflated {
  if (input.every((c) => c.length === 0)) return { ok: true, chunks: [], size: 0 };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) over = true;
    else chunks.push(chunk);
  });
  try {
    const whole = input.length === 1 ? input[0]! : join(input, input.reduce((n, c) => n + c.length, 0));
    for (let off = 0; off < whole.length && !over; off += STEP) {
      const end = Math.min(off + STEP, whole.length);
      inflater.push(whole.subarray(off, end), end === whole.length);
    }
  } catch (e) {
    if (!over) return { ok: false, over: false, message: (e as Error).message };
  }
  return over ? { ok: false, over: true } : { ok: true, chunks, size };
}

export interface OpenOptions {
  /** Inflate with the platform's DecompressionStream when it has one (default true); false forces fflate. */
  native?: boolean;
}

/**
 * Opens the archive like `openArchive`, with the same checks and messages,
 * but inflates with the platform's zlib (DecompressionStream) when present:
 * fflate walks the container and hands on each entry's deflated bytes
 * untouched; each entry is then inflated under a cap of its declared size and
 * what is left of the total budget.
 */
export async function openArchiveAsync(bytes: Uint8Array, limits: BundleLimits, options: OpenOptions = {}): Promise<ArchiveResult> {
  const dir = checkedDirectory(bytes, limits);
  if (!dir.ok) return dir;
  const { list } = dir;

  let failure = null as ArchiveFailure | null;
  const records: { name: string; compression: number; chunks: Uint8Array[]; size: number; done: boolean }[] = [];
  const unzip = new Unzip();
  unzip.register(KeepDeflated);
  unzip.onfile = (file) => {
    if (failure) return;
    failure = unlisted(list, records.length, file.name);
    if (failure) return;
    const expected = list[records.length]!;
    if (file.compression !== 0 && file.compression !== 8) {
      failure = invalid(`the entry ${shown(file.name)} uses compression method ${file.compression}; bundles use deflate`);
      return;
    }
    const rec = { name: file.name, compression: file.compression, chunks: [] as Uint8Array[], size: 0, done: false };
    records.push(rec);
    file.ondata = (err, chunk, final) => {
      if (failure || rec.done) return;
      if (err) {
        failure = invalid(`the entry ${shown(rec.name)} is damaged: its compressed data cannot be read`);
        return;
      }
      rec.size += chunk.length;
      // Stored entries are their own content: hold them to the declared size here. Deflated ones are at most the file's size.
      if (rec.compression === 0 && rec.size > expected.originalSize) {
        failure = overDeclared(rec.name, expected.originalSize);
        return;
      }
      if (chunk.length) rec.chunks.push(chunk);
      if (final) rec.done = true;
    };
    file.start();
  };
  // Nothing is inflated while walking, so large steps cannot make anything grow.
  const damaged = walk(unzip, bytes, 1024 * 1024, () => failure !== null);
  if (failure) return failure;
  if (damaged) return damaged;
  if (records.length !== list.length) {
    const missing = list[records.length];
    if (missing) return invalid(`the entry ${shown(missing.name)} is truncated or damaged`);
    return invalid('the archive holds more entries than its directory lists');
  }

  const Native = options.native === false ? null : rawInflateStream();
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const rec = records[i]!;
    if (!rec.done) return invalid(`the entry ${shown(e.name)} is truncated or damaged`);
    let content: Uint8Array[];
    let size: number;
    if (rec.compression === 0) {
      content = rec.chunks;
      size = rec.size;
    } else {
      const budget = limits.maxTotalUncompressedBytes - total;
      const limit = Math.min(e.originalSize, budget);
      const out = Native ? await inflateNative(Native, rec.chunks, limit) : inflateFflate(rec.chunks, limit);
      if (!out.ok && out.over) {
        return e.originalSize <= budget
          ? overDeclared(e.name, e.originalSize)
          : overTotal(limits);
      }
      if (!out.ok) return invalid(`the entry ${shown(e.name)} is damaged: its compressed data cannot be read`);
      content = out.chunks;
      size = out.size;
    }
    total += size;
    if (total > limits.maxTotalUncompressedBytes) return overTotal(limits);
    if (size !== e.originalSize) return invalid(`the entry ${shown(e.name)} has ${size} bytes but its header declares ${e.originalSize}`);
    entries.set(e.name, join(content, size));
  }
  return { ok: true, entries, names: list.map((e) => e.name) };
}
