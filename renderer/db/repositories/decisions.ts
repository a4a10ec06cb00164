/**
 * Decisions on findings: an accepted risk (rationale, who, expiry) or a recorded
 * mitigation. One decision per finding key is kept: a new decision replaces the
 * previous one in the same change group, so undo restores it, and revoking leaves
 * the finding open instead of resurfacing an older decision.
 */
import { decisionSchema, describeIssues, newId, parseDayDate, type Decision } from '../../../shared/domain';
import type { SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { logChanges, newChangeGroup } from './change-log';

export interface DecisionSubject {
  findingKey: string;
  productId: string;
}

export interface AcceptRiskInput extends DecisionSubject {
  rationale: string;
  by: string;
  /** `YYYY-MM-DD`: the last day the acceptance covers; the finding reopens after it. */
  expires: string;
}

export interface MitigateInput extends DecisionSubject {
  note: string;
  by: string;
}

export async function listDecisions(db: SupportspanDb): Promise<Decision[]> {
  return db.decisions.toArray();
}

export async function listDecisionsOfProduct(db: SupportspanDb, productId: string): Promise<Decision[]> {
  return db.decisions.where('productId').equals(productId).toArray();
}

export function validateDecision(candidate: unknown): Decision {
  const result = decisionSchema.safeParse(candidate);
  if (!result.success) throw new ValidationError('Decision', describeIssues(result.error));
  return result.data;
}

/** Checks that need more than the schema: who decided and why, and an expiry that is a real day. */
function checkAcceptance(input: AcceptRiskInput): string[] {
  const issues: string[] = [];
  if (!input.rationale.trim()) issues.push('rationale: say why the risk is accepted');
  if (!input.by.trim()) issues.push('by: the name of who accepts the risk is required (set your name in Settings)');
  const expires = parseDayDate(input.expires.trim());
  if (!input.expires.trim()) issues.push('expires: an expiry day is required (YYYY-MM-DD); the finding reopens after it');
  else if (!expires.ok) issues.push(`expires: ${expires.reason}`);
  return issues;
}

/** Stores a validated decision, replacing any earlier decision on the same finding, as one undoable change. */
export async function putDecision(db: SupportspanDb, input: unknown): Promise<Decision> {
  const decision = validateDecision(input);
  return guardWrite('save the decision', () =>
    db.transaction('rw', [db.products, db.decisions, db.changes], async () => {
      if (!(await db.products.get(decision.productId))) {
        throw new NotFoundError(`The product no longer exists (id ${decision.productId}); the decision was not saved.`);
      }
      const previous = await db.decisions.where('findingKey').equals(decision.findingKey).toArray();
      const replaced = previous.filter((d) => d.id !== decision.id);
      const before = previous.find((d) => d.id === decision.id) ?? null;
      await db.decisions.bulkDelete(replaced.map((d) => d.id));
      await db.decisions.put(decision);
      await logChanges(db, newChangeGroup(), [
        ...replaced.map((d) => ({ entityType: 'decision' as const, entityId: d.id, before: d, after: null })),
        { entityType: 'decision', entityId: decision.id, before, after: decision },
      ]);
      return decision;
    }),
  );
}

export async function acceptRisk(db: SupportspanDb, input: AcceptRiskInput, now: Date = new Date()): Promise<Decision> {
  const issues = checkAcceptance(input);
  if (issues.length) throw new ValidationError('Decision', issues);
  return putDecision(db, {
    id: newId(),
    findingKey: input.findingKey,
    productId: input.productId,
    type: 'accepted',
    rationale: input.rationale.trim(),
    by: input.by.trim(),
    decidedAt: now.toISOString(),
    expires: input.expires.trim(),
  });
}

export async function markMitigated(db: SupportspanDb, input: MitigateInput, now: Date = new Date()): Promise<Decision> {
  const issues: string[] = [];
  if (!input.note.trim()) issues.push('note: say how the finding was mitigated');
  if (!input.by.trim()) issues.push('by: the name of who records the mitigation is required (set your name in Settings)');
  if (issues.length) throw new ValidationError('Decision', issues);
  return putDecision(db, {
    id: newId(),
    findingKey: input.findingKey,
    productId: input.productId,
    type: 'mitigated',
    rationale: input.note.trim(),
    by: input.by.trim(),
    decidedAt: now.toISOString(),
    expires: null,
  });
}

/** Removes every decision on the finding, so it is open again; one undoable change. */
export async function revokeDecision(db: SupportspanDb, findingKey: string): Promise<number> {
  return guardWrite('revoke the decision', () =>
    db.transaction('rw', [db.decisions, db.changes], async () => {
      const decisions = await db.decisions.where('findingKey').equals(findingKey).toArray();
      if (decisions.length === 0) throw new NotFoundError('There is no decision on this finding (any more).');
      await db.decisions.bulkDelete(decisions.map((d) => d.id));
      await logChanges(
        db,
        newChangeGroup(),
        decisions.map((d) => ({ entityType: 'decision' as const, entityId: d.id, before: d, after: null })),
      );
      return decisions.length;
    }),
  );
}
