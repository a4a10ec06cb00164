/**
 * Spreadsheet import benchmark (part of `npm run bench`, in its own process so
 * its memory figures are its own): time and peak memory of refusing the
 * XLSX decompression bombs, then reading 100,000 component rows as CSV and as
 * .xlsx against a floor measured in the same run on the same file (the bare
 * papaparse parse of the text; the bare ExcelJS load of the workbook).
 * Prints a table; never fails (speed is reported, not asserted).
 */
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { portfolioToCsv, portfolioToRows, TEMPLATE_COLUMNS } from '../../shared/csv';
import { readSpreadsheet } from '../../shared/import/spreadsheet';
import { templateRowsToCells, writeXlsx, type ExcelJsModule } from '../../shared/interop';
import { bombWorkbook } from '../shared/import/spreadsheet/zip-build';
import { generatePortfolio } from './generate-portfolio';

const MB = 1024 * 1024;
const peakMB = (): number => process.resourceUsage().maxRSS / 1024;
const rssMB = (): number => process.memoryUsage().rss / MB;

async function timed<T>(run: () => Promise<T> | T, times = 1): Promise<{ ms: number; value: T }> {
  let best = Infinity;
  let value: T | undefined;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    value = await run();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, value: value as T };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

async function main(): Promise<void> {
  console.log('\nSpreadsheet import');
  const bombs: string[][] = [['XLSX bomb', 'file MB', 'refused in ms', 'peak RSS +MB', 'message']];
  for (const [label, make] of [
    ['2 MB -> 1.9 GB, size declared', () => bombWorkbook(1900)],
    ['2 MB -> 1.9 GB, header lies (40 MB)', () => bombWorkbook(1900, 40 * MB)],
    ['0.4 MB -> 400 MB, size declared', () => bombWorkbook(400)],
    ['0.4 MB -> 400 MB, header lies (2 MB)', () => bombWorkbook(400, 2 * MB)],
  ] as const) {
    const bytes = make();
    const before = peakMB();
    const { ms, value } = await timed(() => readSpreadsheet(bytes, 'bomb.xlsx'));
    const refused = value.errors.length > 0 && value.portfolio.products.length === 0;
    bombs.push([label, (bytes.length / MB).toFixed(1), refused ? ms.toFixed(0) : 'NOT REFUSED', Math.max(0, peakMB() - before).toFixed(0), (value.errors[0]?.reason ?? '').slice(0, 70)]);
  }
  console.log(table(bombs));
  console.log(`- goal: refused under 2 s with peak under 300 MB (process peak now ${peakMB().toFixed(0)} MB)`);

  const rowsWanted = 100_000;
  const portfolio = generatePortfolio(rowsWanted);
  const csv = new TextEncoder().encode(portfolioToCsv(portfolio));
  const lib = ExcelJS as unknown as ExcelJsModule;
  const header = [...TEMPLATE_COLUMNS];
  const xlsx = await writeXlsx(lib, header, templateRowsToCells(header, portfolioToRows(portfolio)));

  const results: string[][] = [['100,000 rows', 'file MB', 'floor ms', 'ours ms', 'ours/floor', 'RSS after MB', 'products read']];
  const csvFloor = await timed(() => Papa.parse<string[]>(new TextDecoder().decode(csv), { skipEmptyLines: false }).data.length, 2);
  const csvOurs = await timed(() => readSpreadsheet(csv, 'portfolio.csv'), 2);
  results.push(['CSV (floor: papaparse)', (csv.length / MB).toFixed(1), csvFloor.ms.toFixed(0), csvOurs.ms.toFixed(0), (csvOurs.ms / csvFloor.ms).toFixed(2), rssMB().toFixed(0), String(csvOurs.value.portfolio.products.length)]);
  const xlsxFloor = await timed(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    return wb.worksheets[0]?.rowCount ?? 0;
  });
  const xlsxOurs = await timed(() => readSpreadsheet(xlsx, 'portfolio.xlsx'));
  results.push(['XLSX (floor: ExcelJS load)', (xlsx.length / MB).toFixed(1), xlsxFloor.ms.toFixed(0), xlsxOurs.ms.toFixed(0), (xlsxOurs.ms / xlsxFloor.ms).toFixed(2), rssMB().toFixed(0), String(xlsxOurs.value.portfolio.products.length)]);
  console.log(table(results));
  for (const [name, r] of [['CSV', csvOurs.value], ['XLSX', xlsxOurs.value]] as const) {
    if (r.errors.length > 0) console.log(`- ${name}: ${r.errors.length} errors, first: ${r.errors[0]!.reason}`);
  }
  console.log(`- ours = detect header, encoding and conventions, convert and check every cell, assemble the portfolio; the floor only splits cells`);
}

await main();
