/**
 * Benchmark-only entry points (see bench-hook-loader.ts): replace the workspace
 * with a synthetic portfolio, and render each chart at benchmark sizes.
 */
import type { Portfolio } from '../../../shared/domain';
import type { SupportspanDb } from '../../db/database';
import { replaceWorkspaceForBenchmark } from '../../db/repositories/workspace';
import type { Platform } from '../../platform/platform';
import { renderChartsForBenchmark, type ChartBenchRow } from '../charts/bench-harness';

export interface BenchHook {
  ready: true;
  seed(portfolio: Portfolio): Promise<{ ms: number }>;
  renderCharts(options: { components?: number; products?: number; asOf?: string; width?: number }): ChartBenchRow[];
}

declare global {
  interface Window {
    __supportspanBench?: BenchHook;
  }
}

export function installBenchHook(db: SupportspanDb, platform: Platform): void {
  window.__supportspanBench = {
    ready: true,
    async seed(portfolio) {
      const t0 = performance.now();
      await replaceWorkspaceForBenchmark(db, portfolio);
      return { ms: performance.now() - t0 };
    },
    renderCharts(options) {
      const container = document.createElement('div');
      container.style.cssText = 'position:absolute;left:0;top:0;width:1000px;background:var(--bg, #fff)';
      document.body.appendChild(container);
      try {
        return renderChartsForBenchmark(container, platform, options);
      } finally {
        container.remove();
      }
    },
  };
}
