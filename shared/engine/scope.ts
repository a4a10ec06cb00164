/**
 * Where the laws apply to one product: its markets (market codes), whether it
 * is sold to consumers (the product says, else its line's environment), and
 * the sector regulation that governs it. A law's rules run only inside its
 * scope, and findings cite only the laws whose scope the product is in; a rule
 * that does not run because of an exclusion says so, with the provision that
 * excludes it (docs/findings.md, "Scope").
 */
import { SECTOR_REGULATION_LABELS, soldToConsumers } from '../domain';
import type { Product, ProductLine, SectorRegulation } from '../domain';
import type { Context } from './context';
import type { FindingKind } from './finding-kinds';
import { classifyMarkets, packMarketApplies } from './markets';
import type { Markets } from './markets';
import { PACK_IDS } from './rule-packs';

export interface RuleNotApplied {
  /** The rule pack whose rules did not run. */
  pack: string;
  /** The rules, in words: "UK PSTI security requirements". */
  rule: string;
  /** Why, in the product's terms. */
  reason: string;
  /** Identifier of the provision that excludes the product; null when the reason is missing data. */
  provision: string | null;
  /** Finding kinds these rules would have raised. */
  kinds: FindingKind[];
}

export interface ProductScope {
  markets: Markets;
  /** Sold to consumers: true / false / null = unknown. */
  consumers: boolean | null;
  /** True when `consumers` follows the line's environment (the product does not say). */
  consumersByDefault: boolean;
  sector: SectorRegulation | null;
  cra: boolean;
  psti: boolean;
  /** Ecodesign rules for the product's category (false for an industrial or medical display). */
  ecodesign: boolean;
  batteries: boolean;
  /** Ids of the packs this product's findings may cite. */
  packs: ReadonlySet<string>;
  /** The same, as one string (a cache key). */
  packKey: string;
  notApplied: RuleNotApplied[];
}

const CRA_EXCLUSION_KEY: Readonly<Record<SectorRegulation, string>> = {
  mdr: 'scope-mdr', ivdr: 'scope-ivdr', vehicles: 'scope-vehicles', aviation: 'scope-aviation', marine: 'scope-marine',
};
const MEDICAL: ReadonlySet<SectorRegulation> = new Set(['mdr', 'ivdr']);

export function productScope(ctx: Context, product: Product, line: ProductLine): ProductScope {
  const codes = product.markets;
  const markets = classifyMarkets(codes);
  const consumers = soldToConsumers(product, line.environment);
  const consumersByDefault = product.soldToConsumers === null || product.soldToConsumers === undefined;
  const sector = product.sectorRegulation ?? null;
  const notApplied: RuleNotApplied[] = [];
  const prov = (pack: string, key: string): string | null => ctx.provisionId(`${pack}#${key}`);
  const sectorLabel = sector === null ? '' : SECTOR_REGULATION_LABELS[sector];

  let cra = false;
  if (ctx.cra && markets.eu) {
    if (sector !== null) {
      notApplied.push({
        pack: PACK_IDS.cra, rule: 'EU Cyber Resilience Act',
        reason: `governed by a sector regulation the CRA excludes: ${sectorLabel}`,
        provision: prov(PACK_IDS.cra, CRA_EXCLUSION_KEY[sector]),
        kinds: ['legal-min-support', 'support-end-undisclosed'],
      });
    } else cra = true;
  }

  let psti = false;
  if (ctx.psti && markets.uk) {
    if (sector !== null && MEDICAL.has(sector)) {
      notApplied.push({
        pack: PACK_IDS.psti, rule: 'UK PSTI security requirements',
        reason: `a medical device (${sectorLabel}) is an excepted product`,
        provision: prov(PACK_IDS.psti, 'scope-medical'), kinds: ['support-end-undisclosed'],
      });
    } else if (consumers === false) {
      notApplied.push({
        pack: PACK_IDS.psti, rule: 'UK PSTI security requirements',
        reason: consumersByDefault ? `not sold to consumers (the ${line.environment} line's default)` : 'not sold to consumers',
        provision: prov(PACK_IDS.psti, 'scope-consumer'), kinds: ['support-end-undisclosed'],
      });
    } else if (consumers === null) {
      notApplied.push({
        pack: PACK_IDS.psti, rule: 'UK PSTI security requirements',
        reason: 'unknown whether it is sold to consumers (enterprise line): record "sold to consumers" so the rules can run',
        provision: null, kinds: ['support-end-undisclosed'],
      });
    } else psti = true;
  }

  let ecodesign = false;
  if (ctx.ecodesign && markets.eu && ctx.ecodesign.has(product.category)) {
    const excludedDisplay = product.category === 'display'
      && (line.environment === 'industrial' || line.environment === 'medical' || (sector !== null && MEDICAL.has(sector)));
    if (excludedDisplay) {
      notApplied.push({
        pack: PACK_IDS.ecodesign, rule: 'EU ecodesign spare parts for electronic displays',
        reason: line.environment === 'industrial' ? 'an industrial display' : 'a medical display',
        provision: prov(PACK_IDS.ecodesign, 'displays-scope'), kinds: ['legal-min-spares'],
      });
    } else ecodesign = true;
  }

  const batteries = ctx.batteries !== null && markets.eu;

  const packs = new Set<string>();
  for (const [id, packMarkets] of ctx.packMarkets) {
    if (!packMarketApplies(packMarkets, markets, codes)) continue;
    if (id === PACK_IDS.cra && !cra) continue;
    if (id === PACK_IDS.psti && !psti) continue;
    if (id === PACK_IDS.ecodesign && !ecodesign) continue;
    packs.add(id);
  }
  return {
    markets, consumers, consumersByDefault, sector, cra, psti, ecodesign, batteries,
    packs, packKey: [...packs].sort().join(','), notApplied,
  };
}
