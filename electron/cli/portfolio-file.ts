/**
 * Reads a portfolio from disk: the spreadsheet template (CSV) or a bundle
 * (.sspan). Sizes are checked with stat before reading, so a huge file is
 * refused without loading it. Also the one way the CLI writes a file:
 * atomically, never over its input.
 */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Portfolio } from '../../shared/domain/schemas';
import { MAX_TEMPLATE_CHARS, parseTemplateCsv } from '../../shared/csv';
import type { RowError } from '../../shared/csv';
import { BUNDLE_EXTENSION, DEFAULT_LIMITS, formatBytes, verifyBundle, type Bundle, type Verification } from '../../shared/bundle';
import { CliError, EXIT } from './command';
import { refuseNulText } from './text-check';

/** Same number as the parser's character limit, applied to bytes on disk. */
export const MAX_FILE_BYTES = MAX_TEMPLATE_CHARS;

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}

export function formatRowError(e: RowError): string {
  const where = e.row === 0 ? 'file' : `row ${e.row}`;
  const column = e.column ? `, column ${e.column}` : '';
  return `${where}${column}: ${e.reason}`;
}

async function fileSize(command: string, file: string, path: string): Promise<number> {
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

export async function readPortfolioFile(command: string, file: string, cwd: string): Promise<Portfolio> {
  const path = resolve(cwd, file);
  const size = await fileSize(command, file, path);
  if (size > MAX_FILE_BYTES) {
    throw new CliError(`${command}: ${file} is ${describeSize(size)}; the limit is ${describeSize(MAX_FILE_BYTES)}: split the portfolio into several files`);
  }
  if (size === 0) throw new CliError(`${command}: ${file} is empty: expected the template's header row and at least one product`);
  let text: string;
  try {
    // fatal: a file saved in a legacy code page is refused instead of read with replacement characters
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (error) {
    if (error instanceof TypeError) {
      throw new CliError(`${command}: ${file} is not UTF-8 text: save it as "CSV UTF-8"`);
    }
    throw new CliError(`${command}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { portfolio, errors } = parseTemplateCsv(text);
  if (errors.length > 0) {
    const lines = errors.map(formatRowError);
    throw new CliError(`${command}: ${file} has ${errors.length} problem${errors.length > 1 ? 's' : ''}; nothing was analysed`, 2, lines);
  }
  if (portfolio.products.length === 0) {
    throw new CliError(`${command}: ${file} lists no product: add one row per component under the header`);
  }
  return portfolio;
}

/** Bundles are recognised by their extension; anything else is read as the CSV template. */
export function isBundlePath(file: string): boolean {
  return file.toLowerCase().endsWith(BUNDLE_EXTENSION);
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
  return { path, verification: await verifyBundle(bytes, { trustedFingerprints: trusted }) };
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

export interface PortfolioInput {
  portfolio: Portfolio;
  /** Set when the input was a bundle. */
  bundle: Bundle | null;
}

/** A CSV template or an intact bundle, told apart by the extension. */
export async function readPortfolioInput(command: string, file: string, cwd: string): Promise<PortfolioInput> {
  if (!isBundlePath(file)) return { portfolio: refuseNulText(command, file, await readPortfolioFile(command, file, cwd)), bundle: null };
  const { bundle } = await readBundleFile(command, file, cwd);
  return { portfolio: bundle.portfolio, bundle };
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
