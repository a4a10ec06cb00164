/**
 * Product-level rules: support period against use, disclosure, and the legal
 * (and organisation-policy) minimum support period.
 */
import { addYears } from '../../domain';
import { POLICY_PROVISION } from '../finding-kinds';
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

  if (f.declared === null) {
    const provisions: string[] = [];
    const reasons: string[] = [];
    const dates: Record<string, string> = { lastPlacedOnMarket: e.iso(f.lastEff) };
    if (ctx.psti && f.uk && placedFrom(f, ctx.psti.from)) {
      provisions.push(...ctx.psti.provisions);
      reasons.push(`is sold in the UK on or after ${e.iso(ctx.psti.from)}`);
      dates.pstiFrom = e.iso(ctx.psti.from);
    }
    if (ctx.cra && f.eu && placedFrom(f, ctx.cra.from)) {
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

  if (f.useEnd !== null && declared < f.useEnd) {
    e.emit('support-ends-before-use', null, {
      gapDays: f.useEnd - declared,
      message: `Security support for ${p.name} ends ${supIso}, but units stay in use until ${e.iso(f.useEnd)} (${e.placing()} + ${years(f.useYears!)}).`,
      dates: { supportEnd: supIso, useEnd: e.iso(f.useEnd), lastPlacedOnMarket: e.iso(f.lastEff) },
    });
  }

  let legalFired = false;
  if (ctx.cra && f.eu && placedFrom(f, ctx.cra.from)) {
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
