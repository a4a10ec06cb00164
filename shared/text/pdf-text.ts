/**
 * Text for PDFs drawn with the standard Helvetica font, which encodes WinAnsi
 * (Windows-1252) only. The one helper every PDF writer uses: characters with a
 * plain WinAnsi equivalent are replaced by it (U+2212 minus -> "-", thin
 * spaces -> " ", arrows -> "->"), line breaks and tabs become spaces, and
 * anything else is shown as "?" so that no text disappears silently.
 */

const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Characters outside WinAnsi with a faithful WinAnsi spelling. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2212': '-', // minus sign (shared/format writes it for negative numbers)
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '—', '\u2043': '-',
  '\u2009': ' ', '\u200A': ' ', '\u2002': ' ', '\u2003': ' ', '\u2004': ' ', '\u2005': ' ', '\u2006': ' ', '\u2007': ' ', '\u2008': ' ', '\u202F': ' ', '\u205F': ' ', '\u3000': ' ',
  '\u2032': "'", '\u2033': '"', '\u201B': "'", '\u201F': '"',
  '\u2190': '<-', '\u2192': '->', '\u2194': '<->', '\u21D2': '=>',
  '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~',
  '\u2713': 'v', '\u2714': 'v', '\u2715': 'x', '\u2717': 'x',
  '\u27E6': '[[', '\u27E7': ']]',
  '\u2024': '.', '\u2027': '-',
};

export function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

/** Keeps what Helvetica (WinAnsi) can draw, spells the rest in WinAnsi where it can, and writes "?" for anything else. */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n|\r|\n|\t/g, ' ')) {
    if (isWinAnsi(ch)) out += ch;
    else out += REPLACEMENTS[ch] ?? '?';
  }
  return out;
}
