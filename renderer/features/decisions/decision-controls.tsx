/**
 * Deciding on a finding: accept the risk (why, who, until when) or record a
 * mitigation; revoke to reopen. Who is the local user name from settings; when it
 * is not set yet the form asks for it and remembers it.
 */
import { IsoDateInput } from '../forms/iso-date-input';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { DecidedFinding } from '../../../shared/engine';
import { parseDayDate } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { describeError, ValidationError } from '../../db/errors';
import { getSetting, setSetting } from '../../db/repositories/settings';
import { acceptRisk, markMitigated, revokeDecision } from '../../db/repositories/decisions';
import { useUiStore } from '../../state/ui-store';

type Mode = 'idle' | 'accept' | 'mitigate';

function messageOf(error: unknown): string {
  if (error instanceof ValidationError) return error.issues.join('; ');
  return error instanceof Error ? error.message : String(error);
}

export function DecisionControls({ finding }: { finding: DecidedFinding }) {
  const db = useDb();
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);

  // When the form closes its fields vanish: put the cursor back on the finding's actions instead of the page start.
  useEffect(() => {
    if (mode !== 'idle' || !returnFocus.current) return;
    returnFocus.current = false;
    rootRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [mode]);

  const close = () => {
    returnFocus.current = true;
    setMode('idle');
  };

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await revokeDecision(db, finding.key);
      useUiStore.getState().pushNotice({ kind: 'success', message: `Decision revoked: the finding on ${finding.component ?? finding.product} is open again.` });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="decision-controls" ref={rootRef}>
      {mode === 'idle' && (
        <div className="button-row">
          {finding.status !== 'accepted' && (
            <button type="button" onClick={() => { setMode('accept'); setError(null); }}>Accept risk</button>
          )}
          {finding.status !== 'mitigated' && (
            <button type="button" onClick={() => { setMode('mitigate'); setError(null); }}>Mark mitigated</button>
          )}
          {finding.decision && (
            <button type="button" disabled={busy} onClick={() => void revoke()}>Revoke decision</button>
          )}
        </div>
      )}
      {mode !== 'idle' && <DecisionForm finding={finding} mode={mode} onDone={close} />}
      {error && <p className="field-error" role="alert">{error}</p>}
      {finding.decision && finding.decision.rationale && mode === 'idle' && (
        <p className="decision-note">
          {finding.decision.type === 'accepted' ? 'Rationale' : 'Mitigation'}: {finding.decision.rationale}
          {' '}<span className="hint">({finding.decision.decidedAt.slice(0, 10)})</span>
        </p>
      )}
    </div>
  );
}

function DecisionForm({ finding, mode, onDone }: { finding: DecidedFinding; mode: 'accept' | 'mitigate'; onDone(): void }) {
  const db = useDb();
  const id = useId();
  const userName = useLiveQuery(async () => (await getSetting(db, 'userName')) ?? '', [db]);
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const knownName = userName?.trim() ?? '';
  const accept = mode === 'accept';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const by = knownName || name.trim();
    const problems: string[] = [];
    if (!text.trim()) problems.push(accept ? 'Rationale: say why the risk is accepted.' : 'Note: say how the finding was mitigated.');
    if (!by) problems.push('Your name: required, so the decision says who took it.');
    if (accept) {
      const day = parseDayDate(expires);
      if (!expires) problems.push('Reopens after: choose the last day the acceptance covers.');
      else if (!day.ok) problems.push(`Reopens after: ${day.reason}`);
    }
    setIssues(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      if (!knownName) await setSetting(db, 'userName', by);
      if (accept) await acceptRisk(db, { findingKey: finding.key, productId: finding.productId, rationale: text, by, expires });
      else await markMitigated(db, { findingKey: finding.key, productId: finding.productId, note: text, by });
      useUiStore.getState().pushNotice({ kind: 'success', message: accept ? `Risk accepted until ${expires}.` : 'Mitigation recorded.' });
      onDone();
    } catch (e) {
      setIssues([messageOf(e)]);
      if (!(e instanceof ValidationError)) useUiStore.getState().pushNotice({ kind: 'error', message: 'The decision was not saved.', detail: describeError(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="decision-form" onSubmit={(e) => void submit(e)} aria-label={accept ? 'Accept risk' : 'Mark mitigated'} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>{accept ? 'Rationale' : 'How it was mitigated'}</label>
        {/* The button that opened the form is gone: the cursor goes to the first field, not to the page's start. */}
        <textarea id={`${id}-text`} rows={2} value={text} onChange={(e) => setText(e.target.value)} aria-required="true" autoFocus />
      </div>
      {accept && (
        <div className="field">
          <label htmlFor={`${id}-expires`}>Reopens after</label>
          <IsoDateInput id={`${id}-expires`} value={expires} onChange={setExpires} aria-required="true" aria-describedby={`${id}-expires-hint`} />
          <span id={`${id}-expires-hint`} className="hint">The last day the acceptance covers; the finding reopens after it.</span>
        </div>
      )}
      {userName !== undefined && !knownName ? (
        <div className="field">
          <label htmlFor={`${id}-name`}>Your name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} aria-required="true" autoComplete="name" />
          <span className="hint">Remembered on this computer (Settings).</span>
        </div>
      ) : (
        <p className="hint">Decided by {knownName || '…'} (change your name in Settings).</p>
      )}
      {issues.length > 0 && (
        <ul className="field-error" role="alert">
          {issues.map((i) => <li key={i}>{i}</li>)}
        </ul>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>{accept ? 'Accept risk' : 'Record mitigation'}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
