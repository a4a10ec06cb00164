import { describe, expect, it } from 'vitest';
import { buildFindingHeatmap, buildGapChart, gapHistogram, heatLevel, type GapEntry } from '../../../shared/charts';
import { toDay } from '../../../shared/domain/dates';
import type { Portfolio, Product } from '../../../shared/domain';
import { analyzePortfolio, useEnd } from '../../../shared/engine';
import { AS_OF, line, makeProduct } from './fixtures';

function portfolioOf(products: Product[]): Portfolio {
  return { lines: [line], products, decisions: [] };
}

function gapOf(products: Product[], extra: Partial<Parameters<typeof buildGapChart>[0]> = {}) {
  const pf = portfolioOf(products);
  const analysis = analyzePortfolio(pf, { asOf: AS_OF });
  return { chart: buildGapChart({ products, lines: pf.lines, findings: analysis.findings, useEndOf: (p) => useEnd(p, AS_OF), ...extra }), analysis };
}

describe('buildGapChart', () => {
  const exposed = makeProduct({ id: 'a', name: 'Alpha' }); // declared 2030-06-30, effective 2028-03-31 (core SoC), use end 2036-12-31
  const covered = makeProduct({ id: 'b', name: 'Bravo', declaredSupportEnd: '2038-01-31', components: [] });
  const noSupport = makeProduct({ id: 'c', name: 'Charlie', declaredSupportEnd: null });
  const noUse = makeProduct({ id: 'd', name: 'Delta', expectedUseYears: null });

  it('computes support end minus use end, negative = exposed, sorted most exposed first', () => {
    const { chart } = gapOf([covered, exposed]);
    expect(chart.entries.map((e) => e.productId)).toEqual(['a', 'b']);
    const a = chart.entries[0] as GapEntry;
    // The gap counts from the effective end: the core SoC's 2028-03, not the declared 2030-06.
    expect(a.gapDays).toBe(toDay('2028-03-31') - toDay('2036-12-31'));
    expect(a.supportEnd.text).toBe('2028-03-31');
    expect(a.declaredSupportEnd.text).toBe('2030-06');
    expect(a.setBy).toBe('SoC');
    expect(a.exposed).toBe(true);
    expect(a.gapMonths).toBeCloseTo(a.gapDays / (365.2425 / 12), 0);
    expect(a.value).toBe(a.gapMonths);
    expect(chart.entries[1]?.exposed).toBe(false);
    expect(chart.exposedCount).toBe(1);
    expect(gapOf([exposed], { unit: 'days' }).chart.entries[0]?.value).toBe(a.gapDays);
  });

  it('lists products with missing dates as unknown with what is missing, never as a zero gap', () => {
    const { chart } = gapOf([exposed, noSupport, noUse]);
    expect(chart.entries.map((e) => e.productId)).toEqual(['a']);
    expect(chart.unknown.map((u) => u.productId)).toEqual(['c', 'd']);
    expect(chart.unknown[0]?.missing).toEqual(['declared support end']);
    expect(chart.unknown[1]?.missing[0]).toMatch(/^use end/);
    expect(chart.entries.some((e) => e.gapDays === 0)).toBe(false);
  });

  it('colours by the worst severity of the product’s findings', () => {
    const { chart, analysis } = gapOf([exposed, covered]);
    const worst = (id: string) => {
      const sev = analysis.findings.filter((f) => f.productId === id).map((f) => f.severity);
      return sev.includes('high') ? 'high' : sev.includes('medium') ? 'medium' : sev.includes('low') ? 'low' : 'none';
    };
    for (const e of chart.entries) expect(e.severity).toBe(worst(e.productId));
    expect(chart.entries[0]?.severity).toBe('high');
  });

  it('month-precision support ends count from the end of the month', () => {
    const p = makeProduct({ id: 'm', declaredSupportEnd: '2036-11', lastPlacedOnMarket: '2026-12-31', components: [] });
    expect(gapOf([p]).chart.entries[0]?.gapDays).toBe(toDay('2036-11-30') - toDay('2036-12-31'));
  });

  it('a product still on sale gets its use end from the as-of date', () => {
    const p = makeProduct({ id: 's', lastPlacedOnMarket: null });
    expect(gapOf([p]).chart.entries[0]?.useEnd.label).toBe('2036-03-01');
  });

  it('aggregates a large portfolio into the most exposed products and a histogram of all', () => {
    const products: Product[] = [];
    for (let i = 0; i < 2000; i++) {
      const year = 2027 + (i % 20);
      products.push(makeProduct({ id: `p${i}`, name: `P${String(i).padStart(4, '0')}`, declaredSupportEnd: `${year}-06`, components: [] }));
    }
    products.push(makeProduct({ id: 'u', name: 'Unknown one', declaredSupportEnd: null, components: [] }));
    const { chart } = gapOf(products);
    expect(chart.mode).toBe('aggregated');
    expect(chart.bars).toHaveLength(30);
    expect(chart.bars).toEqual(chart.entries.slice(0, 30));
    expect(chart.bars.every((b, i) => i === 0 || (chart.bars[i - 1] as GapEntry).gapDays <= b.gapDays)).toBe(true);
    expect(chart.histogram?.reduce((s, b) => s + b.count, 0)).toBe(2000);
    expect(chart.unknown.map((u) => u.productId)).toEqual(['u']);
    expect(gapOf(products.slice(0, 10)).chart).toMatchObject({ mode: 'all', histogram: null });
  });
});

describe('gapHistogram', () => {
  const entry = (gapDays: number) => ({ gapDays }) as GapEntry;
  it('puts gaps into one-year buckets with open ends, zero on the covered side', () => {
    const h = gapHistogram([entry(-1), entry(0), entry(366), entry(-366), entry(-20 * 366), entry(20 * 366)]);
    const count = (key: string) => h.find((b) => b.key === key)?.count;
    expect(count('y-1')).toBe(1); // -1 day
    expect(count('y0')).toBe(1); // 0 days: not exposed
    expect(count('y1')).toBe(1); // 366 days
    expect(count('y-2')).toBe(1); // -366 days
    expect(count('below')).toBe(1);
    expect(count('above')).toBe(1);
    expect(h.find((b) => b.key === 'y-1')?.exposed).toBe(true);
    expect(h.find((b) => b.key === 'y0')?.exposed).toBe(false);
    expect(h.reduce((s, b) => s + b.count, 0)).toBe(6);
  });
});

describe('buildFindingHeatmap', () => {
  it('counts findings per product and kind, sorted by total, windowed', () => {
    const products = [makeProduct({ id: 'a', name: 'Alpha' }), makeProduct({ id: 'b', name: 'Bravo', components: [] , declaredSupportEnd: '2040-01' }), makeProduct({ id: 'c', name: 'Clean', components: [], declaredSupportEnd: '2040-01', markets: ['US'] })];
    const analysis = analyzePortfolio(portfolioOf(products), { asOf: AS_OF });
    const hm = buildFindingHeatmap({ products, lines: [line], findings: analysis.findings, pageSize: 2 });
    for (const row of hm.all) {
      for (const k of hm.kinds) expect(row.counts[k]).toBe(analysis.findings.filter((f) => f.productId === row.productId && f.kind === k).length);
      expect(row.total).toBe(analysis.findings.filter((f) => f.productId === row.productId).length);
    }
    expect(hm.all[0]?.productId).toBe('a');
    expect(hm.all.map((r) => r.total)).toEqual([...hm.all.map((r) => r.total)].sort((x, y) => y - x));
    expect(hm.kinds.every((k) => hm.kindTotals[k] > 0)).toBe(true);
    expect(hm.window.rows).toHaveLength(2);
    expect(hm.window.pageCount).toBe(2);
    expect(buildFindingHeatmap({ products, lines: [line], findings: analysis.findings, pageSize: 2, pageIndex: 1 }).window.rows).toHaveLength(1);
    expect(hm.max).toBe(Math.max(...hm.all.flatMap((r) => Object.values(r.counts))));
  });

  it('steps colour levels by share of the maximum', () => {
    expect([heatLevel(0, 8), heatLevel(1, 8), heatLevel(2, 8), heatLevel(4, 8), heatLevel(6, 8), heatLevel(8, 8)]).toEqual([0, 1, 1, 2, 3, 4]);
    expect(heatLevel(3, 0)).toBe(0);
  });
});
