import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { componentSchema } from '../../../shared/domain/schemas';
import type { Component } from '../../../shared/domain/schemas';
import {
  acceptProposal, cycleForVersion, formatCatalogSource, matchComponent, parseAnyCatalog, parseCatalogSource,
  parseEndOfLifeLegacy, parseEndOfLifeV1, parseEolCatalog, proposeSupportEnd, recheckAcceptedDates,
} from '../../../shared/interop/eol';
import type { CatalogProduct, EolCatalog } from '../../../shared/interop/eol';

const fixtures = fileURLToPath(new URL('../../fixtures/interop/eol/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// The real endoflife.date snapshot, copied with its licence (the shared fixtures folder is outside the repository).
const snapshotDir = fileURLToPath(new URL('../../fixtures/interop/eol/endoflife/', import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function ok<T>(r: { ok: true; value: T } | { ok: false; errors: string[] }): T {
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

const component = (fields: Partial<Component> & { name: string }): Component =>
  componentSchema.parse({ id: fields.name.replace(/[^A-Za-z0-9]+/g, '-'), class: 'it', role: 'os', ...fields });

const curated = ok(parseEolCatalog(readJson(`${repoRoot}assets/catalogs/embedded-platforms.json`)));

describe('endoflife.date legacy shape', () => {
  const linux = ok(parseEndOfLifeLegacy(readJson(`${fixtures}legacy-linux.json`), { product: 'linux-kernel', label: 'Linux' }));

  it('keeps dates, and represents eol true/false as states without inventing a date', () => {
    const by = new Map(linux.cycles.map((c) => [c.cycle, c]));
    expect(by.get('6.6')!.securitySupport).toEqual({ state: 'date', date: '2026-12-31' });
    expect(by.get('6.10')!.securitySupport).toEqual({ state: 'not-ended', date: null });
    expect(by.get('3.0')!.securitySupport).toEqual({ state: 'ended-date-unknown', date: null });
    expect(by.get('6.1')!.lts).toBe(true);
    expect(by.get('6.7')!.lts).toBe(false);
    expect(by.get('6.6')!.activeSupport.state).toBe('unknown');
  });

  it('reads support and extendedSupport with the same rules', () => {
    const ossl = ok(parseEndOfLifeLegacy(readJson(`${fixtures}legacy-openssl-support.json`), { product: 'openssl' }));
    expect(ossl.cycles[0]).toMatchObject({ activeSupport: { state: 'date', date: '2023-09-07' }, extendedSupport: { state: 'not-ended', date: null } });
    expect(ossl.cycles[1]).toMatchObject({ activeSupport: { state: 'ended-date-unknown' }, extendedSupport: { state: 'ended-date-unknown' } });
  });

  it('refuses bad shapes with the index and field', () => {
    const r = parseEndOfLifeLegacy(readJson(`${fixtures}legacy-bad.json`), { product: 'x' });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => e.startsWith('cycle index 0 ("1.0"), field eol:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('cycle index 1 ("2.0"), field eol:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('cycle index 2, field cycle:'))).toBe(true);
    expect(parseEndOfLifeLegacy({ cycle: '1' }, { product: 'x' })).toEqual({ ok: false, errors: ['expected an array of release cycles'] });
  });
});

describe('endoflife.date v1 shape', () => {
  it('normalizes releases, identifiers and codenames', () => {
    const yocto = ok(parseEndOfLifeV1(readJson(`${fixtures}v1-yocto.json`)));
    expect(yocto.product).toBe('yocto');
    expect(yocto.identifiers).toEqual({ purl: ['pkg:generic/poky'], cpe: ['cpe:2.3:o:yoctoproject:yocto'] });
    expect(yocto.cycles[1]).toMatchObject({ cycle: '4.0', codenames: ['Kirkstone'], securitySupport: { state: 'date', date: '2026-04-30' }, lts: true, latest: '4.0.26' });
    expect(yocto.cycles[2]!.securitySupport).toEqual({ state: 'ended-date-unknown', date: null });
    expect(yocto.cycles[2]!.extendedSupport).toEqual({ state: 'not-ended', date: null });
  });

  it('refuses bad releases naming index and field', () => {
    const r = parseEndOfLifeV1(readJson(`${fixtures}v1-bad.json`));
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toContain('release index 0 ("1"), field eolFrom: not a date (expected YYYY-MM-DD or YYYY-MM)');
    expect(errors.some((e) => e.startsWith('release index 1, field name:'))).toBe(true);
  });
});

describe('normalized catalog files', () => {
  it('the curated catalog parses and carries its asOf note', () => {
    expect(curated.id).toBe('embedded-platforms');
    expect(curated.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(curated.generatedFrom.length).toBeGreaterThan(50);
    expect(curated.products.map((p) => p.product)).toEqual(expect.arrayContaining(['linux-kernel', 'yocto', 'openssl', 'debian', 'android', 'mbedtls', 'freertos', 'zephyr', 'qt']));
  });

  it('refuses a date state without a date, naming product, cycle and field', () => {
    const bad = JSON.parse(JSON.stringify(readJson(`${fixtures}catalog-newer.json`)));
    bad.products[0].cycles[1].securitySupport = { state: 'date', date: null };
    bad.products[0].cycles[0].securitySupport.date = '2027-02-29';
    const r = parseEolCatalog(bad);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.some((e) => e.startsWith('product index 0 ("linux-kernel"), cycle index 1 ("6.1"), field securitySupport'))).toBe(true);
    expect(errors.some((e) => e.includes('cycle index 0 ("6.6"), field securitySupport.date'))).toBe(true);
  });

  it('parseAnyCatalog recognizes all three shapes', () => {
    expect(ok(parseAnyCatalog(readJson(`${fixtures}legacy-linux.json`), { id: 'endoflife', product: 'linux-kernel' })).products[0]!.cycles).toHaveLength(5);
    expect(ok(parseAnyCatalog(readJson(`${fixtures}v1-yocto.json`), { id: 'endoflife' })).products[0]!.product).toBe('yocto');
    expect(ok(parseAnyCatalog(readJson(`${fixtures}catalog-newer.json`), { id: 'ignored' })).asOf).toBe('2026-06-01');
    expect(parseAnyCatalog([], { id: 'endoflife' }).ok).toBe(false);
  });
});

describe('matching components to catalog cycles', () => {
  const product = (cycles: string[]): CatalogProduct => ({
    product: 'p', label: 'P', identifiers: { purl: [], cpe: [] },
    cycles: cycles.map((cycle) => ({ cycle, label: null, codenames: [], releaseDate: null, securitySupport: { state: 'unknown', date: null }, activeSupport: { state: 'unknown', date: null }, extendedSupport: { state: 'unknown', date: null }, lts: false, latest: null, latestReleaseDate: null, note: null })),
  });

  it('picks the longest cycle at a separator', () => {
    const p = product(['6.1', '6.10', '6.6', '3.0', '12']);
    expect(cycleForVersion(p, '6.6.30')?.cycle).toBe('6.6');
    expect(cycleForVersion(p, '6.10.2')?.cycle).toBe('6.10');
    expect(cycleForVersion(p, '6.1.90')?.cycle).toBe('6.1');
    expect(cycleForVersion(p, 'v3.0.13')?.cycle).toBe('3.0');
    expect(cycleForVersion(p, '12.5')?.cycle).toBe('12');
    expect(cycleForVersion(p, '6.100')).toBeNull();
    expect(cycleForVersion(p, '120')).toBeNull();
  });

  it('purl and cpe give exact matches; a name needs confirmation', () => {
    const byPurl = matchComponent(component({ name: 'kernel image', version: '', purl: 'pkg:generic/linux@6.6.30' }), [curated]);
    expect(byPurl).toHaveLength(1);
    expect(byPurl[0]).toMatchObject({ product: 'linux-kernel', via: 'purl', confidence: 'exact', needsConfirmation: false });
    expect(byPurl[0]!.cycle.cycle).toBe('6.6');

    const byCpe = matchComponent(component({ name: 'libcrypto', version: '3.0.13', cpe: 'cpe:2.3:a:openssl:openssl:3.0.13:*:*:*:*:*:*:*' }), [curated]);
    expect(byCpe[0]).toMatchObject({ product: 'openssl', via: 'cpe', confidence: 'exact' });
    expect(byCpe[0]!.cycle.cycle).toBe('3.0');

    const byName = matchComponent(component({ name: 'OpenSSL', version: '3.0.13' }), [curated]);
    expect(byName[0]).toMatchObject({ product: 'openssl', via: 'name', confidence: 'high', needsConfirmation: true });

    const yocto = matchComponent(component({ name: 'Yocto Project', version: 'kirkstone' }), [curated]);
    expect(yocto[0]!.cycle.cycle).toBe('4.0');
    const yoctoX = matchComponent(component({ name: 'poky', version: '4.0.x' }), [curated]);
    expect(yoctoX[0]!.cycle.cycle).toBe('4.0');

    expect(matchComponent(component({ name: 'zlib', version: '1.3.1' }), [curated])).toEqual([]);
    expect(matchComponent(component({ name: 'Linux kernel', version: '2.6.32' }), [curated])).toEqual([]);
  });

  it('uses identifiers that a loaded catalog declares', () => {
    const yocto = ok(parseAnyCatalog(readJson(`${fixtures}v1-yocto.json`), { id: 'endoflife', asOf: '2025-05-20' }));
    const m = matchComponent(component({ name: 'bsp', version: '', cpe: 'cpe:2.3:o:yoctoproject:yocto:5.0.9:*:*:*:*:*:*:*' }), [yocto]);
    expect(m[0]).toMatchObject({ catalogId: 'endoflife', product: 'yocto', confidence: 'exact' });
    expect(m[0]!.cycle.cycle).toBe('5.0');
  });
});

describe('proposals, acceptance and re-checks', () => {
  const kernel = component({ name: 'Linux kernel', version: '6.6.30', purl: 'pkg:generic/linux@6.6.30', securitySupportEnd: null });

  it('proposes the catalog date with provenance and a structured source note', () => {
    const [m] = matchComponent(kernel, [curated]);
    const p = proposeSupportEnd(kernel, m!, { id: curated.id, asOf: curated.asOf });
    expect(p).toMatchObject({
      componentId: kernel.id, current: null, proposed: '2026-12', state: 'date', needsConfirmation: false,
      provenance: { catalog: 'embedded-platforms', catalogDate: curated.asOf, product: 'linux-kernel', cycle: '6.6', field: 'eol' },
      sourceNote: `catalog:embedded-platforms:linux-kernel:6.6:2026-12:${curated.asOf}`,
    });
    const accepted = acceptProposal(kernel, p);
    expect(accepted.securitySupportEnd).toBe('2026-12');
    expect(componentSchema.parse(accepted).sources.securitySupportEnd).toBe(p.sourceNote);
  });

  it('never proposes a date for "ended, date unknown" or "not ended"', () => {
    const phone = component({ name: 'Android', version: '11' });
    const [m] = matchComponent(phone, [curated]);
    const p = proposeSupportEnd(phone, m!);
    expect(p).toMatchObject({ proposed: null, state: 'ended-date-unknown', sourceNote: null, needsConfirmation: true });
    expect(p.explanation).toMatch(/has ended; the catalog gives no date/);
    expect(() => acceptProposal(phone, p)).toThrow(/no date to accept/);
    const android15 = component({ name: 'Android', version: '15' });
    expect(proposeSupportEnd(android15, matchComponent(android15, [curated])[0]!)).toMatchObject({ proposed: null, state: 'not-ended' });
  });

  it('source notes survive odd characters and refuse what is not ours', () => {
    const note = formatCatalogSource({ catalog: 'c', product: 'p', cycle: 'a:b', date: '2027-01-31' });
    expect(parseCatalogSource(note)).toEqual({ catalog: 'c', product: 'p', cycle: 'a:b', date: '2027-01-31', catalogDate: null });
    expect(parseCatalogSource('supplier letter')).toBeNull();
    expect(parseCatalogSource('catalog:c:p:1:2027-02-30')).toBeNull();
  });

  it('re-checks accepted dates against a newer catalog and flags the ones that moved', () => {
    const newer = ok(parseEolCatalog(readJson(`${fixtures}catalog-newer.json`)));
    const k66 = acceptProposal(kernel, proposeSupportEnd(kernel, matchComponent(kernel, [curated])[0]!));
    const k61base = component({ name: 'Linux 6.1', version: '6.1.90', purl: 'pkg:generic/linux@6.1.90' });
    const k61 = acceptProposal(k61base, proposeSupportEnd(k61base, matchComponent(k61base, [curated])[0]!));
    const manual = component({ name: 'fw', securitySupportEnd: '2030-01-01', sources: { securitySupportEnd: 'supplier letter' } });
    const ossl = component({ name: 'openssl', sources: { securitySupportEnd: 'catalog:embedded-platforms:openssl:3.0:2026-09-07' }, securitySupportEnd: '2026-09-07' });

    const same = recheckAcceptedDates([k66, k61, manual], [curated]);
    expect(same.map((r) => r.moved)).toEqual([false, false]);

    const result = recheckAcceptedDates([k66, k61, manual, ossl], [newer]);
    expect(result).toEqual([
      { componentId: k66.id, acceptedFrom: { catalog: 'embedded-platforms', product: 'linux-kernel', cycle: '6.6', date: '2026-12', catalogDate: curated.asOf }, now: '2027-12-31', nowState: 'date', checkedIn: 'embedded-platforms', checkedInDate: newer.asOf, moved: true },
      { componentId: k61.id, acceptedFrom: { catalog: 'embedded-platforms', product: 'linux-kernel', cycle: '6.1', date: '2027-12', catalogDate: curated.asOf }, now: '2027-12', nowState: 'date', checkedIn: 'embedded-platforms', checkedInDate: newer.asOf, moved: false },
      { componentId: ossl.id, acceptedFrom: { catalog: 'embedded-platforms', product: 'openssl', cycle: '3.0', date: '2026-09-07', catalogDate: null }, now: null, nowState: 'not-found', checkedIn: null, checkedInDate: null, moved: false },
    ]);
  });
});

const hasSnapshot = existsSync(snapshotDir);
describe(`the real endoflife.date snapshot in test/fixtures/interop/eol/endoflife${hasSnapshot ? '' : ' (skipped: that folder is absent)'}`, () => {
  it.skipIf(!hasSnapshot)('every product file parses in the legacy shape', () => {
    const files = readdirSync(snapshotDir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const r = parseEndOfLifeLegacy(readJson(`${snapshotDir}${f}`), { product: f.replace(/\.json$/, '') });
      expect(r.ok ? [] : r.errors, f).toEqual([]);
    }
  });

  it.skipIf(!hasSnapshot)('matches kernel, OpenSSL and Yocto components to their cycles', () => {
    const load = (name: string) => ok(parseEndOfLifeLegacy(readJson(`${snapshotDir}${name}.json`), { product: name }));
    const raw = readJson(`${snapshotDir}linux-kernel.json`) as { cycle: string; eol: string | boolean }[];
    const catalog: EolCatalog = { id: 'endoflife', title: 'endoflife.date', asOf: null, asOfBasis: 'stated', generatedFrom: 'snapshot', products: [load('linux-kernel'), load('openssl'), load('yocto')] };
    const lts = raw.find((c) => typeof c.eol === 'string' && /^\d+\.\d+$/.test(c.cycle))!;
    const k = component({ name: 'linux', version: `${lts.cycle}.7`, purl: `pkg:generic/linux@${lts.cycle}.7` });
    const [m] = matchComponent(k, [catalog]);
    expect(m!.cycle.cycle).toBe(lts.cycle);
    expect(proposeSupportEnd(k, m!).proposed).toBe(lts.eol);
    const y = matchComponent(component({ name: 'poky', version: 'kirkstone' }), [catalog]);
    expect(y[0]!.cycle.cycle).toBe('4.0');
    const o = matchComponent(component({ name: 'openssl', version: '3.0.13' }), [catalog]);
    expect(o[0]!.cycle.cycle).toBe('3.0');
  });
});
