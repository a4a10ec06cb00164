import type { DecidedFinding } from '../../../shared/engine';
import { STATUS_LABELS } from '../findings/finding-filters';

/** The decision state of a finding in words: colour alone never carries it. */
export function statusText(f: DecidedFinding): string {
  const d = f.decision;
  switch (f.status) {
    case 'open':
      return STATUS_LABELS.open;
    case 'accepted':
      return `Risk accepted${d?.by ? ` by ${d.by}` : ''}${d?.expires ? ` until ${d.expires}` : ''}`;
    case 'mitigated':
      return `Mitigated${d?.by ? ` (${d.by})` : ''}`;
    case 'reopened':
      return `Reopened: the acceptance expired on ${d?.expires ?? 'an earlier day'}`;
  }
}

export function StatusBadge({ finding }: { finding: DecidedFinding }) {
  return (
    <span className={`status-badge status-${finding.status}`} data-status={finding.status}>
      {statusText(finding)}
    </span>
  );
}
