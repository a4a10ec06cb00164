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

export interface AppProps {
  db: SupportspanDb;
  platform: Platform;
  /** Defaults to navigator.storage; tests pass a fake or `null` for "not available". */
  storage?: StorageManagerLike | null;
}

type OpenState = { status: 'opening' } | { status: 'open' } | { status: 'failed'; error: Error };

/** Opens the database before showing data, so a failure to open is explained instead of a blank screen. */
export function App({ db, platform, storage }: AppProps) {
  const [state, setState] = useState<OpenState>({ status: 'opening' });

  useEffect(() => {
    let cancelled = false;
    db.open().then(
      () => {
        if (cancelled) return;
        setState({ status: 'open' });
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
  }, [db, storage]);

  return (
    <ErrorBoundary scope="Supportspan">
      <PlatformProvider platform={platform}>
        <DbProvider db={db}>
          {state.status === 'open' && (
            <AnalysisProvider>
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
