import { productLineSchema, productSchema, type Component, type Product, type ProductLine } from '../../../shared/domain';

export const AS_OF = '2026-03-01';

export const line: ProductLine = productLineSchema.parse({ id: 'home', name: 'Home comfort', environment: 'consumer' });

type ComponentInput = Partial<Component> & Pick<Component, 'id' | 'name' | 'class' | 'role'>;

export function makeProduct(patch: Partial<Omit<Product, 'components'>> & { components?: ComponentInput[] } = {}): Product {
  return productSchema.parse({
    id: 'thermo',
    lineId: 'home',
    name: 'Thermostat T2',
    category: 'thermostat',
    markets: ['EU', 'UK'],
    firstPlacedOnMarket: '2024-01-15',
    lastPlacedOnMarket: '2026-12',
    expectedUseYears: 10,
    declaredSupportEnd: '2030-06',
    unitsPerYear: 10_000,
    components: [
      { id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2031-12-31', updateMechanism: 'ota', sources: { securitySupportEnd: 'supplier letter 2024-02' } },
      { id: 'soc', name: 'SoC', class: 'it', role: 'soc', core: true, securitySupportEnd: '2028-03', updateMechanism: 'ota' },
      { id: 'cloud', name: 'Cloud backend', class: 'it', role: 'cloud', core: true, securitySupportEnd: null, updateMechanism: 'ota' },
      { id: 'relay', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 15, fieldReplaceable: 'no' },
      { id: 'bat', name: 'Battery', class: 'mechanical', role: 'battery', expectedLifeYears: 5, fieldReplaceable: 'user', sparePartsUntil: '2033-06', repairDocs: true },
    ],
    ...patch,
  });
}
