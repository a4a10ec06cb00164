import { describe, expect, it } from 'vitest';
import { readCycloneDx } from '../../../shared/interop/cyclonedx';
import { ownBytes, productOf, readSbom } from './cyclonedx-helpers';

describe('CycloneDX import of real SBOMs', () => {
  it('cdxgen 1.4 JSON: metadata.component is the product, group kept, the graph kept, repeated names told apart', () => {
    const r = readSbom('cdxgen-ddc-sbom.json');
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('cyclonedx-json');
    expect(r.specVersion).toBe('1.4');
    const p = productOf(r);
    expect(p.name).toBe('dependency-diff-check');
    expect(p.components).toHaveLength(56);
    const boot = p.components.find((c) => c.name === 'spring-boot')!;
    expect(boot).toMatchObject({ group: 'org.springframework.boot', version: '3.0.1', purl: 'pkg:maven/org.springframework.boot/spring-boot@3.0.1?type=jar', bomRef: 'pkg:maven/org.springframework.boot/spring-boot@3.0.1?type=jar' });
    const auto = p.components.find((c) => c.name === 'spring-boot-autoconfigure')!;
    expect(auto.dependsOn).toEqual([boot.id]);
    expect(p.components.filter((c) => (c.dependsOn?.length ?? 0) > 0)).toHaveLength(30);
    // slf4j-api appears three times (three versions): every name is distinct afterwards.
    const names = p.components.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(p.components.filter((c) => c.name.includes('slf4j-api'))).toHaveLength(3);
    expect(r.notes.filter((n) => n.original === 'slf4j-api')).toHaveLength(2);
    // Maven packages are software: purl before name, shown as guesses.
    expect(r.guesses.find((g) => g.componentId === boot.id)).toMatchObject({ role: 'other', by: 'purl' });
  });

  it('trivy 1.5 KBOM: the kubernetes cluster is the product; OS, platform, applications and containers', () => {
    const r = readSbom('trivy-kbom.json');
    expect(r.errors).toEqual([]);
    const p = productOf(r);
    expect(p.name).toBe('k8s.io/kubernetes');
    expect(p.components).toHaveLength(17);
    expect(p.components.find((c) => c.name === 'ubuntu')).toMatchObject({ role: 'os', class: 'it' });
    expect(r.guesses.find((g) => g.name === 'ubuntu')).toMatchObject({ by: 'type' });
    expect(p.components.filter((c) => (c.dependsOn?.length ?? 0) > 0).length).toBeGreaterThan(0);
    // aquasecurity:* properties are another vendor's: neither used nor reported as cdx: names.
    expect(r.unknownProperties).toEqual([]);
  });

  it('trivy 1.5 image: the OS package graph', () => {
    const r = readSbom('trivy-centos-7-1.5.json');
    expect(r.errors).toEqual([]);
    const p = productOf(r);
    expect(p.components.map((c) => [c.name, c.role])).toContainEqual(['centos', 'os']);
    expect(p.components).toHaveLength(3);
  });

  it('syft 1.6 and the 1.7 spec examples (JSON) are read; hashes are kept', () => {
    expect(productOf(readSbom('syft-micronaut-1.6.json')).components).toHaveLength(1);
    const r = readSbom('spec-valid-component-hashes-1.7.json');
    expect(r.errors).toEqual([]);
    expect(r.specVersion).toBe('1.7');
    const [c] = productOf(r).components;
    expect(c!.hashes!.length).toBeGreaterThan(3);
    expect(c!.hashes![0]).toMatchObject({ alg: expect.any(String), content: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(productOf(readSbom('spec-valid-component-data-1.7.json')).components).toHaveLength(1);
  });

  it('1.6 component types: the file is left out and counted, device is hardware, firmware and OS by type', () => {
    const r = readSbom('spec-valid-component-types-1.6.json');
    expect(r.errors).toEqual([]);
    expect(r.skippedFiles).toBe(1);
    const p = productOf(r);
    expect(p.components).toHaveLength(8);
    const byType = (role: string) => p.components.filter((c) => c.role === role).map((c) => c.name);
    expect(byType('hardware')).toHaveLength(1);
    expect(p.components.find((c) => c.role === 'hardware')!.class).toBe('mechanical');
    expect(byType('firmware')).toHaveLength(1);
    expect(byType('os')).toHaveLength(1);
    expect(readSbom('spec-valid-component-types-1.6.json', { includeFiles: true }).portfolio.products[0]!.components).toHaveLength(9);
  });

  it('1.6 services become ecosystem components with role cloud, with the dependency on them', () => {
    const r = readSbom('spec-valid-service-1.6.json');
    expect(r.errors).toEqual([]);
    expect(r.services).toBe(1);
    const p = productOf(r);
    const svc = p.components.find((c) => c.name === 'Stock ticker service')!;
    expect(svc).toMatchObject({ role: 'cloud', class: 'it', supplier: 'Partner Org', group: 'org.partner', version: '2020-Q2' });
    const client = p.components.find((c) => c.name === 'stock-java-client')!;
    expect(client.dependsOn).toEqual([svc.id]);
  });

  it('dropwizard 1.2 XML: components, licenses, hashes, group and the graph', () => {
    const r = readSbom('bomex-dropwizard-1.3.15.xml');
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('cyclonedx-xml');
    expect(r.specVersion).toBe('1.2');
    const p = productOf(r);
    expect(p.name).toBe('dropwizard-parent');
    expect(p.components).toHaveLength(167);
    const jsr = p.components.find((c) => c.name === 'jackson-datatype-jsr310')!;
    // CDATA is taken literally (the description has a bare "&"), so the file reads.
    expect(jsr.group).toBe('com.fasterxml.jackson.datatype');
    expect(jsr.licenses).toEqual(['Apache-2.0']);
    expect(jsr.hashes!.map((h) => h.alg)).toContain('SHA-256');
    expect(p.components.filter((c) => (c.dependsOn?.length ?? 0) > 0)).toHaveLength(61);
  });

  it('juice-shop 1.4 XML: over a thousand npm packages with licenses', () => {
    const r = readSbom('bomex-juice-shop-bare-1.4.xml');
    expect(r.errors).toEqual([]);
    const p = productOf(r);
    expect(p.name).toBe('juice-shop');
    expect(p.components).toHaveLength(1115);
    expect(p.components.filter((c) => (c.licenses?.length ?? 0) > 0).length).toBeGreaterThan(1000);
    expect(p.components.filter((c) => (c.dependsOn?.length ?? 0) > 0)).toHaveLength(615);
    const names = p.components.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('1.7 XML: an assembly keeps its parent path; services nested in it are read', () => {
    const r = readSbom('spec-valid-assembly-1.7.xml');
    expect(r.errors).toEqual([]);
    expect(r.specVersion).toBe('1.7');
    const p = productOf(r);
    expect(p.components).toHaveLength(4);
    expect(r.services).toBe(2);
    expect(p.components.some((c) => (c.parentPath?.length ?? 0) > 0)).toBe(true);
    const hashes = productOf(readSbom('spec-valid-component-hashes-1.7.xml')).components[0]!;
    expect(hashes.hashes!.length).toBeGreaterThan(3);
  });

  it('JSON and XML of the same 1.7 document give the same components', () => {
    const strip = (name: string) => productOf(readSbom(name)).components.map(({ id: _id, sources: _s, ...rest }) => rest);
    expect(strip('spec-valid-component-hashes-1.7.xml')).toEqual(strip('spec-valid-component-hashes-1.7.json'));
  });
});

describe('CycloneDX HBOM with nesting (the project fixture)', () => {
  it('nested components keep their parent path; a device is hardware, its radio a radio', () => {
    // Written as 1.5, it uses a component manufacturer and a cryptographic asset, which only 1.6 has: that version's schema says so.
    const as15 = readCycloneDx(ownBytes('nested-1.5.json'), 'nested-1.5.json');
    expect(as15.errors).toContainEqual({ row: 0, column: 'components[1] ("gateway-agent")', reason: '"manufacturer" is not a field this CycloneDX version allows here' });
    expect(as15.errors.map((e) => e.column)).toContain('components[2].type ("device identity certificate")');
    const doc = { ...(JSON.parse(new TextDecoder().decode(ownBytes('nested-1.5.json'))) as object), specVersion: '1.6' };
    const r = readCycloneDx(new TextEncoder().encode(JSON.stringify(doc)), 'nested-1.6.json');
    expect(r.errors).toEqual([]);
    expect(productOf(r).components.find((c) => c.name === 'gateway-agent')!.manufacturer).toBe('Acme');
    const byName = new Map(productOf(r).components.map((c) => [c.name, c]));
    expect(byName.get('Compute module CM4')).toMatchObject({ role: 'hardware', class: 'mechanical' });
    expect(byName.get('Compute module CM4')!.parentPath).toBeUndefined();
    expect(byName.get('Wi-Fi/Bluetooth radio CYW43455')).toMatchObject({ role: 'radio', class: 'it', parentPath: ['Compute module CM4'] });
    expect(byName.get('Yocto Project poky')).toMatchObject({ role: 'os', parentPath: ['Compute module CM4', 'u-boot'] });
    expect(byName.get('device identity certificate')!.role).toMatch(/^(certificate|crypto)$/);
  });
});

describe('an imported SBOM survives the CSV template round trip', () => {
  it('repeated names were told apart and npm scopes keep their @, so every component comes back as it was', async () => {
    const { portfolioToCsv } = await import('../../../shared/csv');
    const { readSpreadsheet } = await import('../../../shared/import/spreadsheet');
    const csv = (p: Parameters<typeof portfolioToCsv>[0]) => new TextEncoder().encode(portfolioToCsv(p));
    const r = readSbom('cdxgen-ddc-sbom.json');
    const back = await readSpreadsheet(csv(r.portfolio), 'ddc.csv');
    expect(back.errors).toEqual([]);
    expect(back.portfolio.products[0]!.components.map((c) => [c.name, c.version])).toEqual(productOf(r).components.map((c) => [c.name, c.version]));
    // juice-shop: 1115 npm packages, many named alike ("core" of several scopes), many starting with @: all come back unchanged.
    const shop = readSbom('bomex-juice-shop-bare-1.4.xml');
    const shopBack = await readSpreadsheet(csv(shop.portfolio), 'shop.csv');
    expect(shopBack.errors).toEqual([]);
    const names = productOf(shop).components.map((c) => c.name);
    expect(names.some((n) => n.startsWith('@'))).toBe(true);
    expect(shopBack.portfolio.products[0]!.components.map((c) => c.name)).toEqual(names);
    // the guard the export put before "@…" is taken off with a note, never silently
    expect(shopBack.notes.some((n) => n.original.startsWith("'@") && n.understoodAs === n.original.slice(1))).toBe(true);
  });
});
