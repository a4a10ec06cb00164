import { afterEach } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { screen } from '@testing-library/react';
import { SupportspanDb, type SupportspanDbOptions } from '../../renderer/db/database';
import { App } from '../../renderer/app/app';
import { createMemoryPlatform, type MemoryPlatform } from '../../renderer/platform/memory-platform';
import type { StorageManagerLike } from '../../renderer/app/storage-persistence';

let counter = 0;

/** A database of its own per test, so tests never see each other's rows. */
export function testDb(options: SupportspanDbOptions = {}, name = `test-${Date.now()}-${++counter}`): SupportspanDb {
  return new SupportspanDb(name, options);
}

export async function dropDb(db: SupportspanDb): Promise<void> {
  db.close();
  await db.delete({ disableAutoOpen: true });
}

/**
 * For files whose tests each open their own database: the returned function makes it;
 * after the test the app is unmounted and that database deleted.
 */
export function useTestDb(): (options?: SupportspanDbOptions) => SupportspanDb {
  let db: SupportspanDb | null = null;
  afterEach(async () => {
    cleanup();
    if (db) await dropDb(db);
    db = null;
  });
  return (options) => (db = testDb(options));
}

export interface RenderAppOptions {
  db?: SupportspanDb;
  platform?: MemoryPlatform;
  storage?: StorageManagerLike | null;
  /** Load the sample portfolio on first start, as the app does; off by default so tests start from a clean database. */
  firstRun?: boolean;
}

/** Renders the whole app over a fresh database and waits until the workspace is open. */
export async function renderApp(options: RenderAppOptions = {}) {
  const db = options.db ?? testDb();
  const platform = options.platform ?? createMemoryPlatform();
  const result = render(<App db={db} platform={platform} storage={options.storage === undefined ? null : options.storage} firstRun={options.firstRun ?? false} />);
  await screen.findByRole('navigation', { name: 'Main' });
  return { ...result, db, platform };
}
