/**
 * The manufacturer's obligations (shared/obligations): IR 8259r1 activity
 * records per product, CRA Art 14 vulnerability and incident records, and one
 * end-of-support communication plan per product. The only code that writes the
 * `activityRecords`, `vulnerabilities` and `communicationPlans` tables, apart
 * from the deletes that go with a product (products.ts, product-lines.ts,
 * workspace.ts call `deleteObligationsOfProducts`) and bundle import.
 *
 * Every action is validated with the shared schemas (nothing is written when
 * it fails), runs in one transaction and lands in the change log as one group,
 * so Undo reverts it as one step (undo.ts).
 */
import { describeIssues } from '../../../shared/domain';
import { activityDefinition, isActivityId } from '../../../shared/obligations/activity-catalog';
import type { ActivityId } from '../../../shared/obligations/activity-catalog';
import {
  ACTIVITY_STATUSES,
  activityEvidenceSchema,
  activityRecordId,
  activityRecordSchema,
  emptyActivityRecord,
  signOffSchema,
} from '../../../shared/obligations/activities';
import type { ActivityEvidence, ActivityRecord, ActivityStatus } from '../../../shared/obligations/activities';
import { communicationPlanSchema } from '../../../shared/obligations/communication';
import type { CommunicationPlan } from '../../../shared/obligations/communication';
import { REPORT_KINDS, REPORT_LABELS, sentReportSchema, vulnerabilityRecordSchema } from '../../../shared/obligations/vulnerabilities';
import type { ReportKind, VulnerabilityRecord } from '../../../shared/obligations/vulnerabilities';
import type { SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { logChanges, newChangeGroup, type ChangeEntry } from './change-log';

export interface ObligationsData {
  activityRecords: ActivityRecord[];
  vulnerabilities: VulnerabilityRecord[];
  communicationPlans: CommunicationPlan[];
}

/** Everything stored about obligations, sorted for stable output. */
export async function loadObligationsData(db: SupportspanDb): Promise<ObligationsData> {
  const [activityRecords, vulnerabilities, communicationPlans] = await Promise.all([
    db.activityRecords.toArray(),
    db.vulnerabilities.toArray(),
    db.communicationPlans.toArray(),
  ]);
  return {
    activityRecords: activityRecords.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    vulnerabilities: vulnerabilities.sort((a, b) => (a.knownAt < b.knownAt ? -1 : a.knownAt > b.knownAt ? 1 : a.id < b.id ? -1 : 1)),
    communicationPlans: communicationPlans.sort((a, b) => (a.productId < b.productId ? -1 : 1)),
  };
}

/* ------------------------------------------------------------ validation */

function activityLabel(id: ActivityId): string {
  return `Activity ${activityDefinition(id).number}`;
}

export function validateActivityRecord(candidate: unknown): ActivityRecord {
  const result = activityRecordSchema.safeParse(candidate);
  if (!result.success) {
    const id = (candidate as { activityId?: unknown } | null)?.activityId;
    throw new ValidationError(typeof id === 'string' && isActivityId(id) ? activityLabel(id) : 'The activity', describeIssues(result.error));
  }
  return result.data;
}

export function validateVulnerability(candidate: unknown): VulnerabilityRecord {
  const result = vulnerabilityRecordSchema.safeParse(candidate);
  if (!result.success) throw new ValidationError('The vulnerability record', describeIssues(result.error));
  return result.data;
}

export function validateCommunicationPlan(candidate: unknown): CommunicationPlan {
  const result = communicationPlanSchema.safeParse(candidate);
  if (!result.success) throw new ValidationError('The communication plan', describeIssues(result.error));
  return result.data;
}

function checkActivityId(activityId: string): ActivityId {
  if (!isActivityId(activityId)) throw new ValidationError('The activity', [`activity: ${JSON.stringify(activityId)} is not one of A0…A8`]);
  return activityId;
}

async function productOrThrow(db: SupportspanDb, productId: string, what: string): Promise<void> {
  if (!(await db.products.get(productId))) throw new NotFoundError(`The product no longer exists (id ${productId}); ${what} was not saved.`);
}

/* ------------------------------------------------------------ activities */

export interface SaveActivityInput {
  productId: string;
  activityId: ActivityId;
  status?: ActivityStatus;
  /** Why it is not applicable, or why it is done while a high finding is open on it. */
  reason?: string;
  owner?: string;
  /** `YYYY-MM-DD`, or null/'' to clear. */
  dueDate?: string | null;
  notes?: string;
}

/** Runs `change` on the product's record of the activity (an empty one when none is stored) and stores the result as one undoable change. */
async function changeActivity(
  db: SupportspanDb,
  productId: string,
  activityIdInput: string,
  action: string,
  change: (current: ActivityRecord) => ActivityRecord,
): Promise<ActivityRecord> {
  const activityId = checkActivityId(activityIdInput);
  return guardWrite(action, () =>
    db.transaction('rw', [db.products, db.activityRecords, db.changes], async () => {
      await productOrThrow(db, productId, activityLabel(activityId));
      const id = activityRecordId(productId, activityId);
      const before = (await db.activityRecords.get(id)) ?? null;
      const after = validateActivityRecord(change(before ?? emptyActivityRecord(productId, activityId)));
      await db.activityRecords.put(after);
      await logChanges(db, newChangeGroup(), [{ entityType: 'activity', entityId: id, before, after }]);
      return after;
    }),
  );
}

/** Sets status, reason, owner, due date or notes of an activity; fields not given keep their value. "Not applicable" needs a reason. */
export async function saveActivity(db: SupportspanDb, input: SaveActivityInput): Promise<ActivityRecord> {
  if (input.status !== undefined && !(ACTIVITY_STATUSES as readonly string[]).includes(input.status)) {
    throw new ValidationError('The activity', [`status: ${JSON.stringify(input.status)} is not one of ${ACTIVITY_STATUSES.join(', ')}`]);
  }
  return changeActivity(db, input.productId, input.activityId, 'save the activity', (current) => ({
    ...current,
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.reason !== undefined ? { reason: input.reason.trim() } : {}),
    ...(input.owner !== undefined ? { owner: input.owner.trim() } : {}),
    ...(input.dueDate !== undefined ? { due: input.dueDate === null || input.dueDate.trim() === '' ? null : input.dueDate.trim() } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
  }));
}

export async function addActivityEvidence(db: SupportspanDb, input: { productId: string; activityId: ActivityId; evidence: ActivityEvidence }): Promise<ActivityRecord> {
  const parsed = activityEvidenceSchema.safeParse(input.evidence);
  if (!parsed.success) throw new ValidationError('The evidence', describeIssues(parsed.error));
  const evidence = parsed.data;
  return changeActivity(db, input.productId, input.activityId, 'add the evidence', (current) => {
    if (current.evidence.some((e) => e.kind === evidence.kind && e.ref === evidence.ref)) {
      throw new ValidationError('The evidence', [`ref: ${evidence.ref} is already evidence of ${activityLabel(current.activityId)}`]);
    }
    return { ...current, evidence: [...current.evidence, evidence] };
  });
}

export async function removeActivityEvidence(db: SupportspanDb, input: { productId: string; activityId: ActivityId; index: number }): Promise<ActivityRecord> {
  return changeActivity(db, input.productId, input.activityId, 'remove the evidence', (current) => {
    if (!Number.isInteger(input.index) || input.index < 0 || input.index >= current.evidence.length) {
      throw new NotFoundError(`${activityLabel(current.activityId)} has no evidence item number ${input.index + 1} (any more).`);
    }
    return { ...current, evidence: current.evidence.filter((_, i) => i !== input.index) };
  });
}

/** A reviewer's sign-off (name, day). */
export async function signOffActivity(db: SupportspanDb, input: { productId: string; activityId: ActivityId; name: string; date: string }): Promise<ActivityRecord> {
  const parsed = signOffSchema.safeParse({ name: input.name, date: input.date });
  if (!parsed.success) throw new ValidationError('The sign-off', describeIssues(parsed.error));
  return changeActivity(db, input.productId, input.activityId, 'sign off the activity', (current) => ({ ...current, signOff: { name: parsed.data.name.trim(), date: parsed.data.date } }));
}

export async function clearSignOff(db: SupportspanDb, input: { productId: string; activityId: ActivityId }): Promise<ActivityRecord> {
  return changeActivity(db, input.productId, input.activityId, 'clear the sign-off', (current) => {
    if (current.signOff === null) throw new NotFoundError(`${activityLabel(current.activityId)} is not signed off (any more).`);
    return { ...current, signOff: null };
  });
}

/* ------------------------------------------------------------ vulnerabilities */

/** Checks that need the database: every affected product exists, and every component belongs to one of them. */
async function checkVulnerabilityRefs(db: SupportspanDb, v: VulnerabilityRecord): Promise<void> {
  const products = await db.products.bulkGet(v.productIds);
  const issues: string[] = [];
  const duplicates = v.productIds.filter((id, i) => v.productIds.indexOf(id) !== i);
  if (duplicates.length) issues.push(`productIds: ${duplicates.join(', ')} named more than once`);
  products.forEach((p, i) => { if (!p) issues.push(`productIds.${i}: there is no product with id ${v.productIds[i]}`); });
  const componentIds = new Set(products.flatMap((p) => p?.components.map((c) => c.id) ?? []));
  v.componentIds.forEach((id, i) => { if (!componentIds.has(id)) issues.push(`componentIds.${i}: component ${id} is not in any of the affected products`); });
  if (issues.length) throw new ValidationError('The vulnerability record', issues);
}

/** Creates or replaces a vulnerability or incident record. */
export async function putVulnerability(db: SupportspanDb, input: unknown): Promise<VulnerabilityRecord> {
  const record = validateVulnerability(input);
  return guardWrite('save the vulnerability record', () =>
    db.transaction('rw', [db.products, db.vulnerabilities, db.changes], async () => {
      await checkVulnerabilityRefs(db, record);
      const before = (await db.vulnerabilities.get(record.id)) ?? null;
      await db.vulnerabilities.put(record);
      await logChanges(db, newChangeGroup(), [{ entityType: 'vulnerability', entityId: record.id, before, after: record }]);
      return record;
    }),
  );
}

/** Records that a report was sent (when, with which reference); replaces an earlier entry for the same report. */
export async function recordSentReport(db: SupportspanDb, vulnId: string, input: { kind: ReportKind; sentAt: string; reference: string }): Promise<VulnerabilityRecord> {
  if (!(REPORT_KINDS as readonly string[]).includes(input.kind)) {
    throw new ValidationError('The report', [`kind: ${JSON.stringify(input.kind)} is not one of ${REPORT_KINDS.join(', ')}`]);
  }
  const sent = sentReportSchema.safeParse({ sentAt: input.sentAt, reference: input.reference });
  if (!sent.success) throw new ValidationError(`The ${REPORT_LABELS[input.kind].toLowerCase()}`, describeIssues(sent.error));
  return guardWrite('record the report', () =>
    db.transaction('rw', [db.vulnerabilities, db.changes], async () => {
      const before = await db.vulnerabilities.get(vulnId);
      if (!before) throw new NotFoundError(`The vulnerability record no longer exists (id ${vulnId}); the report was not recorded.`);
      if (Date.parse(sent.data.sentAt) < Date.parse(before.knownAt)) {
        throw new ValidationError(`The ${REPORT_LABELS[input.kind].toLowerCase()}`, [`sentAt: ${sent.data.sentAt} is before the problem became known (${before.knownAt})`]);
      }
      const after = validateVulnerability({ ...before, reports: { ...before.reports, [input.kind]: { sentAt: sent.data.sentAt, reference: sent.data.reference.trim() } } });
      await db.vulnerabilities.put(after);
      await logChanges(db, newChangeGroup(), [{ entityType: 'vulnerability', entityId: vulnId, before, after }]);
      return after;
    }),
  );
}

export async function deleteVulnerability(db: SupportspanDb, id: string): Promise<void> {
  await guardWrite('delete the vulnerability record', () =>
    db.transaction('rw', [db.vulnerabilities, db.changes], async () => {
      const before = await db.vulnerabilities.get(id);
      if (!before) throw new NotFoundError(`The vulnerability record no longer exists (id ${id}).`);
      await db.vulnerabilities.delete(id);
      await logChanges(db, newChangeGroup(), [{ entityType: 'vulnerability', entityId: id, before, after: null }]);
    }),
  );
}

/* ------------------------------------------------------------ communication plans */

/** Creates or replaces a product's communication plan. */
export async function putCommunicationPlan(db: SupportspanDb, input: unknown): Promise<CommunicationPlan> {
  const plan = validateCommunicationPlan(input);
  return guardWrite('save the communication plan', () =>
    db.transaction('rw', [db.products, db.communicationPlans, db.changes], async () => {
      await productOrThrow(db, plan.productId, 'the communication plan');
      const before = (await db.communicationPlans.get(plan.productId)) ?? null;
      await db.communicationPlans.put(plan);
      await logChanges(db, newChangeGroup(), [{ entityType: 'communication-plan', entityId: plan.productId, before, after: plan }]);
      return plan;
    }),
  );
}

/* ------------------------------------------------------------ with a product's deletion */

/** The tables a product delete's transaction must include for `deleteObligationsOfProducts`. */
export function obligationTables(db: SupportspanDb) {
  return [db.activityRecords, db.vulnerabilities, db.communicationPlans];
}

/**
 * For the deletes that take products with them: call inside their transaction
 * (which must include `obligationTables(db)`). Removes the products' activity
 * records and communication plans, and their ids from vulnerability records; a
 * record left without any affected product is removed. Returns the log entries
 * to add to the same group (before the product's own), so one Undo brings
 * everything back.
 */
export async function deleteObligationsOfProducts(db: SupportspanDb, productIds: readonly string[]): Promise<ChangeEntry[]> {
  if (productIds.length === 0) return [];
  const ids = [...productIds];
  const gone = new Set(ids);
  const entries: ChangeEntry[] = [];
  const records = await db.activityRecords.where('productId').anyOf(ids).toArray();
  await db.activityRecords.bulkDelete(records.map((r) => r.id));
  entries.push(...records.map((r) => ({ entityType: 'activity' as const, entityId: r.id, before: r, after: null })));
  const plans = (await db.communicationPlans.bulkGet(ids)).filter((p): p is CommunicationPlan => p !== undefined);
  await db.communicationPlans.bulkDelete(plans.map((p) => p.productId));
  entries.push(...plans.map((p) => ({ entityType: 'communication-plan' as const, entityId: p.productId, before: p, after: null })));
  const vulns = await db.vulnerabilities.where('productIds').anyOf(ids).distinct().toArray();
  for (const before of vulns) {
    const productIdsLeft = before.productIds.filter((id) => !gone.has(id));
    if (productIdsLeft.length === 0) {
      await db.vulnerabilities.delete(before.id);
      entries.push({ entityType: 'vulnerability', entityId: before.id, before, after: null });
      continue;
    }
    // Components of the deleted products go with them; the record stays for the products still affected.
    const remaining = await db.products.bulkGet(productIdsLeft);
    const componentIds = new Set(remaining.flatMap((p) => p?.components.map((c) => c.id) ?? []));
    const after: VulnerabilityRecord = { ...before, productIds: productIdsLeft, componentIds: before.componentIds.filter((c) => componentIds.has(c)) };
    await db.vulnerabilities.put(after);
    entries.push({ entityType: 'vulnerability', entityId: before.id, before, after });
  }
  return entries;
}
