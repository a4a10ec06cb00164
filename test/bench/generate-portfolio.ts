/**
 * A deterministic synthetic portfolio for benchmarks: ~50 components per
 * product, 20 products per line, IT and mechanical components with a mix of
 * known and unknown dates, so every rule has work to do.
 */
import { dayToIso } from '../../shared/domain/dates';
import type { Component, Portfolio, Product, ProductLine } from '../../shared/domain/schemas';
import { CATEGORIES, ENVIRONMENTS } from '../../shared/domain/schemas';
import { mulberry32 as rng } from './seeded-random';

const IT_ROLES = ['firmware', 'os', 'soc', 'radio', 'crypto', 'cloud', 'mobile-app', 'gateway', 'ai-model', 'certificate'] as const;
const ME_ROLES = ['battery', 'motor', 'enclosure', 'hinge', 'seal', 'sensor', 'display', 'pump', 'other'] as const;
const MARKET_SETS = [['EU'], ['EU', 'UK'], ['EU', 'UK', 'US'], ['US'], ['UK', 'US']];
const DAY_2015 = 16_436;

export const COMPONENTS_PER_PRODUCT = 50;
const PRODUCTS_PER_LINE = 20;
/** Share of products and components generated with a problem. */
const FLAGGED = 0.1;

export function generatePortfolio(components: number, seed = 42): Portfolio {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const date = (from: number, spanDays: number, monthOnly = r() < 0.3): string => {
    const iso = dayToIso(from + Math.floor(r() * spanDays));
    return monthOnly ? iso.slice(0, 7) : iso;
  };
  const maybe = <T>(p: number, make: () => T): T | null => (r() < p ? make() : null);

  const lines: ProductLine[] = [];
  const products: Product[] = [];
  let made = 0;
  for (let p = 0; made < components; p++) {
    if (p % PRODUCTS_PER_LINE === 0) {
      lines.push({ id: `line-${lines.length}`, name: `Line ${lines.length}`, environment: pick(ENVIRONMENTS), notes: '' });
    }
    const count = Math.min(COMPONENTS_PER_PRODUCT, components - made);
    const first = DAY_2015 + Math.floor(r() * 4000);
    const onSale = r() < 0.35;
    const last = onSale ? null : first + 365 + Math.floor(r() * 2500);
    const useYears = maybe(0.95, () => 5 + Math.floor(r() * 11));
    const useEnd = (last ?? first + 3000) + Math.round((useYears ?? 10) * 365.25);
    // most products and components are in order; FLAGGED of them are not, so the rules find something
    const declared = maybe(0.9, () => (r() < FLAGGED ? date(first, useEnd - first) : date(useEnd, 1500)));
    const list: Component[] = [];
    for (let c = 0; c < count; c++) {
      const it = r() < 0.55;
      const role = it ? pick(IT_ROLES) : pick(ME_ROLES);
      const bad = r() < FLAGGED;
      const life = 3 + Math.floor(r() * 18);
      list.push({
        id: `p${p}-c${c}`,
        name: `${role} ${c}`,
        class: it ? 'it' : 'mechanical',
        role,
        supplier: `Supplier ${c % 17}`,
        version: `${1 + (c % 5)}.${c % 10}`,
        core: it ? r() < 0.6 : null,
        securitySupportEnd: it && role !== 'certificate' ? maybe(0.95, () => (bad ? date(first, useEnd - first) : date(useEnd + 400, 2000))) : null,
        updateMechanism: it ? maybe(0.97, () => (bad ? pick(['local', 'none'] as const) : 'ota')) : null,
        expectedLifeYears: it ? null : maybe(0.95, () => life),
        fieldReplaceable: it ? null : maybe(0.95, () => (bad ? 'no' : pick(['user', 'professional'] as const))),
        sparePartsUntil: it ? null : maybe(0.9, () => (bad ? date(first, useEnd - first) : date(useEnd + 400, 3000))),
        repairDocs: it ? null : maybe(0.95, () => !bad),
        expires: role === 'certificate' ? maybe(0.95, () => (bad ? date(first, useEnd - first) : date(useEnd + 400, 3000))) : null,
        onShutdown: null,
        sources: {},
      });
    }
    products.push({
      id: `p${p}`,
      lineId: (lines[lines.length - 1] as ProductLine).id,
      name: `Product ${p}`,
      sku: `SKU-${p}`,
      category: pick(CATEGORIES),
      markets: pick(MARKET_SETS),
      firstPlacedOnMarket: dayToIso(first),
      lastPlacedOnMarket: last === null ? null : dayToIso(last),
      expectedUseYears: useYears,
      expectedUseRationale: '',
      declaredSupportEnd: declared,
      unitsPerYear: maybe(0.8, () => 1000 + Math.floor(r() * 100_000)),
      soldToConsumers: null,
      sectorRegulation: null,
      plannedLastPlaced: null,
      components: list,
    });
    made += count;
  }
  return { lines, products, decisions: [] };
}
