/**
 * Builders for engine tests: every product goes through the real schema (so
 * defaults and validation are the app's own), starting from a product with
 * nothing wrong that each test changes in one place.
 */
import { componentSchema, productLineSchema, productSchema } from '../../../shared/domain';
import type { Component, Product, ProductLine } from '../../../shared/domain';
import { analyzeProduct } from '../../../shared/engine';
import type { AnalysisOptions, Finding, FindingKind } from '../../../shared/engine';

export const LINE: ProductLine = productLineSchema.parse({ id: 'home', name: 'Home comfort', environment: 'consumer' });
export const AS_OF = '2026-01-15';

type ComponentInput = Partial<Component> & { id: string; name: string; class: Component['class']; role: Component['role'] };

export function comp(input: ComponentInput): Component {
  return componentSchema.parse(input);
}

/** A thermostat sold in the EU and UK, 2024-01-01 to 2028-06-30, 8 years of use (to 2036-06-30), support to 2036-12. */
export function cleanComponents(): Component[] {
  return [
    comp({ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2037-12', updateMechanism: 'ota' }),
    comp({ id: 'soc', name: 'SoC BSP', class: 'it', role: 'soc', core: true, securitySupportEnd: '2038-06-30', updateMechanism: 'ota' }),
    comp({ id: 'app', name: 'Companion app', class: 'it', role: 'mobile-app', core: false, securitySupportEnd: '2037-06' }),
    comp({ id: 'cert', name: 'Device certificate', class: 'it', role: 'certificate', expires: '2040-01-01' }),
    comp({ id: 'case', name: 'Enclosure', class: 'mechanical', role: 'enclosure', expectedLifeYears: 20, fieldReplaceable: 'no' }),
    comp({ id: 'bat', name: 'Coin cell', class: 'mechanical', role: 'battery', expectedLifeYears: 3, fieldReplaceable: 'user', repairDocs: true, sparePartsUntil: '2037-01' }),
  ];
}

export function product(overrides: Partial<Product> = {}, components: Component[] = cleanComponents()): Product {
  return productSchema.parse({
    id: 'thermo',
    lineId: LINE.id,
    name: 'Thermostat T1',
    sku: 'T1',
    category: 'thermostat',
    markets: ['EU', 'UK'],
    firstPlacedOnMarket: '2024-01-01',
    lastPlacedOnMarket: '2028-06-30',
    expectedUseYears: 8,
    declaredSupportEnd: '2036-12',
    unitsPerYear: 1000,
    components,
    ...overrides,
  });
}

/** A product that has exactly one component (plus nothing else that could fire). */
export function withOnly(c: Component, overrides: Partial<Product> = {}): Product {
  return product(overrides, [c]);
}

export function run(p: Product, options: Partial<AnalysisOptions> = {}): Finding[] {
  return analyzeProduct(p, LINE, { asOf: AS_OF, ...options });
}

export function ofKind(findings: Finding[], kind: FindingKind): Finding[] {
  return findings.filter((f) => f.kind === kind);
}

export function kinds(findings: Finding[]): string[] {
  return findings.map((f) => (f.kind === 'missing-data' ? `missing-data:${f.field}` : f.kind));
}
