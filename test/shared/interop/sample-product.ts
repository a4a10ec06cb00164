import { productLineSchema, productSchema } from '../../../shared/domain/schemas';
import type { Product, ProductLine } from '../../../shared/domain/schemas';

export const sampleLine: ProductLine = productLineSchema.parse({
  id: 'line-home', name: 'Home comfort', environment: 'consumer', notes: '',
});

/** A product with every field set somewhere, including month-precision dates and both classes. */
export const sampleProduct: Product = productSchema.parse({
  id: 'thermo-t2',
  lineId: 'line-home',
  name: 'Thermostat T2 "Comfort"; EU, UK',
  sku: 'T2-EU',
  category: 'thermostat',
  markets: ['EU', 'UK'],
  firstPlacedOnMarket: '2025-03-01',
  lastPlacedOnMarket: '2029-12',
  expectedUseYears: 10,
  declaredSupportEnd: '2032-12',
  unitsPerYear: 40000,
  components: [
    {
      id: 'c-kernel', name: 'Linux kernel', class: 'it', role: 'os', supplier: 'kernel.org', version: '6.6.30',
      core: true, securitySupportEnd: '2026-12-31', updateMechanism: 'ota', purl: 'pkg:generic/linux@6.6.30',
      cpe: 'cpe:2.3:o:linux:linux_kernel:6.6.30:*:*:*:*:*:*:*',
      sources: { securitySupportEnd: 'catalog:embedded-platforms:linux-kernel:6.6:2026-12-31' },
    },
    {
      id: 'c-fw', name: 'Main firmware', class: 'it', role: 'firmware', supplier: 'Acme', version: '2.1.0',
      core: true, securitySupportEnd: '2033-06', updateMechanism: 'ota', sources: { securitySupportEnd: 'manual' },
    },
    {
      id: 'c-cert', name: 'Cloud client certificate', class: 'it', role: 'certificate', supplier: 'Acme CA',
      core: false, expires: '2030-03-15', updateMechanism: 'none',
    },
    {
      id: 'c-wifi', name: 'Wi-Fi module', class: 'it', role: 'radio', supplier: 'Espressif', version: 'ESP32-C3',
      core: true, securitySupportEnd: null, updateMechanism: 'local', fieldReplaceable: 'professional',
      sparePartsUntil: '2034-12-31', repairDocs: true,
    },
    {
      id: 'c-relay', name: 'Relay (boiler switch)', class: 'mechanical', role: 'other', supplier: 'Omron',
      expectedLifeYears: 7.5, fieldReplaceable: 'professional', sparePartsUntil: '2035-06', repairDocs: false,
      sources: { sparePartsUntil: 'supplier letter 2024-11', expectedLifeYears: 'datasheet 100k cycles' },
    },
    {
      id: 'c-batt', name: 'Backup battery CR2032', class: 'mechanical', role: 'battery', supplier: '',
      expectedLifeYears: 5, fieldReplaceable: 'user', sparePartsUntil: null, repairDocs: true,
    },
  ],
});
