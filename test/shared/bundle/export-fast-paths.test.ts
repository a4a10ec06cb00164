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
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { crc32, writeZip } from '../../../shared/bundle/archive';

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

describe('the zip writer', () => {
  const FIXED = new Date(1980, 0, 1, 12, 0, 0);
  const files = (): { name: string; bytes: Uint8Array }[] => [
    { name: 'manifest.json', bytes: new TextEncoder().encode('{"a":1}\n') },
    { name: 'data/empty.json', bytes: new Uint8Array(0) },
    { name: 'data/portfolio.json', bytes: new TextEncoder().encode(JSON.stringify(samplePortfolioText())) },
    { name: 'evidence/photo.png', bytes: Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251) },
  ];
  const samplePortfolioText = () => ({ rows: Array.from({ length: 2000 }, (_, i) => ({ id: `c${i}`, name: `part ${i % 37}` })) });

  it('lays entries out byte for byte as fflate zipSync does, stored and deflated at any level', async () => {
    for (const level of [0, 1, 3, 6, 9] as const) {
      const list = files();
      const zippable: Zippable = Object.fromEntries(list.map((f) => [f.name, f.name.endsWith('.png') ? [f.bytes, { level: 0 }] : f.bytes]));
      const expected = zipSync(zippable, { level, mtime: FIXED });
      const written = await writeZip(list.map((f) => ({ ...f, level: f.name.endsWith('.png') ? 0 : level })), FIXED);
      expect(Buffer.from(written).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('deflates with the platform zlib to entries that read back exactly, with their CRC-32 checked by fflate', async () => {
    const list = files();
    const written = await writeZip(list.map((f) => ({ ...f, level: f.name.endsWith('.png') ? 0 : 'platform' })), FIXED);
    const methods = new Map<string, number>();
    const back = unzipSync(written, { filter: (f) => (methods.set(f.name, f.compression), true) });
    for (const f of list) expect(Buffer.from(back[f.name]!).equals(Buffer.from(f.bytes))).toBe(true);
    expect(methods.get('evidence/photo.png')).toBe(0);
    expect(methods.get('data/portfolio.json')).toBe(8);
    // fflate's streaming reader checks nothing of the CRC; check it here against the JavaScript one.
    const dir = new DataView(written.buffer, written.byteOffset);
    const central = dir.getUint32(written.length - 22 + 16, true);
    let at = central;
    for (const f of list) {
      expect(dir.getUint32(at + 16, true)).toBe(crc32(f.bytes));
      at += 46 + dir.getUint16(at + 28, true);
    }
    // The same input, the same bytes.
    expect(Buffer.from(await writeZip(list.map((f) => ({ ...f, level: 'platform' as const })), FIXED)).equals(
      Buffer.from(await writeZip(list.map((f) => ({ ...f, level: 'platform' as const })), FIXED)))).toBe(true);
  });

  it('computes the zip CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
