/**
 * One finding: what is wrong (message), the gap, why it matters (provisions,
 * NIST), how to fix it, the dates it used and its decision. The main button goes
 * to the field that causes it.
 */
import { memo } from 'react';
import type { DecidedFinding } from '../../../shared/engine';
import { formatDate } from '../../../shared/format';
import { useUiStore } from '../../state/ui-store';
import { DecisionControls } from '../decisions/decision-controls';
import { StatusBadge } from '../decisions/status-badge';
import { fieldLabel, findingDateLabel, formatGap, SEVERITY_LABELS } from './finding-filters';

export interface FindingCardProps {
  finding: DecidedFinding;
  /** On the portfolio screen the product is named; in a product's panel it goes without saying. */
  showProduct: boolean;
}

export const FindingCard = memo(function FindingCard({ finding: f, showProduct }: FindingCardProps) {
  const focusTarget = useUiStore((s) => s.focusTarget);
  const subject = [showProduct ? `${f.product} (${f.productLine})` : null, f.component].filter(Boolean).join(' · ') || f.product;
  const gap = formatGap(f.gapDays);
  const dates = Object.entries(f.dates);
  return (
    <article className={`finding finding-${f.severity} finding-status-${f.status}`} data-finding-key={f.key} data-kind={f.kind}>
      <div className="finding-head">
        <span className={`severity-badge severity-${f.severity}`}>{SEVERITY_LABELS[f.severity]}</span>
        <button
          type="button"
          className="link-button finding-go"
          onClick={() => focusTarget(f.productId, f.componentId, f.field)}
          title={`Go to the ${fieldLabel(f.field)}`}
        >
          {subject}
          <span className="visually-hidden">: go to the {fieldLabel(f.field)}</span>
        </button>
        <StatusBadge finding={f} />
      </div>
      <p className="finding-message">{f.message}</p>
      <dl className="finding-facts">
        {gap && (
          <>
            <dt>Gap</dt>
            <dd>{gap}</dd>
          </>
        )}
        {f.provisions.length > 0 && (
          <>
            <dt>Provisions</dt>
            <dd>{f.provisions.join('; ')}</dd>
          </>
        )}
        {f.nist.length > 0 && (
          <>
            <dt>NIST</dt>
            <dd>{f.nist.join('; ')}</dd>
          </>
        )}
        <dt>Fix</dt>
        <dd>{f.remediation}</dd>
        {dates.length > 0 && (
          <>
            <dt>Dates</dt>
            <dd>{dates.map(([k, v]) => `${findingDateLabel(k)} ${formatDate(v)}`).join(', ')}</dd>
          </>
        )}
      </dl>
      <DecisionControls finding={f} />
    </article>
  );
});
