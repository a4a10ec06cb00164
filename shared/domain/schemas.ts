/**
 * The domain model: one runtime schema per entity, and the TypeScript type
 * inferred from it, so the two cannot drift. Every boundary (IPC, files, CSV,
 * bundles, the database) validates with these.
 *
 * `null` means "unknown" (an empty spreadsheet cell); the engine reports
 * missing data instead of guessing.
 */
import { z } from 'zod';
import { parseLifecycleDate, parseDayDate } from './dates';

export const ENVIRONMENTS = ['consumer', 'enterprise', 'industrial', 'medical'] as const;
/** The stored values stay short; people see the distinction NIST IR 8259r1 draws. */
export const ENVIRONMENT_LABELS: Readonly<Record<(typeof ENVIRONMENTS)[number], string>> = {
  consumer: 'Consumer IoT',
  enterprise: 'Enterprise IT',
  industrial: 'Industrial OT / IIoT',
  medical: 'Medical',
};
export const CATEGORIES = [
  'smartphone', 'tablet', 'washing-machine', 'dishwasher', 'refrigerator', 'display',
  'thermostat', 'camera', 'lock', 'gateway', 'wearable',
  /** Immersive technology (NIST IR 8259r1): XR headsets with their tracking cameras and sensors. */
  'xr-headset',
  'other',
] as const;
export const COMPONENT_CLASSES = ['it', 'mechanical'] as const;
export const ROLES = [
  'firmware', 'os', 'soc', 'radio', 'crypto', 'cloud', 'mobile-app', 'gateway', 'ai-model',
  'certificate', 'battery', 'motor', 'enclosure', 'hinge', 'seal', 'sensor', 'display', 'pump',
  /** An electronic part from a hardware BOM (CycloneDX `device`) that no narrower role fits. */
  'hardware', 'other',
  // Parts the ecodesign spare-part lists name (the per-part lists of the rule packs).
  'heater', 'control-board', 'door-seal', 'spray-arm', 'filter', 'basket-rack', 'compressor', 'thermostat',
  'light-source', 'power-supply', 'display-panel',
  /** The framework or runtime an AI model runs on (a dependency with its own support end). */
  'ai-runtime',
  // Immersive products: XR headsets' parts.
  'tracking-camera', 'xr-display', 'motion-sensor', 'eye-tracker',
] as const;
/** IT components that live outside the device: the product ecosystem (IR 8259r1). */
export const ECOSYSTEM_ROLES = ['cloud', 'mobile-app', 'gateway'] as const;
export const UPDATE_MECHANISMS = ['ota', 'local', 'none'] as const;
export const FIELD_REPLACEABLE = ['user', 'professional', 'no'] as const;
export const KNOWN_MARKETS = ['EU', 'UK', 'US'] as const;
/** Whether the product is sold to consumers; null = the line's environment decides (see `soldToConsumersDefault`). */
export const SOLD_TO_CONSUMERS = ['yes', 'no'] as const;
/**
 * The sector regulation that governs a product, where one excludes it from the
 * CRA (Art 2(2)–(4)); null = none.
 */
export const SECTOR_REGULATIONS = ['mdr', 'ivdr', 'vehicles', 'aviation', 'marine'] as const;
export const SECTOR_REGULATION_LABELS: Readonly<Record<(typeof SECTOR_REGULATIONS)[number], string>> = {
  mdr: 'Medical devices, EU MDR 2017/745',
  ivdr: 'In vitro diagnostic devices, EU IVDR 2017/746',
  vehicles: 'Motor vehicles, EU 2019/2144',
  aviation: 'Civil aviation, EU 2018/1139',
  marine: 'Marine equipment, Directive 2014/90/EU',
};
/** What the device does when an ecosystem service (cloud, app, gateway) shuts down. */
export const ON_SHUTDOWN = ['keeps-working', 'loses-remote', 'stops-working'] as const;
export const ON_SHUTDOWN_LABELS: Readonly<Record<(typeof ON_SHUTDOWN)[number], string>> = {
  'keeps-working': 'device keeps working',
  'loses-remote': 'device loses its remote features',
  'stops-working': 'device stops working',
};

export type Environment = (typeof ENVIRONMENTS)[number];
export type Category = (typeof CATEGORIES)[number];
export type ComponentClass = (typeof COMPONENT_CLASSES)[number];
export type Role = (typeof ROLES)[number];
export type UpdateMechanism = (typeof UPDATE_MECHANISMS)[number];
export type FieldReplaceable = (typeof FIELD_REPLACEABLE)[number];
export type SoldToConsumers = (typeof SOLD_TO_CONSUMERS)[number];
export type SectorRegulation = (typeof SECTOR_REGULATIONS)[number];
export type OnShutdown = (typeof ON_SHUTDOWN)[number];

export const MAX_NAME = 200;
export const MAX_TEXT = 10_000;

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'ids are letters, digits, _ and -');

/** `YYYY-MM-DD` or `YYYY-MM` (= last day of that month); refused with the reason, never coerced. */
export const lifecycleDateSchema = z.string().superRefine((value, ctx) => {
  const r = parseLifecycleDate(value);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
});

/** A day (`YYYY-MM-DD`), e.g. an as-of date. */
export const dayDateSchema = z.string().superRefine((value, ctx) => {
  const r = parseDayDate(value);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
});

const name = z.string().trim().min(1, 'a name is required').max(MAX_NAME);
const shortText = z.string().max(MAX_NAME);
const longText = z.string().max(MAX_TEXT);

/** A market code: EU, UK, US or another short upper-case code (e.g. CA, JP, AU). */
export const marketSchema = z.string().regex(/^[A-Z][A-Z0-9-]{1,9}$/, 'a market is a short upper-case code such as EU, UK or US');

export const productLineSchema = z.strictObject({
  id: idSchema,
  name,
  environment: z.enum(ENVIRONMENTS),
  notes: longText.default(''),
});
export type ProductLine = z.infer<typeof productLineSchema>;

/** Where a date came from: manual, supplier letter, catalog, … (one note per date field). */
export const sourcesSchema = z.strictObject({
  securitySupportEnd: shortText.optional(),
  sparePartsUntil: shortText.optional(),
  expires: shortText.optional(),
  expectedLifeYears: shortText.optional(),
});
export type Sources = z.infer<typeof sourcesSchema>;

/**
 * CycloneDX lifecycle milestones that have no field of their own (endOfSupport is
 * `securitySupportEnd`, endOfGuaranteedSupport is `sparePartsUntil`): kept as read,
 * written back on export.
 */
export const OTHER_MILESTONES = [
  'generalAvailability', 'endOfMarketing', 'endOfProduction', 'endOfDevelopment', 'endOfLife', 'endOfBusinessOperations',
] as const;
export type OtherMilestone = (typeof OTHER_MILESTONES)[number];
export const milestonesSchema = z.partialRecord(z.enum(OTHER_MILESTONES), lifecycleDateSchema);

/** A checksum of a component as its SBOM gives it (CycloneDX `hashes`). */
export const hashSchema = z.strictObject({
  alg: z.string().min(1).max(32),
  content: z.string().min(1).max(1024),
});
export type Hash = z.infer<typeof hashSchema>;

export const componentSchema = z.strictObject({
  id: idSchema,
  name,
  class: z.enum(COMPONENT_CLASSES),
  role: z.enum(ROLES),
  supplier: shortText.default(''),
  version: shortText.default(''),
  core: z.boolean().nullable().default(null),
  securitySupportEnd: lifecycleDateSchema.nullable().default(null),
  updateMechanism: z.enum(UPDATE_MECHANISMS).nullable().default(null),
  expectedLifeYears: z.number().positive().max(100).nullable().default(null),
  fieldReplaceable: z.enum(FIELD_REPLACEABLE).nullable().default(null),
  sparePartsUntil: lifecycleDateSchema.nullable().default(null),
  repairDocs: z.boolean().nullable().default(null),
  expires: lifecycleDateSchema.nullable().default(null),
  /** Ecosystem components: what the device does when this service ends; null = not recorded. */
  onShutdown: z.enum(ON_SHUTDOWN).nullable().default(null),
  purl: shortText.optional(),
  cpe: shortText.optional(),
  /** Free text, e.g. columns of a user's spreadsheet that have no field of their own. */
  notes: longText.optional(),
  sources: sourcesSchema.default({}),
  /*
   * What an SBOM says about the component. Optional, absent = none: records,
   * bundles and spreadsheets from before these fields parse unchanged, and the
   * CSV template (which has no columns for them) round-trips exactly.
   */
  /** Namespace of the name (Maven group, npm scope), as an SBOM gives it. */
  group: shortText.optional(),
  /** SPDX ids, license names or SPDX expressions. */
  licenses: z.array(shortText).max(100).optional(),
  hashes: z.array(hashSchema).max(50).optional(),
  /** Who made it, when that is not the supplier (CycloneDX `manufacturer`). */
  manufacturer: shortText.optional(),
  /** Ids of the components of the same product this one depends on (the SBOM's dependency graph). */
  dependsOn: z.array(idSchema).max(10_000).optional(),
  /** The SBOM's own reference to this component (CycloneDX `bom-ref`), used to match it on re-import. */
  bomRef: shortText.optional(),
  /** Names of the components this one is nested in, outermost first. */
  parentPath: z.array(shortText).max(32).optional(),
  milestones: milestonesSchema.optional(),
  /** AI models: months between planned updates or retraining; absent = not recorded. */
  retrainingCadenceMonths: z.number().int().positive().max(240).optional(),
});
export type Component = z.infer<typeof componentSchema>;

export const productSchema = z.strictObject({
  id: idSchema,
  lineId: idSchema,
  name,
  sku: shortText.default(''),
  category: z.enum(CATEGORIES),
  markets: z.array(marketSchema).max(50).default([]),
  firstPlacedOnMarket: lifecycleDateSchema.nullable().default(null),
  /** Empty = still on sale. */
  lastPlacedOnMarket: lifecycleDateSchema.nullable().default(null),
  expectedUseYears: z.number().positive().max(100).nullable().default(null),
  expectedUseRationale: longText.default(''),
  declaredSupportEnd: lifecycleDateSchema.nullable().default(null),
  unitsPerYear: z.number().int().nonnegative().max(1e12).nullable().default(null),
  /** The organisation that makes the product (CycloneDX `metadata.manufacturer`); absent = not recorded. */
  manufacturer: shortText.optional(),
  /** Free text, e.g. columns of a user's spreadsheet that have no field of their own. */
  notes: longText.optional(),
  /** null = follows the line's environment. */
  soldToConsumers: z.enum(SOLD_TO_CONSUMERS).nullable().default(null),
  /** null = no sector regulation. */
  sectorRegulation: z.enum(SECTOR_REGULATIONS).nullable().default(null),
  /** For a product still on sale: when sales are planned to stop; null = not planned (counted as stopping on the as-of date). */
  plannedLastPlaced: lifecycleDateSchema.nullable().default(null),
  components: z.array(componentSchema).max(100_000).default([]),
});
export type Product = z.infer<typeof productSchema>;

export const DECISION_TYPES = ['accepted', 'mitigated'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** A decision on a finding, keyed by the finding's stable key. */
export const decisionSchema = z.strictObject({
  id: idSchema,
  findingKey: z.string().min(1).max(300),
  productId: idSchema,
  type: z.enum(DECISION_TYPES),
  rationale: longText.default(''),
  by: shortText.default(''),
  decidedAt: z.string().max(40),
  /** After this day an accepted risk reopens. */
  expires: lifecycleDateSchema.nullable().default(null),
});
export type Decision = z.infer<typeof decisionSchema>;

export const portfolioSchema = z.strictObject({
  lines: z.array(productLineSchema),
  products: z.array(productSchema),
  decisions: z.array(decisionSchema).default([]),
});
export type Portfolio = z.infer<typeof portfolioSchema>;

/** Turns schema issues into "where: what" lines a person can act on. */
export function describeIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const where = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

/** Sold to consumers as the product says, else as its line's environment implies; null = unknown (enterprise IT). */
export function soldToConsumers(product: Pick<Product, 'soldToConsumers'>, environment: Environment): boolean | null {
  if (product.soldToConsumers !== null && product.soldToConsumers !== undefined) return product.soldToConsumers === 'yes';
  return environment === 'consumer' ? true : environment === 'enterprise' ? null : false;
}

export function isEcosystemRole(role: Role): boolean {
  return (ECOSYSTEM_ROLES as readonly string[]).includes(role);
}

/** A random id for new entities (crypto.randomUUID exists in browsers, Electron and Node 20). */
export function newId(): string {
  return (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();
}
