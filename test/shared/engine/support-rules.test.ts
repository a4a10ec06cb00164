import { describe, expect, it } from 'vitest';
import { planSupportPeriod } from '../../../shared/engine';
import { AS_OF, LINE, comp, kinds, ofKind, product, run, withOnly } from './fixtures';

describe('a product with nothing wrong', () => {
  it('produces no finding', () => {
    expect(run(product())).toEqual([]);
  });
});

describe('support-ends-before-use', () => {
  // Use end = 2028-06-30 + 8 years = 2036-06-30.
  it('does not fire when support ends on the use-end day', () => {
    expect(ofKind(run(product({ declaredSupportEnd: '2036-06-30' })), 'support-ends-before-use')).toEqual([]);
  });

  it('fires one day earlier with a gap of one day and the dates in the message', () => {
    const [f, ...rest] = ofKind(run(product({ declaredSupportEnd: '2036-06-29' })), 'support-ends-before-use');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      key: 'support-ends-before-use:thermo:-',
      severity: 'high',
      gapDays: 1,
      componentId: null,
      field: 'product.declaredSupportEnd',
      dates: { supportEnd: '2036-06-29', useEnd: '2036-06-30', lastPlacedOnMarket: '2028-06-30' },
    });
    expect(f!.message).toContain('2036-06-29');
    expect(f!.message).toContain('2036-06-30');
    expect(f!.provisions).toContain('EU 2024/2847 Art 13(8)');
    expect(f!.nist).toContain('IR 8259A Software Update');
    expect(f!.remediation.length).toBeGreaterThan(10);
  });

  it('reads a month-precision end as the last day of that month', () => {
    expect(ofKind(run(product({ declaredSupportEnd: '2036-06' })), 'support-ends-before-use')).toEqual([]);
    const [f] = ofKind(run(product({ declaredSupportEnd: '2036-05' })), 'support-ends-before-use');
    expect(f).toMatchObject({ gapDays: 30, dates: { supportEnd: '2036-05-31' } });
  });

  it('counts years from 29 February to 28 February of a common year', () => {
    const base = { lastPlacedOnMarket: '2028-02-29', expectedUseYears: 1, markets: ['US'] };
    expect(ofKind(run(product({ ...base, declaredSupportEnd: '2029-02-28' })), 'support-ends-before-use')).toEqual([]);
    expect(ofKind(run(product({ ...base, declaredSupportEnd: '2029-02-27' })), 'support-ends-before-use')[0]?.gapDays).toBe(1);
    // Four years later is a leap year again: 29 February.
    const leap = { ...base, expectedUseYears: 4 };
    expect(ofKind(run(product({ ...leap, declaredSupportEnd: '2032-02-29' })), 'support-ends-before-use')).toEqual([]);
    expect(ofKind(run(product({ ...leap, declaredSupportEnd: '2032-02-28' })), 'support-ends-before-use')[0]?.gapDays).toBe(1);
  });

  it('counts use from the as-of date while the product is still on sale', () => {
    // Still on sale on 2026-01-15: use end 2034-01-15.
    const p = product({ lastPlacedOnMarket: null, declaredSupportEnd: '2034-01-14', markets: ['US'] });
    const [f] = ofKind(run(p), 'support-ends-before-use');
    expect(f).toMatchObject({ gapDays: 1, dates: { useEnd: '2034-01-15' } });
    expect(f!.message).toContain('still on sale on 2026-01-15');
    expect(ofKind(run(p, { asOf: '2026-01-14' }), 'support-ends-before-use')).toEqual([]);
  });

  it('counts use from the first placing when the product reaches the market after the as-of date, and says so', () => {
    // First unit 2026-06-01 (after the as-of day 2026-01-15), still on sale: use end 2034-06-01.
    const p = product({ firstPlacedOnMarket: '2026-06-01', lastPlacedOnMarket: null, declaredSupportEnd: '2034-05-31', markets: ['US'] });
    const [f] = ofKind(run(p), 'support-ends-before-use');
    expect(f).toMatchObject({ gapDays: 1, dates: { useEnd: '2034-06-01' } });
    expect(f!.message).toContain('first placed on market 2026-06-01, still on sale + 8 years');
    expect(f!.message).not.toContain('still on sale on 2026-06-01');
    const plan = planSupportPeriod(p, LINE, { asOf: AS_OF });
    expect(plan.requirements.find((r) => r.id === 'use-end')?.label).toBe('Cover the expected use: first placed on market 2026-06-01, still on sale + 8 years');
  });
});

describe('component-support-gap', () => {
  const fw = (end: string | null, core: boolean | null = true) =>
    comp({ id: 'fw', name: 'Linux BSP', class: 'it', role: 'os', supplier: 'Acme', core, securitySupportEnd: end, updateMechanism: 'ota' });

  it('compares a core component with the declared support end (2036-12-31)', () => {
    expect(run(withOnly(fw('2036-12-31')))).toEqual([]);
    const [f] = run(withOnly(fw('2036-12-30')));
    expect(f).toMatchObject({
      kind: 'component-support-gap', severity: 'medium', gapDays: 1, componentId: 'fw', component: 'Linux BSP',
      key: 'component-support-gap:thermo:fw', field: 'component.securitySupportEnd',
      dates: { componentSupportEnd: '2036-12-30', supportEnd: '2036-12-31' },
    });
    expect(f!.message).toContain('Acme');
  });

  it('compares with the use end when no support end is declared', () => {
    const p = withOnly(fw('2036-06-29'), { declaredSupportEnd: null, markets: ['US'] });
    const gaps = ofKind(run(p), 'component-support-gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ gapDays: 1, dates: { useEnd: '2036-06-30' } });
    expect(ofKind(run(withOnly(fw('2036-06'), { declaredSupportEnd: null, markets: ['US'] })), 'component-support-gap')).toEqual([]);
  });

  it('ignores components that are not core, and asks about an unknown core flag', () => {
    expect(run(withOnly(fw('2030-01-01', false)))).toEqual([]);
    expect(kinds(run(withOnly(fw('2030-01-01', null))))).toEqual(['missing-data:component.core']);
  });
});

describe('no-update-mechanism', () => {
  it('fires for an updatable role with no mechanism and not for local updates', () => {
    const c = (m: 'none' | 'local' | null, role: 'radio' | 'cloud' = 'radio') =>
      comp({ id: 'r', name: 'Radio stack', class: 'it', role, core: false, updateMechanism: m });
    const [f] = run(withOnly(c('none')));
    expect(f).toMatchObject({ kind: 'no-update-mechanism', severity: 'high', field: 'component.updateMechanism', gapDays: null });
    expect(f!.provisions).toContain('ETSI EN 303 645 5.3-14');
    expect(run(withOnly(c('local')))).toEqual([]);
    expect(run(withOnly({ ...c('none', 'cloud'), securitySupportEnd: '2037-01' }))).toEqual([]);
    expect(kinds(run(withOnly(c(null))))).toEqual(['missing-data:component.updateMechanism']);
  });
});

describe('certificate-expiry', () => {
  const cert = (expires: string | null) => comp({ id: 'ca', name: 'Cloud CA', class: 'it', role: 'certificate', expires });
  it('fires when a certificate expires before the declared support end', () => {
    expect(run(withOnly(cert('2036-12-31')))).toEqual([]);
    expect(run(withOnly(cert('2036-12-30')))[0]).toMatchObject({ kind: 'certificate-expiry', gapDays: 1, severity: 'medium', field: 'component.expires' });
    expect(run(withOnly(cert('2036-11')))[0]).toMatchObject({ kind: 'certificate-expiry', gapDays: 31 });
    expect(kinds(run(withOnly(cert(null))))).toEqual(['missing-data:component.expires']);
  });
});

describe('support-end-undisclosed', () => {
  const undisclosed = (o: Parameters<typeof product>[0], asOf?: string) =>
    kinds(run(product({ declaredSupportEnd: null, ...o }), asOf ? { asOf } : {})).filter((k) => k.includes('support-end') || k.includes('declaredSupportEnd'));

  it('UK: PSTI applies to products on sale on or after 2024-04-29', () => {
    expect(undisclosed({ markets: ['UK'], firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2024-04-28' }))
      .toEqual(['missing-data:product.declaredSupportEnd']);
    expect(undisclosed({ markets: ['UK'], firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2024-04-29' }))
      .toEqual(['support-end-undisclosed']);
  });

  it('EU: CRA Art 13(19) applies when a unit is placed from 2027-12-11, and a product still on sale counts', () => {
    expect(undisclosed({ markets: ['EU'], lastPlacedOnMarket: '2027-12-10' })).toEqual(['missing-data:product.declaredSupportEnd']);
    expect(undisclosed({ markets: ['EU'], lastPlacedOnMarket: '2027-12-11' })).toEqual(['support-end-undisclosed']);
    expect(undisclosed({ markets: ['EU'], lastPlacedOnMarket: null }, '2026-01-01')).toEqual(['support-end-undisclosed']);
  });

  it('names the provisions of each market that triggered it', () => {
    const [f] = ofKind(run(product({ declaredSupportEnd: null })), 'support-end-undisclosed');
    expect(f!.severity).toBe('high');
    expect(f!.provisions).toEqual(expect.arrayContaining(['UK SI 2023/1007 Sch 1 para 3', 'ETSI EN 303 645 5.3-13', 'EU 2024/2847 Art 13(19)']));
    expect(f!.message).toContain('2024-04-29');
    expect(f!.message).toContain('2027-12-11');
    const [uk] = ofKind(run(product({ declaredSupportEnd: null, markets: ['UK'] })), 'support-end-undisclosed');
    expect(uk!.provisions.some((p) => p.startsWith('EU 2024/2847'))).toBe(false);
  });

  it('a US-only product without a declared end gets missing-data, not silence', () => {
    expect(undisclosed({ markets: ['US'] })).toEqual(['missing-data:product.declaredSupportEnd']);
  });
});

describe('legal-min-support', () => {
  // Short use keeps support-ends-before-use out of the way: use 3 years, CRA minimum = min(5, 3) = 3 years.
  const p = (last: string | null, declared: string, use = 8) =>
    product({ markets: ['EU'], lastPlacedOnMarket: last, declaredSupportEnd: declared, expectedUseYears: use });

  it('requires last placed + 5 years when expected use is longer', () => {
    // 2028-06-30 + 5 years = 2033-06-30; use end 2036-06-30 also fires support-ends-before-use.
    expect(ofKind(run(p('2028-06-30', '2033-06-30')), 'legal-min-support')).toEqual([]);
    const [f] = ofKind(run(p('2028-06-30', '2033-06-29')), 'legal-min-support');
    expect(f).toMatchObject({ severity: 'high', gapDays: 1, dates: { legalMinimumEnd: '2033-06-30' } });
    expect(f!.provisions).toContain('EU 2024/2847 Art 13(8)');
  });

  it('requires only the expected use when it is shorter than 5 years', () => {
    expect(run(p('2028-06-30', '2031-06-30', 3))).toEqual([]);
    expect(kinds(run(p('2028-06-30', '2031-06-29', 3)))).toEqual(['support-ends-before-use', 'legal-min-support']);
  });

  it('starts with units placed on 2027-12-11', () => {
    expect(ofKind(run(p('2027-12-10', '2028-01-01')), 'legal-min-support')).toEqual([]);
    expect(ofKind(run(p('2027-12-11', '2028-01-01')), 'legal-min-support')[0]?.dates.legalMinimumEnd).toBe('2032-12-11');
  });

  it('counts a product still on sale before 2027-12-11 as placed on 2027-12-11', () => {
    const still = (declared: string) => product({ markets: ['EU'], lastPlacedOnMarket: null, declaredSupportEnd: declared, expectedUseYears: 5 });
    expect(ofKind(run(still('2032-12-11'), { asOf: '2026-01-01' }), 'legal-min-support')).toEqual([]);
    expect(ofKind(run(still('2032-12-10'), { asOf: '2026-01-01' }), 'legal-min-support')[0]?.gapDays).toBe(1);
  });

  it('counts 5 years from a month-precision 29 February to 28 February', () => {
    // '2028-02' = 2028-02-29; + 5 years = 2033-02-28.
    expect(ofKind(run(p('2028-02', '2033-02-28')), 'legal-min-support')).toEqual([]);
    expect(ofKind(run(p('2028-02', '2033-02-27')), 'legal-min-support')[0]).toMatchObject({ gapDays: 1, dates: { lastPlacedOnMarket: '2028-02-29' } });
  });

  it('does not apply outside the EU', () => {
    expect(ofKind(run(product({ markets: ['UK', 'US'], declaredSupportEnd: '2029-01-01' })), 'legal-min-support')).toEqual([]);
  });
});
