/**
 * CycloneDX 1.2–1.7, JSON and XML, in; CycloneDX 1.6 JSON out.
 *
 * `readCycloneDx` is the one entry point for every caller (the import screen,
 * the command line): size check, decoding, parsing (XML without entities or
 * DOCTYPE), validation against the official schema of the document's own
 * version, then the document as one product line with one product.
 */
import { formatBytesAgainst } from '../../format/format';
import type { PortfolioReadOptions, PortfolioReadResult, RowError } from '../../import/input';
import type { Portfolio } from '../../domain/schemas';
import { decodeSbomBytes } from './decode';
import { CDX_MAX_BYTES, CDX_SPEC_VERSIONS, isSpecVersion } from './limits';
import { documentToProduct, type MilestoneRead, type ModelOptions, type RoleGuessNote, type UnknownProperty } from './model';
import { readJsonText } from './read-json';
import { readXmlText } from './read-xml';
import { validateCycloneDx } from './validate';

export { CDX_EXPORT_VERSION, CDX_MAX_BYTES, CDX_MAX_COMPONENTS, CDX_MAX_DEPTH, CDX_SPEC_VERSIONS } from './limits';
export { MILESTONES, MILESTONE_NAMES, classifyProperty, milestoneProperty, type Milestone as CdxMilestone } from './lifecycle-taxonomy';
export { guessRole, purlType, ROLE_TO_CDX_TYPE, type RoleGuess, type GuessBasis } from './roles';
export { readBomDate, fullDate } from './dates';
export { deterministicSerial } from './serial';
export { exportCycloneDx, exportCycloneDxJson, componentRef, productRef, type CycloneDxExportOptions } from './write';
export { distinctNames, type Rename } from './names';
export { planSbomMerge, applySbomMerge, type SbomMergePlan, type ComponentChange } from './merge';
export type { MilestoneRead, RoleGuessNote, UnknownProperty } from './model';

export interface CycloneDxReadOptions extends PortfolioReadOptions, Partial<Pick<ModelOptions, 'includeFiles' | 'keepIds' | 'newId' | 'maxComponents'>> {
  /** Workspace products to match `metadata.component` against (by our own bom-ref, then by name). */
  products?: readonly { id: string; name: string }[];
}

export interface ProductMatch {
  productId: string;
  by: 'bom-ref' | 'name';
}

export interface CycloneDxReadResult extends PortfolioReadResult {
  format: 'cyclonedx-json' | 'cyclonedx-xml';
  specVersion: string | null;
  /** `file` components left out (they are files of a package, not parts of the product). */
  skippedFiles: number;
  /** Services read as ecosystem components (role cloud). */
  services: number;
  /** Role guesses to confirm in the preview. */
  guesses: RoleGuessNote[];
  /** `cdx:` properties that are not in the CycloneDX taxonomy: reported, not used. */
  unknownProperties: UnknownProperty[];
  /** Lifecycle milestones read, with their meaning and the field each went to. */
  milestones: MilestoneRead[];
  /** The workspace product metadata.component matched, or null (a new product). */
  productMatch: ProductMatch | null;
  productBomRef: string | null;
}

const emptyPortfolio = (): Portfolio => ({ lines: [], products: [], decisions: [] });

export function readCycloneDx(bytes: Uint8Array, fileName: string, options: CycloneDxReadOptions = {}): CycloneDxReadResult {
  const looksXml = /\.xml$/i.test(fileName);
  const refuse = (format: CycloneDxReadResult['format'], reason: string, column: string | null = null, details: string[] = []): CycloneDxReadResult => ({
    format, portfolio: emptyPortfolio(), notes: [], errors: [{ row: 0, column, reason }], details,
    specVersion: null, skippedFiles: 0, services: 0, guesses: [], unknownProperties: [], milestones: [], productMatch: null, productBomRef: null,
  });
  // Checked before anything is decoded: a file this large is refused whole.
  if (bytes.byteLength > CDX_MAX_BYTES) {
    return refuse(looksXml ? 'cyclonedx-xml' : 'cyclonedx-json', `${fileName} is ${formatBytesAgainst(bytes.byteLength, CDX_MAX_BYTES).join('; CycloneDX files up to ')} are read`);
  }
  const decoded = decodeSbomBytes(bytes);
  if (!decoded.ok) return refuse(looksXml ? 'cyclonedx-xml' : 'cyclonedx-json', `${fileName}: ${decoded.error}`);
  const text = decoded.text;
  const first = /\S/.exec(text)?.[0];
  const isXml = first === '<' || (first === undefined && looksXml);
  const format = isXml ? 'cyclonedx-xml' : 'cyclonedx-json';
  const read = isXml ? readXmlText(text) : readJsonText(text);
  if (!read.ok) return refuse(format, `${fileName}: ${read.error}`);
  const doc = read.doc;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return refuse(format, `${fileName}: not a CycloneDX document: expected a JSON object at the top level`);
  const json = doc as Record<string, unknown>;
  if (json.bomFormat !== 'CycloneDX') {
    return refuse(format, `${fileName}: not a CycloneDX document: bomFormat is ${JSON.stringify(json.bomFormat) ?? 'missing'}, expected "CycloneDX"`, 'bomFormat');
  }
  const version = json.specVersion;
  if (!isSpecVersion(version)) {
    return refuse(format, `${fileName}: CycloneDX version ${JSON.stringify(version) ?? 'missing'} is not supported; versions ${CDX_SPEC_VERSIONS.join(', ')} are read`, isXml ? 'bom/@xmlns' : 'specVersion');
  }
  const check = validateCycloneDx(doc, version, isXml ? 'xml' : 'json');
  if (!check.valid) {
    const r = refuse(format, `${fileName} does not follow the CycloneDX ${version} schema`, null, [`CycloneDX ${version} ${isXml ? 'XML' : 'JSON'}, ${decoded.encoding}`]);
    r.errors.push(...check.errors.map((line): RowError => {
      const at = line.indexOf(': ');
      return { row: 0, column: line.slice(0, at), reason: line.slice(at + 2) };
    }));
    r.specVersion = version;
    return r;
  }
  const model = documentToProduct(json, {
    fileName, includeFiles: options.includeFiles, keepIds: options.keepIds, newId: options.newId, maxComponents: options.maxComponents, lenient: options.lenient,
  });
  let productMatch: ProductMatch | null = null;
  const products = options.products ?? [];
  const ours = model.productBomRef?.startsWith('product-') ? model.productBomRef.slice('product-'.length) : null;
  const byRef = ours ? products.find((p) => p.id === ours) : undefined;
  if (byRef) productMatch = { productId: byRef.id, by: 'bom-ref' };
  else {
    const key = model.product.name.trim().toLocaleLowerCase();
    const byName = products.find((p) => p.name.trim().toLocaleLowerCase() === key);
    if (byName) productMatch = { productId: byName.id, by: 'name' };
  }
  const portfolio: Portfolio = { lines: [model.line], products: [model.product], decisions: [] };
  return {
    format, portfolio, notes: model.notes, errors: model.errors,
    details: [`CycloneDX ${version} ${isXml ? 'XML' : 'JSON'}, ${decoded.encoding}`, ...model.details],
    specVersion: version, skippedFiles: model.skippedFiles, services: model.services, guesses: model.guesses,
    unknownProperties: model.unknownProperties, milestones: model.milestones, productMatch, productBomRef: model.productBomRef,
  };
}
