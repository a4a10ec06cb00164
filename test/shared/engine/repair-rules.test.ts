import { describe, expect, it } from 'vitest';
import type { Component } from '../../../shared/domain';
import { comp, kinds, ofKind, run, withOnly } from './fixtures';

// The fixture product: last placed 2028-06-30, 8 years of use, use end 2036-06-30, EU and UK.
const motor = (o: Partial<Component>) =>
  comp({ id: 'm', name: 'Drum motor', class: 'mechanical', role: 'motor', expectedLifeYears: 5, fieldReplaceable: 'professional', repairDocs: true, sparePartsUntil: '2036-06-30', ...o });

describe('not-field-replaceable', () => {
  it('fires for a wear part that cannot be replaced, with the wear-out date', () => {
    const [f, ...rest] = run(withOnly(motor({ fieldReplaceable: 'no' })));
    expect(rest).toEqual([]);
    // The last unit placed (2028-06-30) wears out 2033-06-30, 1096 days before 2036-06-30.
    expect(f).toMatchObject({ kind: 'not-field-replaceable', severity: 'medium', gapDays: 1096, dates: { wearOut: '2033-06-30', useEnd: '2036-06-30' } });
  });

  it('a part that lasts as long as the product is not a wear part', () => {
    expect(run(withOnly(motor({ fieldReplaceable: 'no', expectedLifeYears: 8 })))).toEqual([]);
    expect(run(withOnly(motor({ fieldReplaceable: 'no', expectedLifeYears: 7.9 })))[0]?.kind).toBe('not-field-replaceable');
  });

  it('asks for the life and the replaceability instead of guessing', () => {
    expect(kinds(run(withOnly(motor({ expectedLifeYears: null }))))).toEqual(['missing-data:component.expectedLifeYears']);
    expect(kinds(run(withOnly(motor({ fieldReplaceable: null }))))).toEqual(['missing-data:component.fieldReplaceable']);
  });
});

describe('spare-gap', () => {
  it('fires when spare parts of a replaceable wear part end before use end', () => {
    expect(run(withOnly(motor({})))).toEqual([]);
    expect(run(withOnly(motor({ sparePartsUntil: '2036-06-29' })))[0]).toMatchObject({ kind: 'spare-gap', gapDays: 1, field: 'component.sparePartsUntil' });
    expect(run(withOnly(motor({ sparePartsUntil: '2036-06' })))).toEqual([]);
    expect(run(withOnly(motor({ sparePartsUntil: '2036-05' })))[0]).toMatchObject({ kind: 'spare-gap', gapDays: 30 });
  });

  it('fires without a gap when no spare parts are committed', () => {
    const [f] = run(withOnly(motor({ sparePartsUntil: null })));
    expect(f).toMatchObject({ kind: 'spare-gap', gapDays: null });
    expect(f!.message).toContain('2036-06-30');
  });
});

describe('no-repair-info', () => {
  it('fires for a replaceable part without repair documentation', () => {
    const [f] = run(withOnly(motor({ repairDocs: false })));
    expect(f).toMatchObject({ kind: 'no-repair-info', severity: 'low', field: 'component.repairDocs' });
    expect(f!.nist).toContain('IR 8259B Documentation');
    expect(run(withOnly(motor({ repairDocs: false, fieldReplaceable: 'no', expectedLifeYears: 10 })))).toEqual([]);
    expect(kinds(run(withOnly(motor({ repairDocs: null }))))).toEqual(['missing-data:component.repairDocs']);
  });
});

describe('legal-min-spares', () => {
  const washer = (c: Component, last: string | null = '2028-03-31', markets = ['EU']) =>
    withOnly(c, { category: 'washing-machine', markets, lastPlacedOnMarket: last, expectedUseYears: 12, declaredSupportEnd: '2040-12' });
  const pump = (spare: string | null) =>
    comp({ id: 'p', name: 'Drain pump', class: 'mechanical', role: 'pump', expectedLifeYears: 15, fieldReplaceable: 'professional', repairDocs: true, sparePartsUntil: spare });

  it('washing machines: 10 years after the last unit placed', () => {
    // 2028-03-31 + 10 years = 2038-03-31.
    expect(run(washer(pump('2038-03')))).toEqual([]);
    const [f] = run(washer(pump('2038-03-30')));
    expect(f).toMatchObject({ kind: 'legal-min-spares', severity: 'high', gapDays: 1, provisions: ['EU 2019/2023 Annex II'], dates: { legalMinimumEnd: '2038-03-31' } });
    expect(run(washer(pump(null)))[0]).toMatchObject({ kind: 'legal-min-spares', gapDays: null });
  });

  it('only on the EU market and for categories under ecodesign rules', () => {
    expect(run(washer(pump('2030-01-01'), '2028-03-31', ['UK']))).toEqual([]);
    expect(run(withOnly(pump('2030-01-01'), { category: 'gateway', markets: ['EU'], expectedUseYears: 12, declaredSupportEnd: '2040-12' }))).toEqual([]);
  });

  it('the 7-year professional-repairer lists: a dishwasher pump, a refrigerator thermostat, a display power supply', () => {
    const part = (role: Component['role'], spare: string) =>
      comp({ id: 'p', name: 'Part', class: 'mechanical', role, expectedLifeYears: 15, fieldReplaceable: 'professional', repairDocs: true, sparePartsUntil: spare });
    for (const [category, role] of [['dishwasher', 'pump'], ['refrigerator', 'thermostat'], ['display', 'power-supply']] as const) {
      const p = (spare: string) => withOnly(part(role, spare), { category, markets: ['EU'], lastPlacedOnMarket: '2028-03-31', expectedUseYears: 12, declaredSupportEnd: '2040-12' });
      expect(run(p('2035-03-31'))).toEqual([]);
      expect(run(p('2035-03-30'))[0]?.gapDays).toBe(1);
    }
  });

  it('smartphones: from 2025-06-20, 7 years', () => {
    const display = comp({ id: 'p', name: 'Display assembly', class: 'mechanical', role: 'display-panel', expectedLifeYears: 15, fieldReplaceable: 'professional', repairDocs: true, sparePartsUntil: '2026-01-01' });
    const phone = (last: string) => withOnly(display, { category: 'smartphone', markets: ['EU'], firstPlacedOnMarket: '2023-01-01', lastPlacedOnMarket: last, expectedUseYears: 1, declaredSupportEnd: '2040-12' });
    expect(run(phone('2025-06-19'))).toEqual([]);
    expect(run(phone('2025-06-20'))[0]).toMatchObject({ kind: 'legal-min-spares', provisions: ['EU 2023/1670 Annex II'], dates: { legalMinimumEnd: '2032-06-20' } });
  });

  it('asks whether a part of a product under ecodesign rules is replaceable', () => {
    // A listed part (door hinge) owes its spare parts whether or not it is replaceable: the legal finding and the question.
    expect(kinds(run(washer(comp({ id: 'd', name: 'Door', class: 'mechanical', role: 'hinge', expectedLifeYears: 20 }))))).toEqual(['legal-min-spares', 'missing-data:component.fieldReplaceable']);
    // An unlisted replaceable part does not.
    expect(kinds(run(washer(comp({ id: 'd', name: 'Badge', class: 'mechanical', role: 'other', expectedLifeYears: 20 }))))).toEqual(['missing-data:component.fieldReplaceable']);
  });
});

describe('battery-not-replaceable', () => {
  const cell = (fr: Component['fieldReplaceable']) =>
    comp({ id: 'b', name: 'Li-ion pack', class: 'mechanical', role: 'battery', expectedLifeYears: 10, fieldReplaceable: fr, repairDocs: true, sparePartsUntil: '2040-01-01' });

  it('fires on the EU market from 2027-02-18', () => {
    expect(run(withOnly(cell('professional'), { lastPlacedOnMarket: '2027-02-17' }))).toEqual([]);
    const [f] = run(withOnly(cell('professional'), { lastPlacedOnMarket: '2027-02-18' }));
    expect(f).toMatchObject({ kind: 'battery-not-replaceable', severity: 'high', provisions: ['EU 2023/1542 Art 11'], dates: { batteriesFrom: '2027-02-18' } });
    expect(run(withOnly(cell('no'), { lastPlacedOnMarket: null }))[0]?.kind).toBe('battery-not-replaceable');
  });

  it('does not fire for a user-replaceable battery or outside the EU', () => {
    expect(run(withOnly(cell('user')))).toEqual([]);
    expect(run(withOnly(cell('no'), { markets: ['UK'] }))).toEqual([]);
  });

  it('asks once when replaceability is unknown', () => {
    expect(kinds(run(withOnly(cell(null))))).toEqual(['missing-data:component.fieldReplaceable']);
    // A wear-part battery with unknown replaceability: still one missing-data finding for the field.
    expect(kinds(run(withOnly(comp({ id: 'b', name: 'Cell', class: 'mechanical', role: 'battery', expectedLifeYears: 2 })))))
      .toEqual(['missing-data:component.fieldReplaceable']);
  });

  it('the finding key and component are stable', () => {
    expect(ofKind(run(withOnly(cell('no'))), 'battery-not-replaceable')[0]).toMatchObject({ key: 'battery-not-replaceable:thermo:b', componentId: 'b', component: 'Li-ion pack' });
  });
});
