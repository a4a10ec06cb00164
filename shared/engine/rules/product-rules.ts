/**
 * Product-level rules: support period against use, disclosure, and the legal
 * (and organisation-policy) minimum support period.
 */
import { addYears } from '../../domain';
import { POLICY_PROVISION } from '../finding-kinds';
import { PACK_IDS } from '../rule-packs';
import { placedFrom, placingRef } from '../product-facts';
import type { Emitter } from './emitter';

function years(n: number): string {
  return n === 1 ? '1 year' : `${n} years`;
}

export function productRules(e: Emitter): void {
  const { ctx, f } = e;
  const p = f.product;

  if (f.useYears === null) e.missing(null, 'product.expectedUseYears');
  if (f.first === null) e.missing(null, 'product.firstPlacedOnMarket');
  // The UK rules need the answer unless an exception already takes the product out of them.
  if (f.scope.notApplied.some((n) => n.pack === PACK_IDS.psti && n.provision === null)) e.missing(null, 'product.soldToConsumers');
  const unknown = f.scope.markets.unknown;
  if (unknown.length > 0) {
    // Reported once per product, however many rules would have read the code.
    e.emit('missing-data', null, {
      gapDays: null,
      detail: 'product.markets',
      field: 'product.markets',
      message: `${p.name} lists market${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `"${m}"`).join(', ')}, which ${unknown.length > 1 ? 'are' : 'is'} not a known market code (EU, UK, an ISO country code) as of ${ctx.asOf}, so no law of ${unknown.length > 1 ? 'those markets' : 'that market'} is checked.`,
      dates: ctx.asOfDates,
    });
  }

  if (f.declared === null) {
    const provisions: string[] = [];
    const reasons: string[] = [];
    const dates: Record<string, string> = { lastPlacedOnMarket: e.iso(f.lastEff) };
    if (ctx.psti && f.scope.psti && placedFrom(f, ctx.psti.from)) {
      provisions.push(...ctx.psti.provisions);
      reasons.push(`is sold in the UK on or after ${e.iso(ctx.psti.from)}`);
      dates.pstiFrom = e.iso(ctx.psti.from);
    }
    if (ctx.cra && f.scope.cra && placedFrom(f, ctx.cra.from)) {
      for (const id of ctx.cra.disclosure) if (!provisions.includes(id)) provisions.push(id);
      reasons.push(`has units placed on the EU market on or after ${e.iso(ctx.cra.from)}`);
      dates.craFrom = e.iso(ctx.cra.from);
    }
    if (reasons.length > 0) {
      e.emit('support-end-undisclosed', null, {
        gapDays: null,
        message: `${p.name} has no declared support end although it ${reasons.join(' and ')} (${e.placing()}).`,
        dates,
        provisions,
      });
    } else {
      e.missing(null, 'product.declaredSupportEnd');
    }
    return;
  }

  const declared = f.declared;
  const supIso = e.iso(declared);
  // The effective end (support-end.ts) is known whenever the declared end is.
  const effective = f.effective!;

  if (f.useEnd !== null && effective < f.useEnd) {
    const by = f.effectiveBy;
    const effIso = e.iso(effective);
    e.emit('support-ends-before-use', null, {
      gapDays: f.useEnd - effective,
      message: by === null
        ? `Security support for ${p.name} ends ${supIso}, but units stay in use until ${e.iso(f.useEnd)} (${e.placing()} + ${years(f.useYears!)}).`
        : `Security support for ${p.name} effectively ends ${effIso}, when core component ${by.name} (${by.role}) loses support (declared end ${supIso}), but units stay in use until ${e.iso(f.useEnd)} (${e.placing()} + ${years(f.useYears!)}).`,
      dates: by === null
        ? { supportEnd: supIso, useEnd: e.iso(f.useEnd), lastPlacedOnMarket: e.iso(f.lastEff) }
        : { supportEnd: effIso, declaredSupportEnd: supIso, useEnd: e.iso(f.useEnd), lastPlacedOnMarket: e.iso(f.lastEff) },
    });
  }

  let legalFired = false;
  if (ctx.cra && f.scope.cra && placedFrom(f, ctx.cra.from)) {
    const ref = placingRef(f, ctx.cra.from);
    const full = addYears(ref, ctx.cra.minYears);
    // Without expected use the minimum is min(5 years, unknown): only a declared end past 5 years is known to comply.
    const min = f.useYears === null ? null : f.useYears < ctx.cra.minYears ? addYears(ref, f.useYears) : full;
    if (min !== null && declared < min) {
      legalFired = true;
      const y = Math.min(f.useYears!, ctx.cra.minYears);
      e.emit('legal-min-support', null, {
        gapDays: min - declared,
        message: `${p.name}'s declared support end ${supIso} is before the CRA minimum ${e.iso(min)} (${e.placing(ref)} + ${years(y)}${f.useYears! < ctx.cra.minYears ? ', the expected use' : ''}).`,
        dates: { supportEnd: supIso, legalMinimumEnd: e.iso(min), lastPlacedOnMarket: e.iso(ref), craFrom: e.iso(ctx.cra.from) },
      });
    }
  }

  const policyYears = ctx.policy.minSupportYears;
  if (policyYears !== null && !legalFired) {
    const min = addYears(f.lastEff, policyYears);
    if (declared < min) {
      e.emit('legal-min-support', null, {
        gapDays: min - declared,
        detail: 'policy',
        fromPolicy: true,
        provisions: [`${POLICY_PROVISION}: at least ${years(policyYears)} of security support`],
        remediation: 'Move the declared support end to the organisation minimum, or record an accepted exception with its rationale.',
        message: `${p.name}'s declared support end ${supIso} is before the organisation minimum ${e.iso(min)} (${e.placing()} + ${years(policyYears)}).`,
        dates: { supportEnd: supIso, policyMinimumEnd: e.iso(min), lastPlacedOnMarket: e.iso(f.lastEff) },
      });
    }
  }
}
