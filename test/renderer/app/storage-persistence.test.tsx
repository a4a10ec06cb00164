import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { ensurePersistentStorage, type StorageManagerLike } from '../../../renderer/app/storage-persistence';
import { getSetting } from '../../../renderer/db';
import { DbProvider } from '../../../renderer/db/db-context';
import { StoragePanel, formatBytes } from '../../../renderer/features/settings/storage-panel';
import { useUiStore } from '../../../renderer/state/ui-store';
import type { SupportspanDb } from '../../../renderer/db/database';
import { dropDb, renderApp, testDb } from '../helpers';

let db: SupportspanDb;
afterEach(async () => {
  await dropDb(db);
});

function fakeStorage(overrides: Partial<StorageManagerLike> = {}): StorageManagerLike & { persist: ReturnType<typeof vi.fn> } {
  return {
    persist: vi.fn(async () => true),
    persisted: vi.fn(async () => true),
    estimate: vi.fn(async () => ({ usage: 5 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 })),
    ...overrides,
  } as StorageManagerLike & { persist: ReturnType<typeof vi.fn> };
}

describe('persistent storage request', () => {
  it('asks once on first start and remembers the answer', async () => {
    db = testDb();
    const storage = fakeStorage({ persist: vi.fn(async () => false) });
    const first = await ensurePersistentStorage(db, storage);
    expect(first).toMatchObject({ requested: true, granted: false });
    expect(await ensurePersistentStorage(db, storage)).toEqual(first);
    expect(storage.persist).toHaveBeenCalledOnce();
    expect(await getSetting(db, 'storagePersistence')).toEqual(first);
  });

  it('records that the API is missing', async () => {
    db = testDb();
    expect(await ensurePersistentStorage(db, null)).toMatchObject({ requested: false, granted: false, note: expect.stringMatching(/no persistent-storage request/) });
  });

  it('shows a failed request instead of swallowing it', async () => {
    db = testDb();
    const storage = fakeStorage({ persist: vi.fn(async () => { throw new Error('denied by policy'); }) });
    const answer = await ensurePersistentStorage(db, storage);
    expect(answer.note).toBe('The request failed: Error: denied by policy');
    expect(useUiStore.getState().notices[0]?.message).toMatch(/Persistent storage could not be requested/);
  });

  it('is asked when the app starts', async () => {
    const storage = fakeStorage();
    const rendered = await renderApp({ storage });
    db = rendered.db;
    await vi.waitFor(async () => expect(await getSetting(db, 'storagePersistence')).toMatchObject({ granted: true }));
    expect(storage.persist).toHaveBeenCalledOnce();
  });
});

describe('storage panel', () => {
  it('shows persistence and the estimate', async () => {
    db = testDb();
    await ensurePersistentStorage(db, fakeStorage());
    render(<DbProvider db={db}><StoragePanel storage={fakeStorage()} /></DbProvider>);
    expect((await screen.findByText(/5\.0 MB of 2\.0 GB available/)).textContent).toBe('5.0 MB of 2.0 GB available to Supportspan');
    expect(screen.getByTestId('persisted').textContent).toBe('Yes');
  });

  it('shows a failing estimate and explains what "not persisted" means', async () => {
    db = testDb();
    await ensurePersistentStorage(db, fakeStorage({ persist: vi.fn(async () => false) }));
    const storage = fakeStorage({ estimate: vi.fn(async () => { throw new Error('estimate broke'); }), persisted: vi.fn(async () => false) });
    render(<DbProvider db={db}><StoragePanel storage={storage} /></DbProvider>);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not read the storage estimate: Error: estimate broke');
    expect(await screen.findByText(/may clear Supportspan's data/)).toBeTruthy();
    expect(screen.getByTestId('persisted').textContent).toBe('No');
  });

  it('formats sizes', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
  });
});
