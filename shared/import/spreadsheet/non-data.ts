/**
 * Rows of a spreadsheet that are not data: a "Total"/"Summe" footer, the
 * header repeated (a pasted second block), a blank separator row. They are
 * skipped with a note rather than read as products.
 */
import { fold } from './fold';

const TOTAL = /^(grand )?(total|totals|sum|subtotal|sub total|summe|gesamt|gesamtsumme|insgesamt|zwischensumme|ergebnis)\b/;

export type NonDataKind = 'blank' | 'total' | 'header';

/**
 * `cells` is the row's text; `names` are the cells of its name columns (line,
 * product, component) and `headerFolded` the folded header, to spot a repeat.
 */
export function nonDataKind(cells: readonly string[], names: readonly string[], headerFolded: readonly string[]): NonDataKind | null {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length === 0) return 'blank';
  const firstFilled = fold(filled[0]!);
  if (TOTAL.test(firstFilled) && names.every((n) => n.trim() === '' || TOTAL.test(fold(n)))) return 'total';
  let same = 0;
  cells.forEach((c, i) => {
    if (c.trim() !== '' && fold(c) === headerFolded[i]) same++;
  });
  if (same >= 3 && same * 2 >= filled.length) return 'header';
  return null;
}

export const NON_DATA_REASON: Record<NonDataKind, string> = {
  blank: 'blank row, skipped',
  total: 'a total row, not a product: skipped',
  header: 'the header repeated, skipped',
};
