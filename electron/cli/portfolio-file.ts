/**
 * Files of the command line: bundles (read and verified, size checked with
 * stat first) and the one way the CLI writes a file: atomically, never over
 * its input. Portfolios in every format are read by `read-input.ts`.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MAX_TEMPLATE_CHARS } from '../../shared/csv';
import { appVersion } from './app-version';
import { DEFAULT_LIMITS, formatBytes, verifyBundle, type Bundle, type Verification } from '../../shared/bundle';
import { CliError, EXIT } from './command';

/** Same number as the parser's character limit, applied to bytes on disk. */
export const MAX_FILE_BYTES = MAX_TEMPLATE_CHARS;

/** The file's size from stat, before any byte is read; a missing file or a folder is bad input. */
export async function fileSize(command: string, file: string, path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(`${command}: ${file} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${command}: ${file}: no such file` : `${command}: cannot read ${file} (${code ?? String(error)})`);
  }
}

export interface LoadedBundle {
  path: string;
  /** Always set; `bundle` is set unless the state is `invalid`. */
  verification: Verification;
}

/**
 * Reads and verifies a bundle file. Problems with the file itself (missing,
 * empty, over the size limit) throw a CliError (exit 2); a file that is read
 * but not a usable bundle comes back as an `invalid` verification, for the
 * caller to report in its own terms.
 */
export async function loadBundleFile(command: string, file: string, cwd: string, trusted: readonly string[] = []): Promise<LoadedBundle> {
  const { path, bytes } = await readBundleBytes(command, file, cwd);
  return { path, verification: await verifyBundle(bytes, { trustedFingerprints: trusted, appVersion: appVersion() }) };
}

/** A bundle or auditor response file's bytes, with the same checks as loadBundleFile (missing, empty, over the size limit: exit 2). */
export async function readBundleBytes(command: string, file: string, cwd: string): Promise<{ path: string; bytes: Uint8Array }> {
  const path = resolve(cwd, file);
  const size = await fileSize(command, file, path);
  if (size > DEFAULT_LIMITS.maxCompressedBytes) {
    throw new CliError(`${command}: ${file} is ${formatBytes(size)}; a bundle may be at most ${formatBytes(DEFAULT_LIMITS.maxCompressedBytes)}`);
  }
  if (size === 0) throw new CliError(`${command}: ${file} is empty: not a bundle`);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`${command}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return { path, bytes };
}

/** A bundle that a command can work on: read and intact (signed or not). Anything else is bad input (exit 2). */
export async function readBundleFile(command: string, file: string, cwd: string, trusted: readonly string[] = []): Promise<{ bundle: Bundle; verification: Verification }> {
  const { verification } = await loadBundleFile(command, file, cwd, trusted);
  if (verification.state === 'invalid' || !verification.bundle) {
    const what = verification.unreadable ? 'cannot be read' : 'is invalid';
    throw new CliError(`${command}: ${file} ${what}: ${verification.reasons.join('; ')}\nRun "supportspan verify ${file}" for details.`);
  }
  return { bundle: verification.bundle, verification };
}

/** Whether two paths name the same file (through links too); false when `b` does not exist yet. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([stat(a), stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/** Refuses an output path that is one of the inputs: a failed command must never have destroyed its input. */
export async function checkOutputPath(command: string, output: string, inputs: readonly string[], cwd: string): Promise<string> {
  const out = resolve(cwd, output);
  for (const input of inputs) {
    if (await sameFile(resolve(cwd, input), out)) throw new CliError(`${command}: the output ${output} is the input file; choose another output name`);
  }
  try {
    if ((await stat(out)).isDirectory()) throw new CliError(`${command}: the output ${output} is a directory`);
  } catch (error) {
    if (error instanceof CliError) throw error;
  }
  return out;
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

async function writeTemp(tmp: string, bytes: Uint8Array, mode: number): Promise<void> {
  // 'wx': never follows or reuses an existing file at the temporary name
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function writeError(command: string, target: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new CliError(`${command}: cannot write ${target} (${code}); nothing was written`, EXIT.badInput);
}

/**
 * Writes a file completely or not at all: a temporary file in the same
 * directory, flushed, then renamed over the target (atomic on one file system).
 */
export async function writeFileAtomic(command: string, target: string, bytes: Uint8Array, mode = 0o644): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await writeTemp(tmp, bytes, mode);
    await rename(tmp, target);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw writeError(command, target, error);
  }
}

/**
 * Creates a file atomically only if it does not exist yet (a hard link of a
 * complete temporary file, which fails on an existing name). Returns false
 * when another process created it first; the caller then reads theirs.
 */
export async function createFileExclusive(command: string, target: string, bytes: Uint8Array, mode: number): Promise<boolean> {
  const tmp = tempPathFor(target);
  try {
    await writeTemp(tmp, bytes, mode);
    await link(tmp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw writeError(command, target, error);
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** The real path of a file, for messages (falls back to the given one). */
export async function displayPath(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}
