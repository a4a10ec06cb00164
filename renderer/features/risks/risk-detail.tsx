/**
 * One risk: its scoring against the written anchors, the environment
 * weighting, the response and who owns it, residual scores, why it exists
 * (basis and the chain that sets the end), its findings and component, and
 * its controls. Every change goes through the actions (the repositories).
 */
import { IsoDateInput } from '../forms/iso-date-input';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ENVIRONMENT_LABELS } from '../../../shared/domain';
import type { DecidedFinding } from '../../../shared/engine';
import { formatCount, formatDate, formatSigned } from '../../../shared/format';
import {
  RESPONSES, RESPONSE_LABELS, suggestedControls, type Catalog, type Control, type RiskMatrix, type RiskRecord, type RiskResponse, type RiskRow,
} from '../../../shared/risk';
import { errorText, type RiskActions } from './risk-actions';
import { RiskControls } from './risk-controls';
import { riskReviewKey } from '../../../shared/risk/review';
import { AuditorReviewBlock } from '../findings/auditor-review-block';
import { RISK_SOURCE_LABELS, STATUS_LABELS } from './risk-filters';
import { exposureText, LevelBadge } from './risk-table';

export interface RiskDetailProps {
  row: RiskRow;
  record: RiskRecord | undefined;
  controls: readonly Control[];
  /** Every risk of the register, to name the other risks a shared control mitigates. */
  allRows: readonly RiskRow[];
  catalog: Catalog;
  matrix: RiskMatrix;
  findings: readonly DecidedFinding[];
  actions: RiskActions;
  onOpenProduct: (productId: string, componentId: string | null) => void;
  onOpenFinding: (f: DecidedFinding) => void;
  onShowFindings: (productName: string) => void;
  onOpenRisk: (riskId: string) => void;
  onClose: () => void;
}

const num = (v: string): number | null => (v === '' ? null : Number(v));
const str = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));

export function RiskDetail(props: RiskDetailProps) {
  const { row, record, matrix, actions } = props;
  const id = useId();
  const [likelihood, setLikelihood] = useState(str(record?.likelihood ?? row.likelihood));
  const [impact, setImpact] = useState(str(record?.impact ?? row.impactAssessed));
  const [response, setResponse] = useState<RiskResponse | ''>(record?.response ?? row.response ?? '');
  const [rationale, setRationale] = useState(record?.rationale ?? row.rationale);
  const [owner, setOwner] = useState(record?.owner ?? row.owner);
  const [reviewDate, setReviewDate] = useState(record?.reviewDate ?? row.reviewDate ?? '');
  const [expires, setExpires] = useState(record?.expires ?? row.expires ?? '');
  const [resL, setResL] = useState(str(record?.residualLikelihood));
  const [resI, setResI] = useState(str(record?.residualImpact));
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const headingRef = useRef<HTMLHeadingElement>(null);
  // Opening a risk moves the cursor to it, so keyboard and screen-reader users land on the detail (it may sit above the table).
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const w = row.weighting;
  const findings = row.findingKeys.map((k) => ({ key: k, finding: props.findings.find((f) => f.key === k) }));

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await actions.saveAssessment({
        id: row.id, productId: row.productId, componentId: row.componentId, threatId: row.threat.id,
        likelihood: num(likelihood), impact: num(impact), response: response === '' ? null : response,
        rationale, owner, reviewDate: reviewDate || null, expires: response === 'accept' ? (expires || null) : null,
        residualLikelihood: num(resL), residualImpact: num(resI),
      });
      setMessage({ error: false, text: 'Assessment saved.' });
    } catch (error) {
      setMessage({ error: true, text: `Not saved: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    try {
      await actions.deleteRisk(row.id);
      props.onClose();
    } catch (error) {
      setMessage({ error: true, text: `Not deleted: ${errorText(error)}` });
    }
  }

  return (
    <section className="risk-detail" aria-labelledby={`${id}-title`} data-testid="risk-detail">
      <div className="risk-detail__head">
        <h2 id={`${id}-title`} className="risk-section-title" ref={headingRef} tabIndex={-1}>
          <span className="risk-threat-id">{row.threat.id}</span> {row.threat.title}
        </h2>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      <p className="risk-detail__subject">
        <button type="button" className="link-button" onClick={() => props.onOpenProduct(row.productId, null)}>{row.product}</button>
        {row.component && row.componentId && (
          <> · <button type="button" className="link-button" onClick={() => props.onOpenProduct(row.productId, row.componentId)}>{row.component}</button></>
        )}
        <span className="risk-sub"> · {row.productLine} · {RISK_SOURCE_LABELS[row.threat.source]}</span>
      </p>
      <dl className="risk-facts">
        <dt>Status</dt>
        <dd data-testid="risk-status">{STATUS_LABELS[row.status]}{row.status === 'reopened' && row.expires ? `: accepted until ${formatDate(row.expires)}` : ''}</dd>
        <dt>Score</dt>
        <dd>{row.score === null ? 'Not scored' : <>{row.likelihood} × {row.impact} = {row.score} <LevelBadge level={row.level} /></>}</dd>
        <dt>Residual</dt>
        <dd>{row.residual ? <>{row.residual.likelihood} × {row.residual.impact} = {row.residual.score} <LevelBadge level={row.residual.level} /></> : '—'}</dd>
        {row.lifecycle && (
          <>
            <dt>Exposure</dt>
            <dd>{exposureText(row)}{row.startsOn ? `, from ${formatDate(row.startsOn)}` : ''}{row.growsUntil !== null ? `, growing until ${row.growsUntil}` : ''}</dd>
          </>
        )}
      </dl>
      {row.basis && <p className="risk-basis">{row.basis}</p>}
      {row.chain.length > 1 && (
        <div className="risk-chain-wrap">
          <h3>What sets the end</h3>
          <ol className="risk-chain" aria-label="Chain that sets the support end">
            {row.chain.map((c, i) => <li key={`${i}-${c}`}>{c}</li>)}
          </ol>
        </div>
      )}

      <form className="risk-form" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-assess`}>
        <h3 id={`${id}-assess`}>Assessment</h3>
        <label className="risk-form__half">
          Likelihood
          <select value={likelihood} onChange={(e) => setLikelihood(e.target.value)}>
            <option value="">Not scored</option>
            {matrix.likelihoodAnchors.map((a, i) => <option key={a} value={i + 1}>{a}</option>)}
          </select>
        </label>
        <label className="risk-form__half">
          Impact (as assessed)
          <select value={impact} onChange={(e) => setImpact(e.target.value)} aria-describedby={`${id}-weight`}>
            <option value="">Not scored</option>
            {matrix.impactAnchors.map((a, i) => <option key={a} value={i + 1}>{a}</option>)}
          </select>
        </label>
        <p className="hint risk-weighting" id={`${id}-weight`}>
          Environment: {ENVIRONMENT_LABELS[w.environment]}, impact {w.impactAdjust === 0 ? 'as scored' : `${formatSigned(w.impactAdjust)} ${Math.abs(w.impactAdjust) === 1 ? 'step' : 'steps'}`}
          {row.impact !== null && row.impactAssessed !== null && row.impact !== row.impactAssessed ? ` (${row.impactAssessed} → ${row.impact})` : ''}. {w.rationale}
        </p>
        <label>
          Response
          <select value={response} onChange={(e) => setResponse(e.target.value as RiskResponse | '')}>
            <option value="">No response yet</option>
            {RESPONSES.map((r) => <option key={r} value={r}>{RESPONSE_LABELS[r]}</option>)}
          </select>
        </label>
        <label className="risk-form__wide">
          Rationale
          <textarea value={rationale} onChange={(e) => setRationale(e.target.value)} rows={3} />
        </label>
        <label>
          Owner
          <input type="text" value={owner} onChange={(e) => setOwner(e.target.value)} autoComplete="off" />
        </label>
        <label>
          Review date
          <IsoDateInput value={reviewDate} onChange={setReviewDate} />
        </label>
        {response === 'accept' && (
          <div>
            <label>
              Acceptance expires
              <IsoDateInput value={expires} onChange={setExpires} aria-describedby={`${id}-accept`} />
            </label>
            <span className="hint" id={`${id}-accept`}>An accepted risk needs a rationale, an owner and an expiry; after it, the risk reopens.</span>
          </div>
        )}
        <label className="risk-form__half">
          Residual likelihood
          <select value={resL} onChange={(e) => setResL(e.target.value)}>
            <option value="">As the controls allow</option>
            {matrix.likelihoodAnchors.map((a, i) => <option key={a} value={i + 1}>{a}</option>)}
          </select>
        </label>
        <label className="risk-form__half">
          Residual impact
          <select value={resI} onChange={(e) => setResI(e.target.value)}>
            <option value="">As the controls allow</option>
            {matrix.impactAnchors.map((a, i) => <option key={a} value={i + 1}>{a}</option>)}
          </select>
        </label>
        <div className="risk-form__actions risk-form__wide">
          <button type="submit" className="primary" disabled={busy}>Save assessment</button>
          {!row.lifecycle && <button type="button" className="danger" onClick={() => void remove()}>Delete risk</button>}
          <span className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</span>
        </div>
        {row.lifecycle && <p className="hint risk-form__wide">This risk follows from the lifecycle data: it goes away when the data no longer raise it (for example when support is extended), not by deleting it.</p>}
      </form>

      <div className="risk-findings">
        <h3>Findings</h3>
        {findings.length === 0 ? (
          <p className="hint">No finding raises this risk{row.lifecycle ? '' : ' (you added it)'}.</p>
        ) : (
          <ul>
            {findings.map(({ key, finding }) => (
              <li key={key}>
                {finding ? (
                  <button type="button" className="link-button" onClick={() => props.onOpenFinding(finding)}>{finding.message}</button>
                ) : <span className="hint">A finding that is no longer raised as of this date.</span>}
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => props.onShowFindings(row.product)}>Show {row.product}’s findings</button>
      </div>

      <RiskControls
        row={row}
        controls={props.controls}
        allRows={props.allRows}
        suggestions={suggestedControls(row.threat.id, props.catalog)}
        actions={actions}
        onOpenRisk={props.onOpenRisk}
      />
      <p className="hint">{formatCount(row.controls.length, 'control')} linked.</p>
      <AuditorReviewBlock reviewKey={riskReviewKey(row.id)} />
    </section>
  );
}
