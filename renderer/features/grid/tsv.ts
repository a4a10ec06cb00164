/**
 * Tab-separated text as spreadsheets put it on the clipboard: cells that hold a
 * tab, a line break or a quote are quoted, quotes doubled (Excel, LibreOffice and
 * Google Sheets agree). Papa Parse reads and writes that dialect.
 */
import Papa from 'papaparse';

export function toTsv(matrix: readonly (readonly string[])[]): string {
  return Papa.unparse(matrix as string[][], { delimiter: '\t', newline: '\n', quotes: false });
}

/** Rows of cells; the trailing line break spreadsheets add does not make an empty row. */
export function fromTsv(text: string): string[][] {
  if (text === '') return [];
  const result = Papa.parse<string[]>(text, { delimiter: '\t', skipEmptyLines: false });
  const rows = result.data.map((row) => row.map((cell) => cell));
  while (rows.length && rows[rows.length - 1]!.every((cell) => cell === '')) rows.pop();
  return rows;
}
