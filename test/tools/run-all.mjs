#!/usr/bin/env node
// `npm test`: everything CI checks, in order, ending with one plain summary line
// ("N passed, N failed, N skipped"). Every step runs even when an earlier one fails,
// so one run shows every problem; the exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const out = join(root, 'test-artifacts');
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else { failed += 1; failures.push(label); }
}

function vitest(label, config, report) {
  const file = join(out, report);
  const ok = run(label, 'npx', ['vitest', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) { failed += 1; failures.push(`${label} (no report)`); return; }
  const j = JSON.parse(readFileSync(file, 'utf8'));
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  if (j.numFailedTests > 0 || !ok) failures.push(label);
  if (!ok && j.numFailedTests === 0) { failed += 1; }
}

check('lint', 'npx', ['eslint', '.']);
check('typecheck', 'npm', ['run', '-s', 'typecheck']);
check('electron security scan', 'node', ['test/tools/electronegativity-gate.mjs']);
vitest('unit and component tests', 'vitest.config.ts', 'unit-report.json');
if (run('build renderer', 'npm', ['run', '-s', 'build:renderer'])) passed += 1;
else { failed += 1; failures.push('build renderer'); }
check('build electron', 'npm', ['run', '-s', 'build:electron']);
vitest('end-to-end tests (Chromium)', 'vitest.e2e.config.ts', 'e2e-report.json');

console.log('');
if (failures.length) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
