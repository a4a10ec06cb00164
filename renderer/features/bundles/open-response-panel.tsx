/**
 * Opening an auditor's response (.sspan-response) on the manufacturer's side:
 * each check by name (files, signature, reference to the reviewed bundle, and
 * whether this workspace exported that bundle), the reviewer and the counts,
 * then "Keep the response": its notes then appear on the findings, risks and
 * activities they cover. An invalid response is shown, never kept. Every text
 * from the file is rendered by React as text.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ORGANISATION_NOT_STATED, reviewerNameText, type ResponseCheckOutcome, type ResponseCheckResult } from '../../../shared/bundle';
import { formatCount, formatDate, formatTimestamp } from '../../../shared/format/format';
import { useDb } from '../../db/db-context';
import { checkResponseFile, keepAuditResponse } from '../../db/repositories/audit-responses';
import { trustedFingerprintList, trustedKeyOf, trustFingerprint } from '../../db/repositories/keys';
import { useUiStore } from '../../state/ui-store';
import { messageOf } from './common';
import { useBundleOpenStore, type OfferedFile } from './open-store';
import { Fingerprint, TrustKeyConfirm, VerificationState } from './verification-view';

export const CHECK_OUTCOME_TEXT: Record<ResponseCheckOutcome, string> = {
  passed: 'passed',
  failed: 'FAILED',
  warning: 'warning',
  skipped: 'not checked',
};

/** The named checks of a response, as a list. */
export function ResponseChecks({ result }: { result: Pick<ResponseCheckResult, 'checks'> }) {
  return (
    <ul className="response-checks" aria-label="Checks">
      {result.checks.map((c) => (
        <li key={c.id} className={`response-check check-${c.outcome}`} data-check={c.id} data-outcome={c.outcome}>
          <strong>{c.label}</strong>: {CHECK_OUTCOME_TEXT[c.outcome]}. <span className="muted">{c.detail}</span>
        </li>
      ))}
    </ul>
  );
}

export function OpenResponsePanel({ offered }: { offered: OfferedFile }) {
  const db = useDb();
  const clear = useBundleOpenStore((s) => s.clear);
  const pushNotice = useUiStore((s) => s.pushNotice);
  const trusted = useLiveQuery(() => trustedFingerprintList(db), [db]);
  const trustKey = trusted ? trusted.join(',') : null;
  const [result, setResult] = useState<ResponseCheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const autoKept = useRef<number | null>(null);
  const id = useId();
  const [confirmTrust, setConfirmTrust] = useState(false);
  const reviewerKey = result?.verification.fingerprint;
  // "Verified" names whose key it is: the owner label confirmed when it was trusted.
  const signer = useLiveQuery(async () => (reviewerKey ? trustedKeyOf(db, reviewerKey) : null), [db, reviewerKey]);

  async function trust(fingerprint: string, label: string) {
    setError(null);
    await trustFingerprint(db, fingerprint, label);
    setConfirmTrust(false);
  }

  useEffect(() => {
    if (trustKey === null) return;
    let cancelled = false;
    checkResponseFile(db, offered.bytes, trustKey ? trustKey.split(',') : []).then(
      (r) => { if (!cancelled) setResult(r); },
      (e: unknown) => { if (!cancelled) setError(messageOf(e)); },
    );
    return () => {
      cancelled = true;
    };
  }, [db, offered, trustKey]);

  async function keep(r: ResponseCheckResult) {
    setBusy(true);
    setError(null);
    try {
      const kept = await keepAuditResponse(db, { fileName: offered.name, bytes: offered.bytes, result: r });
      pushNotice({ kind: 'success', message: `Auditor response ${offered.name} kept: ${formatCount(kept.counts.entries, 'note')} on findings, risks and activities.` });
      clear();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  // Opened by the operating system: kept at once when every check passed.
  useEffect(() => {
    if (offered.intent !== 'audit' || !result || !result.ok || result.verification.state === 'invalid') return;
    if (autoKept.current === offered.nonce) return;
    autoKept.current = offered.nonce;
    void keep(result);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offered, result]);

  const v = result?.verification;
  const review = v?.state !== 'invalid' ? v?.review : undefined;
  const m = v?.state !== 'invalid' ? v?.manifest : undefined;
  return (
    <section className="panel open-bundle open-response" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Opening the auditor response {offered.name}</h2>
      {!result && !error && <p role="status">Verifying the response…</p>}
      {result && v && (
        <div role="region" aria-label="Verification result" className={`verification state-box-${v.state}`}>
          <VerificationState state={v.state} {...(v.unreadable ? { unreadable: true } : {})} signer={signer ? { label: signer.label, fingerprint: signer.fingerprint } : null} />
          {v.fingerprint && <p>Reviewer's key: <Fingerprint hex={v.fingerprint} /></p>}
          {v.state === 'unknown-key' && v.fingerprint && (confirmTrust ? (
            <TrustKeyConfirm fingerprint={v.fingerprint} onConfirm={(label) => trust(v.fingerprint!, label)} onCancel={() => setConfirmTrust(false)} />
          ) : (
            <div className="button-row">
              <button type="button" onClick={() => setConfirmTrust(true)}>Trust this key…</button>
            </div>
          ))}
          <ResponseChecks result={result} />
          {m && review && (
            <dl className="facts">
              <dt>Reviewer</dt><dd>{reviewerNameText(review)}</dd>
              <dt>Organisation</dt><dd>{review.organisation === null ? ORGANISATION_NOT_STATED : review.organisation}</dd>
              {v?.migratedFrom !== undefined && (<><dt>Format</dt><dd>read from auditor response format version {v.migratedFrom}</dd></>)}
              <dt>Written</dt><dd>{formatTimestamp(m.createdAt)}</dd>
              <dt>Reviewed bundle</dt><dd>as of {formatDate(m.original.asOf)}, created {formatTimestamp(m.original.createdAt)} <code className="hash">{m.original.manifestHash.slice(0, 16)}</code></dd>
              <dt>Statuses</dt><dd>{formatCount(m.counts.agreed, 'agreed', 'agreed')}, {formatCount(m.counts.disputed, 'disputed', 'disputed')}, {formatCount(m.counts.needsEvidence, 'needs evidence', 'need evidence')}</dd>
              {review.summary && (<><dt>Conclusion</dt><dd className="note">{review.summary}</dd></>)}
            </dl>
          )}
        </div>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
      {result && (
        <div className="button-row">
          {result.verification.state !== 'invalid' && (
            <button type="button" className="primary" disabled={busy} onClick={() => void keep(result)}>
              {result.ok ? 'Keep the response' : 'Keep it anyway'}
            </button>
          )}
          <button type="button" onClick={clear}>Close</button>
        </div>
      )}
      {result && result.verification.state !== 'invalid' && !result.ok && (
        <p className="hint">A check failed: keep the response only if you know where it comes from; its notes will show this.</p>
      )}
    </section>
  );
}
