
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
