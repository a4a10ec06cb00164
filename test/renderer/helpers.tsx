import { render } from '@testing-library/react';
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
