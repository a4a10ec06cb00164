/**
 * Spreadsheet formula neutralisation for every export a spreadsheet may open
 * (CSV, XLSX, the bundle's interchange CSV). A cell is prefixed with `'` when a
 * spreadsheet could read it as a formula or a DDE call: it starts with = + - @
 * (or their full-width forms), or with whitespace or a control character that
 * a spreadsheet may skip before finding one. The whole value is tested, line
 * breaks included: papaparse's own `escapeFormulae` tests with `.` and misses
 * `=1+1` followed by a line break. The prefix shows in the cell; the app's
 * spreadsheet reader takes it off again (`removeFormulaGuard`), with a note, so
 * `@scope/package` survives an export and re-import.
 */

// Full-width forms: some spreadsheet locales normalise them to the ASCII operator.
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
// Tab, CR, LF and the other C0/C1 controls, and any Unicode space.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RISKY_START = /^[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/;

export function needsFormulaGuard(value: string): boolean {
  // A value that already looks guarded ('=1) is guarded once more, so reading back takes off exactly one '.
  return FORMULA_START.test(value) || RISKY_START.test(value) || (value.startsWith("'") && needsFormulaGuard(value.slice(1)));
}

export function neutralizeFormula(value: string): string {
  return needsFormulaGuard(value) ? `'${value}` : value;
}

/** The value without the guard `neutralizeFormula` put before it, or null when it carries none. */
export function removeFormulaGuard(value: string): string | null {
  return value.startsWith("'") && needsFormulaGuard(value.slice(1)) ? value.slice(1) : null;
}
