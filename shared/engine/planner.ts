/**
 * Support-period planner: the earliest support end that covers the expected
 * use and every applicable minimum (the law's, the organisation's), and the
 * core IT components whose supplier support does not reach it.
 *
 * Blockers are IT components with `core === true` (certificates excepted: they
 * are renewed, see `certificate-expiry`). A component whose core flag is
 * unknown is not guessed into or out of the list; it is named in `missing`.
 */
import { addYears } from '../domain';
import type { DayNumber, Product, ProductLine } from '../domain';
import { createContext } from './context';
import type { AnalysisOptions } from './context';
import { POLICY_PROVISION } from './finding-kinds';
import { MISSING_FIELDS } from './rules/emitter';
import { placedFrom, placingPhrase, placingRef, productFacts } from './product-facts';
import type { LastPlacedBasis } from './product-facts';
import type { RuleNotApplied } from './scope';
import { toIso } from './support-end';
import type { EffectiveSupportEnd } from './support-end';

export interface SupportRequirement { id: string; label: string; end: string; provisions: string[] }

export interface SupportBlocker {
  componentId: string;
  component: string;
  role: string;
  securitySupportEnd: string | null;
  /** Days from the component's support end to the recommended end; null when either is unknown. */
  shortfallDays: number | null;
}

export interface SupportPlan {
  productId: string;
  asOf: string;
  useEnd: string | null;
  legalMinimumEnd: string | null;
  policyMinimumEnd: string | null;
  recommendedEarliestEnd: string | null;
  requirements: SupportRequirement[];
  declaredSupportEnd: string | null;
  /** The effective end (earliest of the declared end and the core IT components' ends) and what sets it. */
  effectiveSupportEnd: EffectiveSupportEnd;
  /** The last placing the plan counts from, and where it came from (declared, planned end of sale, or the as-of date). */
  lastPlacedOnMarket: string;
  lastPlacedBasis: LastPlacedBasis;
  /** True only when the effective end reaches the recommended end. */
  meetsPlan: boolean | null;
  /** Rules that did not apply to this product, with the provision that excludes it. */
  notApplied: RuleNotApplied[];
  blockers: SupportBlocker[];
  missing: string[];
}

export function planSupportPeriod(product: Product, line: ProductLine, options: AnalysisOptions): SupportPlan {
  const ctx = createContext(options);
  const f = productFacts(ctx, product, line, { usePlannedEndOfSale: true });
  const missing: string[] = [];
  const requirements: SupportRequirement[] = [];
  const placing = placingPhrase(f, f.lastEff, ctx.asOfDay, (d) => ctx.iso(d));
  const describe = (field: string, who = 'product'): string => `${who}: ${MISSING_FIELDS[field]?.label ?? field} (${field})`;

  if (f.useEnd !== null) {
    requirements.push({
      id: 'use-end',
      label: `Cover the expected use: ${placing} + ${f.useYears} years`,
      end: ctx.iso(f.useEnd),
      provisions: f.scope.cra ? [...ctx.cra?.support ?? []] : [],
    });
  } else {
    missing.push(describe('product.expectedUseYears'));
  }

  let legal: DayNumber | null = null;
  const counted = (ref: DayNumber): string =>
    !f.onSale ? `last placed on market ${ctx.iso(ref)}` : f.lastBasis === 'planned-end-of-sale' && ref === f.lastEff ? `planned end of sale ${ctx.iso(ref)}` : `still on sale, counted from ${ctx.iso(ref)}`;
  if (ctx.cra && f.scope.cra && placedFrom(f, ctx.cra.from)) {
    const ref = placingRef(f, ctx.cra.from);
    if (f.useYears !== null) {
      const y = Math.min(f.useYears, ctx.cra.minYears);
      legal = addYears(ref, y);
      requirements.push({
        id: 'cra-minimum',
        label: `EU CRA minimum: ${counted(ref)} + ${y} years`,
        end: ctx.iso(legal),
        provisions: [...ctx.cra.support],
      });
    }
  }
  // Smartphones and tablets: operating-system updates counted from the end of placing on the market (EU 2023/1670).
  if (ctx.phonesOs && f.scope.ecodesign && (product.category === 'smartphone' || product.category === 'tablet') && placedFrom(f, ctx.phonesOs.from)) {
    const ref = placingRef(f, ctx.phonesOs.from);
    const end = addYears(ref, ctx.phonesOs.years);
    if (legal === null || end > legal) legal = end;
    requirements.push({
      id: 'os-update-minimum',
      label: `EU ecodesign operating-system updates (smartphones and tablets): ${counted(ref)} + ${ctx.phonesOs.years} years`,
      end: ctx.iso(end),
      provisions: [ctx.phonesOs.provision],
    });
  }

  let policy: DayNumber | null = null;
  if (ctx.policy.minSupportYears !== null) {
    policy = addYears(f.lastEff, ctx.policy.minSupportYears);
    requirements.push({
      id: 'policy-minimum',
      label: `Organisation minimum: ${placing} + ${ctx.policy.minSupportYears} years`,
      end: ctx.iso(policy),
      provisions: [`${POLICY_PROVISION}: at least ${ctx.policy.minSupportYears} years of security support`],
    });
  }

  // Without the use end no end can be recommended: the minimums alone would understate what the product needs.
  let recommended: DayNumber | null = null;
  if (f.useEnd !== null) {
    recommended = f.useEnd;
    if (legal !== null && legal > recommended) recommended = legal;
    if (policy !== null && policy > recommended) recommended = policy;
  }

  const blockers: SupportBlocker[] = [];
  for (const c of product.components) {
    if (c.class !== 'it' || c.role === 'certificate') continue;
    if (c.core === null) {
      missing.push(describe('component.core', `component ${c.name}`));
      continue;
    }
    if (!c.core) continue;
    const end = c.securitySupportEnd === null ? null : ctx.day(c.securitySupportEnd, `product ${product.id} component ${c.id}`, 'securitySupportEnd');
    if (end === null) missing.push(describe('component.securitySupportEnd', `component ${c.name}`));
    if (end === null || (recommended !== null && end < recommended)) {
      blockers.push({
        componentId: c.id,
        component: c.name,
        role: c.role,
        securitySupportEnd: end === null ? null : ctx.iso(end),
        shortfallDays: end === null || recommended === null ? null : recommended - end,
      });
    }
  }
  // Earliest-ending first: the component to negotiate about first.
  blockers.sort((a, b) => (a.securitySupportEnd ?? '') < (b.securitySupportEnd ?? '') ? -1 : (a.securitySupportEnd ?? '') > (b.securitySupportEnd ?? '') ? 1 : a.componentId < b.componentId ? -1 : 1);

  return {
    productId: product.id,
    asOf: ctx.asOf,
    useEnd: f.useEnd === null ? null : ctx.iso(f.useEnd),
    legalMinimumEnd: legal === null ? null : ctx.iso(legal),
    policyMinimumEnd: policy === null ? null : ctx.iso(policy),
    recommendedEarliestEnd: recommended === null ? null : ctx.iso(recommended),
    requirements,
    declaredSupportEnd: f.declared === null ? null : ctx.iso(f.declared),
    effectiveSupportEnd: toIso({ end: f.effective, declared: f.declared, setBy: f.effectiveBy, setByEnd: f.effectiveBy === null ? null : f.effective, via: f.effectiveVia, uncounted: f.effectiveUncounted }, ctx.iso),
    lastPlacedOnMarket: ctx.iso(f.lastEff),
    lastPlacedBasis: f.lastBasis,
    meetsPlan: f.effective === null || recommended === null ? null : f.effective >= recommended,
    notApplied: f.scope.notApplied,
    blockers,
    missing,
  };
}
