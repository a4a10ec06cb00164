/**
 * Findings as tables for management (docs/reports.md): one row per finding
 * with its subject, kind, severity, gap, the dates it used, provisions, NIST
 * references, status and decision, and a summary table (counts by severity,
 * kind and product line, with the scope, as-of date and source). Pure: the
 * findings in, typed cells out; the CSV text, the XLSX sheets and the PDF are
 * written from the same values (risk/export-table.ts writes the cells).
 *
 * Findings come from the app (engine findings with their decisions) or from a
 * bundle (findings as recorded, decisions re-applied by `recordedReportFindings`).
 */
import type { Decision } from '../domain/schemas';
import type { RecordedFinding } from '../bundle/format';
import { applyDecisions, type FindingStatus } from '../engine/decisions';
import { FINDING_KINDS, KIND_INFO, SEVERITIES, severityRank, type FindingKind, type Severity } from '../engine/finding-kinds';
import { describeProvision, findingDateLabel, SEVERITY_LABELS, sortDateKeys, STATUS_LABELS } from '../engine/finding-labels';
import { formatShortfallDays } from '../format/format';
import type { ExportTable, TableCell } from '../risk/export-table';

/** What a row needs of a finding: an engine finding with its decision satisfies it, and so does a recorded one. */
export interface ReportFinding {
  key?: string;
  kind: string;
  severity: Severity;
  productLine?: string;
  product?: string;
  component?: string | null;
  gapDays?: number | null;
  message: string;
  provisions: readonly string[];
  nist?: readonly string[];
  dates?: Readonly<Record<string, string>>;
  status: FindingStatus;
  decision: Decision | null;
}

export { provisionTitles, describeProvision } from '../engine/finding-labels';

const isKind = (k: string): k is FindingKind => (FINDING_KINDS as readonly string[]).includes(k);

/** The kind's human title; a kind this version does not know is shown as recorded. */
export function kindLabel(kind: string): string {
  return isKind(kind) ? KIND_INFO[kind].title : kind;
}

/**
 * A finding's gap in words. A finding's `gapDays` is a shortfall (days the
 * subject ends before it must), so it reads as "… short".
 */
export function findingGapText(gapDays: number | null | undefined): string | null {
  return gapDays === null || gapDays === undefined ? null : formatShortfallDays(gapDays);
}

const DECISION_LABELS: Readonly<Record<Decision['type'], string>> = { accepted: STATUS_LABELS.accepted, mitigated: STATUS_LABELS.mitigated };

/** The recorded dates of a finding that are text (a bundle's findings are read loosely). */
function datesOf(f: ReportFinding): [string, string][] {
  const d = f.dates as unknown;
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return [];
  return Object.entries(d as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
}

/** Sort order of a report: severity, then product line, product, kind (engine order), component. */
export function sortReportFindings<F extends ReportFinding>(findings: readonly F[]): F[] {
  const kindRank = (k: string): number => (isKind(k) ? FINDING_KINDS.indexOf(k) : FINDING_KINDS.length);
  const cmp = (a = '', b = ''): number => a.localeCompare(b);
  return [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity)
    || cmp(a.productLine, b.productLine) || cmp(a.product, b.product) || kindRank(a.kind) - kindRank(b.kind)
    || cmp(a.component ?? '', b.component ?? '') || cmp(a.key, b.key));
}

export const FINDING_LEAD_COLUMNS = ['Product line', 'Product', 'Component', 'Kind', 'Severity', 'Gap', 'Gap (days)'] as const;
export const FINDING_TAIL_COLUMNS = [
  'Provisions', 'NIST reference', 'Status', 'Decision', 'Decided by', 'Decided on', 'Rationale', 'Decision expires', 'Explanation', 'Finding key',
] as const;

const text = (s: string | null | undefined): TableCell => (s === null || s === undefined || s === '' ? null : { text: s });
const num = (n: number | null | undefined): TableCell => (n === null || n === undefined ? null : { number: n, digits: 0 });
const day = (d: string | null | undefined): TableCell => (d === null || d === undefined || d === '' ? null : { date: d });

/** Column widths (characters) for a findings table's header: wide for the text columns, narrow for dates and numbers. */
export function findingColumnWidths(header: readonly string[]): number[] {
  const wide: Record<string, number> = {
    'Product line': 20, Product: 24, Component: 22, Kind: 34, Severity: 10, Gap: 16, 'Gap (days)': 11,
    Provisions: 48, 'NIST reference': 36, Status: 14, Decision: 14, 'Decided by': 16, 'Decided on': 12, Rationale: 40,
    'Decision expires': 16, Explanation: 60, 'Finding key': 30,
  };
  return header.map((h) => wide[h] ?? Math.max(12, Math.min(26, h.length + 2)));
}

/** A column added after the standard ones (an auditor's review status and note): text per finding, by its position in the table. */
export interface ExtraFindingColumn {
  header: string;
  cell: (finding: ReportFinding, index: number) => string | null;
}

/**
 * One row per finding, in the given order. The date columns are the date keys
 * the findings carry (labelled as the Findings screen labels them), so a table
 * of license findings has no column for spare parts.
 */
export function findingsTable(findings: readonly ReportFinding[], options: { provisionTitles?: ReadonlyMap<string, string>; extraColumns?: readonly ExtraFindingColumn[] } = {}): ExportTable {
  const extra = options.extraColumns ?? [];
  const titles = options.provisionTitles ?? new Map<string, string>();
  const dated = findings.map((f) => ({ f, dates: new Map(datesOf(f)) }));
  const dateKeys = sortDateKeys(dated.flatMap((d) => [...d.dates.keys()]));
  const header = [...FINDING_LEAD_COLUMNS, ...dateKeys.map(findingDateLabel), ...FINDING_TAIL_COLUMNS, ...extra.map((c) => c.header)];
  const rows = dated.map(({ f, dates }, index): TableCell[] => {
    const d = f.decision;
    return [
      text(f.productLine), text(f.product), text(f.component), text(kindLabel(f.kind)), text(SEVERITY_LABELS[f.severity]),
      text(findingGapText(f.gapDays)), num(f.gapDays),
      ...dateKeys.map((k) => day(dates.get(k))),
      text(f.provisions.map((p) => describeProvision(p, titles)).join('; ')), text((f.nist ?? []).map((p) => describeProvision(p, titles)).join('; ')),
      text(STATUS_LABELS[f.status]), text(d ? DECISION_LABELS[d.type] : null), text(d?.by), day(d ? d.decidedAt.slice(0, 10) : null), text(d?.rationale), day(d?.expires),
      text(f.message), text(f.key),
      ...extra.map((c) => text(c.cell(f, index))),
    ];
  });
  return { name: 'Findings', header, rows };
}

/** Where the findings come from, as the summary and the PDF cover state it. */
export interface ReportSource {
  /** "Portfolio", "Product line: Gateways", "Products shown: 12 of 40 findings (filtered)". */
  scope: string;
  asOf: string;
  /** `Workspace` for the app's data, `Bundle` for a file. */
  kind: 'workspace' | 'bundle';
  /** The workspace or bundle file name. */
  name?: string;
  /** Bundle only: the signer's fingerprint (formatted) and the verified state. */
  fingerprint?: string | null;
  signature?: string;
  /** Bundle only: the SHA-256 of its manifest.json (hex), printed on every page of the PDF. */
  manifestHash?: string;
  /** Bundle only: what re-running its analysis on its data found, one sentence. */
  reanalysis?: string;
  /** When the findings are a filtered selection: what the filter is (shown as is). */
  filter?: string;
  /** How many findings there are before filtering (omitted = not filtered). */
  totalFindings?: number;
  createdAt?: string;
  rulePacks?: readonly { id: string; version: string }[];
}

export interface SeverityCounts { high: number; medium: number; low: number }

export interface FindingsSummary {
  total: number;
  bySeverity: SeverityCounts;
  byKind: { kind: string; label: string; counts: SeverityCounts; total: number }[];
  byLine: { line: string; counts: SeverityCounts; total: number }[];
}

const zero = (): SeverityCounts => ({ high: 0, medium: 0, low: 0 });

export function summarizeFindings(findings: readonly ReportFinding[]): FindingsSummary {
  const bySeverity = zero();
  const kinds = new Map<string, SeverityCounts>();
  const lines = new Map<string, SeverityCounts>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    const k = kinds.get(f.kind) ?? zero();
    k[f.severity]++;
    kinds.set(f.kind, k);
    const lineName = f.productLine ?? '';
    const l = lines.get(lineName) ?? zero();
    l[f.severity]++;
    lines.set(lineName, l);
  }
  const sum = (c: SeverityCounts): number => c.high + c.medium + c.low;
  const kindRank = (k: string): number => (isKind(k) ? FINDING_KINDS.indexOf(k) : FINDING_KINDS.length);
  return {
    total: findings.length,
    bySeverity,
    byKind: [...kinds].map(([kind, counts]) => ({ kind, label: kindLabel(kind), counts, total: sum(counts) }))
      .sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || a.kind.localeCompare(b.kind)),
    byLine: [...lines].map(([line, counts]) => ({ line, counts, total: sum(counts) }))
      .sort((a, b) => b.total - a.total || a.line.localeCompare(b.line)),
  };
}

export const SUMMARY_COLUMNS = ['Section', 'Item', 'Value', ...SEVERITIES.map((s) => SEVERITY_LABELS[s])] as const;

/** The summary sheet: the source (scope, as-of date, identity) and the counts by severity, kind and product line. */
export function findingsSummaryTable(findings: readonly ReportFinding[], source: ReportSource): ExportTable {
  const s = summarizeFindings(findings);
  const rows: TableCell[][] = [];
  const info = (item: string, value: TableCell): void => {
    if (value !== null) rows.push([text('Report'), text(item), value, null, null, null]);
  };
  const split = (c: SeverityCounts): TableCell[] => SEVERITIES.map((sev) => num(c[sev]));
  info('Scope', text(source.scope));
  info('As-of date', day(source.asOf));
  info('Source', text(source.kind === 'bundle' ? 'Bundle' : 'Workspace'));
  info(source.kind === 'bundle' ? 'Bundle file' : 'Workspace', text(source.name));
  if (source.kind === 'bundle') {
    info('Signature', text(source.signature));
    info('Signer fingerprint', text(source.fingerprint ?? 'none'));
    info('Manifest SHA-256', text(source.manifestHash));
    info('Re-analysis', text(source.reanalysis));
  }
  info('Created', text(source.createdAt));
  if (source.rulePacks) info('Rule packs', text(source.rulePacks.map((r) => `${r.id} ${r.version}`).join(', ') || 'none recorded'));
  info('Filter', text(source.filter));
  if (source.totalFindings !== undefined) info('Findings before filtering', num(source.totalFindings));
  rows.push([text('Findings'), text('All severities'), num(s.total), ...split(s.bySeverity)]);
  for (const sev of SEVERITIES) rows.push([text('Severity'), text(SEVERITY_LABELS[sev]), num(s.bySeverity[sev]), null, null, null]);
  for (const k of s.byKind) rows.push([text('Kind'), text(k.label), num(k.total), ...split(k.counts)]);
  for (const l of s.byLine) rows.push([text('Product line'), text(l.line || 'No product line'), num(l.total), ...split(l.counts)]);
  return { name: 'Summary', header: SUMMARY_COLUMNS, rows };
}

/**
 * A bundle's recorded findings as report findings: decisions from the bundle's
 * portfolio are applied on the bundle's as-of date, exactly as the app applies
 * them; a finding recorded without a key or product cannot carry a decision.
 */
export function recordedReportFindings(findings: readonly RecordedFinding[], decisions: readonly Decision[], asOf: string): ReportFinding[] {
  const keyed = findings.map((f) => ({ ...f, key: f.key ?? '', productId: f.productId ?? '' }));
  return applyDecisions(keyed, decisions, asOf).map((f) => (f.key === '' || f.productId === '' ? { ...f, decision: null, status: 'open' as const } : f));
}
