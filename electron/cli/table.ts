/** Plain aligned text tables for terminal output. */
import { escapeForTerminal } from '../../shared/text/hygiene';

const MAX_CELL = 36;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Columns padded to the widest cell (cells clipped at 36 characters), except
 * the last column, which is printed in full so that no message is cut.
 */
export function renderTable(header: string[], rows: string[][]): string {
  const last = header.length - 1;
  // Escaped before measuring, so that a control character in a name neither reaches the terminal nor breaks the alignment.
  const clipped = rows.map((r) => r.map((c, i) => (i === last ? escapeForTerminal(c) : clip(escapeForTerminal(c), MAX_CELL))));
  const widths = header.map((h, i) => Math.max(h.length, ...clipped.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === last ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((w, i) => '-'.repeat(i === last ? Math.max(header[i]?.length ?? 0, 7) : w))), ...clipped.map(line)].join('\n');
}
