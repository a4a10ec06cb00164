/**
 * Debian's Chromium driven by playwright-core, shared by every e2e test. Each test
 * gets a new browser context: a fresh profile, so a fresh IndexedDB. Every request
 * is recorded; anything leaving 127.0.0.1 fails the test (the app makes no network
 * request at all).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, afterEach } from 'vitest';

export const CHROMIUM_PATH = process.env.SUPPORTSPAN_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const repo = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = join(repo, 'test-artifacts', 'screenshots');

let browser: Browser | null = null;

export async function launchBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `e2e: Chromium not found at ${CHROMIUM_PATH}. Install Debian's chromium (apt-get install chromium; .ci/run does this) ` +
        'or point SUPPORTSPAN_CHROMIUM at a Chromium binary.',
    );
  }
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
}

export interface AppSession {
  context: BrowserContext;
  page: Page;
  requests: RecordedRequest[];
  /** Uncaught page errors and console errors: a test can assert the app logged none. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface SessionOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /**
   * Ignores the page's Content-Security-Policy. Only for a test that talks to a team
   * server on another port: the browser build's CSP (connect-src 'self') has no way
   * to allow a configured origin (docs/team.md).
   */
  bypassCSP?: boolean;
}

/** Hosts a request may go to: the test server only. `blob:`/`data:` never leave the page. */
export function isLocalRequest(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'blob:' || parsed.protocol === 'data:' || parsed.protocol === 'about:') return true;
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'ws:') && parsed.hostname === '127.0.0.1';
}

export async function newSession(options: SessionOptions = {}): Promise<AppSession> {
  const b = await launchBrowser();
  const context = await b.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    serviceWorkers: 'block',
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  const requests: RecordedRequest[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => {
    requests.push({ url: request.url(), method: request.method(), resourceType: request.resourceType() });
  });
  // Anything not local is also blocked, so a stray request cannot reach the network while it is being reported.
  await context.route((url) => !isLocalRequest(url.href), (route) => route.abort('blockedbyclient'));
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  return { context, page, requests, pageErrors, close: () => context.close() };
}

/**
 * Call once at the top of an e2e file: every session the returned function opens is
 * closed after its test, and the browser after the file.
 */
export function useAppSessions(): (options?: SessionOptions) => Promise<AppSession> {
  const open: AppSession[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  afterAll(closeBrowser);
  return async (options) => {
    const session = await newSession(options);
    open.push(session);
    return session;
  };
}

/** Fails with the list of offending URLs if any request left 127.0.0.1. */
export function expectNoExternalRequests(session: Pick<AppSession, 'requests'>): void {
  const external = session.requests.filter((r) => !isLocalRequest(r.url));
  if (external.length) {
    throw new Error(`The app made ${external.length} request(s) outside 127.0.0.1:\n${external.map((r) => `${r.method} ${r.url} (${r.resourceType})`).join('\n')}`);
  }
}

/** Saves test-artifacts/screenshots/<name>-<scheme>.png for reviewers (the folder is gitignored). */
export async function screenshot(page: Page, name: string, colorScheme: 'light' | 'dark'): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Saves test-artifacts/screenshots/<name>.png of one element (a dialog, a panel), scrolled into view. */
export async function elementScreenshot(element: Locator, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await element.screenshot({ path });
  return path;
}

/** axe-core violations of serious or critical impact, one line each, naming the rule and where. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The file a click downloads, with the name the app suggested. */
export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path()) as string)) };
}

/** The bundle export asks for the user name before the first export: gives it when the export form asks for it. */
export async function giveExportName(page: Page, name = 'Test Maker'): Promise<void> {
  const panel = page.getByRole('region', { name: 'Export a bundle' });
  await panel.locator('form[data-user-name="missing"], form[data-user-name="set"]').waitFor();
  const field = panel.getByRole('textbox', { name: 'Your name' });
  if (await field.count()) await field.fill(name);
}

/** Replaces the first-run sample portfolio with an empty workspace, confirming the dialog. */
export async function startEmptyWorkspace(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'This is sample data' }).getByRole('button', { name: 'Start an empty workspace' }).click();
  await page.getByRole('dialog', { name: 'Start an empty workspace' }).getByRole('button', { name: 'Remove everything' }).click();
  await page.getByText('No product lines yet.').waitFor();
}

export type ProductTabName = 'Components' | 'Product details' | 'Planner' | 'Charts' | 'Risks' | 'Evidence' | 'Activities';

/** Chooses a tab of the product page (its sections each live in one tab) and waits until it is selected. */
export async function openProductTab(page: Page, name: ProductTabName): Promise<void> {
  const tab = page.getByRole('tablist', { name: 'Product sections' }).getByRole('tab', { name, exact: true });
  await tab.click();
  await page.locator(`[role='tab'][aria-selected='true']`, { hasText: new RegExp(`^${name}$`) }).waitFor();
}
