import { describe, expect, inject, it } from 'vitest';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { expectNoExternalRequests, screenshot, seriousViolations, startEmptyWorkspace, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');

function rawGetStatus(path: string): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
const openSession = useAppSessions();

describe('foundation in Chromium', () => {
  it('creates a product line that survives a reload, renames and deletes it, offline', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    // The first start shows the sample portfolio; this test starts from an empty workspace.
    await startEmptyWorkspace(page);

    await page.getByLabel('Name', { exact: true }).fill('Smart thermostats');
    await page.getByLabel('Environment').selectOption('industrial');
    await page.getByRole('button', { name: 'Create product line' }).click();
    const list = page.getByRole('list', { name: 'Product lines' });
    await list.getByText('Smart thermostats').waitFor();

    await page.reload();
    await list.getByText('Smart thermostats').waitFor();
    expect(await list.getByText(/Industrial OT \/ IIoT · 0 products/).count()).toBe(1);

    await page.getByRole('button', { name: 'Rename Smart thermostats' }).click();
    const rename = page.getByLabel('New name for Smart thermostats');
    await rename.fill('Room thermostats');
    await rename.press('Enter');
    await list.getByText('Room thermostats').waitFor();
    await page.reload();
    await list.getByText('Room thermostats').waitFor();

    await page.getByRole('button', { name: 'Delete Room thermostats' }).click();
    await page.getByRole('button', { name: 'Delete product line' }).click();
    await page.getByText('No product lines yet.').waitFor();
    await page.reload();
    await page.getByText('No product lines yet.').waitFor();

    // Persistence was asked for and the answer is shown in settings.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.getByTestId('persisted').textContent()).toMatch(/^(Yes|No)$/);
    await page.getByTestId('usage').getByText(/available to Supportspan/).waitFor();
    expect(new URL(page.url()).hash).toBe('#/settings');

    expectNoExternalRequests(session);
    expect(session.requests.length).toBeGreaterThan(0);
    expect(session.pageErrors).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`renders the portfolio in the ${colorScheme} theme (screenshot)`, async () => {
      const session = await openSession({ colorScheme });
      const { page } = session;
      await page.goto(baseUrl);
      await page.getByLabel('Name', { exact: true }).fill('Washing machines');
      await page.getByRole('button', { name: 'Create product line' }).click();
      await page.getByRole('list', { name: 'Product lines' }).getByText('Washing machines').waitFor();
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(colorScheme === 'dark' ? 'rgb(21, 24, 28)' : 'rgb(255, 255, 255)');
      const path = await screenshot(page, 'portfolio', colorScheme);
      expect(existsSync(path)).toBe(true);
      // Contrast and semantics are checked per theme: the dark palette is its own set of colours.
      expect(await seriousViolations(page)).toEqual([]);
      expectNoExternalRequests(session);
    });
  }
});

describe('e2e support', () => {
  it('serves only files inside the build folder', async () => {
    const { containedPath } = await import('./support/static-server');
    expect(containedPath('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    expect(containedPath('/srv/app', '/../etc/passwd')).toBeNull();
    expect(containedPath('/srv/app', '/a/../index.html')).toBe('/srv/app/index.html');
    expect(containedPath('/srv/app', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(containedPath('/srv/app', '/..%2fsecret')).toBeNull();
    expect(containedPath('/srv/app', '/%E0%A4%A')).toBeNull();
    // Raw paths: fetch() would normalise `..` and `%2e%2e` before sending.
    for (const path of ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      expect(await rawGetStatus(path)).toBe(403);
    }
    expect((await fetch(baseUrl, { method: 'POST' })).status).toBe(405);
  });

  it('catches a request that leaves 127.0.0.1', async () => {
    const session = await openSession();
    await session.page.goto(baseUrl);
    // The page's CSP (connect-src 'self') stops a script's fetch before any request is made...
    await session.page.evaluate(() => fetch('https://example.com/beacon').catch(() => undefined));
    expect(() => expectNoExternalRequests(session)).not.toThrow();
    // ...so the harness is checked with a navigation, which CSP does not govern.
    await session.page.goto('https://example.com/beacon').catch(() => undefined);
    expect(() => expectNoExternalRequests(session)).toThrow(/1 request\(s\) outside 127\.0\.0\.1:\nGET https:\/\/example\.com\/beacon/);
  });
});
