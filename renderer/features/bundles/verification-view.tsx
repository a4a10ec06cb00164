/**
 * The four verification states, each with its own words, colour and icon so
 * that they cannot be confused; every text from the bundle is rendered by React
 * as text.
 */
import { useId, useState, type FormEvent } from 'react';
import { formatFingerprint, scopeLabel, type Manifest, type VerificationState } from '../../../shared/bundle';
import { MAX_OWNER_LABEL, ownerLabelProblem, type SignerChange } from '../../db/repositories/keys';

export const STATE_TITLE: Record<VerificationState, string> = {
  valid: 'Verified: signed by a trusted key',
  'unknown-key': 'Signed by an unknown key',
  unsigned: 'Unsigned: intact, but nothing proves who made it',
  invalid: 'Invalid: do not rely on this file',
};

export const STATE_EXPLANATION: Record<VerificationState, string> = {
  valid: 'Every file matches the signed manifest, and the signer\'s key is one you trust.',
  'unknown-key': 'Every file matches the manifest and the signature is valid, but the key that signed it is not one you have trusted. Compare the fingerprint with the sender over another channel (phone, in person) before trusting it.',
  unsigned: 'Every file matches its manifest, but an unsigned manifest can be rewritten along with the files: anyone could have made or changed it.',
  invalid: 'The file was changed after it was made, is damaged, or is not a bundle this app can read. Nothing from it was stored.',
};

const ICON: Record<VerificationState, string> = { valid: '✔', 'unknown-key': '?', unsigned: '!', invalid: '✖' };

/** The first groups of a fingerprint, to name a key in a sentence ("ab12 cd34 …"); the full one is shown next to it. */
export function shortFingerprint(hex: string): string {
  return `${formatFingerprint(hex).split(' ').slice(0, 2).join(' ')} …`;
}

/** "Verified: signed by ACME product security (ab12 cd34 …)": a verified bundle always names whose key signed it. */
export function verifiedTitle(label: string, fingerprint: string): string {
  return `Verified: signed by ${label} (${shortFingerprint(fingerprint)})`;
}

export function VerificationState({ state, unreadable, signer }: { state: VerificationState; unreadable?: boolean; signer?: { label: string; fingerprint: string } | null }) {
  const title = unreadable ? 'Invalid: not a readable bundle' : state === 'valid' && signer ? verifiedTitle(signer.label, signer.fingerprint) : STATE_TITLE[state];
  return (
    <p className={`verification-state state-${state}`} data-state={state}>
      <span aria-hidden="true" className="state-icon">{ICON[state]}</span>{' '}
      <strong>{title}</strong>
    </p>
  );
}

/** A fingerprint in groups of four hex digits, numbered, for reading aloud and comparing group by group. */
export function FingerprintGroups({ hex }: { hex: string }) {
  const groups = formatFingerprint(hex).split(' ');
  return (
    <ol className="fingerprint-groups" aria-label={`Fingerprint ${formatFingerprint(hex)}`}>
      {groups.map((g, i) => <li key={i}><code>{g}</code></li>)}
    </ol>
  );
}

/**
 * Trusting a key: compare the fingerprint group by group with its owner over
 * another channel, confirm that, and say whose key it is and how it was
 * confirmed (the owner label every "Verified" names afterwards).
 */
export function TrustKeyConfirm({ fingerprint, initialLabel = '', onConfirm, onCancel }: {
  fingerprint: string;
  initialLabel?: string;
  onConfirm: (label: string) => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [label, setLabel] = useState(initialLabel);
  const [compared, setCompared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = !compared ? 'Confirm that you compared every group of the fingerprint with the key\'s owner.' : ownerLabelProblem(label);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      await onConfirm(label.trim());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div role="dialog" aria-modal="false" aria-labelledby={`${id}-title`} className="trust-confirm">
      <h3 id={`${id}-title`}>Trust this key?</h3>
      <p>Compare this fingerprint with the key's owner over another channel (by phone or in person), group by group. Trust it only if every group matches: from then on, bundles signed with it show as verified and name the owner below.</p>
      <FingerprintGroups hex={fingerprint} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-label`}>Whose key is it, and how did you confirm it?</label>
          <input
            id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={MAX_OWNER_LABEL} size={60} required
            placeholder="ACME product security, confirmed by phone on 2026-12-04" aria-describedby={`${id}-hint`}
            aria-invalid={error && compared ? true : undefined}
          />
          <p id={`${id}-hint`} className="muted">Required, at most {MAX_OWNER_LABEL} characters. Your user name and the time are recorded with it.</p>
        </div>
        <label className="check">
          <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} /> I compared all {formatFingerprint(fingerprint).split(' ').length} groups with the key's owner and they match
        </label>
        {error && <p role="alert" className="error-text">{error}</p>}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>Trust this key</button>
          <button type="button" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </div>
  );
}

/**
 * A bundle for a scope that was last opened from another key: shown before
 * anything of the bundle, with both keys, until the user continues read-only or cancels.
 */
export function SignerChangeNotice({ change, onContinueReadOnly, onCancel }: { change: SignerChange; onContinueReadOnly: () => void; onCancel: () => void }) {
  const id = useId();
  return (
    <div role="alertdialog" aria-modal="false" aria-labelledby={`${id}-title`} aria-describedby={`${id}-what`} className="signer-change state-box-invalid">
      <h3 id={`${id}-title`}>The key that signs {change.scopeName} has changed</h3>
      <p id={`${id}-what`}>
        {change.current ? 'This bundle is signed by a different key than' : 'This bundle is not signed, unlike'} the one you trusted for this scope before. That can be a new key of the same sender, or someone else's bundle. Check with the sender over another channel before relying on it.
      </p>
      <dl className="facts">
        <dt>Before</dt>
        <dd>{change.previous.label} <Fingerprint hex={change.previous.fingerprint} /> <span className="muted">(recorded {change.previous.recordedAt.slice(0, 10)})</span></dd>
        <dt>Now</dt>
        <dd>{change.current
          ? (<>{change.current.label ?? 'a key you have not trusted'} <Fingerprint hex={change.current.fingerprint} /></>)
          : 'not signed'}</dd>
      </dl>
      <div className="button-row">
        <button type="button" onClick={onContinueReadOnly}>Continue read-only</button>
        <button type="button" className="primary" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}

export function Fingerprint({ hex }: { hex: string }) {
  return <code className="fingerprint">{formatFingerprint(hex)}</code>;
}

/** The facts of a manifest that tell what a bundle is: scope, dates, version. */
export function ManifestFacts({ manifest, fileName, manifestHash, fingerprint }: { manifest: Manifest; fileName?: string; manifestHash?: string; fingerprint?: string | undefined }) {
  return (
    <dl className="facts">
      {fileName !== undefined && (<><dt>File</dt><dd>{fileName}</dd></>)}
      <dt>Signer</dt>
      <dd>{fingerprint ? <Fingerprint hex={fingerprint} /> : 'not signed'}</dd>
      <dt>Scope</dt>
      <dd>{scopeLabel(manifest.scope)}</dd>
      <dt>As of</dt>
      <dd>{manifest.asOf}</dd>
      <dt>Created</dt>
      <dd>{manifest.createdAt}</dd>
      <dt>App version</dt>
      <dd>{manifest.appVersion}</dd>
      <dt>Contents</dt>
      <dd>
        {manifest.counts.lines} product lines, {manifest.counts.products} products, {manifest.counts.components} components, {manifest.counts.findings} findings, {manifest.counts.decisions} decisions, {manifest.counts.changes} history entries
      </dd>
      {manifestHash && (<><dt>Manifest SHA-256</dt><dd><code className="hash">{manifestHash}</code></dd></>)}
    </dl>
  );
}
