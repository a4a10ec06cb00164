/**
 * Builds findings for one product: the stable key, severity from the one
 * severity rule, and the kind's provisions and NIST mapping from the rule packs.
 */
import type { Component, DayNumber } from '../../domain';
import type { Context } from '../context';
import { KIND_INFO, severityOf } from '../finding-kinds';
import type { Finding, FindingKind } from '../finding-kinds';
import { placingPhrase, type ProductFacts } from '../product-facts';

export interface FindingDetail {
  gapDays: number | null;
  message: string;
  dates: Record<string, string>;
  /** Distinguishes two findings of one kind on one subject; becomes the key's last part. */
  detail?: string;
  field?: string;
  provisions?: string[];
  remediation?: string;
  fromPolicy?: boolean;
}

/** What a missing field stops the engine from checking, in plain words. */
export const MISSING_FIELDS: Readonly<Record<string, { label: string; needs: string }>> = {
  'product.expectedUseYears': { label: 'expected use in years', needs: 'the use end, wear parts, spare parts and the legal minimum support period' },
  'product.firstPlacedOnMarket': { label: 'first date placed on the market', needs: 'the fleet forecast and the placing history' },
  'product.declaredSupportEnd': { label: 'declared security-support end', needs: 'whether support covers the expected use' },
  'product.soldToConsumers': { label: 'answer to "sold to consumers" (its enterprise line leaves it open)', needs: 'whether the UK PSTI rules apply' },
  'product.markets': { label: 'known market code', needs: 'the laws of that market' },
  'component.core': { label: 'core function yes/no', needs: 'whether its security support must back the product’s support period' },
  'component.securitySupportEnd': { label: 'security-support end', needs: 'whether the supplier backs the product’s support period' },
  'component.updateMechanism': { label: 'update mechanism', needs: 'whether it can be patched in the field' },
  'component.expires': { label: 'expiry date', needs: 'whether the certificate outlives the support period' },
  'component.expectedLifeYears': { label: 'expected life in years', needs: 'whether it wears out before the product’s use ends' },
  'component.fieldReplaceable': { label: 'field replaceability', needs: 'whether it can be replaced when it wears out and what spare-part rules apply' },
  'component.repairDocs': { label: 'repair documentation yes/no', needs: 'whether the people allowed to replace it are told how' },
};

export class Emitter {
  readonly out: Finding[] = [];
  constructor(readonly ctx: Context, readonly f: ProductFacts) {}

  emit(kind: FindingKind, c: Component | null, d: FindingDetail): void {
    const p = this.f.product;
    const base = `${kind}:${p.id}:${c === null ? '-' : c.id}`;
    this.out.push({
      key: d.detail === undefined ? base : `${base}:${d.detail}`,
      kind,
      severity: severityOf(kind, d.fromPolicy === true),
      productLineId: this.f.line.id,
      productLine: this.f.line.name,
      productId: p.id,
      product: p.name,
      componentId: c === null ? null : c.id,
      component: c === null ? null : c.name,
      gapDays: d.gapDays,
      message: d.message,
      provisions: d.provisions ?? this.ctx.citations(kind, this.f.scope),
      nist: this.ctx.nist[kind],
      remediation: d.remediation ?? KIND_INFO[kind].remediation,
      field: d.field ?? KIND_INFO[kind].field,
      dates: d.dates,
    });
  }

  missing(c: Component | null, field: string): void {
    const info = MISSING_FIELDS[field];
    const label = info?.label ?? field;
    const subject = c === null ? this.f.product.name : `${c.name} in ${this.f.product.name}`;
    this.emit('missing-data', c, {
      gapDays: null,
      detail: field,
      field,
      message: `${subject} has no ${label} (as of ${this.ctx.asOf}), so ${info?.needs ?? 'the rules that need it'} cannot be checked.`,
      dates: this.ctx.asOfDates,
    });
  }

  iso(d: DayNumber): string {
    return this.ctx.iso(d);
  }

  /** "last placed on market 2028-03-31", "still on sale on 2026-05-01" or "first placed on market 2026-06-01, still on sale". */
  placing(ref: DayNumber = this.f.lastEff): string {
    return placingPhrase(this.f, ref, this.ctx.asOfDay, (d) => this.iso(d));
  }
}
