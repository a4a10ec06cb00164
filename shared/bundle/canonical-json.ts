/**
 * Canonical JSON: object keys sorted by UTF-16 code units (as RFC 8785 does),
 * no undefined, no non-finite numbers. The same data always gives the same
 * text, so hashes and signatures over it are reproducible. With `indent` the
 * output is pretty-printed, still deterministically.
 */

export class CanonicalJsonError extends Error {}

function ser(value: unknown, indent: string, depth: number, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path || '(root)'}: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path || '(root)'}: a ${typeof value} cannot be written as JSON`);
  }
  if (depth > 200) throw new CanonicalJsonError(`${path}: nested too deeply`);
  const nl = indent ? '\n' + indent.repeat(depth + 1) : '';
  const end = indent ? '\n' + indent.repeat(depth) : '';
  const colon = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const parts = value.map((v, i) => {
      if (v === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined in an array`);
      return ser(v, indent, depth + 1, `${path}[${i}]`);
    });
    return '[' + nl + parts.join(',' + nl) + end + ']';
  }
  if (value instanceof Uint8Array) throw new CanonicalJsonError(`${path}: bytes cannot be written as JSON`);
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareCodeUnits);
  if (keys.length === 0) return '{}';
  const parts = keys.map((k) => JSON.stringify(k) + colon + ser(obj[k], indent, depth + 1, path ? `${path}.${k}` : k));
  return '{' + nl + parts.join(',' + nl) + end + '}';
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function canonicalJson(value: unknown, indent = 0): string {
  return ser(value, ' '.repeat(indent), 0, '');
}
