/**
 * The words people read for a finding's severity, status and dates: one table
 * each, shared by the Findings screen, the spreadsheet exports and the PDF
 * report so that a column heading and a card say the same thing.
 */
import type { FindingStatus } from './decisions';
import type { Severity } from './finding-kinds';

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { high: 'High', medium: 'Medium', low: 'Low' };

export const STATUS_LABELS: Readonly<Record<FindingStatus, string>> = {
  open: 'Open',
  accepted: 'Risk accepted',
  mitigated: 'Mitigated',
  reopened: 'Reopened',
};

/**
 * The dates a finding records (`Finding.dates`), by key, in the order a table
 * shows them: the subject's own end first, then what it must reach, then the
 * reference dates the rule counted from.
 */
export const FINDING_DATE_LABELS: Readonly<Record<string, string>> = {
  supportEnd: 'Support end',
  declaredSupportEnd: 'Declared support end',
  componentSupportEnd: 'Component support end',
  runtimeSupportEnd: 'Runtime support end',
  serviceEnd: 'Service end',
  expires: 'Expires',
  wearOut: 'Wear-out',
  sparePartsUntil: 'Spare parts until',
  useEnd: 'Use ends',
  legalMinimumEnd: 'Required until (law)',
  policyMinimumEnd: 'Required until (policy)',
  lastPlacedOnMarket: 'Last placed on market',
  craFrom: 'CRA applies from',
  pstiFrom: 'PSTI applies from',
  batteriesFrom: 'Battery rule applies from',
  asOf: 'As of',
};

const DATE_ORDER = new Map(Object.keys(FINDING_DATE_LABELS).map((k, i) => [k, i]));

/** "Support end" for `supportEnd`; an unknown key is shown as recorded. */
export function findingDateLabel(key: string): string {
  return Object.hasOwn(FINDING_DATE_LABELS, key) ? FINDING_DATE_LABELS[key]! : key;
}

/** Date keys in display order: the known ones as in FINDING_DATE_LABELS, then any others alphabetically. */
export function sortDateKeys(keys: Iterable<string>): string[] {
  const rank = (k: string): number => DATE_ORDER.get(k) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
