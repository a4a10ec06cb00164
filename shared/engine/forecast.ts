/**
 * Fleet forecast: how many units are in use each year, and how many of them
 * are in use after security support has ended.
 *
 * Model (docs/findings.md, "Fleet forecast"):
 * - placing: `unitsPerYear` for every calendar year from the first to the last
 *   placing (the as-of date while still on sale), pro-rated by days in the
 *   first and last year; a year's units are treated as placed at the middle
 *   of the part of the year in which the product was on sale;
 * - survival: Weibull, S(t) = exp(-(t/scale)^shape), shape 3 (wear-out: the
 *   hazard rises with age), scale chosen so that the MEDIAN life equals the
 *   expected use: scale = expectedUse / (ln 2)^(1/shape);
 * - unitsInUse(Y) = sum over cohorts placed up to Y of placed * S(age at the
 *   end of Y);
 * - unitsWithoutSupport(Y) = unitsInUse(Y) for years after the effective
 *   support end (support-end.ts), the share of the year after it in its own
 *   year, 0 before; null (unknown, not zero) when no support end is declared;
 * - a product still on sale is placed until its planned end of sale when one
 *   is recorded, else until the as-of date; `lastPlacedBasis` says which.
 */
import type { DayNumber, Product } from '../domain';
import { createContext } from './context';
import type { AnalysisOptions } from './context';
import { productFacts } from './product-facts';
import type { LastPlacedBasis } from './product-facts';
import { toIso } from './support-end';
import type { EffectiveSupportEnd } from './support-end';

export const WEIBULL_SHAPE = 3;

/** `unitsWithoutSupport` is null when the support end is unknown. */
export interface FleetYear { year: number; unitsPlaced: number; unitsInUse: number; unitsWithoutSupport: number | null }
export interface FleetForecast {
  productId: string;
  model: { kind: 'weibull'; shape: number; scaleYears: number };
  /** The support end the exposure counts from: the effective end, or the what-if override. */
  supportEnd: string | null;
  /** The product's effective end (with the component that sets it) and its declared end. */
  effectiveSupportEnd: EffectiveSupportEnd;
  supportEndBasis: 'effective' | 'override';
  lastPlacedOnMarket: string;
  lastPlacedBasis: LastPlacedBasis;
  years: FleetYear[];
  /** Fields the forecast needs and did not get; `years` is empty when a placing or survival input is missing. */
  missing: string[];
}

export interface ForecastOptions extends AnalysisOptions {
  fromYear?: number;
  toYear?: number;
  /** A what-if support end; `null` = no support end. Undefined = the product's effective end. */
  supportEndOverride?: string | null;
}

/** Weibull scale (years) whose median equals `medianYears`. */
export function weibullScaleForMedian(medianYears: number, shape = WEIBULL_SHAPE): number {
  return medianYears / Math.pow(Math.LN2, 1 / shape);
}

export function weibullSurvival(ageYears: number, scaleYears: number, shape = WEIBULL_SHAPE): number {
  if (ageYears <= 0) return 1;
  return Math.exp(-Math.pow(ageYears / scaleYears, shape));
}

function jan1(year: number): DayNumber {
  return Date.UTC(year, 0, 1) / 86_400_000;
}
function daysIn(year: number): number {
  return jan1(year + 1) - jan1(year);
}
function yearOfDay(day: DayNumber): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}
/** A day's start as a fractional calendar year (2020-07-02 ≈ 2020.5). */
function yearFraction(day: DayNumber): number {
  const y = yearOfDay(day);
  return y + (day - jan1(y)) / daysIn(y);
}

export function forecastFleet(product: Product, options: ForecastOptions): FleetForecast {
  const ctx = createContext({ ...options, rulePacks: [] });
  const line = { id: product.lineId, name: product.lineId, environment: 'consumer' as const, notes: '' };
  const f = productFacts(ctx, product, line, { usePlannedEndOfSale: true });
  const override = options.supportEndOverride;
  const support = override === undefined ? f.effective : override === null ? null : ctx.day(override, `product ${product.id}`, 'supportEnd');
  const missing: string[] = [];
  if (product.unitsPerYear === null) missing.push('product.unitsPerYear');
  if (f.first === null) missing.push('product.firstPlacedOnMarket');
  if (f.useYears === null) missing.push('product.expectedUseYears');
  if (support === null) missing.push('product.declaredSupportEnd');
  const scale = f.useYears === null ? 0 : weibullScaleForMedian(f.useYears);
  const result: FleetForecast = {
    productId: product.id,
    model: { kind: 'weibull', shape: WEIBULL_SHAPE, scaleYears: scale },
    supportEnd: support === null ? null : ctx.iso(support),
    effectiveSupportEnd: toIso({ end: f.effective, declared: f.declared, setBy: f.effectiveBy, setByEnd: f.effectiveBy === null ? null : f.effective, via: f.effectiveVia, uncounted: f.effectiveUncounted }, ctx.iso),
    supportEndBasis: override === undefined ? 'effective' : 'override',
    lastPlacedOnMarket: ctx.iso(f.lastEff),
    lastPlacedBasis: f.lastBasis,
    years: [],
    missing,
  };
  if (product.unitsPerYear === null || f.first === null || f.useYears === null) return result;

  const first = f.first;
  const last = Math.max(f.lastEff, first);
  const y0 = yearOfDay(first);
  const y1 = yearOfDay(last);
  const cohortYear: number[] = [];
  const cohortUnits: number[] = [];
  const cohortMid: number[] = [];
  for (let y = y0; y <= y1; y++) {
    const start = Math.max(first, jan1(y));
    const endExcl = Math.min(last + 1, jan1(y + 1));
    cohortYear.push(y);
    cohortUnits.push((product.unitsPerYear * (endExcl - start)) / daysIn(y));
    cohortMid.push((yearFraction(start) + (endExcl === jan1(y + 1) ? y + 1 : yearFraction(endExcl))) / 2);
  }

  const from = options.fromYear ?? y0;
  const to = options.toYear ?? y1 + Math.ceil(2 * f.useYears);
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from || to - from > 500) {
    throw new RangeError(`forecast years ${from}-${to}: give whole years, fromYear <= toYear, at most 500 years`);
  }
  const supportYear = support === null ? null : yearOfDay(support);
  for (let Y = from; Y <= to; Y++) {
    let inUse = 0;
    let placed = 0;
    for (let i = 0; i < cohortYear.length; i++) {
      const cy = cohortYear[i]!;
      if (cy > Y) break;
      if (cy === Y) placed = cohortUnits[i]!;
      inUse += cohortUnits[i]! * weibullSurvival(Y + 1 - cohortMid[i]!, scale);
    }
    let without: number | null = support === null ? null : 0;
    if (support !== null && supportYear !== null) {
      if (Y > supportYear) without = inUse;
      else if (Y === supportYear) without = (inUse * (jan1(Y + 1) - 1 - support)) / daysIn(Y);
    }
    result.years.push({ year: Y, unitsPlaced: placed, unitsInUse: inUse, unitsWithoutSupport: without });
  }
  return result;
}
