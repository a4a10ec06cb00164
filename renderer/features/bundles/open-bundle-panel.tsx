/**
 * Opening a bundle: verify first (nothing is stored before this), show one of
 * the four states, offer "trust this key" for an unknown signer, then let the
 * user choose auditor mode (its own database) or merging into the workspace.
 * An invalid or unreadable file stops here: its reasons are shown, nothing is written.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { openAnyBundleFile, type Verification } from '../../../shared/bundle';
import { useDb } from '../../db/db-context';
import {
  addRecentBundle, recordScopeSigner, signerChangeFor, trustedFingerprintList, trustedKeyOf, trustFingerprint, type SignerChange,
} from '../../db/repositories/keys';
import { useUiStore } from '../../state/ui-store';
import { usePlatform } from '../../platform/platform-context';
import { messageOf, useAuditStore } from './common';
import { MergePreview } from './merge-preview';
import { OpenResponsePanel } from './open-response-panel';
import { useBundleOpenStore, type OfferedFile } from './open-store';
import { Fingerprint, ManifestFacts, SignerChangeNotice, STATE_EXPLANATION, TrustKeyConfirm, VerificationState } from './verification-view';

type Phase =
  | { step: 'verifying' }
  /** The file is an auditor's response, not a bundle (open-response-panel.tsx). */
  | { step: 'response' }
  | { step: 'verified'; verification: Verification }
  | { step: 'merging'; verification: Verification };

/** The signer check depends on the bundle and its signer only: trusting the key (which verifies again) does not repeat it. */
function checkKey(v: Verification): string {
  return `${v.bundle?.manifestHash ?? ''}:${v.fingerprint ?? ''}`;
}

export function OpenBundlePanel({ offered }: { offered: OfferedFile }) {
  const db = useDb();
  const platform = usePlatform();
  const store = useAuditStore();
  const clear = useBundleOpenStore((s) => s.clear);
  const navigate = useUiStore((s) => s.navigate);
  const trusted = useLiveQuery(() => trustedFingerprintList(db), [db]);
  const trustKey = trusted ? trusted.join(',') : null;
  const [phase, setPhase] = useState<Phase>({ step: 'verifying' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const autoOpened = useRef<number | null>(null);
  const id = useId();
  const [confirmTrust, setConfirmTrust] = useState(false);
  // A scope last opened from another key: checked once per verification, shown before anything else until answered.
  const [signerCheck, setSignerCheck] = useState<{ for: string; change: SignerChange | null } | null>(null);
  const [readOnly, setReadOnly] = useState(false);

  useEffect(() => {
    if (trustKey === null) return;
    let cancelled = false;
    platform.appInfo().then((info) => openAnyBundleFile(offered.bytes, { trustedFingerprints: trustKey ? trustKey.split(',') : [], appVersion: info.version })).then(
      (opened) => {
        if (cancelled) return;
        if (opened.kind === 'response') return setPhase({ step: 'response' });
        const verification = opened.verification;
        setPhase((p) => (p.step === 'merging' ? { step: 'merging', verification } : { step: 'verified', verification }));
      },
      (e: unknown) => {
        if (!cancelled) setPhase({ step: 'verified', verification: { state: 'invalid', reasons: [messageOf(e)] } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [offered, trustKey, platform]);

  const verification = phase.step === 'verifying' || phase.step === 'response' ? null : phase.verification;
  const signer = useLiveQuery(async () => (verification?.fingerprint ? trustedKeyOf(db, verification.fingerprint) : null), [db, verification?.fingerprint]);

  useEffect(() => {
    if (!verification?.bundle || verification.state === 'invalid') return;
    let cancelled = false;
    const { manifest, portfolio } = verification.bundle;
    const key = checkKey(verification);
    signerChangeFor(db, manifest.scope, portfolio, verification.fingerprint ?? null).then(
      (change) => { if (!cancelled) setSignerCheck((c) => (c?.for === key ? c : { for: key, change })); },
      () => { if (!cancelled) setSignerCheck({ for: key, change: null }); },
    );
    return () => {
      cancelled = true;
    };
  }, [db, verification]);
  // An invalid bundle shows nothing of its own, so there is nothing to hold back.
  const checked = verification !== null && (!verification.bundle || verification.state === 'invalid' || signerCheck?.for === checkKey(verification));
  const change = verification && signerCheck?.for === checkKey(verification) ? signerCheck.change : null;
  const blocking = checked && change !== null && !readOnly;

  /** The key a scope is opened from is remembered only when it is trusted, and not after a key change was accepted read-only. */
  async function rememberScope(v: Verification) {
    if (v.state !== 'valid' || !v.bundle || !v.fingerprint || readOnly) return;
    await recordScopeSigner(db, { scope: v.bundle.manifest.scope, portfolio: v.bundle.portfolio, fingerprint: v.fingerprint, manifestHash: v.bundle.manifestHash }).catch(() => undefined);
  }

  async function openAsAudit(v: Verification) {
    if (!v.bundle || v.state === 'invalid') return;
    setBusy(true);
    setError(null);
    try {
      const { manifest, manifestHash } = v.bundle;
      await store.saveAudit({
        manifestHash, fileName: offered.name, scope: manifest.scope, asOf: manifest.asOf, createdAt: manifest.createdAt,
        appVersion: manifest.appVersion, signer: v.fingerprint ?? null, bytes: offered.bytes,
      });
      await addRecentBundle(db, { name: offered.name, manifestHash });
      await rememberScope(v);
      clear();
      navigate({ area: 'bundles', auditId: manifestHash.slice(0, 16) });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  // Opened by the operating system (double click): straight into auditor mode when the file is intact.
  useEffect(() => {
    if (offered.intent !== 'audit' || !verification || verification.state === 'invalid' || !checked || blocking) return;
    if (autoOpened.current === offered.nonce) return;
    autoOpened.current = offered.nonce;
    void openAsAudit(verification);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offered, verification, checked, blocking]);

  async function trust(fingerprint: string, label: string) {
    setError(null);
    await trustFingerprint(db, fingerprint, label);
    setConfirmTrust(false);
  }

  if (phase.step === 'response') return <OpenResponsePanel offered={offered} />;
  return (
    <section className="panel open-bundle" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Opening {offered.name}</h2>
      {(!verification || !checked) && <p role="status">Verifying the bundle…</p>}
      {verification && blocking && change && (
        <SignerChangeNotice change={change} onContinueReadOnly={() => setReadOnly(true)} onCancel={clear} />
      )}
      {verification && checked && !blocking && (
        <div role="region" aria-label="Verification result" className={`verification state-box-${verification.state}`}>
          <VerificationState state={verification.state} {...(verification.unreadable ? { unreadable: true } : {})} signer={signer ?? null} />
          {readOnly && <p role="note" className="warning-text">Read-only: the key that signs this scope changed. You can look at the bundle in auditor mode; merging is not offered, and the new key is not remembered for the scope.</p>}
          <p>{STATE_EXPLANATION[verification.state]}</p>
          {verification.fingerprint && (
            <p>
              Signer fingerprint: <Fingerprint hex={verification.fingerprint} />
            </p>
          )}
          {verification.state === 'unknown-key' && verification.fingerprint && (confirmTrust ? (
            <TrustKeyConfirm fingerprint={verification.fingerprint} onConfirm={(label) => trust(verification.fingerprint!, label)} onCancel={() => setConfirmTrust(false)} />
          ) : (
            <div className="button-row">
              <button type="button" onClick={() => setConfirmTrust(true)}>Trust this key…</button>
            </div>
          ))}
          {verification.state === 'invalid' && (
            <>
              <h3>Why</h3>
              <ul className="reasons">
                {verification.reasons.map((r, i) => <li key={i}>{r}</li>)}
              </ul>
            </>
          )}
          {verification.state === 'unsigned' && verification.reasons.length > 1 && (
            <ul className="reasons">{verification.reasons.slice(1).map((r, i) => <li key={i}>{r}</li>)}</ul>
          )}
          {verification.manifest && verification.bundle && (
            <ManifestFacts manifest={verification.manifest} manifestHash={verification.bundle.manifestHash} fingerprint={verification.fingerprint} />
          )}
        </div>
      )}
      {error && <p role="alert" className="error-text">{error}</p>}
      {verification && checked && !blocking && phase.step === 'verified' && (
        <div className="button-row">
          {verification.state !== 'invalid' && verification.bundle && (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => void openAsAudit(verification)}>Open in auditor mode</button>
              {!readOnly && <button type="button" disabled={busy} onClick={() => setPhase({ step: 'merging', verification })}>Merge into my workspace…</button>}
            </>
          )}
          <button type="button" onClick={clear}>Close</button>
        </div>
      )}
      {phase.step === 'merging' && !readOnly && !blocking && phase.verification.bundle && (
        <MergePreview
          bundle={phase.verification.bundle}
          fileName={offered.name}
          onCancel={() => setPhase({ step: 'verified', verification: phase.verification })}
          onDone={async () => {
            await addRecentBundle(db, { name: offered.name, manifestHash: phase.verification.bundle!.manifestHash }).catch(() => undefined);
            await rememberScope(phase.verification);
            clear();
          }}
        />
      )}
    </section>
  );
}
