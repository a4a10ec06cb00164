/**
 * Everything an analysis needs that does not depend on one product, computed
 * once: the as-of day, the rule packs turned into day numbers and lookup
 * tables, and caches so that each distinct date text is parsed once.
 */
import { dayToIso, parseDayDate, parseLifecycleDate } from '../domain';
import type { Category, DayNumber } from '../domain';
import { FINDING_KINDS, KIND_INFO } from './finding-kinds';
import type { FindingKind } from './finding-kinds';
import { DEFAULT_RULE_PACKS, PACK_IDS, findPack } from './rule-packs';
import type { PartList, RulePack } from './rule-packs';

export interface OrgPolicy {
  /** Minimum years of security support counted from the last unit placed on the market. */
  minSupportYears?: number;
  /** Minimum years of spare parts for replaceable components, counted the same way. */
  minSpareYears?: number;
}

export interface AnalysisOptions {
  /** `YYYY-MM-DD`; the analysis never reads the clock. */
  asOf: string;
  rulePacks?: RulePack[];
  policy?: OrgPolicy;
}

export interface CompiledPartRule { part: string; list: PartList; years: number; verified: boolean }
export interface CompiledCategoryRule {
  years: number;
  from: DayNumber;
  provision: string;
  /** Role -> the listed part that covers it with the most years; null = the category has no per-part list. */
  parts: Map<string, CompiledPartRule> | null;
}

export interface Context {
  asOf: string;
  asOfDay: DayNumber;
  packs: { id: string; version: string }[];
  cra: { from: DayNumber; minYears: number; support: string[]; disclosure: string[] } | null;
  psti: { from: DayNumber; provisions: string[] } | null;
  ecodesign: Map<Category, CompiledCategoryRule> | null;
  /** Smartphones and tablets: operating-system updates for `years` after the end of placing on the market. */
  phonesOs: { years: number; from: DayNumber; provision: string } | null;
  /** Each pack's markets (first pack of an id wins). */
  packMarkets: Map<string, string[]>;
  /** Provisions of a kind that the product may cite, given the packs whose scope it is in. */
  citations: (kind: FindingKind, scope: { packs: ReadonlySet<string>; packKey: string }) => string[];
  batteries: { from: DayNumber; roles: Set<string> } | null;
  updatableRoles: Set<string> | null;
  nist: Record<FindingKind, string[]>;
  /** Identifiers of any provision in the packs, by `packId#key`. */
  provisionId: (ref: string) => string | null;
  policy: { minSupportYears: number | null; minSpareYears: number | null };
  /** Day number of a validated date; `where` names the field in the error if the text is not a date after all. */
  day: (text: string, owner: string, field: string) => DayNumber;
  iso: (day: DayNumber) => string;
  /** `{ asOf }`, shared (frozen) by every finding whose only date is the as-of date. */
  asOfDates: Record<string, string>;
}

function packError(pack: RulePack, what: string): Error {
  return new RangeError(`rule pack ${pack.id}@${pack.version}: ${what}`);
}

function packDate(pack: RulePack, name: string): DayNumber {
  const text = pack.inForce[name];
  if (text === undefined) throw packError(pack, `inForce.${name} is missing`);
  const r = parseDayDate(text);
  if (!r.ok) throw packError(pack, `inForce.${name}: ${r.reason}`);
  return r.day;
}

function packNumber(pack: RulePack, name: string): number {
  const v = pack.thresholds[name];
  if (v === undefined || !Number.isFinite(v) || v < 0) throw packError(pack, `thresholds.${name} is missing or not a number`);
  return v;
}

function policyYears(v: number | undefined, name: string): number | null {
  if (v === undefined) return null;
  if (!Number.isFinite(v) || v <= 0 || v > 100) throw new RangeError(`policy.${name}: ${v} is not a number of years between 0 and 100`);
  return v;
}

export function createContext(options: AnalysisOptions): Context {
  const asOf = parseDayDate(options.asOf);
  if (!asOf.ok) throw new RangeError(`asOf: ${asOf.reason}`);
  const packs = options.rulePacks ?? DEFAULT_RULE_PACKS;

  const byRef = new Map<string, string>();
  for (let i = packs.length - 1; i >= 0; i--) {
    const p = packs[i]!;
    for (const prov of p.provisions) byRef.set(`${p.id}#${prov.key}`, prov.id);
  }
  const provisionId = (ref: string): string | null => byRef.get(ref) ?? null;
  const resolve = (refs: readonly string[]): string[] => {
    const out: string[] = [];
    for (const r of refs) {
      const id = byRef.get(r);
      if (id !== undefined && !out.includes(id)) out.push(id);
    }
    return out;
  };

  const craPack = findPack(packs, PACK_IDS.cra);
  const pstiPack = findPack(packs, PACK_IDS.psti);
  const ecoPack = findPack(packs, PACK_IDS.ecodesign);
  const batPack = findPack(packs, PACK_IDS.batteries);
  const etsiPack = findPack(packs, PACK_IDS.etsi);

  let ecodesign: Map<Category, CompiledCategoryRule> | null = null;
  if (ecoPack) {
    ecodesign = new Map();
    for (const c of ecoPack.categories) {
      const from = parseDayDate(c.from);
      if (!from.ok) throw packError(ecoPack, `categories.${c.category}.from: ${from.reason}`);
      const prov = byRef.get(`${ecoPack.id}#${c.provision}`);
      if (prov === undefined) throw packError(ecoPack, `categories.${c.category}: provision ${c.provision} is not in the pack`);
      let parts: Map<string, CompiledPartRule> | null = null;
      if (c.parts) {
        parts = new Map();
        for (const part of c.parts) {
          const compiled: CompiledPartRule = { part: part.part, list: part.list, years: part.years, verified: part.verified };
          for (const role of part.roles) {
            const prev = parts.get(role);
            if (prev === undefined || part.years > prev.years) parts.set(role, compiled);
          }
        }
      }
      if (!ecodesign.has(c.category)) ecodesign.set(c.category, { years: c.years, from: from.day, provision: prov, parts });
    }
  }
  let phonesOs: Context['phonesOs'] = null;
  if (ecoPack && ecoPack.thresholds.phonesOsUpdateYears !== undefined) {
    const prov = byRef.get(`${ecoPack.id}#phones-os-updates`);
    if (prov !== undefined) phonesOs = { years: packNumber(ecoPack, 'phonesOsUpdateYears'), from: packDate(ecoPack, 'phonesTablets'), provision: prov };
  }
  const packMarkets = new Map<string, string[]>();
  for (const p of packs) if (!packMarkets.has(p.id)) packMarkets.set(p.id, p.markets);

  // Per kind: each citation with the pack it comes from, so a product outside a pack's scope does not cite it.
  const kindRefs = {} as Record<FindingKind, { pack: string; id: string }[]>;
  for (const k of FINDING_KINDS) {
    const refs: { pack: string; id: string }[] = [];
    for (const r of KIND_INFO[k].provisions) {
      const id = byRef.get(r);
      if (id !== undefined && !refs.some((x) => x.id === id)) refs.push({ pack: r.slice(0, r.indexOf('#')), id });
    }
    kindRefs[k] = refs;
  }
  const citationCache = new Map<string, string[]>();
  const citations = (kind: FindingKind, scope: { packs: ReadonlySet<string>; packKey: string }): string[] => {
    const key = `${kind}|${scope.packKey}`;
    let out = citationCache.get(key);
    if (out === undefined) {
      // Shared by every finding with this key: frozen so that no consumer can change another finding's list.
      out = Object.freeze(kindRefs[kind].filter((r) => scope.packs.has(r.pack)).map((r) => r.id)) as string[];
      citationCache.set(key, out);
    }
    return out;
  };

  const nist = {} as Record<FindingKind, string[]>;
  for (const k of FINDING_KINDS) {
    // Shared by every finding of the kind: frozen so that no consumer can change another finding's list.
    nist[k] = Object.freeze(resolve(KIND_INFO[k].nist)) as string[];
  }

  const dayCache = new Map<string, DayNumber>();
  const day = (text: string, owner: string, field: string): DayNumber => {
    let d = dayCache.get(text);
    if (d === undefined) {
      const r = parseLifecycleDate(text);
      if (!r.ok) throw new RangeError(`${owner}.${field}: ${r.reason}`);
      d = r.day;
      dayCache.set(text, d);
    }
    return d;
  };
  const isoCache = new Map<DayNumber, string>();
  const iso = (d: DayNumber): string => {
    let s = isoCache.get(d);
    if (s === undefined) {
      s = dayToIso(d);
      isoCache.set(d, s);
    }
    return s;
  };

  return {
    asOf: options.asOf,
    asOfDay: asOf.day,
    packs: packs.map((p) => ({ id: p.id, version: p.version })),
    cra: craPack
      ? {
          from: packDate(craPack, 'application'),
          minYears: packNumber(craPack, 'minSupportYears'),
          support: Object.freeze(resolve([`${craPack.id}#support-period`])) as string[],
          disclosure: Object.freeze(resolve([`${craPack.id}#end-date-shown`, `${craPack.id}#user-information`])) as string[],
        }
      : null,
    psti: pstiPack
      ? {
          from: packDate(pstiPack, 'application'),
          provisions: Object.freeze(resolve([`${pstiPack.id}#support-period`, `${PACK_IDS.etsi}#5.3-13`])) as string[],
        }
      : null,
    ecodesign,
    phonesOs,
    packMarkets,
    citations,
    batteries: batPack ? { from: packDate(batPack, 'userReplaceable'), roles: new Set(batPack.lists.roles ?? ['battery']) } : null,
    updatableRoles: etsiPack ? new Set(etsiPack.lists.updatableRoles ?? []) : null,
    nist,
    provisionId,
    policy: {
      minSupportYears: policyYears(options.policy?.minSupportYears, 'minSupportYears'),
      minSpareYears: policyYears(options.policy?.minSpareYears, 'minSpareYears'),
    },
    day,
    iso,
    asOfDates: Object.freeze({ asOf: options.asOf }) as Record<string, string>,
  };
}
