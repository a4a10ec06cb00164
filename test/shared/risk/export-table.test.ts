import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { portfolioSchema } from '../../../shared/domain';
import { writeXlsxSheets, readXlsx } from '../../../shared/interop';
import {
  buildRegister, CATALOG_VERSION, CONTROL_COLUMNS, controlSchema, emptyRegisterData, lifecycleRiskId, RISK_COLUMNS, riskRecordSchema,
  riskRegisterTables, tableToCsv, tableToSheetCells,
} from '../../../shared/risk';
import { comp, LINE, product } from '../engine/fixtures';

const AS_OF = '2026-01-15';
const EVIL = '=HYPERLINK("http://x","click")';

function register() {
  const gw = product({
    id: 'gw', name: 'Gateway G1', category: 'gateway', firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31',
    expectedUseYears: 6, unitsPerYear: 1000, declaredSupportEnd: '2022-12-31',
  }, [comp({ id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2040-12', updateMechanism: 'ota' }), comp({ id: 'radio', name: '+Radio', class: 'it', role: 'radio' })]);
  const portfolio = portfolioSchema.parse({ lines: [LINE], products: [gw], decisions: [] });
  const lc = lifecycleRiskId('TID-210', 'gw', null);
  const risks = [
    riskRecordSchema.parse({ id: lc, productId: 'gw', threatId: 'TID-210', response: 'accept', rationale: EVIL, owner: '@ana', expires: '2026-06-30' }),
    riskRecordSchema.parse({ id: 'u1', productId: 'gw', componentId: 'radio', threatId: 'TID-101', likelihood: 2, impact: 5 }),
  ];
  const controls = [
    controlSchema.parse({ id: 'c1', title: 'Network isolation', status: 'in-place', compensating: true, riskIds: [lc, 'u1'], dueDate: '2026-09' }),
    controlSchema.parse({ id: 'c2', title: EVIL, riskIds: [] }),
  ];
  const result = buildRegister(portfolio, { ...emptyRegisterData(CATALOG_VERSION), risks, controls }, { asOf: AS_OF });
  return { result, controls, lc };
}

describe('risk register tables', () => {
  it('CSV: one row per risk with the register values, formatted, guarded, and parsed back by papaparse', () => {
    const { result, controls, lc } = register();
    const tables = riskRegisterTables(result, controls);
    const csv = tableToCsv(tables.risks, { bom: true });
    expect(csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...RISK_COLUMNS]);
    expect(parsed.data).toHaveLength(result.risks.length);
    const row = parsed.data.find((r) => r['Risk id'] === lc)!;
    const reg = result.risks.find((r) => r.id === lc)!;
    expect(row).toMatchObject({
      Product: 'Gateway G1', Environment: 'Consumer IoT', 'Threat id': 'TID-210', Threat: 'Device Vulnerabilities Unpatchable', 'Threat source': 'MITRE EMB3D',
      'Derived from lifecycle': 'yes', Likelihood: String(reg.likelihood), Score: String(reg.score), Level: 'High',
      Response: 'Accept', Status: 'Accepted', Owner: "'@ana", Expires: '2026-06-30', Rationale: `'${EVIL}`,
      'Exposure starts': '2022-12-31', Controls: 'Network isolation', 'Control ids': 'c1',
    });
    // The exposure as the app writes it: grouped, one decimal.
    expect(row['Exposure (unit-years)']).toMatch(/^\d{1,3}(,\d{3})*\.\d$/);
    expect(Number(row['Exposure (unit-years)']!.replace(/,/g, ''))).toBeCloseTo(reg.exposureUnitYears!, 1);
    expect(row.Findings!.split('; ')).toEqual(reg.findingKeys);
    const user = parsed.data.find((r) => r['Risk id'] === 'u1')!;
    expect(user).toMatchObject({ Component: "'+Radio", 'Derived from lifecycle': 'no', Likelihood: '2', 'Impact (assessed)': '5', Status: 'Open', 'Exposure (unit-years)': '' });

    const ctl = Papa.parse<Record<string, string>>(tableToCsv(tables.controls), { header: true, skipEmptyLines: true });
    expect(ctl.meta.fields).toEqual([...CONTROL_COLUMNS]);
    // Sorted by title, as a person looks them up.
    expect(ctl.data.map((c) => c.Title)).toEqual([`'${EVIL}`, 'Network isolation']);
    const isolation = ctl.data.find((c) => c['Control id'] === 'c1')!;
    expect(isolation).toMatchObject({ Status: 'In place', Compensating: 'yes', 'Due date': '2026-09', 'Risk ids': `${lc}; u1` });
    const title = (id: string) => { const r = result.risks.find((x) => x.id === id)!; return `${r.threat.title} on ${r.component ? `${r.product} / ${r.component}` : r.product}`; };
    expect(isolation.Risks).toBe(`${title(lc)}; ${title('u1')}`);
    expect(title('u1')).toContain('Gateway G1 / +Radio');
  });

  it('XLSX: both sheets, numbers as numbers, whole days as dates, months as text, text guarded; read back with exceljs', async () => {
    const { result, controls, lc } = register();
    const tables = riskRegisterTables(result, controls);
    const bytes = await writeXlsxSheets(ExcelJS, [tables.risks, tables.controls].map((t) => ({ name: t.name, header: t.header, rows: tableToSheetCells(t) })));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Risks', 'Controls']);
    const sheet = wb.getWorksheet('Risks')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...RISK_COLUMNS]);
    const col = (name: string) => RISK_COLUMNS.indexOf(name as (typeof RISK_COLUMNS)[number]) + 1;
    const rowOf = (id: string) => {
      for (let i = 2; i <= sheet.rowCount; i++) if (sheet.getRow(i).getCell(1).value === id) return sheet.getRow(i);
      throw new Error(`no row ${id}`);
    };
    const reg = result.risks.find((r) => r.id === lc)!;
    const row = rowOf(lc);
    expect(row.getCell(col('Score')).value).toBe(reg.score);
    expect(row.getCell(col('Exposure (unit-years)')).value).toBeCloseTo(reg.exposureUnitYears!, 1);
    expect(row.getCell(col('Expires')).value).toEqual(new Date('2026-06-30T00:00:00Z'));
    expect(row.getCell(col('Rationale')).value).toBe(`'${EVIL}`);
    const ctl = wb.getWorksheet('Controls')!;
    expect(ctl.getRow(3).getCell(1).value).toBe('c1');
    expect(ctl.getRow(3).getCell(5).value).toBe('2026-09');
    // And the app's own reader sees the same grid.
    const back = await readXlsx(ExcelJS, bytes, { sheet: 'Controls' });
    expect(back.ok && back.grid.rows[1]![1]).toEqual({ t: 'string', v: `'${EVIL}` });
  });
});
