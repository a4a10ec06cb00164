#!/usr/bin/env node
// Bundles the main process and the preload into dist/electron/ with esbuild. Electron
// itself stays external (it is the runtime); nothing here loads or requires it.
// A sandboxed preload can only `require('electron')`, so the bundle is checked for
// any other require before the build counts as done.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = join(root, 'dist', 'electron');

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  // Electron 45 ships Node 22 and Chromium 140.
  target: ['node22', 'chrome140'],
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
};

await build({ ...common, entryPoints: [join(root, 'electron/main/index.ts')], outfile: join(outdir, 'main.cjs') });
await build({ ...common, entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(outdir, 'preload.cjs') });

const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
const requires = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
const foreign = [...new Set(requires)].filter((name) => name !== 'electron');
if (foreign.length > 0) {
  console.error(`preload.cjs requires ${foreign.join(', ')}; a sandboxed preload may only require 'electron'.`);
  process.exit(1);
}
console.log(`built ${join('dist', 'electron', 'main.cjs')} and ${join('dist', 'electron', 'preload.cjs')}`);
