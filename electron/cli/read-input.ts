/**
 * The one way every command reads a portfolio: the CSV template, users' own
 * CSV and XLSX spreadsheets, CycloneDX JSON and XML, `.sspan` bundles and
 * portfolio JSON (what `convert --format json` writes). The format is told
 * by the content first and the extension second; sizes are checked with stat
 * before reading; conversions and skipped cells go to stderr as warnings;
 * anything unreadable is bad input (exit 2) naming row and column.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BUNDLE_EXTENSION, DEFAULT_LIMITS, formatBytes, type Bundle } from '../../shared/bundle';
import { MAX_PROFILE_BYTES } from '../../shared/import/spreadsheet/profile';
import { INPUT_FORMATS, type InputFormat, type InputLocale, type PortfolioReadOptions, type PortfolioReadResult } from '../../shared/import/input';
import { MAX_XLSX_BYTES } from '../../shared/interop/xlsx-workbook';
import { CliError, EXIT, type CliIO } from './command';
import { readBundleInput, readCycloneDxInput, readPortfolioJsonInput, readSpreadsheetInput, type InputReader } from './input-readers';
import { choiceOption, stringOption, type ParsedArgs } from './options';
import { fileSize, MAX_FILE_BYTES, readBundleFile } from './portfolio-file';
import { escapeTerminal, formatConversionNote, formatRowError } from './terminal-text';
import { refuseNulText } from './text-check';
import { isDatabaseUrl } from '../../shared/team/database-url';
import { readTeamDocs } from '../../shared/team/documents';
import { connectTeam, readAllDocs } from './team-database';

const spreadsheetReader: InputReader = readSpreadsheetInput;
const cycloneDxReader: InputReader = readCycloneDxInput;

/** One reader per format. */
export const READERS: Readonly<Record<InputFormat, InputReader>> = {
  'csv-template': spreadsheetReader,
  csv: spreadsheetReader,
  xlsx: spreadsheetReader,
  'cyclonedx-json': cycloneDxReader,
  'cyclonedx-xml': cycloneDxReader,
  bundle: readBundleInput,
  'portfolio-json': readPortfolioJsonInput,
};

/** The options every portfolio-reading command takes (spread into its parseArgs options). */
export const INPUT_OPTIONS = {
  map: { type: 'string' },
  locale: { type: 'string' },
  lenient: { type: 'boolean' },
} as const;

export const INPUT_HELP = `Input: the CSV template, a CSV or XLSX spreadsheet, CycloneDX JSON or XML,
a .sspan bundle, portfolio JSON (as "convert --format json" writes it), or a
team database URL (CouchDB, https://host/db; http only to 127.0.0.1), signed
in with SUPPORTSPAN_DB_USER and SUPPORTSPAN_DB_PASSWORD or the URL's user part.
  --map FILE        apply a saved import profile (JSON) to the spreadsheet's columns
  --locale L        number and date conventions: auto (default), en or de
  --lenient         leave unreadable cells empty (unknown) and list them on stderr,
                    instead of refusing the file
Conversions and skipped cells are listed on stderr as warnings.`;

const LOCALES = ['auto', 'en', 'de'] as const satisfies readonly InputLocale[];


async function readBytes(command: string, file: string, path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`${command}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
}

/** --map, --locale, --lenient -> reader options (the profile file is size-checked, read and parsed here). */
export async function inputOptions(command: string, values: ParsedArgs['values'], cwd: string): Promise<PortfolioReadOptions> {
  const locale = choiceOption(command, values, 'locale', LOCALES) ?? 'auto';
  const options: PortfolioReadOptions = { locale, lenient: values.lenient === true };
  const map = stringOption(values, 'map');
  if (map !== undefined) {
    const path = resolve(cwd, map);
    const size = await fileSize(command, `the import profile ${map}`, path);
    if (size > MAX_PROFILE_BYTES) throw new CliError(`${command}: the import profile ${map} is ${formatBytes(size)}; a profile is at most ${formatBytes(MAX_PROFILE_BYTES)}`);
    const text = new TextDecoder('utf-8').decode(await readBytes(command, map, path));
    let profile: unknown;
    try {
      profile = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch {
      throw new CliError(`${command}: the import profile ${map} is not valid JSON`);
    }
    if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) throw new CliError(`${command}: the import profile ${map} is not an import profile (expected a JSON object)`);
    options.profile = profile;
  }
  return options;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, max: number): string => String.fromCharCode(...bytes.subarray(0, max));

/** The first characters of a text file, whatever its encoding (BOMs skipped, UTF-16 read). */
function leadingText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 4096);
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(head.subarray(2));
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(head.subarray(2));
  return new TextDecoder('utf-8').decode(startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head);
}

/** The format by content (zip, JSON, XML, text), the extension deciding only between formats the content allows. */
export function detectFormat(bytes: Uint8Array, fileName: string): InputFormat | { unknown: string } {
  const ext = fileName.toLowerCase();
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (ext.endsWith(BUNDLE_EXTENSION)) return 'bundle';
    // An Office workbook names its content-types part in the first local file header.
    if (ext.endsWith('.xlsx') || ascii(bytes, 2048).includes('[Content_Types].xml')) return 'xlsx';
    return 'bundle';
  }
  const text = leadingText(bytes).trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"bomFormat"\s*:\s*"CycloneDX"/.test(text) || (ext.endsWith('.cdx.json') || ext.endsWith('.bom.json'))) return 'cyclonedx-json';
    if (/"(lines|products)"\s*:/.test(text)) return 'portfolio-json';
    return { unknown: 'JSON that is neither a CycloneDX SBOM ("bomFormat": "CycloneDX") nor a portfolio ("lines" and "products")' };
  }
  if (text.startsWith('<')) {
    if (/cyclonedx\.org\/schema\/bom/.test(text)) return 'cyclonedx-xml';
    return { unknown: 'XML that is not a CycloneDX SBOM (namespace http://cyclonedx.org/schema/bom/…)' };
  }
  // A few NULs in text are a text problem, named by the text check with their place; many are a binary file.
  const sample = bytes.subarray(0, 4096);
  const nuls = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
  if (nuls * 50 > sample.length && !startsWith(bytes, [0xff, 0xfe]) && !startsWith(bytes, [0xfe, 0xff])) {
    return { unknown: 'a binary file that is not an XLSX workbook or a bundle' };
  }
  return 'csv';
}

function limitFor(format: InputFormat | null): number {
  if (format === 'bundle') return DEFAULT_LIMITS.maxCompressedBytes;
  if (format === 'xlsx') return MAX_XLSX_BYTES;
  return MAX_FILE_BYTES;
}

function formatFromExtension(file: string): InputFormat | null {
  const ext = file.toLowerCase();
  if (ext.endsWith(BUNDLE_EXTENSION)) return 'bundle';
  if (ext.endsWith('.xlsx')) return 'xlsx';
  return null;
}

const FORMAT_NAMES: Record<InputFormat, string> = {
  'csv-template': 'the CSV template', csv: 'a CSV spreadsheet', xlsx: 'an XLSX workbook', 'cyclonedx-json': 'CycloneDX JSON',
  'cyclonedx-xml': 'CycloneDX XML', bundle: 'a bundle', 'portfolio-json': 'portfolio JSON',
};

const MAX_LISTED = 200;

/** "48.3 MiB" (one decimal, so that a size just over a limit does not print as the limit). */
function describeSize(bytes: number): string {
  return formatBytes(bytes);
}

/** Where a portfolio came from: a file format, or a team database. */
export type InputSource = InputFormat | 'team-database';

/**
 * A team database's portfolio: every document checked; a document that fails
 * refuses the whole read (exit 2, each named by its id), so a command never
 * analyses part of a portfolio without saying so. Conflicting revisions are
 * warnings: the winning revision is read, as CouchDB serves it.
 */
export async function readTeamInput(command: string, url: string, io: Pick<CliIO, 'stderr'>): Promise<{ portfolio: PortfolioReadResult['portfolio']; format: 'team-database' }> {
  const connection = connectTeam(command, url);
  const docs = await readAllDocs(command, connection);
  const read = readTeamDocs(docs);
  if (read.problems.length > 0) {
    const n = read.problems.length;
    const lines = read.problems.slice(0, MAX_LISTED).map((p) => `document ${escapeTerminal(JSON.stringify(p.docId))}: ${escapeTerminal(p.message)}`);
    if (n > MAX_LISTED) lines.push(`… and ${n - MAX_LISTED} more`);
    throw new CliError(`${command}: ${connection.shown} has ${n} document${n > 1 ? 's' : ''} that cannot be read; nothing was read`, EXIT.badInput, lines);
  }
  io.stderr(read.conflicts.map((c) => `${command}: warning: ${connection.shown}: ${escapeTerminal(c.name)} (document ${escapeTerminal(c.docId)}) has ${c.versions} versions that conflict; the one the server shows first was read: resolve it in the app\n`).join(''));
  if (read.portfolio.products.length === 0) throw new CliError(`${command}: ${connection.shown} holds no product: push a portfolio to it first ("supportspan push <portfolio> <db-url>")`);
  return { portfolio: read.portfolio, format: 'team-database' };
}

/** Reads any input through the table of readers (or a team database); warnings to stderr; refusals as exit 2 with row and column. */
export async function readInput(command: string, file: string, io: Pick<CliIO, 'cwd' | 'stderr'>, options: PortfolioReadOptions = {}): Promise<{ portfolio: PortfolioReadResult['portfolio']; format: InputSource }> {
  if (isDatabaseUrl(file)) return readTeamInput(command, file, io);
  return readFileInput(command, file, io, options);
}

async function readFileInput(command: string, file: string, io: Pick<CliIO, 'cwd' | 'stderr'>, options: PortfolioReadOptions): Promise<PortfolioReadResult> {
  const path = resolve(io.cwd, file);
  const size = await fileSize(command, file, path);
  const byName = formatFromExtension(file);
  const largest = Math.max(limitFor(byName), byName ? 0 : MAX_FILE_BYTES);
  if (size > largest) {
    throw new CliError(`${command}: ${file} is ${describeSize(size)}; the limit is ${describeSize(largest)}: split the portfolio into several files`);
  }
  if (size === 0) throw new CliError(`${command}: ${file} is empty: expected a portfolio (the CSV template's header row and at least one product), an SBOM or a bundle`);
  const bytes = await readBytes(command, file, path);
  const format = detectFormat(bytes, file);
  if (typeof format !== 'string') throw new CliError(`${command}: ${file} is ${format.unknown}; nothing was read`);
  if (size > limitFor(format)) throw new CliError(`${command}: ${file} is ${describeSize(size)}; ${FORMAT_NAMES[format]} may be at most ${describeSize(limitFor(format))}`);
  const result = await READERS[format](bytes, file, options);
  const shown = escapeTerminal(file);
  // What the reader detected that changes how the file is read (a legacy encoding, columns left out) is a warning too.
  const detected = result.details
    .filter((d) => /^not read: /.test(d) || (/^encoding /.test(d) && !/^encoding UTF-8/.test(d)))
    .map((d) => `${command}: warning: ${shown}: file: ${escapeTerminal(d)}\n`);
  const notes = [...detected, ...result.notes.slice(0, MAX_LISTED).map((n) => `${command}: warning: ${shown}: ${formatConversionNote(n)}\n`)];
  if (result.notes.length > MAX_LISTED) notes.push(`${command}: warning: ${shown}: … and ${result.notes.length - MAX_LISTED} more\n`);
  io.stderr(notes.join(''));
  if (result.errors.length > 0) {
    const n = result.errors.length;
    const lines = result.errors.slice(0, MAX_LISTED).map(formatRowError);
    if (n > MAX_LISTED) lines.push(`… and ${n - MAX_LISTED} more`);
    const hint = options.lenient || !result.errors.some((e) => e.row > 0 && e.column) ? '' : '; --lenient leaves unreadable cells empty instead';
    throw new CliError(`${command}: ${shown} (${FORMAT_NAMES[result.format]}) has ${n} problem${n > 1 ? 's' : ''}; nothing was read${hint}`, EXIT.badInput, lines);
  }
  if (result.portfolio.products.length === 0) {
    throw new CliError(`${command}: ${shown} lists no product: add one row per component under the header`);
  }
  // NUL in any value refuses the file, whatever its format (text hygiene, one rule for every input).
  refuseNulText(command, shown, result.portfolio);
  return result;
}

export interface PortfolioInput {
  portfolio: PortfolioReadResult['portfolio'];
  /** Set when the input was a bundle (commands compare with its findings). */
  bundle: Bundle | null;
  format: InputSource;
}

/** For commands that also use a bundle's contents (its findings, its signature): bundles through the bundle path. */
export async function readPortfolioInput(command: string, file: string, io: Pick<CliIO, 'cwd' | 'stderr'>, options: PortfolioReadOptions = {}): Promise<PortfolioInput> {
  if (!isDatabaseUrl(file) && formatFromExtension(file) === 'bundle') {
    const { bundle } = await readBundleFile(command, file, io.cwd);
    return { portfolio: bundle.portfolio, bundle, format: 'bundle' };
  }
  const result = await readInput(command, file, io, options);
  return { portfolio: result.portfolio, bundle: null, format: result.format };
}

export { INPUT_FORMATS };
