/**
 * Reads a portfolio spreadsheet (CSV template) from disk. The size is checked
 * with stat before reading, so a huge file is refused without loading it.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Portfolio } from '../../shared/domain/schemas';
import { MAX_TEMPLATE_CHARS, parseTemplateCsv } from '../../shared/csv';
import type { RowError } from '../../shared/csv';
import { CliError } from './command';

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

export async function readPortfolioFile(command: string, file: string, cwd: string): Promise<Portfolio> {
  const path = resolve(cwd, file);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliError(`${command}: ${file} is not a file`);
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${command}: ${file}: no such file` : `${command}: cannot read ${file} (${code ?? String(error)})`);
  }
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
