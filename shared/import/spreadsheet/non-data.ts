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
  for (let i = 0; i < cells.length && i < headerFolded.length; i++) {
    const c = cells[i]!;
    const h = headerFolded[i]!;
    // Cheap test first: a repeated header has its cells' lengths within punctuation of the header's.
    if (c !== '' && Math.abs(c.length - h.length) <= 4 && fold(c) === h) same++;
  }
  if (same >= 3 && same * 2 >= filled.length) return 'header';
  return null;
}

export const NON_DATA_REASON: Record<NonDataKind, string> = {
  blank: 'blank row, skipped',
  total: 'a total row, not a product: skipped',
  header: 'the header repeated, skipped',
};
