import { describe, expect, it } from 'vitest';
import { CDX_MAX_BYTES, readCycloneDx } from '../../../shared/interop/cyclonedx';
import { counter, enc, ownBytes, productOf, sbomBytes } from './cyclonedx-helpers';

const messages = (r: ReturnType<typeof readCycloneDx>) => r.errors.map((e) => `${e.column ?? ''}: ${e.reason}`).join('\n');
const xmlBom = (inner: string, version = '1.6') => `<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/${version}" version="1">${inner}</bom>`;
const json = (doc: unknown) => enc(JSON.stringify(doc));

describe('CycloneDX import refuses hostile and broken input, naming the place', () => {
  it('billion laughs: a DOCTYPE with entities is refused before parsing, nothing expanded', () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE bom [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components><component type="library"><name>&lol9;</name></component></components></bom>`;
    const r = readCycloneDx(enc(laughs), 'laughs.xml');
    expect(r.portfolio.products).toEqual([]);
    expect(messages(r)).toMatch(/declares a DOCTYPE/);
    expect(messages(r)).not.toMatch(/undefined entity|1:\d+/);
  });

  it('an external entity is refused; nothing is fetched', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${xmlBom('<components><component type="library"><name>&xxe;</name></component></components>')}`;
    const r = readCycloneDx(enc(xxe), 'xxe.xml');
    expect(r.portfolio.products).toEqual([]);
    expect(messages(r)).toMatch(/DOCTYPE/);
  });

  it('an undeclared entity is named with its element path, not the parser\'s text', () => {
    const r = readCycloneDx(enc(xmlBom('<components><component type="library"><name>a&foo;b</name></component></components>')), 'entity.xml');
    expect(messages(r)).toMatch(/bom\/components\/component\[1\]\/name: uses the entity &foo;/);
  });

  it('XML predefined entities and character references are decoded', () => {
    const r = readCycloneDx(enc(xmlBom('<components><component type="library"><name>Tom &amp; Jerry &#233;&#x4E2D;</name><version>1</version></component></components>')), 'ok.xml');
    expect(r.errors).toEqual([]);
    expect(productOf(r).components[0]!.name).toBe('Tom & Jerry é中');
  });

  it('not well-formed XML gives line and column', () => {
    const r = readCycloneDx(enc(xmlBom('<components><component type="library"><name>x</name></components>')), 'broken.xml');
    expect(messages(r)).toMatch(/not well-formed XML at line 2, column \d+/);
  });

  it('broken JSON gives line and column, not the engine\'s message', () => {
    const r = readCycloneDx(enc('{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "components": [ } \n}'), 'broken.json');
    expect(messages(r)).toMatch(/not valid JSON: unexpected "}" at line 4, column 19/);
    expect(messages(r)).not.toMatch(/Unexpected token/);
  });

  it('wrong format and unsupported versions are refused with the versions that are read', () => {
    expect(messages(readCycloneDx(ownBytes('wrong-format.json'), 'wrong-format.json'))).toMatch(/bomFormat is "SPDX", expected "CycloneDX"/);
    const old = readCycloneDx(json({ bomFormat: 'CycloneDX', specVersion: '1.1', components: [] }), 'old.json');
    expect(messages(old)).toMatch(/^specVersion: .*version "1.1" is not supported; versions 1.2, 1.3, 1.4, 1.5, 1.6, 1.7 are read/);
    const xml = readCycloneDx(enc('<bom xmlns="http://cyclonedx.org/schema/bom/1.0"><components/></bom>'), 'old.xml');
    expect(messages(xml)).toMatch(/bom\/@xmlns: .*"1.0" is not supported/);
    expect(messages(readCycloneDx(enc('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.xml'))).toMatch(/root element is not <bom>/);
    expect(messages(readCycloneDx(enc('[]'), 'a.json'))).toMatch(/JSON object/);
    // 1.2 was refused as a version before; now its own schema applies, which requires a component version.
    expect(messages(readCycloneDx(ownBytes('spec-1.2.json'), 'spec-1.2.json'))).toMatch(/components\[0\] \("x"\): "version" is required here but missing/);
  });

  it('schema violations name the JSON path and the component, in our words', () => {
    const doc = JSON.parse(new TextDecoder().decode(sbomBytes('trivy-kbom.json'))) as { components: Record<string, unknown>[] };
    doc.components[2]!.type = 'spaceship';
    doc.components[3]!.hashes = [{ alg: 'SHA-1' }];
    const r = readCycloneDx(json(doc), 'kbom.json');
    expect(r.portfolio.products).toEqual([]);
    const text = messages(r);
    expect(text).toMatch(/components\[2\]\.type \("minikube"\): "spaceship" is not an allowed value: use one of application, framework, library/);
    expect(text).toMatch(/components\[3\]\.hashes\[0\] \("kube-dns"\): "content" is required here but missing/);
    expect(text).not.toMatch(/Instance does not|A subschema/);
  });

  it('schema violations in XML name the element path', () => {
    const r = readCycloneDx(enc(xmlBom('<components><component type="library"><name>a</name></component><component type="nonsense"><name>b</name></component></components>')), 'bad.xml');
    expect(messages(r)).toMatch(/bom\/components\/component\[2\]\/type \("b"\): "nonsense" is not an allowed value/);
  });

  it('a file larger than the limit is refused by its size, before it is decoded', () => {
    const big = new Uint8Array(CDX_MAX_BYTES + 1);
    // Bytes that are not UTF-8: decoding would fail first if it ran.
    big.fill(0xff);
    const r = readCycloneDx(big, 'huge.json');
    expect(messages(r)).toMatch(/huge\.json is 100,663,297 bytes; CycloneDX files up to 100,663,296 bytes are read/);
  });

  it('text that is not UTF-8 is refused; UTF-16 with BOM and UTF-8 with BOM are read', () => {
    expect(messages(readCycloneDx(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'x.json'))).toMatch(/not UTF-8 text/);
    const text = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ type: 'library', name: 'zlib' }] });
    const u16 = new Uint8Array(2 + text.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) u16[2 + i * 2] = text.charCodeAt(i);
    const r = readCycloneDx(u16, 'u16.json');
    expect(r.errors).toEqual([]);
    expect(r.details[0]).toMatch(/UTF-16LE/);
    const bom = readCycloneDx(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]), 'bom.json');
    expect(bom.details[0]).toMatch(/UTF-8 with BOM/);
  });

  it('deep nesting and component counts are bounded; __proto__ keys are harmless', () => {
    let deep: Record<string, unknown> = { type: 'library', name: 'leaf' };
    for (let i = 0; i < 40; i++) deep = { type: 'library', name: `n${i}`, components: [deep] };
    const r = readCycloneDx(json({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [deep] }), 'deep.json', { newId: counter() });
    expect(messages(r)).toMatch(/nested deeper than 32/);
    const many = Array.from({ length: 20 }, (_, i) => ({ type: 'library', name: `lib${i}` }));
    const capped = readCycloneDx(json({ bomFormat: 'CycloneDX', specVersion: '1.5', components: many }), 'many.json', { maxComponents: 10 });
    expect(messages(capped)).toMatch(/more than 10 components/);
    const text = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"p","properties":[{"name":"__proto__","value":"x"},{"name":"supportspan:role","value":"constructor"}]}]}';
    const hostile = readCycloneDx(enc(text), 'proto.json');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(messages(hostile)).toMatch(/supportspan:role: is not one of/);
  });

  it('a bad milestone date is an error naming the component; lenient leaves it unknown and lists it', () => {
    const strict = readCycloneDx(ownBytes('bad-date-1.6.json'), 'bad-date-1.6.json');
    expect(strict.errors).toHaveLength(2);
    expect(strict.errors[0]).toMatchObject({ value: '2027-02-30' });
    expect(strict.errors[0]!.column).toMatch(/"main-fw" cdx:lifecycle:milestone:endOfSupport/);
    expect(strict.errors[1]).toMatchObject({ value: 'soon' });
    const lenient = readCycloneDx(ownBytes('bad-date-1.6.json'), 'bad-date-1.6.json', { lenient: true });
    expect(lenient.errors).toEqual([]);
    expect(lenient.notes.filter((n) => n.understoodAs === 'unknown').map((n) => n.original)).toEqual(['2027-02-30', 'soon']);
    const fw = productOf(lenient).components.find((c) => c.name === 'main-fw')!;
    expect(fw.securitySupportEnd).toBeNull();
    expect(productOf(lenient).components.find((c) => c.name === 'freertos')!.securitySupportEnd).toBe('2026-06-30');
  });
});

describe('CycloneDX uniqueness is checked in linear time, as the schema wants it', () => {
  it('a component listed twice is refused with its place', () => {
    const c = { type: 'library', name: 'zlib', version: '1.3' };
    const r = readCycloneDx(enc(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [c, { ...c, name: 'x' }, c] })), 'dup.json');
    expect(r.portfolio.products).toEqual([]);
    expect(messages(r)).toMatch(/components\[2\] \("zlib"\): repeats an earlier item of the same list exactly/);
  });
});

describe('CycloneDX XML nesting', () => {
  it('elements nested absurdly deep are refused with the reason, not a parser message', () => {
    const deep = `${'<component type="library"><name>n</name><components>'.repeat(60)}${'</components></component>'.repeat(60)}`;
    const r = readCycloneDx(enc(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"><components>${deep}</components></bom>`), 'deep.xml');
    expect(r.portfolio.products).toEqual([]);
    expect(messages(r)).toMatch(/deeper than/);
  });
});
