/**
 * The UI benchmark (`npm run bench:ui`) opens the app with `?bench` and drives it
 * through `window.__supportspanBench`. The hook's code is a separate chunk loaded
 * only then, so normal use never downloads or runs it.
 */
import type { SupportspanDb } from '../../db/database';
import type { Platform } from '../../platform/platform';

export function benchRequested(search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return new URLSearchParams(search).has('bench');
}

export function installBenchHookIfRequested(db: SupportspanDb, platform: Platform): void {
  if (!benchRequested()) return;
  void import('./bench-hook').then((m) => m.installBenchHook(db, platform));
}
