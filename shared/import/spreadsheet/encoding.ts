/**
 * Which character encoding a CSV file is in, told from its bytes: a byte order
 * mark (UTF-8, UTF-16 LE/BE, as Excel's "CSV UTF-8" and "Unicode text" write),
 * else UTF-8 if the bytes are valid UTF-8, else Windows-1252 (what Excel's
 * plain "CSV" writes on Western European Windows). The platform's TextDecoder
 * decodes all of them; nothing is guessed beyond this order.
 */
export type TextEncodingName = 'UTF-8' | 'UTF-8 with BOM' | 'UTF-16 LE' | 'UTF-16 BE' | 'Windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Windows-1252's characters at 0x80-0x9F (€, „, “, …); undefined ones stay as they are. */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Some TextDecoders (Node's before 22) decode the "windows-1252" label as ISO-8859-1, leaving € and „ as C1 controls. */
function fixC1(text: string): string {
  return /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!) : text;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 with BOM' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16 LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16 BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: fixC1(new TextDecoder('windows-1252').decode(bytes)), encoding: 'Windows-1252' };
  }
}

/** The field separator: the one of `,` `;` tab that splits the first lines most consistently (outside quotes). */
export function detectSeparator(text: string): ',' | ';' | '\t' {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 30; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length < 30 && start < text.length) lines.push(text.slice(start, Math.min(text.length, start + 100_000)));
  let best: ',' | ';' | '\t' = ',';
  let bestScore = -1;
  for (const sep of ['\t', ';', ','] as const) {
    let score = 0;
    for (const line of lines) {
      let n = 0;
      let q = false;
      for (const ch of line) {
        if (ch === '"') q = !q;
        else if (ch === sep && !q) n++;
      }
      score += Math.min(n, 60);
    }
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

export const separatorName = (sep: string): string => (sep === '\t' ? 'tab' : sep === ';' ? 'semicolon' : 'comma');
