// Runs the security gate as a real process against a deliberately insecure main
// process written in TypeScript, as ours is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gate-'));
  writeFileSync(
    join(dir, 'main.ts'),
    [
      "import { app, BrowserWindow, shell } from 'electron';",
      'app.whenReady().then(() => {',
      '  const win: BrowserWindow = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });',
      "  void win.loadURL('http://example.org/');",
      '  void shell.openExternal(process.argv[2] as string);',
      '});',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'allow.json'),
    JSON.stringify([{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main.ts', reason: 'reviewed in this fixture' }]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('electronegativity gate', () => {
  it('fails on unexplained HIGH and MEDIUM findings and lets allow-listed ones pass', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, ['test/tools/electronegativity-gate.mjs', '--input', dir, '--allowlist', join(dir, 'allow.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL HIGH CONTEXT_ISOLATION_JS_CHECK main\.ts:3/);
    expect(r.stdout).toMatch(/FAIL MEDIUM SANDBOX_JS_CHECK main\.ts:3/);
    expect(r.stdout).toMatch(/FAIL MEDIUM HTTP_RESOURCES_JS_CHECK main\.ts:4/);
    expect(r.stdout).toMatch(/allowed MEDIUM OPEN_EXTERNAL_JS_CHECK main\.ts:5:\d+: reviewed in this fixture/);
    expect(r.stdout).toContain('Electron security scan failed');
  });

  it('refuses an allow-list entry without a reason', () => {
    writeFileSync(join(dir, 'no-reason.json'), JSON.stringify([{ check: 'X', file: 'main.ts' }]));
    const r = spawnSync(process.execPath, ['test/tools/electronegativity-gate.mjs', '--input', dir, '--allowlist', join(dir, 'no-reason.json')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('entry 0 needs a non-empty "reason"');
  });
});
