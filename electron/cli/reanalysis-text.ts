/**
 * How a bundle's re-run analysis compares with what it recorded, for people
 * and for tools: used by `analyze --compare`, `verify` and `report`.
 */
import { comparisonIsEmpty, differingCount, type BundleRerun, type ComparableFinding, type FindingComparison } from '../../shared/bundle';
import { formatCount } from '../../shared/format/format';
import { escapeTerminal } from './terminal-text';

function describeFinding(f: ComparableFinding): string {
  return escapeTerminal(`${f.severity} ${f.kind}: ${f.productLine ?? '?'} / ${f.product ?? '?'}${f.component ? ` / ${f.component}` : ''}`);
}

export function renderComparison(c: FindingComparison): string {
  const out = ['', 'Compared with the findings recorded in the bundle:'];
  if (comparisonIsEmpty(c)) {
    out.push(`  no difference (${c.same} findings the same)`);
    return `${out.join('\n')}\n`;
  }
  out.push(`  ${c.same} the same, ${c.changed.length} changed, ${c.onlyRecorded.length} recorded but not found now, ${c.onlyCurrent.length} new`);
  for (const f of c.onlyRecorded) out.push(`  - recorded only: ${describeFinding(f)}: ${escapeTerminal(f.message)}`);
  for (const f of c.onlyCurrent) out.push(`  + new:           ${describeFinding(f)}: ${escapeTerminal(f.message)}`);
  for (const ch of c.changed) {
    out.push(`  ~ changed:       ${describeFinding(ch.current)}`);
    for (const field of ch.fields) out.push(`      ${field}: ${escapeTerminal(JSON.stringify(ch.recorded[field] ?? null))} -> ${escapeTerminal(JSON.stringify(ch.current[field] ?? null))}`);
  }
  return `${out.join('\n')}\n`;
}

export function comparisonJson(c: FindingComparison): unknown {
  return {
    same: c.same,
    onlyRecorded: c.onlyRecorded.map((f) => f.key ?? null),
    onlyCurrent: c.onlyCurrent.map((f) => f.key ?? null),
    changed: c.changed.map((ch) => ({
      key: ch.key,
      fields: Object.fromEntries(ch.fields.map((field) => [field, { recorded: ch.recorded[field] ?? null, current: ch.current[field] ?? null }])),
    })),
  };
}

/** One line for verify: whether the bundle's data still gives the findings it recorded. */
export function reanalysisLine(rerun: BundleRerun): string {
  const c = rerun.comparison;
  const packs = [
    ...rerun.selection.otherVersion.map((o) => `rule pack ${o.id} ${o.recorded} re-run as ${o.available}`),
    ...rerun.selection.missing.map((m) => `rule pack ${m.id} ${m.version} not available here`),
  ];
  const note = packs.length ? ` (${escapeTerminal(packs.join('; '))})` : '';
  if (comparisonIsEmpty(c)) return `re-analysis: its data gives the findings it recorded (${formatCount(c.same, 'finding')} the same)${note}`;
  return `re-analysis: ${formatCount(differingCount(c), 'finding')} differ from those the bundle recorded: ${c.changed.length} changed, ${c.onlyRecorded.length} recorded but not found now, ${c.onlyCurrent.length} new; ${c.same} the same${note}; "supportspan analyze <bundle> --compare" lists them`;
}

/** The re-run's outcome as the report's verification statement says it. */
export function reportReanalysis(rerun: BundleRerun): { same: number; changed: number; onlyRecorded: number; onlyCurrent: number; packNotes: string[] } {
  const c = rerun.comparison;
  return {
    same: c.same, changed: c.changed.length, onlyRecorded: c.onlyRecorded.length, onlyCurrent: c.onlyCurrent.length,
    packNotes: [
      ...rerun.selection.otherVersion.map((o) => `${o.id} ${o.recorded} re-run as ${o.available}`),
      ...rerun.selection.missing.map((m) => `${m.id} ${m.version} not available, its rules not run`),
    ],
  };
}

export function reanalysisJson(rerun: BundleRerun): unknown {
  return {
    differing: differingCount(rerun.comparison),
    ...(comparisonJson(rerun.comparison) as Record<string, unknown>),
    rulePacksOtherVersion: rerun.selection.otherVersion,
    rulePacksMissing: rerun.selection.missing,
  };
}

export type { ComparableFinding, FindingComparison };
