import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CSP_DIRECTIVES } from '../../electron/main/csp';
import { screenshot, seriousViolations, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();
const dist = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

async function openBundlesScreen(page: Page, url = baseUrl): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bundles & audits' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();
}

/** Reads one settings record straight from IndexedDB, as any script on the origin could. */
function readSettingInPage(page: Page, key: string) {
  return page.evaluate(async (k) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('supportspan');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const record = await new Promise<{ value: Record<string, unknown> } | undefined>((resolve, reject) => {
      const r = db.transaction('settings').objectStore('settings').get(k);
      r.onsuccess = () => resolve(r.result as { value: Record<string, unknown> } | undefined);
      r.onerror = () => reject(r.error);
    });
    db.close();
    if (!record) return null;
    const value = record.value;
    const privateKey = value.privateKey as CryptoKey | undefined;
    const attempts: string[] = [];
    for (const format of ['jwk', 'pkcs8', 'raw'] as const) {
      try {
        await crypto.subtle.exportKey(format, privateKey!);
        attempts.push(`${format}: exported`);
      } catch (e) {
        attempts.push(`${format}: ${(e as Error).name}`);
      }
    }
    try {
      const wrapping = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey']);
      await crypto.subtle.wrapKey('pkcs8', privateKey!, wrapping, { name: 'AES-GCM', iv: new Uint8Array(12) });
      attempts.push('wrap: wrapped');
    } catch (e) {
      attempts.push(`wrap: ${(e as Error).name}`);
    }
    return {
      keys: Object.keys(value).sort(),
      isCryptoKey: privateKey instanceof CryptoKey,
      extractable: privateKey?.extractable,
      attempts,
      text: JSON.stringify(value),
    };
  }, key);
}

describe('the browser build', () => {
  it('ships with the desktop CSP as a meta tag, without source maps or the benchmark hook', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta).not.toBeNull();
    const expected = CSP_DIRECTIVES.filter(([k]) => k !== 'frame-ancestors').map(([k, v]) => `${k} ${v}`).join('; ');
    expect(meta![1]!.replace(/&#39;/g, "'")).toBe(expected);
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const files = readdirSync(join(dist, 'assets'));
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /bench/.test(f))).toEqual([]);
    for (const f of files.filter((name) => name.endsWith('.js'))) {
      const code = readFileSync(join(dist, 'assets', f), 'utf8');
      expect(code, f).not.toContain('__supportspanBench');
      expect(code, f).not.toContain('sourceMappingURL');
    }
  });

  it('blocks injected inline scripts and eval, and ?bench exposes nothing', async () => {
    const { page, requests } = await openSession();
    await page.goto(`${baseUrl}?bench#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const result = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__injected = 1';
      document.head.append(s);
      const d = document.createElement('script');
      d.src = 'data:text/javascript,window.__fromData=1';
      document.head.append(d);
      // A string timer is compiled later, in the page's own context, where the CSP applies.
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__fromEval = 1', 0);
      await new Promise((r) => setTimeout(r, 100));
      const w = window as unknown as { __injected?: number; __fromData?: number; __fromEval?: number; __supportspanBench?: unknown };
      return { injected: [w.__injected, w.__fromData, w.__fromEval], violations: [...new Set(violations)].sort(), bench: typeof w.__supportspanBench };
    });
    expect(result.injected).toEqual([undefined, undefined, undefined]);
    expect(result.violations).toEqual(['script-src', 'script-src-elem']);
    expect(result.bench).toBe('undefined');
    expect(requests.some((r) => /bench/.test(new URL(r.url).pathname))).toBe(false);
  });
});

describe('signing keys in Chromium', () => {
  it('a page script cannot obtain the private key bytes', async () => {
    const { page } = await openSession();
    await openBundlesScreen(page);
    await page.getByRole('button', { name: 'Create the key now' }).click();
    await page.getByText(/^Fingerprint: /).waitFor();
    const stored = await readSettingInPage(page, 'signingKey');
    expect(stored).not.toBeNull();
    expect(stored!.keys).toEqual(['algorithm', 'createdAt', 'fingerprint', 'privateKey', 'publicKey']);
    expect(stored!.isCryptoKey).toBe(true);
    expect(stored!.extractable).toBe(false);
    expect(stored!.attempts).toEqual(['jwk: InvalidAccessError', 'pkcs8: InvalidAccessError', 'raw: InvalidAccessError', 'wrap: InvalidAccessError']);
    expect(stored!.text).not.toMatch(/"d"|privateJwk/);
  });

  it('a trusted fingerprint added behind the app\'s back is flagged and not trusted', async () => {
    const { page } = await openSession();
    await openBundlesScreen(page);
    await page.getByLabel('Fingerprint', { exact: true }).fill('aa'.repeat(32));
    await page.getByRole('button', { name: 'Trust fingerprint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trust this key?' });
    await dialog.getByLabel(/Whose key is it/).fill('Auditor A');
    await dialog.getByRole('checkbox', { name: /I compared all 16 groups/ }).check();
    await dialog.getByRole('button', { name: 'Trust this key' }).click();
    const list = page.getByRole('list', { name: 'Trusted fingerprints' });
    await list.getByText('Auditor A', { exact: true }).waitFor();
    // a script on the origin appends its own fingerprint straight into IndexedDB
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('supportspan');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('trustedKeys', 'readwrite');
        tx.objectStore('trustedKeys').put({ fingerprint: 'bb'.repeat(32), label: 'Mallory', trustedBy: 'Mallory', addedAt: new Date().toISOString() });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();
    const mallory = page.getByRole('list', { name: 'Trusted fingerprints' }).getByRole('listitem').filter({ hasText: 'Mallory' });
    await mallory.getByText(/Not added through Supportspan/).waitFor();
    const auditor = page.getByRole('list', { name: 'Trusted fingerprints' }).getByRole('listitem').filter({ hasText: 'Auditor A' });
    expect(await auditor.getByText(/Not added through Supportspan/).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `hardening-trust-flagged-${width}`, scheme);
      }
    }
  });
});
