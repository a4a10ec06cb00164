/**
 * The mapping screen's reader: the shared spreadsheet reader (CSV in any of
 * Excel's encodings, .xlsx under its limits), with the screen's choices
 * (header row, sheet, columns, values, date order, fixed cells) passed in.
 * CSV is split in slices between which the page stays responsive and Cancel
 * works; a workbook needs no library to read (ExcelJS is loaded only to write).
 */
import { readSpreadsheet, SpreadsheetReadCancelled, type SpreadsheetReadOptions, type SpreadsheetReadResult } from '../../shared/import/spreadsheet';

export { SpreadsheetReadCancelled as ReadCancelledError };
export type { SpreadsheetReadOptions, SpreadsheetReadResult };

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export function readSpreadsheetFile(file: PickedFile, options: SpreadsheetReadOptions = {}): Promise<SpreadsheetReadResult> {
  return readSpreadsheet(file.bytes, file.name, options);
}
