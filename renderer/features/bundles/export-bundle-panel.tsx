/**
 * Exporting a bundle: scope, as-of day, signature (on by default; the
 * installation key is made on first use and its private half never leaves
 * this computer), a progress bar with Cancel, then the platform's Save dialog.
 * The export itself runs in a worker (renderer/db/bundle-export-job.ts): the
 * page stays responsive and Cancel stops it at once.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { BUNDLE_MEDIA_TYPE, type Manifest } from '../../../shared/bundle';
import { parseDayDate } from '../../../shared/domain';
import { useAnalysis } from '../../analysis/analysis-context';
import { useDb } from '../../db/db-context';
import { startBundleExport, type BundleExportJob, type ExportStage } from '../../db/bundle-export-job';
import { ensureInstallationSigner, KEPT_IN_DATABASE_NOTICE } from '../../db/repositories/keys';
import { getSetting, setSetting } from '../../db/repositories/settings';
import { setCurrentAuthor } from '../../db/repositories/change-log';
import { recordExportedBundle } from '../../db/repositories/audit-responses';
import { usePlatform } from '../../platform/platform-context';
import { useUiStore } from '../../state/ui-store';
import { fileSlug, ScopeSelect, scopeName, useWorkspace, type Scope } from '../export/scope';
import { BUNDLE_FILTERS, messageOf } from './common';
import { Fingerprint } from './verification-view';

const STAGE_LABEL: Record<ExportStage | 'key' | 'saving', string> = {
  key: 'Preparing the signing key',
  reading: 'Reading the workspace',
  analysis: 'Analysing',
  products: 'Planning support periods and writing CycloneDX copies',
  csv: 'Writing the spreadsheet copy',
  checking: 'Checking the data',
  serialising: 'Writing the data files and the report',
  hashing: 'Hashing the files',
  signing: 'Signing the manifest',
  compressing: 'Compressing',
  saving: 'Saving the file',
};

type Phase =
  | { step: 'idle' }
  /** `fraction` of the whole export, 0 to 1. */
  | { step: 'working'; label: string; fraction: number }
  | { step: 'done'; fileName: string; manifest: Manifest; fingerprint: string | null }
  | { step: 'failed'; message: string };

export function ExportBundlePanel() {
  const db = useDb();
  const platform = usePlatform();
  const ws = useWorkspace();
  const analysis = useAnalysis();
  const pushNotice = useUiStore((s) => s.pushNotice);
  const id = useId();
  const [scope, setScope] = useState<Scope>({ kind: 'portfolio' });
  const [asOf, setAsOf] = useState<string | null>(null);
  const [sign, setSign] = useState(true);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const job = useRef<BundleExportJob | null>(null);
  const cancelled = useRef(false);
  // The user name the change log records (settings `userName`): required before a bundle leaves this computer.
  const storedName = useLiveQuery(async () => ((await getSetting(db, 'userName')) ?? '').trim(), [db]);
  const [nameDraft, setNameDraft] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const needsName = storedName === '';

  const asOfValue = asOf ?? analysis.options.asOf;
  const asOfCheck = parseDayDate(asOfValue);
  const asOfError = asOfCheck.ok ? null : `The as-of date must be a real day (YYYY-MM-DD): ${asOfCheck.reason}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ws || asOfError || storedName === undefined) return;
    if (needsName) {
      const name = nameDraft.trim();
      if (!name) {
        setNameError('Give your name before exporting: the bundle\'s change history names who made each change, and the export is refused without it.');
        nameInput.current?.focus();
        return;
      }
      try {
        await setSetting(db, 'userName', name);
        // Changes from now on are recorded under it at once (the app's live sync follows).
        setCurrentAuthor(name);
        setNameError(null);
      } catch (e) {
        setNameError(messageOf(e));
        return;
      }
    }
    cancelled.current = false;
    const stopIfCancelled = (): void => {
      if (cancelled.current) throw new Error('The export was cancelled. Nothing was saved.');
    };
    try {
      setPhase({ step: 'working', label: STAGE_LABEL.key, fraction: 0 });
      const signer = sign ? await ensureInstallationSigner(db, platform.signer) : null;
      const key = signer?.key ?? null;
      // The desktop app could not keep the key under the system's protection: say so, every time it signs that way.
      if (signer?.notice && signer.notice !== KEPT_IN_DATABASE_NOTICE) pushNotice({ kind: 'warning', message: `Signed with the key kept in the app's database: ${signer.notice}` });
      const who = (await getSetting(db, 'userName')) || undefined;
      const info = await platform.appInfo();
      stopIfCancelled();
      const started = startBundleExport(db, {
        scope, asOf: asOfValue, appVersion: info.version, createdAt: new Date().toISOString(),
        ...(analysis.options.rulePacks ? { rulePacks: analysis.options.rulePacks } : {}),
        ...(analysis.options.policy ? { policy: analysis.options.policy } : {}),
        ...(who ? { who } : {}),
        signingKey: key,
      }, {
        onProgress: (p) => setPhase({ step: 'working', label: STAGE_LABEL[p.stage], fraction: p.fraction }),
      });
      job.current = started;
      const built = await started.result;
      stopIfCancelled();
      setPhase({ step: 'working', label: STAGE_LABEL.saving, fraction: 1 });
      const fileName = `${fileSlug(scopeName(ws, scope))}-${asOfValue}.sspan`;
      const saved = await platform.saveFile({ suggestedName: fileName, bytes: built.bytes, filters: BUNDLE_FILTERS, mimeType: BUNDLE_MEDIA_TYPE, title: 'Save the bundle' });
      if (!saved.saved) {
        setPhase({ step: 'idle' });
        return;
      }
      // An auditor's response to this bundle is recognised by this record.
      await recordExportedBundle(db, { manifestBytes: built.manifestBytes, manifest: built.manifest, fileName: saved.name ?? fileName });
      setPhase({ step: 'done', fileName: saved.name ?? fileName, manifest: built.manifest, fingerprint: key?.fingerprint ?? null });
      pushNotice({ kind: 'success', message: `Bundle ${saved.name ?? fileName} exported${key ? ', signed' : ', unsigned'}.` });
    } catch (e) {
      setPhase({ step: 'failed', message: messageOf(e) });
    } finally {
      job.current = null;
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Export a bundle</h2>
      <p>One file with the data, the findings as of the chosen day, the change history, a readable report and interchange copies, for an auditor or another computer.</p>
      {!ws ? (
        <p role="status">Reading the workspace…</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="export-bundle-form" data-user-name={storedName === undefined ? 'loading' : needsName ? 'missing' : 'set'}>
          <ScopeSelect ws={ws} value={scope} onChange={setScope} label="Scope" />
          <div className="field">
            <label htmlFor={`${id}-asof`}>As of</label>
            <input id={`${id}-asof`} value={asOfValue} onChange={(e) => setAsOf(e.target.value)} aria-invalid={asOfError ? true : undefined} aria-describedby={asOfError ? `${id}-asof-error` : undefined} placeholder="YYYY-MM-DD" />
            {asOfError && <p id={`${id}-asof-error`} className="error-text">{asOfError}</p>}
          </div>
          {needsName && (
            <div className="field">
              <label htmlFor={`${id}-user`}>Your name</label>
              <input
                id={`${id}-user`} ref={nameInput} value={nameDraft} maxLength={200} autoComplete="name" aria-required="true"
                onChange={(e) => { setNameDraft(e.target.value); setNameError(null); }}
                aria-invalid={nameError ? true : undefined} aria-describedby={`${id}-user-hint${nameError ? ` ${id}-user-error` : ''}`}
              />
              <p id={`${id}-user-hint`} className="muted">Required before the first export: saved as your user name (as in Settings), which the change history records with each change. Earlier changes made without a name show as "not named".</p>
              {nameError && <p id={`${id}-user-error`} role="alert" className="error-text">{nameError}</p>}
            </div>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={sign} onChange={(e) => setSign(e.target.checked)} /> Sign with this installation's key
          </label>
          <div className="button-row">
            <button type="submit" className="primary" disabled={phase.step === 'working' || Boolean(asOfError) || ws.lines.length === 0}>Export bundle…</button>
            {phase.step === 'working' && <button type="button" onClick={() => { cancelled.current = true; job.current?.cancel(); }}>Cancel</button>}
          </div>
        </form>
      )}
      {phase.step === 'working' && (
        <p role="status">
          <progress aria-label="Exporting" max={100} value={Math.round(phase.fraction * 100)} /> {phase.label}… {Math.round(phase.fraction * 100)}%
        </p>
      )}
      {phase.step === 'done' && (
        <p role="status">
          Exported {phase.fileName}: {phase.manifest.counts.products} products, {phase.manifest.counts.findings} findings
          {phase.fingerprint ? <>, signed by <Fingerprint hex={phase.fingerprint} /></> : ', unsigned'}.
        </p>
      )}
      {phase.step === 'failed' && <p role="alert" className="error-text">{phase.message}</p>}
    </section>
  );
}
