/**
 * Bundle bombs: peak memory and time until the reader refuses each one
 * (goals: peak under 300 MB, refused under 2 s). Part of `npm run bench`
 * (called at the end of bundle-bench.ts); also `npx tsx test/bench/bundle-bomb-bench.ts`.
 *
 * The bombs are generated here, never committed:
 * - ratio: one entry of 1 GiB of zeros deflated to about 1 MiB (an honest header);
 * - lying header: the same entry with headers that declare 1,000 bytes;
 * - many entries: 30,000 empty entries (over the 20,000 a bundle may have);
 * - oversized file: a 1 GiB file (sparse on disk), refused from its size by the
 *   CLI's stat before it is read.
 * Each bomb is read in a fresh Node process so its peak resident memory
 * (maxRSS) is the reader's alone. The table is printed; nothing fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

const ROOT = join(import.meta.dirname, '..', '..');
const MiB = 1024 * 1024;

function zipOf(entries: { name: string; chunks: () => Iterable<Uint8Array>; stored?: boolean }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  for (const e of entries) {
    const file = e.stored ? new ZipPassThrough(e.name) : new ZipDeflate(e.name, { level: 1 });
    zip.add(file);
    let last: Uint8Array | null = null;
    for (const c of e.chunks()) {
      if (last) file.push(last);
      last = c;
    }
    file.push(last ?? new Uint8Array(0), true);
  }
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

function* zeros(total: number): Iterable<Uint8Array> {
  const chunk = new Uint8Array(MiB);
  for (let done = 0; done < total; done += MiB) yield chunk;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Declares `size` bytes for `name` in its local and central headers (the data still inflates to what it is). */
function lie(zip: Uint8Array, name: string, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const n = new TextEncoder().encode(name);
  for (let at = indexOf(zip, n, 0); at >= 0; at = indexOf(zip, n, at + 1)) {
    if (at >= 30 && view.getUint32(at - 30, true) === 0x04034b50) view.setUint32(at - 30 + 22, size, true);
    else if (at >= 46 && view.getUint32(at - 46, true) === 0x02014b50) view.setUint32(at - 46 + 24, size, true);
  }
  return zip;
}

const CHILD = `
import { readFileSync, statSync } from 'node:fs';
import { readBundle, DEFAULT_LIMITS } from './shared/bundle/index.ts';
const file = process.argv[process.argv.length - 1];
const t0 = performance.now();
let error;
const size = statSync(file).size;
if (size > DEFAULT_LIMITS.maxCompressedBytes) error = 'refused from its size before reading';
else {
  const r = await readBundle(new Uint8Array(readFileSync(file)));
  error = r.ok ? 'ACCEPTED' : r.error;
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, error }));
`;

interface Row { bomb: string; fileMB: number; ms: number; peakMB: number; baselineMB: number; message: string }

export async function runBundleBombBench(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sspan-bombs-'));
  try {
    const script = join(ROOT, `.bomb-child-${process.pid}.mts`);
    writeFileSync(script, CHILD);
    const run = (file: string) => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, file], { cwd: ROOT, maxBuffer: 16 * MiB }).toString()) as { ms: number; maxRssMB: number; error: string };
    try {
      const manifest = () => [new TextEncoder().encode('{"format":"supportspan-bundle"}')];
      const files: [string, () => Uint8Array | null][] = [
        ['ratio (1 GiB of zeros in ~1 MiB)', () => zipOf([{ name: 'manifest.json', chunks: manifest }, { name: 'data/portfolio.json', chunks: () => zeros(1024 * MiB) }])],
        ['lying header (declares 1,000 bytes)', () => lie(zipOf([{ name: 'manifest.json', chunks: manifest }, { name: 'data/portfolio.json', chunks: () => zeros(1024 * MiB) }]), 'data/portfolio.json', 1000)],
        ['30,000 entries', () => zipOf(Array.from({ length: 30_000 }, (_, i) => ({ name: `evidence/${i}.txt`, chunks: () => [], stored: true })))],
        ['1 GiB file', () => null],
      ];
      const baseline = join(dir, 'baseline.sspan');
      writeFileSync(baseline, zipOf([{ name: 'manifest.json', chunks: manifest }]));
      const base = run(baseline);
      const rows: Row[] = [];
      for (const [bomb, make] of files) {
        const path = join(dir, 'bomb.sspan');
        const bytes = make();
        if (bytes) writeFileSync(path, bytes);
        else { writeFileSync(path, ''); truncateSync(path, 1024 * MiB); }
        const r = run(path);
        rows.push({ bomb, fileMB: (bytes?.length ?? 1024 * MiB) / MiB, ms: r.ms, peakMB: r.maxRssMB, baselineMB: base.maxRssMB, message: r.error });
      }
      console.log('\nBundle bombs (each read in a fresh Node process; peak = maxRSS of that process)');
      console.log('| bomb | file | refused after | peak memory | goal | message |');
      console.log('|---|---:|---:|---:|---|---|');
      for (const r of rows) {
        const met = r.peakMB < 300 && r.ms < 2000 && r.message !== 'ACCEPTED';
        console.log(`| ${r.bomb} | ${r.fileMB.toFixed(1)} MiB | ${r.ms.toFixed(0)} ms | ${r.peakMB.toFixed(0)} MB (idle process ${r.baselineMB.toFixed(0)} MB) | ${met ? 'met' : 'NOT met'} | ${r.message.slice(0, 90)} |`);
      }
      return rows;
    } finally {
      rmSync(script, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runBundleBombBench();
