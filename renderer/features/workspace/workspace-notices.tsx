/**
 * What the portfolio screen says about the workspace itself: that it holds the
 * sample portfolio (with "Start an empty workspace" and "Keep the sample"), and
 * the empty state that says what to do first.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '../../db/db-context';
import { describeError } from '../../db/errors';
import { getSetting } from '../../db/repositories/settings';
import { clearWorkspace, dismissSampleNotice } from '../../db/repositories/workspace';
import { loadSample } from '../../app/first-run';
import { useUiStore } from '../../state/ui-store';
import { useAnalysis } from '../../analysis/analysis-context';
import { ConfirmDialog } from '../portfolio/dialog';

export function StartEmptyButton({ onCleared }: { onCleared?: (message: string) => void }) {
  const db = useDb();
  const [confirming, setConfirming] = useState(false);
  const clear = async () => {
    try {
      const done = await clearWorkspace(db);
      setConfirming(false);
      useUiStore.getState().selectProduct(null);
      onCleared?.(`Started an empty workspace: removed ${done.lines} product lines and ${done.products} products.`);
    } catch {
      // Storage errors are shown as a notice by the repository.
      setConfirming(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => setConfirming(true)}>Start an empty workspace</button>
      {confirming && (
        <ConfirmDialog
          title="Start an empty workspace"
          message={<p>Remove every product line, product and decision in this workspace? Settings are kept. You can undo this right after.</p>}
          confirmLabel="Remove everything"
          onConfirm={clear}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}

export function SampleNotice({ onCleared }: { onCleared?: (message: string) => void }) {
  const db = useDb();
  const init = useLiveQuery(() => getSetting(db, 'workspaceInitialized'), [db]);
  const hasLines = (useAnalysis().portfolio?.lines.length ?? 0) > 0;
  if (!init || init.source !== 'sample' || init.sampleNoticeDismissed || !hasLines) return null;
  const auditorChoice = async () => {
    try {
      await clearWorkspace(db);
      useUiStore.getState().selectProduct(null);
      onCleared?.('Sample removed from your workspace: open a bundle to audit it. “Load the sample portfolio” brings the sample back.');
      useUiStore.getState().navigate({ area: 'bundles' });
    } catch {
      // Storage errors are shown as a notice by the repository.
    }
  };
  return (
    <section className="sample-notice notice notice-info" aria-labelledby="sample-notice-title">
      <h2 id="sample-notice-title">This is sample data</h2>
      <p>
        The product lines below are fictional devices that show every kind of finding, so you can try the workbench.
        Edit them freely, or start with an empty workspace for your own products.
      </p>
      <div className="sample-notice-actions">
        <StartEmptyButton onCleared={onCleared} />
        <button type="button" onClick={() => void dismissSampleNotice(db).catch(() => undefined)}>Keep the sample</button>
        <button type="button" onClick={() => void auditorChoice()}>I am an auditor</button>
      </div>
      <p className="hint">An auditor opens a manufacturer's bundle in its own read-only audit: “I am an auditor” takes the sample out of your workspace (the portfolio screen offers it again) and goes to Bundles and audits.</p>
    </section>
  );
}

export function EmptyWorkspace() {
  const db = useDb();
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setBusy(true);
    try {
      await loadSample(db);
    } catch (error) {
      useUiStore.getState().pushNotice({ kind: 'warning', message: 'Could not load the sample portfolio.', detail: describeError(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="empty-state">
      <p><strong>No product lines yet.</strong></p>
      <p>
        A product line groups products that share an environment, for example “Smart thermostats” (consumer) or
        “Line controllers” (industrial). Type a name in the “New product line” form, choose the environment and press
        “Create product line”; then add its products with “New product”. Everything is saved on this computer as you go.
      </p>
      <p>
        Want to look around first?{' '}
        <button type="button" onClick={() => void load()} disabled={busy}>Load the sample portfolio</button>
      </p>
    </div>
  );
}
