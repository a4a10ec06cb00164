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
import { ACTIVITIES, ACTIVITY_2020_ALIASES, activityDefinition } from '../obligations/activity-catalog';

export interface Provision {
  /** Stable key the rules refer to (e.g. `support-period`). */
  key: string;
  /** The identifier shown to people, e.g. "EU 2024/2847 Art 13(8)". */
  id: string;
  title: string;
  /** A plain-words reading of the provision (no links: the app works offline). */
  text: string;
  /** True when the figure and wording were checked against the official text; false = from secondary sources, check before relying on it. */
  verified: boolean;
}

/** The two spare-part lists of the appliance ecodesign regulations. */
export const PART_LISTS = ['professional', 'end-user'] as const;
export type PartList = (typeof PART_LISTS)[number];
export const PART_LIST_LABELS: Readonly<Record<PartList, string>> = {
  professional: 'professional repairers',
  'end-user': 'end users',
};

/** One entry of a per-part list: the part as the regulation names it, the component roles it covers, its years. */
export interface PartRule {
  part: string;
  roles: string[];
  list: PartList;
  /** Years counted from the last unit placed on the market. */
  years: number;
  verified: boolean;
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
  /**
   * The parts the regulation lists, per list. When present, only components
   * whose role is listed owe spare parts (whatever their declared
   * replaceability); when absent, every replaceable part owes `years`.
   */
  parts?: PartRule[];
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
    parts: z.array(z.strictObject({
      part: z.string().min(1).max(200),
      roles: z.array(z.string().min(1).max(60)).min(1),
      list: z.enum(PART_LISTS),
      years: z.number().positive().max(100),
      verified: z.boolean().default(false),
    })).optional(),
  })).default([]),
  provisions: z.array(z.strictObject({
    key: z.string().min(1).max(60),
    id: z.string().min(1).max(120),
    title: z.string().max(200),
    text: z.string().max(2000),
    // A pack file that does not say so is not taken as checked.
    verified: z.boolean().default(false),
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
  version: '2024.2',
  title: 'EU Cyber Resilience Act, Regulation (EU) 2024/2847',
  markets: ['EU'],
  inForce: { application: '2027-12-11' },
  thresholds: { minSupportYears: 5 },
  lists: {},
  categories: [],
  provisions: [
    { key: 'support-period', id: 'EU 2024/2847 Art 13(8)', title: 'Support period', verified: true,
      text: 'The support period reflects the time the product is expected to be in use, and is at least five years unless the product is expected to be in use for less; it counts for each unit from its placing on the market. The support periods of integrated components that provide core functions are among the factors.' },
    { key: 'due-diligence', id: 'EU 2024/2847 Art 13(5)', title: 'Due diligence on integrated components', verified: true,
      text: 'Components sourced from third parties must not compromise the security of the product.' },
    { key: 'end-date-shown', id: 'EU 2024/2847 Art 13(19)', title: 'End date shown at purchase', verified: true,
      text: 'The end date of the support period, at least month and year, is shown at the time of purchase.' },
    { key: 'user-information', id: 'EU 2024/2847 Annex II(7)', title: 'User information', verified: false,
      text: 'The information for users states the end date of the support period.' },
    { key: 'security-updates', id: 'EU 2024/2847 Annex I Part I(2)(c)', title: 'Vulnerabilities addressed through security updates', verified: true,
      text: 'Vulnerabilities can be addressed through security updates.' },
    { key: 'application', id: 'EU 2024/2847 Art 71(2)', title: 'Date of application', verified: true,
      text: 'The obligations apply from 11 December 2027.' },
    // Scope: products under these sector regulations are outside the CRA.
    { key: 'scope-mdr', id: 'EU 2024/2847 Art 2(2)(a)', title: 'Excluded: medical devices (EU MDR 2017/745)', verified: false,
      text: 'The Regulation does not apply to products with digital elements to which Regulation (EU) 2017/745 on medical devices applies.' },
    { key: 'scope-ivdr', id: 'EU 2024/2847 Art 2(2)(b)', title: 'Excluded: in vitro diagnostic devices (EU IVDR 2017/746)', verified: false,
      text: 'The Regulation does not apply to products with digital elements to which Regulation (EU) 2017/746 on in vitro diagnostic medical devices applies.' },
    { key: 'scope-vehicles', id: 'EU 2024/2847 Art 2(2)(c)', title: 'Excluded: motor vehicles (EU 2019/2144)', verified: false,
      text: 'The Regulation does not apply to products with digital elements to which Regulation (EU) 2019/2144 on the type-approval of motor vehicles applies.' },
    { key: 'scope-aviation', id: 'EU 2024/2847 Art 2(3)', title: 'Excluded: civil aviation (EU 2018/1139)', verified: false,
      text: 'The Regulation does not apply to products with digital elements certified in accordance with Regulation (EU) 2018/1139 on civil aviation.' },
    { key: 'scope-marine', id: 'EU 2024/2847 Art 2(4)', title: 'Excluded: marine equipment (Directive 2014/90/EU)', verified: false,
      text: 'The Regulation does not apply to equipment within the scope of Directive 2014/90/EU on marine equipment.' },
  ],
};

const PSTI: RulePack = {
  id: PACK_IDS.psti,
  version: '2023.2',
  title: 'UK Product Security and Telecommunications Infrastructure Act 2022 and SI 2023/1007',
  markets: ['UK'],
  inForce: { application: '2024-04-29' },
  thresholds: {},
  lists: {},
  categories: [],
  provisions: [
    { key: 'support-period', id: 'UK SI 2023/1007 Sch 1 para 3', title: 'Information on minimum security update periods', verified: false,
      text: 'The defined support period, with its end date, is published before the product is sold; there is no minimum length and a published period may not be shortened.' },
    { key: 'scope-consumer', id: 'UK PSTI Act 2022 s.54', title: 'Consumer connectable products only', verified: false,
      text: 'The security requirements apply to connectable products made available to consumers in the UK; a product not sold to consumers is outside them.' },
    { key: 'scope-medical', id: 'UK SI 2023/1007 Sch 3', title: 'Excepted: medical devices', verified: false,
      text: 'Medical devices and in vitro diagnostic medical devices are excepted connectable products.' },
  ],
};

// The per-part lists of the appliance regulations (Annex II of each), mapped to component roles.
const DISHWASHER_PARTS: PartRule[] = [
  { part: 'motor', roles: ['motor'], list: 'professional', years: 7, verified: false },
  { part: 'circulation and drain pump', roles: ['pump'], list: 'professional', years: 7, verified: false },
  { part: 'heaters and heating elements, including heat pumps', roles: ['heater', 'compressor'], list: 'professional', years: 7, verified: false },
  { part: 'printed circuit boards', roles: ['control-board'], list: 'professional', years: 7, verified: false },
  { part: 'electronic displays', roles: ['display', 'display-panel'], list: 'professional', years: 7, verified: false },
  { part: 'pressostats, thermostats and sensors', roles: ['thermostat', 'sensor'], list: 'professional', years: 7, verified: false },
  { part: 'door hinge and seals', roles: ['hinge', 'door-seal'], list: 'end-user', years: 10, verified: false },
  { part: 'other seals', roles: ['seal'], list: 'end-user', years: 10, verified: false },
  { part: 'spray arms', roles: ['spray-arm'], list: 'end-user', years: 10, verified: false },
  { part: 'drain filters', roles: ['filter'], list: 'end-user', years: 10, verified: false },
  { part: 'interior racks and plastic peripherals such as baskets and lids', roles: ['basket-rack'], list: 'end-user', years: 10, verified: false },
];
const WASHER_PARTS: PartRule[] = [
  { part: 'motor and motor brushes', roles: ['motor'], list: 'professional', years: 10, verified: false },
  { part: 'pumps', roles: ['pump'], list: 'professional', years: 10, verified: false },
  { part: 'heaters and heating elements, including heat pumps', roles: ['heater', 'compressor'], list: 'professional', years: 10, verified: false },
  { part: 'piping and related equipment, including hoses, valves, filters and aquastops', roles: ['filter'], list: 'professional', years: 10, verified: false },
  { part: 'printed circuit boards', roles: ['control-board'], list: 'professional', years: 10, verified: false },
  { part: 'electronic displays', roles: ['display', 'display-panel'], list: 'professional', years: 10, verified: false },
  { part: 'pressure switches, thermostats and sensors', roles: ['thermostat', 'sensor'], list: 'professional', years: 10, verified: false },
  { part: 'door hinge and seals', roles: ['hinge', 'door-seal'], list: 'end-user', years: 10, verified: false },
  { part: 'other seals', roles: ['seal'], list: 'end-user', years: 10, verified: false },
];
const FRIDGE_PARTS: PartRule[] = [
  { part: 'thermostats', roles: ['thermostat'], list: 'professional', years: 7, verified: false },
  { part: 'temperature sensors', roles: ['sensor'], list: 'professional', years: 7, verified: false },
  { part: 'printed circuit boards', roles: ['control-board'], list: 'professional', years: 7, verified: false },
  { part: 'light sources', roles: ['light-source'], list: 'professional', years: 7, verified: false },
  { part: 'door handles and door hinges', roles: ['hinge'], list: 'end-user', years: 7, verified: false },
  { part: 'trays and baskets', roles: ['basket-rack'], list: 'end-user', years: 7, verified: false },
  { part: 'door gaskets', roles: ['door-seal'], list: 'end-user', years: 10, verified: false },
];
const DISPLAY_PARTS: PartRule[] = [
  { part: 'internal power supply', roles: ['power-supply'], list: 'professional', years: 7, verified: false },
  { part: 'batteries and accumulators', roles: ['battery'], list: 'professional', years: 7, verified: false },
  { part: 'display panel and backlights', roles: ['display-panel', 'display', 'light-source'], list: 'professional', years: 7, verified: false },
];
const PHONE_PARTS: PartRule[] = [
  { part: 'battery', roles: ['battery'], list: 'professional', years: 7, verified: false },
  { part: 'display assembly', roles: ['display-panel', 'display'], list: 'professional', years: 7, verified: false },
  { part: 'back cover or back cover assembly', roles: ['enclosure'], list: 'professional', years: 7, verified: false },
  { part: 'hinge assembly', roles: ['hinge'], list: 'professional', years: 7, verified: false },
  { part: 'charger', roles: ['power-supply'], list: 'professional', years: 7, verified: false },
];

const ECODESIGN: RulePack = {
  id: PACK_IDS.ecodesign,
  version: '2023.2',
  title: 'EU ecodesign spare-part availability',
  markets: ['EU'],
  inForce: { phonesTablets: '2025-06-20' },
  // Operating-system updates for smartphones and tablets, counted from the end of placing the model on the market.
  thresholds: { phonesOsUpdateYears: 5 },
  lists: {},
  categories: [
    { category: 'smartphone', years: 7, from: '2025-06-20', provision: 'phones-tablets', parts: PHONE_PARTS },
    { category: 'tablet', years: 7, from: '2025-06-20', provision: 'phones-tablets', parts: PHONE_PARTS },
    { category: 'washing-machine', years: 10, from: '2021-03-01', provision: 'washing-machines', parts: WASHER_PARTS },
    { category: 'dishwasher', years: 10, from: '2021-03-01', provision: 'dishwashers', parts: DISHWASHER_PARTS },
    { category: 'refrigerator', years: 10, from: '2021-03-01', provision: 'refrigerators', parts: FRIDGE_PARTS },
    { category: 'display', years: 7, from: '2021-03-01', provision: 'displays', parts: DISPLAY_PARTS },
  ],
  provisions: [
    { key: 'phones-tablets', id: 'EU 2023/1670 Annex II', title: 'Smartphones and tablets: spare parts', verified: false,
      text: 'Spare parts (battery, display assembly, back cover, and others) available for at least 7 years after the end of placing the model on the market.' },
    { key: 'phones-os-updates', id: 'EU 2023/1670 Annex II', title: 'Smartphones and tablets: operating-system updates', verified: false,
      text: 'Security, corrective or functionality updates to the operating system are made available for at least 5 years after the end of placing the model on the market.' },
    { key: 'washing-machines', id: 'EU 2019/2023 Annex II', title: 'Household washing machines: spare parts', verified: true,
      text: 'Spare parts available for at least 10 years after the last unit of the model is placed on the market: to professional repairers (motor, pumps, heaters, piping, boards, displays, sensors) and to end users (door hinge and seals, other seals).' },
    { key: 'dishwashers', id: 'EU 2019/2022 Annex II', title: 'Household dishwashers: spare parts', verified: true,
      text: 'Spare parts for professional repairers (motor, pumps, heaters, boards, displays, sensors) for at least 7 years, and for end users (door hinge and seals, other seals, spray arms, drain filters, racks and baskets) for at least 10 years, after the last unit of the model is placed on the market.' },
    { key: 'refrigerators', id: 'EU 2019/2019 Annex II', title: 'Refrigerating appliances: spare parts', verified: true,
      text: 'Spare parts (thermostats, temperature sensors, boards, light sources, door handles and hinges, trays and baskets) available for at least 7 years, and door gaskets for at least 10 years, after the last unit of the model is placed on the market.' },
    { key: 'displays', id: 'EU 2019/2021 Annex II', title: 'Electronic displays: spare parts', verified: true,
      text: 'Spare parts (internal power supply, batteries, display panel and backlights, and others) available for at least 7 years after the last unit of the model is placed on the market.' },
    { key: 'displays-scope', id: 'EU 2019/2021 Art 1(2)', title: 'Displays outside the regulation', verified: false,
      text: 'The display rules do not apply to medical displays and to displays for industrial or professional use such as status displays and control panels.' },
  ],
};

const BATTERIES: RulePack = {
  id: PACK_IDS.batteries,
  version: '2023.2',
  title: 'EU Batteries Regulation (EU) 2023/1542',
  markets: ['EU'],
  inForce: { userReplaceable: '2027-02-18' },
  thresholds: {},
  lists: { roles: ['battery'] },
  categories: [],
  provisions: [
    { key: 'user-replaceable', id: 'EU 2023/1542 Art 11', title: 'Removability and replaceability of portable batteries', verified: true,
      text: 'Portable batteries incorporated in appliances are readily removable and replaceable by the end user with commercially available tools; exemptions for wet environments, some medical devices and continuous power supply.' },
  ],
};

const ETSI: RulePack = {
  id: PACK_IDS.etsi,
  version: '2.1.1+2',
  title: 'ETSI EN 303 645 Cyber security for consumer IoT',
  markets: [],
  inForce: {},
  thresholds: {},
  lists: { updatableRoles: ['firmware', 'os', 'soc', 'radio', 'crypto', 'gateway', 'ai-model'] },
  categories: [],
  provisions: [
    { key: '5.3-13', id: 'ETSI EN 303 645 5.3-13', title: 'Defined support period published', verified: true,
      text: 'The manufacturer publishes, in an accessible way that is clear and transparent to the user, the defined support period.' },
    { key: '5.3-14', id: 'ETSI EN 303 645 5.3-14', title: 'Devices that cannot be updated', verified: true,
      text: 'For constrained devices that cannot have their software updated, the rationale, the period and method of hardware replacement support are published.' },
    { key: '5.3-16', id: 'ETSI EN 303 645 5.3-16', title: 'Model designation', verified: true,
      text: 'The model designation of the device is clearly recognisable.' },
  ],
};

/** The r1 activity provisions, from the one activity catalog (ids A0…A8); the 2020 keys stay as aliases for older citations. */
const NIST_ACTIVITY_PROVISIONS: Provision[] = [
  ...ACTIVITIES.map((a) => ({ key: a.id, id: `IR 8259r1 Activity ${a.number}`, title: a.title, verified: a.verified, text: a.description })),
  ...Object.entries(ACTIVITY_2020_ALIASES).map(([key, to]) => {
    const a = activityDefinition(to);
    return { key, id: `IR 8259r1 Activity ${a.number}`, title: a.title, verified: a.verified, text: `${a.description} (IR 8259 of 2020: Activity ${key.slice('activity-'.length)}.)` };
  }),
];

const NIST: RulePack = {
  id: PACK_IDS.nist,
  version: '2026.1',
  title: 'NIST IR 8259r1, IR 8259A and IR 8259B',
  markets: [],
  inForce: {},
  thresholds: {},
  lists: {},
  categories: [],
  provisions: [
    ...NIST_ACTIVITY_PROVISIONS,
    { key: 'software-update', id: 'IR 8259A Software Update', title: 'Device capability: software update', verified: true, text: 'The device software can be updated by authorised entities using a secure and configurable mechanism.' },
    { key: 'data-protection', id: 'IR 8259A Data Protection', title: 'Device capability: data protection', verified: true, text: 'The device protects the data it stores and transmits.' },
    { key: 'documentation', id: 'IR 8259B Documentation', title: 'Non-technical capability: documentation', verified: true, text: 'Includes the expected lifespan and the term of support.' },
    { key: 'information-dissemination', id: 'IR 8259B Information Dissemination', title: 'Non-technical capability: information dissemination', verified: true, text: 'The manufacturer tells customers about support and its end.' },
    { key: 'education-awareness', id: 'IR 8259B Education and Awareness', title: 'Non-technical capability: education and awareness', verified: true, text: 'Customers are told how to maintain and repair the device.' },
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
