import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundle, readBundle } from '../../../shared/bundle';
import { describeJsonError, jsonErrorOffset } from '../../../shared/text/messages';
import { sampleInput } from '../../fixtures/bundles/sample';

// What libraries and engines say; none of it may reach a person.
const INTERNAL = /Bug :|invalid (block|distance|length)|unexpected EOF|Unexpected token|in JSON at position|undefined entity|Cannot (read|set) properties|is not a function|TypeError|RangeError|\bat [\w.]+ \(|fflate|zlib/i;

const jsonError = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (e) {
    return describeJsonError(e, text);
  }
  throw new Error('parsed');
};

describe('library errors in the user\'s terms', () => {
  it('JSON errors name the line and column, not the engine\'s text', () => {
    expect(jsonError('{\n  "a": 1,\n  "b": }')).toBe('not valid JSON: unexpected text at line 3, column 8');
    expect(jsonError('{"a": [1, 2')).toBe('not valid JSON: it ends before its last value is complete (is the file cut short?)');
    expect(jsonError('[1, 2]\n  x')).toBe('not valid JSON: unexpected text at line 2, column 3');
    expect(jsonError('{"a": "\u0001"}')).toBe('not valid JSON: unexpected text at line 1, column 8');
    expect(jsonError("{'a': 1}")).toBe('not valid JSON: unexpected text at line 1, column 2');
    for (const valid of ['{}', '[]', '"x"', '-0.5e+3', '{"a":[true,false,null,{"b":"\\u00e9"}]}']) expect(jsonErrorOffset(valid)).toBe(-1);
  });

  it('no refusal of a hostile or damaged bundle carries a library\'s text', async () => {
    const dir = join(__dirname, '../../fixtures/bundles');
    const messages: string[] = [];
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.sspan'))) {
      const r = await readBundle(new Uint8Array(readFileSync(join(dir, name))));
      if (!r.ok) messages.push(r.error);
    }
    // damaged in ways the corpus does not cover: cut short, and compressed data overwritten
    const good = await createBundle(await sampleInput());
    for (const cut of [0.3, 0.6, 0.95]) {
      const r = await readBundle(good.slice(0, Math.floor(good.length * cut)));
      expect(r.ok).toBe(false);
      if (!r.ok) messages.push(r.error);
    }
    for (let seed = 1; seed <= 20; seed++) {
      const bytes = good.slice();
      for (let i = 0; i < 64; i++) { const at = ((seed * 7919 + i * 104729) % (bytes.length - 200)) + 100; bytes[at] = bytes[at]! ^ 0x5a; }
      const r = await readBundle(bytes);
      if (!r.ok) messages.push(r.error);
    }
    expect(messages.length).toBeGreaterThan(25);
    for (const m of messages) expect(m, m).not.toMatch(INTERNAL);
  });
});
