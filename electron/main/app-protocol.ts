/**
 * The app:// protocol: serves the built renderer (dist/renderer) to the window.
 *
 * The renderer's origin is app://supportspan for the life of the product: IndexedDB
 * data lives under it, so changing scheme or host would look like total data loss.
 * Read-only (GET and HEAD), one host, and every path confined to the renderer folder:
 * traversal in any spelling (`..`, `%2e%2e`, `%2f`, backslashes, NUL, double encoding,
 * symlinks pointing outside) is refused before the disk is touched, and the resolved
 * real path is checked again afterwards.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../../shared/ipc/contract';
import { securityHeaders } from './csp';

/** Privileges for `protocol.registerSchemesAsPrivileged`, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    // standard: real origin, relative URLs and persistent storage (IndexedDB) work.
    standard: true,
    // secure: a secure context, like https (needed by storage.persist, crypto.subtle).
    secure: true,
    supportFetchAPI: true,
    // Same-origin module scripts load without it; left off, no other origin can read app://.
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
  },
} as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type PathResolution =
  | { kind: 'file'; segments: string[]; spaRoute: boolean }
  | { kind: 'bad-request'; reason: string }
  | { kind: 'wrong-host' };

// Taken from the raw URL, before any normalisation could hide a `..`.
const RAW_APP_URL = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:[?#].*)?$/s;

/**
 * Turns a request URL into path segments below the renderer folder, or says why not.
 * Pure: no disk access.
 */
export function resolveRequestPath(rawUrl: string): PathResolution {
  const m = RAW_APP_URL.exec(rawUrl);
  if (!m) return { kind: 'bad-request', reason: 'not an absolute URL' };
  const [, scheme, host, rawPath] = m;
  if (scheme?.toLowerCase() !== APP_SCHEME) return { kind: 'wrong-host' };
  if (host?.toLowerCase() !== APP_HOST) return { kind: 'wrong-host' };
  const pathPart = rawPath === '' || rawPath === undefined ? '/' : rawPath;
  if (!pathPart.startsWith('/')) return { kind: 'bad-request', reason: 'path must be absolute' };

  const rawSegments = pathPart.slice(1).split('/');
  // A trailing slash names a route ("/settings/"), never a folder listing.
  const trailingSlash = rawSegments.length > 1 && rawSegments[rawSegments.length - 1] === '';
  if (trailingSlash) rawSegments.pop();
  if (rawSegments.length === 1 && rawSegments[0] === '') {
    return { kind: 'file', segments: ['index.html'], spaRoute: false };
  }
  if (rawSegments.length > 32) return { kind: 'bad-request', reason: 'path too deep' };

  const segments: string[] = [];
  for (const raw of rawSegments) {
    if (raw === '') return { kind: 'bad-request', reason: 'empty path segment' };
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { kind: 'bad-request', reason: 'malformed percent-encoding' };
    }
    if (seg === '.' || seg === '..') return { kind: 'bad-request', reason: 'relative path segment' };
    // `%` after decoding means double encoding; `:` a drive letter or stream name.
    if (/[/\\%:]/.test(seg) || hasControlCharacter(seg)) {
      return { kind: 'bad-request', reason: 'forbidden character in path' };
    }
    if (seg.length > 255) return { kind: 'bad-request', reason: 'path segment too long' };
    segments.push(seg);
  }
  const last = segments[segments.length - 1] ?? '';
  const spaRoute = path.extname(last) === '';
  return { kind: 'file', segments, spaRoute };
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export interface ProtocolFs {
  realpath(p: string): Promise<string>;
  stat(p: string): Promise<{ isFile(): boolean; size: number }>;
  readFile(p: string): Promise<Uint8Array>;
}

export interface AppProtocolOptions {
  /** The built renderer folder (dist/renderer). */
  root: string;
  fs?: ProtocolFs;
}

function textResponse(status: number, text: string, method: string, extra: Record<string, string> = {}): Response {
  return new Response(method === 'HEAD' ? null : text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/** The `protocol.handle` callback for app://. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const fs: ProtocolFs = options.fs ?? fsp;
  let realRoot: Promise<string> | null = null;
  const getRoot = () => (realRoot ??= fs.realpath(path.resolve(options.root)));

  async function tryFile(root: string, segments: string[]): Promise<{ file: string; bytes: Uint8Array } | null> {
    const candidate = path.join(root, ...segments);
    if (!isInside(root, candidate)) return null;
    let real: string;
    try {
      real = await fs.realpath(candidate);
      if (!isInside(root, real)) return null;
      const st = await fs.stat(real);
      if (!st.isFile()) return null;
      return { file: real, bytes: await fs.readFile(real) };
    } catch {
      return null;
    }
  }

  return async (request: Request): Promise<Response> => {
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      return textResponse(405, 'Method Not Allowed', method, { Allow: 'GET, HEAD' });
    }
    const resolved = resolveRequestPath(request.url);
    if (resolved.kind === 'wrong-host') return textResponse(404, 'Not Found', method);
    if (resolved.kind === 'bad-request') return textResponse(400, `Bad Request: ${resolved.reason}`, method);

    let root: string;
    try {
      root = await getRoot();
    } catch {
      realRoot = null;
      return textResponse(500, 'The app files are missing; reinstall Supportspan.', method);
    }
    let found = await tryFile(root, resolved.segments);
    // Client-side routes ("/product/42") have no file: serve the app shell. Paths with
    // an extension are files, and a missing file is a 404, never the shell.
    if (!found && resolved.spaRoute) found = await tryFile(root, ['index.html']);
    if (!found) return textResponse(404, 'Not Found', method);

    return new Response(method === 'HEAD' ? null : Buffer.from(found.bytes), {
      status: 200,
      headers: {
        ...securityHeaders(),
        'Content-Type': contentTypeFor(found.file),
        'Content-Length': String(found.bytes.byteLength),
      },
    });
  };
}
