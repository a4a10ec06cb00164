import { describe, expect, it } from 'vitest';
import { productSchema } from '../../../shared/domain/schemas';
import { exportCycloneDx, readCycloneDx } from '../../../shared/interop/cyclonedx';
import { ajvFor, counter, enc, productOf, readSbom } from './cyclonedx-helpers';
import { sampleLine, sampleProduct } from './sample-product';

const opts = { timestamp: '2026-01-15T09:30:00Z', toolVersion: '0.1.0' };
type Doc = {
  metadata: { manufacturer?: { name: string }; component: { type: string; name: string; properties: { name: string; value: string }[] } };
  components: { name: string; type: string; 'bom-ref': string; properties: { name: string; value: string }[]; cryptoProperties?: unknown; group?: string; licenses?: unknown; hashes?: unknown }[];
  dependencies: { ref: string; dependsOn?: string[] }[];
  serialNumber: string;
};
const exported = (p = sampleProduct) => JSON.parse(JSON.stringify(exportCycloneDx(p, sampleLine, opts))) as Doc;
const propsOf = (c: { properties: { name: string; value: string }[] }) => Object.fromEntries(c.properties.map((p) => [p.name, p.value]));

/** The sample product with the SBOM fields set, as an imported product has them. */
const rich = productSchema.parse({
  ...sampleProduct,
  manufacturer: 'Acme Devices',
  components: sampleProduct.components.map((c, i) => (i === 0
    ? { ...c, group: 'org.kernel', licenses: ['GPL-2.0-only'], hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }], manufacturer: 'Linux Foundation', milestones: { endOfLife: '2027-06', generalAvailability: '2023-10-30' }, bomRef: 'pkg:generic/linux@6.6.30' }
    : i === 1 ? { ...c, dependsOn: ['c-kernel', 'c-wifi'], licenses: ['Apache-2.0 OR MIT'], parentPath: ['Main board'] } : c)),
});

describe('CycloneDX export', () => {
  it('is valid against the official CycloneDX 1.6 schema (ajv), and the check is real', () => {
    const validate = ajvFor('1.6');
    expect(validate(exported(rich)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...exported(rich), serialNumber: 'not-a-urn', components: [{ name: 'no type' }] })).toBe(false);
  });

  it('is deterministic and derives the serial number from its input', () => {
    expect(JSON.stringify(exported(rich))).toBe(JSON.stringify(exported(rich)));
    expect(exported(rich).serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('milestones are full dates; a certificate expiry is notValidAfter, never endOfLife', () => {
    const doc = exported(rich);
    const byName = new Map(doc.components.map((c) => [c.name, c]));
    const kernel = propsOf(byName.get('Linux kernel')!);
    expect(kernel['cdx:lifecycle:milestone:endOfSupport']).toBe('2026-12-31');
    expect(kernel['cdx:lifecycle:milestone:endOfLife']).toBe('2027-06-30');
    expect(propsOf(byName.get('Main firmware')!)['cdx:lifecycle:milestone:endOfSupport']).toBe('2033-06-30');
    const cert = byName.get('Cloud client certificate')!;
    expect(cert.type).toBe('cryptographic-asset');
    expect(cert.cryptoProperties).toEqual({ assetType: 'certificate', certificateProperties: { notValidAfter: '2030-03-15T23:59:59Z' } });
    expect(Object.keys(propsOf(cert)).filter((k) => k.includes('endOfLife'))).toEqual([]);
    expect(byName.get('Relay (boiler switch)')!.type).toBe('device');
  });

  it("the product's placing dates, declared support end and manufacturer go where the taxonomy and spec have them", () => {
    const doc = exported(rich);
    expect(doc.metadata.manufacturer).toEqual({ name: 'Acme Devices' });
    const p = propsOf(doc.metadata.component);
    expect(p).toMatchObject({
      'cdx:lifecycle:milestone:generalAvailability': '2025-03-01',
      'cdx:lifecycle:milestone:endOfProduction': '2029-12-31',
      'cdx:lifecycle:milestone:endOfSupport': '2032-12-31',
    });
  });

  it('group, licenses, hashes and the dependency graph are written as read', () => {
    const doc = exported(rich);
    const kernel = doc.components.find((c) => c.name === 'Linux kernel')!;
    expect(kernel).toMatchObject({ group: 'org.kernel', licenses: [{ license: { id: 'GPL-2.0-only' } }], hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }] });
    expect(doc.components.find((c) => c.name === 'Main firmware')!.licenses).toEqual([{ expression: 'Apache-2.0 OR MIT' }]);
    expect(doc.dependencies).toContainEqual({ ref: 'component-c-fw', dependsOn: ['component-c-kernel', 'component-c-wifi'] });
    const root = doc.dependencies[0]!;
    expect(root.ref).toBe('product-thermo-t2');
    expect(root.dependsOn).not.toContain('component-c-kernel');
    expect(root.dependsOn).toContain('component-c-fw');
  });

  it('round trip: export -> validate -> import gives the same components', () => {
    const text = JSON.stringify(exportCycloneDx(rich, sampleLine, opts));
    expect(ajvFor('1.6')(JSON.parse(text))).toBe(true);
    const r = readCycloneDx(enc(text), 'thermo.cdx.json', { newId: counter() });
    expect(r.errors).toEqual([]);
    const back = productOf(r);
    expect(back.id).toBe(rich.id);
    expect(back.components).toEqual(rich.components);
    expect(back).toMatchObject({ manufacturer: 'Acme Devices', firstPlacedOnMarket: '2025-03-01', lastPlacedOnMarket: '2029-12', declaredSupportEnd: '2032-12' });
  });

  it('round trip of a real SBOM: import -> export -> validate -> import keeps the components and the graph', () => {
    for (const name of ['cdxgen-ddc-sbom.json', 'bomex-dropwizard-1.3.15.xml', 'spec-valid-service-1.6.json']) {
      const first = productOf(readSbom(name));
      const doc = exportCycloneDx(first, null, opts);
      const validate = ajvFor('1.6');
      expect(validate(doc), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      const again = productOf(readCycloneDx(enc(JSON.stringify(doc)), `${name}.cdx.json`, { newId: counter() }));
      const strip = (cs: typeof first.components) => cs.map(({ bomRef: _b, sources: _s, ...c }) => c);
      expect(strip(again.components), name).toEqual(strip(first.components));
    }
  });
});
