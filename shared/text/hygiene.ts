/**
 * Text hygiene: the one set of rules for characters that do not belong in
 * imported text or that can make text lie about itself.
 *
 * - NUL is refused: it truncates strings in other tools and has no meaning in a name.
 * - Other control characters (ESC, BEL, backspace, C1 controls, DEL) are
 *   reported: kept as imported, but every output escapes them.
 *   Tab, line feed and carriage return are ordinary text.
 * - Bidi embedding, override and isolate characters (U+202A–U+202E,
 *   U+2066–U+2069) can make "exe.txt" display as "txt.exe"; they are reported
 *   and shown visibly wherever text is displayed.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

const BIDI_NAMES: Record<string, string> = {
  '\u202A': 'LRE', '\u202B': 'RLE', '\u202C': 'PDF', '\u202D': 'LRO', '\u202E': 'RLO',
  '\u2066': 'LRI', '\u2067': 'RLI', '\u2068': 'FSI', '\u2069': 'PDI',
};

const codePoint = (ch: string): string => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export function hasNul(text: string): boolean {
  return text.includes('\u0000');
}
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}
export function hasBidi(text: string): boolean {
  BIDI.lastIndex = 0;
  return BIDI.test(text);
}

/** Display form: each bidi control becomes a visible marker such as ⟦RLO U+202E⟧, each other control ⟦U+001B⟧. */
export function showHidden(text: string): string {
  return text.replace(CONTROL_OR_BIDI, (ch) => (BIDI_NAMES[ch] ? `⟦${BIDI_NAMES[ch]} ${codePoint(ch)}⟧` : `⟦${codePoint(ch)}⟧`));
}

/**
 * Terminal form: every control character except line feed, tab and the CR of a
 * CRLF line end (CSV written to stdout), and every bidi control, written as a
 * `\uXXXX` escape. An escape sequence in data can then neither move the cursor
 * nor recolour the terminal. In JSON output the escape is the same character,
 * so the JSON stays equal.
 */
export function escapeForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/\r(?!\n)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * One line's worth of the user's text for a terminal (a table cell, a file name): every
 * control character, line breaks included, shown escaped, so it cannot start a new line.
 */
export function escapeInlineForTerminal(text: string): string {
  return escapeForTerminal(text).replace(/[\t\n\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** For formats that must carry no control character (iCalendar): each one, line breaks included, becomes a space; bidi controls are dropped. */
export function withoutControls(text: string): string {
  return text.replace(ANY_CONTROL, ' ').replace(BIDI, '');
}

export interface TextFinding {
  /** Where, in the caller's terms: "row 12, column product", "product "T1", field sku". */
  where: string;
  problem: 'nul' | 'control' | 'bidi';
  message: string;
}

/** The problems of one imported value. */
export function checkText(text: string, where: string): TextFinding[] {
  const out: TextFinding[] = [];
  if (hasNul(text)) out.push({ where, problem: 'nul', message: `${where}: contains a NUL character (U+0000), which is not accepted in text. Remove it and import again.` });
  CONTROL.lastIndex = 0;
  const controls = [...new Set((text.match(CONTROL) ?? []).filter((c) => c !== '\u0000'))];
  if (controls.length > 0) out.push({ where, problem: 'control', message: `${where}: contains the control character${controls.length > 1 ? 's' : ''} ${controls.map(codePoint).join(', ')}; kept, and shown escaped in every output.` });
  BIDI.lastIndex = 0;
  const bidi = [...new Set(text.match(BIDI) ?? [])];
  if (bidi.length > 0) out.push({ where, problem: 'bidi', message: `${where}: contains text-direction control${bidi.length > 1 ? 's' : ''} ${bidi.map((c) => `${BIDI_NAMES[c]} (${codePoint(c)})`).join(', ')}, which can make text display differently from what it is; kept, and shown as a marker.` });
  return out;
}

export interface TextReport {
  /** NUL found: the import must be refused. */
  errors: TextFinding[];
  /** Control and bidi characters: reported, the import goes on. */
  warnings: TextFinding[];
}

const MAX_DEPTH = 20;

/**
 * Checks every string in a parsed value (a portfolio, a bundle's records, a
 * catalog). `label` names the top; the path of each string is appended.
 */
export function checkTextTree(value: unknown, label: string): TextReport {
  const report: TextReport = { errors: [], warnings: [] };
  const walk = (node: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (typeof node === 'string') {
      for (const f of checkText(node, path)) (f.problem === 'nul' ? report.errors : report.warnings).push(f);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i + 1}]`, depth + 1));
    } else if (node && typeof node === 'object' && !(node instanceof Uint8Array)) {
      for (const [k, v] of Object.entries(node)) {
        for (const f of checkText(k, `${path} (a field name)`)) (f.problem === 'nul' ? report.errors : report.warnings).push(f);
        walk(v, `${path}.${k}`, depth + 1);
      }
    }
  };
  walk(value, label, 0);
  return report;
}

/** A thrown refusal for imported text with NUL; `messages` are the first problems, in the user's terms. */
export class TextRefusedError extends Error {
  override readonly name = 'TextRefusedError';
  constructor(readonly findings: TextFinding[]) {
    const shown = findings.slice(0, 5).map((f) => f.message);
    const more = findings.length > 5 ? ` (and ${findings.length - 5} more)` : '';
    super(`The import was refused and nothing was saved: ${shown.join(' ')}${more}`);
  }
}

/** Refuses (throws TextRefusedError) on NUL, returns the warnings otherwise. The one call every import path makes before committing. */
export function assertImportableText(value: unknown, label: string): TextFinding[] {
  const report = checkTextTree(value, label);
  if (report.errors.length > 0) throw new TextRefusedError(report.errors);
  return report.warnings;
}

interface NamedPortfolio {
  lines: readonly ({ name: string } & Record<string, unknown>)[];
  products: readonly ({ name: string; components: readonly ({ name: string } & Record<string, unknown>)[] } & Record<string, unknown>)[];
  decisions?: readonly unknown[];
}

/** Like checkTextTree, with places named the way the user knows them: product "T1", component "Wi-Fi", field supplier. */
export function checkPortfolioText(portfolio: NamedPortfolio, source: string): TextReport {
  const report: TextReport = { errors: [], warnings: [] };
  const add = (r: TextReport): void => {
    report.errors.push(...r.errors);
    report.warnings.push(...r.warnings);
  };
  const label = (kind: string, name: unknown): string => `${kind} "${showHidden(String(name ?? '')).slice(0, 80)}"`;
  const fields = (record: Record<string, unknown>, where: string, skip: string[] = []): void => {
    for (const [key, value] of Object.entries(record)) {
      if (skip.includes(key)) continue;
      add(checkTextTree(value, `${source}, ${where}, field ${key}`));
    }
  };
  for (const line of portfolio.lines) fields(line, label('product line', line.name));
  for (const product of portfolio.products) {
    const where = label('product', product.name);
    fields(product, where, ['components']);
    for (const component of product.components) fields(component, `${where}, ${label('component', component.name)}`);
  }
  if (portfolio.decisions) add(checkTextTree(portfolio.decisions, `${source}, decisions`));
  return report;
}
