/**
 * Keys and trust: this installation's signing key (its fingerprint only; the
 * private key stays in this computer's database or, in the desktop app, in the
 * main process under the system's protected storage), the fingerprints pinned as
 * trusted, and the bundles opened lately.
 */
import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';
import {
  clearRecentBundles, createSigningKeyWithBackup, ensureInstallationSigner, fingerprintProblem, installationKeyPlace, listRecentBundles, listTrustedFingerprints,
  trustFingerprint, untrustFingerprint,
} from '../../db/repositories/keys';
import { useUiStore } from '../../state/ui-store';
import { usePlatform } from '../../platform/platform-context';
import { passphraseProblem } from '../../db/key-vault';
import { messageOf, useAuditStore } from './common';
import { Fingerprint, TrustKeyConfirm } from './verification-view';
import { normalizeFingerprint } from '../../../shared/bundle';
import { formatTimestamp } from '../../../shared/format/format';

export function SigningKeyPanel() {
  const db = useDb();
  const platform = usePlatform();
  const id = useId();
  // The host's key is not in the database, so a key it made is seen on the next read, not by the live query.
  const [made, setMade] = useState(0);
  const place = useLiveQuery(() => installationKeyPlace(db, platform.signer), [db, platform, made]);
  const [error, setError] = useState<string | null>(null);
  const fingerprint = place === undefined ? undefined : place.place === 'none' ? null : place.fingerprint;
  const notice = place && place.place !== 'host' ? place.notice : null;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>This installation's signing key</h2>
      {place === undefined ? (
        <p role="status">Reading…</p>
      ) : place.place !== 'none' ? (
        <>
          <p>Bundles and auditor responses you sign carry this fingerprint. Give it to the people who receive them (by phone or in person) so they can trust it. The private key never leaves this computer: {place.place === 'host'
            ? "it is kept by the desktop app outside the page, encrypted with this system's protected storage (keychain), and only signatures come back; the page never holds it."
            : 'it is stored so that it can sign but cannot be read or copied, not even by Supportspan.'}</p>
          <p className="installation-fingerprint">Fingerprint: <Fingerprint hex={place.fingerprint} /></p>
        </>
      ) : (
        <>
          <p>No key yet: one is created the first time you sign a bundle or a response. Once made, a key cannot be copied; to keep a backup, create it here with a passphrase.</p>
          <button type="button" onClick={() => ensureInstallationSigner(db, platform.signer).then(() => { setError(null); setMade((n) => n + 1); }, (e: unknown) => setError(messageOf(e)))}>Create the key now</button>
        </>
      )}
      {notice && <p role="note" className="key-notice">{notice}</p>}
      {fingerprint !== undefined && <KeyBackupForm hasKey={fingerprint !== null} />}
      {error && <p role="alert" className="error-text">{error}</p>}
    </section>
  );
}

/** A backup is possible only while a key is made: afterwards its private part cannot be exported. */
function KeyBackupForm({ hasKey }: { hasKey: boolean }) {
  const db = useDb();
  const platform = usePlatform();
  const id = useId();
  const pushNotice = useUiStore((s) => s.pushNotice);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = passphraseProblem(passphrase) ?? (passphrase !== again ? 'The two passphrases differ.' : null);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const { key, backup } = await createSigningKeyWithBackup(db, passphrase, { replace: hasKey });
      const bytes = new TextEncoder().encode(`${JSON.stringify(backup, null, 2)}\n`);
      const saved = await platform.saveFile({
        suggestedName: `supportspan-key-${key.fingerprint.slice(0, 8)}.sspankey`, bytes,
        filters: [{ name: 'Supportspan key backup', extensions: ['sspankey'] }], mimeType: 'application/json', title: 'Save the key backup',
      });
      setPassphrase('');
      setAgain('');
      setError(saved.saved ? null : 'The key was created but its backup was not saved. Create a new key with a backup to have one.');
      if (saved.saved) pushNotice({ kind: 'success', message: 'New signing key created; its backup is protected by your passphrase.' });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="key-backup">
      <summary>{hasKey ? 'Replace the key by a new one with a backup' : 'Create the key with a passphrase-protected backup'}</summary>
      {hasKey && <p className="muted">The current key's private part cannot be exported. A new key gets a new fingerprint: the people who trust the current one must trust the new one.</p>}
      <form onSubmit={(e) => void submit(e)} noValidate className="field-row">
        <div className="field">
          <label htmlFor={`${id}-pass`}>Passphrase (at least 12 characters)</label>
          <input id={`${id}-pass`} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-again`}>Passphrase again</label>
          <input id={`${id}-again`} type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>{hasKey ? 'Create new key and save backup' : 'Create key and save backup'}</button>
      </form>
      {error && <p role="alert" className="error-text">{error}</p>}
    </details>
  );
}

export function TrustedKeysPanel() {
  const db = useDb();
  const id = useId();
  const trusted = useLiveQuery(() => listTrustedFingerprints(db), [db]);
  const [text, setText] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function add(event: FormEvent) {
    event.preventDefault();
    const problem = fingerprintProblem(text);
    const hex = normalizeFingerprint(text);
    if (problem || !hex) {
      setError(problem ?? 'Enter a fingerprint.');
      return;
    }
    setError(null);
    setConfirming(hex);
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Trusted fingerprints</h2>
      <p>A bundle signed by one of these keys shows as verified, naming whose key it is. Compare a fingerprint with its owner over another channel before adding it.</p>
      {trusted && trusted.length > 0 ? (
        <ul className="trusted-list" aria-label="Trusted fingerprints">
          {trusted.map((t) => (
            <li key={t.fingerprint} className={t.sealed ? undefined : 'trust-tampered'}>
              <strong>{t.label}</strong> <Fingerprint hex={t.fingerprint} />{' '}
              <span className="muted">{t.beforeLabels
                ? `(trusted ${t.addedAt ? formatTimestamp(t.addedAt) : 'at an unknown time'})`
                : `(trusted by ${t.trustedBy || 'an unnamed user'}, ${formatTimestamp(t.addedAt)})`}</span>{' '}
              {!t.sealed && (
                <strong className="error-text">Not added through Supportspan: this entry was changed or added outside the app and is not trusted. Remove it, or check it with its owner and trust it again.</strong>
              )}{' '}
              <button type="button" className="danger" aria-label={`Remove trusted fingerprint ${t.fingerprint.slice(0, 8)}`} onClick={() => void untrustFingerprint(db, t.fingerprint).catch((e: unknown) => setError(messageOf(e)))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        trusted && <p className="muted">No trusted fingerprints yet.</p>
      )}
      {confirming ? (
        <TrustKeyConfirm
          fingerprint={confirming}
          onConfirm={async (label) => {
            await trustFingerprint(db, confirming, label);
            setText('');
            setConfirming(null);
          }}
          onCancel={() => setConfirming(null)}
        />
      ) : (
        <form onSubmit={add} className="field-row" noValidate>
          <div className="field">
            <label htmlFor={`${id}-fp`}>Fingerprint</label>
            <input id={`${id}-fp`} value={text} onChange={(e) => setText(e.target.value)} placeholder="ab12 cd34 …" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} size={50} />
          </div>
          <button type="submit">Trust fingerprint</button>
        </form>
      )}
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
