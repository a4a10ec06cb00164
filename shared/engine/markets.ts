/**
 * Market codes as people write them: `EU` or an EU member state's ISO code
 * (and `EL`, the EU's own code for Greece) mean the EU single market; `UK` or
 * `GB` mean the United Kingdom; Iceland, Liechtenstein and Norway are EEA
 * states, named as such (EU acts apply there only once the EEA Joint Committee
 * incorporates them, so the EU rules do not run for them). Other ISO 3166-1
 * codes are known markets without a rule pack; anything else is kept as typed
 * and reported once.
 */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'EL', 'HU', 'IE', 'IT', 'LV', 'LT',
  'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
] as const;
export const EEA_STATES = ['IS', 'LI', 'NO'] as const;
export const UK_CODES = ['UK', 'GB'] as const;

// ISO 3166-1 alpha-2, officially assigned codes.
const ISO_3166 = new Set((
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' '));

export type MarketClass = 'eu' | 'eea' | 'uk' | 'other' | 'unknown';

const EU_SET = new Set<string>(EU_MEMBER_STATES);
const EEA_SET = new Set<string>(EEA_STATES);
const UK_SET = new Set<string>(UK_CODES);

export function marketClass(code: string): MarketClass {
  if (code === 'EU' || EU_SET.has(code)) return 'eu';
  if (UK_SET.has(code)) return 'uk';
  if (code === 'EEA' || EEA_SET.has(code)) return 'eea';
  if (ISO_3166.has(code)) return 'other';
  return 'unknown';
}

export interface Markets {
  eu: boolean;
  uk: boolean;
  /** EEA states (not EU members) among the markets, as typed. */
  eea: string[];
  /** Codes that are neither a known group nor an ISO 3166-1 code, as typed. */
  unknown: string[];
}

export function classifyMarkets(codes: readonly string[]): Markets {
  const out: Markets = { eu: false, uk: false, eea: [], unknown: [] };
  for (const m of codes) {
    const k = marketClass(m);
    if (k === 'eu') out.eu = true;
    else if (k === 'uk') out.uk = true;
    else if (k === 'eea') { if (!out.eea.includes(m)) out.eea.push(m); }
    else if (k === 'unknown' && !out.unknown.includes(m)) out.unknown.push(m);
  }
  return out;
}

/** Whether a rule pack bound to `packMarkets` applies to a product sold in `m` / `codes`; an unbound pack always does. */
export function packMarketApplies(packMarkets: readonly string[], m: Markets, codes: readonly string[]): boolean {
  if (packMarkets.length === 0) return true;
  return packMarkets.some((pm) => (pm === 'EU' ? m.eu : pm === 'UK' ? m.uk : codes.includes(pm)));
}
