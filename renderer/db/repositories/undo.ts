/**
 * Undo and redo, built on the change log. Every write logs the before and after
 * images of what it changed under one group per user action; undo writes back the
 * before images of the newest group still in effect and logs that as a group of
 * its own named `undo:<unique>:<group>`; redo writes the after images back under
 * `redo:<unique>:<group>`. The stacks are therefore derived from the log itself:
 * they survive a reload, and no schema change is needed.
 *
 * The stacks are linear (as in every editor): a new edit after an undo ends the
 * redo stack. Reading the log newest first:
 * - the group to undo is the newest ordinary group whose latest event is the edit
 *   itself or a redo of it (not an undo);
 * - the group to redo is the newest undo whose group was not redone since, looking
 *   only at events after the latest ordinary edit.
 *
 * Each window sees only its own groups (`window` on the change records; records
 * without one predate it and count for every window): undo in one window never
 * reverts another's edit, and another window's edit does not end this window's
 * redo stack. When a record was changed since the step being undone (in
 * another window, typically), the undo is refused with the reason and nothing
 * is written.
 */
import { decisionSchema, describeIssues, newId, productLineSchema } from '../../../shared/domain';
import type { ChangeRecord, EntityType, SupportspanDb } from '../database';
import { guardWrite, ValidationError } from '../errors';
import { currentWindow, logChanges, type ChangeEntry } from './change-log';
import { validateProduct } from './products';
import { evidenceRecordSchema } from './evidence';
import { controlSchema, productPropertySchema, riskRecordSchema, threatTagSchema, userThreatSchema } from '../../../shared/risk/schemas';
import { riskTables, validateRiskMethod } from './risks';
import { validateActivityRecord, validateCommunicationPlan, validateVulnerability } from './obligations';
import { activityDefinition, isActivityId } from '../../../shared/obligations/activity-catalog';

export interface UndoStep {
  /** The group of the original user action. */
  group: string;
  /** "Edit of Thermostat T1", "Deletion of 3 products", … for button titles and messages. */
  description: string;
  /** The action as its write named it ("Field replaceable of Door gasket", "paste of 3 rows"), when it did. */
  label?: string;
  /** When the original action was done (ISO). */
  at: string;
}

export interface UndoState {
  undo: UndoStep | null;
  redo: UndoStep | null;
}

type GroupKind = 'edit' | 'undo' | 'redo';

interface ParsedGroup {
  kind: GroupKind;
  /** The original group this event is about. */
  target: string;
}

const STACK_GROUP = /^(undo|redo):([^:]+):(.+)$/;

export function parseGroup(group: string): ParsedGroup {
  const m = STACK_GROUP.exec(group);
  return m ? { kind: m[1] as 'undo' | 'redo', target: m[3]! } : { kind: 'edit', target: group };
}

export function undoGroupName(target: string): string {
  return `undo:${newId()}:${target}`;
}

export function redoGroupName(target: string): string {
  return `redo:${newId()}:${target}`;
}

/** Consecutive records of one group, newest group first (a transaction's records are contiguous). */
async function* groupsNewestFirst(db: SupportspanDb): AsyncGenerator<ChangeRecord[]> {
  const PAGE = 50;
  let upper: number | null = null;
  let current: ChangeRecord[] = [];
  for (;;) {
    const page: ChangeRecord[] = await (upper === null
      ? db.changes.orderBy(':id').reverse().limit(PAGE).toArray()
      : db.changes.where(':id').below(upper).reverse().limit(PAGE).toArray());
    if (page.length === 0) break;
    for (const record of page) {
      if (current.length && current[0]!.group !== record.group) {
        yield current;
        current = [];
      }
      current.unshift(record);
    }
    upper = page[page.length - 1]!.seq!;
  }
  if (current.length) yield current;
}

/** The records of an original group, oldest first. */
async function recordsOfGroup(db: SupportspanDb, group: string): Promise<ChangeRecord[]> {
  for await (const records of groupsNewestFirst(db)) {
    if (records[0]!.group === group) return records;
  }
  return [];
}

/** Whether a group is this window's own action (or older than window ids). */
function ownGroup(records: ChangeRecord[]): boolean {
  const window = records[0]!.window;
  return window === undefined || window === currentWindow();
}

async function findUndo(db: SupportspanDb): Promise<ChangeRecord[] | null> {
  const latest = new Map<string, 'done' | 'undone'>();
  for await (const records of groupsNewestFirst(db)) {
    if (!ownGroup(records)) continue;
    const { kind, target } = parseGroup(records[0]!.group);
    if (kind === 'edit') {
      if ((latest.get(target) ?? 'done') === 'done') return records;
    } else if (!latest.has(target)) {
      latest.set(target, kind === 'undo' ? 'undone' : 'done');
    }
  }
  return null;
}

async function findRedo(db: SupportspanDb): Promise<ChangeRecord[] | null> {
  const redone = new Set<string>();
  for await (const records of groupsNewestFirst(db)) {
    if (!ownGroup(records)) continue;
    const { kind, target } = parseGroup(records[0]!.group);
    if (kind === 'edit') return null;
    if (kind === 'redo') redone.add(target);
    else if (!redone.has(target)) return recordsOfGroup(db, target);
  }
  return null;
}

const NOUNS: Record<EntityType, [string, string]> = {
  line: ['product line', 'product lines'],
  product: ['product', 'products'],
  decision: ['decision', 'decisions'],
  evidence: ['evidence file', 'evidence files'],
  risk: ['risk', 'risks'],
  control: ['control', 'controls'],
  property: ['device property answer', 'device property answers'],
  threat: ['threat', 'threats'],
  'threat-tag': ['STRIDE tag', 'STRIDE tags'],
  'risk-method': ['risk method', 'risk methods'],
  activity: ['activity', 'activities'],
  vulnerability: ['vulnerability record', 'vulnerability records'],
  'communication-plan': ['communication plan', 'communication plans'],
};

function nameOf(image: unknown): string | null {
  if (image && typeof image === 'object' && typeof (image as { name?: unknown }).name === 'string') {
    return (image as { name: string }).name;
  }
  // Vulnerability records have a title; activity records name their activity.
  if (image && typeof image === 'object' && typeof (image as { title?: unknown }).title === 'string') {
    return (image as { title: string }).title;
  }
  const activityId = image && typeof image === 'object' ? (image as { activityId?: unknown }).activityId : undefined;
  if (typeof activityId === 'string' && isActivityId(activityId)) return `Activity ${activityDefinition(activityId).number}`;
  return null;
}

/** A short description of what a group did, for a person. */
export function describeGroup(records: ChangeRecord[]): string {
  // A write that named its action ("paste of 3 rows") is described in those words.
  const label = records[0]?.label;
  if (label) return label.charAt(0).toUpperCase() + label.slice(1);
  // Deleting a line deletes its products: the line is what the person acted on.
  const main = records.find((r) => r.entityType === 'line') ?? records.find((r) => r.entityType === 'product') ?? records[0]!;
  const same = records.filter((r) => r.entityType === main.entityType);
  const verb = main.before === null ? 'Creation' : main.after === null ? 'Deletion' : 'Edit';
  const [one, many] = NOUNS[main.entityType];
  if (same.length > 1) return `${verb} of ${same.length} ${many}`;
  const name = nameOf(main.after) ?? nameOf(main.before);
  return name ? `${verb} of ${one} “${name}”` : `${verb} of a ${one}`;
}

function toStep(records: ChangeRecord[] | null): UndoStep | null {
  if (!records || records.length === 0) return null;
  const label = records[0]!.label;
  return { group: records[0]!.group, description: describeGroup(records), at: records[0]!.at, ...(label ? { label } : {}) };
}

/** What undo and redo would do now; cheap enough for a live query (reads the newest groups only). */
export async function getUndoState(db: SupportspanDb): Promise<UndoState> {
  return { undo: toStep(await findUndo(db)), redo: toStep(await findRedo(db)) };
}

/** Key order does not matter when comparing a stored record with a logged image. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const IMAGE_SCHEMAS = {
  line: productLineSchema,
  evidence: evidenceRecordSchema,
  decision: decisionSchema,
  risk: riskRecordSchema,
  control: controlSchema,
  property: productPropertySchema,
  threat: userThreatSchema,
  'threat-tag': threatTagSchema,
} as const;

function validateImage(entityType: EntityType, image: unknown): unknown {
  if (entityType === 'product') return validateProduct(image);
  if (entityType === 'risk-method') return validateRiskMethod(image);
  if (entityType === 'activity') return validateActivityRecord(image);
  if (entityType === 'vulnerability') return validateVulnerability(image);
  if (entityType === 'communication-plan') return validateCommunicationPlan(image);
  const result = IMAGE_SCHEMAS[entityType].safeParse(image);
  if (!result.success) throw new ValidationError(NOUNS[entityType][0], describeIssues(result.error));
  return result.data;
}

function tableOf(db: SupportspanDb, entityType: EntityType) {
  switch (entityType) {
    case 'line': return db.lines;
    case 'product': return db.products;
    case 'evidence': return db.evidence;
    case 'decision': return db.decisions;
    case 'risk': return db.riskRecords;
    case 'control': return db.controls;
    case 'property': return db.productProperties;
    case 'threat': return db.userThreats;
    case 'threat-tag': return db.threatTags;
    case 'risk-method': return db.riskMethod;
    case 'activity': return db.activityRecords;
    case 'vulnerability': return db.vulnerabilities;
    case 'communication-plan': return db.communicationPlans;
  }
}

/**
 * Writes `target` images over entities that must currently hold `expected` images.
 * Refused (nothing written) when anything changed since in a way the log does not
 * explain, when an image no longer passes validation, or when the result would
 * leave a product without its line.
 */
async function restore(
  db: SupportspanDb,
  records: ChangeRecord[],
  direction: 'undo' | 'redo',
  group: string,
): Promise<void> {
  // Undo walks the action backwards, redo forwards: a record may depend on an earlier one.
  const ordered = direction === 'undo' ? [...records].reverse() : records;
  const entries: ChangeEntry[] = [];
  for (const record of ordered) {
    const expected = direction === 'undo' ? record.after : record.before;
    const target = direction === 'undo' ? record.before : record.after;
    const table = tableOf(db, record.entityType) as unknown as {
      get(id: string): Promise<unknown>;
      put(value: unknown): Promise<unknown>;
      delete(id: string): Promise<void>;
    };
    const current = (await table.get(record.entityId)) ?? null;
    if (canonical(current) !== canonical(expected)) {
      throw new ValidationError(`The ${direction}`, [
        `${NOUNS[record.entityType][0]} ${nameOf(current) ?? nameOf(expected) ?? record.entityId} was changed since (in another window or tab, or outside this window's history); ${direction === 'undo' ? 'undoing' : 'redoing'} would overwrite that change, so nothing was changed`,
      ]);
    }
    const value = target === null ? null : validateImage(record.entityType, target);
    if (value === null) await table.delete(record.entityId);
    else await table.put(value);
    entries.push({ entityType: record.entityType, entityId: record.entityId, before: current, after: value });
  }
  for (const entry of entries) {
    if (entry.entityType === 'product' && entry.after !== null) {
      const lineId = (entry.after as { lineId: string }).lineId;
      if (!(await db.lines.get(lineId))) {
        throw new ValidationError(`The ${direction}`, [`product ${nameOf(entry.after) ?? entry.entityId}: its product line no longer exists`]);
      }
    }
    if (entry.entityType === 'line' && entry.after === null && (await db.products.where('lineId').equals(entry.entityId).count()) > 0) {
      throw new ValidationError(`The ${direction}`, [`product line ${nameOf(entry.before) ?? entry.entityId} still has products`]);
    }
    if (entry.entityType === 'evidence' && entry.after !== null) {
      // The log holds evidence metadata only: the owner and the stored contents must still be there.
      const image = entry.after as { productId: string; ownerId: string; sha256: string; name: string };
      const product = await db.products.get(image.productId);
      if (!product || (image.ownerId !== product.id && !product.components.some((c) => c.id === image.ownerId))) {
        throw new ValidationError(`The ${direction}`, [`evidence file ${image.name}: the product or component it was attached to no longer exists`]);
      }
      if (!(await db.evidenceFiles.get(image.sha256))) {
        throw new ValidationError(`The ${direction}`, [`evidence file ${image.name}: its contents are no longer stored`]);
      }
    }
    if (entry.entityType === 'product' && entry.after === null && (await db.evidence.where('productId').equals(entry.entityId).count()) > 0) {
      throw new ValidationError(`The ${direction}`, [`product ${nameOf(entry.before) ?? entry.entityId} still has evidence files`]);
    }
    if ((entry.entityType === 'risk' || entry.entityType === 'property') && entry.after !== null) {
      const productId = (entry.after as { productId: string }).productId;
      if (!(await db.products.get(productId))) {
        throw new ValidationError(`The ${direction}`, [`${NOUNS[entry.entityType][0]} ${entry.entityId}: its product no longer exists`]);
      }
    }
    if ((entry.entityType === 'activity' || entry.entityType === 'communication-plan') && entry.after !== null) {
      const productId = (entry.after as { productId: string }).productId;
      if (!(await db.products.get(productId))) {
        throw new ValidationError(`The ${direction}`, [`${NOUNS[entry.entityType][0]} ${nameOf(entry.after) ?? entry.entityId}: its product no longer exists`]);
      }
    }
    if (entry.entityType === 'vulnerability' && entry.after !== null) {
      const image = entry.after as { productIds: string[]; title: string };
      const missing = (await db.products.bulkGet(image.productIds)).some((p) => !p);
      if (missing) throw new ValidationError(`The ${direction}`, [`vulnerability record ${image.title}: an affected product no longer exists`]);
    }
    if (entry.entityType === 'product' && entry.after === null
      && ((await db.riskRecords.where('productId').equals(entry.entityId).count()) > 0 || (await db.productProperties.where('productId').equals(entry.entityId).count()) > 0)) {
      throw new ValidationError(`The ${direction}`, [`product ${nameOf(entry.before) ?? entry.entityId} still has risks or device property answers`]);
    }
    if (entry.entityType === 'product' && entry.after === null
      && ((await db.activityRecords.where('productId').equals(entry.entityId).count()) > 0
        || (await db.communicationPlans.get(entry.entityId)) !== undefined
        || (await db.vulnerabilities.where('productIds').equals(entry.entityId).count()) > 0)) {
      throw new ValidationError(`The ${direction}`, [`product ${nameOf(entry.before) ?? entry.entityId} still has activity, vulnerability or communication records`]);
    }
  }
  await logChanges(db, group, entries);
}

async function step(db: SupportspanDb, direction: 'undo' | 'redo'): Promise<UndoStep | null> {
  return guardWrite(direction, () =>
    db.transaction('rw', [db.lines, db.products, db.decisions, db.evidence, db.evidenceFiles, ...riskTables(db), db.activityRecords, db.vulnerabilities, db.communicationPlans, db.changes], async () => {
      const records = await (direction === 'undo' ? findUndo(db) : findRedo(db));
      if (!records || records.length === 0) return null;
      const target = records[0]!.group;
      await restore(db, records, direction, direction === 'undo' ? undoGroupName(target) : redoGroupName(target));
      return toStep(records);
    }),
  );
}

/** Reverts the newest user action still in effect; null when there is nothing to undo. */
export async function undo(db: SupportspanDb): Promise<UndoStep | null> {
  return step(db, 'undo');
}

/** Re-applies the newest undone action; null when there is nothing to redo. */
export async function redo(db: SupportspanDb): Promise<UndoStep | null> {
  return step(db, 'redo');
}
