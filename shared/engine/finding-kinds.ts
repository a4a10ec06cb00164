/**
 * Finding kinds: declared once here and used by the engine, the CLI and the UI.
 * docs/findings.md explains each kind; this file is the single place where a
 * kind's severity, provision references, NIST mapping and remediation live.
 */
export const FINDING_KINDS = [
  'support-ends-before-use',
  'component-support-gap',
  'ecosystem-end-before-use',
  'no-update-mechanism',
  'certificate-expiry',
  'ai-model-not-updatable',
  'support-end-undisclosed',
  'legal-min-support',
  'not-field-replaceable',
  'spare-gap',
  'no-repair-info',
  'legal-min-spares',
  'battery-not-replaceable',
  'missing-data',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];

export interface Finding {
  /** Stable: `${kind}:${productId}:${componentId ?? '-'}`, plus `:${detail}` when one subject can have two of a kind. */
  key: string;
  kind: FindingKind;
  severity: Severity;
  productLineId: string;
  productLine: string;
  productId: string;
  product: string;
  componentId: string | null;
  component: string | null;
  gapDays: number | null;
  /** One plain sentence with the dates that caused it. */
  message: string;
  provisions: string[];
  nist: string[];
  remediation: string;
  /** What causes it, for click-through: `product.declaredSupportEnd`, `component.securitySupportEnd`, ... */
  field: string;
  /** The ISO dates the finding used (useEnd, supportEnd, ...). */
  dates: Record<string, string>;
}

/**
 * The severity rule, encoded once:
 * - high: units are or will be in use without security updates, or a legal
 *   obligation is missed (a legal minimum, a disclosure the law requires, a
 *   user-replaceable battery);
 * - medium: a gap in what suppliers back (component support, certificates,
 *   spare parts) or in repairability, and every organisation-policy finding
 *   (stricter than the law, so not a legal breach);
 * - low: documentation and data gaps (repair information, missing data).
 */
export const KIND_SEVERITY: Readonly<Record<FindingKind, Severity>> = {
  'support-ends-before-use': 'high',
  'no-update-mechanism': 'high',
  'support-end-undisclosed': 'high',
  'legal-min-support': 'high',
  'legal-min-spares': 'high',
  'battery-not-replaceable': 'high',
  'component-support-gap': 'medium',
  'ecosystem-end-before-use': 'medium',
  'certificate-expiry': 'medium',
  'ai-model-not-updatable': 'medium',
  'not-field-replaceable': 'medium',
  'spare-gap': 'medium',
  'no-repair-info': 'low',
  'missing-data': 'low',
};

export const POLICY_SEVERITY: Severity = 'medium';
/** Provision text carried by findings that rest on the organisation policy rather than a law. */
export const POLICY_PROVISION = 'Organisation policy';

export function severityOf(kind: FindingKind, fromPolicy = false): Severity {
  return fromPolicy ? POLICY_SEVERITY : KIND_SEVERITY[kind];
}

export function severityRank(s: Severity): number {
  return s === 'high' ? 0 : s === 'medium' ? 1 : 2;
}

/** `packId#provisionKey`: resolved against the analysis's rule packs, so a dropped pack drops its citations. */
export type ProvisionRef = `${string}#${string}`;

export interface KindInfo {
  title: string;
  field: string;
  provisions: ProvisionRef[];
  nist: ProvisionRef[];
  remediation: string;
}

export const KIND_INFO: Readonly<Record<FindingKind, KindInfo>> = {
  'support-ends-before-use': {
    title: 'Support ends before use ends',
    field: 'product.declaredSupportEnd',
    provisions: ['eu-cra#support-period', 'etsi-en-303-645#5.3-13'],
    nist: ['nist-ir-8259#software-update', 'nist-ir-8259#documentation', 'nist-ir-8259#A5', 'nist-ir-8259#A6'],
    remediation: 'Extend the declared support end to cover the expected use, or shorten the expected use with a documented rationale and tell customers when updates stop.',
  },
  'component-support-gap': {
    title: 'Component support ends first',
    field: 'component.securitySupportEnd',
    provisions: ['eu-cra#support-period', 'eu-cra#due-diligence'],
    nist: ['nist-ir-8259#software-update', 'nist-ir-8259#A5', 'nist-ir-8259#A6'],
    remediation: 'Obtain a longer security-support commitment from the supplier, plan a migration to a supported version, or budget for maintaining the component yourself.',
  },
  'ecosystem-end-before-use': {
    title: 'Ecosystem service ends before use ends',
    field: 'component.securitySupportEnd',
    provisions: [],
    nist: ['nist-ir-8259#A5', 'nist-ir-8259#A7', 'nist-ir-8259#information-dissemination'],
    remediation: 'Keep the service (cloud, app, gateway) running until the use end, give the device a local mode that survives the shutdown, or tell customers what stops working and when.',
  },
  'no-update-mechanism': {
    title: 'No update mechanism',
    field: 'component.updateMechanism',
    provisions: ['etsi-en-303-645#5.3-14', 'eu-cra#security-updates'],
    nist: ['nist-ir-8259#software-update', 'nist-ir-8259#A4', 'nist-ir-8259#A6'],
    remediation: 'Add a secure update path (OTA or local), or publish why the component cannot be updated and how hardware replacement is supported.',
  },
  'certificate-expiry': {
    title: 'Certificate expires during support',
    field: 'component.expires',
    provisions: ['eu-cra#support-period'],
    nist: ['nist-ir-8259#data-protection', 'nist-ir-8259#A6'],
    remediation: 'Plan certificate renewal through the update mechanism before the expiry, or issue a certificate that outlives the support period.',
  },
  'ai-model-not-updatable': {
    title: 'AI model cannot be kept current',
    field: 'component.updateMechanism',
    provisions: ['eu-cra#security-updates'],
    nist: ['nist-ir-8259#software-update', 'nist-ir-8259#activity-4'],
    remediation: 'Give the model an update or retraining path through the device\'s secure update mechanism, and move it to a runtime whose support lasts the support period (or budget for maintaining the runtime).',
  },
  'support-end-undisclosed': {
    title: 'Support end not disclosed',
    field: 'product.declaredSupportEnd',
    provisions: [],
    nist: ['nist-ir-8259#documentation', 'nist-ir-8259#information-dissemination', 'nist-ir-8259#A7', 'nist-ir-8259#A8'],
    remediation: 'Declare the support end date (at least month and year) and publish it where the product is sold.',
  },
  'legal-min-support': {
    title: 'Support shorter than the legal minimum',
    field: 'product.declaredSupportEnd',
    provisions: ['eu-cra#support-period', 'eu-cra#application'],
    nist: ['nist-ir-8259#documentation', 'nist-ir-8259#A5'],
    remediation: 'Move the declared support end to at least the minimum, counted from the last unit placed on the market.',
  },
  'not-field-replaceable': {
    title: 'Wear part cannot be replaced',
    field: 'component.fieldReplaceable',
    provisions: [],
    nist: ['nist-ir-8259#A4', 'nist-ir-8259#A5'],
    remediation: 'Make the part replaceable by a professional or the user, or choose a part rated for the whole expected use.',
  },
  'spare-gap': {
    title: 'Spare parts end before use ends',
    field: 'component.sparePartsUntil',
    provisions: [],
    nist: ['nist-ir-8259#A5', 'nist-ir-8259#A6'],
    remediation: 'Commit to spare parts until the use end (supplier last-time buy, second source, or stock).',
  },
  'no-repair-info': {
    title: 'No repair documentation',
    field: 'component.repairDocs',
    provisions: [],
    nist: ['nist-ir-8259#documentation', 'nist-ir-8259#education-awareness', 'nist-ir-8259#A8'],
    remediation: 'Publish repair and replacement instructions for the part to the people allowed to replace it.',
  },
  'legal-min-spares': {
    title: 'Spare parts shorter than the legal minimum',
    field: 'component.sparePartsUntil',
    provisions: [],
    nist: ['nist-ir-8259#A5', 'nist-ir-8259#documentation'],
    remediation: 'Commit to spare parts until at least the minimum, counted from the last unit placed on the market.',
  },
  'battery-not-replaceable': {
    title: 'Battery not user-replaceable',
    field: 'component.fieldReplaceable',
    provisions: ['eu-batteries#user-replaceable'],
    nist: ['nist-ir-8259#A4'],
    remediation: 'Make the battery removable and replaceable by the end user with commercially available tools, or document the exemption that applies.',
  },
  'missing-data': {
    title: 'Missing data',
    field: '',
    provisions: [],
    nist: ['nist-ir-8259#documentation', 'nist-ir-8259#A5'],
    remediation: 'Fill in the field (with its source) so the rules that need it can run.',
  },
};
