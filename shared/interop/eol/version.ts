/**
 * From the version a component carries to a catalog's release cycle, with
 * every step said: a Debian or RPM revision and epoch, a leading `v`, a
 * letter suffix (OpenSSL's `1.1.1w`), patch levels down to the cycle, or a
 * codename ("kirkstone", "bullseye").
 */
import { cycleOfCodename } from './aliases';
import type { CatalogCycle, CatalogProduct } from './catalog-parse';

export interface NormalizedVersion {
  /** The version as compared with cycles (lower case). */
  value: string;
  /** What was changed, in the user's terms, in order ("Debian revision -0+deb10u2 dropped"). */
  steps: string[];
}

/** A token that reads as a version: digits first (`5.10`, `1.1.1w`, `1:1.2-3`), optionally after `v`. */
export const looksLikeVersion = (token: string): boolean => /^v?\d+([.:_~+-][0-9a-z]+)*[a-z]*$/i.test(token) || /^v?\d+(\.\d+)*\.x$/i.test(token);

export function normalizeVersion(version: string): NormalizedVersion {
  const steps: string[] = [];
  let v = version.trim().toLowerCase();
  // "5.10 LTS", "4.0 Kirkstone LTS": the version is the first word.
  const words = v.split(/\s+/);
  if (words.length > 1 && looksLikeVersion(words[0]!)) {
    steps.push(`words after the version (${words.slice(1).join(' ')}) set aside`);
    v = words[0]!;
  }
  const epoch = /^(\d+):(?=\d)/.exec(v);
  if (epoch) {
    steps.push(`epoch ${epoch[1]}: dropped`);
    v = v.slice(epoch[0].length);
  }
  if (/^v\d/.test(v)) {
    steps.push('leading v dropped');
    v = v.slice(1);
  }
  // Debian/Ubuntu/RPM package revisions: "1.1.1d-0+deb10u2", "3.0.2-0ubuntu1.15", "1.1.1k-12.el8".
  const revision = /^(\d+(?:\.\d+)*[a-z]?)([-+~].+)$/.exec(v);
  if (revision && !/^-rc\d*$/.test(revision[2]!)) {
    steps.push(`package revision ${revision[2]} dropped`);
    v = revision[1]!;
  }
  const letter = /^(\d+(?:\.\d+)+)([a-z]+)$/.exec(v);
  if (letter) {
    steps.push(`letter suffix ${letter[2]} dropped`);
    v = letter[1]!;
  }
  const wildcard = /^(.*?)((?:\.x)+)$/.exec(v);
  if (wildcard && wildcard[1]) {
    steps.push(`${wildcard[2]!.slice(1)} dropped`);
    v = wildcard[1];
  }
  return { value: v, steps };
}

export interface CycleHit {
  cycle: CatalogCycle;
  /** How the version led to the cycle, for the reason shown with a proposal. */
  steps: string[];
}

const norm = (s: string): string => s.trim().toLowerCase();

/**
 * The cycle for a version: the longest cycle that the normalised version
 * equals or starts with at a separator ("6.6.30" -> "6.6", "18.20.4" -> "18",
 * "1.1.1w" -> "1.1.1", "5.10" never "5.1"), or a codename or label of a cycle.
 */
export function cycleForVersionWithSteps(product: CatalogProduct, version: string): CycleHit | null {
  const { value: v, steps } = normalizeVersion(version);
  if (!v) return null;
  let best: CatalogCycle | null = null;
  for (const c of product.cycles) {
    const cycle = norm(c.cycle);
    const hit = v === cycle || (v.startsWith(cycle) && /^[.\-+_ ~r]/.test(v.slice(cycle.length)));
    if (hit && (!best || cycle.length > best.cycle.length)) best = c;
  }
  if (best) {
    const down = norm(best.cycle) === v ? [] : [`${v} is in cycle ${best.cycle}`];
    return { cycle: best, steps: [...steps, ...down] };
  }
  const raw = norm(version);
  for (const c of product.cycles) {
    if (c.codenames.some((n) => norm(n) === raw) || (c.label && norm(c.label) === raw)) {
      return { cycle: c, steps: [`codename ${raw} is cycle ${c.cycle}`] };
    }
  }
  const viaCodename = cycleOfCodename(product.product, raw);
  const cycle = viaCodename ? product.cycles.find((c) => c.cycle === viaCodename) : undefined;
  return cycle ? { cycle, steps: [`codename ${raw} is cycle ${cycle.cycle}`] } : null;
}

export function cycleForVersion(product: CatalogProduct, version: string): CatalogCycle | null {
  return cycleForVersionWithSteps(product, version)?.cycle ?? null;
}
