import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, renderHook, waitFor, act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { DbProvider } from '../../../renderer/db/db-context';
import type { SupportspanDb } from '../../../renderer/db/database';
import { createLine, putProduct } from '../../../renderer/db';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { deleteComponents } from '../../../renderer/db/repositories/components';
import { addUserRisk, putControl, saveRiskAssessment } from '../../../renderer/db/repositories/risks';
import { useRiskRegister, useRiskRegisterData } from '../../../renderer/analysis/use-risk-register';
import { analyzePortfolio } from '../../../shared/engine';
import { lifecycleRiskId } from '../../../shared/risk';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
afterEach(async () => {
  cleanup();
  await dropDb(db);
});

const wrapper = ({ children }: { children: ReactNode }) => <DbProvider db={db}>{children}</DbProvider>;
const LC = lifecycleRiskId('TID-210', 'gw', null);

async function seed() {
  const line = await createLine(db, { name: 'Gateways', environment: 'consumer' });
  await putProduct(db, {
    id: 'gw', lineId: line.id, name: 'Gateway G1', category: 'gateway',
    firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31', expectedUseYears: 6, unitsPerYear: 1000, declaredSupportEnd: '2022-12-31',
    components: [
      { id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' },
      { id: 'radio', name: 'Radio', class: 'it', role: 'radio' },
    ],
  });
  await setSetting(db, 'asOfDate', '2026-01-15');
}

describe('useRiskRegister', () => {
  it('builds the live register for the app as-of date with the findings the Findings screen shows, and follows edits', async () => {
    db = testDb();
    await seed();
    const { result } = renderHook(() => useRiskRegister(), { wrapper });
    await waitFor(() => expect(result.current).toBeDefined());
    expect(result.current!.asOf).toBe('2026-01-15');
    const row = result.current!.risks.find((r) => r.id === LC)!;
    expect([row.likelihood, row.impact, row.score, row.level, row.status]).toEqual([4, 3, 12, 'high', 'open']);
    const findings = analyzePortfolio({ lines: await db.lines.toArray(), products: await db.products.toArray(), decisions: [] }, { asOf: '2026-01-15' }).findings;
    for (const key of row.findingKeys) expect(findings.map((f) => f.key)).toContain(key);

    await act(async () => {
      await saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', likelihood: 1, impact: 1 });
      await putControl(db, { title: 'Isolation', riskIds: [LC], status: 'in-place' });
    });
    // Two writes: the live query may show the first before the second.
    await waitFor(() => expect(result.current!.risks.find((r) => r.id === LC)).toMatchObject({ score: 1, controls: [expect.any(String)] }));

    // Extending support makes the lifecycle risk go away; its assessment stays, listed as resolved.
    await act(async () => {
      await putProduct(db, { ...(await db.products.get('gw'))!, declaredSupportEnd: '2035-12-31' });
    });
    await waitFor(() => expect(result.current!.risks.find((r) => r.id === LC)).toBeUndefined());
    expect(result.current!.resolved).toEqual([LC]);
  });

  it('takes an explicit as-of date, and keeps a risk on a removed component on its product', async () => {
    db = testDb();
    await seed();
    const risk = await addUserRisk(db, { productId: 'gw', componentId: 'radio', threatId: 'TID-101' });
    await deleteComponents(db, 'gw', ['radio']);
    const { result } = renderHook(() => ({ register: useRiskRegister('2021-06-01'), data: useRiskRegisterData() }), { wrapper });
    await waitFor(() => expect(result.current.register).toBeDefined());
    expect(result.current.register!.asOf).toBe('2021-06-01');
    // The user's risk is on the product now; the stored record is left as it was.
    expect(result.current.register!.risks.find((r) => r.id === risk.id)).toMatchObject({ componentId: null, component: null, product: 'Gateway G1' });
    expect(result.current.data!.risks).toMatchObject([{ id: risk.id, componentId: 'radio' }]);
  });
});
