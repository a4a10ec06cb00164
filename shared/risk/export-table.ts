/**
 * The risk register as tables for spreadsheets (docs/risks.md, "CSV and XLSX"):
 * one row per risk (threat, scores, level, residual, status, exposure,
 * findings, controls) and one row per control (with its risks). Pure: the
 * register (register.ts) and the stored controls in, typed cells out; the CSV
 * text and the XLSX sheets are written from the same cells, so both carry the
 * same values. Every text cell is guarded against formulas (text/formula.ts);
 * numbers and dates are written with the one formatter (format/format.ts).
 */
import Papa from 'papaparse';
import { parseLifecycleDate } from '../domain/dates';
import { ENVIRONMENT_LABELS } from '../domain/schemas';
import { formatDate, formatNumber } from '../format/format';
import type { SheetCell } from '../interop/xlsx-rows';
import { neutralizeFormula } from '../text/formula';
import { SOURCE_LABELS } from './catalog';
import type { RegisterResult, RiskStatus } from './register';
import { CONTROL_STATUS_LABELS, RESPONSE_LABELS, type Control, type RiskLevel } from './schemas';

export const LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
export const RISK_STATUS_LABELS: Readonly<Record<RiskStatus, string>> = {
  open: 'Open', accepted: 'Accepted', reopened: 'Reopened (acceptance expired)', mitigating: 'Mitigating', transferred: 'Transferred', avoided: 'Avoided',
};

/** A cell before it is written: text, a number (kept as a number in XLSX, formatted in CSV), a day (a date cell in XLSX), or empty. */
export type TableCell = { text: string } | { number: number; digits: number } | { date: string } | null;

export interface ExportTable {
  name: string;
  header: readonly string[];
  rows: TableCell[][];
}

export const RISK_COLUMNS = [
  'Risk id', 'Product', 'Product line', 'Environment', 'Component', 'Threat id', 'Threat', 'Threat source', 'Derived from lifecycle',
  'Likelihood', 'Impact (assessed)', 'Impact (weighted)', 'Score', 'Level',
  'Residual likelihood', 'Residual impact', 'Residual score', 'Residual level',
  'Response', 'Status', 'Owner', 'Review date', 'Expires', 'Rationale',
  'Exposure (unit-years)', 'Exposure starts', 'Units grow until', 'Findings', 'Controls', 'Control ids', 'Chain', 'Basis',
] as const;

export const CONTROL_COLUMNS = [
  'Control id', 'Title', 'Status', 'Owner', 'Due date', 'Compensating', 'EMB3D mitigation', 'Risks', 'Risk ids', 'Description',
] as const;

const text = (s: string | null | undefined): TableCell => (s === null || s === undefined || s === '' ? null : { text: s });
const num = (n: number | null | undefined, digits = 0): TableCell => (n === null || n === undefined ? null : { number: n, digits });
const day = (d: string | null | undefined): TableCell => (d === null || d === undefined || d === '' ? null : { date: d });
const list = (items: readonly string[]): TableCell => text(items.join('; '));

/** The register's risks, in the register's order (most severe first), and its controls. */
export function riskRegisterTables(register: RegisterResult, controls: readonly Control[]): { risks: ExportTable; controls: ExportTable } {
  const controlById = new Map(controls.map((c) => [c.id, c]));
  const riskById = new Map(register.risks.map((r) => [r.id, r]));
  const risks: TableCell[][] = register.risks.map((r) => [
    text(r.id), text(r.product), text(r.productLine), text(ENVIRONMENT_LABELS[r.environment]), text(r.component),
    text(r.threat.id), text(r.threat.title), text(r.threat.source === 'unknown' ? 'Not in the catalog' : SOURCE_LABELS[r.threat.source]), text(r.lifecycle ? 'yes' : 'no'),
    num(r.likelihood), num(r.impactAssessed), num(r.impact), num(r.score), text(r.level === null ? null : LEVEL_LABELS[r.level]),
    num(r.residual?.likelihood), num(r.residual?.impact), num(r.residual?.score), text(r.residual ? LEVEL_LABELS[r.residual.level] : null),
    text(r.response === null ? null : RESPONSE_LABELS[r.response]), text(RISK_STATUS_LABELS[r.status]), text(r.owner), day(r.reviewDate), day(r.expires), text(r.rationale),
    num(r.exposureUnitYears, 1), day(r.startsOn), num(r.growsUntil), list(r.findingKeys),
    list(r.controls.map((id) => controlById.get(id)?.title ?? id)), list(r.controls), list(r.chain), text(r.basis),
  ]);
  const describeRisk = (id: string): string => {
    const r = riskById.get(id);
    return r ? `${r.threat.title} on ${r.component ? `${r.product} / ${r.component}` : r.product}` : `${id} (not in the register now)`;
  };
  const controlRows: TableCell[][] = [...controls].sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1)).map((c) => [
    text(c.id), text(c.title), text(CONTROL_STATUS_LABELS[c.status]), text(c.owner), day(c.dueDate), text(c.compensating ? 'yes' : 'no'),
    text(c.mitigationId), list(c.riskIds.map(describeRisk)), list(c.riskIds), text(c.description),
  ]);
  return {
    risks: { name: 'Risks', header: RISK_COLUMNS, rows: risks },
    controls: { name: 'Controls', header: CONTROL_COLUMNS, rows: controlRows },
  };
}

/** CSV text of a table: numbers and dates formatted as the app shows them, text guarded; BOM for Excel when asked. */
export function tableToCsv(table: ExportTable, options: { bom?: boolean } = {}): string {
  const data = table.rows.map((row) => row.map((cell) => {
    if (cell === null) return '';
    if ('text' in cell) return neutralizeFormula(cell.text);
    if ('number' in cell) return formatNumber(cell.number, Number.isInteger(cell.number) ? 0 : cell.digits);
    return formatDate(cell.date, '');
  }));
  const csv = Papa.unparse({ fields: [...table.header], data }, { newline: '\r\n', escapeFormulae: false });
  return (options.bom ? '\ufeff' : '') + csv + '\r\n';
}

/** Sheet cells of a table for writeXlsxSheets: numbers stay numbers, whole days are date cells, text is guarded. */
export function tableToSheetCells(table: ExportTable): SheetCell[][] {
  return table.rows.map((row) => row.map((cell): SheetCell => {
    if (cell === null) return null;
    if ('text' in cell) return { t: 'string', v: neutralizeFormula(cell.text) };
    if ('number' in cell) return { t: 'number', v: cell.digits === 0 ? cell.number : Number(cell.number.toFixed(cell.digits)) };
    // A month (YYYY-MM) is kept as written, as the app shows it.
    return /^\d{4}-\d{2}-\d{2}$/.test(cell.date) && parseLifecycleDate(cell.date).ok ? { t: 'date', v: cell.date } : { t: 'string', v: cell.date };
  }));
}
