/**
 * Keys and trust: this installation's signing key (its fingerprint only; the
 * private key stays in this computer's database), the fingerprints pinned as
 * trusted, and the bundles opened lately.
 */
import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';
import {
  clearRecentBundles, ensureSigningKey, fingerprintProblem, getInstallationFingerprint, listRecentBundles, listTrustedFingerprints,
  trustFingerprint, untrustFingerprint,
} from '../../db/repositories/keys';
import { useUiStore } from '../../state/ui-store';
import { messageOf, useAuditStore } from './common';
import { Fingerprint } from './verification-view';

export function SigningKeyPanel() {
  const db = useDb();
  const id = useId();
  const fingerprint = useLiveQuery(() => getInstallationFingerprint(db), [db]);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>This installation's signing key</h2>
      {fingerprint === undefined ? (
        <p role="status">Reading…</p>
      ) : fingerprint ? (
        <>
          <p>Bundles and auditor responses you sign carry this fingerprint. Give it to the people who receive them (by phone or in person) so they can trust it. The private key never leaves this computer.</p>
          <p className="installation-fingerprint">Fingerprint: <Fingerprint hex={fingerprint} /></p>
        </>
      ) : (
        <>
          <p>No key yet: one is created the first time you sign a bundle or a response.</p>
          <button type="button" onClick={() => ensureSigningKey(db).then(() => setError(null), (e: unknown) => setError(messageOf(e)))}>Create the key now</button>
        </>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
    </section>
  );
}

export function TrustedKeysPanel() {
  const db = useDb();
  const id = useId();
  const trusted = useLiveQuery(() => listTrustedFingerprints(db), [db]);
  const [text, setText] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    const problem = fingerprintProblem(text);
    if (problem) {
      setError(problem);
      return;
    }
    try {
      await trustFingerprint(db, text, label);
      setText('');
      setLabel('');
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Trusted fingerprints</h2>
      <p>A bundle signed by one of these keys shows as verified. Compare a fingerprint with its owner over another channel before adding it.</p>
      {trusted && trusted.length > 0 ? (
        <ul className="trusted-list" aria-label="Trusted fingerprints">
          {trusted.map((t) => (
            <li key={t.fingerprint}>
              <Fingerprint hex={t.fingerprint} /> {t.label && <span className="muted">({t.label})</span>}{' '}
              <button type="button" className="danger" aria-label={`Remove trusted fingerprint ${t.fingerprint.slice(0, 8)}`} onClick={() => void untrustFingerprint(db, t.fingerprint).catch((e: unknown) => setError(messageOf(e)))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        trusted && <p className="muted">No trusted fingerprints yet.</p>
      )}
      <form onSubmit={(e) => void add(e)} className="field-row" noValidate>
        <div className="field">
          <label htmlFor={`${id}-fp`}>Fingerprint</label>
          <input id={`${id}-fp`} value={text} onChange={(e) => setText(e.target.value)} placeholder="ab12 cd34 …" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} size={50} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-label`}>Whose key (optional)</label>
          <input id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
        </div>
        <button type="submit">Trust fingerprint</button>
      </form>
      {error && <p id={`${id}-error`} role="alert" className="error-text">{error}</p>}
    </section>
  );
}

export function RecentBundlesPanel() {
  const db = useDb();
  const id = useId();
  const store = useAuditStore();
  const navigate = useUiStore((s) => s.navigate);
  const recent = useLiveQuery(() => listRecentBundles(db), [db]);
  const audits = useLiveQuery(() => store.listAudits(), [store]);
  const auditHashes = new Set((audits ?? []).map((a) => a.manifestHash));
  if (!recent) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Recent bundles</h2>
      {recent.length === 0 ? (
        <p className="muted">No bundle opened yet.</p>
      ) : (
        <>
          <ul aria-label="Recent bundles" className="recent-list">
            {recent.map((r) => (
              <li key={r.manifestHash}>
                {r.name} <span className="muted">· opened {r.at.slice(0, 16).replace('T', ' ')} · <code className="hash">{r.manifestHash.slice(0, 16)}</code></span>{' '}
                {auditHashes.has(r.manifestHash) && (
                  <button type="button" onClick={() => navigate({ area: 'bundles', auditId: r.manifestHash.slice(0, 16) })}>Open audit</button>
                )}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => void clearRecentBundles(db)}>Clear the list</button>
        </>
      )}
    </section>
  );
}
