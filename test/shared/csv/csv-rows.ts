/** Builds template CSV text from partial rows, so each test states only the cells it is about. */
import { TEMPLATE_COLUMNS } from '../../../shared/csv';
import type { TemplateColumn } from '../../../shared/csv';

export type Cells = Partial<Record<TemplateColumn, string>>;

export const BASE_PRODUCT: Cells = {
  product_line: 'Thermostats', environment: 'consumer', product: 'T1', sku: 'T1-EU', category: 'thermostat',
  markets: 'EU;UK', first_placed_on_market: '2024-01-01', last_placed_on_market: '2026-12-31',
  expected_use_years: '10', declared_support_end: '2037-12', units_per_year: '1000',
};
export const FIRMWARE: Cells = {
  component: 'Firmware', class: 'it', role: 'firmware', supplier: 'Acme', version: '1.0', core: 'yes',
  security_support_end: '2037-12', update_mechanism: 'ota',
};
export const MOTOR: Cells = {
  component: 'Motor', class: 'mechanical', role: 'motor', supplier: 'Acme', version: 'M1',
  expected_life_years: '8', field_replaceable: 'professional', spare_parts_until: '2040-06-30', repair_docs: 'yes',
};

function quoteCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvOf(rows: Cells[], options: { delimiter?: string; newline?: string; header?: readonly string[] } = {}): string {
  const d = options.delimiter ?? ',';
  const nl = options.newline ?? '\n';
  const header = options.header ?? TEMPLATE_COLUMNS;
  const lines = [header.join(d), ...rows.map((r) => header.map((c) => quoteCell(r[c as TemplateColumn] ?? '', d)).join(d))];
  return lines.join(nl) + nl;
}

export const productRow = (cells: Cells = {}): Cells => ({ ...BASE_PRODUCT, ...cells });
export const firmwareRow = (cells: Cells = {}): Cells => ({ ...BASE_PRODUCT, ...FIRMWARE, ...cells });
export const motorRow = (cells: Cells = {}): Cells => ({ ...BASE_PRODUCT, ...MOTOR, ...cells });
