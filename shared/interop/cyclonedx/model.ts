/**
 * A validated CycloneDX document (JSON, or XML read into the JSON model) to one
 * product with its components. Only own properties of known keys are read;
 * every value read differently from how it was written is a conversion note.
 */
import {
  COMPONENT_CLASSES, FIELD_REPLACEABLE, MAX_NAME, OTHER_MILESTONES, ROLES, UPDATE_MECHANISMS,
  componentSchema, describeIssues, newId, productSchema,
  type Component, type Hash, type OtherMilestone, type Product, type ProductLine, type Role,
} from '../../domain/schemas';
import type { ConversionNote, RowError } from '../../import/input';
import { readBomDate } from './dates';
import { CDX_MAX_COMPONENTS, CDX_MAX_DEPTH } from './limits';
import { classifyProperty, MILESTONES, type Milestone } from './lifecycle-taxonomy';
import { guessRole, type GuessBasis } from './roles';
import { distinctNames } from './names';

export const SS = 'supportspan:';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Json, key: string): unknown => (Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);
const str = (o: Json, key: string): string | undefined => {
  const v = own(o, key);
  return typeof v === 'string' ? v : undefined;
};
const list = (o: Json, key: string): unknown[] => {
  const v = own(o, key);
  return Array.isArray(v) ? v : [];
};
const orgName = (o: Json, key: string): string => {
  const v = own(o, key);
  return isObject(v) ? (str(v, 'name') ?? '').trim() : '';
};

export interface RoleGuessNote {
  componentId: string;
  name: string;
  role: Role;
  by: GuessBasis;
  reason: string;
}

export interface UnknownProperty {
  place: string;
  name: string;
}

export interface MilestoneRead {
  place: string;
  milestone: Milestone;
  meaning: string;
  date: string;
  /** The field it went to: `securitySupportEnd`, `sparePartsUntil`, `milestones.endOfLife`, a product field. */
  field: string;
}

export interface ModelOptions {
  fileName: string;
  /** Keep `file` components (default: left out and counted). */
  includeFiles?: boolean;
  /** Keep the ids our own export wrote (bom-ref `component-<id>`); default true. */
  keepIds?: boolean;
  newId?: () => string;
  maxComponents?: number;
  /** Leave unreadable values unknown and list them as notes instead of refusing the file. */
  lenient?: boolean;
}

export interface ModelResult {
  line: ProductLine;
  product: Product;
  notes: ConversionNote[];
  errors: RowError[];
  details: string[];
  skippedFiles: number;
  services: number;
  guesses: RoleGuessNote[];
  unknownProperties: UnknownProperty[];
  milestones: MilestoneRead[];
  /** The product's own bom-ref (metadata.component), used to match it to a product. */
  productBomRef: string | null;
  /** Whether the product's name came from metadata.component (or, lacking it, from the file name). */
  productFrom: 'metadata.component' | 'file name';
}

interface Ctx {
  opts: Required<Pick<ModelOptions, 'includeFiles' | 'keepIds' | 'newId' | 'maxComponents'>> & ModelOptions;
  notes: ConversionNote[];
  errors: RowError[];
  guesses: RoleGuessNote[];
  unknown: UnknownProperty[];
  milestones: MilestoneRead[];
  ids: Set<string>;
  /** bom-ref -> component id */
  refs: Map<string, string>;
  skippedFiles: number;
  services: number;
  count: number;
  sourceNote: string;
  stopped: boolean;
}

/** A refusal; with `lenient`, a value that cannot be read is left unknown and listed as a note instead. */
const err = (ctx: Ctx, place: string, reason: string, value?: string): void => {
  if (value !== undefined && ctx.opts.lenient) {
    ctx.notes.push({ row: null, column: place, original: value, understoodAs: 'unknown', reason });
    return;
  }
  ctx.errors.push(value === undefined ? { row: 0, column: place, reason } : { row: 0, column: place, value, reason });
};
const note = (ctx: Ctx, place: string, original: string, understoodAs: string, reason: string): void => {
  ctx.notes.push({ row: null, column: place, original, understoodAs, reason });
};

function clip(ctx: Ctx, place: string, value: string, max = MAX_NAME): string {
  if (value.length <= max) return value;
  note(ctx, place, value, `${value.slice(0, max)}`, `longer than ${max} characters: shortened`);
  return value.slice(0, max);
}

function readProperties(raw: Json, place: string, ctx: Ctx): Map<string, string> {
  const props = new Map<string, string>();
  list(raw, 'properties').forEach((p, i) => {
    if (!isObject(p)) return;
    const name = str(p, 'name');
    const value = str(p, 'value') ?? '';
    if (name === undefined) return;
    if (classifyProperty(name).kind === 'unknown-cdx') ctx.unknown.push({ place: `${place}.properties[${i}]`, name });
    if (!props.has(name)) props.set(name, value);
  });
  return props;
}

/** Reads the lifecycle milestones among `props`; returns the dates by milestone. */
function readMilestones(props: Map<string, string>, place: string, ctx: Ctx, fieldOf: (m: Milestone) => string): Partial<Record<Milestone, string>> {
  const out: Partial<Record<Milestone, string>> = {};
  for (const [name, value] of props) {
    const k = classifyProperty(name);
    if (k.kind !== 'milestone') continue;
    const r = readBomDate(value);
    if (!r.ok) {
      err(ctx, `${place} ${name}`, `not a date: ${r.reason}`, value);
      continue;
    }
    if (r.converted) note(ctx, `${place} ${name}`, value, r.date, 'a date-time: its date is used');
    // Our own export writes a month as its last day and says so; anyone else's full date stays a day.
    const month = props.get(`${SS}month:${k.milestone}`);
    const date = month && /^\d{4}-\d{2}$/.test(month) && r.date.startsWith(month) ? month : r.date;
    out[k.milestone] = date;
    ctx.milestones.push({ place, milestone: k.milestone, meaning: MILESTONES[k.milestone], date, field: fieldOf(k.milestone) });
  }
  return out;
}

const COMPONENT_FIELD: Partial<Record<Milestone, string>> = { endOfSupport: 'securitySupportEnd', endOfGuaranteedSupport: 'sparePartsUntil' };

function readLicenses(raw: Json): string[] {
  const out: string[] = [];
  for (const item of list(raw, 'licenses')) {
    if (!isObject(item)) continue;
    const expression = str(item, 'expression');
    const lic = own(item, 'license');
    const text = expression ?? (isObject(lic) ? (str(lic, 'id') ?? str(lic, 'name')) : undefined);
    if (text && !out.includes(text)) out.push(text.slice(0, MAX_NAME));
  }
  return out.slice(0, 100);
}

function readHashes(raw: Json): Hash[] {
  const out: Hash[] = [];
  for (const h of list(raw, 'hashes')) {
    if (!isObject(h)) continue;
    const alg = str(h, 'alg');
    const content = str(h, 'content');
    if (alg && content && alg.length <= 32 && content.length <= 1024) out.push({ alg, content });
  }
  return out.slice(0, 50);
}

/** Nesting our own export flattened (`supportspan:parentPath`, a JSON list of names). */
function ourParentPath(props: Map<string, string>): string[] | null {
  const v = props.get(`${SS}parentPath`);
  if (v === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed.slice(0, 32).map((x: string) => x.slice(0, MAX_NAME)) : null;
  } catch {
    return null;
  }
}

/** Hashes the spec has no algorithm for, which our export keeps as `supportspan:hash:<alg>`. */
function ourHashes(props: Map<string, string>): Hash[] {
  const out: Hash[] = [];
  for (const [k, v] of props) {
    if (k.startsWith(`${SS}hash:`) && v) out.push({ alg: k.slice(`${SS}hash:`.length).slice(0, 32), content: v.slice(0, 1024) });
  }
  return out;
}

function ourEnum<T extends string>(props: Map<string, string>, key: string, allowed: readonly T[], place: string, ctx: Ctx): T | null | undefined {
  const v = props.get(SS + key);
  if (v === undefined) return undefined;
  if (v === '') return null;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  err(ctx, `${place} ${SS}${key}`, `is not one of ${allowed.join(', ')}`, v);
  return undefined;
}
function ourBool(props: Map<string, string>, key: string, place: string, ctx: Ctx): boolean | null | undefined {
  const v = props.get(SS + key);
  if (v === undefined) return undefined;
  if (v === '') return null;
  if (v === 'true' || v === 'false') return v === 'true';
  err(ctx, `${place} ${SS}${key}`, 'is not true or false', v);
  return undefined;
}
function ourYears(props: Map<string, string>, key: string, place: string, ctx: Ctx): number | null | undefined {
  const v = props.get(SS + key);
  if (v === undefined) return undefined;
  if (v === '') return null;
  const n = /^\d+(\.\d+)?$/.test(v) ? Number(v) : NaN;
  if (Number.isFinite(n) && n > 0 && n <= 100) return n;
  err(ctx, `${place} ${SS}${key}`, 'is not a number of years between 0 and 100', v);
  return undefined;
}

function pickId(ctx: Ctx, bomRef: string | undefined, prefix: string): string {
  let id: string | undefined;
  if (ctx.opts.keepIds && bomRef?.startsWith(prefix)) {
    const candidate = bomRef.slice(prefix.length);
    if (/^[A-Za-z0-9_-]{1,64}$/.test(candidate)) id = candidate;
  }
  if (!id || ctx.ids.has(id)) id = ctx.opts.newId();
  ctx.ids.add(id);
  return id;
}

interface Pending {
  component: Record<string, unknown>;
  place: string;
  dependsOnRefs: string[];
}

function readItem(raw: Json, place: string, parentPath: string[], service: boolean, ctx: Ctx): Pending | null {
  const name = str(raw, 'name')?.trim();
  if (!name) {
    err(ctx, place, `a ${service ? 'service' : 'component'} has no name`);
    return null;
  }
  const label = `${place} "${name.slice(0, 60)}"`;
  const type = service ? 'service' : (str(raw, 'type') ?? '');
  const props = readProperties(raw, place, ctx);
  const ours = [...props.keys()].some((k) => k.startsWith(SS));
  const bomRef = str(raw, 'bom-ref');
  const id = pickId(ctx, bomRef, 'component-');
  if (bomRef) ctx.refs.set(bomRef, id);

  const purl = str(raw, 'purl')?.trim();
  const crypto = own(raw, 'cryptoProperties');
  const assetType = isObject(crypto) ? str(crypto, 'assetType') : undefined;
  const declaredRole = ourEnum(props, 'role', ROLES, label, ctx);
  const guess = guessRole({ cdxType: type, name, purl, assetType, service });
  const role: Role = declaredRole ?? guess.role;
  if (!declaredRole) ctx.guesses.push({ componentId: id, name, role, by: guess.by, reason: guess.reason });
  const cls = ourEnum(props, 'class', COMPONENT_CLASSES, label, ctx) ?? (declaredRole ? 'it' : guess.class);

  const ms = readMilestones(props, label, ctx, (m) => COMPONENT_FIELD[m] ?? `milestones.${m}`);
  const milestones: Partial<Record<OtherMilestone, string>> = {};
  for (const m of OTHER_MILESTONES) if (ms[m]) milestones[m] = ms[m];

  let expires: string | null = null;
  const certificate = isObject(crypto) ? own(crypto, 'certificateProperties') : undefined;
  const notValidAfter = isObject(certificate) ? str(certificate, 'notValidAfter') : undefined;
  if (notValidAfter !== undefined) {
    const r = readBomDate(notValidAfter);
    if (r.ok) {
      const month = ours ? props.get(`${SS}month:expires`) : undefined;
      expires = month && /^\d{4}-\d{2}$/.test(month) && r.date.startsWith(month) ? month : r.date;
      if (r.converted) note(ctx, `${label} cryptoProperties.certificateProperties.notValidAfter`, notValidAfter, r.date, 'certificate expiry: the date of the date-time');
    } else err(ctx, `${label} cryptoProperties.certificateProperties.notValidAfter`, `not a date: ${r.reason}`, notValidAfter);
  }
  const ourExpires = props.get(`${SS}expires`);
  if (expires === null && ours && ourExpires) {
    const r = readBomDate(ourExpires);
    if (r.ok) expires = r.date;
  }

  const sources: Component['sources'] = {};
  for (const field of ['securitySupportEnd', 'sparePartsUntil', 'expires', 'expectedLifeYears'] as const) {
    const s = props.get(`${SS}source:${field}`);
    if (s !== undefined) sources[field] = s.slice(0, MAX_NAME);
  }
  // Our own export carries its source notes; a foreign SBOM is itself the source of its dates.
  if (!ours) {
    if (ms.endOfSupport) sources.securitySupportEnd = ctx.sourceNote;
    if (ms.endOfGuaranteedSupport) sources.sparePartsUntil = ctx.sourceNote;
    if (expires) sources.expires = ctx.sourceNote;
  }

  const supplier = orgName(raw, service ? 'provider' : 'supplier') || (str(raw, 'publisher') ?? '').trim();
  const candidate: Record<string, unknown> = {
    id,
    name: clip(ctx, `${place}.name`, name),
    class: cls,
    role,
    supplier: clip(ctx, `${place}.supplier`, supplier),
    version: clip(ctx, `${place}.version`, (str(raw, 'version') ?? '').trim()),
    core: ourBool(props, 'core', label, ctx) ?? null,
    securitySupportEnd: ms.endOfSupport ?? null,
    updateMechanism: ourEnum(props, 'updateMechanism', UPDATE_MECHANISMS, label, ctx) ?? null,
    expectedLifeYears: ourYears(props, 'expectedLifeYears', label, ctx) ?? null,
    fieldReplaceable: ourEnum(props, 'fieldReplaceable', FIELD_REPLACEABLE, label, ctx) ?? null,
    sparePartsUntil: ms.endOfGuaranteedSupport ?? null,
    repairDocs: ourBool(props, 'repairDocs', label, ctx) ?? null,
    expires,
    sources,
  };
  // Spot for `notes` (added to the component schema with the spreadsheet notes column): our export writes notes as
  // `description`; read `str(raw, 'description')` into `notes` here once the schema has the field.
  // SBOM fields are set only when the file gives them (absent = none), so components stay as lean as hand-made ones.
  const group = clip(ctx, `${place}.group`, (str(raw, 'group') ?? '').trim());
  if (group) candidate.group = group;
  const licenses = readLicenses(raw);
  if (licenses.length) candidate.licenses = licenses;
  const hashes = [...readHashes(raw), ...(ours ? ourHashes(props) : [])].slice(0, 50);
  if (hashes.length) candidate.hashes = hashes;
  const manufacturer = clip(ctx, `${place}.manufacturer`, orgName(raw, 'manufacturer'));
  if (manufacturer) candidate.manufacturer = manufacturer;
  const path = (ours ? ourParentPath(props) : null) ?? parentPath.map((p) => p.slice(0, MAX_NAME));
  if (path.length) candidate.parentPath = path;
  if (Object.keys(milestones).length) candidate.milestones = milestones;
  if (purl) candidate.purl = clip(ctx, `${place}.purl`, purl);
  const cpe = str(raw, 'cpe')?.trim();
  if (cpe) candidate.cpe = clip(ctx, `${place}.cpe`, cpe);
  // Our own export's ref is the id itself (kept above): nothing more to remember.
  const originalRef = ours ? props.get(`${SS}bomRef`) : undefined;
  if (originalRef) candidate.bomRef = originalRef.slice(0, MAX_NAME);
  else if (bomRef && bomRef !== `component-${id}`) candidate.bomRef = bomRef.slice(0, MAX_NAME);
  return { component: candidate, place: label, dependsOnRefs: [] };
}

function walk(items: unknown[], key: 'components' | 'services', place: string, parentPath: string[], depth: number, ctx: Ctx, out: Pending[]): void {
  if (depth > CDX_MAX_DEPTH) {
    err(ctx, place, `nested deeper than ${CDX_MAX_DEPTH} levels; the rest is not read`);
    return;
  }
  items.forEach((raw, i) => {
    if (ctx.stopped) return;
    const at = `${place}[${i}]`;
    if (!isObject(raw)) return;
    if (++ctx.count > ctx.opts.maxComponents) {
      err(ctx, at, `more than ${ctx.opts.maxComponents} components: the file is too large to import`);
      ctx.stopped = true;
      return;
    }
    const isFile = key === 'components' && str(raw, 'type') === 'file';
    const name = (str(raw, 'name') ?? '').trim();
    if (isFile && !ctx.opts.includeFiles) ctx.skippedFiles++;
    else {
      if (key === 'services') ctx.services++;
      const p = readItem(raw, at, parentPath, key === 'services', ctx);
      if (p) out.push(p);
    }
    const childPath = name ? [...parentPath, name] : parentPath;
    walk(list(raw, 'components'), 'components', `${at}.components`, childPath, depth + 1, ctx, out);
    if (key === 'services') walk(list(raw, 'services'), 'services', `${at}.services`, childPath, depth + 1, ctx, out);
  });
}

export function documentToProduct(doc: Json, options: ModelOptions): ModelResult {
  const ctx: Ctx = {
    opts: {
      ...options, includeFiles: options.includeFiles ?? false, keepIds: options.keepIds ?? true,
      newId: options.newId ?? newId, maxComponents: options.maxComponents ?? CDX_MAX_COMPONENTS,
    },
    notes: [], errors: [], guesses: [], unknown: [], milestones: [],
    ids: new Set(), refs: new Map(), skippedFiles: 0, services: 0, count: 0,
    sourceNote: `CycloneDX ${options.fileName}`.slice(0, MAX_NAME), stopped: false,
  };
  const details: string[] = [];
  const metadata = isObject(own(doc, 'metadata')) ? (own(doc, 'metadata') as Json) : {};
  const meta = own(metadata, 'component');
  const metaComponent = isObject(meta) ? meta : null;
  const metaProps = metaComponent ? readProperties(metaComponent, 'metadata.component', ctx) : new Map<string, string>();
  for (const [k, v] of readProperties(metadata, 'metadata', ctx)) if (!metaProps.has(k)) metaProps.set(k, v);

  const fileStem = options.fileName.replace(/\.(cdx\.)?(json|xml)$/i, '').trim() || 'Imported SBOM';
  const productName = (metaComponent ? str(metaComponent, 'name')?.trim() : undefined) || fileStem;
  const productFrom = metaComponent && str(metaComponent, 'name')?.trim() ? 'metadata.component' : 'file name';
  details.push(productFrom === 'metadata.component' ? `product "${productName}" from metadata.component` : `no metadata.component: the product is named after the file ("${productName}")`);
  const productBomRef = metaComponent ? (str(metaComponent, 'bom-ref') ?? null) : null;
  const productId = pickId(ctx, productBomRef ?? undefined, 'product-');
  const productPlace = metaComponent ? 'metadata.component' : 'metadata';
  const productField: Partial<Record<Milestone, string>> = { generalAvailability: 'firstPlacedOnMarket', endOfProduction: 'lastPlacedOnMarket', endOfSupport: 'declaredSupportEnd' };
  const pms = readMilestones(metaProps, productPlace, ctx, (m) => productField[m] ?? '(not stored: products have no such date)');
  const manufacturer = orgName(metadata, 'manufacturer') || orgName(metadata, 'manufacture') || (metaComponent ? orgName(metaComponent, 'manufacturer') : '')
    || (metaComponent ? orgName(metaComponent, 'supplier') : '') || orgName(metadata, 'supplier');

  const pending: Pending[] = [];
  walk(list(doc, 'components'), 'components', 'components', [], 1, ctx, pending);
  walk(list(doc, 'services'), 'services', 'services', [], 1, ctx, pending);
  if (metaComponent) walk(list(metaComponent, 'components'), 'components', 'metadata.component.components', [], 1, ctx, pending);

  // The dependency graph, by bom-ref; refs to the product itself, to left-out files or to nothing are not edges between components.
  const deps = new Map<string, string[]>();
  list(doc, 'dependencies').forEach((d) => {
    if (!isObject(d)) return;
    const ref = str(d, 'ref');
    if (!ref) return;
    const on = list(d, 'dependsOn').filter((x): x is string => typeof x === 'string');
    deps.set(ref, [...(deps.get(ref) ?? []), ...on]);
  });
  let danglingEdges = 0;
  const byId = new Map<string, Record<string, unknown>>();
  for (const p of pending) byId.set(p.component.id as string, p.component);
  for (const [ref, on] of deps) {
    const from = ctx.refs.get(ref);
    if (!from) continue;
    const ids: string[] = [];
    for (const r of on) {
      const to = ctx.refs.get(r);
      if (to && to !== from && !ids.includes(to)) ids.push(to);
      else if (!to) danglingEdges++;
    }
    const c = byId.get(from);
    if (c && ids.length) c.dependsOn = ids.slice(0, 10_000);
  }
  if (danglingEdges > 0) details.push(`${danglingEdges} dependency edge${danglingEdges === 1 ? '' : 's'} point to the product itself, a left-out file or no listed component`);

  const components: Component[] = [];
  for (const p of pending) {
    const parsed = componentSchema.safeParse(p.component);
    if (!parsed.success) {
      for (const line of describeIssues(parsed.error)) err(ctx, p.place, line);
      continue;
    }
    components.push(parsed.data);
  }
  for (const r of distinctNames(components)) {
    note(ctx, `component "${r.from}"`, r.from, r.to, 'the product has several components of this name: told apart by group or version');
  }

  const line: ProductLine = { id: 'sbom-line', name: manufacturer ? `${manufacturer}`.slice(0, MAX_NAME) : 'Imported SBOMs', environment: 'consumer', notes: '' };
  note(ctx, 'product line', '', line.environment, 'CycloneDX has no usage environment: consumer until changed');
  const sku = metaComponent ? (str(metaComponent, 'version') ?? '').trim() : '';
  const productCandidate = {
    id: productId,
    lineId: line.id,
    name: productName.slice(0, MAX_NAME),
    sku: sku.slice(0, MAX_NAME),
    category: 'other',
    firstPlacedOnMarket: pms.generalAvailability ?? null,
    lastPlacedOnMarket: pms.endOfProduction ?? null,
    declaredSupportEnd: pms.endOfSupport ?? null,
    ...(manufacturer ? { manufacturer: manufacturer.slice(0, MAX_NAME) } : {}),
    components,
  };
  // The components are schema output already: the product is checked without them, then given them.
  const parsedProduct = productSchema.safeParse({ ...productCandidate, components: [] });
  let product: Product;
  if (parsedProduct.success) product = { ...parsedProduct.data, components };
  else {
    for (const l of describeIssues(parsedProduct.error)) err(ctx, 'metadata.component', l);
    product = productSchema.parse({ ...productCandidate, name: 'Imported SBOM', sku: '', components: [] });
  }
  details.push(`${components.length} component${components.length === 1 ? '' : 's'} read${ctx.services ? `, ${ctx.services} of them service${ctx.services === 1 ? '' : 's'} (ecosystem, role cloud)` : ''}`);
  if (ctx.skippedFiles) details.push(`${ctx.skippedFiles} file component${ctx.skippedFiles === 1 ? '' : 's'} left out`);
  if (ctx.unknown.length) details.push(`${ctx.unknown.length} cdx: propert${ctx.unknown.length === 1 ? 'y is' : 'ies are'} not in the CycloneDX taxonomy and were not used`);
  return {
    line, product, notes: ctx.notes, errors: ctx.errors, details, skippedFiles: ctx.skippedFiles, services: ctx.services,
    guesses: ctx.guesses, unknownProperties: ctx.unknown, milestones: ctx.milestones, productBomRef, productFrom,
  };
}
