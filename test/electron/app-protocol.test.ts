import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppProtocolHandler, resolveRequestPath } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

let base: string;
let root: string;
let handle: (req: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Supportspan</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'assets', 'data.bin'), Buffer.from([0, 1, 2]));
  writeFileSync(join(root, 'assets', 'with space.json'), '{}');
  // Outside the renderer folder: must never be served.
  writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  symlinkSync(base, join(root, 'up'));
  symlinkSync(join(root, 'assets', 'index-abc.js'), join(root, 'assets', 'alias.js'));
  handle = createAppProtocolHandler({ root });
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves index.html at the root with the security headers', async () => {
    const res = await get('app://supportspan/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Supportspan</title>');
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['assets/logo.svg', 'image/svg+xml', '<svg'],
    ['assets/data.bin', 'application/octet-stream', '\u0000'],
    ['assets/with%20space.json', 'application/json; charset=utf-8', '{}'],
    ['assets/alias.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
  ])('serves %s as %s', async (p, type, body) => {
    const res = await get(`app://supportspan/${p}?v=1#x`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(await res.text()).toContain(body);
  });

  it('answers HEAD with headers and no body', async () => {
    const res = await get('app://supportspan/assets/index-abc.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('14');
    expect(await res.text()).toBe('');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('refuses %s with 405', async (method) => {
    const res = await get('app://supportspan/index.html', method);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('falls back to index.html for extensionless routes only', async () => {
    const route = await get('app://supportspan/product/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Supportspan</title>');
    expect((await get('app://supportspan/settings/')).status).toBe(200);
    expect((await get('app://supportspan/assets/missing.js')).status).toBe(404);
    expect((await get('app://supportspan/favicon.ico')).status).toBe(404);
    // A folder is not a file; with no extension it is a route.
    expect(await (await get('app://supportspan/assets')).text()).toContain('<title>');
  });

  it('answers 404 for another host', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://supportspan.evil/index.html')).status).toBe(404);
  });

  // The URL parser (here `new Request`, in the app Chromium) collapses some of these
  // before the handler sees them; either way nothing outside the folder is served.
  it.each([
    'app://supportspan/../secret.txt',
    'app://supportspan/assets/../../secret.txt',
    'app://supportspan/%2e%2e/secret.txt',
    'app://supportspan/%2E%2E/secret.txt',
    'app://supportspan/.%2e/secret.txt',
    'app://supportspan/..%2fsecret.txt',
    'app://supportspan/assets%2f..%2f..%2fsecret.txt',
    'app://supportspan/..%5csecret.txt',
    'app://supportspan/assets%5c..%5c..%5csecret.txt',
    'app://supportspan/%252e%252e/secret.txt',
    'app://supportspan/%252e%252e%252fsecret.txt',
    'app://supportspan/index.html%00.js',
    'app://supportspan/%00',
    'app://supportspan/%2fetc%2fpasswd',
    'app://supportspan//etc/passwd',
    'app://supportspan/C:%5cWindows%5cwin.ini',
    'app://supportspan/%e0%a4%a',
    'app://supportspan/../renderer-evil/x.js',
  ])('refuses traversal attempt %s without serving anything outside', async (url) => {
    const res = await get(url);
    expect([400, 404]).toContain(res.status);
    const text = await res.text();
    expect(text).not.toContain('TOP SECRET');
    expect(text).not.toContain('evil');
    expect(text).not.toContain('<title>');
  });

  it('does not follow symlinks out of the renderer folder', async () => {
    expect((await get('app://supportspan/assets/link.txt')).status).toBe(404);
    expect((await get('app://supportspan/up/secret.txt')).status).toBe(404);
  });

  it('says 500 when the renderer was never built', async () => {
    const missing = createAppProtocolHandler({ root: join(base, 'nope') });
    const res = await missing(new Request('app://supportspan/'));
    expect(res.status).toBe(500);
  });
});

describe('resolveRequestPath', () => {
  it('keeps traversal visible before any URL normalisation', () => {
    expect(resolveRequestPath('app://supportspan/a/../b').kind).toBe('bad-request');
    expect(resolveRequestPath('app://supportspan/a/%2E/b').kind).toBe('bad-request');
    expect(resolveRequestPath('app://supportspan/a//b').kind).toBe('bad-request');
    expect(resolveRequestPath('app://supportspan/a/b.js')).toEqual({ kind: 'file', segments: ['a', 'b.js'], spaRoute: false });
    expect(resolveRequestPath('app://supportspan')).toEqual({ kind: 'file', segments: ['index.html'], spaRoute: false });
    expect(resolveRequestPath('https://supportspan/')).toEqual({ kind: 'wrong-host' });
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/.%2E/secret.txt',
    '/..%2fsecret.txt',
    '/a%2fb.js',
    '/..%5csecret.txt',
    '/a\\b.js',
    '/%252e%252e/secret.txt',
    '/index.html%00.js',
    '/C:%5cwin.ini',
    '/%zz',
  ])('rejects the raw path %s', (p) => {
    expect(resolveRequestPath(`app://supportspan${p}`).kind).toBe('bad-request');
  });
});
