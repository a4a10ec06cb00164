/** CycloneDX JSON text to a document object, with the place of a syntax error in the user's terms. */
import { jsonErrorOffset, lineAndColumn } from '../../text/messages';

export type ReadDoc = { ok: true; doc: unknown } | { ok: false; error: string };

export function readJsonText(text: string): ReadDoc {
  try {
    return { ok: true, doc: JSON.parse(text) };
  } catch {
    const offset = jsonErrorOffset(text);
    if (offset < 0) return { ok: false, error: 'not valid JSON' };
    if (offset >= text.length) return { ok: false, error: 'not valid JSON: the text breaks off before the document ends' };
    const { line, column } = lineAndColumn(text, offset);
    return { ok: false, error: `not valid JSON: unexpected ${JSON.stringify(text.slice(offset, offset + 1))} at line ${line}, column ${column}` };
  }
}
