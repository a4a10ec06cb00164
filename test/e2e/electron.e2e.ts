/**
 * The desktop app end to end.
 * - Always: the built renderer served through the app:// protocol handler (same code,
 *   same headers, same CSP) in Debian's Chromium, so a CSP the app breaks, or a wrong
 *   content type, fails here even without Electron.
 * - Where the Electron binary exists: the built main process (dist/electron/main.cjs)
 *   in a real Electron with a fresh userData folder. The binary is looked for on disk,
 *   never through `require('electron')`, which would try to download it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication } from 'playwright-core';
import { createAppProtocolHandler } from '../../electron/main/app-protocol';
import { closeBrowser, launchBrowser } from './support/browser';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const mainBundle = join(repo, 'dist', 'electron', 'main.cjs');

function findElectronBinary(): string | null {
  const pkg = join(repo, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

const binary = findElectronBinary();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? 'Electron binary not present: desktop e2e skipped'
  : noDisplay
    ? 'No display (DISPLAY unset): desktop e2e skipped; run it under xvfb-run'
    : null;
if (skipReason) console.log(skipReason);

const userData = mkdtempSync(join(tmpdir(), 'supportspan-e2e-'));
let app: ElectronApplication | null = null;

afterAll(async () => {
  await app?.close();
  await closeBrowser();
  rmSync(userData, { recursive: true, force: true });
});

async function launch(): Promise<ElectronApplication> {
  const { _electron } = await import('playwright-core');
  // Containers often run tests as root, where Chromium's setuid sandbox cannot start.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return _electron.launch({
    executablePath: binary!,
    // The project folder, as `npm start` runs it: package.json names the app and points at main.cjs.
    args: [repo, ...rootArgs],
    cwd: repo,
    env: { ...process.env, SUPPORTSPAN_USER_DATA_DIR: userData },
  });
}

describe.skipIf(skipReason !== null)('desktop app (Electron)', () => {
  it('loads app://supportspan, keeps Node out of the page, and creates a product line that survives a restart', async () => {
    if (!existsSync(mainBundle)) {
      const r = spawnSync(process.execPath, ['build/scripts/build-electron.mjs'], { cwd: repo, stdio: 'inherit' });
      expect(r.status).toBe(0);
    }
    app = await launch();
    let page = await app.firstWindow();
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    expect(page.url()).toMatch(/^app:\/\/supportspan\//);

    expect(await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'))).toBe(userData);

    const exposed = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        bridge: Object.keys((w.supportspan as object) ?? {}).sort(),
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
      };
    });
    expect(exposed).toEqual({
      bridge: ['appInfo', 'onMenuCommand', 'openExternal', 'openFile', 'pendingOpen', 'saveFile'],
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
    });

    await page.getByLabel('Name', { exact: true }).fill('Desktop gateways');
    await page.getByRole('button', { name: 'Create product line' }).click();
    await page.getByRole('list', { name: 'Product lines' }).getByText('Desktop gateways').waitFor();

    await app.close();
    app = await launch();
    page = await app.firstWindow();
    await page.getByRole('list', { name: 'Product lines' }).getByText('Desktop gateways').waitFor();
  });
});

describe('renderer behind the app:// handler, in Chromium', () => {
  it('runs under the strict CSP with no violation and keeps a product line across a reload', async () => {
    const serve = createAppProtocolHandler({ root: join(repo, 'dist', 'renderer') });
    const browser = await launchBrowser();
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      // Chromium cannot register app:// here, so one https origin stands in for it and
      // every request is answered by the handler itself: nothing reaches a network.
      const origin = 'https://supportspan.invalid';
      const served: string[] = [];
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== origin) return route.abort('blockedbyclient');
        const res = await serve(new Request(`app://supportspan${url.pathname}${url.search}`, { method: route.request().method() }));
        served.push(`${res.status} ${url.pathname} ${res.headers.get('content-type')}`);
        return route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
      });
      await context.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${origin}/`);
      await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Gateways under CSP');
      await page.getByRole('button', { name: 'Create product line' }).click();
      await page.getByRole('list', { name: 'Product lines' }).getByText('Gateways under CSP').waitFor();
      await page.reload();
      await page.getByRole('list', { name: 'Product lines' }).getByText('Gateways under CSP').waitFor();

      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(errors).toEqual([]);
      expect(served.some((s) => /^200 \/assets\/.+\.js text\/javascript/.test(s))).toBe(true);
      expect(served.some((s) => /^200 \/assets\/.+\.css text\/css/.test(s))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
