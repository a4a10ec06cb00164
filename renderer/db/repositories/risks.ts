/**
 * The risk register's storage (docs/risks.md): the user's assessments of risks,
 * controls, answers on device properties, own threats, STRIDE tags and the
 * scoring method. Lifecycle risks are derived by the engine (shared/risk/register.ts)
 * and never stored; a record with a lifecycle risk's `lc:` id holds only the
 * user's assessment of it. Every function is one user action: one transaction,
 * one change group, undoable (undo.ts restores the images per entity type).
 */
import type { z } from 'zod';
import { describeIssues, newId, type Product } from '../../../shared/domain';
import {
  CATALOG_VERSION,
  controlSchema,
  environmentWeightsSchema,
  loadCatalog,
  productPropertySchema,
  riskIdSchema,
  riskMatrixSchema,
  riskRecordSchema,
  STRIDE,
  threatIdSchema,
  threatTagSchema,
  userThreatSchema,
  type Catalog,
  type Control,
  type EnvironmentWeights,
  type ProductProperty,
  type RiskMatrix,
  type RiskRecord,
  type RiskRegisterData,
  type RiskResponse,
  type Stride,
  type ThreatTag,
  type UserThreat,
} from '../../../shared/risk';
import type { RiskMethodRecord, SupportspanDb } from '../database';
import { guardWrite, NotFoundError, ValidationError } from '../errors';
import { logChanges, newChangeGroup, type ChangeEntry } from './change-log';

/** The tables a write touching the register needs in its transaction (with `db.changes`). */
export function riskTables(db: SupportspanDb) {
  return [db.riskRecords, db.controls, db.productProperties, db.userThreats, db.threatTags, db.riskMethod];
}

export const RISK_METHOD_KEY = 'method';

/** The stored method record, checked like any image (undo.ts validates with it too). */
export function validateRiskMethod(candidate: unknown): RiskMethodRecord {
  if (!candidate || typeof candidate !== 'object' || (candidate as { key?: unknown }).key !== RISK_METHOD_KEY) {
    throw new ValidationError('The risk method', ['key: must be "method"']);
  }
  const c = candidate as { matrix?: unknown; weights?: unknown };
  const matrix = c.matrix == null ? null : parse(riskMatrixSchema, 'The risk matrix', c.matrix);
  const weights = c.weights == null ? null : parse(environmentWeightsSchema, 'The environment weights', c.weights);
  return { key: RISK_METHOD_KEY, matrix, weights };
}

function parse<S extends z.ZodType>(schema: S, subject: string, value: unknown, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(subject, describeIssues(result.error, prefix));
  return result.data as z.infer<S>;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Everything the user owns in the register, in the shared shape (bundles, reports, the live register). */
export async function loadRiskRegisterData(db: SupportspanDb): Promise<RiskRegisterData> {
  const [threats, threatTags, properties, risks, controls, method] = await Promise.all([
    db.userThreats.toArray(),
    db.threatTags.toArray(),
    db.productProperties.toArray(),
    db.riskRecords.toArray(),
    db.controls.toArray(),
    db.riskMethod.get(RISK_METHOD_KEY),
  ]);
  return {
    catalogVersion: CATALOG_VERSION,
    threats: threats.sort(byId),
    threatTags: threatTags.sort((a, b) => (a.threatId < b.threatId ? -1 : a.threatId > b.threatId ? 1 : 0)),
    properties: properties.sort(byId),
    risks: risks.sort(byId),
    controls: controls.sort(byId),
    matrix: method?.matrix ?? null,
    weights: method?.weights ?? null,
  };
}

/** The catalog with the stored user threats and tags. */
export async function loadRiskCatalog(db: SupportspanDb): Promise<Catalog> {
  const [threats, tags] = await Promise.all([db.userThreats.toArray(), db.threatTags.toArray()]);
  return loadCatalog(threats, tags);
}

async function productOrThrow(db: SupportspanDb, productId: string, what: string): Promise<Product> {
  const product = await db.products.get(productId);
  if (!product) throw new NotFoundError(`The product no longer exists (id ${productId}); the ${what} was not saved.`);
  return product;
}

// ---------------------------------------------------------------- properties

export interface PropertyAnswer {
  productId: string;
  /** An EMB3D device property, `PID-…`. */
  propertyId: string;
  /** null clears the answer (the property is only proposed again). */
  state: 'confirmed' | 'rejected' | null;
  by: string;
}

/** Confirms or rejects a device property of a product, or clears the answer; null when there was nothing to clear. */
export async function setProductProperty(db: SupportspanDb, input: PropertyAnswer, now: Date = new Date()): Promise<ProductProperty | null> {
  const catalog = loadCatalog();
  if (!catalog.propertyById.has(input.propertyId)) {
    throw new ValidationError('The device property', [`${input.propertyId || '(empty)'} is not a device property of the EMB3D catalog`]);
  }
  return guardWrite('save the device property', () =>
    db.transaction('rw', [db.products, db.productProperties, db.changes], async () => {
      await productOrThrow(db, input.productId, 'device property');
      const previous = (await db.productProperties.where('productId').equals(input.productId).toArray()).find((p) => p.propertyId === input.propertyId) ?? null;
      if (input.state === null) {
        if (!previous) return null;
        await db.productProperties.delete(previous.id);
        await logChanges(db, newChangeGroup(), [{ entityType: 'property', entityId: previous.id, before: previous, after: null }]);
        return null;
      }
      const record = parse(productPropertySchema, 'The device property', {
        id: previous?.id ?? newId(),
        productId: input.productId,
        propertyId: input.propertyId,
        state: input.state,
        by: input.by.trim(),
        at: now.toISOString(),
      });
      await db.productProperties.put(record);
      await logChanges(db, newChangeGroup(), [{ entityType: 'property', entityId: record.id, before: previous, after: record }]);
      return record;
    }),
  );
}

// ---------------------------------------------------------------- risks

/** `lc:<threat>:<product>[:<component>]` split into its parts, or null when the id is not a lifecycle risk's. */
export function parseLifecycleRiskId(id: string): { threatId: string; productId: string; componentId: string | null } | null {
  const m = /^lc:([A-Za-z0-9_.-]+):([A-Za-z0-9_-]+)(?::([A-Za-z0-9_-]+))?$/.exec(id);
  return m ? { threatId: m[1]!, productId: m[2]!, componentId: m[3] ?? null } : null;
}

export interface RiskAssessmentInput {
  id: string;
  productId: string;
  componentId?: string | null;
  threatId: string;
  likelihood?: number | null;
  impact?: number | null;
  response?: RiskResponse | null;
  rationale?: string;
  owner?: string;
  reviewDate?: string | null;
  expires?: string | null;
  residualLikelihood?: number | null;
  residualImpact?: number | null;
}

const ASSESSED_FIELDS = ['componentId', 'likelihood', 'impact', 'response', 'rationale', 'owner', 'reviewDate', 'expires', 'residualLikelihood', 'residualImpact'] as const;

function checkSubject(product: Product, componentId: string | null, threatId: string, catalog: Catalog): string[] {
  const issues: string[] = [];
  if (componentId !== null && !product.components.some((c) => c.id === componentId)) issues.push(`component: it is not (any more) a component of ${product.name}`);
  if (!catalog.threatById.has(threatId)) issues.push(`threat: ${threatId} is neither in the catalog nor one of your threats`);
  return issues;
}

/** Like a decision on a finding: an accepted risk needs why, who and until when. */
function checkAcceptance(r: RiskRecord): string[] {
  if (r.response !== 'accept') return [];
  const issues: string[] = [];
  if (!r.rationale.trim()) issues.push('rationale: say why the risk is accepted');
  if (!r.owner.trim()) issues.push('owner: the name of who owns the accepted risk is required');
  if (r.expires === null) issues.push('expires: an expiry day is required (YYYY-MM-DD); the risk reopens after it');
  return issues;
}

/**
 * Saves the user's assessment of a risk (creates the record when there is none:
 * for a lifecycle risk the id is its `lc:` id). Fields left out keep their stored
 * value; null clears one.
 */
export async function saveRiskAssessment(db: SupportspanDb, input: RiskAssessmentInput): Promise<RiskRecord> {
  const id = parse(riskIdSchema, 'The risk', input.id, 'id');
  const lifecycle = parseLifecycleRiskId(id);
  if (id.startsWith('lc:') && !lifecycle) throw new ValidationError('The risk', [`id: ${id} is not a well-formed lifecycle risk id`]);
  if (lifecycle && (lifecycle.productId !== input.productId || lifecycle.threatId !== input.threatId)) {
    throw new ValidationError('The risk', ['id: this lifecycle risk belongs to another product or threat']);
  }
  return guardWrite('save the risk', () =>
    db.transaction('rw', [db.products, db.riskRecords, db.userThreats, db.threatTags, db.changes], async () => {
      const product = await productOrThrow(db, input.productId, 'risk');
      const before = (await db.riskRecords.get(id)) ?? null;
      if (before && (before.productId !== input.productId || before.threatId !== input.threatId)) {
        throw new ValidationError('The risk', ['this risk belongs to another product or threat; reload and try again']);
      }
      const merged: Record<string, unknown> = { ...(before ?? { componentId: lifecycle?.componentId ?? null }), id, productId: input.productId, threatId: input.threatId };
      for (const field of ASSESSED_FIELDS) {
        const value = input[field];
        if (value !== undefined) merged[field] = typeof value === 'string' && field !== 'componentId' ? value.trim() : value;
      }
      for (const field of ['reviewDate', 'expires'] as const) if (merged[field] === '') merged[field] = null;
      const record = parse(riskRecordSchema, 'The risk', merged);
      const issues = [
        ...checkSubject(product, record.componentId, record.threatId, await loadRiskCatalog(db)),
        ...checkAcceptance(record),
      ];
      if (issues.length) throw new ValidationError('The risk', issues);
      await db.riskRecords.put(record);
      await logChanges(db, newChangeGroup(), [{ entityType: 'risk', entityId: id, before, after: record }]);
      return record;
    }),
  );
}

/** A risk the user adds: a threat on a product (or one of its components), not yet scored. */
export async function addUserRisk(db: SupportspanDb, input: { productId: string; componentId: string | null; threatId: string }): Promise<RiskRecord> {
  parse(threatIdSchema, 'The risk', input.threatId, 'threat');
  return guardWrite('add the risk', () =>
    db.transaction('rw', [db.products, db.riskRecords, db.userThreats, db.threatTags, db.changes], async () => {
      const product = await productOrThrow(db, input.productId, 'risk');
      const issues = checkSubject(product, input.componentId, input.threatId, await loadRiskCatalog(db));
      if (issues.length) throw new ValidationError('The risk', issues);
      const record = parse(riskRecordSchema, 'The risk', { id: newId(), productId: product.id, componentId: input.componentId, threatId: input.threatId });
      await db.riskRecords.add(record);
      await logChanges(db, newChangeGroup(), [{ entityType: 'risk', entityId: record.id, before: null, after: record }]);
      return record;
    }),
  );
}

/** Log entries (and writes) that take `riskIds` out of every control linking them. Call inside a transaction with `db.controls`. */
async function unlinkRisks(db: SupportspanDb, riskIds: ReadonlySet<string>): Promise<ChangeEntry[]> {
  if (riskIds.size === 0) return [];
  const controls = await db.controls.where('riskIds').anyOf([...riskIds]).distinct().toArray();
  const entries: ChangeEntry[] = [];
  for (const before of controls) {
    const after: Control = { ...before, riskIds: before.riskIds.filter((id) => !riskIds.has(id)) };
    await db.controls.put(after);
    entries.push({ entityType: 'control', entityId: before.id, before, after });
  }
  return entries;
}

/** Deletes a risk (for a lifecycle risk: the assessment; the risk itself follows from the data) and unlinks it from its controls. */
export async function deleteRisk(db: SupportspanDb, riskId: string): Promise<void> {
  await guardWrite('delete the risk', () =>
    db.transaction('rw', [db.riskRecords, db.controls, db.changes], async () => {
      const before = (await db.riskRecords.get(riskId)) ?? null;
      const unlinked = await unlinkRisks(db, new Set([riskId]));
      if (!before && unlinked.length === 0) throw new NotFoundError(`The risk no longer exists (id ${riskId}).`);
      if (before) await db.riskRecords.delete(riskId);
      await logChanges(db, newChangeGroup(), [...(before ? [{ entityType: 'risk' as const, entityId: riskId, before, after: null }] : []), ...unlinked]);
    }),
  );
}

/**
 * For the deletes that take products with them (products.ts, product-lines.ts,
 * workspace.ts): removes their risks and property answers and unlinks their
 * risks (stored or lifecycle) from controls. Call inside their transaction
 * (which must include riskTables(db)); returns the entries for the same group.
 */
export async function deleteRiskDataOfProducts(db: SupportspanDb, productIds: readonly string[]): Promise<ChangeEntry[]> {
  if (productIds.length === 0) return [];
  const ids = new Set(productIds);
  const risks = await db.riskRecords.where('productId').anyOf([...ids]).toArray();
  const properties = await db.productProperties.where('productId').anyOf([...ids]).toArray();
  const riskIds = new Set(risks.map((r) => r.id));
  const entries: ChangeEntry[] = [];
  for (const control of await db.controls.toArray()) {
    const gone = control.riskIds.filter((id) => riskIds.has(id) || (parseLifecycleRiskId(id) !== null && ids.has(parseLifecycleRiskId(id)!.productId)));
    if (gone.length === 0) continue;
    const after: Control = { ...control, riskIds: control.riskIds.filter((id) => !gone.includes(id)) };
    await db.controls.put(after);
    entries.push({ entityType: 'control', entityId: control.id, before: control, after });
  }
  await db.riskRecords.bulkDelete([...riskIds]);
  await db.productProperties.bulkDelete(properties.map((p) => p.id));
  entries.push(
    ...risks.map((r) => ({ entityType: 'risk' as const, entityId: r.id, before: r, after: null })),
    ...properties.map((p) => ({ entityType: 'property' as const, entityId: p.id, before: p, after: null })),
  );
  return entries;
}

// ---------------------------------------------------------------- controls

export type ControlInput = Partial<z.input<typeof controlSchema>> & { title: string };

/** Checks that every linked risk is a stored risk or a lifecycle risk of an existing product. */
async function checkRiskIds(db: SupportspanDb, riskIds: readonly string[]): Promise<string[]> {
  const issues: string[] = [];
  for (const id of riskIds) {
    if (await db.riskRecords.get(id)) continue;
    const lc = parseLifecycleRiskId(id);
    if (!lc) {
      issues.push(`risks: there is no risk with id ${id}`);
      continue;
    }
    const product = await db.products.get(lc.productId);
    if (!product) issues.push(`risks: the product of lifecycle risk ${id} no longer exists`);
    else if (lc.componentId !== null && !product.components.some((c) => c.id === lc.componentId)) issues.push(`risks: the component of lifecycle risk ${id} is no longer in ${product.name}`);
  }
  return issues;
}

/** Creates a control (new id when none is given) or replaces the stored one with the fields given. */
export async function putControl(db: SupportspanDb, input: ControlInput): Promise<Control> {
  return guardWrite('save the control', () =>
    db.transaction('rw', [db.products, db.riskRecords, db.controls, db.changes], async () => {
      const before = input.id === undefined ? null : ((await db.controls.get(input.id)) ?? null);
      const merged = { ...(before ?? {}), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), id: input.id ?? newId() };
      const control = parse(controlSchema, 'The control', merged);
      control.riskIds = [...new Set(control.riskIds)];
      const issues = await checkRiskIds(db, control.riskIds);
      if (issues.length) throw new ValidationError('The control', issues);
      await db.controls.put(control);
      await logChanges(db, newChangeGroup(), [{ entityType: 'control', entityId: control.id, before, after: control }]);
      return control;
    }),
  );
}

async function editControl(db: SupportspanDb, controlId: string, action: string, edit: (c: Control) => Promise<Control | null>): Promise<Control> {
  return guardWrite(action, () =>
    db.transaction('rw', [db.products, db.riskRecords, db.controls, db.changes], async () => {
      const before = await db.controls.get(controlId);
      if (!before) throw new NotFoundError(`The control no longer exists (id ${controlId}).`);
      const after = await edit(before);
      if (after === null) return before;
      await db.controls.put(after);
      await logChanges(db, newChangeGroup(), [{ entityType: 'control', entityId: controlId, before, after }]);
      return after;
    }),
  );
}

/** Links a control to a risk it mitigates (nothing changes when already linked). */
export async function linkControl(db: SupportspanDb, controlId: string, riskId: string): Promise<Control> {
  return editControl(db, controlId, 'link the control', async (c) => {
    if (c.riskIds.includes(riskId)) return null;
    const issues = await checkRiskIds(db, [riskId]);
    if (issues.length) throw new ValidationError('The control', issues);
    return { ...c, riskIds: [...c.riskIds, riskId] };
  });
}

/** Takes a risk off a control (nothing changes when not linked). */
export async function unlinkControl(db: SupportspanDb, controlId: string, riskId: string): Promise<Control> {
  return editControl(db, controlId, 'unlink the control', async (c) => (c.riskIds.includes(riskId) ? { ...c, riskIds: c.riskIds.filter((id) => id !== riskId) } : null));
}

export async function deleteControl(db: SupportspanDb, controlId: string): Promise<void> {
  await guardWrite('delete the control', () =>
    db.transaction('rw', [db.controls, db.changes], async () => {
      const before = await db.controls.get(controlId);
      if (!before) throw new NotFoundError(`The control no longer exists (id ${controlId}).`);
      await db.controls.delete(controlId);
      await logChanges(db, newChangeGroup(), [{ entityType: 'control', entityId: controlId, before, after: null }]);
    }),
  );
}

// ---------------------------------------------------------------- threats

/** Creates or replaces one of the user's own threats; a shipped threat's id cannot be reused. */
export async function putUserThreat(db: SupportspanDb, input: z.input<typeof userThreatSchema>): Promise<UserThreat> {
  const threat = parse(userThreatSchema, 'The threat', input);
  if (loadCatalog().threatById.has(threat.id)) throw new ValidationError('The threat', [`id: ${threat.id} is a threat of the shipped catalog; choose another id`]);
  return guardWrite('save the threat', () =>
    db.transaction('rw', [db.userThreats, db.changes], async () => {
      const before = (await db.userThreats.get(threat.id)) ?? null;
      await db.userThreats.put(threat);
      await logChanges(db, newChangeGroup(), [{ entityType: 'threat', entityId: threat.id, before, after: threat }]);
      return threat;
    }),
  );
}

/** Deletes one of the user's threats and its STRIDE tag; refused while a risk uses it. */
export async function deleteUserThreat(db: SupportspanDb, id: string): Promise<void> {
  await guardWrite('delete the threat', () =>
    db.transaction('rw', [db.userThreats, db.threatTags, db.riskRecords, db.changes], async () => {
      const before = await db.userThreats.get(id);
      if (!before) throw new NotFoundError(`The threat no longer exists (id ${id}).`);
      const used = await db.riskRecords.filter((r) => r.threatId === id).count();
      if (used > 0) throw new ValidationError('The threat', [`${before.title} is used by ${used === 1 ? '1 risk' : `${used} risks`}; delete or change ${used === 1 ? 'it' : 'them'} first`]);
      const tag = (await db.threatTags.get(id)) ?? null;
      await db.userThreats.delete(id);
      if (tag) await db.threatTags.delete(id);
      await logChanges(db, newChangeGroup(), [
        ...(tag ? [{ entityType: 'threat-tag' as const, entityId: id, before: tag, after: null }] : []),
        { entityType: 'threat', entityId: id, before, after: null },
      ]);
    }),
  );
}

/** Tags a threat (shipped or the user's) with STRIDE categories; an empty list removes the tag. */
export async function setThreatStride(db: SupportspanDb, threatId: string, stride: readonly Stride[]): Promise<ThreatTag | null> {
  const unknown = stride.filter((s) => !(STRIDE as readonly string[]).includes(s));
  if (unknown.length) throw new ValidationError('The STRIDE tags', [`${unknown.join(', ')}: not a STRIDE category`]);
  return guardWrite('save the STRIDE tags', () =>
    db.transaction('rw', [db.userThreats, db.threatTags, db.changes], async () => {
      if (!(await loadRiskCatalog(db)).threatById.has(threatId)) throw new NotFoundError(`There is no threat ${threatId} in the catalog or your threats.`);
      const before = (await db.threatTags.get(threatId)) ?? null;
      const ordered = STRIDE.filter((s) => stride.includes(s));
      const tag = ordered.length === 0 ? null : parse(threatTagSchema, 'The STRIDE tags', { threatId, stride: ordered });
      if (tag) await db.threatTags.put(tag);
      else if (before) await db.threatTags.delete(threatId);
      else return null;
      await logChanges(db, newChangeGroup(), [{ entityType: 'threat-tag', entityId: threatId, before, after: tag }]);
      return tag;
    }),
  );
}

// ---------------------------------------------------------------- method

/** Replaces the matrix and/or the environment weights; null goes back to the shipped default, undefined keeps the stored one. */
export async function setRiskMethod(db: SupportspanDb, input: { matrix?: RiskMatrix | null; weights?: EnvironmentWeights | null }): Promise<RiskMethodRecord> {
  const matrix = input.matrix == null ? input.matrix : parse(riskMatrixSchema, 'The risk matrix', input.matrix);
  const weights = input.weights == null ? input.weights : parse(environmentWeightsSchema, 'The environment weights', input.weights);
  return guardWrite('save the risk method', () =>
    db.transaction('rw', [db.riskMethod, db.changes], async () => {
      const before = (await db.riskMethod.get(RISK_METHOD_KEY)) ?? null;
      const after: RiskMethodRecord = {
        key: RISK_METHOD_KEY,
        matrix: matrix === undefined ? (before?.matrix ?? null) : matrix,
        weights: weights === undefined ? (before?.weights ?? null) : weights,
      };
      const stored = after.matrix === null && after.weights === null ? null : after;
      if (stored) await db.riskMethod.put(stored);
      else if (before) await db.riskMethod.delete(RISK_METHOD_KEY);
      if (before || stored) await logChanges(db, newChangeGroup(), [{ entityType: 'risk-method', entityId: RISK_METHOD_KEY, before, after: stored }]);
      return after;
    }),
  );
}
