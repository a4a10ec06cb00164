/** The app's own CSV and .xlsx exports always read back unchanged, through the users'-spreadsheet reader too. */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portfolioToCsv, portfolioToRows, TEMPLATE_COLUMNS } from '../../../../shared/csv';
import { readSpreadsheet } from '../../../../shared/import/spreadsheet';
import { templateRowsToCells, writeXlsx, type ExcelJsModule } from '../../../../shared/interop';
import { groupedByLine, portfolioArb, withoutIds } from '../../csv/portfolio-arb';

const lib = ExcelJS as unknown as ExcelJsModule;

function idsUnique(p: Awaited<ReturnType<typeof readSpreadsheet>>['portfolio']): boolean {
  return p.products.every((prod) => new Set(prod.components.map((c) => c.id)).size === prod.components.length);
}

describe('export -> import round trip', () => {
  it('CSV (comma or semicolon, with or without BOM) reads back unchanged, repeated component names included', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArb, fc.constantFrom(',' as const, ';' as const), fc.boolean(), async (portfolio, delimiter, bom) => {
        const bytes = new TextEncoder().encode(portfolioToCsv(portfolio, { delimiter, bom }));
        const back = await readSpreadsheet(bytes, 'export.csv');
        expect(back.errors).toEqual([]);
        expect(withoutIds(back.portfolio)).toEqual(withoutIds(groupedByLine(portfolio)));
        expect(idsUnique(back.portfolio)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('XLSX (written with ExcelJS as the app exports it) reads back unchanged, repeated component names included', async () => {
    await fc.assert(
      fc.asyncProperty(portfolioArb, async (portfolio) => {
        const header = [...TEMPLATE_COLUMNS];
        const bytes = await writeXlsx(lib, header, templateRowsToCells(header, portfolioToRows(portfolio)));
        const back = await readSpreadsheet(bytes, 'export.xlsx');
        expect(back.errors).toEqual([]);
        expect(withoutIds(back.portfolio)).toEqual(withoutIds(groupedByLine(portfolio)));
        expect(idsUnique(back.portfolio)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
