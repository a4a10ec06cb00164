/**
 * JSON parsing for untrusted files. `JSON.parse` itself creates `__proto__` as
 * an ordinary own property, but any later spread, assign or schema copy can
 * turn it into a prototype change; so such keys are refused outright, with
 * the path where they were found.
 */
import { describeJsonError } from '../text/messages';
import { utf8DecodeStrict } from './platform';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_JSON_DEPTH = 64;

export type SafeJson = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * A forbidden key can only reach the parsed value if the text spells it out
 * literally or with `\u` escapes (the names hold only letters and `_`, which
 * JSON has no other escape for). Text without either cannot hold one, so the
 * key test over every object is skipped for it; the depth walk still runs.
 */
function mayHoldForbiddenKey(text: string): boolean {
  return text.includes('\\u') || text.includes('__proto__') || text.includes('constructor') || text.includes('prototype');
}

/** True when the value nests no deeper than the limit and (when asked) holds no forbidden key: no paths are built, so this is cheap. */
function isSafe(value: unknown, depth: number, checkKeys: boolean): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > MAX_JSON_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object' && !isSafe(v, depth + 1, checkKeys)) return false;
    }
    return true;
  }
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    if (checkKeys && FORBIDDEN_KEYS.has(key)) return false;
    const v = obj[key];
    if (v !== null && typeof v === 'object' && !isSafe(v, depth + 1, checkKeys)) return false;
  }
  return true;
}

/** Where the problem is: the slow walk, run only once `isSafe` said there is one. */
function findProblem(value: unknown, path: string, depth: number): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_JSON_DEPTH) return `${path || '(root)'}: nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findProblem(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const where = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return `${where}: the key "${key}" is not allowed`;
    const p = findProblem((value as Record<string, unknown>)[key], where, depth + 1);
    if (p) return p;
  }
  return null;
}

export function parseJsonText(text: string, file: string): SafeJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${file}: ${describeJsonError(e, text)}` };
  }
  if (isSafe(value, 0, mayHoldForbiddenKey(text))) return { ok: true, value };
  const problem = findProblem(value, '', 0) ?? 'the JSON is not safe to use';
  return { ok: false, error: `${file}: ${problem}` };
}

export function parseJsonBytes(bytes: Uint8Array, file: string): SafeJson {
  let text: string;
  try {
    text = utf8DecodeStrict(bytes);
  } catch {
    return { ok: false, error: `${file}: not valid UTF-8 text` };
  }
  return parseJsonText(text, file);
}

/** Null when the bytes are UTF-8 JSON text, else why not: for files whose value is not used (nothing is walked). */
export function jsonTextProblem(bytes: Uint8Array, file: string): string | null {
  let text: string;
  try {
    text = utf8DecodeStrict(bytes);
  } catch {
    return `${file}: not valid UTF-8 text`;
  }
  try {
    JSON.parse(text);
  } catch (e) {
    return `${file}: ${describeJsonError(e, text)}`;
  }
  return null;
}

/** "file: path: message" lines for a schema failure, at most `max` of them. */
export function schemaIssues(file: string, issues: readonly { path: readonly PropertyKey[]; message: string }[], max = 20): string {
  const lines = issues.slice(0, max).map((i) => {
    const where = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return `${file}: ${where ? where + ': ' : ''}${i.message}`;
  });
  if (issues.length > max) lines.push(`${file}: … and ${issues.length - max} more problems`);
  return lines.join('\n');
}
