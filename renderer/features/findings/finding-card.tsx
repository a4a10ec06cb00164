/**
 * One finding: what is wrong (message), the gap, why it matters (provisions,
 * NIST), how to fix it, the dates it used and its decision. The main button goes
 * to the field that causes it.
 */
import { memo } from 'react';
import { labelledDates, provisionLookup, type DecidedFinding } from '../../../shared/engine';
import { formatShortfallDays } from '../../../shared/format/format';
import { useUiStore } from '../../state/ui-store';
import { DecisionControls } from '../decisions/decision-controls';
import { StatusBadge } from '../decisions/status-badge';
import { AuditorReviewBlock } from './auditor-review-block';
import { fieldLabel, SEVERITY_LABELS } from './finding-filters';

/** Provision titles and notes of every built-in pack (a finding names only provisions of packs it ran). */
const provision = provisionLookup();

export interface FindingCardProps {
  finding: DecidedFinding;
  /** On the portfolio screen the product is named; in a product's panel it goes without saying. */
  showProduct: boolean;
}

export const FindingCard = memo(function FindingCard({ finding: f, showProduct }: FindingCardProps) {
  const focusTarget = useUiStore((s) => s.focusTarget);
  const subject = [showProduct ? `${f.product} (${f.productLine})` : null, f.component].filter(Boolean).join(' · ') || f.product;
  const gap = f.gapDays === null ? null : formatShortfallDays(f.gapDays);
  const dates = labelledDates(f.dates);
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
            <dd>
              <ul className="finding-provisions">
                {f.provisions.map((id) => {
                  const p = provision(id);
                  return (
                    <li key={id}>
                      <span className="provision-id">{p.id}</span>
                      {p.title && <> {p.title}</>}
                      {p.note && (
                        <span className="provision-note">
                          {' '}
                          <span aria-hidden="true">(?)</span> Uncertain: {p.note}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </dd>
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
            <dd>
              <dl className="finding-dates">
                {dates.map((d) => (
                  <div key={d.key}>
                    <dt>{d.label}</dt>
                    <dd>{d.date}</dd>
                  </div>
                ))}
              </dl>
            </dd>
          </>
        )}
      </dl>
      <DecisionControls finding={f} />
      <AuditorReviewBlock reviewKey={f.key} />
    </article>
  );
});
