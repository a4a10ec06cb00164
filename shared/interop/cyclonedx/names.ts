/**
 * Components of one product with the same name get names a person can tell
 * apart (group, then version, then a number), so that a CSV or XLSX round trip
 * (which matches components by name) finds each one again.
 */
import type { Component } from '../../domain/schemas';

const key = (name: string): string => name.trim().toLocaleLowerCase();

export interface Rename {
  id: string;
  from: string;
  to: string;
}

/** Renames in place; `taken` are names already used by other components of the product. */
export function distinctNames(components: Component[], taken: Iterable<string> = []): Rename[] {
  const groups = new Map<string, Component[]>();
  for (const c of components) groups.set(key(c.name), [...(groups.get(key(c.name)) ?? []), c]);
  const used = new Set([...taken].map(key));
  for (const k of groups.keys()) used.add(k);
  const renames: Rename[] = [];
  for (const [k, same] of groups) {
    if (same.length < 2 && !(same.length === 1 && [...taken].some((t) => key(t) === k))) continue;
    // The first keeps its name unless the name is already taken by another component.
    const keepFirst = ![...taken].some((t) => key(t) === k);
    same.forEach((c, i) => {
      if (i === 0 && keepFirst) return;
      const base = c.name;
      const candidates = [
        c.group ? `${c.group}/${base}` : null,
        c.version ? `${base} ${c.version}` : null,
        c.group && c.version ? `${c.group}/${base} ${c.version}` : null,
      ].filter((x): x is string => x !== null && x.length <= 200);
      let name = candidates.find((n) => !used.has(key(n)));
      for (let n = 2; !name; n++) {
        const candidate = `${base} (${n})`.slice(-200);
        if (!used.has(key(candidate))) name = candidate;
      }
      used.add(key(name));
      renames.push({ id: c.id, from: c.name, to: name });
      c.name = name;
    });
  }
  return renames;
}
