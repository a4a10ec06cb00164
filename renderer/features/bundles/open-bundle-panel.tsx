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
import { addRecentBundle, trustedFingerprintList, trustFingerprint } from '../../db/repositories/keys';
import { useUiStore } from '../../state/ui-store';
import { messageOf, useAuditStore } from './common';
import { MergePreview } from './merge-preview';
import { OpenResponsePanel } from './open-response-panel';
import { useBundleOpenStore, type OfferedFile } from './open-store';
import { Fingerprint, ManifestFacts, STATE_EXPLANATION, VerificationState } from './verification-view';

type Phase =
  | { step: 'verifying' }
  /** The file is an auditor's response, not a bundle (open-response-panel.tsx). */
  | { step: 'response' }
  | { step: 'verified'; verification: Verification }
  | { step: 'merging'; verification: Verification };

export function OpenBundlePanel({ offered }: { offered: OfferedFile }) {
  const db = useDb();
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

  useEffect(() => {
    if (trustKey === null) return;
    let cancelled = false;
    openAnyBundleFile(offered.bytes, { trustedFingerprints: trustKey ? trustKey.split(',') : [] }).then(
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
  }, [offered, trustKey]);

  const verification = phase.step === 'verifying' || phase.step === 'response' ? null : phase.verification;

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
    if (offered.intent !== 'audit' || !verification || verification.state === 'invalid') return;
    if (autoOpened.current === offered.nonce) return;
    autoOpened.current = offered.nonce;
    void openAsAudit(verification);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offered, verification]);

  async function trust(fingerprint: string) {
    setError(null);
    try {
      await trustFingerprint(db, fingerprint, `signer of ${offered.name}`);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  if (phase.step === 'response') return <OpenResponsePanel offered={offered} />;
  return (
    <section className="panel open-bundle" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Opening {offered.name}</h2>
      {!verification && <p role="status">Verifying the bundle…</p>}
      {verification && (
        <div role="region" aria-label="Verification result" className={`verification state-box-${verification.state}`}>
          <VerificationState state={verification.state} {...(verification.unreadable ? { unreadable: true } : {})} />
          <p>{STATE_EXPLANATION[verification.state]}</p>
          {verification.fingerprint && (
            <p>
              Signer fingerprint: <Fingerprint hex={verification.fingerprint} />
            </p>
          )}
          {verification.state === 'unknown-key' && verification.fingerprint && (
            <div className="button-row">
              <button type="button" onClick={() => void trust(verification.fingerprint!)}>Trust this key</button>
            </div>
          )}
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
      {verification && phase.step === 'verified' && (
        <div className="button-row">
          {verification.state !== 'invalid' && verification.bundle && (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => void openAsAudit(verification)}>Open in auditor mode</button>
              <button type="button" disabled={busy} onClick={() => setPhase({ step: 'merging', verification })}>Merge into my workspace…</button>
            </>
          )}
          <button type="button" onClick={clear}>Close</button>
        </div>
      )}
      {phase.step === 'merging' && phase.verification.bundle && (
        <MergePreview
          bundle={phase.verification.bundle}
          fileName={offered.name}
          onCancel={() => setPhase({ step: 'verified', verification: phase.verification })}
          onDone={async () => {
            await addRecentBundle(db, { name: offered.name, manifestHash: phase.verification.bundle!.manifestHash }).catch(() => undefined);
            clear();
          }}
        />
      )}
    </section>
  );
}
