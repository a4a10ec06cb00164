/**
 * One IR 8259r1 activity of a product: its record (status, reason, owner, due
 * date, notes) edited in a small form, the evidence recorded on it, the
 * evidence the data gives without typing (findings, the planner), the status
 * rule's message and the reviewer's sign-off. Presentational: every change
 * goes out through the callbacks, which write through the repositories.
 */
import { useId, useState, type FormEvent } from 'react';
import {
  ACTIVITY_STATUSES, ACTIVITY_STATUS_LABELS, EVIDENCE_KINDS, EVIDENCE_KIND_LABELS,
  type ActivityEvidence, type ActivityStatus, type EvidenceKind, type ProductActivity,
} from '../../../shared/obligations/activities';
import { activityDefinition } from '../../../shared/obligations/activity-catalog';
import { activityReviewKey } from '../../../shared/obligations/activities';
import { AuditorReviewBlock } from '../findings/auditor-review-block';
import { formatCount } from '../../../shared/format/format';

export interface EvidenceChoice {
  ref: string;
  label: string;
}

/** What can be attached, per kind (links are typed). */
export type EvidenceChoices = Record<Exclude<EvidenceKind, 'link'>, EvidenceChoice[]>;

export interface ActivityPatch {
  status?: ActivityStatus;
  reason?: string;
  owner?: string;
  dueDate?: string | null;
  notes?: string;
}

export interface ActivityCardActions {
  save(patch: ActivityPatch): Promise<void>;
  addEvidence(evidence: ActivityEvidence): Promise<void>;
  removeEvidence(index: number): Promise<void>;
  signOff(signOff: { name: string; date: string }): Promise<void>;
  clearSignOff(): Promise<void>;
  /** Goes to a finding of the product (its card in the findings panel). */
  openFinding(key: string): void;
  /** Opens the support-period planner. */
  openPlanner(): void;
}

export interface ActivityCardProps {
  activity: ProductActivity;
  choices: EvidenceChoices;
  /** The readable name of a recorded evidence reference. */
  describe(evidence: ActivityEvidence): string;
  actions: ActivityCardActions;
  /** The default reviewer name and date for a sign-off. */
  reviewer: string;
  today: string;
  /** Expanded when first shown. */
  initiallyOpen?: boolean;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function messageOf(e: unknown): string {
  const issues = (e as { issues?: unknown }).issues;
  if (Array.isArray(issues) && issues.every((i) => typeof i === 'string')) return issues.join('; ');
  return e instanceof Error ? e.message : String(e);
}

export const PHASE_LABELS = { 'pre-market': 'Before the market', 'post-market': 'After the market' } as const;

export function ActivityCard({ activity: a, choices, describe, actions, reviewer, today, initiallyOpen = false }: ActivityCardProps) {
  const id = useId();
  const [open, setOpen] = useState(initiallyOpen);
  const def = activityDefinition(a.id);
  const r = a.record;
  const label = `Activity ${a.number}`;
  const [status, setStatus] = useState<ActivityStatus | null>(null);
  const [reason, setReason] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const [notes, setNotes] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const shownStatus = status ?? r.status;
  const shownReason = reason ?? r.reason;
  const shownDue = due ?? r.due ?? '';
  const dirty = status !== null || reason !== null || owner !== null || due !== null || notes !== null;
  const needsReason = shownStatus === 'not-applicable' && shownReason.trim() === '';
  const blockedDone = shownStatus === 'done' && a.blockingFindings.length > 0 && shownReason.trim() === '';
  const dueInvalid = shownDue !== '' && !DAY_RE.test(shownDue);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    if (needsReason) return setError(`${label} is marked not applicable: say why it does not apply.`);
    if (blockedDone) return setError(`${label} cannot be done while ${a.blockingFindings.length === 1 ? 'a high finding is' : `${a.blockingFindings.length} high findings are`} open on it, unless you record a reason.`);
    if (dueInvalid) return setError('The due date is a day as YYYY-MM-DD, e.g. 2027-03-31.');
    const patch: ActivityPatch = {};
    if (status !== null) patch.status = status;
    if (reason !== null) patch.reason = reason;
    if (owner !== null) patch.owner = owner;
    if (due !== null) patch.dueDate = due === '' ? null : due;
    if (notes !== null) patch.notes = notes;
    try {
      await actions.save(patch);
      setStatus(null); setReason(null); setOwner(null); setDue(null); setNotes(null);
      setError(null);
      setSaved(`${label} saved. Undo (Ctrl+Z) takes it back.`);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  const blocking = a.derived.filter((f) => a.blockingFindings.includes(f.key));

  return (
    <li className={`activity activity-${r.status}`} data-activity={a.id}>
      <div className="activity-head">
        <h3 className="activity-title">
          <button type="button" className="activity-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
            <span className="activity-chevron" aria-hidden="true">{open ? '▾' : '▸'}</span><span className="activity-number">{label}</span> <span>{a.title}</span>
          </button>
        </h3>
        <span className="activity-tags">
          <span className="tag">{PHASE_LABELS[def.phase]}</span>
          <span className={`tag ${a.verified ? 'tag-ok' : 'tag-warn'}`} title={a.verified ? 'Title and description checked against the published IR 8259r1' : 'Title and description not yet checked against the published IR 8259r1 text'}>
            {a.verified ? 'Verified text' : 'Unverified text'}
          </span>
          <span className={`tag status-tag status-tag-${r.status}`}>{ACTIVITY_STATUS_LABELS[r.status]}</span>
          {r.signOff && <span className="tag tag-ok">Signed off</span>}
          {a.statusProblem && <span className="tag tag-problem">Needs a reason</span>}
        </span>
      </div>
      <div id={`${id}-body`} className="activity-body" hidden={!open}>
        <p className="activity-description">{a.description}</p>
        {!a.verified && <p className="hint">This wording is Supportspan’s reading; it has not been checked against the published IR 8259r1 text.</p>}
        {a.statusProblem && <p className="activity-problem" role="note">{a.statusProblem}</p>}

        <form className="activity-form" onSubmit={(e) => void submit(e)} aria-label={`${label} record`}>
          <div className="field-row">
            <label className="field">
              Status
              <select value={shownStatus} onChange={(e) => setStatus(e.target.value as ActivityStatus)}>
                {ACTIVITY_STATUSES.map((s) => <option key={s} value={s}>{ACTIVITY_STATUS_LABELS[s]}</option>)}
              </select>
            </label>
            <label className="field">
              Owner
              <input type="text" maxLength={200} value={owner ?? r.owner} onChange={(e) => setOwner(e.target.value)} />
            </label>
            <label className="field">
              Due date
              <input type="text" inputMode="numeric" placeholder="YYYY-MM-DD" maxLength={10} aria-invalid={dueInvalid || undefined}
                aria-describedby={`${id}-due-hint`} value={shownDue} onChange={(e) => setDue(e.target.value.trim())} />
              <span id={`${id}-due-hint`} className="field-hint">A day, e.g. 2027-03-31</span>
            </label>
          </div>
          {(shownStatus === 'not-applicable' || (shownStatus === 'done' && a.blockingFindings.length > 0) || shownReason !== '') && (
            <label className="field activity-reason">
              {shownStatus === 'not-applicable' ? 'Why it does not apply (required)' : shownStatus === 'done' && a.blockingFindings.length > 0 ? 'Reason (required to mark it done while a high finding is open)' : 'Reason'}
              <textarea rows={2} maxLength={10_000} value={shownReason} aria-invalid={needsReason || blockedDone || undefined} onChange={(e) => setReason(e.target.value)} />
            </label>
          )}
          {blockedDone && (
            <p className="activity-problem" role="note">
              A high finding is open on {label}: it can be marked done only with a reason recorded ({blocking.map((f) => f.message).join('; ')}).
            </p>
          )}
          <label className="field">
            Notes
            <textarea rows={2} maxLength={10_000} value={notes ?? r.notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
          <div className="button-row">
            <button type="submit" className="primary" disabled={!dirty}>Save {label}</button>
            {dirty && <button type="button" onClick={() => { setStatus(null); setReason(null); setOwner(null); setDue(null); setNotes(null); setError(null); }}>Discard changes</button>}
          </div>
          {error && <p role="alert" className="error-text">{error}</p>}
          <p role="status" className="activity-saved">{saved ?? ''}</p>
        </form>

        <EvidenceEditor label={label} evidence={r.evidence} choices={choices} describe={describe} actions={actions} />
        <DerivedEvidence activity={a} actions={actions} />
        <SignOffEditor label={label} signOff={r.signOff} reviewer={reviewer} today={today} actions={actions} />
        <AuditorReviewBlock reviewKey={activityReviewKey(r.productId, a.id)} />
      </div>
    </li>
  );
}

function EvidenceEditor({ label, evidence, choices, describe, actions }: {
  label: string; evidence: readonly ActivityEvidence[]; choices: EvidenceChoices; describe: ActivityCardProps['describe']; actions: ActivityCardActions;
}) {
  const id = useId();
  const [kind, setKind] = useState<EvidenceKind>('evidence-file');
  const [ref, setRef] = useState('');
  const [linkLabel, setLinkLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const options = kind === 'link' ? [] : choices[kind].filter((c) => !evidence.some((e) => e.kind === kind && e.ref === c.ref));

  async function add(e: FormEvent) {
    e.preventDefault();
    const value = ref.trim();
    if (!value) return setError(kind === 'link' ? 'Type the link (http://, https://, urn: or doc:).' : `Choose the ${EVIDENCE_KIND_LABELS[kind].toLowerCase()} to attach.`);
    const choice = kind === 'link' ? null : choices[kind].find((c) => c.ref === value);
    try {
      await actions.addEvidence({ kind, ref: value, label: kind === 'link' ? linkLabel.trim() : choice?.label ?? '' });
      setRef('');
      setLinkLabel('');
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="activity-evidence">
      <h4 id={`${id}-title`}>Evidence{evidence.length ? ` (${evidence.length})` : ''}</h4>
      {evidence.length === 0 ? <p className="hint">No evidence recorded on {label} yet.</p> : (
        <ul className="evidence-items" aria-labelledby={`${id}-title`}>
          {evidence.map((e, i) => (
            <li key={`${e.kind}:${e.ref}:${i}`}>
              <span className="tag">{EVIDENCE_KIND_LABELS[e.kind]}</span>{' '}
              {e.kind === 'link' ? <span className="evidence-ref">{e.label ? `${e.label} (${e.ref})` : e.ref}</span> : <span className="evidence-ref">{describe(e)}</span>}{' '}
              <button type="button" className="link-button" aria-label={`Remove ${EVIDENCE_KIND_LABELS[e.kind].toLowerCase()} ${describe(e)} from ${label}`}
                onClick={() => void actions.removeEvidence(i).catch((err: unknown) => setError(messageOf(err)))}>Remove</button>
            </li>
          ))}
        </ul>
      )}
      <form className="field-row evidence-add" onSubmit={(e) => void add(e)} aria-label={`Add evidence to ${label}`}>
        <label className="field">
          Kind
          <select value={kind} onChange={(e) => { setKind(e.target.value as EvidenceKind); setRef(''); setError(null); }}>
            {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{EVIDENCE_KIND_LABELS[k]}</option>)}
          </select>
        </label>
        {kind === 'link' ? (
          <>
            <label className="field grow">
              Link
              <input type="text" maxLength={1000} placeholder="https://…" value={ref} onChange={(e) => setRef(e.target.value)} />
            </label>
            <label className="field">
              Label
              <input type="text" maxLength={200} value={linkLabel} onChange={(e) => setLinkLabel(e.target.value)} />
            </label>
          </>
        ) : (
          <label className="field grow">
            {EVIDENCE_KIND_LABELS[kind]}
            <select value={ref} onChange={(e) => setRef(e.target.value)} disabled={options.length === 0}>
              <option value="">{options.length === 0 ? `No ${EVIDENCE_KIND_LABELS[kind].toLowerCase()} to attach` : 'Choose…'}</option>
              {options.map((o) => <option key={o.ref} value={o.ref}>{o.label}</option>)}
            </select>
          </label>
        )}
        <button type="submit">Add evidence</button>
      </form>
      {kind === 'evidence-file' && choices['evidence-file'].length === 0 && <p className="hint">Attach files in the product’s Evidence section first; they can then be named here.</p>}
      {error && <p role="alert" className="error-text">{error}</p>}
    </div>
  );
}

function DerivedEvidence({ activity: a, actions }: { activity: ProductActivity; actions: ActivityCardActions }) {
  if (a.derived.length === 0 && !a.plan && a.risks.length === 0) return null;
  const sources = ['findings', ...(a.risks.length ? ['risks'] : []), ...(a.plan ? ['the support-period planner'] : [])];
  return (
    <div className="activity-derived">
      <h4>From the data</h4>
      <p className="hint">Linked without typing: the product’s {sources.length > 1 ? `${sources.slice(0, -1).join(', ')} and ${sources[sources.length - 1]}` : sources[0]} that bear on this activity.</p>
      <ul className="derived-items">
        {a.plan && (
          <li>
            <span className="tag">Planner</span>{' '}
            <button type="button" className="link-button" onClick={() => actions.openPlanner()}>
              Support-period plan: {a.plan.meetsPlan === null ? 'not enough data to tell' : a.plan.meetsPlan ? 'the declared end meets the plan' : `short of the plan${a.plan.recommendedEarliestEnd ? ` (at least ${a.plan.recommendedEarliestEnd})` : ''}`}
            </button>
          </li>
        )}
        {a.risks.map((r) => (
          <li key={`risk:${r.id}`}>
            <span className="tag">Risk</span> <span>{r.title}{r.lifecycle ? ' (from the lifecycle data)' : ''}</span>
          </li>
        ))}
        {a.derived.map((f) => (
          <li key={f.key} className={a.blockingFindings.includes(f.key) ? 'derived-blocking' : undefined}>
            <span className={`severity-badge severity-${f.severity}`}>{f.severity === 'high' ? 'High' : f.severity === 'medium' ? 'Medium' : 'Low'}</span>{' '}
            <button type="button" className="link-button" onClick={() => actions.openFinding(f.key)}>{f.message}</button>
            {f.status !== 'open' && <span className="hint"> ({f.status})</span>}
          </li>
        ))}
      </ul>
      {a.blockingFindings.length > 0 && <p className="hint">{formatCount(a.blockingFindings.length, 'open high finding')} keep{a.blockingFindings.length === 1 ? 's' : ''} this activity from “done” unless a reason is recorded.</p>}
    </div>
  );
}

function SignOffEditor({ label, signOff, reviewer, today, actions }: {
  label: string; signOff: ProductActivity['record']['signOff']; reviewer: string; today: string; actions: ActivityCardActions;
}) {
  const [name, setName] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shownName = name ?? reviewer;
  const shownDate = date ?? today;

  async function sign(e: FormEvent) {
    e.preventDefault();
    if (!shownName.trim()) return setError('Give the reviewer’s name.');
    if (!DAY_RE.test(shownDate)) return setError('The sign-off date is a day as YYYY-MM-DD.');
    try {
      await actions.signOff({ name: shownName.trim(), date: shownDate });
      setName(null);
      setDate(null);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="activity-signoff">
      <h4>Reviewer’s sign-off</h4>
      {signOff ? (
        <p>
          Signed off by <strong>{signOff.name}</strong> on <time dateTime={signOff.date}>{signOff.date}</time>.{' '}
          <button type="button" className="link-button" aria-label={`Withdraw the sign-off of ${label}`} onClick={() => void actions.clearSignOff().catch((err: unknown) => setError(messageOf(err)))}>Withdraw the sign-off</button>
        </p>
      ) : (
        <form className="field-row" onSubmit={(e) => void sign(e)} aria-label={`Sign off ${label}`}>
          <label className="field">
            Reviewer
            <input type="text" maxLength={200} value={shownName} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            Date
            <input type="text" inputMode="numeric" placeholder="YYYY-MM-DD" maxLength={10} value={shownDate} onChange={(e) => setDate(e.target.value.trim())} />
          </label>
          <button type="submit">Sign off {label}</button>
        </form>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </div>
  );
}
