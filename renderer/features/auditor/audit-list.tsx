/** The audits on this computer: re-open one (its notes are kept) or delete it with its database. */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { scopeLabel } from '../../../shared/bundle';
import { useUiStore } from '../../state/ui-store';
import { messageOf, useAuditStore } from '../bundles/common';
import { Fingerprint } from '../bundles/verification-view';

export function AuditList() {
  const store = useAuditStore();
  const navigate = useUiStore((s) => s.navigate);
  const audits = useLiveQuery(() => store.listAudits(), [store]);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Audits on this computer</h2>
      {audits === undefined ? (
        <p role="status">Reading…</p>
      ) : audits.length === 0 ? (
        <p className="muted">No audits yet. Open a bundle and choose "Open in auditor mode".</p>
      ) : (
        <ul aria-label="Audits" className="audit-list">
          {audits.map((a) => (
            <li key={a.manifestHash}>
              <strong>{a.fileName}</strong>{' '}
              <span className="muted">
                · {scopeLabel(a.scope)} · as of {a.asOf} · {a.signer ? <>signer <Fingerprint hex={a.signer} /></> : 'unsigned'} · opened {a.openedAt.slice(0, 16).replace('T', ' ')}
              </span>{' '}
              <span className="button-row">
                <button type="button" onClick={() => navigate({ area: 'bundles', auditId: a.manifestHash.slice(0, 16) })} aria-label={`Open audit of ${a.fileName}`}>Open</button>
                {confirm === a.manifestHash ? (
                  <>
                    <button type="button" className="danger" onClick={() => store.deleteAudit(a.manifestHash).then(() => setConfirm(null), (e: unknown) => setError(messageOf(e)))}>Delete audit and notes</button>
                    <button type="button" onClick={() => setConfirm(null)}>Keep it</button>
                  </>
                ) : (
                  <button type="button" className="danger" onClick={() => setConfirm(a.manifestHash)} aria-label={`Delete audit of ${a.fileName}`}>Delete…</button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </section>
  );
}
