/** Deterministic serial numbers for exported BOMs: same input, same serial. */

/** Both seeds of `hash64`, advanced over `text` (FNV-1a state before the finaliser). */
function fnvStates(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return [a, b];
}

/** The finaliser and formatting of `hash64` (shared/csv/stable-id.ts), for a state advanced by `fnvStates`. */
function finish(state: number): string {
  let h = state;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * `hash64(seed) + hash64(seed + "\u0001")` in one pass over `seed`: FNV-1a is
 * a running state, so the second text's state is the first's advanced by one
 * character. The seed is a whole product's components as JSON (tens of
 * megabytes per portfolio export): four passes were a fifth of an export's analysis.
 */
function serialHex(seed: string): string {
  const [a, b] = fnvStates(seed);
  const a1 = Math.imul(a ^ 1, 0x01000193);
  const b1 = Math.imul(b ^ 1, 0x01000193);
  return finish(a) + finish(b) + finish(a1) + finish(b1);
}

/** A UUID-shaped serial (version nibble 8: custom, RFC 9562) from stable input. */
export function deterministicSerial(seed: string): string {
  const hex = serialHex(seed).split('');
  hex[12] = '8';
  hex[16] = ['8', '9', 'a', 'b'][parseInt(hex[16]!, 16) & 3]!;
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
