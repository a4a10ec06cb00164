/**
 * Rule packs: the legal and normative numbers the engine uses, as versioned
 * data. Rules read every threshold, in-force date and provision identifier from
 * here, so a revised regulation is a new pack version, not a code change, and
 * an analysis records which pack versions produced it.
 *
 * A rule that rests on a law runs only when that law's pack is among the packs
 * of the analysis (drop `eu-batteries` and no `battery-not-replaceable` finding
 * appears). Engineering rules (support ends before use, wear parts, ...) always
 * run; packs only lend them provision identifiers.
 */
import { z } from 'zod';
import { CATEGORIES, parseDayDate } from '../domain';
import type { Category } from '../domain';

export interface Provision {
  /** Stable key the rules refer to (e.g. `support-period`). */
  key: string;
  /** The identifier shown to people, e.g. "EU 2024/2847 Art 13(8)". */
  id: string;
  title: string;
  /** A plain-words reading of the provision (no links: the app works offline). */
  text: string;
}

/** A per-category obligation, e.g. ecodesign spare-part years for washing machines. */
export interface CategoryRule {
  category: Category;
  /** Years counted from the last unit placed on the market. */
  years: number;
  /** Applies to models placed on the market on or after this day. */
  from: string;
  /** Key of the provision in the same pack. */
  provision: string;
}

export interface RulePack {
  id: string;
  version: string;
  title: string;
  /** Markets whose law this pack is; empty = not bound to a market (standards, frameworks). */
  markets: string[];
  /** Named dates from which obligations apply (`YYYY-MM-DD`). */
  inForce: Record<string, string>;
  thresholds: Record<string, number>;
  /** Named lists a rule reads, e.g. the roles that must be updatable. */
  lists: Record<string, string[]>;
  categories: CategoryRule[];
  provisions: Provision[];
}

const isoDay = z.string().superRefine((v, ctx) => {
  const r = parseDayDate(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
});

/** For packs loaded from files: validated like every other input. */
export const rulePackSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'a pack id is lower-case letters, digits and -'),
  version: z.string().min(1).max(40),
  title: z.string().min(1).max(200),
  markets: z.array(z.string().min(1).max(10)).default([]),
  inForce: z.record(z.string(), isoDay).default({}),
  thresholds: z.record(z.string(), z.number().nonnegative().max(100)).default({}),
  lists: z.record(z.string(), z.array(z.string().max(60))).default({}),
  categories: z.array(z.strictObject({
    category: z.enum(CATEGORIES),
    years: z.number().positive().max(100),
    from: isoDay,
    provision: z.string().min(1),
  })).default([]),
  provisions: z.array(z.strictObject({
    key: z.string().min(1).max(60),
    id: z.string().min(1).max(120),
    title: z.string().max(200),
    text: z.string().max(2000),
  })),
});

export const PACK_IDS = {
  cra: 'eu-cra',
  psti: 'uk-psti',
  ecodesign: 'eu-ecodesign-spares',
  batteries: 'eu-batteries',
  etsi: 'etsi-en-303-645',
  nist: 'nist-ir-8259',
} as const;

const CRA: RulePack = {
  id: PACK_IDS.cra,
  version: '2024.1',
  title: 'EU Cyber Resilience Act, Regulation (EU) 2024/2847',
  markets: ['EU'],
  inForce: { application: '2027-12-11' },
  thresholds: { minSupportYears: 5 },
  lists: {},
  categories: [],
  provisions: [
    { key: 'support-period', id: 'EU 2024/2847 Art 13(8)', title: 'Support period',
      text: 'The support period reflects the time the product is expected to be in use, and is at least five years unless the product is expected to be in use for less; it counts for each unit from its placing on the market. The support periods of integrated components that provide core functions are among the factors.' },
    { key: 'due-diligence', id: 'EU 2024/2847 Art 13(5)', title: 'Due diligence on integrated components',
      text: 'Components sourced from third parties must not compromise the security of the product.' },
    { key: 'end-date-shown', id: 'EU 2024/2847 Art 13(19)', title: 'End date shown at purchase',
      text: 'The end date of the support period, at least month and year, is shown at the time of purchase.' },
    { key: 'user-information', id: 'EU 2024/2847 Annex II(7)', title: 'User information',
      text: 'The information for users states the end date of the support period.' },
    { key: 'security-updates', id: 'EU 2024/2847 Annex I Part I(2)(c)', title: 'Vulnerabilities addressed through security updates',
      text: 'Vulnerabilities can be addressed through security updates.' },
    { key: 'application', id: 'EU 2024/2847 Art 71(2)', title: 'Date of application',
      text: 'The obligations apply from 11 December 2027.' },
  ],
};

const PSTI: RulePack = {
  id: PACK_IDS.psti,
  version: '2023.1',
  title: 'UK Product Security and Telecommunications Infrastructure Act 2022 and SI 2023/1007',
  markets: ['UK'],
  inForce: { application: '2024-04-29' },
  thresholds: {},
  lists: {},
  categories: [],
  provisions: [
    { key: 'support-period', id: 'UK SI 2023/1007 Sch 1 para 3', title: 'Information on minimum security update periods',
      text: 'The defined support period, with its end date, is published before the product is sold; there is no minimum length and a published period may not be shortened.' },
  ],
};

const ECODESIGN: RulePack = {
  id: PACK_IDS.ecodesign,
  version: '2023.1',
  title: 'EU ecodesign spare-part availability',
  markets: ['EU'],
  inForce: {},
  thresholds: {},
  lists: {},
  categories: [
    { category: 'smartphone', years: 7, from: '2025-06-20', provision: 'phones-tablets' },
    { category: 'tablet', years: 7, from: '2025-06-20', provision: 'phones-tablets' },
    { category: 'washing-machine', years: 10, from: '2021-03-01', provision: 'washing-machines' },
    // The professional-repairer list (7 years) is the shorter of the two; the end-user list is 10 years.
    { category: 'dishwasher', years: 7, from: '2021-03-01', provision: 'dishwashers' },
    { category: 'refrigerator', years: 7, from: '2021-03-01', provision: 'refrigerators' },
    { category: 'display', years: 7, from: '2021-03-01', provision: 'displays' },
  ],
  provisions: [
    { key: 'phones-tablets', id: 'EU 2023/1670 Annex II', title: 'Smartphones and tablets: spare parts',
      text: 'Spare parts available for at least 7 years after the end of placing the model on the market.' },
    { key: 'washing-machines', id: 'EU 2019/2023 Annex II', title: 'Household washing machines: spare parts',
      text: 'Spare parts available for at least 10 years after the last unit of the model is placed on the market.' },
    { key: 'dishwashers', id: 'EU 2019/2022 Annex II', title: 'Household dishwashers: spare parts',
      text: 'Spare parts for professional repairers for at least 7 years (parts for end users: 10 years) after the last unit of the model is placed on the market.' },
    { key: 'refrigerators', id: 'EU 2019/2019 Annex II', title: 'Refrigerating appliances: spare parts',
      text: 'Spare parts available for at least 7 years after the last unit of the model is placed on the market.' },
    { key: 'displays', id: 'EU 2019/2021 Annex II', title: 'Electronic displays: spare parts',
      text: 'Spare parts available for at least 7 years after the last unit of the model is placed on the market.' },
  ],
};

const BATTERIES: RulePack = {
  id: PACK_IDS.batteries,
  version: '2023.1',
  title: 'EU Batteries Regulation (EU) 2023/1542',
  markets: ['EU'],
  inForce: { userReplaceable: '2027-02-18' },
  thresholds: {},
  lists: { roles: ['battery'] },
  categories: [],
  provisions: [
    { key: 'user-replaceable', id: 'EU 2023/1542 Art 11', title: 'Removability and replaceability of portable batteries',
      text: 'Portable batteries incorporated in appliances are readily removable and replaceable by the end user with commercially available tools; exemptions for wet environments, some medical devices and continuous power supply.' },
  ],
};

const ETSI: RulePack = {
  id: PACK_IDS.etsi,
  version: '2.1.1',
  title: 'ETSI EN 303 645 Cyber security for consumer IoT',
  markets: [],
  inForce: {},
  thresholds: {},
  lists: { updatableRoles: ['firmware', 'os', 'soc', 'radio', 'crypto', 'gateway', 'ai-model'] },
  categories: [],
  provisions: [
    { key: '5.3-13', id: 'ETSI EN 303 645 5.3-13', title: 'Defined support period published',
      text: 'The manufacturer publishes, in an accessible way that is clear and transparent to the user, the defined support period.' },
    { key: '5.3-14', id: 'ETSI EN 303 645 5.3-14', title: 'Devices that cannot be updated',
      text: 'For constrained devices that cannot have their software updated, the rationale, the period and method of hardware replacement support are published.' },
    { key: '5.3-16', id: 'ETSI EN 303 645 5.3-16', title: 'Model designation',
      text: 'The model designation of the device is clearly recognisable.' },
  ],
};

const NIST: RulePack = {
  id: PACK_IDS.nist,
  version: '2020.1',
  title: 'NIST IR 8259, IR 8259A and IR 8259B',
  markets: [],
  inForce: {},
  thresholds: {},
  lists: {},
  categories: [],
  provisions: [
    { key: 'activity-4', id: 'IR 8259 Activity 4', title: 'Plan for adequate support of customers’ needs and goals', text: 'Pre-market activity: plan how the device and its ecosystem will be supported.' },
    { key: 'activity-5', id: 'IR 8259 Activity 5', title: 'Define approaches for communicating to customers', text: 'Post-market activity.' },
    { key: 'software-update', id: 'IR 8259A Software Update', title: 'Device capability: software update', text: 'The device software can be updated by authorised entities using a secure and configurable mechanism.' },
    { key: 'data-protection', id: 'IR 8259A Data Protection', title: 'Device capability: data protection', text: 'The device protects the data it stores and transmits.' },
    { key: 'documentation', id: 'IR 8259B Documentation', title: 'Non-technical capability: documentation', text: 'Includes the expected lifespan and the term of support.' },
    { key: 'information-dissemination', id: 'IR 8259B Information Dissemination', title: 'Non-technical capability: information dissemination', text: 'The manufacturer tells customers about support and its end.' },
    { key: 'education-awareness', id: 'IR 8259B Education and Awareness', title: 'Non-technical capability: education and awareness', text: 'Customers are told how to maintain and repair the device.' },
  ],
};

export const DEFAULT_RULE_PACKS: RulePack[] = [CRA, PSTI, ECODESIGN, BATTERIES, ETSI, NIST];

/** The pack with this id, or undefined; the first one wins when a list repeats an id. */
export function findPack(packs: readonly RulePack[], id: string): RulePack | undefined {
  return packs.find((p) => p.id === id);
}

/** A copy of a pack with changes (e.g. a what-if on a threshold), versioned as a variant. */
export function derivePack(pack: RulePack, change: Partial<Omit<RulePack, 'id'>>): RulePack {
  return { ...pack, ...change, version: change.version ?? `${pack.version}+custom` };
}
