/**
 * The words people read for a finding's severity, status, dates and provisions:
 * one table each, shared by the Findings screen, the spreadsheet exports and the PDF
 * report so that a column heading and a card say the same thing.
 */
import type { FindingStatus } from './decisions';
import type { Severity } from './finding-kinds';
import { PACK_NOTES } from './pack-notes';
import { DEFAULT_RULE_PACKS, type RulePack } from './rule-packs';

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

/** "Support end" for `supportEnd`; an unknown key is spelled out ("someDate" → "Some date"), never shown raw. */
export function findingDateLabel(key: string): string {
  if (Object.hasOwn(FINDING_DATE_LABELS, key)) return FINDING_DATE_LABELS[key]!;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Short name for `findingDateLabel`. */
export const dateLabel = findingDateLabel;

/** Date keys in display order: the known ones as in FINDING_DATE_LABELS, then any others alphabetically. */
export function sortDateKeys(keys: Iterable<string>): string[] {
  const rank = (k: string): number => DATE_ORDER.get(k) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(keys)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** A finding's dates in a stable order (the table's order, unknown keys last), labelled. */
export function labelledDates(dates: Readonly<Record<string, string>>): { key: string; label: string; date: string }[] {
  return sortDateKeys(Object.keys(dates)).map((key) => ({ key, label: findingDateLabel(key), date: dates[key]! }));
}

export interface ProvisionInfo {
  /** "EU 2024/2847 Art 13(8)". */
  id: string;
  /** Plain title from its pack, or null when no pack in use has it. */
  title: string | null;
  verified: boolean;
  /** The pack's note on figures from secondary sources, when the provision is not verified. */
  note: string | null;
  packTitle: string | null;
}

/** Looks provisions up by identifier in the packs the analysis used (the defaults when not given). */
export function provisionLookup(packs: readonly RulePack[] = DEFAULT_RULE_PACKS): (id: string) => ProvisionInfo {
  const byId = new Map<string, ProvisionInfo>();
  for (const pack of packs) {
    for (const p of pack.provisions) {
      if (byId.has(p.id)) continue;
      byId.set(p.id, { id: p.id, title: p.title, verified: p.verified, note: p.verified ? null : (PACK_NOTES[pack.id] ?? null), packTitle: pack.title });
    }
  }
  return (id) => byId.get(id) ?? { id, title: null, verified: true, note: null, packTitle: null };
}

/** Provision identifier ("EU 2024/2847 Art 13(8)") -> its plain title ("Support period"), from the rule packs. */
export function provisionTitles(packs: readonly Pick<RulePack, 'provisions'>[]): ReadonlyMap<string, string> {
  const titles = new Map<string, string>();
  for (const pack of packs) for (const p of pack.provisions) if (!titles.has(p.id) && p.title) titles.set(p.id, p.title);
  return titles;
}

/** "EU 2024/2847 Art 13(8) (Support period)"; an identifier without a known title stays as it is. */
export function describeProvision(id: string, titles: ReadonlyMap<string, string>): string {
  const title = titles.get(id);
  return title && title !== id ? `${id} (${title})` : id;
}

/** "EU 2024/2847 Art 13(8) (Support period)", with "(?)" when its figure is uncertain: for tables and plain text. */
export function provisionText(info: ProvisionInfo): string {
  return `${describeProvision(info.id, new Map(info.title ? [[info.id, info.title]] : []))}${info.verified ? '' : ' (?)'}`;
}
