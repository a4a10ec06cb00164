/** A small workspace with known findings, written through the repositories. */
import type { ProductInput } from '../../../renderer/db/repositories/products';
import { putProduct } from '../../../renderer/db/repositories/products';
import type { SupportspanDb } from '../../../renderer/db/database';

export const LINE = { id: 'line-washers', name: 'Washers', environment: 'consumer' as const, notes: '' };

export function washer(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    id: 'p-washer',
    lineId: LINE.id,
    name: 'Washer W1',
    category: 'washing-machine',
    markets: ['EU'],
    firstPlacedOnMarket: '2024-01',
    lastPlacedOnMarket: '2025-12-31',
    expectedUseYears: 10,
    declaredSupportEnd: '2030-12-31',
    components: [
      { id: 'c-fw', name: 'Main firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2029-06-30', updateMechanism: 'ota' },
      { id: 'c-motor', name: 'Drum motor', class: 'mechanical', role: 'motor', expectedLifeYears: 12, fieldReplaceable: 'professional', sparePartsUntil: '2036-12-31', repairDocs: true },
      { id: 'c-pump', name: 'Drain pump', class: 'mechanical', role: 'pump', expectedLifeYears: 5, fieldReplaceable: 'professional', sparePartsUntil: '2030-12-31', repairDocs: false },
    ],
    ...overrides,
  };
}

export async function seedWasher(db: SupportspanDb, overrides: Partial<ProductInput> = {}): Promise<void> {
  await db.lines.put(LINE);
  await putProduct(db, washer(overrides));
}
