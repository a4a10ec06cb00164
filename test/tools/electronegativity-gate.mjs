#!/usr/bin/env node
// Static security scan of the Electron code with Doyensec's electronegativity, as a
// gate: the scanner itself always exits 0, so this script reads its findings and
// fails on any HIGH or MEDIUM finding that the reviewed allow-list does not explain.
// Allow-list entries that match nothing fail too, so the list cannot silently rot.
//
// The Content-Security-Policy is sent as a response header of the app:// protocol and
// built from a list of directives, which the scanner cannot see (it only recognises
// literal strings). So the gate evaluates the real policy itself, with the same
// evaluator the scanner uses, and fails on any HIGH, MEDIUM or syntax finding.
//
// Usage: node test/tools/electronegativity-gate.mjs [--input dir] [--allowlist file] [--csp-module file]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
}
const input = arg('--input', join(root, 'electron'));
const allowlistFile = arg('--allowlist', join(root, 'test/tools/electronegativity-allowlist.json'));
const cspModule = arg('--csp-module', join(root, 'electron/main/csp.ts'));

const problems = [];

function loadAllowlist() {
  const raw = JSON.parse(readFileSync(allowlistFile, 'utf8'));
  if (!Array.isArray(raw)) throw new Error(`${allowlistFile}: expected an array of entries`);
  return raw.map((e, i) => {
    for (const key of ['check', 'file', 'reason']) {
      if (typeof e?.[key] !== 'string' || e[key].trim() === '') {
        throw new Error(`${allowlistFile}: entry ${i} needs a non-empty "${key}"`);
      }
    }
    if (e.sample !== undefined && typeof e.sample !== 'string') throw new Error(`${allowlistFile}: entry ${i}: "sample" must be text`);
    return { ...e, used: 0 };
  });
}

// The scanner is called through its own runner, not its command line: the command line
// writes its CSV report with two unsynchronised writes (header and rows), which now and
// then leaves a corrupt file. The runner returns the same findings as objects.
async function scan() {
  const run = require('@doyensec/electronegativity/dist/runner.js');
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const result = await run(
    { input, isRelative: true, customScan: [], excludeFromScan: [], parserPlugins: [], electronVersionOverride: electronVersion, isVerbose: false },
    false,
  );
  if (!result || !Array.isArray(result.issues)) throw new Error('the scanner returned no findings list');
  if (Array.isArray(result.errors) && result.errors.length) {
    throw new Error(`the scanner could not read some files: ${result.errors.map((e) => `${e.file}: ${e.message ?? e}`).join('; ')}`);
  }
  return result.issues.map((i) => ({
    check: String(i.id).trim(),
    severity: String(i.severity?.name ?? '').trim().toUpperCase(),
    confidence: String(i.confidence?.name ?? '').trim(),
    file: String(i.file ?? 'N/A').trim().replace(/\\/g, '/'),
    location: `${i.location?.line ?? 0}:${i.location?.column ?? 0}`,
    sample: String(i.sample ?? '').trim(),
    description: String(i.description ?? '').trim(),
  }));
}

async function evaluateCsp() {
  if (!existsSync(cspModule)) {
    problems.push(`CSP module ${cspModule} not found`);
    return;
  }
  const out = await build({ entryPoints: [cspModule], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  const policy = mod.CONTENT_SECURITY_POLICY;
  if (typeof policy !== 'string' || policy === '') {
    problems.push(`${cspModule} exports no CONTENT_SECURITY_POLICY`);
    return;
  }
  const csp = createRequire(require.resolve('@doyensec/electronegativity/package.json'))('@doyensec/csp-evaluator');
  const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
  const names = Object.fromEntries(Object.entries(csp.severities).map(([k, v]) => [v, k]));
  console.log(`Content-Security-Policy: ${policy}`);
  for (const f of findings) {
    const sev = names[f.severity] ?? String(f.severity);
    const blocking = [csp.severities.HIGH, csp.severities.MEDIUM, csp.severities.SYNTAX].includes(f.severity);
    console.log(`  CSP ${blocking ? 'FAIL' : 'note'} ${sev} ${f.directive}: ${f.description}`);
    if (blocking) problems.push(`CSP ${sev} in ${f.directive}: ${f.description}`);
  }
}

async function main() {
  const allowlist = loadAllowlist();
  const findings = await scan();

  const counts = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  console.log(`electronegativity scanned ${input}: ${findings.length} findings ${JSON.stringify(counts)}`);

  for (const f of findings) {
    const where = `${f.check} ${f.file}:${f.location}`;
    if (f.severity !== 'HIGH' && f.severity !== 'MEDIUM') {
      console.log(`  note ${f.severity} ${where} ${f.description}`);
      continue;
    }
    const entry = allowlist.find((e) => e.check === f.check && e.file === f.file && (e.sample === undefined || f.sample.includes(e.sample)));
    if (entry) {
      entry.used += 1;
      console.log(`  allowed ${f.severity} ${where}: ${entry.reason}`);
    } else {
      console.log(`  FAIL ${f.severity} ${where} ${f.description}\n       ${f.sample}`);
      problems.push(`${f.severity} ${where}: ${f.description}`);
    }
  }
  for (const e of allowlist) {
    if (e.used === 0) problems.push(`allow-list entry ${e.check} ${e.file} matches no finding: remove it`);
  }

  await evaluateCsp();

  if (problems.length) {
    console.log(`\nElectron security scan failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nElectron security scan passed: no unexplained HIGH or MEDIUM finding.');
}

main().catch((err) => {
  console.error(`Electron security scan could not run: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
