/**
 * The official CycloneDX property taxonomy (github.com/CycloneDX/cyclonedx-property-taxonomy):
 * the `cdx:lifecycle:milestone:*` names with their meaning in the taxonomy's own
 * words, and the registered `cdx:` namespaces, so a `cdx:` name outside them is
 * reported instead of being used or dropped silently.
 */

export const MILESTONES = {
  generalAvailability: 'The date a component or service is released and available to the general public.',
  endOfMarketing: 'The date the manufacturer ceases actively promoting or advertising it; it may still be available and supported.',
  endOfProduction: 'The date the manufacturer stops producing it; existing units may still be available.',
  endOfDevelopment: 'The date the manufacturer ceases development of it.',
  endOfGuaranteedSupport: 'The date the manufacturer no longer provides assured services: technical assistance, repairs, spare parts and software updates.',
  endOfSupport: 'The date the manufacturer ceases any and all support, cybersecurity fixes included: the risk passes to the user.',
  endOfLife: 'The date the manufacturer stops selling it after its defined useful life and formally notifies users.',
  endOfBusinessOperations: 'The date the manufacturer ceased business activities: no products, services or support any more.',
} as const;
export type Milestone = keyof typeof MILESTONES;
export const MILESTONE_NAMES = Object.keys(MILESTONES) as Milestone[];

export const MILESTONE_PREFIX = 'cdx:lifecycle:milestone:';
export const milestoneProperty = (m: Milestone): string => `${MILESTONE_PREFIX}${m}`;

/** Registered namespaces whose properties carry nothing this app models (package-manager details, AI/ML, devices). */
const OTHER_NAMESPACES = [
  'cdx:ai-ml:', 'cdx:composer:', 'cdx:device:', 'cdx:esbuild:', 'cdx:gomod:', 'cdx:maven:', 'cdx:npm:',
  'cdx:pipenv:', 'cdx:poetry:', 'cdx:python:', 'cdx:rustc:',
];
const TOP_LEVEL = new Set(['cdx:reproducible']);

export type PropertyKind =
  | { kind: 'milestone'; milestone: Milestone }
  | { kind: 'registered' }
  | { kind: 'unknown-cdx' }
  | { kind: 'other' };

export function classifyProperty(name: string): PropertyKind {
  if (!name.startsWith('cdx:')) return { kind: 'other' };
  if (name.startsWith(MILESTONE_PREFIX)) {
    const m = name.slice(MILESTONE_PREFIX.length);
    return Object.prototype.hasOwnProperty.call(MILESTONES, m) ? { kind: 'milestone', milestone: m as Milestone } : { kind: 'unknown-cdx' };
  }
  if (TOP_LEVEL.has(name) || OTHER_NAMESPACES.some((ns) => name.startsWith(ns))) return { kind: 'registered' };
  return { kind: 'unknown-cdx' };
}
