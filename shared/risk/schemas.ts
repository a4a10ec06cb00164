/**
 * The risk register's records: one runtime schema per entity (docs/risks.md).
 * Lifecycle risks are not records: the engine derives them (register.ts);
 * a `RiskRecord` whose id is a lifecycle risk's id only holds the user's
 * assessment of it (scores, response, owner).
 */
import { z } from 'zod';
import { dayDateSchema, idSchema, lifecycleDateSchema, MAX_NAME, MAX_TEXT } from '../domain/schemas';

export const STRIDE = ['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege'] as const;
export type Stride = (typeof STRIDE)[number];
export const STRIDE_LABELS: Readonly<Record<Stride, string>> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  'information-disclosure': 'Information disclosure',
  'denial-of-service': 'Denial of service',
  'elevation-of-privilege': 'Elevation of privilege',
};

export const RESPONSES = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export type RiskResponse = (typeof RESPONSES)[number];
export const RESPONSE_LABELS: Readonly<Record<RiskResponse, string>> = {
  mitigate: 'Mitigate', accept: 'Accept', transfer: 'Transfer', avoid: 'Avoid',
};

export const CONTROL_STATUSES = ['suggested', 'planned', 'in-place', 'verified', 'retired'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];
export const CONTROL_STATUS_LABELS: Readonly<Record<ControlStatus, string>> = {
  suggested: 'Suggested', planned: 'Planned', 'in-place': 'In place', verified: 'Verified', retired: 'Retired',
};
/** Statuses under which a control counts against a risk's residual score. */
export const ACTIVE_CONTROL_STATUSES: readonly ControlStatus[] = ['in-place', 'verified'];

/** A threat id: `TID-210` (EMB3D), `AI-ML02` (AI set), `LC-CERT` (lifecycle), or a user's own. */
export const threatIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'a threat id is letters, digits, ".", ":", "_" and "-"');
/** A risk id: a random id for a user's risk, `lc:<threat>:<product>[:<component>]` for a lifecycle risk. */
export const riskIdSchema = z.string().min(1).max(160).regex(/^[A-Za-z0-9_:-]+$/, 'a risk id is letters, digits, ":", "_" and "-"');
const score = z.number().int().min(1, 'a score is 1 to 5').max(5, 'a score is 1 to 5');
const shortText = z.string().max(MAX_NAME);
const longText = z.string().max(MAX_TEXT);

export const userThreatSchema = z.strictObject({
  id: threatIdSchema,
  title: z.string().trim().min(1, 'a title is required').max(MAX_NAME),
  category: shortText.default(''),
  description: longText.default(''),
  /** CAPEC-…, CWE-… or any other reference. */
  references: z.array(shortText).max(50).default([]),
});
export type UserThreat = z.infer<typeof userThreatSchema>;

/** STRIDE tags on any threat (catalog or user). */
export const threatTagSchema = z.strictObject({
  threatId: threatIdSchema,
  stride: z.array(z.enum(STRIDE)).max(STRIDE.length),
});
export type ThreatTag = z.infer<typeof threatTagSchema>;

/** The user's answer to a proposed (or added) device property of a product. */
export const productPropertySchema = z.strictObject({
  id: idSchema,
  productId: idSchema,
  propertyId: z.string().regex(/^PID-\d{1,8}$/, 'a property id is PID- and digits'),
  state: z.enum(['confirmed', 'rejected']),
  by: shortText.default(''),
  at: z.string().max(40),
});
export type ProductProperty = z.infer<typeof productPropertySchema>;

export const riskRecordSchema = z.strictObject({
  id: riskIdSchema,
  productId: idSchema,
  componentId: idSchema.nullable().default(null),
  threatId: threatIdSchema,
  likelihood: score.nullable().default(null),
  impact: score.nullable().default(null),
  response: z.enum(RESPONSES).nullable().default(null),
  rationale: longText.default(''),
  owner: shortText.default(''),
  reviewDate: lifecycleDateSchema.nullable().default(null),
  /** An accepted risk reopens after this day (like a decision). */
  expires: lifecycleDateSchema.nullable().default(null),
  /** The user's estimate after the controls; never counted below what the controls allow (register.ts). */
  residualLikelihood: score.nullable().default(null),
  residualImpact: score.nullable().default(null),
});
export type RiskRecord = z.infer<typeof riskRecordSchema>;

export const controlSchema = z.strictObject({
  id: idSchema,
  title: z.string().trim().min(1, 'a title is required').max(MAX_NAME),
  description: longText.default(''),
  /** The EMB3D mitigation it was proposed from (MID-…); null = written by the user. */
  mitigationId: z.string().regex(/^MID-\d{1,6}$/, 'a mitigation id is MID- and digits').nullable().default(null),
  status: z.enum(CONTROL_STATUSES).default('suggested'),
  owner: shortText.default(''),
  dueDate: lifecycleDateSchema.nullable().default(null),
  /** Compensating: lowers what a compromise costs rather than its likelihood (network isolation, a notice, replacement). */
  compensating: z.boolean().default(false),
  riskIds: z.array(riskIdSchema).max(10_000).default([]),
});
export type Control = z.infer<typeof controlSchema>;

export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof LEVELS)[number];

/** The 5×5 method as data: anchors per score, and the level of every (likelihood, impact) cell. */
export const riskMatrixSchema = z.strictObject({
  version: shortText,
  likelihoodAnchors: z.array(z.string().min(1).max(500)).length(5),
  impactAnchors: z.array(z.string().min(1).max(500)).length(5),
  /** cells[likelihood-1][impact-1]. */
  cells: z.array(z.array(z.enum(LEVELS)).length(5)).length(5),
  method: longText,
});
export type RiskMatrix = z.infer<typeof riskMatrixSchema>;

export const environmentWeightSchema = z.strictObject({
  /** Added to the impact (then kept within 1-5). */
  impactAdjust: z.number().int().min(-2).max(2),
  rationale: longText,
});
export const environmentWeightsSchema = z.strictObject({
  consumer: environmentWeightSchema,
  enterprise: environmentWeightSchema,
  industrial: environmentWeightSchema,
  medical: environmentWeightSchema,
});
export type EnvironmentWeights = z.infer<typeof environmentWeightsSchema>;

/** Everything the user owns in the register; travels in bundles (format-risks.ts) and is read by the CLI. */
export const riskRegisterDataSchema = z.strictObject({
  catalogVersion: shortText,
  threats: z.array(userThreatSchema).max(10_000).default([]),
  threatTags: z.array(threatTagSchema).max(10_000).default([]),
  properties: z.array(productPropertySchema).max(100_000).default([]),
  risks: z.array(riskRecordSchema).max(100_000).default([]),
  controls: z.array(controlSchema).max(100_000).default([]),
  matrix: riskMatrixSchema.nullable().default(null),
  weights: environmentWeightsSchema.nullable().default(null),
});
export type RiskRegisterData = z.infer<typeof riskRegisterDataSchema>;

export { dayDateSchema };
