/**
 * Matching real component names against the real endoflife.date snapshot
 * (copied into test/fixtures/interop/eol/endoflife with its MIT licence).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { componentSchema, type Component } from '../../../shared/domain/schemas';
import {
  acceptProposal, canonicalProductId, matchComponent, nameWords, normalizeVersion, parseCatalogSource, parseEolCatalog,
  proposeSupportEnd, readCatalogJson, readCatalogSnapshot, type EolCatalog,
} from '../../../shared/interop/eol';

const dir = fileURLToPath(new URL('../../fixtures/interop/eol/endoflife/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const file = (name: string, as = name) => ({ name: as, bytes: new Uint8Array(readFileSync(`${dir}${name}`)) });
type RawCycle = { cycle: string; eol: string | boolean; releaseDate?: string; latestReleaseDate?: string };
const raw = (product: string): RawCycle[] => JSON.parse(readFileSync(`${dir}${product}.json`, 'utf8')) as RawCycle[];
const eolOf = (product: string, cycle: string): string | boolean => raw(product).find((c) => c.cycle === cycle)!.eol;

const snapshot = readCatalogSnapshot(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => file(f)));
const catalogs: EolCatalog[] = snapshot.catalogs;

const component = (fields: Partial<Component> & { name: string }): Component =>
  componentSchema.parse({ id: fields.name.replace(/[^A-Za-z0-9]+/g, '-') || 'c', class: 'it', role: 'os', ...fields });
const best = (fields: Partial<Component> & { name: string }, within: readonly EolCatalog[] = catalogs) => matchComponent(component(fields), within)[0];

describe('the snapshot', () => {
  it('reads every file of the folder, with labels from its index', () => {
    expect(snapshot.errors).toEqual([]);
    const index = JSON.parse(readFileSync(`${dir}index.json`, 'utf8')) as { products: Record<string, { title: string }> };
    expect(catalogs.map((c) => c.products[0]!.product).sort()).toEqual(Object.keys(index.products).sort());
    expect(catalogs.length).toBeGreaterThan(20);
    expect(catalogs.find((c) => c.id === 'endoflife-nodejs')!.products[0]!.label).toBe('Node.js');
  });

  it('is dated by its newest entry (it states no date), the same for every file, never by the day it is read', () => {
    const newest = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json')
      .flatMap((f) => raw(f.replace(/\.json$/, '')).flatMap((c) => [c.releaseDate, c.latestReleaseDate]))
      .filter((d): d is string => !!d).sort().at(-1)!;
    expect(snapshot).toMatchObject({ asOf: newest, asOfBasis: 'newest-entry' });
    expect(new Set(catalogs.map((c) => c.asOf))).toEqual(new Set([newest]));
  });

  it('uses the date an index states', () => {
    const index = JSON.parse(readFileSync(`${dir}index.json`, 'utf8')) as Record<string, unknown>;
    const dated = new TextEncoder().encode(JSON.stringify({ ...index, generatedAt: '2026-09-01T04:00:00Z' }));
    const r = readCatalogSnapshot([{ name: 'index.json', bytes: dated }, file('openssl.json')]);
    expect(r.catalogs[0]).toMatchObject({ asOf: '2026-09-01', asOfBasis: 'stated' });
  });
});

describe('a snapshot with a bad file and a dated v1 file', () => {
  it('names the bad file and still reads the others; a file with its own date keeps it', () => {
    const v1 = new TextEncoder().encode(readFileSync(fileURLToPath(new URL('../../fixtures/interop/eol/v1-yocto.json', import.meta.url)), 'utf8'));
    const r = readCatalogSnapshot([
      file('openssl.json'),
      { name: 'broken.json', bytes: new TextEncoder().encode('[{"cycle": "1", "eol": "soon"}]') },
      { name: 'yocto-v1.json', bytes: v1 },
    ]);
    expect(r.errors).toEqual([expect.stringMatching(/^broken\.json: cycle index 0 \("1"\), field eol: /)]);
    expect(r.catalogs.map((c) => [c.id, c.asOf, c.asOfBasis])).toEqual([
      ['endoflife-openssl', r.asOf, 'newest-entry'],
      ['endoflife-yocto', '2025-05-20', 'stated'],
    ]);
  });
});

describe('real names', () => {
  it('"Linux kernel 5.10" with an empty version field', () => {
    const m = best({ name: 'Linux kernel 5.10', version: '' })!;
    expect(m).toMatchObject({ product: 'linux-kernel', via: 'name', confidence: 'high', needsConfirmation: true, version: '5.10' });
    expect(m.cycle.cycle).toBe('5.10');
    expect(m.reason).toBe('the name starts with "linux kernel" as whole words; version 5.10 from the name -> cycle 5.10');
    expect(proposeSupportEnd(component({ name: 'Linux kernel 5.10' }), m).proposed).toBe(eolOf('linux-kernel', '5.10'));
  });

  it('"OpenSSL 1.1.1w": the letter suffix is dropped', () => {
    const m = best({ name: 'OpenSSL 1.1.1w' })!;
    expect(m.cycle.cycle).toBe('1.1.1');
    expect(m.reason).toContain('letter suffix w dropped');
  });

  it('"Node.js 18.20.4" and "alpine 3.18.4": patch levels down to the cycle', () => {
    const node = best({ name: 'Node.js 18.20.4' })!;
    expect([node.product, node.cycle.cycle, node.confidence]).toEqual(['nodejs', '18', 'high']);
    expect(node.reason).toContain('18.20.4 is in cycle 18');
    const alpine = best({ name: 'alpine 3.18.4' })!;
    expect([alpine.product, alpine.cycle.cycle]).toEqual(['alpine-linux', '3.18']);
    expect(proposeSupportEnd(component({ name: 'alpine 3.18.4' }), alpine).proposed).toBe(eolOf('alpine-linux', '3.18'));
  });

  it('Debian package versions, by purl (exact) and by name', () => {
    const byPurl = best({ name: 'libssl1.1', version: '1.1.1d-0+deb10u2', purl: 'pkg:deb/debian/openssl@1.1.1d-0%2Bdeb10u2?arch=amd64&distro=debian-10' })!;
    expect(byPurl).toMatchObject({ product: 'openssl', via: 'purl', confidence: 'exact', needsConfirmation: false, version: '1.1.1d-0+deb10u2' });
    expect(byPurl.cycle.cycle).toBe('1.1.1');
    expect(byPurl.reason).toContain('package revision -0+deb10u2 dropped, letter suffix d dropped');
    expect(best({ name: 'openssl', version: '1.1.1d-0+deb10u2' })!.cycle.cycle).toBe('1.1.1');
    expect(best({ name: 'openssl', version: '1:3.0.2-0ubuntu1.15' })!.cycle.cycle).toBe('3.0');
  });

  it('codenames: Yocto kirkstone, Debian bullseye', () => {
    expect(best({ name: 'Yocto', version: 'kirkstone' })!.cycle.cycle).toBe('4.0');
    expect(best({ name: 'poky kirkstone' })!.cycle.cycle).toBe('4.0');
    const deb = best({ name: 'Debian bullseye' })!;
    expect([deb.product, deb.cycle.cycle]).toEqual(['debian', '11']);
    expect(deb.reason).toContain('codename bullseye is cycle 11');
    expect(best({ name: 'Ubuntu', version: 'jammy' })!.cycle.cycle).toBe('22.04');
  });

  it('aliases and a leading v', () => {
    expect(best({ name: 'nodejs', version: 'v20.11.1' })!.cycle.cycle).toBe('20');
    expect(best({ name: 'node', version: '22' })!.product).toBe('nodejs');
    expect(best({ name: 'Alpine Linux', version: '3.19.1' })!.cycle.cycle).toBe('3.19');
    expect(best({ name: 'alpine-linux 3.20' })!.cycle.cycle).toBe('3.20');
    expect(best({ name: 'linux', version: '6.1.90' })!.product).toBe('linux-kernel');
    expect(normalizeVersion('v6.4.1').steps).toEqual(['leading v dropped']);
  });

  it('a name with other words after the version is a low-confidence match that names them', () => {
    const m = best({ name: 'Linux kernel 6.6 (vendor tree)' })!;
    expect(m).toMatchObject({ confidence: 'low', product: 'linux-kernel' });
    expect(m.cycle.cycle).toBe('6.6');
    expect(m.reason).toContain('other words: vendor tree');
  });
});

describe('whole-word product identity', () => {
  it('symfony/http-kernel is not the Linux kernel', () => {
    expect(nameWords('symfony/http-kernel')).toEqual(['symfony', 'http', 'kernel']);
    expect(matchComponent(component({ name: 'symfony/http-kernel', version: 'v6.4.1', purl: 'pkg:composer/symfony/http-kernel@v6.4.1' }), catalogs)).toEqual([]);
    expect(matchComponent(component({ name: 'symfony/http-kernel', version: '5.10' }), catalogs)).toEqual([]);
  });

  it('"Vendor kernel driver pack" and other names that merely contain a product word do not match', () => {
    expect(matchComponent(component({ name: 'Vendor kernel driver pack', version: '5.10' }), catalogs)).toEqual([]);
    expect(matchComponent(component({ name: 'kernel', version: '5.10' }), catalogs)).toEqual([]);
    expect(matchComponent(component({ name: 'Linux driver pack 2.0' }), catalogs)).toEqual([]);
    expect(matchComponent(component({ name: 'nodemailer', version: '18.2.0' }), catalogs)).toEqual([]);
    expect(matchComponent(component({ name: 'openssl-fips-provider', version: '3.0.9' }), catalogs)[0]?.confidence).toBe('low');
    expect(matchComponent(component({ name: 'pyopenssl', version: '23.2.0' }), catalogs)).toEqual([]);
    const libs = matchComponent(component({ name: 'openssl-libs', version: '1.0.2k-16.el7' }), catalogs)[0]!;
    expect([libs.confidence, libs.cycle.cycle]).toEqual(['low', '1.0.2']);
    expect(libs.reason).toContain('other words: libs');
  });
});

describe('catalog files named after either id', () => {
  it('linux.json is linux-kernel, alpine.json alpine-linux, node.json nodejs', () => {
    for (const [source, saved, id] of [['linux-kernel.json', 'linux.json', 'linux-kernel'], ['alpine-linux.json', 'alpine.json', 'alpine-linux'], ['nodejs.json', 'node.json', 'nodejs']] as const) {
      const r = readCatalogJson(file(source, saved));
      if (!r.ok) throw new Error(r.errors.join('\n'));
      expect(r.catalog.id).toBe(`endoflife-${id}`);
      expect(r.catalog.products[0]!.product).toBe(id);
      expect(canonicalProductId(saved.replace('.json', ''))).toBe(id);
    }
    const linux = readCatalogJson(file('linux-kernel.json', 'linux.json'));
    expect(linux.ok && matchComponent(component({ name: 'Linux kernel 5.10' }), [linux.catalog])[0]!.cycle.cycle).toBe('5.10');
  });

  it('a stored catalog with the older id still matches', () => {
    const r = readCatalogJson(file('linux-kernel.json', 'linux.json'));
    if (!r.ok) throw new Error('unreadable');
    const old: EolCatalog = { ...r.catalog, products: [{ ...r.catalog.products[0]!, product: 'linux' }] };
    expect(matchComponent(component({ name: 'Linux kernel', version: '5.10.200' }), [old])[0]!.cycle.cycle).toBe('5.10');
  });
});

describe('provenance', () => {
  it('a proposal and an accepted date carry the catalog date, id, product and cycle', () => {
    const c = component({ name: 'OpenSSL 1.1.1w', securitySupportEnd: null });
    const p = proposeSupportEnd(c, matchComponent(c, catalogs)[0]!);
    expect(p.provenance).toEqual({ catalog: 'endoflife-openssl', catalogDate: snapshot.asOf, catalogDateBasis: 'newest-entry', product: 'openssl', cycle: '1.1.1', field: 'eol' });
    expect(p.explanation).toContain(`catalog endoflife-openssl with entries up to ${snapshot.asOf}`);
    const accepted = acceptProposal(c, p);
    expect(parseCatalogSource(accepted.sources.securitySupportEnd)).toEqual({ catalog: 'endoflife-openssl', product: 'openssl', cycle: '1.1.1', date: eolOf('openssl', '1.1.1'), catalogDate: snapshot.asOf });
  });

  it('extended support is shown beside the standard end', () => {
    const curated = parseEolCatalog(JSON.parse(readFileSync(`${repoRoot}assets/catalogs/embedded-platforms.json`, 'utf8')));
    if (!curated.ok) throw new Error(curated.errors.join('\n'));
    const c = component({ name: 'Debian bullseye' });
    const p = proposeSupportEnd(c, matchComponent(c, [curated.value])[0]!);
    const cycle = curated.value.products.find((x) => x.product === 'debian')!.cycles.find((x) => x.cycle === '11')!;
    expect(p.proposed).toBe(cycle.securitySupport.date);
    expect(p.extendedSupport).toEqual(cycle.extendedSupport);
    expect(p.extendedSupport.state).toBe('date');
    expect(p.explanation).toContain(`Extended support: ${cycle.extendedSupport.date}.`);
    expect(p.provenance).toMatchObject({ catalogDate: curated.value.asOf, catalogDateBasis: 'stated' });
  });
});
