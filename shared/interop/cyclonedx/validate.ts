/**
 * Validation against the official CycloneDX JSON schema of the document's own
 * version, with @cfworker/json-schema: it compiles nothing with `eval`, so it
 * runs under the app's Content-Security-Policy. Violations are reported at the
 * place they are (a JSON path, or the XML element path for XML files) in words
 * of our own, never the validator's.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import bom12 from '../../../assets/schemas/cyclonedx/bom-1.2.schema.json';
import bom13 from '../../../assets/schemas/cyclonedx/bom-1.3.schema.json';
import bom14 from '../../../assets/schemas/cyclonedx/bom-1.4.schema.json';
import bom15 from '../../../assets/schemas/cyclonedx/bom-1.5.schema.json';
import bom16 from '../../../assets/schemas/cyclonedx/bom-1.6.schema.json';
import bom17 from '../../../assets/schemas/cyclonedx/bom-1.7.schema.json';
import spdx from '../../../assets/schemas/cyclonedx/spdx.schema.json';
import jsf from '../../../assets/schemas/cyclonedx/jsf-0.82.schema.json';
import cryptoDefs from '../../../assets/schemas/cyclonedx/cryptography-defs.schema.json';
import { CDX_MAX_LISTED_ERRORS, type CdxSpecVersion } from './limits';
import { xmlPathOf } from './read-xml';

const SCHEMAS: Record<CdxSpecVersion, unknown> = { '1.2': bom12, '1.3': bom13, '1.4': bom14, '1.5': bom15, '1.6': bom16, '1.7': bom17 };
const validators = new Map<string, Validator>();

/**
 * The validator compares every pair of items for `uniqueItems`, which takes
 * minutes for 10k components; the schema is used without it and uniqueness of
 * the lists we read is checked below by hashing each item once.
 */
function withoutUniqueItems(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutUniqueItems);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!(k === 'uniqueItems' && v === true)) out[k] = withoutUniqueItems(v);
  return out;
}

/** `shortCircuit` stops at the first failure: the fast yes/no; the full run only for a document that fails. */
function validatorFor(version: CdxSpecVersion, shortCircuit: boolean): Validator {
  const key = `${version}:${shortCircuit}`;
  let v = validators.get(key);
  if (!v) {
    v = new Validator(withoutUniqueItems(SCHEMAS[version]) as Schema, '7', shortCircuit);
    for (const s of [spdx, jsf, cryptoDefs]) v.addSchema(s as Schema);
    validators.set(key, v);
  }
  return v;
}

/** Keywords that only say "something below failed": the failure itself is reported further down. */
// `false` is the schema `false` that additionalProperties points at: its failure is the additionalProperties line.
const AGGREGATES = new Set(['false', '$ref', 'properties', 'items', 'allOf', 'additionalItems', 'contains', 'if', 'then', 'else', 'patternProperties', 'dependencies']);
const ALTERNATIVES = new Set(['anyOf', 'oneOf']);

const decodePointer = (p: string): string[] =>
  p.replace(/^#\/?/, '').split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));

/** `components[3].hashes[0].alg`, the way people write JSON paths. */
export function jsonPathOf(segments: string[]): string {
  let out = '';
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
  return out || 'the document';
}

function valueAt(doc: unknown, segments: string[]): unknown {
  let v: unknown = doc;
  for (const s of segments) {
    if (typeof v !== 'object' || v === null || !Object.prototype.hasOwnProperty.call(v, s)) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

function schemaAt(schemaRoot: unknown, keywordLocation: string): Record<string, unknown> | undefined {
  // keywordLocation follows $refs ("#/properties/components/items/$ref/properties/type/enum"): walk it, resolving local refs.
  const segs = decodePointer(keywordLocation);
  segs.pop();
  let node: unknown = schemaRoot;
  for (const s of segs) {
    if (typeof node !== 'object' || node === null) return undefined;
    let next = (node as Record<string, unknown>)[s];
    if (s === '$ref' && typeof next === 'string') {
      next = next.startsWith('#/') ? valueAt(schemaRoot, decodePointer(next)) : undefined;
    }
    node = next;
  }
  return typeof node === 'object' && node !== null ? (node as Record<string, unknown>) : undefined;
}

const quote = (v: unknown): string => {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);
};

function describe(unit: OutputUnit, doc: unknown, schemaRoot: unknown): string {
  const segs = decodePointer(unit.instanceLocation);
  const value = valueAt(doc, segs);
  const schema = schemaAt(schemaRoot, unit.keywordLocation);
  const field = segs.length ? `"${segs[segs.length - 1]}"` : 'the document';
  switch (unit.keyword) {
    case 'enum': {
      const allowed = Array.isArray(schema?.enum) ? (schema.enum as unknown[]) : [];
      const list = allowed.length <= 12 ? `: use one of ${allowed.map((a) => String(a)).join(', ')}` : '';
      return `${quote(value)} is not an allowed value${list}`;
    }
    case 'const': return `${quote(value)} is not the value this version requires (${quote(schema?.const)})`;
    case 'required': {
      const missing = Array.isArray(schema?.required) && typeof value === 'object' && value !== null
        ? (schema.required as string[]).filter((r) => !Object.prototype.hasOwnProperty.call(value, r)) : [];
      return missing.length ? `"${missing.join('", "')}" is required here but missing` : 'a required field is missing';
    }
    case 'type': return `${field} should be ${String(schema?.type ?? 'another kind of value')}, not ${Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value}`;
    case 'additionalProperties': {
      const known = schema?.properties && typeof schema.properties === 'object' ? Object.keys(schema.properties) : [];
      const extra = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).filter((k) => !known.includes(k)) : [];
      return extra.length ? `"${extra.join('", "')}" is not a field this CycloneDX version allows here` : 'has a field this CycloneDX version does not allow here';
    }
    case 'format': return `${quote(value)} is not a valid ${String(schema?.format ?? 'value')}`;
    case 'pattern': return `${quote(value)} is not in the form this field requires`;
    case 'minLength': return `${field} is too short`;
    case 'maxLength': return `${field} is too long`;
    case 'minItems': return `${field} needs at least ${String(schema?.minItems)} item(s)`;
    case 'maxItems': return `${field} has too many items`;
    case 'uniqueItems': return `${field} lists the same item twice`;
    case 'minimum': case 'exclusiveMinimum': return `${quote(value)} is too small`;
    case 'maximum': case 'exclusiveMaximum': return `${quote(value)} is too large`;
    case 'anyOf': case 'oneOf': return `${field} matches none of the forms this CycloneDX version allows`;
    case 'not': return `${field} has a form this CycloneDX version forbids`;
    default: return `${field} does not follow the CycloneDX schema`;
  }
}

/** A component's name next to the path, so the place is found without counting. */
function nameNear(doc: unknown, segs: string[]): string {
  for (let i = segs.length; i > 0; i--) {
    const v = valueAt(doc, segs.slice(0, i));
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const n = (v as Record<string, unknown>).name;
      if (typeof n === 'string' && /^\d+$/.test(segs[i - 1]!)) return ` (${quote(n)})`;
    }
  }
  return '';
}

export interface SchemaCheck {
  valid: boolean;
  /** "components[3].hashes[0] (\"log4j\"): \"alg\" ..." */
  errors: string[];
}

/** Lists the schema wants without repeated items, among those we read. */
const UNIQUE_LISTS = new Set(['components', 'services', 'dependencies', 'dependsOn', 'provides']);

/** JSON paths (as segments) of the first repeated item of each unique list, in linear time. */
function repeatedItems(doc: unknown): string[][] {
  const out: string[][] = [];
  const walk = (node: unknown, path: string[], depth: number): void => {
    if (depth > 64 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, String(i)], depth + 1));
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (UNIQUE_LISTS.has(k) && Array.isArray(v) && v.length > 1) {
        const seen = new Set<string>();
        for (let i = 0; i < v.length; i++) {
          const key = JSON.stringify(v[i]);
          if (seen.has(key)) {
            out.push([...path, k, String(i)]);
            break;
          }
          seen.add(key);
        }
      }
      walk(v, [...path, k], depth + 1);
    }
  };
  walk(doc, [], 0);
  return out;
}

export function validateCycloneDx(doc: unknown, version: CdxSpecVersion, format: 'json' | 'xml'): SchemaCheck {
  const quick = validatorFor(version, true).validate(doc);
  const result = quick.valid ? quick : validatorFor(version, false).validate(doc);
  const repeated = repeatedItems(doc);
  const repeatedLines = repeated.map((segs) => `${format === 'xml' ? xmlPathOf(segs) : jsonPathOf(segs)}${nameNear(doc, segs)}: repeats an earlier item of the same list exactly`);
  if (result.valid && repeatedLines.length === 0) return { valid: true, errors: [] };
  if (result.valid) return { valid: false, errors: repeatedLines.slice(0, CDX_MAX_LISTED_ERRORS) };
  const units = result.errors;
  // A failed anyOf/oneOf reports every branch's failures; one line at the alternative is clearer.
  const alternatives = units.filter((u) => ALTERNATIVES.has(u.keyword)).map((u) => u.keywordLocation);
  const insideAlternative = (u: OutputUnit) => alternatives.some((a) => u.keywordLocation !== a && u.keywordLocation.startsWith(`${a}/`));
  const leaves = units.filter((u) => !AGGREGATES.has(u.keyword) && !insideAlternative(u));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const u of leaves) {
    const segs = decodePointer(u.instanceLocation);
    const place = format === 'xml' ? xmlPathOf(segs) : jsonPathOf(segs);
    const line = `${place}${nameNear(doc, segs)}: ${describe(u, doc, SCHEMAS[version])}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  lines.push(...repeatedLines);
  if (lines.length === 0) lines.push('the document does not follow the CycloneDX schema');
  const shown = lines.slice(0, CDX_MAX_LISTED_ERRORS);
  if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more places that do not follow the schema`);
  return { valid: false, errors: shown };
}
