/** CycloneDX JSON text to a document object, with the place of a syntax error in the user's terms. */
import { lineAndColumn } from './decode';

export type ReadDoc = { ok: true; doc: unknown } | { ok: false; error: string };

export function readJsonText(text: string): ReadDoc {
  try {
    return { ok: true, doc: JSON.parse(text) };
  } catch (e) {
    // Only the offset is taken from the engine's message; its wording differs between engines and is not for people.
    const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
    if (m) {
      const { line, column } = lineAndColumn(text, Number(m[1]));
      return { ok: false, error: `not valid JSON: the text breaks off or has a stray character at line ${line}, column ${column}` };
    }
    return { ok: false, error: 'not valid JSON: the text breaks off or has a stray character' };
  }
}
