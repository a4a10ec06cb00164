/**
 * Engine benchmark: `npm run bench [-- --sizes 1k,10k,100k,1m] [--runs N]`.
 *
 * For each size it analyses a generated portfolio several times and reports the
 * median time, components per second, memory, and the ratio to a floor: one
 * plain pass over the same objects that parses every date field with
 * parseLifecycleDate (the least any analysis must do). Prints a table and writes
 * bench-results/engine.json. Targets (100k components under 200 ms, linear,
 * within 5x of the floor) are reported, not asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseLifecycleDate } from '../../shared/domain/dates';
import type { Portfolio } from '../../shared/domain/schemas';
import { analyzePortfolio } from '../../shared/engine';
import { generatePortfolio } from './generate-portfolio';

const AS_OF = '2026-11-28';
const SIZE_NAMES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function parseSize(text: string): number {
  const known = SIZE_NAMES[text.toLowerCase()];
  if (known) return known;
  const m = /^(\d+)(k|m)?$/i.exec(text);
  if (!m) throw new Error(`--sizes: "${text}" is not a size (use e.g. 1k, 10k, 100k, 1m or a number)`);
  return Number(m[1]) * (m[2] ? (m[2].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1);
}

/** The floor: read every date field of the same objects and parse it. */
function floorPass(portfolio: Portfolio): number {
  let sum = 0;
  const add = (d: string | null): void => {
    if (d === null) return;
    const r = parseLifecycleDate(d);
    if (r.ok) sum += r.day;
  };
  for (const p of portfolio.products) {
    add(p.firstPlacedOnMarket);
    add(p.lastPlacedOnMarket);
    add(p.declaredSupportEnd);
    for (const c of p.components) {
      add(c.securitySupportEnd);
      add(c.sparePartsUntil);
      add(c.expires);
    }
  }
  return sum;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Wall time and this process's CPU time (user + system): on a shared machine the CPU time shows the cost without other processes' load. */
function time(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

interface SizeResult {
  components: number;
  products: number;
  findings: number;
  runs: number;
  medianMs: number;
  minMs: number;
  cpuMedianMs: number;
  componentsPerSecond: number;
  nsPerComponent: number;
  floorMedianMs: number;
  ratioToFloor: number;
  floorCpuMedianMs: number;
  cpuRatioToFloor: number;
  heapBeforeMB: number;
  heapAfterRunMB: number;
  heapRunDeltaMB: number;
  resultRetainedMB: number;
  peakRssMB: number;
}

const MB = 1024 * 1024;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

function benchSize(components: number, runs: number): SizeResult {
  const portfolio = generatePortfolio(components);
  // warm-up: let the JIT compile both code paths before measuring
  for (let i = 0; i < 3; i++) {
    analyzePortfolio(portfolio, { asOf: AS_OF });
    floorPass(portfolio);
  }

  const floorTimes: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) floorTimes.push(time(() => floorPass(portfolio)));

  // memory of one analysis: heap before (after a full GC), right after (no GC), and what the result keeps
  gc();
  const before = process.memoryUsage().heapUsed;
  let result = analyzePortfolio(portfolio, { asOf: AS_OF });
  const afterRun = process.memoryUsage().heapUsed;
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  const findings = result.findings.length;

  const times: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    times.push(time(() => { result = analyzePortfolio(portfolio, { asOf: AS_OF }); }));
  }
  const med = median(times.map((t) => t.wall));
  const cpuMed = median(times.map((t) => t.cpu));
  const floorMed = median(floorTimes.map((t) => t.wall));
  const floorCpuMed = median(floorTimes.map((t) => t.cpu));
  return {
    components,
    products: portfolio.products.length,
    findings,
    runs,
    medianMs: round(med, 2),
    minMs: round(Math.min(...times.map((t) => t.wall)), 2),
    cpuMedianMs: round(cpuMed, 2),
    componentsPerSecond: Math.round(components / (med / 1000)),
    nsPerComponent: round((med * 1e6) / components, 0),
    floorMedianMs: round(floorMed, 2),
    ratioToFloor: round(med / floorMed, 2),
    floorCpuMedianMs: round(floorCpuMed, 2),
    cpuRatioToFloor: round(cpuMed / Math.max(floorCpuMed, 0.001), 2),
    heapBeforeMB: round(before / MB),
    heapAfterRunMB: round(afterRun / MB),
    heapRunDeltaMB: round((afterRun - before) / MB),
    resultRetainedMB: round(retained / MB),
    peakRssMB: round((process.resourceUsage().maxRSS * 1024) / MB),
  };
}

function table(rows: SizeResult[]): string {
  const header = ['components', 'products', 'findings', 'median ms', 'min ms', 'cpu ms', 'comp/s', 'ns/comp', 'floor ms', 'x floor', 'floor cpu ms', 'x floor (cpu)', 'heap +MB (run)', 'result MB', 'peak RSS MB'];
  const body = rows.map((r) => [
    r.components.toLocaleString('en-US'), String(r.products), String(r.findings), r.medianMs.toFixed(2), r.minMs.toFixed(2),
    r.cpuMedianMs.toFixed(2), r.componentsPerSecond.toLocaleString('en-US'), String(r.nsPerComponent), r.floorMedianMs.toFixed(2),
    r.ratioToFloor.toFixed(2), r.floorCpuMedianMs.toFixed(2), r.cpuRatioToFloor.toFixed(2),
    r.heapRunDeltaMB.toFixed(1), r.resultRetainedMB.toFixed(1), r.peakRssMB.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { sizes: { type: 'string', default: '1k,10k,100k,1m' }, runs: { type: 'string' } },
    strict: true,
  });
  const sizes = (values.sizes ?? '').split(',').filter(Boolean).map(parseSize);
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const runs = values.runs ? Number(values.runs) : size >= 1_000_000 ? 3 : size >= 100_000 ? 5 : 9;
    process.stderr.write(`analysing ${size.toLocaleString('en-US')} components (${runs} runs)...\n`);
    results.push(benchSize(size, runs));
  }
  console.log(`Engine benchmark, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, as of ${AS_OF}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${Math.round(totalmem() / MB / 1024)} GiB RAM`);
  console.log(table(results));

  const at100k = results.find((r) => r.components === 100_000);
  const smallest = results[0];
  const largest = results[results.length - 1];
  const notes: string[] = [];
  if (at100k) notes.push(`100k components: ${at100k.medianMs} ms median wall, ${at100k.cpuMedianMs} ms CPU (target under 200 ms: ${at100k.medianMs < 200 ? 'met' : 'NOT met'})`);
  const worstRatio = Math.max(...results.map((r) => r.ratioToFloor));
  notes.push(`ratio to floor: at most ${worstRatio.toFixed(2)}x (target within 5x: ${worstRatio <= 5 ? 'met' : 'NOT met'})`);
  if (smallest && largest && largest !== smallest) {
    notes.push(`cost per component: ${smallest.nsPerComponent} ns at ${smallest.components.toLocaleString('en-US')}, ${largest.nsPerComponent} ns at ${largest.components.toLocaleString('en-US')} (linear cost keeps this flat)`);
  }
  for (const n of notes) console.log(`- ${n}`);

  const outDir = join(import.meta.dirname, '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'engine.json');
  writeFileSync(file, `${JSON.stringify({
    benchmark: 'engine', asOf: AS_OF, date: new Date().toISOString(), node: process.version,
    loadAverage: loadavg(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemMB: Math.round(totalmem() / MB),
    targets: { ms100k: 200, maxRatioToFloor: 5 }, results, notes,
  }, null, 2)}\n`);
  console.log(`written ${file}`);
}

main();
// `npm run bench` runs this file: the SBOM import benchmark follows it (its own table; it never fails).
await import('./sbom-bench');
