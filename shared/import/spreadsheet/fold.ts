/**
 * Folds text for comparing a user's wording with the app's: lower case,
 * German sharp s and umlauts spelled out, other accents dropped, punctuation
 * and spacing collapsed ("Sicherheits-Updates bis:" = "sicherheits updates bis").
 */
const cache = new Map<string, string>();

export function fold(text: string): string {
  // Spreadsheets repeat the same few values down a column: fold each once.
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  if (cache.size > 50_000) cache.clear();
  const folded = foldNow(text);
  cache.set(text, folded);
  return folded;
}

function foldNow(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The same, with a parenthesised or bracketed hint removed ("Lebensdauer (Jahre)" -> "lebensdauer"). */
export function foldWithoutHint(text: string): string {
  return fold(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
}
