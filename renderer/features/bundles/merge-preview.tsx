/**
 * Merge preview: what importing the bundle would add, change (field by field)
 * and where it conflicts with the workspace. Reading only until the user
 * confirms; then one transaction (importBundleIntoDb), logged as one change
 * group, so Undo reverts the whole merge in one step.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Bundle, MergePlan } from '../../../shared/bundle';
import { useDb } from '../../db/db-context';
import { importBundleIntoDb, previewMerge } from '../../db/bundle-io';
import { useUiStore } from '../../state/ui-store';
import { messageOf, shortValue } from './common';
import { IncrementalList } from '../lists/incremental-list';
import { showHidden } from '../../../shared/text/hygiene';

const KIND_LABEL = { line: 'Product line', product: 'Product', decision: 'Decision' } as const;

type Phase =
  | { step: 'planning' }
  | { step: 'planned'; plan: MergePlan }
  | { step: 'writing'; plan: MergePlan; done: number; total: number }
  | { step: 'failed'; message: string; plan?: MergePlan };

export function MergePreview({ bundle, fileName, onCancel, onDone }: { bundle: Bundle; fileName: string; onCancel: () => void; onDone: () => void | Promise<void> }) {
  const db = useDb();
  const pushNotice = useUiStore((s) => s.pushNotice);
  const [phase, setPhase] = useState<Phase>({ step: 'planning' });
  const [conflicts, setConflicts] = useState<'refuse' | 'keep-current'>('refuse');
  const abort = useRef<AbortController | null>(null);
  const id = useId();

  useEffect(() => {
    let cancelled = false;
    previewMerge(db, bundle).then(
      (plan) => !cancelled && setPhase({ step: 'planned', plan }),
      (e: unknown) => !cancelled && setPhase({ step: 'failed', message: messageOf(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [db, bundle]);

  async function confirm(plan: MergePlan) {
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ step: 'writing', plan, done: 0, total: 1 });
    try {
      const result = await importBundleIntoDb(db, bundle, {
        mode: 'merge',
        conflicts,
        signal: controller.signal,
        onProgress: (done, total) => setPhase({ step: 'writing', plan, done, total }),
      });
      pushNotice({
        kind: 'success',
        message: `Merged ${fileName}: ${result.added} added, ${result.changed} changed, ${result.unchanged} unchanged${result.skipped ? `, ${result.skipped} left as they were` : ''}. Undo reverts the whole merge.`,
      });
      await onDone();
    } catch (e) {
      setPhase({ step: 'failed', message: messageOf(e), plan });
    } finally {
      abort.current = null;
    }
  }

  const plan = phase.step === 'planning' ? null : phase.step === 'failed' ? (phase.plan ?? null) : phase.plan;
  const nothingToDo = plan && plan.added.length === 0 && plan.changed.length === 0;
  const blocked = plan && plan.conflicting.length > 0 && conflicts === 'refuse';

  return (
    <section className="merge-preview" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Merge preview</h3>
      {phase.step === 'planning' && <p role="status">Comparing the bundle with your workspace…</p>}
      {plan && (
        <>
          <p>
            Nothing has been written yet. Importing would add <strong>{plan.added.length}</strong>, change <strong>{plan.changed.length}</strong> and
            leave <strong>{plan.unchanged.length}</strong> records as they are; <strong>{plan.conflicting.length}</strong> conflict.
          </p>
          <details open={plan.added.length <= 20}>
            <summary>Added ({plan.added.length})</summary>
            <IncrementalList items={plan.added} label="Added records" render={(r) => <li key={`${r.kind}:${r.id}`}>{KIND_LABEL[r.kind]} {showHidden(r.name)}</li>} />
          </details>
          <details open={plan.changed.length <= 20}>
            <summary>Changed ({plan.changed.length})</summary>
            <IncrementalList items={plan.changed} label="Changed records" page={100} render={(c) => (
                <li key={`${c.kind}:${c.id}`}>
                  {KIND_LABEL[c.kind]} {showHidden(c.name)}
                  <table className="field-diff">
                    <thead><tr><th scope="col">Field</th><th scope="col">Now</th><th scope="col">From the bundle</th></tr></thead>
                    <tbody>
                      {c.fields.slice(0, 50).map((f) => (
                        <tr key={f.path}><td><code>{f.path}</code></td><td>{shortValue(f.before)}</td><td>{shortValue(f.after)}</td></tr>
                      ))}
                    </tbody>
                  </table>
                </li>
              )} />
          </details>
          {plan.conflicting.length > 0 && (
            <>
              <h4>Conflicts ({plan.conflicting.length})</h4>
              <IncrementalList items={plan.conflicting} label="Conflicting records" render={(c) => <li key={`${c.kind}:${c.id}`}>{KIND_LABEL[c.kind]} {showHidden(c.name)}: {c.reason}</li>} />
              <fieldset>
                <legend>Where the bundle conflicts with your workspace</legend>
                <label>
                  <input type="radio" name={`${id}-conflicts`} checked={conflicts === 'refuse'} onChange={() => setConflicts('refuse')} /> Refuse the import (change nothing)
                </label>
                <label>
                  <input type="radio" name={`${id}-conflicts`} checked={conflicts === 'keep-current'} onChange={() => setConflicts('keep-current')} /> Keep my current records and import the rest
                </label>
              </fieldset>
            </>
          )}
        </>
      )}
      {phase.step === 'writing' && (
        <p role="status">
          <progress aria-label="Merging" max={Math.max(1, phase.total)} value={phase.done} /> {phase.done} of {phase.total} records
        </p>
      )}
      {phase.step === 'failed' && <p role="alert" className="error-text">{phase.message}</p>}
      <div className="button-row">
        {plan && phase.step !== 'writing' && (
          <button type="button" className="primary" disabled={Boolean(nothingToDo || blocked)} onClick={() => void confirm(plan)}>
            Import into my workspace
          </button>
        )}
        {phase.step === 'writing' ? (
          <button type="button" onClick={() => abort.current?.abort()}>Cancel</button>
        ) : (
          <button type="button" onClick={onCancel}>Back</button>
        )}
      </div>
      {blocked && <p className="muted">The import is refused while records conflict; choose "Keep my current records" to import the rest.</p>}
      {nothingToDo && <p className="muted">Your workspace already has everything in this bundle.</p>}
    </section>
  );
}
