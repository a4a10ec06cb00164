/**
 * The activities of NIST IR 8259r1 (Foundational Cybersecurity Activities for
 * IoT Product Manufacturers, final April 2026) as data: ids `A0`…`A8`, titles,
 * plain-words descriptions, and whether the wording was checked against the
 * published text (as the rule packs mark their provisions).
 *
 * None is marked verified: the final text could not be read when this catalog
 * was written. Activity 0 is new in r1 and Activity 3 of 2020 was split into 3
 * and 4 (NIST's announcement of the second public draft, Sep 2025); the titles
 * of 0–4 follow that announcement and the 2020 titles, those of 5–8 follow the
 * split (5 = the 2020 Activity 4, 7 and 8 = the 2020 Activities 5 and 6) and
 * the r1 scope (support through end of life). Check them before relying on
 * them; the app shows "unverified" next to each.
 *
 * This file has no imports: the rule packs read their NIST activity provisions
 * from here, so a title is written once.
 */
export const ACTIVITY_IDS = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8'] as const;
export type ActivityId = (typeof ACTIVITY_IDS)[number];

export type ActivityPhase = 'pre-market' | 'post-market';

export interface ActivityDefinition {
  id: ActivityId;
  /** 0…8: the report heads each "Activity <n>". */
  number: number;
  phase: ActivityPhase;
  title: string;
  description: string;
  /** True only when title and description were checked against the published IR 8259r1. */
  verified: boolean;
  /** What the lifecycle data says about it: support period planning, support through end of life, communication. */
  bearsOn: ('support-planning' | 'support-through-end' | 'communication' | 'design')[];
}

export const NIST_R1_SOURCE = 'NIST IR 8259r1, Foundational Cybersecurity Activities for IoT Product Manufacturers (April 2026)';

export const ACTIVITIES: readonly ActivityDefinition[] = [
  { id: 'A0', number: 0, phase: 'pre-market', verified: false, bearsOn: [],
    title: 'Identify the product and its ecosystem',
    description: 'Describe the IoT product as a whole: the device and the components it relies on (mobile app, gateway, cloud backend), and whether it is IT, IoT, OT or industrial IoT.' },
  { id: 'A1', number: 1, phase: 'pre-market', verified: false, bearsOn: [],
    title: 'Identify expected customers and define expected use cases',
    description: 'Who will use the product, where and how, and for how long it is expected to be in use.' },
  { id: 'A2', number: 2, phase: 'pre-market', verified: false, bearsOn: [],
    title: 'Research customers’ cybersecurity needs and goals',
    description: 'What the expected customers need from the product to manage their cybersecurity risks, including laws and standards that apply to them.' },
  { id: 'A3', number: 3, phase: 'pre-market', verified: false, bearsOn: ['design'],
    title: 'Assess risks and model threats to the product',
    description: 'Risks and threats to the product and its ecosystem that the product’s cybersecurity has to address.' },
  { id: 'A4', number: 4, phase: 'pre-market', verified: false, bearsOn: ['design'],
    title: 'Determine how to address customers’ needs and goals',
    description: 'The product cybersecurity capabilities (IR 8259A) and non-technical supporting capabilities (IR 8259B) to provide, and the design choices that follow (updatable components, replaceable parts).' },
  { id: 'A5', number: 5, phase: 'pre-market', verified: false, bearsOn: ['support-planning'],
    title: 'Plan for adequate support of customers’ needs and goals',
    description: 'The support period and the resources behind it: security updates for as long as the product is expected to be in use, the supply of components and spare parts, aligned across IT and mechanical parts.' },
  { id: 'A6', number: 6, phase: 'post-market', verified: false, bearsOn: ['support-through-end'],
    title: 'Support the product through its end of life',
    description: 'Deliver the planned support after sale: security updates, vulnerability handling, renewed certificates and spare parts until the end of support, and a planned end of life.' },
  { id: 'A7', number: 7, phase: 'post-market', verified: false, bearsOn: ['communication'],
    title: 'Define approaches for communicating with customers',
    description: 'How the manufacturer communicates with customers about cybersecurity: channels, timing, and who is reached (including notices before the end of support).' },
  { id: 'A8', number: 8, phase: 'post-market', verified: false, bearsOn: ['communication'],
    title: 'Decide what to communicate to customers and how',
    description: 'What customers are told: the support period and its end, what stops at the end, how to maintain and repair the product, and vulnerabilities and incidents.' },
];

/**
 * The 2020 numbering (IR 8259, Activities 1–6), kept as an alias so older
 * bundles and rule packs that cite it still land on an activity.
 */
export const ACTIVITY_2020_ALIASES: Readonly<Record<string, ActivityId>> = {
  'activity-1': 'A1',
  'activity-2': 'A2',
  'activity-3': 'A4',
  'activity-4': 'A5',
  'activity-5': 'A7',
  'activity-6': 'A8',
};

export function activityDefinition(id: ActivityId): ActivityDefinition {
  return ACTIVITIES[ACTIVITY_IDS.indexOf(id)]!;
}

export function isActivityId(v: string): v is ActivityId {
  return (ACTIVITY_IDS as readonly string[]).includes(v);
}
