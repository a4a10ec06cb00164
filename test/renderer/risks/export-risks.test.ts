import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { SupportspanDb } from '../../../renderer/db/database';
import { createLine, putProduct } from '../../../renderer/db';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { putControl, saveRiskAssessment } from '../../../renderer/db/repositories/risks';
import { exportRiskRegister } from '../../../renderer/features/risks/export-risks';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { lifecycleRiskId } from '../../../shared/risk';
import { dropDb, testDb } from '../helpers';

let db: SupportspanDb;
afterEach(async () => {
  await dropDb(db);
});

const LC = lifecycleRiskId('TID-210', 'gw', null);

async function seed() {
  db = testDb();
  const line = await createLine(db, { name: 'Gateways', environment: 'industrial' });
  await putProduct(db, {
    id: 'gw', lineId: line.id, name: 'Gateway G1', category: 'gateway',
    firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31', expectedUseYears: 6, unitsPerYear: 1000, declaredSupportEnd: '2022-12-31',
    components: [{ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' }],
  });
  await setSetting(db, 'asOfDate', '2026-01-15');
  await saveRiskAssessment(db, { id: LC, productId: 'gw', threatId: 'TID-210', likelihood: 2, impact: 2 });
  await putControl(db, { title: 'Network isolation', riskIds: [LC], status: 'verified' });
}

describe('exporting the risk register from the app', () => {
  it('saves the risks and the controls as CSV through the platform, for the app as-of date', async () => {
    await seed();
    const platform = createMemoryPlatform();
    expect(await exportRiskRegister(db, 'csv', platform)).toEqual({ saved: true, name: 'risk-register-2026-01-15-risks.csv' });
    expect(await exportRiskRegister(db, 'csv', platform, { table: 'controls' })).toMatchObject({ saved: true });
    const [risks, controls] = platform.saved;
    expect(risks!.mimeType).toBe('text/csv');
    const rows = Papa.parse<Record<string, string>>(new TextDecoder().decode(risks!.bytes).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    // Industrial weighting: impact 2 -> 3; score 2 × 3.
    expect(rows).toMatchObject([{ 'Risk id': LC, Likelihood: '2', 'Impact (assessed)': '2', 'Impact (weighted)': '3', Score: '6', Controls: 'Network isolation' }]);
    const ctl = Papa.parse<Record<string, string>>(new TextDecoder().decode(controls!.bytes).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true }).data;
    expect(ctl).toMatchObject([{ Title: 'Network isolation', Status: 'Verified', 'Risk ids': LC }]);
  });

  it('saves both tables as sheets of one workbook, and says so when the user cancels', async () => {
    await seed();
    const platform = createMemoryPlatform();
    expect(await exportRiskRegister(db, 'xlsx', platform, { excel: ExcelJS })).toEqual({ saved: true, name: 'risk-register-2026-01-15.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(platform.saved[0]!.bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Risks', 'Controls']);
    expect(wb.getWorksheet('Risks')!.getRow(2).getCell(1).value).toBe(LC);
    platform.cancelNextSave();
    expect(await exportRiskRegister(db, 'xlsx', platform, { excel: ExcelJS })).toEqual({ saved: false });
  });
});
