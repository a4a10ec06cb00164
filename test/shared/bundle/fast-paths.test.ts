/**
 * The quick ways the bundle code takes through large data give the same
 * answers as the thorough ones: canonical JSON through the engine's
 * JSON.stringify, the forbidden-key pre-check on the raw text, inflating with
 * the platform's zlib, the capped report, stored evidence, and an importer
 * that trusts what readBundle checked only for the very objects it checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import {
  canonicalJson, createBundle, isReaderChecked, parseJsonText, readBundle, renderReportHtml, REPORT_DETAIL_PRODUCTS,
} from '../../../shared/bundle';
import { openArchive, openArchiveAsync } from '../../../shared/bundle/archive';
import { DEFAULT_LIMITS, withLimits } from '../../../shared/bundle/limits';
import { portfolioSchema } from '../../../shared/domain/schemas';
import { enc, sampleInput, samplePortfolio } from '../../fixtures/bundles/sample';

/** Canonical JSON written the plain way: what the fast path must equal. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
}

const jsonValue = fc.anything({
  maxDepth: 5,
  key: fc.oneof(fc.string(), fc.constantFrom('a', 'B', '10', '2', '0', 'é', '\ud83d\ude00', 'toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty')),
  values: [fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)],
  withBigInt: false, withDate: false, withMap: false, withSet: false, withObjectString: false, withBoxedValues: false,
  withTypedArray: false, withSparseArray: false, withNullPrototype: false,
});

describe('canonical JSON', () => {
  it('the compact form equals a plain sorted-key writer for any JSON value, whatever the keys', () => {
    fc.assert(fc.property(jsonValue, (v) => canonicalJson(v) === reference(v)), { numRuns: 3000 });
  });

  it('leaves out undefined properties and still refuses what JSON cannot hold, with the path', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [{ z: 1, y: 2 }] })).toBe('{"b":1,"c":[{"y":2,"z":1}]}');
    expect(() => canonicalJson({ a: { b: [1, Infinity] } })).toThrow('a.b[1]: Infinity is not a JSON number');
    expect(() => canonicalJson({ a: [1, undefined] })).toThrow('a[1]: undefined in an array');
    expect(() => canonicalJson({ when: new Date(0) })).not.toThrow();
    // A Date has no own keys: written as {} (never through its toJSON), as the plain writer does.
    expect(canonicalJson({ when: new Date(0) })).toBe('{"when":{}}');
  });
});

describe('forbidden keys in JSON text', () => {
  for (const [what, text] of [
    ['spelled out', '{"a":{"__proto__":{"x":1}}}'],
    ['escaped with \\u', '{"a":{"\\u005f_proto__":{"x":1}}}'],
    ['every letter escaped', '{"a":[{"\\u0063\\u006f\\u006e\\u0073\\u0074\\u0072\\u0075\\u0063\\u0074\\u006f\\u0072":1}]}'],
    ['prototype, escaped', '{"\\u0070rototype":1}'],
  ] as const) {
    it(`are refused when ${what}`, () => {
      const r = parseJsonText(text, 'f.json');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/^f\.json: .*the key "(__proto__|constructor|prototype)" is not allowed/);
    });
  }

  it('are only keys: the same words as values are fine', () => {
    const r = parseJsonText('{"name":"constructor","note":"__proto__ and prototype","esc":"\\u00e9"}', 'f.json');
    expect(r.ok).toBe(true);
  });

  it('JSON nested deeper than 64 levels is refused with or without forbidden words in the text', () => {
    const deep = '['.repeat(70) + ']'.repeat(70);
    expect(parseJsonText(deep, 'f.json')).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper than 64/) });
    expect(parseJsonText(`{"constructorName":${deep}}`, 'f.json')).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper than 64/) });
  });
});

describe('opening the archive with the platform zlib', () => {
  const corpus = join(import.meta.dirname, '../../fixtures/bundles');

  it('gives the same entries as the fflate reader, natively and in JavaScript', async () => {
    const bytes = await createBundle(await sampleInput());
    const sync = openArchive(bytes, withLimits());
    const native = await openArchiveAsync(bytes, withLimits());
    const script = await openArchiveAsync(bytes, withLimits(), { native: false });
    if (!sync.ok || !native.ok || !script.ok) throw new Error('the sample did not open');
    expect(native.names).toEqual(sync.names);
    expect([...native.entries]).toEqual([...sync.entries]);
    expect([...script.entries]).toEqual([...sync.entries]);
  });

  for (const native of [true, false]) {
    it(`stops an entry that inflates past its declared size (${native ? 'native' : 'fflate'})`, async () => {
      const bytes = new Uint8Array(readFileSync(join(corpus, 'bomb-lying-header.sspan')));
      const r = await openArchiveAsync(bytes, withLimits(), { native });
      expect(r).toMatchObject({ ok: false, kind: 'unreadable', error: expect.stringMatching(/inflates to more than the 1,000 bytes its header declares/) });
    });

    it(`stops at the total budget even when each entry is within its own (${native ? 'native' : 'fflate'})`, async () => {
      const zeros = new Uint8Array(600 * 1024);
      const bytes = zipSync({ 'a.json': zeros, 'b.json': zeros }, { level: 9 });
      const r = await openArchiveAsync(bytes, { ...DEFAULT_LIMITS, maxTotalUncompressedBytes: 1024 * 1024, maxRatio: 100_000 }, { native });
      // the declared total is checked first; both sizes are honest here, so the directory check catches it
      expect(r).toMatchObject({ ok: false, kind: 'unreadable', error: expect.stringMatching(/would inflate to 1\.2 MB, more than the 1\.0 MB limit/) });
    });

    it(`reports a damaged deflate stream as invalid (${native ? 'native' : 'fflate'})`, async () => {
      const bytes = zipSync({ 'data.json': enc('{"a":"' + 'x'.repeat(5000) + '"}') }, { level: 6 });
      const entries = unzipSync(bytes);
      expect(entries['data.json']!.length).toBe(5008);
      // the deflate stream starts right after the 30-byte local header and the name
      const damaged = bytes.slice();
      damaged[30 + 'data.json'.length] = 0xff;
      const r = await openArchiveAsync(damaged, withLimits(), { native });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/data\.json.*(damaged|declares)/);
    });
  }

  it('reads stored (uncompressed) entries too, and copies them out of the file', async () => {
    const bytes = zipSync({ 'a.txt': enc('hello'), 'b.txt': enc('') }, { level: 0 });
    const r = await openArchiveAsync(bytes, withLimits());
    if (!r.ok) throw new Error(r.error);
    const a = r.entries.get('a.txt')!;
    expect(new TextDecoder().decode(a)).toBe('hello');
    expect(a.buffer).not.toBe(bytes.buffer);
    expect(r.entries.get('b.txt')!.length).toBe(0);
  });
});

describe('what the writer and the reader do for large bundles', () => {
  it('stores already-compressed evidence and deflates the rest; both read back', async () => {
    const png = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    const input = await sampleInput({
      evidence: [
        { ownerId: 'c-soc', name: 'photo.png', mediaType: 'image/png', bytes: png },
        { ownerId: 'p-lock', name: 'battery test.txt', mediaType: 'text/plain', bytes: enc('cycle test: 500 cycles '.repeat(50)) },
      ],
    });
    const bytes = await createBundle(input);
    const methods = new Map<string, number>();
    unzipSync(bytes, { filter: (f) => (methods.set(f.name, f.compression), false) });
    const method = (suffix: string) => [...methods].find(([n]) => n.endsWith(suffix))?.[1];
    expect(method('photo.png')).toBe(0);
    expect(method('battery_test.txt')).toBe(8);
    const r = await readBundle(bytes);
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.evidence.find((e) => e.name === 'photo.png')!.bytes).toEqual(png);
  });

  it('reads back stored evidence that is itself a zip, and writes the sizes in the local headers', async () => {
    // An Office document holds zip signatures (local header, data descriptor, directory); a reader that scans for them in an entry whose size is not in its local header would cut the entry there.
    const inner = zipSync({ 'word/document.xml': enc('<w:document/>'.repeat(200)) }, { level: 0 });
    const docx = new Uint8Array([...inner, 0x50, 0x4b, 0x07, 0x08, ...inner]);
    const input = await sampleInput({
      evidence: [{ ownerId: 'p-lock', name: 'test report.docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: docx }],
    });
    for (const level of [undefined, 3] as const) {
      const bytes = await createBundle({ ...input, level });
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const names = new Map<string, number>();
      unzipSync(bytes, { filter: (f) => (names.set(f.name, f.compression), false) });
      // Every local header carries its CRC and sizes: general purpose bit 3 (data descriptor) is clear.
      let at = 0;
      for (let i = 0; i < names.size; i++) {
        expect(view.getUint32(at, true)).toBe(0x04034b50);
        expect(view.getUint16(at + 6, true) & 8).toBe(0);
        at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + view.getUint32(at + 18, true);
      }
      expect(view.getUint32(at, true)).toBe(0x02014b50);
      expect([...names].find(([n]) => n.endsWith('.docx'))?.[1]).toBe(0);
      const sync = openArchive(bytes, DEFAULT_LIMITS);
      if (!sync.ok) throw new Error(sync.error);
      const r = await readBundle(bytes);
      if (!r.ok) throw new Error(r.error);
      expect(r.bundle.evidence.find((e) => e.name === 'test report.docx')!.bytes).toEqual(docx);
    }
  });

  it('marks what readBundle checked, by identity only', async () => {
    const r = await readBundle(await createBundle(await sampleInput()));
    if (!r.ok) throw new Error(r.error);
    expect(isReaderChecked(r.bundle)).toBe(true);
    expect(isReaderChecked({ ...r.bundle })).toBe(true);
    expect(isReaderChecked({ ...r.bundle, portfolio: structuredClone(r.bundle.portfolio) })).toBe(false);
    expect(isReaderChecked({ ...r.bundle, history: [...r.bundle.history] })).toBe(false);
    const refused = await readBundle(enc('not a zip'));
    expect(refused.ok).toBe(false);
  });

  it('shows the products with the most severe findings in full and the rest as summary rows, every name escaped', () => {
    const base = samplePortfolio();
    const products = Array.from({ length: 6 }, (_, i) => ({ ...base.products[0]!, id: `p-${i}`, name: `<b>Product ${i}</b>`, components: base.products[0]!.components.map((c) => ({ ...c, id: `c-${i}-${c.id}` })) }));
    const portfolio = portfolioSchema.parse({ lines: base.lines, products, decisions: [] });
    const findings = [
      { kind: 'k', severity: 'low' as const, productId: 'p-0', message: 'low one', provisions: [] },
      { kind: 'k', severity: 'high' as const, productId: 'p-4', message: 'high one', provisions: [] },
      { kind: 'k', severity: 'medium' as const, productId: 'p-2', message: 'medium one', provisions: [] },
    ];
    const html = renderReportHtml({
      portfolio, scope: { kind: 'portfolio' }, asOf: '2026-05-01', createdAt: '2026-05-01T12:00:00Z', appVersion: '1', rulePacks: [], findings,
      signature: { state: 'unsigned' }, detailProducts: 2,
    });
    const full = [...html.matchAll(/<section class="product"><h3>(.*?)<\/h3>/g)].map((m) => m[1]);
    expect(full).toEqual(['&lt;b&gt;Product 2&lt;/b&gt;', '&lt;b&gt;Product 4&lt;/b&gt;']);
    expect((html.match(/<svg /g) ?? []).length).toBe(2);
    for (const i of [0, 1, 3, 5]) expect(html).toContain(`<tr><td>&lt;b&gt;Product ${i}&lt;/b&gt;</td>`);
    expect(html).toContain('2 of 6 products are shown in full');
    expect(html).not.toContain('<b>Product');
    expect(REPORT_DETAIL_PRODUCTS).toBeGreaterThan(2);
  });
});
