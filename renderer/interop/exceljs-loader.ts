/**
 * Loads ExcelJS on first use only: its browser build is ~1 MB, and most
 * sessions never touch a spreadsheet. Vite resolves the package's `browser`
 * field to `exceljs/dist/exceljs.min.js` and puts it in a chunk of its own.
 *
 * CSP: the app runs with `script-src 'self'` (no 'unsafe-eval'). The browser
 * build contains `Function("return this")()` only as the last fallback of
 * global-object lookups (`self` is found first in a page and a worker) and
 * `new Function(""+e)` only in a setImmediate polyfill for string callbacks,
 * which ExcelJS never passes; neither runs, which the e2e suite checks by
 * reading and writing workbooks under the app's CSP.
 */
import type { ExcelJsModule } from '../../shared/interop';

let loading: Promise<ExcelJsModule> | null = null;

export function loadExcelJs(): Promise<ExcelJsModule> {
  loading ??= import('exceljs').then((mod) => {
    // The UMD build arrives as a CommonJS default export; the Node entry as named exports.
    const m = mod as unknown as ExcelJsModule & { default?: ExcelJsModule };
    const lib = typeof m.Workbook === 'function' ? m : m.default;
    if (!lib || typeof lib.Workbook !== 'function') throw new Error('the spreadsheet library did not load (no Workbook)');
    return lib;
  }).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
