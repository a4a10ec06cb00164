/**
 * A crosswalk (data) from each IR 8259r1 activity to the CRA Annex I and
 * Annex II items, ETSI EN 303 645 provisions and IR 8259A/B capabilities it
 * helps meet, and the coverage that follows from a product's activity records.
 *
 * The mapping is this app's reading, not an official one: each item says
 * whether its identifier was checked against the published text.
 */
import type { ActivityId } from './activity-catalog';
import { ACTIVITY_IDS } from './activity-catalog';
import type { ActivityRecord } from './activities';

export const FRAMEWORKS = ['cra-annex-i', 'cra-annex-ii', 'en-303-645', 'ir-8259a', 'ir-8259b'] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export const FRAMEWORK_LABELS: Readonly<Record<Framework, string>> = {
  'cra-annex-i': 'CRA Annex I',
  'cra-annex-ii': 'CRA Annex II',
  'en-303-645': 'ETSI EN 303 645',
  'ir-8259a': 'NIST IR 8259A',
  'ir-8259b': 'NIST IR 8259B',
};

export interface CrosswalkItem {
  framework: Framework;
  /** As the source numbers it, e.g. "Part II(1)", "5.3-13", "Software Update". */
  id: string;
  title: string;
  verified: boolean;
  activities: ActivityId[];
}

export const CROSSWALK: readonly CrosswalkItem[] = [
  { framework: 'cra-annex-i', id: 'Part I(1)', title: 'Appropriate level of cybersecurity based on the risks', verified: true, activities: ['A2', 'A3'] },
  { framework: 'cra-annex-i', id: 'Part I(2)(c)', title: 'Vulnerabilities addressed through security updates', verified: true, activities: ['A4', 'A6'] },
  { framework: 'cra-annex-i', id: 'Part I(2)(d)', title: 'Protection from unauthorised access', verified: false, activities: ['A4'] },
  { framework: 'cra-annex-i', id: 'Part II(1)', title: 'Identify and document components and vulnerabilities (SBOM)', verified: false, activities: ['A0', 'A6'] },
  { framework: 'cra-annex-i', id: 'Part II(2)', title: 'Address and remediate vulnerabilities without delay', verified: false, activities: ['A6'] },
  { framework: 'cra-annex-i', id: 'Part II(4)', title: 'Publicly disclose fixed vulnerabilities', verified: false, activities: ['A6', 'A8'] },
  { framework: 'cra-annex-i', id: 'Part II(5)', title: 'Coordinated vulnerability disclosure policy', verified: false, activities: ['A7'] },
  { framework: 'cra-annex-i', id: 'Part II(8)', title: 'Security updates disseminated without delay, free of charge, with advisory messages', verified: false, activities: ['A6', 'A7', 'A8'] },
  { framework: 'cra-annex-ii', id: '(1)', title: 'Name and contact of the manufacturer', verified: false, activities: ['A8'] },
  { framework: 'cra-annex-ii', id: '(2)', title: 'Single point of contact for reporting vulnerabilities', verified: false, activities: ['A7'] },
  { framework: 'cra-annex-ii', id: '(3)', title: 'Name, type and identification of the product', verified: false, activities: ['A0', 'A8'] },
  { framework: 'cra-annex-ii', id: '(4)', title: 'Intended purpose and security environment', verified: false, activities: ['A1', 'A2'] },
  { framework: 'cra-annex-ii', id: '(7)', title: 'End date of the support period', verified: false, activities: ['A5', 'A8'] },
  { framework: 'cra-annex-ii', id: '(8)', title: 'Instructions: secure use, updates, decommissioning', verified: false, activities: ['A8'] },
  { framework: 'en-303-645', id: '5.2-1', title: 'Vulnerability disclosure policy published', verified: true, activities: ['A7'] },
  { framework: 'en-303-645', id: '5.3-13', title: 'Defined support period published', verified: true, activities: ['A5', 'A8'] },
  { framework: 'en-303-645', id: '5.3-14', title: 'Devices that cannot be updated: rationale and replacement support published', verified: true, activities: ['A4', 'A8'] },
  { framework: 'en-303-645', id: '5.3-16', title: 'Model designation clearly recognisable', verified: true, activities: ['A0', 'A8'] },
  { framework: 'ir-8259a', id: 'Device Identification', title: 'Device identification', verified: true, activities: ['A4'] },
  { framework: 'ir-8259a', id: 'Device Configuration', title: 'Device configuration', verified: true, activities: ['A4'] },
  { framework: 'ir-8259a', id: 'Data Protection', title: 'Data protection', verified: true, activities: ['A4', 'A6'] },
  { framework: 'ir-8259a', id: 'Logical Access to Interfaces', title: 'Logical access to interfaces', verified: true, activities: ['A4'] },
  { framework: 'ir-8259a', id: 'Software Update', title: 'Software update', verified: true, activities: ['A4', 'A6'] },
  { framework: 'ir-8259a', id: 'Cybersecurity State Awareness', title: 'Cybersecurity state awareness', verified: true, activities: ['A4', 'A6'] },
  { framework: 'ir-8259b', id: 'Documentation', title: 'Documentation (expected lifespan, term of support)', verified: true, activities: ['A1', 'A5'] },
  { framework: 'ir-8259b', id: 'Information and Query Reception', title: 'Information and query reception', verified: true, activities: ['A7'] },
  { framework: 'ir-8259b', id: 'Information Dissemination', title: 'Information dissemination', verified: true, activities: ['A7', 'A8'] },
  { framework: 'ir-8259b', id: 'Education and Awareness', title: 'Education and awareness', verified: true, activities: ['A8'] },
];

/** Done, or not applicable with a reason: the activity counts for coverage. */
export function activityCounts(r: Pick<ActivityRecord, 'status' | 'reason'> | undefined): boolean {
  return r !== undefined && (r.status === 'done' || (r.status === 'not-applicable' && r.reason.trim() !== ''));
}

export interface CoverageRow {
  item: CrosswalkItem;
  /** Activities mapped to the item that count (done, or not applicable with a reason). */
  covered: ActivityId[];
  /** True when every mapped activity counts. */
  full: boolean;
}

export interface Coverage {
  activitiesDone: number;
  activitiesTotal: number;
  items: CoverageRow[];
  /** Items whose every activity counts, per framework. */
  byFramework: Record<Framework, { full: number; total: number }>;
}

function emptyByFramework(): Record<Framework, { full: number; total: number }> {
  return Object.fromEntries(FRAMEWORKS.map((f) => [f, { full: 0, total: 0 }])) as Record<Framework, { full: number; total: number }>;
}

/** Coverage of one product from its activity records. */
export function productCoverage(productId: string, records: readonly ActivityRecord[]): Coverage {
  const mine = new Map(records.filter((r) => r.productId === productId).map((r) => [r.activityId, r]));
  const counts = new Set(ACTIVITY_IDS.filter((id) => activityCounts(mine.get(id))));
  const byFramework = emptyByFramework();
  const items = CROSSWALK.map((item) => {
    const covered = item.activities.filter((a) => counts.has(a));
    const full = covered.length === item.activities.length;
    byFramework[item.framework].total++;
    if (full) byFramework[item.framework].full++;
    return { item, covered, full };
  });
  return { activitiesDone: counts.size, activitiesTotal: ACTIVITY_IDS.length, items, byFramework };
}

/** The portfolio's coverage: each product's, summed (an item counts once per product that fully covers it). */
export function portfolioCoverage(productIds: readonly string[], records: readonly ActivityRecord[]): Coverage {
  const byFramework = emptyByFramework();
  let done = 0;
  const itemFull = CROSSWALK.map(() => 0);
  for (const id of productIds) {
    const c = productCoverage(id, records);
    done += c.activitiesDone;
    c.items.forEach((row, i) => { if (row.full) itemFull[i]!++; });
    for (const f of FRAMEWORKS) {
      byFramework[f].full += c.byFramework[f].full;
      byFramework[f].total += c.byFramework[f].total;
    }
  }
  return {
    activitiesDone: done,
    activitiesTotal: productIds.length * ACTIVITY_IDS.length,
    items: CROSSWALK.map((item, i) => ({ item, covered: [], full: productIds.length > 0 && itemFull[i] === productIds.length })),
    byFramework,
  };
}
