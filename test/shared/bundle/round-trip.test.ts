import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createBundle, readBundle, verifyBundle, generateSigningKey, scopePortfolio } from '../../../shared/bundle';
import { portfolioSchema, COMPONENT_CLASSES, ROLES, CATEGORIES, ENVIRONMENTS, type Portfolio } from '../../../shared/domain/schemas';
import { sampleInput, samplePortfolio, unzipEntries, dec } from '../../fixtures/bundles/sample';

describe('createBundle / readBundle', () => {
  it('round-trips the sample: data, evidence, history, extras and report', async () => {
    const input = await sampleInput();
    const bytes = await createBundle(input);
    const r = await readBundle(bytes);
    if (!r.ok) throw new Error(r.error);
    const b = r.bundle;
    expect(b.portfolio).toEqual(input.portfolio);
    expect(b.history).toEqual(input.history);
    expect(b.plans).toEqual(input.plans);
    expect(b.analysis.findings).toEqual(input.analysis.findings);
    expect(b.evidence.map((e) => [e.ownerId, e.name, dec(e.bytes)])).toEqual(
      expect.arrayContaining(input.evidence!.map((e) => [e.ownerId, e.name, dec(e.bytes)])),
    );
    expect(b.extras.map((e) => e.path).sort()).toEqual(['interchange/cyclonedx/p-thermo.cdx.json', 'interchange/portfolio.csv']);
    expect(b.manifest.counts).toEqual({ lines: 2, products: 3, components: 7, decisions: 1, findings: 2, evidence: 2, changes: input.history!.length, risks: 0, controls: 0, activities: 0, vulnerabilities: 0, communicationPlans: 0 });
    expect(b.reportHtml).toContain('Thermostat T1');
    expect(b.manifest.files['report.html']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists every file except manifest.json and signature.json in the manifest, with the evidence under a safe name', async () => {
    const key = await generateSigningKey();
    const bytes = await createBundle({ ...(await sampleInput()), signingKey: key });
    const names = [...unzipEntries(bytes).keys()];
    expect(names[0]).toBe('manifest.json');
    expect(names[names.length - 1]).toBe('signature.json');
    const manifest = JSON.parse(dec(unzipEntries(bytes).get('manifest.json')!));
    expect(Object.keys(manifest.files).sort()).toEqual(names.filter((n) => n !== 'manifest.json' && n !== 'signature.json').sort());
    expect(names.some((n) => /^evidence\/[0-9a-f]{64}-Espressif_support_letter_2025_.pdf$/.test(n))).toBe(true);
    const all = dec(Object.values(Object.fromEntries(unzipEntries(bytes))).reduce((a, b) => { const c = new Uint8Array(a.length + b.length); c.set(a); c.set(b, a.length); return c; }));
    expect(all).not.toContain(key.privateJwk.d);
  });

  it('writes the same bytes for the same input', async () => {
    const key = await generateSigningKey();
    const a = await createBundle({ ...(await sampleInput()), signingKey: key });
    const b = await createBundle({ ...(await sampleInput()), signingKey: key });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('scopes a bundle to one product: its line, its decisions, its evidence; history of others redacted', async () => {
    const input = await sampleInput({ scope: { kind: 'product', id: 'p-thermo' } });
    const r = await readBundle(await createBundle(input));
    if (!r.ok) throw new Error(r.error);
    expect(r.bundle.manifest.scope).toEqual({ kind: 'product', id: 'p-thermo', name: 'Thermostat T1' });
    expect(r.bundle.portfolio).toEqual(scopePortfolio(samplePortfolio(), { kind: 'product', id: 'p-thermo' }));
    expect(r.bundle.portfolio.lines.map((l) => l.id)).toEqual(['line-home']);
    expect(r.bundle.evidence.map((e) => e.ownerId)).toEqual(['c-soc']);
    const full = r.bundle.history.filter((e) => !('redacted' in e));
    expect(full.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.bundle.history)).not.toContain('Gateway G9');
    expect(r.bundle.history).toHaveLength(input.history!.length);
  });

  it('refuses to write a scope that does not exist', async () => {
    await expect(createBundle(await sampleInput({ scope: { kind: 'line', id: 'nope' } }))).rejects.toThrow(/no product line with id "nope"/);
  });

  it('property: any generated portfolio comes back identical', async () => {
    const id = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const date = fc.oneof(fc.constant(null), fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2150-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    const text = fc.string({ maxLength: 30 });
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0 && s.trim() === s);
    const component = fc.record({ name, class: fc.constantFrom(...COMPONENT_CLASSES), role: fc.constantFrom(...ROLES), supplier: text, securitySupportEnd: date, expectedLifeYears: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 40 })), core: fc.option(fc.boolean(), { nil: null }) });
    const product = fc.record({ name, sku: text, category: fc.constantFrom(...CATEGORIES), firstPlacedOnMarket: date, declaredSupportEnd: date, expectedUseYears: fc.oneof(fc.constant(null), fc.double({ min: 0.5, max: 30, noNaN: true })), components: fc.array(component, { maxLength: 4 }) });
    const gen = fc.record({ lines: fc.array(fc.record({ name, environment: fc.constantFrom(...ENVIRONMENTS), notes: text }), { minLength: 1, maxLength: 3 }), products: fc.array(product, { maxLength: 5 }), ids: fc.array(id, { minLength: 1, maxLength: 1 }) });
    await fc.assert(
      fc.asyncProperty(gen, async (g) => {
        let n = 0;
        const portfolio: Portfolio = portfolioSchema.parse({
          lines: g.lines.map((l) => ({ ...l, id: `l${n++}` })),
          products: g.products.map((p, i) => ({ ...p, id: `p${n++}`, lineId: `l${i % g.lines.length}`, components: p.components.map((c) => ({ ...c, id: `c${n++}` })) })),
          decisions: [],
        });
        const bytes = await createBundle({ portfolio, scope: { kind: 'portfolio' }, asOf: '2026-01-01', appVersion: '0.1.0', createdAt: '2026-01-01T00:00:00Z', analysis: { rulePacks: [], findings: [] } });
        const r = await readBundle(bytes);
        if (!r.ok) throw new Error(r.error);
        expect(r.bundle.portfolio).toEqual(portfolio);
      }),
      { numRuns: 60 },
    );
  });

  it('verifies as unsigned without a key and as valid with a pinned key', async () => {
    const key = await generateSigningKey();
    const unsigned = await verifyBundle(await createBundle(await sampleInput()));
    expect(unsigned.state).toBe('unsigned');
    const signed = await createBundle({ ...(await sampleInput()), signingKey: key });
    expect((await verifyBundle(signed)).state).toBe('unknown-key');
    const v = await verifyBundle(signed, { trustedFingerprints: [key.fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ')] });
    expect(v.state).toBe('valid');
    expect(v.fingerprint).toBe(key.fingerprint);
  });
});
