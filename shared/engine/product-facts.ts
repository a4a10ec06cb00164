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
import type { Component, DayNumber, Product, ProductLine } from '../domain';
import type { Context } from './context';
import { productScope } from './scope';
import type { ProductScope } from './scope';
import { effectiveEndDays } from './support-end';

/** What "last placed on market" was counted from: the declared date, the planned end of sale, or the as-of date. */
export type LastPlacedBasis = 'last-placed' | 'planned-end-of-sale' | 'as-of';

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
  /** The effective security-support end (support-end.ts): never after `declared`, null when it is null. */
  effective: DayNumber | null;
  /** The core component that sets `effective`; null when the declared end does. */
  effectiveBy: Component | null;
  /** The dependencies through which `effectiveBy`'s end is set (support-end.ts), nearest first. */
  effectiveVia: Component[];
  /** Core IT components whose support end is unknown (not counted in `effective`). */
  effectiveUncounted: Component[];
  lastBasis: LastPlacedBasis;
  eu: boolean;
  uk: boolean;
  scope: ProductScope;
}

export interface FactsOptions {
  /** Count a product still on sale up to its planned end of sale (planner, forecast) instead of the as-of date. */
  usePlannedEndOfSale?: boolean;
}

export function productFacts(ctx: Context, product: Product, line: ProductLine, options: FactsOptions = {}): ProductFacts {
  const where = `product ${product.id}`;
  const first = product.firstPlacedOnMarket === null ? null : ctx.day(product.firstPlacedOnMarket, where, 'firstPlacedOnMarket');
  const last = product.lastPlacedOnMarket === null ? null : ctx.day(product.lastPlacedOnMarket, where, 'lastPlacedOnMarket');
  const floor = first !== null && first > ctx.asOfDay ? first : ctx.asOfDay;
  const plannedText = options.usePlannedEndOfSale ? product.plannedLastPlaced ?? null : null;
  const planned = last === null && plannedText !== null ? ctx.day(plannedText, where, 'plannedLastPlaced') : null;
  // A planned end of sale already past is not a plan any more: the product is still on sale today.
  const lastEff = last ?? (planned !== null && planned > floor ? planned : floor);
  const lastBasis: LastPlacedBasis = last !== null ? 'last-placed' : planned !== null && planned > floor ? 'planned-end-of-sale' : 'as-of';
  const useYears = product.expectedUseYears;
  const eff = effectiveEndDays(product, (text, field, c) => ctx.day(text, c ? `${where} component ${c.id}` : where, field));
  const scope = productScope(ctx, product, line);
  return {
    product,
    line,
    first,
    last,
    onSale: last === null,
    lastEff,
    useYears,
    useEnd: useYears === null ? null : addYears(lastEff, useYears),
    declared: eff.declared,
    effective: eff.end,
    effectiveBy: eff.setBy,
    effectiveVia: eff.via,
    effectiveUncounted: eff.uncounted,
    lastBasis,
    eu: scope.markets.eu,
    uk: scope.markets.uk,
    scope,
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
  if (f.lastBasis === 'planned-end-of-sale' && ref === f.lastEff) return `planned end of sale ${iso(ref)}`;
  if (f.first !== null && f.first > asOfDay && ref === f.first) return `first placed on market ${iso(ref)}, still on sale`;
  return `still on sale on ${iso(ref)}`;
}

/** The last placing a minimum that starts at `from` is counted from. */
export function placingRef(f: ProductFacts, from: DayNumber): DayNumber {
  return f.last !== null ? f.last : Math.max(f.lastEff, from);
}
