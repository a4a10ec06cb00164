import { describe, expect, it } from 'vitest';
import type { DecidedFinding } from '../../../shared/engine';
import { formatGapMonths as formatGap } from '../../../shared/format/format';
import { compareRows, gapInMonths, worstOpenFinding, type ProductRow } from '../../../renderer/features/portfolio/portfolio-rows';

function finding(kind: DecidedFinding['kind'], severity: DecidedFinding['severity'], status: DecidedFinding['status'] = 'open'): DecidedFinding {
  return {
    key: `${kind}:p:-`, kind, severity, productLineId: 'l', productLine: 'L', productId: 'p', product: 'P', componentId: null, component: null,
    gapDays: null, message: '', provisions: [], nist: [], remediation: '', field: '', dates: {}, decision: null, status,
  };
}

describe('worst open finding', () => {
  it('takes severity first, then the kind order, and ignores accepted and mitigated findings', () => {
    const low = finding('missing-data', 'low');
    const medium = finding('spare-gap', 'medium');
    const highAccepted = finding('support-ends-before-use', 'high', 'accepted');
    const highLater = finding('legal-min-spares', 'high');
    const highFirst = finding('no-update-mechanism', 'high');
    expect(worstOpenFinding([low, medium, highAccepted])).toBe(medium);
    expect(worstOpenFinding([low, highLater, highFirst, medium])).toBe(highFirst);
    expect(worstOpenFinding([{ ...highAccepted, status: 'reopened' }, highFirst])?.kind).toBe('support-ends-before-use');
    expect(worstOpenFinding([finding('spare-gap', 'medium', 'mitigated')])).toBeNull();
    expect(worstOpenFinding(undefined)).toBeNull();
  });
});

describe('gap', () => {
  it('is negative when support ends first, unknown when a date is missing', () => {
    expect(gapInMonths('2028-12', '2034-01-01')).toBe(-60);
    expect(gapInMonths('2036-06', '2035-12-31')).toBe(6);
    expect(gapInMonths(null, '2035-12-31')).toBeNull();
    expect(gapInMonths('2030-01', null)).toBeNull();
    expect(formatGap(-60)).toBe('5 years short');
    expect(formatGap(6)).toBe('6 months left');
    expect(formatGap(null)).toBe('unknown');
  });

  it('sorts unknown gaps and support ends last, not as zero', () => {
    const row = (name: string, gapMonths: number | null, supportEnd: string | null) => ({ product: { name, id: name }, gapMonths, supportEnd, worst: null, open: [] }) as unknown as ProductRow;
    const rows = [row('a', null, null), row('b', 3, '2030-01'), row('c', -2, '2029-05'), row('d', 0, '2031-01-01')];
    expect([...rows].sort(compareRows('gap')).map((r) => r.product.name)).toEqual(['c', 'd', 'b', 'a']);
    expect([...rows].sort(compareRows('supportEnd')).map((r) => r.product.name)).toEqual(['c', 'b', 'd', 'a']);
  });
});
