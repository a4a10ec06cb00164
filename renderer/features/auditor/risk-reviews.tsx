/**
 * Auditor mode, risks: the bundle's risk register (its stored assessments and
 * controls, with the lifecycle risks derived again from its data) listed for
 * review like the findings. A review is kept under the risk's review key
 * (`risk:<id>`, shared/risk/review.ts) in the audit's own database and travels
 * in the response with what the reviewer saw of the risk.
 */
import { Fragment, useMemo, type ReactNode } from 'react';
import type { Bundle, ComparableFinding } from '../../../shared/bundle';
import { rulePacksFor } from '../../../shared/bundle';
import { formatUnitYears } from '../../../shared/format';
import { buildRegister, reviewedRisk, riskReviewKey, type RegisterResult, type RiskRow } from '../../../shared/risk';
import { messageOf } from '../bundles/common';

export interface BundleRisks {
  register: RegisterResult | null;
  error: string | null;
  /** What the reviewer saw of each risk, by its review key. */
  byKey: Map<string, ComparableFinding>;
}

/** The bundle's register, built with the bundle's own rule packs and as-of date. */
export function bundleRisks(bundle: Bundle): BundleRisks {
  try {
    const recorded = bundle.analysis.rulePacks;
    const register = buildRegister(bundle.portfolio, bundle.risks, {
      asOf: bundle.analysis.asOf,
      ...(recorded.length ? { rulePacks: rulePacksFor(recorded).packs } : {}),
    });
    const byKey = new Map(register.risks.map((r) => [riskReviewKey(r.id), riskAsReviewed(r)] as const));
    return { register, error: null, byKey };
  } catch (e) {
    return { register: null, error: messageOf(e), byKey: new Map() };
  }
}

export function useBundleRisks(bundle: Bundle): BundleRisks {
  return useMemo(() => bundleRisks(bundle), [bundle]);
}

/** A risk in the shape a review entry records (kind `risk`, its level read as a severity). */
export function riskAsReviewed(r: RiskRow): ComparableFinding {
  const seen = reviewedRisk(r);
  return { kind: seen.kind, severity: seen.severity, productId: r.productId, product: seen.product, componentId: r.componentId, component: seen.component, message: seen.message };
}

export function riskLabel(r: RiskRow): string {
  return `${r.threat.id} ${r.threat.title}: ${r.product}${r.component ? ` / ${r.component}` : ''}`;
}

export function riskDetail(r: RiskRow): string {
  const parts = [
    r.lifecycle ? 'Lifecycle risk derived from the dates' : 'Risk recorded by the manufacturer',
    r.score === null ? 'not scored' : `likelihood ${r.likelihood}, impact ${r.impact} (${r.weighting.environment}), score ${r.score} ${r.level}`,
    r.residual ? `residual ${r.residual.score} ${r.residual.level}` : null,
    r.exposureUnitYears === null ? null : `exposure ${formatUnitYears(r.exposureUnitYears)}`,
    r.controls.length ? `${r.controls.length} control${r.controls.length === 1 ? '' : 's'}` : 'no controls',
  ];
  return parts.filter((p): p is string => p !== null).join('; ');
}

export type RiskRowRenderer = (props: { reviewKey: string; label: string; finding: ComparableFinding; detail: string }) => ReactNode;

export function RiskReviewList({ risks, renderRow }: { risks: BundleRisks; renderRow: RiskRowRenderer }) {
  const rows = risks.register?.risks ?? [];
  return (
    <>
      <h3>Risks ({rows.length})</h3>
      {risks.error ? (
        <p role="alert" className="error-text">The bundle's risk register could not be built: {risks.error}</p>
      ) : rows.length === 0 ? (
        <p>The bundle holds no risks.</p>
      ) : (
        <ol className="review-list" aria-label="Risks">
          {rows.map((r) => {
            const reviewKey = riskReviewKey(r.id);
            return <Fragment key={reviewKey}>{renderRow({ reviewKey, label: riskLabel(r), finding: riskAsReviewed(r), detail: riskDetail(r) })}</Fragment>;
          })}
        </ol>
      )}
    </>
  );
}

