/**
 * A product as CycloneDX 1.6 JSON. Lifecycle dates go to the official
 * `cdx:lifecycle:milestone:*` properties as full dates; a certificate's expiry to
 * `cryptoProperties.certificateProperties.notValidAfter`; group, licenses,
 * hashes, supplier, manufacturer, purl, cpe and the dependency graph to their
 * own fields; every other field to a `supportspan:*` property, so that
 * export -> import loses nothing. The mapping table is in docs/interop.md.
 */
import type { Component, Product, ProductLine } from '../../domain/schemas';
import { OTHER_MILESTONES } from '../../domain/schemas';
import spdx from '../../../assets/schemas/cyclonedx/spdx.schema.json';
import { endOfDayTimestamp, fullDate } from './dates';
import { CDX_EXPORT_VERSION } from './limits';
import { milestoneProperty, type Milestone } from './lifecycle-taxonomy';
import { SS } from './model';
import { ROLE_TO_CDX_TYPE } from './roles';
import { deterministicSerial } from './serial';

export interface CycloneDxExportOptions {
  /** ISO date-time written as metadata.timestamp (explicit, so that output is reproducible). */
  timestamp: string;
  toolVersion: string;
  /** `urn:uuid:...`; default: derived from the product id, the timestamp and the content. */
  serialNumber?: string;
}

type Json = Record<string, unknown>;
type Property = { name: string; value: string };

const SPDX_IDS: ReadonlySet<string> = new Set((spdx as { enum?: string[] }).enum ?? []);
const HASH_ALGS = new Set(['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', 'SHA3-256', 'SHA3-384', 'SHA3-512', 'BLAKE2b-256', 'BLAKE2b-384', 'BLAKE2b-512', 'BLAKE3']);
const HASH_CONTENT = /^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$/;
const EXPRESSION = /\s(AND|OR|WITH)\s/;

const prop = (name: string, value: string | number | boolean | null | undefined): Property[] =>
  value === null || value === undefined || value === '' ? [] : [{ name, value: String(value) }];

/**
 * The taxonomy wants full dates: a month (`2030-06`, our "last day of June") is
 * written as its last day, and `supportspan:month:<milestone>` keeps that it was
 * given as a month, so our own import shows it as written.
 */
const milestone = (m: Milestone, date: string | null | undefined): Property[] => {
  if (!date) return [];
  const out = [{ name: milestoneProperty(m), value: fullDate(date) }];
  if (/^\d{4}-\d{2}$/.test(date)) out.push({ name: `${SS}month:${m}`, value: date });
  return out;
};

export const componentRef = (id: string): string => `component-${id}`;
export const productRef = (id: string): string => `product-${id}`;

/** The spec allows either a list of licenses or one expression, not both. */
function licensesToCdx(licenses: readonly string[]): Json[] | undefined {
  if (licenses.length === 0) return undefined;
  if (licenses.length === 1 && EXPRESSION.test(licenses[0]!)) return [{ expression: licenses[0] }];
  return licenses.map((l) => ({ license: SPDX_IDS.has(l) ? { id: l } : { name: l } }));
}

/** The `notes` field, where the schema has it (products and components gain it with the spreadsheet notes column). */
const notesOf = (x: object): string => {
  const v = (x as { notes?: unknown }).notes;
  return typeof v === 'string' ? v : '';
};

function componentToCdx(c: Component): Json {
  const type = c.class === 'mechanical' ? 'device' : ROLE_TO_CDX_TYPE[c.role];
  const certificate = type === 'cryptographic-asset';
  const hashes = (c.hashes ?? []).filter((h) => HASH_ALGS.has(h.alg) && HASH_CONTENT.test(h.content));
  const otherHashes = (c.hashes ?? []).filter((h) => !hashes.includes(h));
  const properties: Property[] = [
    ...milestone('endOfSupport', c.securitySupportEnd),
    ...milestone('endOfGuaranteedSupport', c.sparePartsUntil),
    ...OTHER_MILESTONES.flatMap((m) => milestone(m, c.milestones?.[m])),
    ...prop(`${SS}class`, c.class),
    ...prop(`${SS}role`, c.role),
    ...prop(`${SS}core`, c.core),
    ...prop(`${SS}updateMechanism`, c.updateMechanism),
    ...prop(`${SS}expectedLifeYears`, c.expectedLifeYears),
    ...prop(`${SS}fieldReplaceable`, c.fieldReplaceable),
    ...prop(`${SS}repairDocs`, c.repairDocs),
    // Only a certificate's expiry has a place in the spec; other expiry dates (shelf life, a licence) are ours.
    ...(certificate ? [] : prop(`${SS}expires`, c.expires)),
    ...((c.parentPath ?? []).length ? prop(`${SS}parentPath`, JSON.stringify(c.parentPath)) : []),
    // The SBOM's own reference, so that re-importing that SBOM later still matches this component.
    ...prop(`${SS}bomRef`, c.bomRef),
    ...(certificate && c.expires && /^\d{4}-\d{2}$/.test(c.expires) ? prop(`${SS}month:expires`, c.expires) : []),
    ...otherHashes.flatMap((h) => prop(`${SS}hash:${h.alg}`, h.content)),
    ...(['securitySupportEnd', 'sparePartsUntil', 'expires', 'expectedLifeYears'] as const).flatMap((f) =>
      prop(`${SS}source:${f}`, c.sources[f])),
  ];
  const out: Json = { type, 'bom-ref': componentRef(c.id) };
  if (c.supplier) out.supplier = { name: c.supplier };
  if (c.manufacturer) out.manufacturer = { name: c.manufacturer };
  if (c.group) out.group = c.group;
  out.name = c.name;
  if (c.version) out.version = c.version;
  const notes = notesOf(c);
  if (notes) out.description = notes;
  if (hashes.length) out.hashes = hashes.map((h) => ({ alg: h.alg, content: h.content }));
  const licenses = licensesToCdx(c.licenses ?? []);
  if (licenses) out.licenses = licenses;
  if (c.cpe) out.cpe = c.cpe;
  if (c.purl) out.purl = c.purl;
  if (certificate) {
    out.cryptoProperties = {
      assetType: 'certificate',
      ...(c.expires ? { certificateProperties: { notValidAfter: endOfDayTimestamp(c.expires) } } : {}),
    };
  }
  out.properties = properties;
  return out;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Writes a product (with its line) as a CycloneDX 1.6 JSON object; same input, same output. */
export function exportCycloneDx(product: Product, line: ProductLine | null, options: CycloneDxExportOptions): Json {
  const { body, components, componentsJson } = cycloneDxParts(product, line, options);
  body.components = components;
  body.serialNumber = options.serialNumber ?? deterministicSerial(`${product.id}|${options.timestamp}|${componentsJson}`);
  return body;
}

/**
 * `JSON.stringify(exportCycloneDx(product, line, options))`, the same text,
 * with the components serialised once (the serial number's seed and the
 * document share that text). For writing many products at once, as a bundle does.
 */
export function exportCycloneDxJson(product: Product, line: ProductLine | null, options: CycloneDxExportOptions): string {
  const { body, componentsJson } = cycloneDxParts(product, line, options);
  const serial = options.serialNumber ?? deterministicSerial(`${product.id}|${options.timestamp}|${componentsJson}`);
  // Keys in the order exportCycloneDx's object has them, so the text is the one JSON.stringify gives for it.
  return `{"bomFormat":${JSON.stringify(body.bomFormat)},"specVersion":${JSON.stringify(body.specVersion)},"serialNumber":${JSON.stringify(serial)},`
    + `"version":${JSON.stringify(body.version)},"metadata":${JSON.stringify(body.metadata)},"components":${componentsJson},`
    + `"dependencies":${JSON.stringify(body.dependencies)}}`;
}

function cycloneDxParts(product: Product, line: ProductLine | null, options: CycloneDxExportOptions): { body: Json; components: Json[]; componentsJson: string } {
  if (!TIMESTAMP.test(options.timestamp)) {
    throw new RangeError(`timestamp "${options.timestamp}" is not an ISO date-time such as 2026-01-31T12:00:00Z`);
  }
  const productProps: Property[] = [
    ...milestone('generalAvailability', product.firstPlacedOnMarket),
    ...milestone('endOfProduction', product.lastPlacedOnMarket),
    ...milestone('endOfSupport', product.declaredSupportEnd),
    ...prop(`${SS}category`, product.category),
    ...prop(`${SS}sku`, product.sku),
    ...prop(`${SS}markets`, product.markets.join(';')),
    ...prop(`${SS}expectedUseYears`, product.expectedUseYears),
    ...prop(`${SS}unitsPerYear`, product.unitsPerYear),
    ...prop(`${SS}productLine`, line?.name),
    ...prop(`${SS}environment`, line?.environment),
  ];
  const ref = productRef(product.id);
  const metaComponent: Json = { type: 'device', 'bom-ref': ref };
  if (product.manufacturer) metaComponent.manufacturer = { name: product.manufacturer };
  metaComponent.name = product.name;
  if (product.sku) metaComponent.version = product.sku;
  const productNotes = notesOf(product);
  if (productNotes) metaComponent.description = productNotes;
  metaComponent.properties = productProps;
  const components = product.components.map(componentToCdx);
  const ids = new Set(product.components.map((c) => c.id));
  const dependedOn = new Set(product.components.flatMap((c) => c.dependsOn ?? []));
  // The product depends directly on what no other component depends on (an SBOM's roots).
  const roots = product.components.filter((c) => !dependedOn.has(c.id)).map((c) => componentRef(c.id));
  const metadata: Json = {
    timestamp: options.timestamp,
    tools: { components: [{ type: 'application', name: 'Supportspan', version: options.toolVersion }] },
    component: metaComponent,
  };
  if (product.manufacturer) metadata.manufacturer = { name: product.manufacturer };
  const body: Json = {
    bomFormat: 'CycloneDX',
    specVersion: CDX_EXPORT_VERSION,
    serialNumber: '',
    version: 1,
    metadata,
    components: [],
    dependencies: [
      { ref, dependsOn: roots },
      ...product.components.map((c) => {
        const on = (c.dependsOn ?? []).filter((d) => ids.has(d)).map(componentRef);
        return on.length ? { ref: componentRef(c.id), dependsOn: on } : { ref: componentRef(c.id) };
      }),
    ],
  };
  return { body, components, componentsJson: JSON.stringify(components) };
}
