/**
 * Auditor mode: the basis of a recorded finding, as the manufacturer sees it
 * on the Findings screen: the legal provisions with their titles (or that
 * there is none: guidance only), the NIST reference, the gap, the dates, the
 * manufacturer's decision on it, the evidence attached to its product or
 * component (saved byte for byte, with its SHA-256), and where the app's
 * re-analysis of the bundle's data differs from what was recorded.
 */
import { useState } from 'react';
import type { Bundle, BundleEvidence, ComparableFinding, FindingComparison } from '../../../shared/bundle';
import type { RecordedFinding } from '../../../shared/bundle/format';
import { findingIdentity } from '../../../shared/bundle';
import { labelledDates, provisionText, STATUS_LABELS, type FindingStatus, type ProvisionInfo } from '../../../shared/engine';
import type { Decision } from '../../../shared/domain';
import { formatBytes, formatDate, formatShortfallDays, formatTimestamp } from '../../../shared/format/format';
import { usePlatform } from '../../platform/platform-context';
import { messageOf, shortValue } from '../bundles/common';

export type ProvisionLookup = (id: string) => ProvisionInfo;

/** What differs between the recorded finding and the re-analysis, by finding identity. */
export interface Difference {
  /** "not found by the re-analysis", or the fields that changed. */
  summary: string;
  lines: string[];
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  severity: 'Severity', gapDays: 'Gap', message: 'Explanation', provisions: 'Provisions', remediation: 'Remediation',
};

function fieldValue(field: string, value: unknown): string {
  if (field === 'gapDays') return typeof value === 'number' ? formatShortfallDays(value) : 'none';
  if (Array.isArray(value)) return value.length ? value.join('; ') : 'none';
  return shortValue(value);
}

export function differencesOf(comparison: FindingComparison): Map<string, Difference> {
  const out = new Map<string, Difference>();
  for (const f of comparison.onlyRecorded) {
    out.set(findingIdentity(f), { summary: 'not found by the re-analysis', lines: ['The re-analysis of the bundle\'s data does not find this finding.'] });
  }
  for (const c of comparison.changed) {
    out.set(c.key, {
      summary: c.fields.map((f) => FIELD_LABELS[f] ?? f).join(', '),
      lines: c.fields.map((f) => `${FIELD_LABELS[f] ?? f}: recorded ${fieldValue(f, c.recorded[f])}, re-analysis ${fieldValue(f, c.current[f])}`),
    });
  }
  return out;
}

/** How many findings differ: changed, recorded only, and found only by the re-analysis. */
export { differingCount } from '../../../shared/bundle';

/** Evidence attached to the finding's component and to its product. */
export function evidenceFor(bundle: Bundle, f: ComparableFinding): BundleEvidence[] {
  const owners = new Set([f.componentId, f.productId].filter((x): x is string => typeof x === 'string'));
  return bundle.evidence.filter((e) => owners.has(e.ownerId));
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function datesOf(f: RecordedFinding): Record<string, string> {
  const d = (f as { dates?: unknown }).dates;
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return {};
  return Object.fromEntries(Object.entries(d as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

/**
 * `decided`: the finding with the manufacturer's decisions applied on the
 * bundle's as-of date, as the app applies them (the latest decision on its
 * key; an expired acceptance reads "Reopened").
 */
export function FindingBasis({ bundle, finding, decided, lookup, difference }: {
  bundle: Bundle; finding: RecordedFinding; decided: { decision: Decision | null; status: FindingStatus } | undefined; lookup: ProvisionLookup; difference: Difference | undefined;
}) {
  const platform = usePlatform();
  const [error, setError] = useState<string | null>(null);
  const provisions = stringList(finding.provisions);
  const nist = stringList(finding.nist);
  const dates = labelledDates(datesOf(finding));
  const decision = decided?.decision ?? null;
  const evidence = evidenceFor(bundle, finding);
  const asOf = bundle.analysis.asOf;

  async function save(file: BundleEvidence) {
    try {
      await platform.saveFile({ suggestedName: file.name, bytes: file.bytes, mimeType: file.mediaType, title: `Save ${file.name}` });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div className="finding-basis">
      <dl className="basis-facts">
        <dt>Provisions</dt>
        <dd>
          {provisions.length === 0 ? <span className="muted">No legal provision: guidance only</span> : (
            <ul aria-label="Provisions">
              {provisions.map((p) => {
                const info = lookup(p);
                return <li key={p}>{provisionText(info)}{!info.verified && info.note ? <span className="muted"> {info.note}</span> : null}</li>;
              })}
            </ul>
          )}
        </dd>
        <dt>NIST reference</dt>
        <dd>{nist.length === 0 ? <span className="muted">none</span> : nist.map((n) => provisionText(lookup(n))).join('; ')}</dd>
        <dt>Gap</dt>
        <dd>{finding.gapDays === null || finding.gapDays === undefined ? <span className="muted">none recorded</span> : formatShortfallDays(finding.gapDays)}</dd>
        {dates.length > 0 && (
          <>
            <dt>Dates</dt>
            <dd>{dates.map((d, i) => <span key={d.key}>{i > 0 ? '; ' : ''}{d.label} {formatDate(d.date)}</span>)}</dd>
          </>
        )}
        <dt>Decision</dt>
        <dd aria-label="Manufacturer's decision">
          {decision ? (
            <>
              <strong>{STATUS_LABELS[decision.type]}</strong>{decided && decided.status !== decision.type ? ` (now ${STATUS_LABELS[decided.status]})` : ''}: {decision.rationale || 'no rationale given'}
              <span className="muted">
                {' '}· by {decision.by || 'not named'} on {formatTimestamp(decision.decidedAt)}
                {' '}· {decision.expires ? `${decision.expires < asOf ? 'expired' : 'expires'} ${formatDate(decision.expires)}` : 'no expiry'}
              </span>
            </>
          ) : <span className="muted">No decision recorded: open</span>}
        </dd>
        <dt>Evidence</dt>
        <dd>
          {evidence.length === 0 ? <span className="muted">None attached to this product or component</span> : (
            <ul aria-label="Evidence for this finding">
              {evidence.map((file) => (
                <li key={`${file.ownerId}/${file.path}`}>
                  {file.name} <span className="muted">({file.mediaType}, {formatBytes(file.size)}, on the {file.ownerId === finding.componentId ? 'component' : 'product'})</span>{' '}
                  <code className="audit-hash" aria-label={`SHA-256 of ${file.name}`}>{file.sha256}</code>{' '}
                  <button type="button" aria-label={`Save ${file.name}`} onClick={() => void save(file)}>Save…</button>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {difference && (
        <ul className="differs-lines" aria-label="What differs">
          {difference.lines.map((l) => <li key={l}>{l}</li>)}
        </ul>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </div>
  );
}
