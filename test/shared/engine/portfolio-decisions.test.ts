import { describe, expect, it } from 'vitest';
import { decisionSchema, productLineSchema } from '../../../shared/domain';
import type { Portfolio } from '../../../shared/domain';
import { FINDING_KINDS, SEVERITIES, analyzePortfolio, applyDecisions, useEnd } from '../../../shared/engine';
import { AS_OF, LINE, comp, product } from './fixtures';

function portfolio(): Portfolio {
  const industrial = productLineSchema.parse({ id: 'ind', name: 'Automation', environment: 'industrial' });
  return {
    lines: [LINE, industrial],
    products: [
      product({ id: 'b', name: 'Beta', declaredSupportEnd: '2030-01' }),
      product({ id: 'a', name: 'Alpha', declaredSupportEnd: null, markets: ['US'] }),
      product({ id: 'g', lineId: 'ind', name: 'Gateway', category: 'gateway', declaredSupportEnd: '2036-12' }, [
        comp({ id: 'os', name: 'Yocto', class: 'it', role: 'os', core: true, securitySupportEnd: '2031-04', updateMechanism: 'none' }),
      ]),
    ],
    decisions: [],
  };
}

describe('analyzePortfolio', () => {
  it('orders findings by severity, product line, product, kind, component and counts them', () => {
    const r = analyzePortfolio(portfolio(), { asOf: AS_OF });
    expect(r.asOf).toBe(AS_OF);
    const order = r.findings.map((f) => `${f.severity} ${f.productLine} ${f.product} ${f.kind}`);
    expect(order).toEqual([
      // The core OS (2031-04) sets the effective end before the use end, whatever the declared 2036-12.
      'high Automation Gateway support-ends-before-use',
      'high Automation Gateway no-update-mechanism',
      'high Home comfort Beta support-ends-before-use',
      'high Home comfort Beta legal-min-support',
      'medium Automation Gateway component-support-gap',
      'low Home comfort Alpha missing-data',
    ]);
    expect(r.summary).toEqual({
      productLines: 2, products: 3, components: 13, findings: 6,
      bySeverity: { high: 4, medium: 1, low: 1 },
      byKind: { 'no-update-mechanism': 1, 'support-ends-before-use': 2, 'legal-min-support': 1, 'component-support-gap': 1, 'missing-data': 1 },
    });
  });

  it('exports the kinds and severities once', () => {
    expect(FINDING_KINDS).toHaveLength(14);
    expect(SEVERITIES).toEqual(['high', 'medium', 'low']);
  });

  it('useEnd is last placed + expected use, or null without expected use', () => {
    expect(useEnd(product(), AS_OF)).toBe('2036-06-30');
    expect(useEnd(product({ lastPlacedOnMarket: null }), AS_OF)).toBe('2034-01-15');
    expect(useEnd(product({ lastPlacedOnMarket: null, firstPlacedOnMarket: '2027-03-01' }), AS_OF)).toBe('2035-03-01');
    expect(useEnd(product({ expectedUseYears: null }), AS_OF)).toBeNull();
  });
});

describe('applyDecisions', () => {
  const findings = analyzePortfolio(portfolio(), { asOf: AS_OF }).findings;
  const key = findings[0]!.key;
  const decision = (o: object) => decisionSchema.parse({ id: 'd1', findingKey: key, productId: 'g', type: 'accepted', decidedAt: '2025-12-01T10:00:00Z', ...o });

  it('annotates without removing findings', () => {
    const out = applyDecisions(findings, [decision({ expires: '2026-01-15' })], AS_OF);
    expect(out).toHaveLength(findings.length);
    expect(out[0]).toMatchObject({ status: 'accepted', decision: { id: 'd1' } });
    expect(out.slice(1).every((f) => f.status === 'open' && f.decision === null)).toBe(true);
  });

  it('reopens an accepted risk the day after it expires; month-precision expiry lasts the month', () => {
    expect(applyDecisions(findings, [decision({ expires: '2026-01-14' })], AS_OF)[0]!.status).toBe('reopened');
    expect(applyDecisions(findings, [decision({ expires: '2026-01' })], AS_OF)[0]!.status).toBe('accepted');
    expect(applyDecisions(findings, [decision({ expires: null })], AS_OF)[0]!.status).toBe('accepted');
  });

  it('mitigated, and the latest decision wins', () => {
    const later = decision({ id: 'd2', type: 'mitigated', decidedAt: '2025-12-02T10:00:00Z' });
    expect(applyDecisions(findings, [later, decision({})], AS_OF)[0]).toMatchObject({ status: 'mitigated', decision: { id: 'd2' } });
  });

  it('a decision for another product with the same key does not apply', () => {
    expect(applyDecisions(findings, [decision({ productId: 'zz' })], AS_OF)[0]!.status).toBe('open');
  });
});
