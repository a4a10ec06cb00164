/**
 * CycloneDX JSON (1.4, 1.5, 1.6) in and out.
 *
 * Import turns every component of an SBOM/HBOM (nested ones included) into an
 * IT component of one of our products; export writes a product as CycloneDX
 * 1.6 with its lifecycle dates as `cdx:lifecycle:milestone:*` properties and
 * every other field as a `supportspan:*` property, so that export -> import
 * loses nothing. The mapping tables are in docs/interop.md.
 *
 * Input is untrusted: only known keys are read (own properties, never through
 * the prototype), nesting depth and component counts are bounded, and a bad
 * value becomes an error naming the component, never a value.
 */
import {
  COMPONENT_CLASSES, FIELD_REPLACEABLE, ROLES, UPDATE_MECHANISMS, componentSchema, describeIssues, newId,
} from '../domain/schemas';
import type { Component, Product, ProductLine, Role } from '../domain/schemas';
import { parseLifecycleDate } from '../domain/dates';

export const CDX_SPEC_VERSIONS = ['1.4', '1.5', '1.6'] as const;
export const CDX_MAX_DEPTH = 32;
export const CDX_MAX_COMPONENTS = 100_000;
/** Text larger than this is refused before parsing (a real SBOM of 100k components is ~60 MB). */
export const CDX_MAX_CHARS = 64 * 1024 * 1024;

export const MILESTONE = {
  endOfSupport: 'cdx:lifecycle:milestone:endOfSupport',
  endOfSecuritySupport: 'cdx:lifecycle:milestone:endOfSecuritySupport',
  endOfGuaranteedSupport: 'cdx:lifecycle:milestone:endOfGuaranteedSupport',
  endOfLife: 'cdx:lifecycle:milestone:endOfLife',
} as const;

const SS = 'supportspan:';

export interface CycloneDxImportOptions {
  /** Shown in source notes and messages, e.g. the file name. */
  fileName?: string;
  /** Keep the component ids written by our own export (bom-ref `component-<id>`); default false: new ids. */
  keepIds?: boolean;
  /** Id factory for new components (default: random UUIDs). */
  newId?: () => string;
  maxComponents?: number;
}

export interface CycloneDxImportResult {
  components: Component[];
  warnings: string[];
  errors: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);
const ownString = (o: Json, key: string): string | undefined => {
  const v = own(o, key);
  return typeof v === 'string' ? v : undefined;
};

/**
 * CycloneDX component type -> our role when nothing more specific is known.
 * `null` = decide by name hints, else `other`.
 */
export const CDX_TYPE_TO_ROLE: Record<string, Role | null> = {
  firmware: 'firmware',
  'operating-system': 'os',
  'device-driver': 'firmware',
  'cryptographic-asset': 'crypto',
  'machine-learning-model': 'ai-model',
  device: null,
  platform: null,
  library: null,
  framework: null,
  application: null,
  container: null,
  file: null,
  data: null,
};

/** Name hints, checked in order; the first match wins. */
export const NAME_HINTS: readonly (readonly [RegExp, Role])[] = [
  [/\b(openssl|mbed ?tls|wolfssl|boringssl|libressl|libsodium|bearssl|crypto(graphy)?|tls)\b/i, 'crypto'],
  [/\b(certificate|x\.?509)\b/i, 'certificate'],
  [/\b(linux|kernel|freertos|zephyr|android|yocto|poky|debian|ubuntu|buildroot|rtos|threadx|nuttx|openwrt)\b/i, 'os'],
  [/\b(u-?boot|bootloader|bios|uefi|firmware)\b/i, 'firmware'],
  [/\b(wi-?fi|bluetooth|ble|zigbee|thread|matter|lte|5g|nb-?iot|lora(wan)?|modem|radio|cellular)\b/i, 'radio'],
  [/\b(soc|mcu|microcontroller|processor|cpu|esp32|stm32|nrf5\d|i\.?mx\w*|rp2040)\b/i, 'soc'],
  [/\b(battery|li-?ion|lipo)\b/i, 'battery'],
  [/\b(sensor|thermistor|accelerometer)\b/i, 'sensor'],
  [/\b(display|lcd|oled|e-?paper)\b/i, 'display'],
];

export function roleFor(cdxType: string, name: string): { role: Role; by: 'type' | 'name' | 'default' } {
  const byType = Object.prototype.hasOwnProperty.call(CDX_TYPE_TO_ROLE, cdxType) ? CDX_TYPE_TO_ROLE[cdxType] : null;
  if (byType) return { role: byType, by: 'type' };
  for (const [re, role] of NAME_HINTS) if (re.test(name)) return { role, by: 'name' };
  return { role: 'other', by: 'default' };
}

/** Our role -> CycloneDX type on export. Mechanical components are always `device` (hardware). */
export const ROLE_TO_CDX_TYPE: Record<Role, string> = {
  firmware: 'firmware',
  os: 'operating-system',
  soc: 'device',
  radio: 'device',
  crypto: 'library',
  cloud: 'platform',
  'mobile-app': 'application',
  gateway: 'device',
  'ai-model': 'machine-learning-model',
  certificate: 'cryptographic-asset',
  battery: 'device',
  motor: 'device',
  enclosure: 'device',
  hinge: 'device',
  seal: 'device',
  sensor: 'device',
  display: 'device',
  pump: 'device',
  other: 'library',
  heater: 'device',
  'control-board': 'device',
  'door-seal': 'device',
  'spray-arm': 'device',
  filter: 'device',
  'basket-rack': 'device',
  compressor: 'device',
  thermostat: 'device',
  'light-source': 'device',
  'power-supply': 'device',
  'display-panel': 'device',
};

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A lifecycle date from a BOM: `YYYY-MM-DD`, `YYYY-MM`, or a date-time (its date part). */
export function readBomDate(value: string): { ok: true; date: string } | { ok: false; reason: string } {
  const text = value.trim();
  const dt = ISO_DATE_TIME.exec(text);
  const candidate = dt ? dt[1]! : text;
  const r = parseLifecycleDate(candidate);
  return r.ok ? { ok: true, date: candidate } : { ok: false, reason: r.reason };
}

function describeDoc(json: Json, fileName: string | undefined): string {
  const serial = ownString(json, 'serialNumber');
  return fileName ?? serial ?? 'document';
}

export function parseCycloneDxText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.length > CDX_MAX_CHARS) return { ok: false, error: `the file is larger than ${CDX_MAX_CHARS / 1024 / 1024} MB` };
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
}

/**
 * Imports the components of a CycloneDX JSON document (already parsed, or its
 * text). Errors mean the caller should not import silently: the components
 * returned are the ones that could be read, with bad dates left empty.
 */
export function importCycloneDx(json: unknown, options: CycloneDxImportOptions = {}): CycloneDxImportResult {
  const warnings: string[] = [];
  const errors: string[] = [];
  const components: Component[] = [];
  const fail = (msg: string): CycloneDxImportResult => ({ components: [], warnings, errors: [msg] });

  let doc = json;
  if (typeof doc === 'string') {
    const parsed = parseCycloneDxText(doc);
    if (!parsed.ok) return fail(parsed.error);
    doc = parsed.value;
  }
  if (!isObject(doc)) return fail('not a CycloneDX document: expected a JSON object at the top level');
  const bomFormat = own(doc, 'bomFormat');
  if (bomFormat !== 'CycloneDX') {
    return fail(`not a CycloneDX document: bomFormat is ${JSON.stringify(bomFormat) ?? 'missing'}, expected "CycloneDX"`);
  }
  const spec = own(doc, 'specVersion');
  if (typeof spec !== 'string' || !(CDX_SPEC_VERSIONS as readonly string[]).includes(spec)) {
    return fail(`CycloneDX specVersion ${JSON.stringify(spec) ?? 'missing'} is not supported: use ${CDX_SPEC_VERSIONS.join(', ')} (JSON)`);
  }
  const docName = describeDoc(doc, options.fileName);
  const sourceNote = `CycloneDX ${docName}`.slice(0, 200);
  const maxComponents = options.maxComponents ?? CDX_MAX_COMPONENTS;
  const makeId = options.newId ?? newId;
  const seenIds = new Set<string>();

  const top = own(doc, 'components');
  if (top === undefined) {
    warnings.push(`${docName}: the document lists no components`);
    return { components, warnings, errors };
  }
  if (!Array.isArray(top)) return fail(`${docName}: "components" is not an array`);

  let count = 0;
  const visit = (list: unknown[], path: string, depth: number): boolean => {
    if (depth > CDX_MAX_DEPTH) {
      errors.push(`${path}: components are nested deeper than ${CDX_MAX_DEPTH} levels; the rest is not read`);
      return false;
    }
    for (let i = 0; i < list.length; i++) {
      const where = `${path}[${i}]`;
      if (++count > maxComponents) {
        errors.push(`${docName}: more than ${maxComponents} components; the rest is not read`);
        return false;
      }
      const raw = list[i];
      if (!isObject(raw)) {
        errors.push(`${where}: not an object`);
        continue;
      }
      const c = readComponent(raw, where, { sourceNote, keepIds: options.keepIds ?? false, makeId, seenIds, warnings, errors });
      if (c) components.push(c);
      const nested = own(raw, 'components');
      if (nested !== undefined) {
        if (!Array.isArray(nested)) errors.push(`${where}.components: not an array`);
        else if (!visit(nested, `${where}.components`, depth + 1)) return false;
      }
    }
    return true;
  };
  visit(top, 'components', 1);
  return { components, warnings, errors };
}

interface ReadContext {
  sourceNote: string;
  keepIds: boolean;
  makeId: () => string;
  seenIds: Set<string>;
  warnings: string[];
  errors: string[];
}

function readProperties(raw: Json, where: string, errors: string[]): Map<string, string> {
  const props = new Map<string, string>();
  const list = own(raw, 'properties');
  if (list === undefined) return props;
  if (!Array.isArray(list)) {
    errors.push(`${where}.properties: not an array`);
    return props;
  }
  for (const p of list) {
    if (!isObject(p)) continue;
    const name = ownString(p, 'name');
    const value = ownString(p, 'value');
    if (name !== undefined && value !== undefined && !props.has(name)) props.set(name, value);
  }
  return props;
}

function supplierOf(raw: Json): string {
  const supplier = own(raw, 'supplier');
  if (isObject(supplier)) {
    const name = ownString(supplier, 'name');
    if (name) return name;
  }
  const manufacturer = own(raw, 'manufacturer');
  if (isObject(manufacturer)) {
    const name = ownString(manufacturer, 'name');
    if (name) return name;
  }
  return ownString(raw, 'publisher') ?? ownString(raw, 'author') ?? '';
}

function readComponent(raw: Json, where: string, ctx: ReadContext): Component | null {
  const name = ownString(raw, 'name')?.trim();
  const type = ownString(raw, 'type') ?? '';
  const label = name ? `${where} "${name}"` : where;
  if (!name) {
    ctx.errors.push(`${where}: a component has no name`);
    return null;
  }
  const props = readProperties(raw, where, ctx.errors);
  const ours = [...props.keys()].some((k) => k.startsWith(SS));
  const problems: string[] = [];

  const readEnum = <T extends string>(key: string, allowed: readonly T[]): T | null | undefined => {
    const v = props.get(SS + key);
    if (v === undefined) return undefined;
    if (v === '') return null;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${SS}${key} "${v}" is not one of ${allowed.join(', ')}`);
    return undefined;
  };
  const readBool = (key: string): boolean | null | undefined => {
    const v = props.get(SS + key);
    if (v === undefined) return undefined;
    if (v === '') return null;
    if (v === 'true' || v === 'false') return v === 'true';
    problems.push(`${SS}${key} "${v}" is not true or false`);
    return undefined;
  };
  const readNumber = (key: string): number | null | undefined => {
    const v = props.get(SS + key);
    if (v === undefined) return undefined;
    if (v === '') return null;
    const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
    if (Number.isFinite(n) && n > 0 && n <= 100) return n;
    problems.push(`${SS}${key} "${v}" is not a number of years between 0 and 100`);
    return undefined;
  };
  const readDateProp = (key: string): string | null | undefined => {
    const v = props.get(key);
    if (v === undefined) return undefined;
    const r = readBomDate(v);
    if (r.ok) return r.date;
    problems.push(`${key}: ${r.reason}`);
    return undefined;
  };

  const cls = readEnum('class', COMPONENT_CLASSES) ?? 'it';
  const declaredRole = readEnum('role', ROLES);
  const guessed = roleFor(type, name);
  const role: Role = declaredRole ?? guessed.role;
  if (!declaredRole && guessed.by === 'default') {
    ctx.warnings.push(`${label}: type "${type}" gives no role; set to "other"`);
  }

  const endOfSecurity = readDateProp(MILESTONE.endOfSecuritySupport);
  const endOfSupport = readDateProp(MILESTONE.endOfSupport);
  const endOfGuaranteed = readDateProp(MILESTONE.endOfGuaranteedSupport);
  const endOfLife = readDateProp(MILESTONE.endOfLife);

  let securitySupportEnd = endOfSecurity ?? endOfSupport ?? null;
  let expires: string | null = null;
  if (endOfLife) {
    if (ours || role === 'certificate') expires = endOfLife;
    else if (!securitySupportEnd) {
      securitySupportEnd = endOfLife;
      ctx.warnings.push(`${label}: security support end taken from endOfLife (no endOfSupport given)`);
    }
  }

  const sources: Component['sources'] = {};
  const sourceProp = (field: keyof Component['sources']): string | undefined => props.get(`${SS}source:${field}`);
  for (const field of ['securitySupportEnd', 'sparePartsUntil', 'expires', 'expectedLifeYears'] as const) {
    const s = sourceProp(field);
    if (s !== undefined) sources[field] = s.slice(0, 200);
  }
  // Our own export writes every source note that existed; a foreign BOM is itself the source.
  if (!ours) {
    if (securitySupportEnd) sources.securitySupportEnd = ctx.sourceNote;
    if (endOfGuaranteed) sources.sparePartsUntil = ctx.sourceNote;
    if (expires) sources.expires = ctx.sourceNote;
  }

  let id: string | undefined;
  const bomRef = ownString(raw, 'bom-ref');
  if (ctx.keepIds && bomRef?.startsWith('component-')) id = bomRef.slice('component-'.length);
  if (!id || ctx.seenIds.has(id)) id = ctx.makeId();
  ctx.seenIds.add(id);

  const candidate: Record<string, unknown> = {
    id,
    name: name.slice(0, 200),
    class: cls,
    role,
    supplier: supplierOf(raw).slice(0, 200),
    version: (ownString(raw, 'version') ?? '').slice(0, 200),
    core: readBool('core') ?? null,
    securitySupportEnd,
    updateMechanism: readEnum('updateMechanism', UPDATE_MECHANISMS) ?? null,
    expectedLifeYears: readNumber('expectedLifeYears') ?? null,
    fieldReplaceable: readEnum('fieldReplaceable', FIELD_REPLACEABLE) ?? null,
    sparePartsUntil: endOfGuaranteed ?? null,
    repairDocs: readBool('repairDocs') ?? null,
    expires,
    sources,
  };
  const purl = ownString(raw, 'purl');
  const cpe = ownString(raw, 'cpe');
  if (purl) candidate.purl = purl;
  if (cpe) candidate.cpe = cpe;

  for (const p of problems) ctx.errors.push(`${label}: ${p}`);
  const parsed = componentSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const line of describeIssues(parsed.error, label)) ctx.errors.push(line);
    return null;
  }
  return parsed.data;
}

/* ------------------------------------------------------------------ export */

export interface CycloneDxExportOptions {
  /** ISO date-time written as metadata.timestamp (explicit, so that output is reproducible). */
  timestamp: string;
  toolVersion: string;
  /** `urn:uuid:...`; default: derived from the product id, the timestamp and the content. */
  serialNumber?: string;
}

type Property = { name: string; value: string };

const prop = (name: string, value: string | number | boolean | null | undefined): Property[] =>
  value === null || value === undefined || value === '' ? [] : [{ name, value: String(value) }];

/** A CycloneDX date-time for a lifecycle date (`YYYY-MM` = last day of the month). */
function milestone(name: string, date: string | null): Property[] {
  if (!date) return [];
  return [{ name, value: date }];
}

function componentToCdx(c: Component): Json {
  const type = c.class === 'mechanical' ? 'device' : ROLE_TO_CDX_TYPE[c.role];
  const properties: Property[] = [
    ...milestone(MILESTONE.endOfSupport, c.securitySupportEnd),
    ...milestone(MILESTONE.endOfGuaranteedSupport, c.sparePartsUntil),
    ...milestone(MILESTONE.endOfLife, c.expires),
    ...prop(`${SS}class`, c.class),
    ...prop(`${SS}role`, c.role),
    ...prop(`${SS}core`, c.core),
    ...prop(`${SS}updateMechanism`, c.updateMechanism),
    ...prop(`${SS}expectedLifeYears`, c.expectedLifeYears),
    ...prop(`${SS}fieldReplaceable`, c.fieldReplaceable),
    ...prop(`${SS}repairDocs`, c.repairDocs),
    ...(['securitySupportEnd', 'sparePartsUntil', 'expires', 'expectedLifeYears'] as const).flatMap((f) =>
      prop(`${SS}source:${f}`, c.sources[f])),
  ];
  const out: Json = { type, 'bom-ref': `component-${c.id}`, name: c.name };
  if (c.supplier) out.supplier = { name: c.supplier };
  if (c.version) out.version = c.version;
  if (c.cpe) out.cpe = c.cpe;
  if (c.purl) out.purl = c.purl;
  if (type === 'cryptographic-asset') out.cryptoProperties = { assetType: 'certificate' };
  out.properties = properties;
  return out;
}

/** Both seeds of `hash64`, advanced over `text` (FNV-1a state before the finaliser). */
function fnvStates(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return [a, b];
}

/** The finaliser and formatting of `hash64` (shared/csv/stable-id.ts), for a state advanced by `fnvStates`. */
function finish(state: number): string {
  let h = state;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * `hash64(seed) + hash64(seed + "\u0001")` in one pass over `seed`: FNV-1a is
 * a running state, so the second text's state is the first's advanced by one
 * character. The seed is a whole product's components as JSON (tens of
 * megabytes per portfolio export): four passes were a fifth of an export's analysis.
 */
function serialHex(seed: string): string {
  const [a, b] = fnvStates(seed);
  const a1 = Math.imul(a ^ 1, 0x01000193);
  const b1 = Math.imul(b ^ 1, 0x01000193);
  return finish(a) + finish(b) + finish(a1) + finish(b1);
}

/** A UUID-shaped serial (version nibble 8: custom, RFC 9562) from stable input. */
export function deterministicSerial(seed: string): string {
  const hex = serialHex(seed).split('');
  hex[12] = '8';
  hex[16] = ['8', '9', 'a', 'b'][parseInt(hex[16]!, 16) & 3]!;
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
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
    ...milestone(MILESTONE.endOfSupport, product.declaredSupportEnd),
    ...prop(`${SS}category`, product.category),
    ...prop(`${SS}sku`, product.sku),
    ...prop(`${SS}markets`, product.markets.join(';')),
    ...prop(`${SS}firstPlacedOnMarket`, product.firstPlacedOnMarket),
    ...prop(`${SS}lastPlacedOnMarket`, product.lastPlacedOnMarket),
    ...prop(`${SS}expectedUseYears`, product.expectedUseYears),
    ...prop(`${SS}unitsPerYear`, product.unitsPerYear),
    ...prop(`${SS}productLine`, line?.name),
    ...prop(`${SS}environment`, line?.environment),
  ];
  const productRef = `product-${product.id}`;
  const metaComponent: Json = { type: 'device', 'bom-ref': productRef, name: product.name };
  if (product.sku) metaComponent.version = product.sku;
  metaComponent.properties = productProps;
  const components = product.components.map(componentToCdx);
  const body: Json = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: '',
    version: 1,
    metadata: {
      timestamp: options.timestamp,
      tools: { components: [{ type: 'application', name: 'Supportspan', version: options.toolVersion }] },
      component: metaComponent,
    },
    components: [],
    dependencies: [
      { ref: productRef, dependsOn: product.components.map((c) => `component-${c.id}`) },
      ...product.components.map((c) => ({ ref: `component-${c.id}` })),
    ],
  };
  return { body, components, componentsJson: JSON.stringify(components) };
}
