/**
 * Worked examples for the scope of each law: who the product is sold to, the
 * sector regulation that governs it, its market codes, the per-part ecodesign
 * lists and the ecosystem services it depends on.
 */
import { describe, expect, it } from 'vitest';
import { productLineSchema } from '../../../shared/domain';
import type { Component, Product, ProductLine } from '../../../shared/domain';
import { DEFAULT_RULE_PACKS, analyzeProduct, productAnalysis } from '../../../shared/engine';
import { classifyMarkets, marketClass } from '../../../shared/engine/markets';
import { AS_OF, LINE, comp, kinds, ofKind, product, withOnly } from './fixtures';

const line = (environment: ProductLine['environment']): ProductLine => productLineSchema.parse({ id: 'l', name: `${environment} line`, environment });
const INDUSTRIAL = line('industrial');
const MEDICAL = line('medical');
const ENTERPRISE = line('enterprise');
const on = (l: ProductLine, p: Product) => analyzeProduct(p, l, { asOf: AS_OF });
const notApplied = (l: ProductLine, p: Product) => productAnalysis(p, l, { asOf: AS_OF }).notApplied;
const cited = (p: Product, l: ProductLine = LINE) => on(l, p).flatMap((f) => f.provisions);

describe('PSTI runs only for products sold to UK consumers (PSTI Act 2022 s.54)', () => {
  const undisclosed = (overrides: Partial<Product> = {}) => product({ declaredSupportEnd: null, markets: ['UK'], ...overrides });

  it('a consumer line is sold to consumers by default', () => {
    const [f] = ofKind(on(LINE, undisclosed()), 'support-end-undisclosed');
    expect(f?.provisions).toContain('UK SI 2023/1007 Sch 1 para 3');
    expect(notApplied(LINE, undisclosed())).toEqual([]);
  });

  it('an industrial controller sold only in the UK gets no PSTI finding, and says why', () => {
    const found = on(INDUSTRIAL, undisclosed());
    expect(ofKind(found, 'support-end-undisclosed')).toEqual([]);
    expect(kinds(found)).toContain('missing-data:product.declaredSupportEnd');
    expect(found.flatMap((f) => f.provisions).some((p) => p.startsWith('UK '))).toBe(false);
    expect(notApplied(INDUSTRIAL, undisclosed())).toEqual([
      expect.objectContaining({ pack: 'uk-psti', provision: 'UK PSTI Act 2022 s.54', reason: 'not sold to consumers (the industrial line\'s default)', kinds: ['support-end-undisclosed'] }),
    ]);
  });

  it('the product overrides its line: an industrial product sold to consumers is in scope, a consumer one not sold to them is not', () => {
    expect(ofKind(on(INDUSTRIAL, undisclosed({ soldToConsumers: 'yes' })), 'support-end-undisclosed')).toHaveLength(1);
    expect(ofKind(on(LINE, undisclosed({ soldToConsumers: 'no' })), 'support-end-undisclosed')).toEqual([]);
    expect(notApplied(LINE, undisclosed({ soldToConsumers: 'no' }))[0]?.reason).toBe('not sold to consumers');
  });

  it('enterprise IT leaves it unknown: missing data where the UK rule needs it, not a guess', () => {
    const found = on(ENTERPRISE, undisclosed());
    expect(ofKind(found, 'support-end-undisclosed')).toEqual([]);
    expect(kinds(found)).toContain('missing-data:product.soldToConsumers');
    expect(notApplied(ENTERPRISE, undisclosed())[0]).toMatchObject({ pack: 'uk-psti', provision: null });
    // A sector regulation that is not a PSTI exception leaves the question open too.
    expect(kinds(on(ENTERPRISE, undisclosed({ sectorRegulation: 'vehicles' })))).toContain('missing-data:product.soldToConsumers');
    expect(kinds(on(ENTERPRISE, undisclosed({ sectorRegulation: 'mdr' })))).not.toContain('missing-data:product.soldToConsumers');
    // Outside the UK the question does not arise.
    expect(kinds(on(ENTERPRISE, undisclosed({ markets: ['US'] })))).not.toContain('missing-data:product.soldToConsumers');
  });

  it('medical devices are excepted (SI 2023/1007 Sch 3), whatever the consumer answer', () => {
    const p = undisclosed({ soldToConsumers: 'yes', sectorRegulation: 'mdr' });
    expect(ofKind(on(LINE, p), 'support-end-undisclosed')).toEqual([]);
    expect(notApplied(LINE, p)).toEqual([expect.objectContaining({ pack: 'uk-psti', provision: 'UK SI 2023/1007 Sch 3' })]);
  });
});

describe('the CRA does not apply under an excluded sector regulation (CRA Art 2(2)–(4))', () => {
  // Declared 2029-01 is before the CRA minimum 2033-06-30 (last placed 2028-06-30 + 5 years).
  const short = (sectorRegulation: Product['sectorRegulation']) => product({ markets: ['EU'], declaredSupportEnd: '2029-01', sectorRegulation });

  it('without one, the CRA minimum applies', () => {
    expect(ofKind(on(LINE, short(null)), 'legal-min-support')).toHaveLength(1);
  });

  it.each([
    ['mdr', 'EU 2024/2847 Art 2(2)(a)'],
    ['ivdr', 'EU 2024/2847 Art 2(2)(b)'],
    ['vehicles', 'EU 2024/2847 Art 2(2)(c)'],
    ['aviation', 'EU 2024/2847 Art 2(3)'],
    ['marine', 'EU 2024/2847 Art 2(4)'],
  ] as const)('%s: no CRA finding or citation, and the exclusion %s is named', (sector, provision) => {
    const found = on(LINE, short(sector));
    expect(ofKind(found, 'legal-min-support')).toEqual([]);
    expect(found.flatMap((f) => f.provisions).some((p) => p.startsWith('EU 2024/2847'))).toBe(false);
    // The engineering rule still reports the gap between support and use, without a CRA citation.
    expect(ofKind(found, 'support-ends-before-use')).toHaveLength(1);
    expect(notApplied(LINE, short(sector))).toEqual([expect.objectContaining({ pack: 'eu-cra', provision, kinds: ['legal-min-support', 'support-end-undisclosed'] })]);
  });

  it('a medical device without a declared end is not told the CRA requires one', () => {
    const found = on(MEDICAL, product({ markets: ['EU'], declaredSupportEnd: null, sectorRegulation: 'mdr', lastPlacedOnMarket: null }));
    expect(ofKind(found, 'support-end-undisclosed')).toEqual([]);
    expect(kinds(found)).toContain('missing-data:product.declaredSupportEnd');
  });
});

describe('ecodesign display rules do not apply to industrial or medical displays (EU 2019/2021 Art 1(2))', () => {
  const psu = comp({ id: 'psu', name: 'Power supply', class: 'mechanical', role: 'power-supply', expectedLifeYears: 30, fieldReplaceable: 'professional', repairDocs: true });
  const display = withOnly(psu, { category: 'display', markets: ['EU'], lastPlacedOnMarket: '2028-03-31', expectedUseYears: 12, declaredSupportEnd: '2040-12' });

  it('a consumer display owes its power supply 7 years', () => {
    expect(ofKind(on(LINE, display), 'legal-min-spares')[0]).toMatchObject({ provisions: ['EU 2019/2021 Annex II'], dates: { legalMinimumEnd: '2035-03-31' } });
  });

  it.each([[INDUSTRIAL, 'an industrial display'], [MEDICAL, 'a medical display']] as const)('%#: no spare-parts finding, and the exclusion is named', (l, reason) => {
    expect(ofKind(on(l, display), 'legal-min-spares')).toEqual([]);
    expect(notApplied(l, display)).toEqual([expect.objectContaining({ pack: 'eu-ecodesign-spares', provision: 'EU 2019/2021 Art 1(2)', reason, kinds: ['legal-min-spares'] })]);
  });

  it('the exclusion is for displays only: an industrial washing machine keeps its rule', () => {
    const pump = comp({ id: 'p', name: 'Pump', class: 'mechanical', role: 'pump', expectedLifeYears: 30, fieldReplaceable: 'professional', repairDocs: true });
    expect(ofKind(on(INDUSTRIAL, withOnly(pump, { category: 'washing-machine', markets: ['EU'], expectedUseYears: 12, declaredSupportEnd: '2040-12' })), 'legal-min-spares')).toHaveLength(1);
  });
});

describe('market codes', () => {
  it('classifies each class of code', () => {
    expect(['EU', 'DE', 'FR', 'EL', 'GR', 'IE', 'SE'].map(marketClass)).toEqual(Array(7).fill('eu'));
    expect(['UK', 'GB'].map(marketClass)).toEqual(['uk', 'uk']);
    expect(['NO', 'IS', 'LI'].map(marketClass)).toEqual(['eea', 'eea', 'eea']);
    expect(['US', 'CH', 'JP'].map(marketClass)).toEqual(['other', 'other', 'other']);
    expect(['XX', 'EUR', 'U-K'].map(marketClass)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(classifyMarkets(['NO', 'XX', 'XX', 'DE'])).toEqual({ eu: true, uk: false, eea: ['NO'], unknown: ['XX'] });
  });

  it('member-state codes run the EU rules, GB the UK rules', () => {
    const short = (markets: string[]) => product({ markets, declaredSupportEnd: null });
    const undisclosed = (markets: string[]) => ofKind(on(LINE, short(markets)), 'support-end-undisclosed')[0]?.provisions ?? [];
    expect(undisclosed(['DE', 'FR'])).toEqual(['EU 2024/2847 Art 13(19)', 'EU 2024/2847 Annex II(7)']);
    expect(undisclosed(['EL'])).toContain('EU 2024/2847 Art 13(19)');
    expect(undisclosed(['GB'])).toEqual(['UK SI 2023/1007 Sch 1 para 3', 'ETSI EN 303 645 5.3-13']);
  });

  it('EEA states are not EU members: no EU rule runs for Norway alone', () => {
    expect(ofKind(on(LINE, product({ markets: ['NO'], declaredSupportEnd: '2029-01' })), 'legal-min-support')).toEqual([]);
  });

  it('an unknown code is kept and reported once per product', () => {
    const p = product({ markets: ['XX', 'ZZ', 'DE'] });
    expect(p.markets).toEqual(['XX', 'ZZ', 'DE']);
    const missing = on(LINE, p).filter((f) => f.field === 'product.markets');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toMatch(/"XX", "ZZ"/);
  });

  it('findings cite only the laws of the markets that triggered them', () => {
    const exposed = (markets: string[]) => product({ markets, declaredSupportEnd: '2030-01' });
    const cra = (ps: string[]) => ps.some((p) => p.startsWith('EU 2024/2847'));
    expect(cra(cited(exposed(['US'])))).toBe(false);
    expect(cra(cited(exposed(['UK'])))).toBe(false);
    expect(cra(cited(exposed(['DE'])))).toBe(true);
    // The engineering finding still carries the standard's citation.
    expect(ofKind(on(LINE, exposed(['US'])), 'support-ends-before-use')[0]!.provisions).toEqual(['ETSI EN 303 645 5.3-13']);
  });
});

describe('per-part ecodesign lists', () => {
  const part = (role: Component['role'], fieldReplaceable: Component['fieldReplaceable'] = 'professional', spare: string | null = null) =>
    comp({ id: 'x', name: 'Part', class: 'mechanical', role, expectedLifeYears: 30, fieldReplaceable, repairDocs: true, sparePartsUntil: spare });
  const of = (category: Product['category'], c: Component) =>
    withOnly(c, { category, markets: ['EU'], firstPlacedOnMarket: '2024-01-01', lastPlacedOnMarket: '2028-03-31', expectedUseYears: 12, declaredSupportEnd: '2040-12' });
  const legalEnd = (category: Product['category'], c: Component) =>
    ofKind(on(LINE, of(category, c)), 'legal-min-spares').find((f) => !f.key.endsWith(':not-replaceable'))?.dates.legalMinimumEnd ?? null;

  it("a refrigerator's door gaskets are owed 10 years (EU 2019/2019 Annex II), its thermostat 7", () => {
    expect(legalEnd('refrigerator', part('door-seal'))).toBe('2038-03-31');
    expect(legalEnd('refrigerator', part('thermostat'))).toBe('2035-03-31');
  });

  it("a dishwasher's end-user parts are owed 10 years (EU 2019/2022 Annex II), its professional-repairer parts 7", () => {
    for (const role of ['hinge', 'door-seal', 'seal', 'spray-arm', 'filter', 'basket-rack'] as const) expect(legalEnd('dishwasher', part(role))).toBe('2038-03-31');
    for (const role of ['motor', 'pump', 'heater', 'control-board', 'thermostat'] as const) expect(legalEnd('dishwasher', part(role))).toBe('2035-03-31');
    const [f] = ofKind(on(LINE, of('dishwasher', part('spray-arm'))), 'legal-min-spares');
    expect(f!.message).toMatch(/spray arms, on the list for end users/);
  });

  it('every listed part of every pack entry owes its years, counted from the last placing', () => {
    const eco = DEFAULT_RULE_PACKS.find((p) => p.id === 'eu-ecodesign-spares')!;
    let checked = 0;
    for (const cat of eco.categories) {
      for (const entry of cat.parts ?? []) {
        for (const role of entry.roles) {
          const years = Math.max(...(cat.parts ?? []).filter((e) => e.roles.includes(role)).map((e) => e.years));
          expect(legalEnd(cat.category, part(role as Component['role'])), `${cat.category} ${entry.part} (${role})`).toBe(`${2028 + years}-03-31`);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('an unlisted part owes nothing under the lists', () => {
    expect(legalEnd('dishwasher', part('enclosure'))).toBeNull();
    expect(legalEnd('refrigerator', part('pump'))).toBeNull();
  });

  it('a listed part declared not replaceable keeps its legal finding and gets its own high one, never the softer wear-part finding', () => {
    const found = on(LINE, of('refrigerator', comp({ id: 'x', name: 'Door gasket', class: 'mechanical', role: 'door-seal', expectedLifeYears: 5, fieldReplaceable: 'no' })));
    expect(found.map((f) => `${f.kind}:${f.severity}`)).toEqual(['legal-min-spares:high', 'legal-min-spares:high']);
    const own = found.find((f) => f.key.endsWith(':not-replaceable'))!;
    expect(own).toMatchObject({ provisions: ['EU 2019/2019 Annex II'], field: 'component.fieldReplaceable', dates: { legalMinimumEnd: '2038-03-31' } });
    expect(ofKind(found, 'not-field-replaceable')).toEqual([]);
    // With committed spare parts the not-replaceable finding stands on its own.
    expect(ofKind(on(LINE, of('refrigerator', part('door-seal', 'no', '2039-01'))), 'legal-min-spares').map((f) => f.key)).toEqual(['legal-min-spares:thermo:x:not-replaceable']);
  });

  it('pack provisions and list entries say whether they were verified', () => {
    for (const pack of DEFAULT_RULE_PACKS) for (const p of pack.provisions) expect(typeof p.verified).toBe('boolean');
    const eco = DEFAULT_RULE_PACKS.find((p) => p.id === 'eu-ecodesign-spares')!;
    expect(eco.provisions.find((p) => p.key === 'phones-os-updates')).toMatchObject({ verified: false });
    for (const c of eco.categories) for (const e of c.parts ?? []) expect(typeof e.verified).toBe('boolean');
  });
});

describe('ecosystem-end-before-use', () => {
  const service = (overrides: Partial<Component>) => comp({ id: 'cloud', name: 'Device cloud', class: 'it', role: 'cloud', supplier: 'Acme', updateMechanism: 'ota', ...overrides });
  // Declared end 2036-12-31, use end 2036-06-30 in the fixture; move the use end later to open a stretch after the declared end.
  const late = { expectedUseYears: 10 }; // use end 2038-06-30

  it('a non-core cloud that shuts down before the use end: medium, with what stops working', () => {
    const [f] = ofKind(on(LINE, withOnly(service({ core: false, securitySupportEnd: '2031-12', onShutdown: 'stops-working' }))), 'ecosystem-end-before-use');
    expect(f).toMatchObject({ severity: 'medium', componentId: 'cloud', gapDays: 1643, dates: { serviceEnd: '2031-12-31', useEnd: '2036-06-30' } });
    expect(f!.message).toMatch(/when it ends the device stops working/);
    expect(f!.message).toMatch(/not core/);
  });

  it('says when the on-shutdown behaviour is not recorded', () => {
    const [f] = ofKind(on(LINE, withOnly(service({ core: false, securitySupportEnd: '2031-12' }))), 'ecosystem-end-before-use');
    expect(f!.message).toMatch(/not recorded \(on shutdown\)/);
  });

  it('a core service ending before the declared end keeps its component-support-gap, and is not reported twice', () => {
    const found = on(LINE, withOnly(service({ core: true, securitySupportEnd: '2031-12' })));
    expect(ofKind(found, 'component-support-gap')).toHaveLength(1);
    expect(ofKind(found, 'ecosystem-end-before-use')).toEqual([]);
  });

  it('a core service ending between the declared end and the use end is the new kind', () => {
    const found = on(LINE, withOnly(service({ core: true, securitySupportEnd: '2037-06', onShutdown: 'loses-remote' }), late));
    expect(ofKind(found, 'component-support-gap')).toEqual([]);
    expect(ofKind(found, 'ecosystem-end-before-use')[0]!.message).toMatch(/loses its remote features/);
  });

  it('a mobile app or gateway counts too; a service that outlives the use end does not', () => {
    expect(ofKind(on(LINE, withOnly(service({ role: 'mobile-app', core: false, securitySupportEnd: '2030-01' }))), 'ecosystem-end-before-use')).toHaveLength(1);
    expect(ofKind(on(LINE, withOnly(service({ role: 'gateway', core: false, securitySupportEnd: '2030-01' }))), 'ecosystem-end-before-use')).toHaveLength(1);
    expect(ofKind(on(LINE, withOnly(service({ core: false, securitySupportEnd: '2036-06-30' }))), 'ecosystem-end-before-use')).toEqual([]);
  });

  it('asks for the end of a non-core service, which the rule needs', () => {
    expect(kinds(on(LINE, withOnly(service({ core: false }))))).toEqual(['missing-data:component.securitySupportEnd']);
  });
});
