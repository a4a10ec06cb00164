import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MINUS,
  formatBytes,
  formatCount,
  formatCountdown,
  formatDate,
  formatGapDays,
  formatGapMonths,
  formatMonths,
  formatNumber,
  formatSigned,
  formatTimestamp,
  formatUnitYears,
  plural,
} from '../../../shared/format';

describe('numbers', () => {
  it('groups thousands and uses one minus sign', () => {
    expect(formatNumber(12000)).toBe('12,000');
    expect(formatNumber(14682)).toBe('14,682');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber(-72)).toBe(`${MINUS}72`);
    expect(formatNumber(-0.04, 1)).toBe('0.0');
  });
  it('signs', () => {
    expect(formatSigned(3)).toBe('+3');
    expect(formatSigned(-3)).toBe(`${MINUS}3`);
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(-0.2)).toBe('0');
  });
  it('never writes a hyphen-minus for a negative number', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => !formatNumber(n).includes('-') && !formatSigned(n).includes('-')));
  });
});

describe('counts and plurals', () => {
  it('uses the right noun', () => {
    expect(formatCount(1, 'product line')).toBe('1 product line');
    expect(formatCount(2, 'product line')).toBe('2 product lines');
    expect(formatCount(0, 'component')).toBe('0 components');
    expect(formatCount(14682, 'finding')).toBe('14,682 findings');
    expect(formatCount(2, 'property', 'properties')).toBe('2 properties');
    expect(plural(1, 'risk')).toBe('risk');
  });
});

describe('dates', () => {
  it('shows stored dates as ISO and day numbers as YYYY-MM-DD', () => {
    expect(formatDate('2027-06')).toBe('2027-06');
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(null)).toBe('—');
    expect(formatTimestamp('2026-12-03T10:15:00+01:00')).toBe('2026-12-03 09:15 UTC');
  });
});

describe('gaps', () => {
  it('speaks years and months', () => {
    expect(formatGapMonths(-73)).toBe('6 y 1 m short');
    expect(formatGapMonths(1)).toBe('1 month left');
    expect(formatGapMonths(-72)).toBe('6 years short');
    expect(formatGapMonths(-68.1)).toBe('5 y 8 m short');
    expect(formatGapMonths(0)).toBe('on the day');
    expect(formatGapMonths(null)).toBe('unknown');
    expect(formatMonths(11)).toBe('11 months');
  });
  it('converts days to months, and keeps days below half a month', () => {
    expect(formatGapDays(-412)).toBe('1 y 2 m short');
    expect(formatGapDays(10)).toBe('10 days left');
    expect(formatGapDays(-1)).toBe('1 day short');
    expect(formatGapDays(365)).toBe('1 year left');
  });
  it('says short exactly when the gap is negative', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100000, max: 100000 }).filter((d) => d !== 0), (d) => formatGapDays(d).endsWith(d < 0 ? 'short' : 'left')),
    );
  });
});

describe('sizes, exposure and countdowns', () => {
  it('formats', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3.2 MB');
    expect(formatUnitYears(1234.4)).toBe('1,234 unit-years');
    expect(formatUnitYears(2.25)).toBe('2.3 unit-years');
    expect(formatCountdown(23 * 3600_000 + 5 * 60_000)).toBe('23 h 5 m left');
    expect(formatCountdown(-(3 * 3600_000 + 10 * 60_000))).toBe('3 h 10 m overdue');
    expect(formatCountdown(52 * 3600_000)).toBe('2 d 4 h left');
  });
});

describe('shortfalls (findings and the planner carry needed minus actual days)', () => {
  it('reads a positive shortfall as short and a negative one as margin, in years and months', async () => {
    const { formatShortfallDays } = await import('../../../shared/format/format');
    expect(formatShortfallDays(2375)).toBe('6 y 6 m short');
    expect(formatShortfallDays(-31)).toBe('1 month left');
    expect(formatShortfallDays(10)).toBe('10 days short');
    expect(formatShortfallDays(1)).toBe('1 day short');
    expect(formatShortfallDays(0)).toBe('on the day');
    expect(formatShortfallDays(null)).toBe('unknown');
    expect(formatShortfallDays(730)).toBe('2 years short');
  });
});

describe('sizes against limits', () => {
  it('keeps one decimal below 100 and goes exact when rounding would hide the difference', async () => {
    const { formatBytes, formatBytesAgainst } = await import('../../../shared/format/format');
    expect(formatBytes(48.3 * 1024 * 1024)).toBe('48.3 MB');
    expect(formatBytes(512 * 1024 * 1024)).toBe('512 MB');
    expect(formatBytes(1024 * 1024 * 1024)).toBe('1.0 GB');
    expect(formatBytesAgainst(3 * 1024 * 1024, 2 * 1024 * 1024)).toEqual(['3.0 MB', '2.0 MB']);
    expect(formatBytesAgainst(1024 * 1024 + 1, 1024 * 1024)).toEqual(['1,048,577 bytes', '1,048,576 bytes']);
  });
});
