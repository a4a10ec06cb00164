/**
 * The threat catalog: MITRE EMB3D™ (assets/emb3d, shipped unchanged with its
 * terms of use), a small AI threat set from the OWASP Machine Learning
 * Security Top 10, Supportspan's own lifecycle threats, and the user's
 * threats. Every threat says where it comes from (`source`); the EMB3D
 * copyright line travels with every view of the catalog.
 */
import emb3dThreats from '../../assets/emb3d/threats_properties_mitigations_mappings.json';
import emb3dProperties from '../../assets/emb3d/properties_threat_mappings.json';
import emb3dMitigations from '../../assets/emb3d/mitigations_threat_mappings.json';
import { z } from 'zod';
import type { Stride, ThreatTag, UserThreat } from './schemas';

export const EMB3D_VERSION = 'EMB3D data of 2026-02-26';
/** The version string recorded with a register (bundles, reports): the EMB3D data and our own sets. */
export const CATALOG_VERSION = `${EMB3D_VERSION}; OWASP ML Top 10 2023 set 1; lifecycle set 1`;
export const EMB3D_COPYRIGHT = '© 2026 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.';
export const EMB3D_ATTRIBUTION = `MITRE EMB3D™ threat model (${EMB3D_VERSION}), used under MITRE's EMB3D licence. ${EMB3D_COPYRIGHT}`;
export const OWASP_ML_SOURCE = {
  title: 'OWASP Machine Learning Security Top 10 (2023 edition, draft)',
  url: 'https://owasp.org/www-project-machine-learning-security-top-10',
  licence: 'CC BY-SA 4.0',
  checked: '2026-12-03',
} as const;
export const OWASP_ML_ATTRIBUTION = `AI threats cite the ${OWASP_ML_SOURCE.title}, ${OWASP_ML_SOURCE.url} (${OWASP_ML_SOURCE.licence}); titles are OWASP's, descriptions are Supportspan's own.`;

export type ThreatSource = 'emb3d' | 'owasp-ml' | 'lifecycle' | 'user';
export const SOURCE_LABELS: Readonly<Record<ThreatSource, string>> = {
  emb3d: 'MITRE EMB3D', 'owasp-ml': 'OWASP ML Top 10', lifecycle: 'Supportspan lifecycle', user: 'Your threat',
};

export interface Threat {
  id: string;
  title: string;
  category: string;
  description: string;
  source: ThreatSource;
  /** EMB3D property ids the threat hangs on. */
  properties: string[];
  /** EMB3D mitigation ids that address it. */
  mitigations: string[];
  references: string[];
  stride: Stride[];
}
export interface DeviceProperty { id: string; text: string; category: string; parent: string | null; threats: string[] }
export interface Mitigation { id: string; title: string; level: string; threats: string[] }

export interface Catalog {
  version: string;
  attribution: string[];
  threats: Threat[];
  threatById: Map<string, Threat>;
  properties: DeviceProperty[];
  propertyById: Map<string, DeviceProperty>;
  mitigations: Mitigation[];
  mitigationById: Map<string, Mitigation>;
}

const ref = z.looseObject({ id: z.string() });
const threatFile = z.looseObject({
  threats: z.array(z.looseObject({ id: z.string(), text: z.string(), category: z.string(), properties: z.array(ref), mitigations: z.array(ref) })),
});
const propertyFile = z.looseObject({
  properties: z.array(z.looseObject({ id: z.string(), text: z.string(), category: z.string(), parentProp: z.string(), threats: z.array(ref) })),
});
const mitigationFile = z.looseObject({
  mitigations: z.array(z.looseObject({ id: z.string(), name: z.string(), level: z.string(), threats: z.array(ref) })),
});

/** AI components: cited to OWASP ML Top 10 (2023), marked `owasp-ml`. */
type Seed = { id: string; title: string; description: string; stride: Stride[] };
export const AI_THREATS: readonly Threat[] = ([
  { id: 'AI-ML01', title: 'Input Manipulation Attack', description: 'Crafted inputs make the model decide wrongly (evasion), e.g. a sensor reading or image altered so a detection is missed.', stride: ['tampering'] },
  { id: 'AI-ML02', title: 'Data Poisoning Attack', description: 'Training or retraining data is manipulated, e.g. through the update or data-collection path, so the model learns the attacker\'s behaviour.', stride: ['tampering'] },
  { id: 'AI-ML05', title: 'Model Theft', description: 'The model is extracted from the device or reconstructed through queries, exposing intellectual property and easing further attacks.', stride: ['information-disclosure'] },
  { id: 'AI-ML06', title: 'AI Supply Chain Attacks', description: 'A model, framework or runtime obtained from a supplier is tampered with or stops receiving fixes.', stride: ['tampering', 'elevation-of-privilege'] },
  { id: 'AI-ML10', title: 'Model Poisoning', description: 'The model\'s parameters are modified on the device or in the update channel.', stride: ['tampering'] },
] as Seed[]).map((t) => ({ ...t, category: 'ai', source: 'owasp-ml' as const, properties: [], mitigations: [], references: [`OWASP ${t.id.slice(3)}:2023`, OWASP_ML_SOURCE.url] }));

/** Lifecycle threats that EMB3D has no entry for (EMB3D TID-210 covers unpatchable devices). */
export const LIFECYCLE_THREATS: readonly Threat[] = ([
  { id: 'LC-CERT', title: 'Certificate expires in the field', description: 'A certificate the device relies on expires while units are in use: connections fail or validation is switched off.', stride: ['spoofing', 'denial-of-service'] },
  { id: 'LC-ECO', title: 'Ecosystem service shuts down', description: 'A cloud service, app or gateway the device depends on ends before the device\'s use: features stop, or an unmaintained service stays exposed.', stride: ['denial-of-service'] },
  { id: 'LC-AI', title: 'AI model cannot be kept current', description: 'An AI model cannot be updated or retrained in the field, or the runtime it runs on loses support first.', stride: ['tampering'] },
] as Seed[]).map((t) => ({ ...t, category: 'lifecycle', source: 'lifecycle' as const, properties: [], mitigations: [], references: [] }));

let base: Omit<Catalog, 'threats' | 'threatById'> & { threats: Threat[] } | null = null;

function loadBase(): NonNullable<typeof base> {
  if (base) return base;
  // The shipped files are checked like any input: a broken asset is a clear error, not an undefined read.
  const t = threatFile.parse(emb3dThreats);
  const p = propertyFile.parse(emb3dProperties);
  const m = mitigationFile.parse(emb3dMitigations);
  const threats: Threat[] = t.threats.map((x) => ({
    id: x.id,
    title: x.text,
    category: x.category,
    description: '',
    source: 'emb3d',
    properties: x.properties.map((r) => r.id),
    mitigations: x.mitigations.map((r) => r.id),
    references: [`EMB3D ${x.id}`],
    stride: [],
  }));
  const properties: DeviceProperty[] = p.properties.map((x) => ({ id: x.id, text: x.text, category: x.category, parent: x.parentProp || null, threats: x.threats.map((r) => r.id) }));
  const mitigations: Mitigation[] = m.mitigations.map((x) => ({ id: x.id, title: x.name, level: x.level, threats: x.threats.map((r) => r.id) }));
  base = {
    version: CATALOG_VERSION,
    attribution: [EMB3D_ATTRIBUTION, OWASP_ML_ATTRIBUTION],
    threats: [...threats, ...AI_THREATS, ...LIFECYCLE_THREATS],
    properties,
    propertyById: new Map(properties.map((x) => [x.id, x])),
    mitigations,
    mitigationById: new Map(mitigations.map((x) => [x.id, x])),
  };
  return base;
}

/** The catalog with the user's threats and STRIDE tags; a user threat cannot reuse a shipped id. */
export function loadCatalog(userThreats: readonly UserThreat[] = [], tags: readonly ThreatTag[] = []): Catalog {
  const b = loadBase();
  const tagOf = new Map(tags.map((t) => [t.threatId, t.stride]));
  const threats: Threat[] = b.threats.map((t) => (tagOf.has(t.id) ? { ...t, stride: tagOf.get(t.id)! } : t));
  const ids = new Set(threats.map((t) => t.id));
  for (const u of userThreats) {
    if (ids.has(u.id)) throw new RangeError(`threat ${u.id}: this id is already used by ${b.threats.some((t) => t.id === u.id) ? 'the shipped catalog' : 'another threat'}; choose another`);
    ids.add(u.id);
    threats.push({ id: u.id, title: u.title, category: u.category, description: u.description, source: 'user', properties: [], mitigations: [], references: u.references, stride: tagOf.get(u.id) ?? [] });
  }
  return { ...b, threats, threatById: new Map(threats.map((t) => [t.id, t])) };
}
