/**
 * The export's quick ways give the same output as the plain ones: the
 * CycloneDX text with the components serialised once, the serial number's
 * one-pass hash, and a write that trusts the app's validated store. And the
 * progress they report comes in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ASSEMBLE_PARTS, assembleBundleInput, buildBundle, BundleWriteError, readBundle, WRITE_STAGES, type AssemblePart, type WriteStage,
} from '../../../shared/bundle';
import { parseTemplateCsv } from '../../../shared/csv';
import { hash64 } from '../../../shared/csv/stable-id';
import { deterministicSerial, exportCycloneDx, exportCycloneDxJson } from '../../../shared/interop/cyclonedx';
import { sampleInput } from '../../fixtures/bundles/sample';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const sample = () => {
  const { portfolio, errors } = parseTemplateCsv(readFileSync(join(ROOT, 'assets', 'sample-portfolio.csv'), 'utf8'));
  expect(errors).toEqual([]);
  return portfolio;
};

/** The serial as first written: two full hash64 passes. */
function serialReference(seed: string): string {
  const hex = (hash64(seed) + hash64(`${seed}\u0001`)).split('');
  hex[12] = '8';
  hex[16] = ['8', '9', 'a', 'b'][parseInt(hex[16]!, 16) & 3]!;
  const h = hex.join('');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

describe('CycloneDX export text', () => {
  it('is JSON.stringify of the document, for every product of the sample', () => {
    const portfolio = sample();
    const lines = new Map(portfolio.lines.map((l) => [l.id, l]));
    for (const product of portfolio.products) {
      const line = lines.get(product.lineId)!;
      for (const options of [
        { timestamp: '2026-11-28T10:00:00.000Z', toolVersion: '1.2.3' },
        { timestamp: '2026-11-28T10:00:00Z', toolVersion: '"quoted"', serialNumber: 'urn:uuid:00000000-0000-4000-8000-000000000000' },
      ]) {
        expect(exportCycloneDxJson(product, line, options)).toBe(JSON.stringify(exportCycloneDx(product, line, options)));
      }
      expect(exportCycloneDxJson(product, null, { timestamp: '2026-11-28T10:00:00Z', toolVersion: 'x' })).toBe(JSON.stringify(exportCycloneDx(product, null, { timestamp: '2026-11-28T10:00:00Z', toolVersion: 'x' })));
    }
  });

  it('refuses a bad timestamp the same way', () => {
    const portfolio = sample();
    expect(() => exportCycloneDxJson(portfolio.products[0]!, null, { timestamp: 'yesterday', toolVersion: 'x' })).toThrow(/not an ISO date-time/);
  });

  it('the one-pass serial equals the two-pass one for any text', () => {
    for (const seed of ['', 'a', '\u0001', 'é€𝄞', 'x'.repeat(10_000)]) expect(deterministicSerial(seed)).toBe(serialReference(seed));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (seed) => deterministicSerial(seed) === serialReference(seed)), { numRuns: 500 });
  });
});

describe('buildBundle options', () => {
  it('validated: "store" gives the same bytes for valid data, and reports the stages in order', async () => {
    const input = await sampleInput();
    const stages: WriteStage[] = [];
    const trusted = await buildBundle(input, { validated: 'store', onProgress: (stage, index, total) => {
      expect(index).toBe(WRITE_STAGES.indexOf(stage));
      expect(total).toBe(WRITE_STAGES.length);
      stages.push(stage);
    } });
    const checked = await buildBundle(input);
    expect(trusted.bytes).toEqual(checked.bytes);
    expect(stages).toEqual([...WRITE_STAGES]);
  });

  it('without the option an invalid portfolio is still refused', async () => {
    const input = await sampleInput();
    const bad = { ...input, portfolio: { ...input.portfolio, products: input.portfolio.products.map((p, i) => (i === 0 ? { ...p, declaredSupportEnd: '0000-00-00' } : p)) } };
    await expect(buildBundle(bad)).rejects.toThrow(BundleWriteError);
    await expect(buildBundle(bad)).rejects.toThrow(/the portfolio is not valid/);
  });

  it('with the option, the readers still refuse what a damaged store would have let through', async () => {
    const input = await sampleInput();
    const bad = { ...input, portfolio: { ...input.portfolio, products: input.portfolio.products.map((p, i) => (i === 0 ? { ...p, declaredSupportEnd: '0000-00-00' } : p)) } };
    const built = await buildBundle(bad, { validated: 'store' });
    const read = await readBundle(built.bytes);
    expect(read.ok).toBe(false);
  });
});

describe('assembleBundleInput progress', () => {
  it('reports analysis, products and the CSV copy in order, products counting up to all of them', () => {
    const portfolio = sample();
    const seen: [AssemblePart, number, number][] = [];
    const withProgress = assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: '2026-11-28', appVersion: '1', createdAt: '2026-11-28T10:00:00Z' }, (part, done, total) => seen.push([part, done, total]));
    const plain = assembleBundleInput(portfolio, { scope: { kind: 'portfolio' }, asOf: '2026-11-28', appVersion: '1', createdAt: '2026-11-28T10:00:00Z' });
    expect(withProgress).toEqual(plain);
    expect([...new Set(seen.map(([p]) => p))]).toEqual([...ASSEMBLE_PARTS]);
    const products = seen.filter(([p]) => p === 'products');
    expect(products.at(-1)).toEqual(['products', portfolio.products.length, portfolio.products.length]);
    for (let i = 1; i < products.length; i++) expect(products[i]![1]).toBeGreaterThan(products[i - 1]![1]);
  });
});
