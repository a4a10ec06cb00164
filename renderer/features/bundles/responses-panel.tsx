/**
 * The auditor responses kept in this workspace, newest first: the reviewed
 * bundle, the reviewer, the verification when it was opened and each check,
 * the statuses; several responses to one bundle side by side.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatCount, formatDate, formatTimestamp } from '../../../shared/format/format';
import { useDb } from '../../db/db-context';
import { deleteAuditResponse, listAuditResponses, listExportedBundleRecords } from '../../db/repositories/audit-responses';
import { messageOf } from './common';
import { ResponseChecks } from './open-response-panel';
import { ReviewerIdentityText } from './reviewer-identity';
import { Fingerprint, STATE_TITLE } from './verification-view';

export function ResponsesPanel() {
  const db = useDb();
  const responses = useLiveQuery(() => listAuditResponses(db), [db]);
  const exported = useLiveQuery(() => listExportedBundleRecords(db), [db]);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const bundleName = new Map((exported ?? []).map((b) => [b.manifestHash, b] as const));
  return (
    <section className="panel responses" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Responses</h2>
      <p>Auditors' responses to the bundles you exported. Open one with "Open a bundle…": it is verified, then its notes appear on the findings, risks and activities they cover.</p>
      {responses === undefined ? <p role="status">Reading the responses…</p> : responses.length === 0 ? <p>No auditor response yet.</p> : (
        <ul className="response-list">
          {responses.map((r) => {
            const bundle = bundleName.get(r.bundleHash);
            return (
              <li key={r.id} className={`response-item state-box-${r.state}`} data-response={r.id}>
                <h3><ReviewerIdentityText reviewer={r.reviewer} organisation={r.organisation ?? null} /> <span className="muted">· {r.fileName}</span></h3>
                <p>
                  <span className="verification-state" data-state={r.state}>{STATE_TITLE[r.state]}</span>
                  {r.fingerprint && <> · <Fingerprint hex={r.fingerprint} /></>}
                  {' '}· written {formatTimestamp(r.createdAt)} · opened {formatTimestamp(r.receivedAt)}
                </p>
                <p>
                  Reviews {bundle ? <>{bundle.fileName} (as of {formatDate(bundle.asOf)})</> : 'a bundle not exported here'} <code className="hash">{r.bundleHash.slice(0, 16)}</code>:{' '}
                  {formatCount(r.counts.agreed, 'agreed', 'agreed')}, {formatCount(r.counts.disputed, 'disputed', 'disputed')}, {formatCount(r.counts.needsEvidence, 'needs evidence', 'need evidence')}
                </p>
                <ResponseChecks result={r} />
                <div className="button-row">
                  {confirm === r.id ? (
                    <>
                      <button type="button" className="danger" onClick={() => deleteAuditResponse(db, r.id).then(() => setConfirm(null), (e: unknown) => setError(messageOf(e)))}>Delete response, notes and replies</button>
                      <button type="button" onClick={() => setConfirm(null)}>Cancel</button>
                    </>
                  ) : (
                    <button type="button" className="danger" onClick={() => setConfirm(r.id)} aria-label={`Delete response ${r.fileName}`}>Delete…</button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </section>
  );
}
