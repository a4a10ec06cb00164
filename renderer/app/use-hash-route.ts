import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';

/** Keeps the store's route and the location hash in step (back/forward, bookmarks, reload). */
export function useHashRoute(): void {
  const syncFromHash = useUiStore((s) => s.syncFromHash);
  useEffect(() => {
    syncFromHash(window.location.hash);
    const onHashChange = () => syncFromHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [syncFromHash]);
}
