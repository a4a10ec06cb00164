import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { dropDb, testDb } from '../helpers';
import { seedWasher, washer } from './fixture';
import { DbProvider } from '../../../renderer/db/db-context';
import { AnalysisProvider, optionsFromSettings, useAnalysis } from '../../../renderer/analysis/analysis-context';
import { runAnalysis, type AnalysisInput, type AnalysisOutput } from '../../../renderer/analysis/analysis-job';
import type { WorkerRunner } from '../../../renderer/analysis/runners';
import { putProduct } from '../../../renderer/db/repositories/products';
import { setSetting } from '../../../renderer/db/repositories/settings';
import type { SupportspanDb } from '../../../renderer/db/database';

let db: SupportspanDb;
afterEach(async () => {
  await dropDb(db);
});

function Probe() {
  const { status, pending, findings, options } = useAnalysis();
  return (
    <p data-testid="probe">
      {status}|{pending ? 'pending' : 'settled'}|{options.asOf}|{findings.map((f) => f.kind).join(',')}
    </p>
  );
}

/** Stands in for the Web Worker: answers arrive when the test releases them, through a structured clone like postMessage. */
function fakeWorker() {
  const calls: { input: AnalysisInput; seq: number; release(): void }[] = [];
  let terminated = false;
  const runner: WorkerRunner = {
    run: (input, seq) =>
      new Promise<AnalysisOutput>((resolve) => {
        const cloned = structuredClone(input);
        calls.push({ input: cloned, seq, release: () => resolve(structuredClone(runAnalysis(cloned))) });
      }),
    terminate: () => {
      terminated = true;
    },
  };
  return { runner, calls, isTerminated: () => terminated };
}

const probe = () => screen.getByTestId('probe').textContent;

describe('live analysis', () => {
  it('analyses large portfolios in the worker, keeps the last findings visible while recomputing, and takes the newest answer', async () => {
    db = testDb();
    await db.open();
    await seedWasher(db);
    await setSetting(db, 'asOfDate', '2026-01-15');
    const worker = fakeWorker();
    const { unmount } = render(
      <DbProvider db={db}>
        <AnalysisProvider debounceMs={20} workerThreshold={2} createWorker={() => worker.runner}>
          <Probe />
        </AnalysisProvider>
      </DbProvider>,
    );
    await waitFor(() => expect(worker.calls).toHaveLength(1));
    expect(probe()).toMatch(/^loading\|pending/);
    act(() => worker.calls[0]!.release());
    await waitFor(() => expect(probe()).toBe('ready|settled|2026-01-15|support-ends-before-use,legal-min-spares,component-support-gap,spare-gap,no-repair-info'));

    // An edit: the old findings stay while the new run is pending.
    await putProduct(db, washer({ declaredSupportEnd: '2036-12-31' }));
    await waitFor(() => expect(worker.calls).toHaveLength(2));
    expect(probe()).toBe('ready|pending|2026-01-15|support-ends-before-use,legal-min-spares,component-support-gap,spare-gap,no-repair-info');
    // A second edit before the first answer: the first answer, when it comes, is not shown.
    // 3 years of use end before the core firmware's 2029-06-30, the effective support end.
    await putProduct(db, washer({ declaredSupportEnd: '2036-12-31', expectedUseYears: 3 }));
    await waitFor(() => expect(worker.calls).toHaveLength(3));
    act(() => worker.calls[1]!.release());
    await new Promise((r) => setTimeout(r, 30));
    expect(probe()).toMatch(/^ready\|pending\|.*support-ends-before-use/);
    act(() => worker.calls[2]!.release());
    await waitFor(() => expect(probe()).toBe('ready|settled|2026-01-15|legal-min-spares,component-support-gap,no-repair-info'));
    expect(worker.calls[2]!.input.portfolio.products[0]!.expectedUseYears).toBe(3);

    unmount();
    expect(worker.isTerminated()).toBe(true);
  });

  it('small portfolios are analysed on the main thread (the worker is never started)', async () => {
    db = testDb();
    await db.open();
    await seedWasher(db);
    let started = 0;
    render(
      <DbProvider db={db}>
        <AnalysisProvider debounceMs={20} createWorker={() => { started += 1; return null; }}>
          <Probe />
        </AnalysisProvider>
      </DbProvider>,
    );
    await waitFor(() => expect(probe()).toMatch(/^ready\|settled\|/));
    expect(started).toBe(0);
  });

  it('turns settings into engine options', () => {
    expect(optionsFromSettings({ asOfDate: undefined, enabledRulePacks: undefined, orgPolicy: undefined }, '2026-02-01')).toEqual({ asOf: '2026-02-01' });
    const o = optionsFromSettings({ asOfDate: '2030-01-01', enabledRulePacks: ['uk-psti', 'eu-cra'], orgPolicy: { minSupportYears: 7, minSpareYears: null } }, '2026-02-01');
    expect(o.asOf).toBe('2030-01-01');
    expect(o.rulePacks?.map((p) => p.id)).toEqual(['eu-cra', 'uk-psti']);
    expect(o.policy).toEqual({ minSupportYears: 7 });
    expect(optionsFromSettings({ asOfDate: null, enabledRulePacks: [], orgPolicy: { minSupportYears: null, minSpareYears: null } }, '2026-02-01')).toEqual({ asOf: '2026-02-01', rulePacks: [] });
  });
});
