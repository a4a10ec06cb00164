/**
 * The controls of one risk: each with its status, owner, due date and
 * whether it is compensating; a control can be shared by several risks
 * (link an existing one), proposed from EMB3D's mitigations or written here.
 */
import { IsoDateInput } from '../forms/iso-date-input';
import { useId, useState } from 'react';
import { formatCount } from '../../../shared/format';
import { CONTROL_STATUSES, CONTROL_STATUS_LABELS, type Control, type ControlStatus, type RiskRow } from '../../../shared/risk';
import { errorText, type RiskActions } from './risk-actions';

export interface RiskControlsProps {
  row: RiskRow;
  controls: readonly Control[];
  allRows: readonly RiskRow[];
  suggestions: { title: string; mitigationId: string | null; compensating: boolean }[];
  actions: RiskActions;
  onOpenRisk: (riskId: string) => void;
}

export function RiskControls(props: RiskControlsProps) {
  const { row, actions } = props;
  const id = useId();
  const linked = props.controls.filter((c) => c.riskIds.includes(row.id));
  const others = props.controls.filter((c) => !c.riskIds.includes(row.id));
  const [suggestion, setSuggestion] = useState('0');
  const [title, setTitle] = useState('');
  const [compensating, setCompensating] = useState(false);
  const [linkId, setLinkId] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function run(what: string, fn: () => Promise<unknown>, done: string) {
    setMessage(null);
    try {
      await fn();
      setMessage({ error: false, text: done });
    } catch (error) {
      setMessage({ error: true, text: `${what}: ${errorText(error)}` });
    }
  }

  const addSuggested = () => {
    const s = props.suggestions[Number(suggestion)];
    if (!s) return;
    void run('Not added', async () => {
      await actions.putControl({ title: s.title, mitigationId: s.mitigationId, compensating: s.compensating, status: 'suggested', riskIds: [row.id] });
    }, `Added “${s.title}”.`);
  };
  const addOwn = () => {
    const t = title.trim();
    if (!t) {
      setMessage({ error: true, text: 'Not added: write the control’s title first.' });
      return;
    }
    void run('Not added', async () => {
      await actions.putControl({ title: t, compensating, status: 'planned', riskIds: [row.id] });
      setTitle('');
      setCompensating(false);
    }, `Added “${t}”.`);
  };
  const link = () => {
    const c = others.find((x) => x.id === linkId) ?? others[0];
    if (!c) return;
    void run('Not linked', () => actions.linkControl(c.id, row.id), `Linked “${c.title}”.`);
  };

  return (
    <section className="risk-controls" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Controls</h3>
      {linked.length === 0 ? <p className="hint">No control yet.</p> : (
        <ul className="risk-control-list">
          {linked.map((c) => (
            <ControlEditor key={c.id} control={c} row={row} allRows={props.allRows} actions={actions} onOpenRisk={props.onOpenRisk} onMessage={setMessage} />
          ))}
        </ul>
      )}
      <div className="risk-control-add">
        {props.suggestions.length > 0 && (
          <div className="risk-inline">
            <label>
              Proposed control
              <select value={suggestion} onChange={(e) => setSuggestion(e.target.value)}>
                {props.suggestions.map((s, i) => (
                  <option key={`${s.mitigationId ?? 'c'}-${s.title}`} value={i}>{s.mitigationId ? `${s.mitigationId} ` : ''}{s.title}{s.compensating ? ' (compensating)' : ''}</option>
                ))}
              </select>
            </label>
            <button type="button" onClick={addSuggested}>Add proposed control</button>
          </div>
        )}
        <div className="risk-inline">
          <label>
            Your own control
            <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" />
          </label>
          <label className="risk-check">
            <input type="checkbox" checked={compensating} onChange={(e) => setCompensating(e.target.checked)} />
            Compensating
          </label>
          <button type="button" onClick={addOwn}>Add own control</button>
        </div>
        {others.length > 0 && (
          <div className="risk-inline">
            <label>
              Existing control
              <select value={linkId || others[0]!.id} onChange={(e) => setLinkId(e.target.value)}>
                {others.map((c) => <option key={c.id} value={c.id}>{c.title} ({formatCount(c.riskIds.length, 'risk')})</option>)}
              </select>
            </label>
            <button type="button" onClick={link}>Link control</button>
          </div>
        )}
      </div>
      <p className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </section>
  );
}

function ControlEditor(props: {
  control: Control; row: RiskRow; allRows: readonly RiskRow[]; actions: RiskActions;
  onOpenRisk: (id: string) => void; onMessage: (m: { error: boolean; text: string } | null) => void;
}) {
  const { control: c, actions } = props;
  const id = useId();
  const [status, setStatus] = useState<ControlStatus>(c.status);
  const [owner, setOwner] = useState(c.owner);
  const [due, setDue] = useState(c.dueDate ?? '');
  const [compensating, setCompensating] = useState(c.compensating);
  const shared = c.riskIds.filter((r) => r !== props.row.id);
  const dirty = status !== c.status || owner !== c.owner || (due || null) !== c.dueDate || compensating !== c.compensating;

  async function go(what: string, fn: () => Promise<unknown>, done: string) {
    props.onMessage(null);
    try {
      await fn();
      props.onMessage({ error: false, text: done });
    } catch (error) {
      props.onMessage({ error: true, text: `${what}: ${errorText(error)}` });
    }
  }

  return (
    <li className="risk-control" data-control-id={c.id}>
      <p className="risk-control__title" id={`${id}-t`}>
        <strong>{c.title}</strong>
        {c.mitigationId && <span className="risk-sub"> · EMB3D {c.mitigationId}</span>}
      </p>
      {shared.length > 0 && (
        <p className="hint risk-control__shared">
          Also mitigates:{' '}
          {shared.map((rid, i) => {
            const r = props.allRows.find((x) => x.id === rid);
            return (
              <span key={rid}>
                {i > 0 ? ', ' : ''}
                {r ? <button type="button" className="link-button" onClick={() => props.onOpenRisk(rid)}>{r.threat.id} · {r.product}</button> : 'a risk no longer in the register'}
              </span>
            );
          })}
        </p>
      )}
      <div className="risk-inline">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as ControlStatus)} aria-describedby={`${id}-t`}>
            {CONTROL_STATUSES.map((s) => <option key={s} value={s}>{CONTROL_STATUS_LABELS[s]}</option>)}
          </select>
        </label>
        <label>
          Owner
          <input type="text" value={owner} onChange={(e) => setOwner(e.target.value)} aria-describedby={`${id}-t`} autoComplete="off" />
        </label>
        <label>
          Due date
          <IsoDateInput value={due} onChange={setDue} aria-describedby={`${id}-t`} />
        </label>
        <label className="risk-check">
          <input type="checkbox" checked={compensating} onChange={(e) => setCompensating(e.target.checked)} aria-describedby={`${id}-t`} />
          Compensating
        </label>
      </div>
      <div className="risk-inline">
        <button type="button" disabled={!dirty} aria-describedby={`${id}-t`}
          onClick={() => void go('Not saved', () => actions.putControl({ ...c, status, owner, dueDate: due || null, compensating }), `Saved “${c.title}”.`)}>
          Save control
        </button>
        <button type="button" aria-describedby={`${id}-t`}
          onClick={() => void go('Not unlinked', () => actions.unlinkControl(c.id, props.row.id), `Unlinked “${c.title}”.`)}>
          Unlink
        </button>
        {shared.length === 0 && (
          <button type="button" className="danger" aria-describedby={`${id}-t`}
            onClick={() => void go('Not deleted', () => actions.deleteControl(c.id), `Deleted “${c.title}”.`)}>
            Delete control
          </button>
        )}
      </div>
    </li>
  );
}
