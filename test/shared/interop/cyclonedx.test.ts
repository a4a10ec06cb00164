import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { exportCycloneDx, importCycloneDx, readBomDate } from '../../../shared/interop/cyclonedx';
import { sampleLine, sampleProduct } from './sample-product';

const fixtures = fileURLToPath(new URL('../../fixtures/interop/', import.meta.url));
const readJson = (name: string): unknown => JSON.parse(readFileSync(`${fixtures}${name}`, 'utf8'));

function validatorFor(version: '1.4' | '1.5' | '1.6') {
  // The schemas declare draft-07; iri-reference and idn-email are not in ajv-formats and are accepted unchecked.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: { 'iri-reference': true, 'idn-email': true } });
  addFormats(ajv);
  ajv.addSchema(readJson('cyclonedx-schema/spdx.schema.json') as object);
  ajv.addSchema(readJson('cyclonedx-schema/jsf-0.82.schema.json') as object);
  return ajv.compile(readJson(`cyclonedx-schema/bom-${version}.schema.json`) as object);
}

const counter = () => {
  let n = 0;
  return () => `new-${++n}`;
};

describe('CycloneDX export', () => {
  const opts = { timestamp: '2026-01-15T09:30:00Z', toolVersion: '0.1.0' };

  it('is valid against the official CycloneDX 1.6 JSON schema', () => {
    const validate = validatorFor('1.6');
    const doc = exportCycloneDx(sampleProduct, sampleLine, opts);
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is real: a broken document fails it', () => {
    const validate = validatorFor('1.6');
    const doc = exportCycloneDx(sampleProduct, sampleLine, opts) as Record<string, unknown>;
    const broken = { ...doc, serialNumber: 'not-a-urn', components: [{ name: 'no type' }] };
    expect(validate(broken)).toBe(false);
  });

  it('is deterministic and derives the serial number from its input', () => {
    const a = JSON.stringify(exportCycloneDx(sampleProduct, sampleLine, opts));
    const b = JSON.stringify(exportCycloneDx(sampleProduct, sampleLine, opts));
    expect(a).toBe(b);
    const later = exportCycloneDx(sampleProduct, sampleLine, { ...opts, timestamp: '2026-01-16T09:30:00Z' });
    expect(later.serialNumber).not.toBe(JSON.parse(a).serialNumber);
    expect(JSON.parse(a).serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(exportCycloneDx(sampleProduct, sampleLine, { ...opts, serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000' }).serialNumber)
      .toBe('urn:uuid:00000000-0000-4000-8000-000000000000');
  });

  it('writes lifecycle milestones and mechanical parts as devices', () => {
    const doc = exportCycloneDx(sampleProduct, sampleLine, opts) as { metadata: { component: { type: string; name: string } }; components: { name: string; type: string; properties: { name: string; value: string }[] }[] };
    expect(doc.metadata.component).toMatchObject({ type: 'device', name: sampleProduct.name });
    const byName = new Map(doc.components.map((c) => [c.name, c]));
    const props = (n: string) => Object.fromEntries(byName.get(n)!.properties.map((p) => [p.name, p.value]));
    expect(props('Linux kernel')['cdx:lifecycle:milestone:endOfSupport']).toBe('2026-12-31');
    expect(byName.get('Linux kernel')!.type).toBe('operating-system');
    expect(props('Wi-Fi module')['cdx:lifecycle:milestone:endOfGuaranteedSupport']).toBe('2034-12-31');
    expect(props('Cloud client certificate')['cdx:lifecycle:milestone:endOfLife']).toBe('2030-03-15');
    expect(byName.get('Relay (boiler switch)')!.type).toBe('device');
    expect(props('Relay (boiler switch)')['supportspan:class']).toBe('mechanical');
  });

  it('rejects a timestamp that is not a date-time', () => {
    expect(() => exportCycloneDx(sampleProduct, sampleLine, { ...opts, timestamp: '2026-01-15' })).toThrow(/not an ISO date-time/);
  });

  it('round trip export -> import keeps every field', () => {
    const doc = JSON.parse(JSON.stringify(exportCycloneDx(sampleProduct, sampleLine, opts)));
    const result = importCycloneDx(doc, { keepIds: true });
    expect(result.errors).toEqual([]);
    expect(result.components).toEqual(sampleProduct.components);
  });
});

describe('CycloneDX import', () => {
  it('1.4, flat: names, versions, suppliers (supplier, publisher, author), purl, cpe and roles', () => {
    const r = importCycloneDx(readJson('cyclonedx/flat-1.4.json'), { fileName: 'flat-1.4.json', newId: counter() });
    expect(r.errors).toEqual([]);
    expect(r.components.map((c) => [c.name, c.role, c.version, c.supplier])).toEqual([
      ['linux', 'os', '6.6.30', 'kernel.org'],
      ['openssl', 'crypto', '3.0.13', 'OpenSSL Software Foundation'],
      ['thermostat-app', 'firmware', '2.1.0', 'Acme Devices'],
      ['zlib', 'other', '1.3.1', ''],
    ]);
    expect(r.components[0]).toMatchObject({ class: 'it', purl: 'pkg:generic/linux@6.6.30', cpe: 'cpe:2.3:o:linux:linux_kernel:6.6.30:*:*:*:*:*:*:*', id: 'new-1' });
    expect(r.warnings.join('\n')).toContain('"zlib"');
  });

  it('1.5, nested components are all imported, depth first', () => {
    const r = importCycloneDx(readJson('cyclonedx/nested-1.5.json'), { newId: counter() });
    expect(r.errors).toEqual([]);
    expect(r.components.map((c) => [c.name, c.role])).toEqual([
      ['Compute module CM4', 'other'],
      ['Wi-Fi/Bluetooth radio CYW43455', 'radio'],
      ['u-boot', 'firmware'],
      ['Yocto Project poky', 'os'],
      ['gateway-agent', 'other'],
      ['device identity certificate', 'crypto'],
    ]);
    expect(r.components[4]!.supplier).toBe('Acme');
  });

  it('1.6, lifecycle properties become dates with a source note', () => {
    const r = importCycloneDx(readJson('cyclonedx/lifecycle-1.6.json'), { fileName: 'lifecycle-1.6.json', newId: counter() });
    expect(r.errors).toEqual([]);
    const [kernel, soc, cert, mbed] = r.components;
    expect(kernel).toMatchObject({ securitySupportEnd: '2027-12-31', sources: { securitySupportEnd: 'CycloneDX lifecycle-1.6.json' } });
    expect(soc).toMatchObject({ sparePartsUntil: '2030-06', securitySupportEnd: '2031-12-31', role: 'soc' });
    expect(r.warnings.some((w) => w.includes('nRF52840') && w.includes('endOfLife'))).toBe(true);
    expect(cert).toMatchObject({ role: 'crypto', securitySupportEnd: '2029-03-15' });
    expect(mbed).toMatchObject({ role: 'crypto', securitySupportEnd: null, purl: 'pkg:github/mbed-tls/mbedtls@3.6.0' });
  });

  it('a bad date is an error naming the component, never a value', () => {
    const r = importCycloneDx(readJson('cyclonedx/bad-date-1.6.json'), { newId: counter() });
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/"main-fw".*endOfSupport.*2027-02-30/);
    expect(r.errors[1]).toMatch(/"lwip".*"soon"/);
    expect(r.components.find((c) => c.name === 'main-fw')!.securitySupportEnd).toBeNull();
    expect(r.components.find((c) => c.name === 'lwip')!.securitySupportEnd).toBeNull();
    expect(r.components.find((c) => c.name === 'freertos')!.securitySupportEnd).toBe('2026-06-30');
  });

  it('refuses other formats and spec versions with a clear message', () => {
    expect(importCycloneDx(readJson('cyclonedx/wrong-format.json')).errors[0]).toMatch(/bomFormat is "SPDX", expected "CycloneDX"/);
    expect(importCycloneDx(readJson('cyclonedx/spec-1.2.json')).errors[0]).toMatch(/specVersion "1.2" is not supported: use 1.4, 1.5, 1.6/);
    expect(importCycloneDx([]).errors[0]).toMatch(/JSON object/);
    expect(importCycloneDx('{"bomFormat":').errors[0]).toMatch(/not valid JSON/);
  });

  it('hostile input: deep nesting, huge counts and __proto__ keys are harmless', () => {
    let deep: Record<string, unknown> = { type: 'library', name: 'leaf' };
    for (let i = 0; i < 100; i++) deep = { type: 'library', name: `n${i}`, components: [deep] };
    const r = importCycloneDx({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [deep] }, { newId: counter() });
    expect(r.errors.join('\n')).toMatch(/nested deeper than 32/);
    expect(r.components.length).toBeLessThanOrEqual(32);

    const many = Array.from({ length: 20 }, (_, i) => ({ type: 'library', name: `lib${i}` }));
    const capped = importCycloneDx({ bomFormat: 'CycloneDX', specVersion: '1.5', components: many }, { maxComponents: 10, newId: counter() });
    expect(capped.components).toHaveLength(10);
    expect(capped.errors[0]).toMatch(/more than 10 components/);

    const text = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"p","__proto__":{"polluted":true},"properties":[{"name":"__proto__","value":"x"},{"name":"supportspan:role","value":"constructor"}]}]}';
    const hostile = importCycloneDx(text, { newId: counter() });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(hostile.errors.join('\n')).toMatch(/supportspan:role "constructor" is not one of/);
    expect(hostile.components[0]!.role).toBe('other');
  });

  it('reads date-times as their date part and refuses what is not a date', () => {
    expect(readBomDate('2027-12-31T23:59:59+01:00')).toEqual({ ok: true, date: '2027-12-31' });
    expect(readBomDate('2027-12')).toEqual({ ok: true, date: '2027-12' });
    expect(readBomDate('31.12.2027').ok).toBe(false);
    expect(readBomDate('2027-13-01').ok).toBe(false);
  });

  it('ids from another document are fresh unless asked to keep them; duplicates never survive', () => {
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [
      { type: 'library', name: 'a', 'bom-ref': 'component-same' },
      { type: 'library', name: 'b', 'bom-ref': 'component-same' },
    ] };
    const kept = importCycloneDx(doc, { keepIds: true, newId: counter() });
    expect(kept.components.map((c) => c.id)).toEqual(['same', 'new-1']);
    expect(importCycloneDx(doc, { newId: counter() }).components.map((c) => c.id)).toEqual(['new-1', 'new-2']);
  });
});
