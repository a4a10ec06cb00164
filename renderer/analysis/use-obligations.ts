/**
 * What the obligations screens read: a product's nine IR 8259r1 activities
 * with their records and the evidence the data gives (the app's findings with
 * decisions applied, for the as-of date and rule packs in settings, from
 * `useAnalysis()`; and the support-period planner's result), the portfolio's
 * crosswalk coverage, the vulnerability records and a product's communication
 * plan (the stored one, or the default 12/6/0-month plan).
 *
 * Everything is read with live queries: an edit through the repository
 * (renderer/db/repositories/obligations.ts) shows at once. `undefined` while
 * loading.
 */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { planSupportPeriod, type SupportPlan } from '../../shared/engine';
import { productActivities, type ActivityRecord, type ProductActivity } from '../../shared/obligations/activities';
import { defaultCommunicationPlan, type CommunicationPlan } from '../../shared/obligations/communication';
import { portfolioCoverage, productCoverage, type Coverage } from '../../shared/obligations/crosswalk';
import type { VulnerabilityRecord } from '../../shared/obligations/vulnerabilities';
import { useDb } from '../db/db-context';
import { useAnalysis } from './analysis-context';

/** The planner's result for a product, or null when it cannot be planned (unknown product or line, or the planner refuses). */
function planOf(state: ReturnType<typeof useAnalysis>, productId: string): SupportPlan | null {
  const product = state.portfolio?.products.find((p) => p.id === productId);
  const line = product ? state.portfolio?.lines.find((l) => l.id === product.lineId) : undefined;
  if (!product || !line) return null;
  try {
    return planSupportPeriod(product, line, state.options);
  } catch {
    return null;
  }
}

export function useActivityRecords(productId?: string): ActivityRecord[] | undefined {
  const db = useDb();
  return useLiveQuery(
    () => (productId === undefined ? db.activityRecords.toArray() : db.activityRecords.where('productId').equals(productId).toArray()),
    [db, productId],
  );
}

/** The product's activities A0…A8; undefined while the records or the findings load. */
export function useProductActivities(productId: string): ProductActivity[] | undefined {
  const records = useActivityRecords(productId);
  const analysis = useAnalysis();
  const findings = analysis.byProduct.get(productId);
  return useMemo(() => {
    if (records === undefined || analysis.status !== 'ready') return undefined;
    return productActivities({ productId, records, findings: findings ?? [], plan: planOf(analysis, productId) });
    // `analysis` changes with every recompute; what is read from it is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [productId, records, findings, analysis.status, analysis.portfolio, analysis.options]);
}

/** Crosswalk coverage of one product from its activity records. */
export function useProductCoverage(productId: string): Coverage | undefined {
  const records = useActivityRecords(productId);
  return useMemo(() => (records === undefined ? undefined : productCoverage(productId, records)), [productId, records]);
}

/** Crosswalk coverage of the whole portfolio (every product, summed). */
export function usePortfolioCoverage(): Coverage | undefined {
  const db = useDb();
  const data = useLiveQuery(async () => {
    const [productIds, records] = await Promise.all([db.products.toCollection().primaryKeys(), db.activityRecords.toArray()]);
    return { productIds, records };
  }, [db]);
  return useMemo(() => (data === undefined ? undefined : portfolioCoverage(data.productIds, data.records)), [data]);
}

/** Every vulnerability and incident record, newest known first. */
export function useVulnerabilities(): VulnerabilityRecord[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const all = await db.vulnerabilities.toArray();
    return all.sort((a, b) => (a.knownAt < b.knownAt ? 1 : a.knownAt > b.knownAt ? -1 : a.id < b.id ? -1 : 1));
  }, [db]);
}

/** The product's stored plan, or the default plan (not stored until saved: `stored` says which). */
export function useCommunicationPlan(productId: string): { plan: CommunicationPlan; stored: boolean } | undefined {
  const db = useDb();
  const stored = useLiveQuery(async () => (await db.communicationPlans.get(productId)) ?? null, [db, productId]);
  return useMemo(() => {
    if (stored === undefined) return undefined;
    return stored ? { plan: stored, stored: true } : { plan: defaultCommunicationPlan(productId), stored: false };
  }, [stored, productId]);
}
