/**
 * The manufacturer's obligations in a bundle (format version 3):
 * `data/activities.json` holds the IR 8259r1 activity records, the CRA Art 14
 * vulnerability and incident records and the end-of-support communication
 * plans (shared/obligations). Derived evidence (findings, plans, risks) is not
 * stored: every reader derives it again from the data. Version 1 and 2
 * bundles migrate to empty lists.
 */
import { z } from 'zod';
import type { Portfolio } from '../domain/schemas';
import { activityRecordSchema, type ActivityRecord } from '../obligations/activities';
import { communicationPlanSchema, type CommunicationPlan } from '../obligations/communication';
import { vulnerabilityRecordSchema, type VulnerabilityRecord } from '../obligations/vulnerabilities';

export const OBLIGATION_PATHS = { activities: 'data/activities.json' } as const;

/** Far above any real portfolio; a bound keeps a hostile file from costing unbounded work. */
export const MAX_OBLIGATION_RECORDS = 1_000_000;

export const obligationsDataSchema = z.strictObject({
  activityRecords: z.array(activityRecordSchema).max(MAX_OBLIGATION_RECORDS),
  vulnerabilities: z.array(vulnerabilityRecordSchema).max(MAX_OBLIGATION_RECORDS),
  communicationPlans: z.array(communicationPlanSchema).max(MAX_OBLIGATION_RECORDS),
});

export interface ObligationsData {
  activityRecords: ActivityRecord[];
  vulnerabilities: VulnerabilityRecord[];
  communicationPlans: CommunicationPlan[];
}

/** What a version 1 or 2 bundle migrates to, and what a writer stores when given nothing. */
export function emptyObligationsData(): ObligationsData {
  return { activityRecords: [], vulnerabilities: [], communicationPlans: [] };
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Sorted by id, so the same data writes the same bytes. */
export function sortObligationsData(data: ObligationsData): ObligationsData {
  return {
    activityRecords: [...data.activityRecords].sort(byKey((r) => r.id)),
    vulnerabilities: [...data.vulnerabilities].sort(byKey((v) => v.id)),
    communicationPlans: [...data.communicationPlans].sort(byKey((p) => p.productId)),
  };
}

/**
 * The records of the products in scope. A vulnerability record about several
 * products keeps only the products (and their components) in scope; one about
 * none of them is left out, so nothing about other products leaks.
 */
export function scopeObligationsData(data: ObligationsData, portfolio: Pick<Portfolio, 'products'>): ObligationsData {
  const ids = new Set(portfolio.products.map((p) => p.id));
  const components = new Map(portfolio.products.map((p) => [p.id, new Set(p.components.map((c) => c.id))]));
  const vulnerabilities: VulnerabilityRecord[] = [];
  for (const v of data.vulnerabilities) {
    const productIds = v.productIds.filter((id) => ids.has(id));
    if (productIds.length === 0) continue;
    const inScope = new Set(productIds.flatMap((id) => [...(components.get(id) ?? [])]));
    vulnerabilities.push({ ...v, productIds, componentIds: v.componentIds.filter((c) => inScope.has(c)) });
  }
  return {
    activityRecords: data.activityRecords.filter((r) => ids.has(r.productId)),
    vulnerabilities,
    communicationPlans: data.communicationPlans.filter((p) => ids.has(p.productId)),
  };
}

/** A problem with the records' references to the portfolio or with their ids, or null. */
export function checkObligationsReferences(data: ObligationsData, portfolio: Pick<Portfolio, 'products'>): string | null {
  const products = new Map(portfolio.products.map((p) => [p.id, p]));
  const seen = new Set<string>();
  for (const [i, r] of data.activityRecords.entries()) {
    if (!products.has(r.productId)) return `activityRecords[${i}].productId: "${r.productId}" is not a product in this bundle`;
    if (seen.has(r.id)) return `activityRecords[${i}].id: "${r.id}" is used twice`;
    seen.add(r.id);
  }
  seen.clear();
  for (const [i, v] of data.vulnerabilities.entries()) {
    if (seen.has(v.id)) return `vulnerabilities[${i}].id: "${v.id}" is used twice`;
    seen.add(v.id);
    const componentIds = new Set<string>();
    for (const [j, id] of v.productIds.entries()) {
      const p = products.get(id);
      if (!p) return `vulnerabilities[${i}].productIds[${j}]: "${id}" is not a product in this bundle`;
      if (v.productIds.indexOf(id) !== j) return `vulnerabilities[${i}].productIds[${j}]: "${id}" is named twice`;
      for (const c of p.components) componentIds.add(c.id);
    }
    for (const [j, id] of v.componentIds.entries()) {
      if (!componentIds.has(id)) return `vulnerabilities[${i}].componentIds[${j}]: "${id}" is not a component of the affected products`;
    }
  }
  seen.clear();
  for (const [i, p] of data.communicationPlans.entries()) {
    if (!products.has(p.productId)) return `communicationPlans[${i}].productId: "${p.productId}" is not a product in this bundle`;
    if (seen.has(p.productId)) return `communicationPlans[${i}].productId: "${p.productId}" has two plans`;
    seen.add(p.productId);
  }
  return null;
}

/** The manifest's counts of the section (format version 3). */
export function obligationsCounts(data: ObligationsData): { activities: number; vulnerabilities: number; communicationPlans: number } {
  return { activities: data.activityRecords.length, vulnerabilities: data.vulnerabilities.length, communicationPlans: data.communicationPlans.length };
}
