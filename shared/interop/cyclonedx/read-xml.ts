/**
 * CycloneDX XML to the JSON object model, so one reader and one set of schemas
 * (the official JSON schemas of the document's version) serve both formats.
 *
 * Safety: a DOCTYPE or ENTITY declaration is refused before parsing, the parser
 * is told never to process entities, and only the five predefined XML entities
 * and numeric character references are decoded here; nothing is fetched.
 *
 * The mapping follows the spec's two representations: wrapper elements
 * (`<components><component>`) become arrays, attributes become fields,
 * `<hash alg>` / `<property name>` / `<text content-type>` become the JSON
 * objects, `<dependency ref>` nesting becomes `dependsOn`, `<licenses>` holds
 * `{license}` / `{expression}` items.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ReadDoc } from './read-json';

const XMLNS = /^http:\/\/cyclonedx\.org\/schema\/bom\/(\d+\.\d+)$/;

/** Wrapper element -> its item element, where the JSON array's name is not the plural of the item's. */
const IRREGULAR_WRAPPERS: Readonly<Record<string, string>> = {
  externalReferences: 'reference',
  ancestors: 'component',
  descendants: 'component',
  variants: 'component',
  affects: 'target',
  lifecycles: 'lifecycle',
  resolves: 'issue',
};
/** Wrappers whose item is the wrapper's name less its final "s" (an empty one is an empty array). */
const PLURAL_WRAPPERS = new Set([
  'components', 'services', 'hashes', 'properties', 'dependencies', 'authors', 'tags', 'endpoints', 'vulnerabilities',
  'ratings', 'cwes', 'advisories', 'annotations', 'commits', 'patches', 'occurrences', 'frames', 'compositions',
  'assemblies', 'subjects', 'versions', 'references', 'individuals', 'organizations', 'notes', 'aliases',
]);
/** Organisational entities, whose `url` and `contact` are lists in JSON. */
const ORG_ENTITIES = new Set(['supplier', 'manufacturer', 'manufacture', 'provider', 'organization', 'organizations', 'licensor', 'licensee', 'purchaser']);
const BOOLEAN_FIELDS = new Set(['modified', 'authenticated', 'x-trust-boundary', 'trustZone', 'isExternal', 'acknowledged']);
const ATTRIBUTE_RENAMES: Readonly<Record<string, string>> = { 'content-type': 'contentType' };
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const ATTR = '@_';
const TEXT = '#text';
/** CDATA is kept apart from text: it is taken literally, never decoded. */
const CDATA = '#cdata';

type Node = Record<string, unknown>;

class XmlRefusal extends Error {}

function decodeText(value: string, where: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&([^;\s&]{0,32});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new XmlRefusal(`${where}: a "&" that starts no character reference; write it as &amp;`);
    if (Object.prototype.hasOwnProperty.call(PREDEFINED, name)) return PREDEFINED[name]!;
    const num = /^#(x[0-9a-fA-F]{1,6}|[0-9]{1,7})$/.exec(name);
    if (num) {
      const code = num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : parseInt(num[1]!, 10);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    throw new XmlRefusal(`${where}: uses the entity &${name}; which is not one of XML's own (&lt; &gt; &amp; &quot; &apos;); entities are not read`);
  });
}

function wrapperItem(name: string): string | null {
  if (Object.prototype.hasOwnProperty.call(IRREGULAR_WRAPPERS, name)) return IRREGULAR_WRAPPERS[name]!;
  if (PLURAL_WRAPPERS.has(name)) return name === 'properties' ? 'property' : name.endsWith('ies') ? `${name.slice(0, -3)}y` : name === 'hashes' || name === 'patches' ? name.slice(0, -2) : name.slice(0, -1);
  return null;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function attributesOf(node: Node, where: string): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) {
    if (!k.startsWith(ATTR)) continue;
    const name = k.slice(ATTR.length);
    if (name === 'xmlns' || name.startsWith('xmlns:') || name.includes(':')) continue;
    out[ATTRIBUTE_RENAMES[name] ?? name] = coerce(name, decodeText(String(v), `${where}/@${name}`));
  }
  return out;
}

const coerce = (name: string, value: string): unknown =>
  BOOLEAN_FIELDS.has(name) && (value === 'true' || value === 'false') ? value === 'true' : value;

function textOf(node: unknown, where: string): string {
  if (typeof node === 'string') return decodeText(node, where);
  if (!isNode(node)) return '';
  const text = typeof node[TEXT] === 'string' ? decodeText(node[TEXT], where) : '';
  const cdata = asList(node[CDATA]).map((c) => (isNode(c) && typeof c[TEXT] === 'string' ? c[TEXT] : typeof c === 'string' ? c : '')).join('');
  return (text + cdata).trim();
}

function childEntries(node: Node): [string, unknown[]][] {
  return Object.entries(node).filter(([k]) => !k.startsWith(ATTR) && k !== TEXT && k !== CDATA).map(([k, v]) => [k, asList(v)]);
}

function convertDependency(node: unknown, where: string): Node {
  const n = isNode(node) ? node : {};
  const out: Node = attributesOf(n, where);
  for (const [child, items] of childEntries(n)) {
    if (child === 'dependency' || child === 'provides') {
      out[child === 'dependency' ? 'dependsOn' : 'provides'] = items.map((item, i) => attributesOf(isNode(item) ? item : {}, `${where}/${child}[${i + 1}]`).ref);
    }
  }
  return out;
}

function convertLicenses(node: unknown, where: string, depth: number): unknown[] {
  if (!isNode(node)) return [];
  const out: unknown[] = [];
  for (const [child, items] of childEntries(node)) {
    items.forEach((item, i) => {
      const at = `${where}/${child}[${i + 1}]`;
      if (child === 'expression') {
        out.push({ ...(isNode(item) ? attributesOf(item, at) : {}), expression: textOf(item, at) });
      } else if (child === 'license') {
        out.push({ license: convert(item, at, child, depth + 1) });
      }
    });
  }
  return out;
}

function convert(node: unknown, where: string, name: string, depth: number): unknown {
  if (depth > 64) throw new XmlRefusal(`${where}: elements are nested deeper than 64 levels`);
  const item = wrapperItem(name);
  if (item !== null && !(name === 'tools' && isNode(node) && !('tool' in node))) {
    if (!isNode(node)) return [];
    return asList(node[item]).map((child, i) => convertItem(child, `${where}/${item}[${i + 1}]`, item, name, depth + 1));
  }
  if (name === 'tools' && isNode(node) && 'tool' in node) {
    return asList(node.tool).map((child, i) => convert(child, `${where}/tool[${i + 1}]`, 'tool', depth + 1));
  }
  if (name === 'licenses') return convertLicenses(node, where, depth);
  if (!isNode(node)) return typeof node === 'string' ? coerce(name, decodeText(node, where)) : '';
  const out = attributesOf(node, where);
  const children = childEntries(node);
  if (children.length === 0) {
    const text = textOf(node, where);
    if (Object.keys(out).length === 0) return coerce(name, text);
    if (text !== '') out.content = text;
    return out;
  }
  for (const [child, items] of children) {
    const listInJson = ORG_ENTITIES.has(name) && (child === 'url' || child === 'contact');
    const converted = items.map((v, i) => convert(v, items.length > 1 ? `${where}/${child}[${i + 1}]` : `${where}/${child}`, child, depth + 1));
    out[child] = listInJson || converted.length > 1 ? converted : converted[0];
  }
  return out;
}

function convertItem(node: unknown, where: string, item: string, wrapper: string, depth: number): unknown {
  if (item === 'property') {
    const n = isNode(node) ? node : {};
    return { ...attributesOf(n, where), value: textOf(node, where) };
  }
  if (item === 'dependency' && wrapper === 'dependencies') return convertDependency(node, where);
  if (item === 'hash') {
    const n = isNode(node) ? node : {};
    return { ...attributesOf(n, where), content: textOf(node, where) };
  }
  return convert(node, where, item, depth);
}

/** The spec version an XML document declares by its namespace, or null. */
export function xmlSpecVersion(rootAttributes: Node): string | null {
  for (const [k, v] of Object.entries(rootAttributes)) {
    if (k === `${ATTR}xmlns` || k.startsWith(`${ATTR}xmlns:`)) {
      const m = XMLNS.exec(String(v));
      if (m) return m[1]!;
    }
  }
  return null;
}

export function readXmlText(text: string): ReadDoc {
  const declaration = /<!\s*(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declaration) {
    return { ok: false, error: `the XML declares a ${declaration[1]!.toUpperCase()} (entities or an external document type); CycloneDX needs neither, and such files are refused so that nothing is expanded or fetched` };
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    return { ok: false, error: `not well-formed XML at line ${valid.err.line}, column ${valid.err.col}` };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    commentPropName: false,
    cdataPropName: CDATA,
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch {
    // The validator passed it, so what the parser refuses is its depth limit (100 nested elements).
    return { ok: false, error: 'the XML nests elements deeper than 100 levels; CycloneDX documents need far fewer' };
  }
  const root = isNode(parsed) ? parsed.bom : undefined;
  if (!isNode(root)) return { ok: false, error: 'not a CycloneDX document: the XML root element is not <bom>' };
  const version = xmlSpecVersion(root);
  if (!version) {
    return { ok: false, error: 'not a CycloneDX document: the <bom> element has no CycloneDX namespace (xmlns="http://cyclonedx.org/schema/bom/1.x")' };
  }
  try {
    const body = convert(root, 'bom', 'bom', 0) as Node;
    const doc: Node = { bomFormat: 'CycloneDX', specVersion: version };
    for (const [k, v] of Object.entries(body)) {
      doc[k] = k === 'version' && typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v;
    }
    return { ok: true, doc };
  } catch (e) {
    if (e instanceof XmlRefusal) return { ok: false, error: e.message };
    throw e;
  }
}

/** A JSON pointer into the converted document, as the XML element path a person finds in the file. */
export function xmlPathOf(pointer: string[]): string {
  let path = 'bom';
  let parent = 'bom';
  for (let i = 0; i < pointer.length; i++) {
    const seg = pointer[i]!;
    if (/^\d+$/.test(seg)) {
      const item = parent === 'dependsOn' ? 'dependency' : parent === 'licenses' ? 'license' : wrapperItem(parent) ?? parent;
      path = parent === 'dependsOn' ? `${path}/dependency[${Number(seg) + 1}]` : parent === 'licenses' || wrapperItem(parent) ? `${path}/${item}[${Number(seg) + 1}]` : `${path}[${Number(seg) + 1}]`;
      parent = item;
    } else if (seg === 'license' && parent === 'license') {
      continue;
    } else {
      path = seg === 'dependsOn' ? path : `${path}/${seg}`;
      parent = seg;
    }
  }
  return path;
}
