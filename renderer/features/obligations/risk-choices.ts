/**
 * The product's risks, for the activities: the risk register as the engine
 * derives it from the lifecycle data (shared/risk/register.ts; the workspace
 * stores no risk register of its own yet, so the register's typed part is
 * empty and only the lifecycle risks appear). Used as evidence choices and as
 * the derived risks of Activities 3 and 6.
 */
import { useMemo } from 'react';
import { activitiesOfRisk, type DerivedRisk, type ProductActivity } from '../../../shared/obligations/activities';
import { buildRegister, CATALOG_VERSION, emptyRegisterData, type RiskRow } from '../../../shared/risk';
import { useAnalysis } from '../../analysis/analysis-context';
import type { EvidenceChoice } from './activity-card';

const NONE: RiskRow[] = [];

export function useProductRisks(productId: string): RiskRow[] {
  const { portfolio, options } = useAnalysis();
  return useMemo(() => {
    const product = portfolio?.products.find((p) => p.id === productId);
    if (!portfolio || !product) return NONE;
    try {
      const scope = { lines: portfolio.lines.filter((l) => l.id === product.lineId), products: [product], decisions: portfolio.decisions.filter((d) => d.productId === productId) };
      return buildRegister(scope, emptyRegisterData(CATALOG_VERSION), { asOf: options.asOf, ...(options.rulePacks ? { rulePacks: options.rulePacks } : {}) }).risks;
    } catch {
      return NONE;
    }
  }, [portfolio, options, productId]);
}

export function riskLabel(r: Pick<RiskRow, 'threat' | 'component' | 'level'>): string {
  return `${r.threat.title}${r.component ? ` (${r.component})` : ''}${r.level ? `, ${r.level} risk` : ''}`;
}

export function riskChoices(risks: readonly RiskRow[]): EvidenceChoice[] {
  return risks.map((r) => ({ ref: r.id, label: riskLabel(r) }));
}

/** The activities with the product's risks linked to those they bear on (Activity 3; lifecycle risks also Activity 6). */
export function withRisks(activities: readonly ProductActivity[], risks: readonly RiskRow[]): ProductActivity[] {
  return activities.map((a) => {
    if (a.risks.length > 0) return a;
    const mine: DerivedRisk[] = risks
      .filter((r) => activitiesOfRisk(r).includes(a.id))
      .map((r) => ({ id: r.id, title: riskLabel(r), level: r.level, status: r.status, lifecycle: r.lifecycle }));
    return mine.length ? { ...a, risks: mine } : a;
  });
}
