/**
 * The UI benchmark (`npm run bench:ui`) opens the app with `?bench` and drives it
 * through `window.__supportspanBench`. The hook exists only in the benchmark's
 * own build (`vite build --mode bench`, into dist/renderer-bench): in every
 * other build `SUPPORTSPAN_BENCH` is the constant false, the bundler drops the
 * branch and the hook's chunk is not emitted, so `?bench` does nothing in the
 * shipped app.
 */
import type { SupportspanDb } from '../../db/database';
import type { Platform } from '../../platform/platform';

export function benchRequested(search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return new URLSearchParams(search).has('bench');
}

export function installBenchHookIfRequested(db: SupportspanDb, platform: Platform): void {
  if (!import.meta.env.SUPPORTSPAN_BENCH || !benchRequested()) return;
  void import('./bench-hook').then((m) => m.installBenchHook(db, platform));
}
