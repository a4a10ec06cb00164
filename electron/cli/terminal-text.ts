/**
 * What the command line prints of the user's own strings (file contents,
 * names): control characters are shown escaped, so a cell cannot move the
 * cursor, recolour the terminal or fake another line of output.
 */
import type { ConversionNote, RowError } from '../../shared/import/input';

/** `\u001b` -> `\x1b`, newline -> `\n`; everything printable stays as it is. */
export function escapeTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

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
