/**
 * Longer fuzzing of the bundle reader: `npx tsx test/bench/fuzz-bundles.ts --cases 100000 [--seed N]`.
 * Mutates the committed sample bundles (bit flips, byte runs, truncation,
 * duplication, splices, size-field rewrites) and checks that every case ends
 * with ok or a clean message; prints a table of outcomes and the slowest case.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle } from '../../shared/bundle/read';
import { mulberry32 } from './seeded-random';

/** One random mutation (sometimes several) of a bundle's raw bytes. */
export function mutate(seed: Uint8Array, rand: () => number): Uint8Array {
  let b = seed.slice();
  const steps = 1 + Math.floor(rand() * 3);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(rand() * b.length);
    switch (Math.floor(rand() * 7)) {
      case 0: b[at] = b[at]! ^ (1 << Math.floor(rand() * 8)); break;
      case 1: b[at] = Math.floor(rand() * 256); break;
      case 2: { const n = 1 + Math.floor(rand() * 16); for (let i = 0; i < n && at + i < b.length; i++) b[at + i] = Math.floor(rand() * 256); break; }
      case 3: b = b.slice(0, at); break;
      case 4: { const dup = b.subarray(at, at + Math.floor(rand() * 64)); const out = new Uint8Array(b.length + dup.length); out.set(b.subarray(0, at)); out.set(dup, at); out.set(b.subarray(at), at + dup.length); b = out; break; }
      case 5: { const len = Math.floor(rand() * 64); const out = new Uint8Array(Math.max(0, b.length - len)); out.set(b.subarray(0, Math.min(at, out.length))); if (at < out.length) out.set(b.subarray(at + len, at + len + out.length - at), at); b = out; break; }
      default: {
        // Rewrite a 4-byte little-endian field with an extreme value: sizes and offsets in zip headers.
        const v = [0, 1, 0xffffffff, 0x7fffffff, 1000, b.length][Math.floor(rand() * 6)]!;
        if (at + 4 <= b.length) new DataView(b.buffer, b.byteOffset).setUint32(at, v >>> 0, true);
      }
    }
    if (b.length === 0) break;
  }
  return b;
}

async function main() {
  const args = process.argv.slice(2);
  const arg = (name: string, def: number) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : def; };
  const cases = arg('--cases', 10_000);
  const seedNum = arg('--seed', 1);
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/bundles');
  const seeds = ['sample-signed.sspan', 'sample-unsigned.sspan', 'v1-portfolio.sspan', 'html-in-fields.sspan'].map((f) => new Uint8Array(readFileSync(join(dir, f))));
  const rand = mulberry32(seedNum);
  const outcomes = new Map<string, number>();
  let slowest = { ms: 0, i: -1 };
  let unexpected = 0;
  const start = performance.now();
  for (let i = 0; i < cases; i++) {
    const bytes = mutate(seeds[i % seeds.length]!, rand);
    const t = performance.now();
    const r = await readBundle(bytes);
    const ms = performance.now() - t;
    if (ms > slowest.ms) slowest = { ms, i };
    const key = r.ok ? 'ok' : `${r.kind}: ${r.error.replace(/"[^"]*"|\d+|\(.*\)|[0-9a-f]{64}/g, '…').slice(0, 70)}`;
    if (!r.ok && /^the bundle could not be read/.test(r.error)) { unexpected++; console.error(`case ${i}: ${r.error}`); }
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  const total = performance.now() - start;
  console.log(`| outcome | cases |\n|---|---|`);
  for (const [k, n] of [...outcomes].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`| ${k} | ${n} |`);
  console.log(`\n${cases} cases in ${(total / 1000).toFixed(1)} s (${(total / cases).toFixed(2)} ms each); slowest ${slowest.ms.toFixed(1)} ms (case ${slowest.i}); unexpected errors: ${unexpected}`);
  if (unexpected) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
