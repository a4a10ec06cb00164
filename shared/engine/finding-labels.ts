/**
 * What a finding's dates and provisions are called on screens, exports and
 * reports: the engine keys its dates by name (`legalMinimumEnd`) and its
 * provisions by identifier; people read labels and titles. One table for all.
 */
import { PACK_NOTES } from './pack-notes';
import { DEFAULT_RULE_PACKS, type RulePack } from './rule-packs';

const DATE_LABELS: Readonly<Record<string, string>> = {
  asOf: 'As of',
  supportEnd: 'Support end',
  componentSupportEnd: 'Component support end',
  runtimeSupportEnd: 'Runtime support end',
  serviceEnd: 'Service end',
  useEnd: 'Use end',
  wearOut: 'Wear-out',
  sparePartsUntil: 'Spare parts until',
  legalMinimumEnd: 'Legal minimum until',
  policyMinimumEnd: 'Policy minimum until',
  lastPlacedOnMarket: 'Last placed on the market',
  craFrom: 'CRA applies from',
  pstiFrom: 'PSTI applies from',
  batteriesFrom: 'Battery rules apply from',
  expires: 'Expires',
};

/** "Legal minimum until" for `legalMinimumEnd`; an unknown key is spelled out ("someDate" → "Some date"), never shown raw. */
export function dateLabel(key: string): string {
  const known = DATE_LABELS[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A finding's dates in a stable order (the table's order, unknown keys last), labelled. */
export function labelledDates(dates: Readonly<Record<string, string>>): { key: string; label: string; date: string }[] {
  const order = Object.keys(DATE_LABELS);
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  return Object.entries(dates)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, date]) => ({ key, label: dateLabel(key), date }));
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

/** "EU 2024/2847 Art 13(8) (Support period)", with "(?)" when its figure is uncertain: for tables and plain text. */
export function provisionText(info: ProvisionInfo): string {
  return `${info.id}${info.title ? ` (${info.title})` : ''}${info.verified ? '' : ' (?)'}`;
}
