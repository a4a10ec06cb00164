/**
 * The four verification states, each with its own words, colour and icon so
 * that they cannot be confused; every text from the bundle is rendered by React
 * as text.
 */
import { formatFingerprint, scopeLabel, type Manifest, type VerificationState } from '../../../shared/bundle';

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

export function VerificationState({ state, unreadable }: { state: VerificationState; unreadable?: boolean }) {
  return (
    <p className={`verification-state state-${state}`} data-state={state}>
      <span aria-hidden="true" className="state-icon">{ICON[state]}</span>{' '}
      <strong>{unreadable ? 'Invalid: not a readable bundle' : STATE_TITLE[state]}</strong>
    </p>
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
