/**
 * Builds export files of a scope: the spreadsheet template as CSV and .xlsx
 * (the same columns the import reads, so a round trip loses nothing),
 * CycloneDX 1.6 JSON of a product, and an iCalendar file of milestones.
 */
import { portfolioToCsv, portfolioToRows, TEMPLATE_COLUMNS } from '../../../shared/csv';
import type { Portfolio, Product, ProductLine } from '../../../shared/domain';
import {
  exportCycloneDx, milestonesForPortfolio, templateRowsToCells, toICalendar, writeXlsx, type ExcelJsModule, type Milestone,
} from '../../../shared/interop';

type Scope = Pick<Portfolio, 'lines' | 'products'>;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** CSV with a byte order mark: Excel needs it to read UTF-8 (the import strips it). */
export function csvBytes(portfolio: Scope): Uint8Array {
  return utf8(portfolioToCsv(portfolio, { bom: true }));
}

export function xlsxBytes(lib: ExcelJsModule, portfolio: Scope): Promise<Uint8Array> {
  const header = [...TEMPLATE_COLUMNS];
  // Text cells are guarded against formulas by templateRowsToCells, as the CSV export guards its cells.
  return writeXlsx(lib, header, templateRowsToCells(header, portfolioToRows(portfolio)));
}

export function cycloneDxBytes(product: Product, line: ProductLine | null, options: { now: Date; version: string }): Uint8Array {
  const timestamp = `${options.now.toISOString().slice(0, 19)}Z`;
  const bom = exportCycloneDx(product, line, { timestamp, toolVersion: options.version });
  return utf8(`${JSON.stringify(bom, null, 2)}\n`);
}

export interface IcsOptions {
  from: string;
  to: string;
  legalDates: boolean;
  now: Date;
  version: string;
  calendarName: string;
}

export function icsFile(portfolio: Scope, options: IcsOptions): { bytes: Uint8Array; events: Milestone[] } {
  const events = milestonesForPortfolio(portfolio, { from: options.from, to: options.to, legalDates: options.legalDates });
  const text = toICalendar(events, {
    prodId: `-//Supportspan//Supportspan ${options.version}//EN`,
    now: options.now.toISOString(),
    calendarName: options.calendarName,
  });
  return { bytes: utf8(text), events };
}
