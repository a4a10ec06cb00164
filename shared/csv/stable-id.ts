/**
 * Ids derived from names, so that importing the same spreadsheet twice gives
 * the same ids and therefore the same finding keys (decisions on findings stay
 * attached after a re-import). Pure: no crypto API needed, collisions are not a
 * security concern here, only an accident to make unlikely (64 bits).
 */

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3 finaliser: spreads the last characters over all bits
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** 16 hex digits from two independently seeded 32-bit hashes. */
export function hash64(text: string): string {
  return hex8(fnv1a(text, 0x811c9dc5)) + hex8(fnv1a(text, 0x9747b28c));
}

export function slugify(name: string, max = 40): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'x';
}

/** `<readable slug>-<hash of the identity>`; at most 57 characters, valid for the id schema. */
export function stableId(name: string, identity: string = name): string {
  return `${slugify(name)}-${hash64(identity)}`;
}

const SEP = '\u0000';
export const lineIdentity = (line: string): string => `line${SEP}${line}`;
export const productIdentity = (line: string, product: string): string => `product${SEP}${line}${SEP}${product}`;
/** `occurrence` counts earlier components of the same product with the same name (0 for the first, whose id never changes). */
export const componentIdentity = (line: string, product: string, component: string, occurrence = 0): string =>
  `component${SEP}${line}${SEP}${product}${SEP}${component}${occurrence > 0 ? `${SEP}#${occurrence}` : ''}`;
