/**
 * Reading and writing the files the user picks in native dialogs.
 * Reads check the size before reading; writes are atomic (temp file in the same folder,
 * then rename), so a crash or a full disk never leaves a half-written file behind.
 */
import { formatBytes } from '../../shared/format/format';
import { promises as fsp, constants as fsConstants } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { MAX_FILE_BYTES } from '../../shared/ipc/contract';

export class FileSizeError extends Error {
  constructor(readonly file: string, readonly size: number, readonly limit: number) {
    super(`${path.basename(file)} is ${formatBytes(size)}; files larger than ${formatBytes(limit)} are not opened`);
    this.name = 'FileSizeError';
  }
}



/** Reads a regular file of at most `limit` bytes; returns its base name and bytes. */
export async function readFileLimited(
  file: string,
  limit: number = MAX_FILE_BYTES,
): Promise<{ name: string; bytes: Uint8Array<ArrayBuffer> }> {
  const handle = await fsp.open(file, fsConstants.O_RDONLY);
  try {
    // Stat the open handle, not the path, so the file checked is the file read.
    const st = await handle.stat();
    if (!st.isFile()) throw new Error(`${path.basename(file)} is not a regular file`);
    if (st.size > limit) throw new FileSizeError(file, st.size, limit);
    const buf = new Uint8Array(st.size);
    let offset = 0;
    while (offset < st.size) {
      const { bytesRead } = await handle.read(buf, offset, st.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    // A file that grew after the stat is refused rather than silently truncated.
    const extra = await handle.read(new Uint8Array(1), 0, 1, offset);
    if (offset !== st.size || extra.bytesRead !== 0) {
      throw new Error(`${path.basename(file)} changed while it was being read; try again`);
    }
    return { name: path.basename(file), bytes: buf };
  } finally {
    await handle.close();
  }
}

/**
 * Writes `bytes` to `file` atomically: a temporary file next to the target (same
 * filesystem, so the rename is atomic), flushed to disk, then renamed over the target.
 * On any error the temporary file is removed and the target is untouched.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: Awaited<ReturnType<typeof fsp.open>> | null = null;
  try {
    // `wx`: never follow or reuse an existing file at the temporary name.
    handle = await fsp.open(tmp, 'wx', 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    await fsp.rename(tmp, file);
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
