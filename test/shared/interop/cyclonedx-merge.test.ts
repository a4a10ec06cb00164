import { describe, expect, it } from 'vitest';
import { componentSchema, productSchema } from '../../../shared/domain/schemas';
import { applySbomMerge, planSbomMerge, readCycloneDx } from '../../../shared/interop/cyclonedx';
import { counter, enc, productOf, readSbom, sbomBytes } from './cyclonedx-helpers';

type Doc = { components: Record<string, unknown>[]; dependencies: { ref: string; dependsOn?: string[] }[] };
const cdxgen = (): Doc => JSON.parse(new TextDecoder().decode(sbomBytes('cdxgen-ddc-sbom.json'))) as Doc;

/** A newer cdxgen run: spring-boot 3.0.1 -> 3.0.2 (new purl and bom-ref), gson's first entry gone, zstd added. */
function newerRun(): Doc {
  const doc = cdxgen();
  const boot = doc.components.find((c) => c.name === 'spring-boot')!;
  const oldRef = boot['bom-ref'] as string;
  const newRef = oldRef.replace('3.0.1', '3.0.2');
  Object.assign(boot, { version: '3.0.2', purl: newRef, 'bom-ref': newRef });
  for (const d of doc.dependencies) {
    if (d.ref === oldRef) d.ref = newRef;
    d.dependsOn = d.dependsOn?.map((r) => (r === oldRef ? newRef : r));
  }
  const gone = doc.components.findIndex((c) => c.name === 'gson');
  const goneRef = doc.components[gone]!['bom-ref'] as string;
  doc.components.splice(gone, 1);
  doc.dependencies = doc.dependencies.filter((d) => d.ref !== goneRef).map((d) => ({ ...d, dependsOn: d.dependsOn?.filter((r) => r !== goneRef) }));
  doc.components.push({ type: 'library', group: 'com.github.luben', name: 'zstd-jni', version: '1.5.5-1', purl: 'pkg:maven/com.github.luben/zstd-jni@1.5.5-1?type=jar', 'bom-ref': 'pkg:maven/com.github.luben/zstd-jni@1.5.5-1?type=jar' });
  return doc;
}

const existingFrom = () => {
  const p = productOf(readSbom('cdxgen-ddc-sbom.json'));
  // The user confirmed a role and added a part by hand since the first import.
  const withEdits = { ...p, components: [...p.components.map((c) => (c.name === 'spring-boot' ? { ...c, role: 'firmware' as const } : c)), componentSchema.parse({ id: 'hand', name: 'Enclosure', class: 'mechanical', role: 'enclosure' })] };
  return productSchema.parse(withEdits);
};

describe('SBOM re-import merges into the product', () => {
  it('the same SBOM again: nothing changed, added or removed', () => {
    const existing = existingFrom();
    const plan = planSbomMerge(existing, productOf(readSbom('cdxgen-ddc-sbom.json', { newId: counter() })));
    expect([plan.changed.length, plan.added.length, plan.removed.length, plan.unchanged]).toEqual([0, 0, 0, 56]);
    expect(applySbomMerge(existing, plan, true).components).toHaveLength(57);
  });

  it('a newer SBOM: a version bump is a change, not a duplicate; a dropped package is removed, a new one added', () => {
    const existing = existingFrom();
    const incoming = productOf(readCycloneDx(enc(JSON.stringify(newerRun())), 'ddc-newer.json', { newId: counter() }));
    const plan = planSbomMerge(existing, incoming);
    expect(plan.changed.map((c) => [c.before.name, c.after.version])).toContainEqual(['spring-boot', '3.0.2']);
    const boot = plan.changed.find((c) => c.before.name === 'spring-boot')!;
    expect(boot.fields).toEqual(expect.arrayContaining(['version', 'purl', 'bomRef']));
    // What the user decided stays.
    expect(boot.after.role).toBe('firmware');
    expect(boot.after.id).toBe(boot.before.id);
    expect(plan.added.map((c) => c.name)).toEqual(['zstd-jni']);
    expect(plan.removed.map((c) => c.name)).toEqual(['gson']);
    expect(plan.removed.some((c) => c.id === 'hand')).toBe(false);

    const merged = applySbomMerge(existing, plan, true);
    expect(merged.components).toHaveLength(57);
    expect(merged.components.filter((c) => c.name === 'spring-boot')).toHaveLength(1);
    expect(merged.components.find((c) => c.id === 'hand')).toBeDefined();
    // The graph points at the kept ids.
    const auto = merged.components.find((c) => c.name === 'spring-boot-autoconfigure')!;
    expect(auto.dependsOn).toEqual([boot.before.id]);
    const names = merged.components.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(() => productSchema.parse(merged)).not.toThrow();
    // Keeping what the SBOM no longer lists is the user's choice.
    expect(applySbomMerge(existing, plan, false).components).toHaveLength(58);
  });

  it('an added component whose name the product already has gets a name that tells them apart', () => {
    const existing = existingFrom();
    existing.components.push(componentSchema.parse({ id: 'hand-zstd', name: 'zstd-jni', class: 'it', role: 'other' }));
    const plan = planSbomMerge(existing, productOf(readCycloneDx(enc(JSON.stringify(newerRun())), 'n.json', { newId: counter() })));
    expect(plan.added.map((c) => c.name)).toEqual(['com.github.luben/zstd-jni']);
    expect(plan.renamed).toEqual([{ from: 'zstd-jni', to: 'com.github.luben/zstd-jni' }]);
    const names = applySbomMerge(existing, plan, true).components.map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });

  it('product fields the SBOM gives are previewed as product changes', () => {
    const existing = existingFrom();
    const incoming = { ...productOf(readSbom('cdxgen-ddc-sbom.json')), manufacturer: 'Acme', declaredSupportEnd: '2031-12-31' };
    const plan = planSbomMerge(existing, incoming);
    expect(plan.productFields).toEqual([
      { field: 'manufacturer', before: '', after: 'Acme' },
      { field: 'declaredSupportEnd', before: null, after: '2031-12-31' },
    ]);
  });
});

describe('SBOM merge of product fields', () => {
  it('a field the SBOM does not give is not a change', () => {
    const existing = existingFrom();
    const { manufacturer: _m, ...incoming } = productOf(readSbom('cdxgen-ddc-sbom.json'));
    expect(planSbomMerge(existing, incoming).productFields).toEqual([]);
  });
});
