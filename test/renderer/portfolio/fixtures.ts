import { afterAll, beforeAll } from 'vitest';
import type { SupportspanDb } from '../../../renderer/db/database';
import { createLine } from '../../../renderer/db/repositories/product-lines';
import { putProduct } from '../../../renderer/db/repositories/products';
import { setSetting } from '../../../renderer/db/repositories/settings';

/**
 * jsdom has no layout, so the virtualized tree would see a 0 px viewport and
 * render no row: give scroll containers a viewport of 640 x 1200 px.
 */
export function withLayout(): void {
  const saved = {
    h: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
    w: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
  };
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 640 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
  });
  afterAll(() => {
    if (saved.h) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.h);
    if (saved.w) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.w);
  });
}

export const AS_OF = '2026-01-01';

/**
 * Two lines, four products:
 * - Thermo A (EU, UK): use ends 2034-01-01, support declared to 2028-12 -> exposed (support-ends-before-use);
 * - Thermo B (US): support end not declared -> unknown gap;
 * - Gate 1 (EU): support to 2040-12, use ends 2034-06-30, an OTA firmware with long support;
 * - Gate 2 (UK), no components, support 2036-06, use ends 2035-12-31.
 */
export async function seedPortfolio(db: SupportspanDb) {
  await setSetting(db, 'asOfDate', AS_OF);
  const consumer = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  const industrial = await createLine(db, { name: 'Gateways', environment: 'industrial' });
  const thermoA = await putProduct(db, {
    id: 'thermo-a', lineId: consumer.id, name: 'Thermo A', sku: 'TA-1', category: 'thermostat', markets: ['EU', 'UK'],
    firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2024-01-01', expectedUseYears: 10, declaredSupportEnd: '2028-12',
    components: [
      { id: 'ta-fw', name: 'Zephyr firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2029-01', updateMechanism: 'ota' },
      { id: 'ta-relay', name: 'Relay', class: 'mechanical', role: 'other', expectedLifeYears: 15, fieldReplaceable: 'professional', sparePartsUntil: '2035-01', repairDocs: true },
    ],
  });
  const thermoB = await putProduct(db, {
    id: 'thermo-b', lineId: consumer.id, name: 'Thermo B', category: 'thermostat', markets: ['US'],
    firstPlacedOnMarket: '2021-01-01', lastPlacedOnMarket: '2023-06-30', expectedUseYears: 8, declaredSupportEnd: null,
    components: [{ id: 'tb-fw', name: 'Thermo B firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2032-01', updateMechanism: 'ota' }],
  });
  const gate1 = await putProduct(db, {
    id: 'gate-1', lineId: industrial.id, name: 'Gate 1', sku: 'G1', category: 'gateway', markets: ['EU'],
    firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2024-06-30', expectedUseYears: 10, declaredSupportEnd: '2040-12',
    components: [{ id: 'g1-os', name: 'Yocto Linux', class: 'it', role: 'os', core: true, securitySupportEnd: '2041-01', updateMechanism: 'ota' }],
  });
  const gate2 = await putProduct(db, {
    id: 'gate-2', lineId: industrial.id, name: 'Gate 2', category: 'gateway', markets: ['UK'],
    firstPlacedOnMarket: '2021-01-01', lastPlacedOnMarket: '2025-12-31', expectedUseYears: 10, declaredSupportEnd: '2036-06',
  });
  return { consumer, industrial, thermoA, thermoB, gate1, gate2 };
}
