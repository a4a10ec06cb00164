/**
 * Typing in a choice cell searches its options' labels. Real values come before
 * "Unknown" (the empty value): a person who types "u" for "By the user" should not
 * land on "Unknown" just because it starts with the letter.
 */
import type { GridOption } from './grid-types';

/** 0 exact, 1 label or value starts with the query, 2 a word of the label does, 3 the label contains it; null: no match. */
function score(option: GridOption, q: string): number | null {
  const label = option.label.toLowerCase();
  const value = option.value.toLowerCase();
  if (label === q || (value !== '' && value === q)) return 0;
  if (label.startsWith(q) || (value !== '' && value.startsWith(q))) return 1;
  if (label.split(/[\s\-/()]+/).some((word) => word.startsWith(q))) return 2;
  if (label.includes(q)) return 3;
  return null;
}

/** The options that match `query`, best first; an empty query lists them all, real values first. */
export function rankOptions(options: readonly GridOption[], query: string): GridOption[] {
  const q = query.trim().toLowerCase();
  const scored: { option: GridOption; score: number; index: number }[] = [];
  options.forEach((option, index) => {
    const s = q === '' ? 0 : score(option, q);
    if (s !== null) scored.push({ option, score: s, index });
  });
  scored.sort((a, b) => Number(a.option.value === '') - Number(b.option.value === '') || a.score - b.score || a.index - b.index);
  return scored.map((s) => s.option);
}
