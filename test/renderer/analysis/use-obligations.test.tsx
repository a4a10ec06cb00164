import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { dropDb, testDb } from '../helpers';
import { DbProvider } from '../../../renderer/db/db-context';
import { AnalysisProvider } from '../../../renderer/analysis/analysis-context';
import { useCommunicationPlan, usePortfolioCoverage, useProductActivities, useVulnerabilities } from '../../../renderer/analysis/use-obligations';
import { createLine, putProduct } from '../../../renderer/db';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { putCommunicationPlan, putVulnerability, saveActivity } from '../../../renderer/db/repositories/obligations';
import { acceptRisk } from '../../../renderer/db/repositories/decisions';
import { defaultCommunicationPlan } from '../../../shared/obligations/communication';
import type { SupportspanDb } from '../../../renderer/db/database';

let db: SupportspanDb;
afterEach(async () => {
  await dropDb(db);
});

function Probe() {
  const acts = useProductActivities('p1');
  const coverage = usePortfolioCoverage();
  const vulns = useVulnerabilities();
  const plan = useCommunicationPlan('p1');
  if (!acts || !coverage || !vulns || !plan) return <p data-testid="probe">loading</p>;
  const a5 = acts.find((a) => a.id === 'A5')!;
  return (
    <p data-testid="probe">
      {`${acts.length}|A5 ${a5.record.status} ${a5.derived.map((d) => `${d.key}=${d.status}`).join(',')}|plan ${a5.plan?.key ?? '-'}|problem ${a5.statusProblem ? a5.blockingFindings.join('+') : 'no'}|done ${coverage.activitiesDone}/${coverage.activitiesTotal}|vulns ${vulns.map((v) => v.id).join(',')}|notices ${plan.plan.noticeMonths.join(',')} ${plan.stored ? 'stored' : 'default'}`}
    </p>
  );
}

const probe = () => screen.getByTestId('probe').textContent;

describe('obligations hooks', () => {
  it('derive activities from the live findings, decisions and planner, and follow every edit', async () => {
    db = testDb();
    await db.open();
    const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
    // Support declared to end long before the expected use ends: a high finding on Activity 5.
    await putProduct(db, { id: 'p1', lineId: line.id, name: 'T1', category: 'thermostat', markets: ['EU'], firstPlacedOnMarket: '2025-01-01', expectedUseYears: 10, declaredSupportEnd: '2026-06', components: [] });
    await putProduct(db, { id: 'p2', lineId: line.id, name: 'T2', category: 'thermostat', components: [] });
    await setSetting(db, 'asOfDate', '2026-01-15');
    render(
      <DbProvider db={db}>
        <AnalysisProvider debounceMs={5}>
          <Probe />
        </AnalysisProvider>
      </DbProvider>,
    );
    await waitFor(() => expect(probe()).toMatch(/^9\|A5 not-started /));
    expect(probe()).toContain('support-ends-before-use:p1:-=open');
    expect(probe()).toContain('|plan plan:p1|');
    expect(probe()).toContain('|done 0/18|vulns |notices 12,6,0 default');

    await act(async () => {
      await saveActivity(db, { productId: 'p1', activityId: 'A5', status: 'done' });
    });
    await waitFor(() => expect(probe()).toContain('A5 done'));
    expect(probe()).toContain('problem support-ends-before-use:p1:-+legal-min-support:p1:-|');
    expect(probe()).toContain('done 1/18');

    await act(async () => {
      await acceptRisk(db, { findingKey: 'support-ends-before-use:p1:-', productId: 'p1', rationale: 'Extension being negotiated', by: 'Ana', expires: '2026-12-31' });
    });
    await waitFor(() => expect(probe()).toContain('support-ends-before-use:p1:-=accepted'));
    expect(probe()).toContain('problem legal-min-support:p1:-|');
    await act(async () => {
      await saveActivity(db, { productId: 'p1', activityId: 'A5', reason: 'Legal minimum covered by the extension being negotiated' });
    });
    await waitFor(() => expect(probe()).toContain('problem no|'));

    await act(async () => {
      await putVulnerability(db, { id: 'v1', kind: 'severe-incident', title: 'Outage', identifier: 'INC-1', productIds: ['p1'], knownAt: '2026-01-10T10:00:00Z' });
      await putCommunicationPlan(db, { ...defaultCommunicationPlan('p1'), noticeMonths: [24, 0] });
    });
    await waitFor(() => expect(probe()).toContain('vulns v1|notices 24,0 stored'));
  });
});
