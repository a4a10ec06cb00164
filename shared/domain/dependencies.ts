/**
 * Dependencies between the components of one product (`dependsOn`: an app on
 * a runtime, firmware on a kernel, the device on a cloud API). A component's
 * support cannot outlast what it depends on (engine/support-end.ts). An edit
 * of dependencies is checked here: every id must be a component of the same
 * product and the edit may not close a cycle. Graphs imported from SBOMs are
 * kept as they are (CycloneDX allows cycles); only what a person changes is
 * checked, so an imported cycle never blocks an unrelated edit.
 */
import type { Component } from './schemas';

/** Problems of the dependencies of the components in `changed` (ids), as "components.<i>.dependsOn: …" lines. */
export function dependencyProblems(components: readonly Component[], changed: ReadonlySet<string>): string[] {
  const byId = new Map(components.map((c) => [c.id, c]));
  const issues: string[] = [];
  for (const [i, c] of components.entries()) {
    if (!changed.has(c.id) || !c.dependsOn?.length) continue;
    const where = `components.${i}.dependsOn`;
    const unknown = c.dependsOn.filter((d) => !byId.has(d));
    if (unknown.length) {
      issues.push(`${where}: ${unknown.length === 1 ? 'one dependency is' : `${unknown.length} dependencies are`} not a component of this product`);
      continue;
    }
    if (c.dependsOn.includes(c.id)) {
      issues.push(`${where}: “${c.name}” cannot depend on itself`);
      continue;
    }
    const cycle = cycleThrough(c, byId);
    if (cycle) issues.push(`${where}: this makes a cycle (${cycle.map((x) => `“${x.name}”`).join(' → ')}): a component cannot depend on itself through others`);
  }
  return issues;
}

/** A path start → … → start along dependsOn, or null. Depth-first, each component visited once. */
function cycleThrough(start: Component, byId: ReadonlyMap<string, Component>): Component[] | null {
  const seen = new Set<string>();
  const path: Component[] = [start];
  const walk = (c: Component): boolean => {
    for (const id of c.dependsOn ?? []) {
      const next = byId.get(id);
      if (!next) continue;
      if (next.id === start.id) {
        path.push(start);
        return true;
      }
      if (seen.has(next.id)) continue;
      seen.add(next.id);
      path.push(next);
      if (walk(next)) return true;
      path.pop();
    }
    return false;
  };
  return walk(start) ? path : null;
}

/** Component names for dependency ids, in order; an id no longer in the product shows as "(removed component)". */
export function dependencyNames(component: Pick<Component, 'dependsOn'>, names: ReadonlyMap<string, string> | readonly Pick<Component, 'id' | 'name'>[]): string[] {
  const byId = names instanceof Map ? names : new Map((names as readonly Pick<Component, 'id' | 'name'>[]).map((c) => [c.id, c.name]));
  return (component.dependsOn ?? []).map((id) => byId.get(id) ?? '(removed component)');
}

/**
 * "Linux; C library" → the ids of the components with those names in the product.
 * Names are matched exactly, then ignoring letter case; refused with the reason
 * when a name matches no component or several.
 */
export function resolveDependencyNames(text: string, components: readonly Pick<Component, 'id' | 'name'>[]): { ok: true; ids: string[] } | { ok: false; reason: string } {
  const names = text.split(/[;\n]/).map((s) => s.trim()).filter((s) => s !== '');
  const ids: string[] = [];
  for (const name of names) {
    let matches = components.filter((c) => c.name === name);
    if (matches.length === 0) matches = components.filter((c) => c.name.toLowerCase() === name.toLowerCase());
    if (matches.length === 0) return { ok: false, reason: `there is no component named “${name}” in this product (separate several names with ;)` };
    if (matches.length > 1) return { ok: false, reason: `${matches.length} components are named “${name}”: rename one so the dependency is clear` };
    if (!ids.includes(matches[0]!.id)) ids.push(matches[0]!.id);
  }
  return { ok: true, ids };
}
