/**
 * Finds the header row: each of the first rows is scored by how many
 * different template columns its cells name (synonyms included). A title row
 * names none; a merged group-header row ("Produkt" over ten columns,
 * "Komponente" over ten more) names two at most; the real header names many.
 * The best row wins; a row naming fewer than three columns is never taken.
 */
import type { TemplateColumn } from '../../csv/columns';
import { matchHeader } from './header-synonyms';

export const HEADER_SCAN_ROWS = 30;
const MIN_SCORE = 3;

export interface HeaderCandidate {
  /** 0-based index into the grid. */
  index: number;
  /** Distinct template columns named. */
  score: number;
  /** How many of the matched names were German. */
  german: number;
  /** Text of the row's first filled cells, for the picker. */
  preview: string;
}

export function scoreRow(cells: readonly string[]): { score: number; german: number } {
  const found = new Set<TemplateColumn>();
  let german = 0;
  for (const c of cells) {
    const m = matchHeader(c);
    if (!m || found.has(m.column)) continue;
    found.add(m.column);
    if (m.german) german++;
  }
  // A header names the product or one of its components; a table of something else does not.
  const anchored = found.has('product') || found.has('component') || found.has('product_line');
  return { score: anchored ? found.size : 0, german };
}

/** Scored candidates (best first) among the first rows, and the index chosen (-1: none). */
export function findHeaderRow(rows: readonly (readonly string[])[]): { chosen: number; candidates: HeaderCandidate[] } {
  const candidates: HeaderCandidate[] = [];
  const scan = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let index = 0; index < scan; index++) {
    const cells = rows[index] ?? [];
    const { score, german } = scoreRow(cells);
    const filled = cells.filter((c) => c.trim() !== '');
    if (filled.length === 0) continue;
    candidates.push({ index, score, german, preview: filled.slice(0, 6).join(' · ').slice(0, 120) });
  }
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.index - b.index);
  const best = ranked[0];
  return { chosen: best && best.score >= MIN_SCORE ? best.index : -1, candidates };
}
