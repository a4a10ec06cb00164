/**
 * Filtering and grouping of findings for the panels: pure, so the same rules
 * serve the product panel, the portfolio screen and tests.
 */
import { dateLabel, FINDING_KINDS, KIND_INFO, MISSING_FIELDS, SEVERITY_LABELS, STATUS_LABELS, severityRank, type DecidedFinding, type FindingKind, type FindingStatus, type Severity } from '../../../shared/engine';

// The labels live with the engine so the exports and reports use the same words.
export { SEVERITY_LABELS, STATUS_LABELS };
export { findingDateLabel } from '../../../shared/engine';

export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'accepted', 'mitigated', 'reopened'];

export interface FindingFilter {
  severity: Severity | 'all';
  kind: FindingKind | 'all';
  status: FindingStatus | 'all';
  search: string;
}

export const ALL_FINDINGS: FindingFilter = { severity: 'all', kind: 'all', status: 'all', search: '' };

export function filterFindings(findings: readonly DecidedFinding[], filter: FindingFilter): DecidedFinding[] {
  const words = filter.search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return findings.filter((f) => {
    if (filter.severity !== 'all' && f.severity !== filter.severity) return false;
    if (filter.kind !== 'all' && f.kind !== filter.kind) return false;
    if (filter.status !== 'all' && f.status !== filter.status) return false;
    if (words.length) {
      const text = `${f.product} ${f.productLine} ${f.component ?? ''} ${KIND_INFO[f.kind].title} ${f.message} ${f.provisions.join(' ')}`.toLocaleLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

export interface FindingGroup {
  key: string;
  severity: Severity;
  kind: FindingKind;
  title: string;
  findings: DecidedFinding[];
}

const KIND_ORDER = new Map<FindingKind, number>(FINDING_KINDS.map((k, i) => [k, i]));

/** Groups by severity, then kind (the engine's kind order), keeping each group's findings in engine order. */
export function groupFindings(findings: readonly DecidedFinding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.severity}:${f.kind}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, severity: f.severity, kind: f.kind, title: KIND_INFO[f.kind].title, findings: [] };
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  return [...groups.values()].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!);
}

/** Fields a finding can point at that are never "missing data", so the engine has no label for them. */
const OTHER_FIELD_LABELS: Readonly<Record<string, string>> = {
  'component.sparePartsUntil': 'spare parts until',
  'product.unitsPerYear': 'units placed per year',
};

/** "declared security-support end" for `product.declaredSupportEnd`. */
export function fieldLabel(field: string): string {
  return MISSING_FIELDS[field]?.label ?? OTHER_FIELD_LABELS[field] ?? dateLabel(field.split('.').pop() ?? field).toLowerCase();
}

/** True when the filter narrows the list at all. */
export function isFiltered(filter: FindingFilter): boolean {
  return filter.severity !== 'all' || filter.kind !== 'all' || filter.status !== 'all' || filter.search.trim() !== '';
}

/** "Severity: High; Status: Open; Search: “pump”", or null without a filter: for exports, which say what they hold. */
export function describeFilter(filter: FindingFilter): string | null {
  const parts: string[] = [];
  if (filter.severity !== 'all') parts.push(`Severity: ${SEVERITY_LABELS[filter.severity]}`);
  if (filter.kind !== 'all') parts.push(`Kind: ${KIND_INFO[filter.kind].title}`);
  if (filter.status !== 'all') parts.push(`Status: ${STATUS_LABELS[filter.status]}`);
  if (filter.search.trim() !== '') parts.push(`Search: “${filter.search.trim()}”`);
  return parts.length ? parts.join('; ') : null;
}
