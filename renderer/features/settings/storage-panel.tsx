import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useDb } from '../../db/db-context';
import { describeError } from '../../db/errors';
import { getSetting } from '../../db/repositories/settings';
import { browserStorage, type StorageManagerLike } from '../../app/storage-persistence';

type Estimate = { status: 'loading' } | { status: 'ok'; usage: number; quota: number; persisted: boolean | null } | { status: 'unavailable' } | { status: 'failed'; error: string };

import { formatBytes } from '../../../shared/format/format';

export { formatBytes };

/** Persistence and space used: what decides whether the browser engine may clear the data. */
export function StoragePanel({ storage = browserStorage() }: { storage?: StorageManagerLike | undefined }) {
  const db = useDb();
  const persistence = useLiveQuery(() => getSetting(db, 'storagePersistence'), [db]);
  const [estimate, setEstimate] = useState<Estimate>(storage ? { status: 'loading' } : { status: 'unavailable' });

  useEffect(() => {
    if (!storage) return;
    let cancelled = false;
    Promise.all([storage.estimate(), storage.persisted().catch(() => null)]).then(
      ([e, persisted]) => !cancelled && setEstimate({ status: 'ok', usage: e.usage ?? 0, quota: e.quota ?? 0, persisted }),
      (error: unknown) => !cancelled && setEstimate({ status: 'failed', error: describeError(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [storage]);

  const persisted = estimate.status === 'ok' && estimate.persisted !== null ? estimate.persisted : persistence?.granted;

  return (
    <section aria-labelledby="storage-title" className="panel">
      <h2 id="storage-title">Storage</h2>
      <dl className="facts">
        <dt>Persistent storage</dt>
        <dd data-testid="persisted">{persisted === undefined ? 'not known yet' : persisted ? 'Yes' : 'No'}</dd>
        {persistence?.note && (
          <>
            <dt>Note</dt>
            <dd>{persistence.note}</dd>
          </>
        )}
        <dt>Space used</dt>
        <dd data-testid="usage">
          {estimate.status === 'loading' && 'measuring…'}
          {estimate.status === 'unavailable' && 'This browser engine does not report storage use.'}
          {estimate.status === 'failed' && <span role="alert">Could not read the storage estimate: {estimate.error}</span>}
          {estimate.status === 'ok' && `${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)} available to Supportspan`}
        </dd>
      </dl>
      {persisted === false && (
        <p className="hint">
          Without persistent storage the browser engine may clear Supportspan's data when the disk runs low. Export your
          portfolio regularly; in a browser, installing the desktop app or bookmarking the page can make persistence likelier.
        </p>
      )}
    </section>
  );
}
