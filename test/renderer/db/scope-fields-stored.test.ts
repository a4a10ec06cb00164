/**
 * Products stored before the scope and ecosystem fields existed have none of
 * them: they read as unknown (the line's default, no sector regulation, no
 * planned end of sale, on-shutdown not recorded), so no schema upgrade is
 * needed and the analysis of such a record is the same as of one with nulls.
 */
import { describe, expect, it } from 'vitest';
import { SupportspanDb } from '../../../renderer/db/database';
import { listProducts } from '../../../renderer/db/repositories/products';
import { SCHEMA_HISTORY } from '../../../renderer/db/schema-history';
import { productSchema } from '../../../shared/domain';
import { analyzePortfolio, planSupportPeriod } from '../../../shared/engine';
import { dropDb } from '../helpers';

// What the previous release wrote: no soldToConsumers, sectorRegulation, plannedLastPlaced or onShutdown.
const OLD_PRODUCT = {
  id: 'p-g1', lineId: 'l-ind', name: 'Gateway G1', sku: 'G1', category: 'gateway', markets: ['UK', 'DE'],
  firstPlacedOnMarket: '2024-01-01', lastPlacedOnMarket: null, expectedUseYears: 10, expectedUseRationale: '',
  declaredSupportEnd: null, unitsPerYear: 100,
  components: [
    { id: 'c-cloud', name: 'Cloud', class: 'it', role: 'cloud', supplier: '', version: '', core: false, securitySupportEnd: '2029-01',
      updateMechanism: 'ota', expectedLifeYears: null, fieldReplaceable: null, sparePartsUntil: null, repairDocs: null, expires: null, sources: {} },
  ],
};
const LINE = { id: 'l-ind', name: 'Controllers', environment: 'industrial', notes: '' } as const;

describe('products stored without the scope fields', () => {
  it('analyse as unknown, the same as with the defaults', async () => {
    const name = 'stored-without-scope-fields';
    const db = new SupportspanDb(name, { history: SCHEMA_HISTORY });
    await db.open();
    await db.table('lines').put(LINE);
    await db.table('products').put(OLD_PRODUCT);
    const [stored] = await listProducts(db);
    expect(stored).not.toHaveProperty('soldToConsumers');
    const asOf = '2026-06-01';
    const raw = analyzePortfolio({ lines: [LINE], products: [stored!], decisions: [] }, { asOf });
    const parsed = analyzePortfolio({ lines: [LINE], products: [productSchema.parse(OLD_PRODUCT)], decisions: [] }, { asOf });
    expect(raw).toEqual(parsed);
    const eco = raw.findings.find((f) => f.kind === 'ecosystem-end-before-use')!;
    expect(eco.message).toMatch(/not recorded \(on shutdown\)/);
    expect(raw.products[0]!.notApplied.map((n) => n.provision)).toEqual(['UK PSTI Act 2022 s.54']);
    expect(planSupportPeriod(stored!, LINE, { asOf }).lastPlacedBasis).toBe('as-of');
    await dropDb(db);
  });
});
