import { describe, expect, it, vi } from 'vitest';
import { checkExternalUrl, isAllowedRequestUrl, isAppUrl } from '../../electron/main/url-policy';
import { openInBrowser } from '../../electron/main/external';

describe('checkExternalUrl / openInBrowser', () => {
  it.each([
    'https://eur-lex.europa.eu/eli/reg/2024/2847/oj',
    'https://example.org/path?q=1#frag',
    '  https://example.org/  ',
  ])('accepts https link %s', (url) => {
    const r = checkExternalUrl(url);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['javascript:alert(1)', 'javascript:'],
    ['file:///etc/passwd', 'file:'],
    ['http://example.org/', 'http:'],
    ['smb://server/share', 'smb:'],
    ['ms-msdt:/id PCWDiagnostic', 'ms-msdt:'],
    ['data:text/html,<script>1</script>', 'data:'],
    ['app://supportspan/index.html', 'app:'],
  ])('refuses %s, naming the scheme', (url, scheme) => {
    const r = checkExternalUrl(url);
    expect(r).toEqual({ ok: false, reason: expect.stringContaining(scheme) });
  });

  it.each(['', 'not a url', '//example.org/x', 'https://', 'https://user:pw@example.org/'])('refuses malformed or credentialed %j', (url) => {
    expect(checkExternalUrl(url).ok).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(checkExternalUrl(42).ok).toBe(false);
    expect(checkExternalUrl({ href: 'https://example.org' }).ok).toBe(false);
  });

  it('opens only what passed the check, normalised by the URL parser', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await openInBrowser(shell, 'javascript:alert(1)');
    await openInBrowser(shell, 'file:///C:/Windows/system32/calc.exe');
    expect(shell.openExternal).not.toHaveBeenCalled();
    await openInBrowser(shell, 'HTTPS://Example.org/a b');
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/a%20b');
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin only', () => {
    expect(isAppUrl('app://supportspan/')).toBe(true);
    expect(isAppUrl('app://supportspan/product/1?x#y')).toBe(true);
    expect(isAppUrl('app://supportspan')).toBe(true);
  });
  it.each([
    'app://other/',
    'app://supportspan.evil.com/',
    'app://supportspan:8080/',
    'app://user@supportspan/',
    'https://supportspan/',
    'file:///index.html',
    'about:blank',
    '',
    null,
  ])('rejects %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isAllowedRequestUrl', () => {
  it('lets the app, data: and app-created blob: through', () => {
    expect(isAllowedRequestUrl('app://supportspan/assets/index.js', false)).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA', false)).toBe(true);
    expect(isAllowedRequestUrl('blob:app://supportspan/2b1c-44', false)).toBe(true);
  });
  it('blocks remote and local content', () => {
    for (const url of ['https://cdn.example.org/x.js', 'http://127.0.0.1:5173/', 'file:///etc/hosts', 'blob:https://evil.example/1', 'ws://x/', 'ftp://x/']) {
      expect(isAllowedRequestUrl(url, true)).toBe(false);
    }
  });
  it('allows DevTools only in development', () => {
    expect(isAllowedRequestUrl('devtools://devtools/bundled/devtools_app.html', true)).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/devtools_app.html', false)).toBe(false);
  });
});
