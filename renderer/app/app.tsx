import { useEffect, useState } from 'react';
import type { SupportspanDb } from '../db/database';
import { DbProvider } from '../db/db-context';
import { describeError } from '../db/errors';
import { PlatformProvider } from '../platform/platform-context';
import type { Platform } from '../platform/platform';
import { ErrorBoundary, ErrorReport } from './error-boundary';
import { Shell } from './shell';
import { AnalysisProvider } from '../analysis/analysis-context';
import { browserStorage, ensurePersistentStorage, type StorageManagerLike } from './storage-persistence';
import { useUiStore } from '../state/ui-store';
import { runFirstRun } from './first-run';
import { offerBundle } from '../features/bundles/desktop-integration';
import { installBenchHookIfRequested } from '../features/workspace/bench-hook-loader';
import { AuthorSync, loadAuthor } from './author';
import { TeamSyncRunner } from '../team/team-sync-runner';
import { OtherWindowChanges } from './other-window-changes';
import { protectStoredKey } from '../db/repositories/keys';

export interface AppProps {
  db: SupportspanDb;
  platform: Platform;
  /** Defaults to navigator.storage; tests pass a fake or `null` for "not available". */
  storage?: StorageManagerLike | null;
  /** Load the sample portfolio into a never-initialised, empty workspace (default true; tests turn it off). */
  firstRun?: boolean;
}

type OpenState = { status: 'opening' } | { status: 'open' } | { status: 'failed'; error: Error };

/** Opens the database before showing data, so a failure to open is explained instead of a blank screen. */
export function App({ db, platform, storage, firstRun = true }: AppProps) {
  const [state, setState] = useState<OpenState>({ status: 'opening' });

  useEffect(() => {
    let cancelled = false;
    db.open().then(
      async () => {
        // Before any write, so that even the first run's changes say who made them (a failed read leaves "unknown user"; AuthorSync reads again).
        await loadAuthor(db).catch(() => undefined);
        // A key stored readable by an earlier version becomes non-extractable before anything else runs.
        await protectStoredKey(db);
        // A bundle the operating system handed over at start means an audit: the first run then loads no sample.
        // It is taken here (once) and offered for audit when the app shows.
        const pending = firstRun ? await platform.pendingOpen().catch(() => null) : null;
        // A failed first run leaves an empty, usable workspace: say so instead of blocking the app.
        if (firstRun) await runFirstRun(db, { auditing: pending !== null }).catch((error: unknown) => { useUiStore.getState().pushNotice({ kind: 'warning', message: 'Could not load the sample portfolio; the workspace starts empty.', detail: describeError(error) }); });
        installBenchHookIfRequested(db, platform);
        if (cancelled) return;
        setState({ status: 'open' });
        if (pending) offerBundle(pending, 'audit');
        ensurePersistentStorage(db, storage === undefined ? (browserStorage() ?? null) : storage).catch((error: unknown) => {
          useUiStore.getState().pushNotice({ kind: 'warning', message: 'Could not record the storage persistence state.', detail: describeError(error) });
        });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [db, storage, firstRun, platform]);

  return (
    <ErrorBoundary scope="Supportspan">
      <PlatformProvider platform={platform}>
        <DbProvider db={db}>
          {state.status === 'open' && (
            <AnalysisProvider>
              <AuthorSync />
              <TeamSyncRunner />
              <OtherWindowChanges />
              <Shell />
            </AnalysisProvider>
          )}
          {state.status === 'opening' && <p className="opening" role="status">Opening your workspace…</p>}
          {state.status === 'failed' && (
            <main id="main">
              <ErrorReport error={state.error} scope="opening the workspace database" />
            </main>
          )}
        </DbProvider>
      </PlatformProvider>
    </ErrorBoundary>
  );
}
