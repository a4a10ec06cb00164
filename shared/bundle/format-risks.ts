/**
 * The risk register in a bundle (format version 3): `data/risks.json` holds
 * the user's register (threats, tags, property answers, risks, controls,
 * method and weights) with the catalog version it was made with. Lifecycle
 * risks are not stored: every reader derives them again from the data.
 * Version 2 bundles migrate to an empty register.
 */
import { CATALOG_VERSION } from '../risk/catalog';
import { emptyRegisterData } from '../risk/register';
import { riskRegisterDataSchema, type RiskRegisterData } from '../risk/schemas';
import type { Portfolio } from '../domain/schemas';

export const RISK_PATHS = { register: 'data/risks.json' } as const;
export { riskRegisterDataSchema };

/** The register of the products in scope: risks and answers of other products are left out, controls keep only risks in scope. */
export function scopeRiskData(data: RiskRegisterData, portfolio: Portfolio): RiskRegisterData {
  const ids = new Set(portfolio.products.map((p) => p.id));
  const risks = data.risks.filter((r) => ids.has(r.productId));
  const riskIds = new Set(risks.map((r) => r.id));
  const lifecycleInScope = (id: string) => id.startsWith('lc:') && ids.has(id.split(':')[2] ?? '');
  const controls = data.controls
    .filter((c) => c.riskIds.length === 0 || c.riskIds.some((id) => riskIds.has(id) || lifecycleInScope(id)))
    .map((c) => ({ ...c, riskIds: c.riskIds.filter((id) => riskIds.has(id) || lifecycleInScope(id)) }));
  return { ...data, risks, controls, properties: data.properties.filter((p) => ids.has(p.productId)) };
}

/** A problem with the register's references to the portfolio, or null. */
export function checkRiskReferences(data: RiskRegisterData, portfolio: Portfolio): string | null {
  const products = new Map(portfolio.products.map((p) => [p.id, p]));
  for (const [i, r] of data.risks.entries()) {
    const p = products.get(r.productId);
    if (!p) return `risks[${i}].productId: "${r.productId}" is not a product in this bundle`;
    if (r.componentId !== null && !p.components.some((c) => c.id === r.componentId)) return `risks[${i}].componentId: "${r.componentId}" is not a component of ${p.name}`;
  }
  for (const [i, a] of data.properties.entries()) {
    if (!products.has(a.productId)) return `properties[${i}].productId: "${a.productId}" is not a product in this bundle`;
  }
  const seen = new Set<string>();
  for (const [i, r] of data.risks.entries()) {
    if (seen.has(r.id)) return `risks[${i}].id: "${r.id}" is used twice`;
    seen.add(r.id);
  }
  return null;
}

/** What a version 2 (or 1) bundle migrates to: no register yet. */
export function migratedRiskData(): RiskRegisterData {
  return emptyRegisterData(CATALOG_VERSION);
}
