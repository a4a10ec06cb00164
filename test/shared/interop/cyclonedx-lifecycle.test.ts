import { describe, expect, it } from 'vitest';
import { MILESTONES, MILESTONE_NAMES, classifyProperty, readCycloneDx } from '../../../shared/interop/cyclonedx';
import { enc, ownBytes, productOf } from './cyclonedx-helpers';

const doc = (components: unknown[], metadata: unknown = undefined) =>
  enc(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...(metadata ? { metadata } : {}), components }));
const ms = (pairs: Record<string, string>) => Object.entries(pairs).map(([k, v]) => ({ name: `cdx:lifecycle:milestone:${k}`, value: v }));

describe('CycloneDX lifecycle milestones, certificates and unknown cdx: properties', () => {
  it('knows the eight official milestones of the taxonomy with their meaning', () => {
    expect(MILESTONE_NAMES).toEqual(['generalAvailability', 'endOfMarketing', 'endOfProduction', 'endOfDevelopment', 'endOfGuaranteedSupport', 'endOfSupport', 'endOfLife', 'endOfBusinessOperations']);
    expect(MILESTONES.endOfGuaranteedSupport).toMatch(/spare parts/);
    expect(classifyProperty('cdx:lifecycle:milestone:endOfSecuritySupport')).toEqual({ kind: 'unknown-cdx' });
    expect(classifyProperty('cdx:npm:package:path')).toEqual({ kind: 'registered' });
    expect(classifyProperty('aquasecurity:trivy:Type')).toEqual({ kind: 'other' });
  });

  it('every milestone goes to its field; the rest are kept as milestones; each is listed with its meaning', () => {
    const r = readCycloneDx(doc([{ type: 'operating-system', name: 'Linux kernel', version: '6.1', properties: ms({
      generalAvailability: '2022-12-11', endOfMarketing: '2026-01', endOfProduction: '2026-06-30', endOfDevelopment: '2027-01-01',
      endOfGuaranteedSupport: '2027-06', endOfSupport: '2027-12-31T00:00:00Z', endOfLife: '2028-12-31', endOfBusinessOperations: '2040-01-01',
    }) }]), 'k.json');
    expect(r.errors).toEqual([]);
    const [k] = productOf(r).components;
    expect(k).toMatchObject({
      securitySupportEnd: '2027-12-31', sparePartsUntil: '2027-06',
      milestones: { generalAvailability: '2022-12-11', endOfMarketing: '2026-01', endOfProduction: '2026-06-30', endOfDevelopment: '2027-01-01', endOfLife: '2028-12-31', endOfBusinessOperations: '2040-01-01' },
      sources: { securitySupportEnd: 'CycloneDX k.json', sparePartsUntil: 'CycloneDX k.json' },
    });
    // endOfLife (the end of sales) is not a support end: it does not fill one in.
    expect(r.milestones).toHaveLength(8);
    expect(r.milestones.find((m) => m.milestone === 'endOfSupport')).toMatchObject({ field: 'securitySupportEnd', meaning: MILESTONES.endOfSupport });
    expect(r.notes).toContainEqual(expect.objectContaining({ original: '2027-12-31T00:00:00Z', understoodAs: '2027-12-31' }));
  });

  it('the project fixture: endOfLife of a SoC is kept as a milestone, not taken as its support end', () => {
    const r = readCycloneDx(ownBytes('lifecycle-1.6.json'), 'lifecycle-1.6.json');
    expect(r.errors).toEqual([]);
    const soc = productOf(r).components.find((c) => c.name === 'nRF52840 SoC')!;
    expect(soc).toMatchObject({ role: 'soc', class: 'it', sparePartsUntil: '2030-06', securitySupportEnd: null, milestones: { endOfLife: '2031-12-31' } });
  });

  it('unknown cdx: names are reported with their place and not used', () => {
    const r = readCycloneDx(doc([{ type: 'library', name: 'zlib', version: '1', properties: [
      { name: 'cdx:lifecycle:milestone:endOfSecuritySupport', value: '2030-01-01' },
      { name: 'cdx:made:up', value: 'x' },
      { name: 'cdx:npm:package:path', value: 'node_modules/zlib' },
    ] }]), 'u.json');
    expect(r.unknownProperties).toEqual([
      { place: 'components[0].properties[0]', name: 'cdx:lifecycle:milestone:endOfSecuritySupport' },
      { place: 'components[0].properties[1]', name: 'cdx:made:up' },
    ]);
    expect(productOf(r).components[0]!.securitySupportEnd).toBeNull();
    expect(r.details.join('\n')).toMatch(/2 cdx: properties are not in the CycloneDX taxonomy/);
  });

  it("a certificate's notValidAfter is its expiry", () => {
    const r = readCycloneDx(doc([{ type: 'cryptographic-asset', name: 'device identity', 'bom-ref': 'cert-1',
      cryptoProperties: { assetType: 'certificate', certificateProperties: { notValidAfter: '2031-05-01T12:00:00Z' } } }]), 'c.json');
    expect(r.errors).toEqual([]);
    expect(productOf(r).components[0]).toMatchObject({ role: 'certificate', expires: '2031-05-01', sources: { expires: 'CycloneDX c.json' } });
  });

  it('the product: placing dates, declared support end and manufacturer from metadata', () => {
    const r = readCycloneDx(doc([], {
      manufacturer: { name: 'Acme Devices' },
      component: { type: 'device', name: 'Thermostat T2', version: 'T2-EU', 'bom-ref': 'root', properties: ms({ generalAvailability: '2025-03-01', endOfProduction: '2029-12', endOfSupport: '2032-12-31' }) },
    }), 't.json');
    expect(r.errors).toEqual([]);
    expect(productOf(r)).toMatchObject({ name: 'Thermostat T2', sku: 'T2-EU', manufacturer: 'Acme Devices', firstPlacedOnMarket: '2025-03-01', lastPlacedOnMarket: '2029-12', declaredSupportEnd: '2032-12-31' });
    expect(r.portfolio.lines[0]!.name).toBe('Acme Devices');
  });

  it('matches metadata.component to a workspace product by name', () => {
    const r = readCycloneDx(doc([], { component: { type: 'device', name: 'Hub H1' } }), 'h.json', { products: [{ id: 'p1', name: 'Other' }, { id: 'hub', name: 'hub h1' }] });
    expect(r.productMatch).toEqual({ productId: 'hub', by: 'name' });
  });

  it('role guesses: CycloneDX type, then purl type, then name; each says why', () => {
    const r = readCycloneDx(doc([
      { type: 'library', name: 'openssl', version: '3', purl: 'pkg:deb/debian/openssl@3' },
      { type: 'library', name: 'kernel-utils', version: '1', purl: 'pkg:npm/kernel-utils@1' },
      { type: 'machine-learning-model', name: 'wake word', version: '1' },
      { type: 'library', name: 'bert', version: '1', purl: 'pkg:huggingface/google/bert@1' },
      { type: 'device', name: 'BLE radio module', version: '1' },
      { type: 'device', name: 'PCB main board', version: 'r3' },
      { type: 'library', name: 'FreeRTOS', version: '10' },
      { type: 'library', name: 'linux-image-6.1', version: '6.1', purl: 'pkg:deb/debian/linux-image-6.1@6.1' },
    ]), 'g.json');
    expect(r.guesses.map((g) => [g.name, g.role, g.by])).toEqual([
      ['openssl', 'crypto', 'name'],
      ['kernel-utils', 'other', 'purl'],
      ['wake word', 'ai-model', 'type'],
      ['bert', 'ai-model', 'purl'],
      ['BLE radio module', 'radio', 'name'],
      ['PCB main board', 'hardware', 'type'],
      ['FreeRTOS', 'os', 'name'],
      ['linux-image-6.1', 'os', 'name'],
    ]);
    expect(r.guesses[0]!.reason).toMatch(/purl type deb \(an operating-system package\)/);
  });
});
