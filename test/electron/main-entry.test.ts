// Bundles the real entry point (electron/main/index.ts) like the build does, with the
// 'electron' import pointed at stand-ins, and runs it: this checks the wiring the unit
// tests cannot see (paths relative to the bundle, which modules are passed).
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHarness } from './fake-electron';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'main-entry-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('electron/main/index.ts', () => {
  it('passes Electron to createMain and points at the bundled preload and renderer', async () => {
    const outfile = join(out, 'electron', 'main.cjs');
    await build({
      entryPoints: [join(root, 'electron/main/index.ts')],
      outfile,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      logLevel: 'silent',
      plugins: [
        {
          name: 'fake-electron',
          setup(b) {
            b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', namespace: 'fake' }));
            b.onLoad({ filter: /.*/, namespace: 'fake' }, () => ({ contents: 'module.exports = globalThis.__fakeElectron;', loader: 'js' }));
          },
        },
      ],
    });
    const h = createHarness();
    const { paths: _paths, argv: _argv, cwd: _cwd, env: _env, platform: _platform, log: _log, ...modules } = h.deps;
    (globalThis as Record<string, unknown>).__fakeElectron = modules;
    try {
      createRequire(outfile)(outfile);
      await h.fireReady();
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      delete (globalThis as Record<string, unknown>).__fakeElectron;
    }
    expect(h.app.setPath).toHaveBeenCalledWith('userData', expect.stringMatching(/Supportspan$/));
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]!.options.webPreferences.preload).toBe(join(out, 'electron', 'preload.cjs'));
    expect(h.windows[0]!.loadURL).toHaveBeenCalledWith('app://supportspan/');
    // The renderer is served from the folder next to the bundle's (dist/renderer).
    const serve = h.protocolHandlers.get('app')!;
    expect((await serve(new Request('app://supportspan/'))).status).toBe(500);
    mkdirSync(join(out, 'renderer'));
    writeFileSync(join(out, 'renderer', 'index.html'), '<title>built renderer</title>');
    const res = await serve(new Request('app://supportspan/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('built renderer');
  });
});
