import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PACKS, PACK_IDS, analyzePortfolio, derivePack, findPack, rulePackSchema } from '../../../shared/engine';
import type { RulePack } from '../../../shared/engine';
import { AS_OF, LINE, comp, kinds, ofKind, product, run, withOnly } from './fixtures';

describe('missing-data', () => {
  it('one finding per missing field, with the field in the key, instead of a guess', () => {
    const p = product({ expectedUseYears: null, firstPlacedOnMarket: null }, [
      comp({ id: 'os', name: 'OS', class: 'it', role: 'os', core: true, updateMechanism: 'ota' }),
      comp({ id: 'hinge', name: 'Hinge', class: 'mechanical', role: 'hinge' }),
    ]);
    const found = run(p);
    expect(found.every((f) => f.kind === 'missing-data' && f.severity === 'low')).toBe(true);
    expect(found.map((f) => f.key).sort()).toEqual([
      'missing-data:thermo:-:product.expectedUseYears',
      'missing-data:thermo:-:product.firstPlacedOnMarket',
      'missing-data:thermo:hinge:component.expectedLifeYears',
      'missing-data:thermo:os:component.securitySupportEnd',
    ]);
    expect(found.find((f) => f.componentId === 'os')!.field).toBe('component.securitySupportEnd');
  });

  it('without expected use, the CRA minimum is still checked against the full 5 years', () => {
    const p = product({ markets: ['EU'], expectedUseYears: null, declaredSupportEnd: '2030-01-01' });
    // Earlier than 2028-06-30 + 5 years: we cannot tell without the expected use, so only missing-data.
    expect(kinds(run(p))).toEqual(['missing-data:product.expectedUseYears']);
  });
});

describe('rule packs are data', () => {
  it('the defaults carry versioned ids and validate against the pack schema', () => {
    for (const pack of DEFAULT_RULE_PACKS) expect(rulePackSchema.safeParse(pack).success).toBe(true);
    expect(DEFAULT_RULE_PACKS.map((p) => `${p.id}@${p.version}`)).toEqual(expect.arrayContaining(['eu-cra@2024.2', 'uk-psti@2023.2', 'eu-ecodesign-spares@2023.2']));
    expect(rulePackSchema.safeParse({ ...DEFAULT_RULE_PACKS[0], inForce: { application: '2027-13-01' } }).success).toBe(false);
  });

  const withPack = (id: string, change: Partial<RulePack>) =>
    DEFAULT_RULE_PACKS.map((p) => (p.id === id ? derivePack(p, change) : p));

  it('a changed CRA minimum changes the result', () => {
    // Declared 2034-06-30 = last placed + 6 years: fine at 5, short at 7.
    const cra = findPack(DEFAULT_RULE_PACKS, PACK_IDS.cra)!;
    const packs = withPack(PACK_IDS.cra, { thresholds: { ...cra.thresholds, minSupportYears: 7 } });
    const p2 = product({ markets: ['EU'], declaredSupportEnd: '2034-06-30', expectedUseYears: 8 });
    expect(ofKind(run(p2), 'legal-min-support')).toEqual([]);
    expect(ofKind(run(p2, { rulePacks: packs }), 'legal-min-support')[0]?.dates.legalMinimumEnd).toBe('2035-06-30');
  });

  it('a changed date in force changes the result', () => {
    const p = product({ markets: ['EU'], lastPlacedOnMarket: '2027-06-30', declaredSupportEnd: '2027-10-01', expectedUseYears: 0.5 });
    expect(ofKind(run(p), 'legal-min-support')).toEqual([]);
    const packs = withPack(PACK_IDS.cra, { inForce: { application: '2027-06-30' } });
    expect(ofKind(run(p, { rulePacks: packs }), 'legal-min-support')).toHaveLength(1);
  });

  it('dropping a pack drops its rules and citations; the result records the pack versions', () => {
    const p = withOnly(comp({ id: 'b', name: 'Cell', class: 'mechanical', role: 'battery', expectedLifeYears: 10, fieldReplaceable: 'no' }));
    expect(ofKind(run(p), 'battery-not-replaceable')).toHaveLength(1);
    const packs = DEFAULT_RULE_PACKS.filter((x) => x.id !== PACK_IDS.batteries);
    expect(ofKind(run(p, { rulePacks: packs }), 'battery-not-replaceable')).toEqual([]);
    const short = run(product({ declaredSupportEnd: '2036-01-01' }), { rulePacks: DEFAULT_RULE_PACKS.filter((x) => x.id !== PACK_IDS.nist) });
    expect(short[0]!.nist).toEqual([]);
    const result = analyzePortfolio({ lines: [LINE], products: [p], decisions: [] }, { asOf: AS_OF, rulePacks: packs });
    expect(result.rulePacks.map((r) => r.id)).not.toContain(PACK_IDS.batteries);
  });

  it('a pack without a threshold its rule needs is refused with the reason', () => {
    const packs = withPack(PACK_IDS.cra, { thresholds: {} });
    expect(() => run(product(), { rulePacks: packs })).toThrow(/eu-cra@2024\.2\+custom: thresholds\.minSupportYears/);
  });

  it('a bad as-of date is refused', () => {
    expect(() => run(product(), { asOf: '2026-02-30' })).toThrow(/asOf/);
  });
});

describe('organisation policy', () => {
  it('a stricter minimum support reports under legal-min-support with medium severity and the policy as provision', () => {
    // 2028-06-30 + 10 years = 2038-06-30 > declared 2036-12-31.
    const [f, ...rest] = run(product(), { policy: { minSupportYears: 10 } });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'legal-min-support', severity: 'medium', key: 'legal-min-support:thermo:-:policy',
      provisions: ['Organisation policy: at least 10 years of security support'], gapDays: 546,
      dates: { policyMinimumEnd: '2038-06-30' },
    });
    expect(run(product(), { policy: { minSupportYears: 8 } })).toEqual([]);
  });

  it('when the law is already missed, the legal finding alone is reported', () => {
    const p = product({ markets: ['EU'], declaredSupportEnd: '2030-01-01', expectedUseYears: 3 });
    const found = ofKind(run(p, { policy: { minSupportYears: 7 } }), 'legal-min-support');
    expect(found.map((f) => f.severity)).toEqual(['high']);
  });

  it('a minimum spare-part period reports under legal-min-spares', () => {
    const p = withOnly(comp({ id: 'k', name: 'Knob', class: 'mechanical', role: 'other', expectedLifeYears: 20, fieldReplaceable: 'user', repairDocs: true, sparePartsUntil: '2033-06-30' }));
    expect(run(p, { policy: { minSpareYears: 5 } })).toEqual([]);
    const [f] = run(p, { policy: { minSpareYears: 6 } });
    expect(f).toMatchObject({ kind: 'legal-min-spares', severity: 'medium', key: 'legal-min-spares:thermo:k:policy', gapDays: 365 });
  });

  it('a nonsensical policy is refused', () => {
    expect(() => run(product(), { policy: { minSupportYears: -1 } })).toThrow(/policy\.minSupportYears/);
  });
});
