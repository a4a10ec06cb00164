/**
 * The readers behind `read-input.ts`, one per input format, all returning the
 * shared `PortfolioReadResult`: users' own spreadsheets (and the template) through
 * the app's spreadsheet reader, CycloneDX through the app's SBOM reader, bundles
 * verified, and portfolio JSON checked against the domain schema.
 */
import { stableId } from '../../shared/csv';
import type { RowError } from '../../shared/csv';
import { portfolioSchema, type Portfolio } from '../../shared/domain/schemas';
import type { InputFormat, PortfolioReadOptions, PortfolioReadResult } from '../../shared/import/input';
import { readSpreadsheet } from '../../shared/import/spreadsheet';
import { decodeText } from '../../shared/import/spreadsheet/encoding';
import { readCycloneDx } from '../../shared/interop/cyclonedx';
import { verifyBundle } from '../../shared/bundle';
import { appVersion } from './app-version';

export type InputReader = (bytes: Uint8Array, fileName: string, options: PortfolioReadOptions) => PortfolioReadResult | Promise<PortfolioReadResult>;

const EMPTY = (): Portfolio => ({ lines: [], products: [], decisions: [] });
const refuseAll = (format: InputFormat, errors: RowError[], details: string[] = []): PortfolioReadResult => ({
  format, portfolio: EMPTY(), notes: [], errors, details,
});
const refuse = (format: InputFormat, reason: string, details: string[] = []): PortfolioReadResult => refuseAll(format, [{ row: 0, column: null, reason }], details);

/* ------------------------------------------------------- spreadsheets */

/** CSV (any encoding and convention the app reads) or XLSX, header found, every conversion a note. */
export const readSpreadsheetInput: InputReader = async (bytes, fileName, options) => {
  const r = await readSpreadsheet(bytes, fileName, options);
  return { format: r.format, portfolio: r.portfolio, notes: r.notes, errors: r.errors, details: r.details };
};

/* ----------------------------------------------------------- CycloneDX */

/** CycloneDX 1.2–1.7, JSON or XML, checked against its version's official schema; ids stable from run to run. */
export const readCycloneDxInput: InputReader = (bytes, fileName, options) =>
  readCycloneDx(bytes, fileName, { ...options, newId: sequentialIds(fileName) });

/** Ids that are the same on every run, so that two runs on one file print the same output. */
function sequentialIds(seed: string): () => string {
  let n = 0;
  return () => stableId(`c${++n}`, `${seed}\u0000${n}`);
}

/* ------------------------------------------------ bundles and JSON */

export const readBundleInput: InputReader = async (bytes) => {
  const v = await verifyBundle(bytes, { trustedFingerprints: [], appVersion: appVersion() });
  if (v.state === 'invalid' || !v.bundle) return refuse('bundle', `the bundle ${v.unreadable ? 'cannot be read' : 'is invalid'}: ${v.reasons.join('; ')}`);
  return { format: 'bundle', portfolio: v.bundle.portfolio, notes: [], errors: [], details: [`bundle ${v.state}`] };
};

/** What `convert --format json` writes: the domain's portfolio schema, checked field by field. */
export const readPortfolioJsonInput: InputReader = (bytes) => {
  const { text } = decodeText(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse('portfolio-json', 'not valid JSON');
  }
  const parsed = portfolioSchema.safeParse(json);
  if (!parsed.success) {
    return refuseAll('portfolio-json', parsed.error.issues.slice(0, 200).map((issue) => ({
      row: 0, column: issue.path.length ? issue.path.map(String).join('.') : null, reason: issue.message,
    })));
  }
  return { format: 'portfolio-json', portfolio: parsed.data, notes: [], errors: [], details: [] };
};
