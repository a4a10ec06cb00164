/**
 * A product's checklist of IR 8259r1 activities: the records a team keeps
 * (status, owner, due date, notes, evidence, sign-off), the evidence the data
 * already gives (findings, planner results) and the status rules.
 *
 * Derivation reads each finding kind's NIST citations (shared/engine/finding-kinds.ts,
 * the one place a kind's NIST mapping lives), so a finding lands on the
 * activities its kind cites without anyone typing a link.
 */
import { z } from 'zod';
import { dayDateSchema, idSchema, MAX_NAME, MAX_TEXT } from '../domain/schemas';
import { FINDING_KINDS, KIND_INFO } from '../engine/finding-kinds';
import type { Finding, FindingKind, Severity } from '../engine/finding-kinds';
import { applyDecisions } from '../engine/decisions';
import type { FindingStatus } from '../engine/decisions';
import type { Decision, Portfolio } from '../domain/schemas';
import type { SupportPlan } from '../engine/planner';
import { PACK_IDS } from '../engine/rule-packs';
import { ACTIVITIES, ACTIVITY_2020_ALIASES, ACTIVITY_IDS, activityDefinition, isActivityId } from './activity-catalog';
import type { ActivityId } from './activity-catalog';

export const ACTIVITY_STATUSES = ['not-started', 'in-progress', 'done', 'not-applicable'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Readonly<Record<ActivityStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  'not-applicable': 'Not applicable',
};

export const EVIDENCE_KINDS = ['evidence-file', 'finding', 'risk', 'decision', 'link'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  'evidence-file': 'Evidence file',
  finding: 'Finding',
  risk: 'Risk',
  decision: 'Decision',
  link: 'Link',
};

const LINK_RE = /^(https?:\/\/|urn:|doc:)\S+$/i;

export const activityEvidenceSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  /** An evidence file's id, a finding key, a risk or decision id, or a link (http(s), urn: or doc:). */
  ref: z.string().trim().min(1, 'the reference is empty').max(1000),
  label: z.string().max(MAX_NAME).default(''),
}).superRefine((e, ctx) => {
  if (e.kind === 'link' && !LINK_RE.test(e.ref)) ctx.addIssue({ code: 'custom', path: ['ref'], message: 'a link starts with http://, https://, urn: or doc: and has no spaces' });
});
export type ActivityEvidence = z.infer<typeof activityEvidenceSchema>;

export const signOffSchema = z.strictObject({
  name: z.string().trim().min(1, 'the reviewer’s name is empty').max(MAX_NAME),
  date: dayDateSchema,
});
export type SignOff = z.infer<typeof signOffSchema>;

export const activityRecordSchema = z.strictObject({
  /** `${productId}:${activityId}`: one record per product and activity. */
  id: z.string().min(1).max(100),
  productId: idSchema,
  activityId: z.enum(ACTIVITY_IDS),
  status: z.enum(ACTIVITY_STATUSES),
  /** Why it is not applicable, or why it is done while a high finding is open on it. */
  reason: z.string().max(MAX_TEXT).default(''),
  owner: z.string().max(MAX_NAME).default(''),
  due: dayDateSchema.nullable().default(null),
  notes: z.string().max(MAX_TEXT).default(''),
  evidence: z.array(activityEvidenceSchema).max(500).default([]),
  signOff: signOffSchema.nullable().default(null),
}).superRefine((r, ctx) => {
  if (r.id !== activityRecordId(r.productId, r.activityId)) ctx.addIssue({ code: 'custom', path: ['id'], message: `must be ${activityRecordId(r.productId, r.activityId)}` });
  if (r.status === 'not-applicable' && r.reason.trim() === '') ctx.addIssue({ code: 'custom', path: ['reason'], message: 'an activity marked not applicable needs a reason' });
});
export type ActivityRecord = z.infer<typeof activityRecordSchema>;

export function activityRecordId(productId: string, activityId: ActivityId): string {
  return `${productId}:${activityId}`;
}

/** The review key auditors annotate an activity under. */
export function activityReviewKey(productId: string, activityId: ActivityId): string {
  return `activity:${productId}:${activityId}`;
}

export function emptyActivityRecord(productId: string, activityId: ActivityId): ActivityRecord {
  return { id: activityRecordId(productId, activityId), productId, activityId, status: 'not-started', reason: '', owner: '', due: null, notes: '', evidence: [], signOff: null };
}

/* ------------------------------------------------------------ the NIST mapping */

/** The activity a NIST citation key names: r1 ids as they are, 2020 keys through the alias. */
export function activityForNistKey(key: string): ActivityId | null {
  if (isActivityId(key)) return key;
  return ACTIVITY_2020_ALIASES[key] ?? null;
}

/**
 * The activity a recorded NIST citation names, as text: "IR 8259r1 Activity 5"
 * or, in bundles written before r1, "IR 8259 Activity 4" (through the alias).
 */
export function activityForNistText(text: string): ActivityId | null {
  const r1 = /^IR 8259r1 Activity ([0-8])$/.exec(text);
  if (r1) return `A${r1[1]}` as ActivityId;
  const old = /^IR 8259 Activity ([1-6])$/.exec(text);
  return old ? ACTIVITY_2020_ALIASES[`activity-${old[1]}`] ?? null : null;
}

/** Per finding kind: the activities its NIST citations name (read from KIND_INFO, never typed twice). */
export const KIND_ACTIVITIES: Readonly<Record<FindingKind, readonly ActivityId[]>> = Object.freeze(Object.fromEntries(
  FINDING_KINDS.map((k) => {
    const ids: ActivityId[] = [];
    for (const ref of KIND_INFO[k].nist) {
      const [pack, key] = ref.split('#') as [string, string];
      if (pack !== PACK_IDS.nist) continue;
      const a = activityForNistKey(key);
      if (a && !ids.includes(a)) ids.push(a);
    }
    return [k, Object.freeze(ids.sort())];
  }),
)) as Record<FindingKind, readonly ActivityId[]>;

/** The activities a finding bears on: its kind's mapping, or (a recorded finding of an unknown kind) its cited NIST texts. */
export function activitiesOfFinding(f: { kind: string; nist?: readonly string[] }): ActivityId[] {
  const known = (KIND_ACTIVITIES as Record<string, readonly ActivityId[] | undefined>)[f.kind];
  if (known) return [...known];
  const out: ActivityId[] = [];
  for (const t of f.nist ?? []) {
    const a = activityForNistText(t);
    if (a && !out.includes(a)) out.push(a);
  }
  return out.sort();
}

/* ------------------------------------------------------------ derived evidence and status */

export interface DerivedFinding {
  key: string;
  kind: string;
  severity: Severity;
  message: string;
  /** open / accepted / mitigated / reopened: a high finding that is not settled holds "done" back. */
  status: FindingStatus;
}

export interface DerivedPlan {
  /** `plan:<productId>` */
  key: string;
  meetsPlan: boolean | null;
  recommendedEarliestEnd: string | null;
  effectiveSupportEnd: string | null;
}

/** A risk of the product's register (shared/risk/register.ts), linked without typing. */
export interface DerivedRisk {
  id: string;
  title: string;
  level: string | null;
  status: string;
  /** Derived by the engine from the lifecycle data (support end, exposure). */
  lifecycle: boolean;
}

/** Risks bear on Activity 3 (assess risks); lifecycle risks also on Activity 6 (support through end of life). */
export function activitiesOfRisk(r: Pick<DerivedRisk, 'lifecycle'>): ActivityId[] {
  return r.lifecycle ? ['A3', 'A6'] : ['A3'];
}

export interface ProductActivity {
  id: ActivityId;
  number: number;
  title: string;
  description: string;
  verified: boolean;
  record: ActivityRecord;
  /** Findings of the product that bear on the activity. */
  derived: DerivedFinding[];
  /** The planner's result, on the support-planning activity (A5). */
  plan: DerivedPlan | null;
  /** Risks of the product that bear on the activity. */
  risks: DerivedRisk[];
  /** Open high findings that keep the activity from "done" without a recorded reason. */
  blockingFindings: string[];
  /** Set when the record says "done" but a high finding is open and no reason is recorded. */
  statusProblem: string | null;
}

const SETTLED: ReadonlySet<FindingStatus> = new Set(['accepted', 'mitigated']);

export function isOpenHigh(f: Pick<DerivedFinding, 'severity' | 'status'>): boolean {
  return f.severity === 'high' && !SETTLED.has(f.status);
}

/**
 * The status rule: "done" needs either no open high finding on the activity,
 * or a reason recorded with it; "not applicable" always needs a reason.
 * Returns the problem in the user's words, or null.
 */
export function statusProblem(
  record: Pick<ActivityRecord, 'status' | 'reason' | 'activityId'>,
  derived: readonly Pick<DerivedFinding, 'key' | 'severity' | 'status'>[],
): string | null {
  const label = `Activity ${activityDefinition(record.activityId).number}`;
  if (record.status === 'not-applicable' && record.reason.trim() === '') return `${label} is marked not applicable without a reason: say why it does not apply.`;
  if (record.status !== 'done' || record.reason.trim() !== '') return null;
  const open = derived.filter(isOpenHigh);
  if (open.length === 0) return null;
  return `${label} cannot be done while ${open.length === 1 ? 'a high finding is' : `${open.length} high findings are`} open on it (${open.map((f) => f.key).join(', ')}) unless a reason is recorded.`;
}

export interface ProductActivitiesInput {
  productId: string;
  records: readonly ActivityRecord[];
  findings: readonly (Pick<Finding, 'key' | 'kind' | 'severity' | 'message' | 'productId'> & { nist?: readonly string[]; status?: FindingStatus })[];
  plan?: Pick<SupportPlan, 'productId' | 'meetsPlan' | 'recommendedEarliestEnd' | 'effectiveSupportEnd'> | null;
  /** The product's risks (RiskRow of shared/risk/register.ts fits). */
  risks?: readonly { id: string; productId: string; threat: { title: string }; level: string | null; status: string; lifecycle: boolean }[];
}

/** The nine activities of one product, each with its record (or an empty one), derived evidence and status check. */
export function productActivities(input: ProductActivitiesInput): ProductActivity[] {
  const records = new Map(input.records.filter((r) => r.productId === input.productId).map((r) => [r.activityId, r]));
  const byActivity = new Map<ActivityId, DerivedFinding[]>(ACTIVITY_IDS.map((id) => [id, []]));
  for (const f of input.findings) {
    if (f.productId !== input.productId) continue;
    const d: DerivedFinding = { key: f.key, kind: f.kind, severity: f.severity, message: f.message, status: f.status ?? 'open' };
    for (const a of activitiesOfFinding(f)) byActivity.get(a)!.push(d);
  }
  const risksByActivity = new Map<ActivityId, DerivedRisk[]>(ACTIVITY_IDS.map((id) => [id, []]));
  for (const r of input.risks ?? []) {
    if (r.productId !== input.productId) continue;
    const d: DerivedRisk = { id: r.id, title: r.threat.title, level: r.level, status: r.status, lifecycle: r.lifecycle };
    for (const a of activitiesOfRisk(d)) risksByActivity.get(a)!.push(d);
  }
  const plan: DerivedPlan | null = input.plan && input.plan.productId === input.productId
    ? { key: `plan:${input.productId}`, meetsPlan: input.plan.meetsPlan, recommendedEarliestEnd: input.plan.recommendedEarliestEnd, effectiveSupportEnd: input.plan.effectiveSupportEnd.end }
    : null;
  return ACTIVITIES.map((def) => {
    const record = records.get(def.id) ?? emptyActivityRecord(input.productId, def.id);
    const derived = byActivity.get(def.id)!;
    return {
      id: def.id, number: def.number, title: def.title, description: def.description, verified: def.verified,
      record,
      derived,
      plan: def.bearsOn.includes('support-planning') ? plan : null,
      risks: risksByActivity.get(def.id)!,
      blockingFindings: derived.filter(isOpenHigh).map((f) => f.key),
      statusProblem: statusProblem(record, derived),
    };
  });
}

/**
 * Evidence as the CLI and reports name it: recorded evidence first, then the
 * planner's result and the derived risks (derived findings are listed apart, by key).
 */
export function evidenceList(a: ProductActivity): { kind: string; ref: string }[] {
  const recorded = a.record.evidence.map((e) => ({ kind: e.kind, ref: e.ref }));
  const has = (kind: string, ref: string): boolean => recorded.some((e) => e.kind === kind && e.ref === ref);
  return [
    ...recorded,
    ...(a.plan ? [{ kind: 'plan', ref: a.plan.key }] : []),
    ...a.risks.filter((r) => !has('risk', r.id)).map((r) => ({ kind: 'risk', ref: r.id })),
  ];
}

/** A finding as the engine gives it or as a bundle recorded it (key and product may be missing in old bundles). */
export interface FindingLike {
  key?: string;
  kind: string;
  severity: Severity;
  message: string;
  productId?: string;
  nist?: readonly string[];
}

export interface ProductActivitiesOfPortfolio {
  productId: string;
  product: string;
  activities: ProductActivity[];
}

/**
 * Every product's activities, with the portfolio's decisions applied to the
 * findings (as of `asOf`), for reports, the command line and PDF exports.
 * Findings without a key or a product cannot be linked and are left out.
 */
function byProduct<T extends { productId?: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    if (typeof item.productId !== 'string') continue;
    const list = out.get(item.productId);
    if (list) list.push(item);
    else out.set(item.productId, [item]);
  }
  return out;
}

export function portfolioActivities(input: {
  portfolio: Pick<Portfolio, 'products'> & { decisions?: readonly Decision[] };
  records: readonly ActivityRecord[];
  findings: readonly FindingLike[];
  asOf: string;
  plans?: readonly NonNullable<ProductActivitiesInput['plan']>[];
  risks?: ProductActivitiesInput['risks'];
}): ProductActivitiesOfPortfolio[] {
  const linkable = input.findings.filter((f): f is FindingLike & { key: string; productId: string } => typeof f.key === 'string' && typeof f.productId === 'string');
  // applyDecisions reads key and productId only; the rest of a Finding is carried through.
  const decided = applyDecisions(linkable as unknown as Finding[], input.portfolio.decisions ?? [], input.asOf);
  const plans = new Map((input.plans ?? []).map((p) => [p.productId, p]));
  // Each product is handed only its own records, findings and risks (in their order), so the portfolio is walked once, not once per product.
  const records = byProduct(input.records);
  const findings = byProduct(decided);
  const risks = input.risks ? byProduct(input.risks) : null;
  return input.portfolio.products.map((p) => ({
    productId: p.id,
    product: p.name,
    activities: productActivities({
      productId: p.id, records: records.get(p.id) ?? [], findings: findings.get(p.id) ?? [], plan: plans.get(p.id) ?? null,
      ...(risks ? { risks: risks.get(p.id) ?? [] } : {}),
    }),
  }));
}
