/**
 * What the command line prints of the user's own strings (file contents,
 * names): control characters are shown escaped, so a cell cannot move the
 * cursor, recolour the terminal or fake another line of output.
 */
import type { ConversionNote, RowError } from '../../shared/import/input';
import { escapeInlineForTerminal } from '../../shared/text/hygiene';

/** Table cells, file names, values: escaped as one line (one definition, in `shared/text/hygiene.ts`). */
export const escapeTerminal = escapeInlineForTerminal;

/** "row 4, column Sicherheitsupdates bis" / "components[3].version" / "file". */
function where(row: number | null, column: string | null): string {
  const parts = [row !== null && row > 0 ? `row ${row}` : null, column ? `column ${escapeTerminal(column)}` : null].filter(Boolean);
  return parts.length ? parts.join(', ') : 'file';
}

/** One line per conversion or skipped cell: where, the original, what it was understood as, and why. */
export function formatConversionNote(note: ConversionNote): string {
  // A note on the document rather than on one value (an SBOM reader's remark).
  if (!note.original && !note.understoodAs) return `${where(note.row, note.column)}: ${escapeTerminal(note.reason)}`;
  return `${where(note.row, note.column)}: "${escapeTerminal(note.original)}" understood as ${escapeTerminal(note.understoodAs)} (${escapeTerminal(note.reason)})`;
}

export function formatRowError(e: RowError): string {
  return `${where(e.row, e.column)}: ${escapeTerminal(e.reason)}`;
}
