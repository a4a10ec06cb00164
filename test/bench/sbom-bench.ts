/**
 * SBOM import benchmark: `tsx test/bench/sbom-bench.ts [--components 10000] [--runs 5]`
 * (also part of `npm run bench`, which runs it after the engine benchmark).
 *
 * Reads a generated CycloneDX 1.6 document of N components (purls, licenses,
 * hashes, a dependency graph), as JSON and as XML, with `readCycloneDx` (decode,
 * parse, schema validation, model) against a floor measured in the same run on
 * the same bytes: the bare `JSON.parse` (after decoding) and the bare
 * fast-xml-parser parse. Prints a table with the ratio; never fails.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { readCycloneDx } from '../../shared/interop/cyclonedx';

const { values } = parseArgs({ options: { components: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' } }, strict: false });
const N = Number(values.components);
const RUNS = Math.max(1, Number(values.runs));

const hex = (i: number, len: number) => (i.toString(16).padStart(8, '0').repeat(Math.ceil(len / 8))).slice(0, len);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function generate(n: number) {
  const components = Array.from({ length: n }, (_, i) => ({
    type: 'library',
    'bom-ref': `pkg:npm/lib-${i}@1.${i % 50}.0`,
    group: `@scope${i % 100}`,
    name: `lib-${i}`,
    version: `1.${i % 50}.0`,
    hashes: [{ alg: 'SHA-256', content: hex(i, 64) }],
    licenses: [{ license: { id: i % 3 ? 'MIT' : 'Apache-2.0' } }],
    purl: `pkg:npm/%40scope${i % 100}/lib-${i}@1.${i % 50}.0`,
    properties: i % 10 === 0 ? [{ name: 'cdx:lifecycle:milestone:endOfSupport', value: '2030-12-31' }] : undefined,
  }));
  const dependencies = components.map((c, i) => ({ ref: c['bom-ref'], dependsOn: i + 1 < n ? [components[i + 1]!['bom-ref']] : [] }));
  const doc = {
    bomFormat: 'CycloneDX', specVersion: '1.6', serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79', version: 1,
    metadata: { component: { type: 'device', 'bom-ref': 'root', name: 'Bench device' } },
    components, dependencies,
  };
  const xmlComponents = components.map((c) => `<component type="library" bom-ref="${esc(c['bom-ref'])}"><group>${esc(c.group)}</group><name>${c.name}</name><version>${c.version}</version>`
    + `<hashes><hash alg="SHA-256">${c.hashes[0]!.content}</hash></hashes><licenses><license><id>${c.licenses[0]!.license.id}</id></license></licenses><purl>${esc(c.purl)}</purl>`
    + (c.properties ? `<properties><property name="cdx:lifecycle:milestone:endOfSupport">2030-12-31</property></properties>` : '') + '</component>').join('\n');
  const xmlDeps = dependencies.map((d) => `<dependency ref="${esc(d.ref)}">${d.dependsOn.map((r) => `<dependency ref="${esc(r)}"/>`).join('')}</dependency>`).join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" serialNumber="${doc.serialNumber}" version="1">`
    + `<metadata><component type="device" bom-ref="root"><name>Bench device</name></component></metadata>\n<components>\n${xmlComponents}\n</components>\n<dependencies>\n${xmlDeps}\n</dependencies></bom>\n`;
  return { json: new TextEncoder().encode(JSON.stringify(doc)), xml: new TextEncoder().encode(xml) };
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2;
};

function main() {
  const { json, xml } = generate(N);
  const rows: { format: string; mb: string; floorMs: number; oursMs: number; ratio: string; components: number }[] = [];
  const xmlFloor = () => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: false, parseTagValue: false }).parse(new TextDecoder().decode(xml));
  for (const [format, bytes, floor] of [
    ['CycloneDX JSON', json, () => JSON.parse(new TextDecoder().decode(json))],
    ['CycloneDX XML', xml, xmlFloor],
  ] as const) {
    const floorRuns: number[] = [];
    const oursRuns: number[] = [];
    let components = 0;
    for (let r = 0; r < RUNS; r++) {
      floorRuns.push(time(floor));
      oursRuns.push(time(() => {
        const result = readCycloneDx(bytes, format.endsWith('XML') ? 'bench.xml' : 'bench.json');
        if (result.errors.length) throw new Error(`bench document refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
        components = result.portfolio.products[0]!.components.length;
      }));
    }
    const floorMs = Math.round(median(floorRuns));
    const oursMs = Math.round(median(oursRuns));
    rows.push({ format, mb: (bytes.byteLength / 1024 / 1024).toFixed(1), floorMs, oursMs, ratio: `${(median(oursRuns) / median(floorRuns)).toFixed(1)}x`, components });
  }
  console.log(`SBOM import benchmark, ${N.toLocaleString('en-US')} components, median of ${RUNS} runs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}, ${cpus().length} CPUs`);
  console.log('| format | MB | floor (bare parse) ms | readCycloneDx ms | ratio | components read |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.format} | ${r.mb} | ${r.floorMs} | ${r.oursMs} | ${r.ratio} | ${r.components.toLocaleString('en-US')} |`);
  console.log('- readCycloneDx = size check, decode, parse (XML: DOCTYPE refusal, well-formedness check, parse, JSON model), official-schema validation, product model, distinct names.');
}

try {
  main();
} catch (error) {
  // A benchmark reports; it never fails the run.
  console.log(`SBOM import benchmark could not run: ${(error as Error).message}`);
}
