/**
 * The dates of one product that every rule, the planner and the forecast share,
 * parsed once per product.
 *
 * Definitions (docs/findings.md):
 * - last placed on market: the declared date, or, for a product still on sale
 *   (no date), the as-of date — but never before the first placing;
 * - use end = last placed on market + expected use years;
 * - a product still on sale counts as placed on the market on every later
 *   date, so a rule that starts later applies to it, and a minimum counted from
 *   the last placing is counted from no earlier than the rule's start.
 */
import { addYears } from '../domain';
import type { DayNumber, Product, ProductLine } from '../domain';
import type { Context } from './context';

export interface ProductFacts {
  product: Product;
  line: ProductLine;
  first: DayNumber | null;
  /** As declared; null = still on sale. */
  last: DayNumber | null;
  onSale: boolean;
  lastEff: DayNumber;
  useYears: number | null;
  useEnd: DayNumber | null;
  declared: DayNumber | null;
  eu: boolean;
  uk: boolean;
}

export function productFacts(ctx: Context, product: Product, line: ProductLine): ProductFacts {
  const where = `product ${product.id}`;
  const first = product.firstPlacedOnMarket === null ? null : ctx.day(product.firstPlacedOnMarket, where, 'firstPlacedOnMarket');
  const last = product.lastPlacedOnMarket === null ? null : ctx.day(product.lastPlacedOnMarket, where, 'lastPlacedOnMarket');
  const lastEff = last ?? (first !== null && first > ctx.asOfDay ? first : ctx.asOfDay);
  const useYears = product.expectedUseYears;
  const declared = product.declaredSupportEnd === null ? null : ctx.day(product.declaredSupportEnd, where, 'declaredSupportEnd');
  let eu = false;
  let uk = false;
  for (const m of product.markets) {
    if (m === 'EU') eu = true;
    else if (m === 'UK') uk = true;
  }
  return {
    product,
    line,
    first,
    last,
    onSale: last === null,
    lastEff,
    useYears,
    useEnd: useYears === null ? null : addYears(lastEff, useYears),
    declared,
    eu,
    uk,
  };
}

/** Whether any unit is (or, still on sale, will be) placed on the market on or after `from`. */
export function placedFrom(f: ProductFacts, from: DayNumber): boolean {
  return f.last === null || f.last >= from;
}

/**
 * How a placing day reads in a message: a product still on sale whose first
 * unit comes after the as-of day is not "still on sale" yet.
 */
export function placingPhrase(f: ProductFacts, ref: DayNumber, asOfDay: DayNumber, iso: (d: DayNumber) => string): string {
  if (!f.onSale) return `last placed on market ${iso(ref)}`;
  if (f.first !== null && f.first > asOfDay && ref === f.first) return `first placed on market ${iso(ref)}, still on sale`;
  return `still on sale on ${iso(ref)}`;
}

/** The last placing a minimum that starts at `from` is counted from. */
export function placingRef(f: ProductFacts, from: DayNumber): DayNumber {
  return f.last !== null ? f.last : Math.max(f.lastEff, from);
}
