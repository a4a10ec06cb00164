/**
 * The desktop app's Content-Security-Policy (electron/main/csp.ts) for the
 * browser build, so that `npm run web` and a copy of dist/renderer served
 * anywhere run under the same rules as app://:
 *
 * - the built index.html carries it as a <meta> tag (first in <head>, before any
 *   script). `frame-ancestors` is left out there: browsers ignore it in a meta
 *   tag; a server hosting the build should send the header.
 * - the dev server sends it as a header. The dev server's one inline script
 *   (React Refresh's preamble) is served as a file instead, so `script-src
 *   'self'` holds in development too.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { CSP_DIRECTIVES } from '../electron/main/csp';

const META_UNSUPPORTED = new Set(['frame-ancestors']);
export const META_CSP = CSP_DIRECTIVES.filter(([k]) => !META_UNSUPPORTED.has(k)).map(([k, v]) => `${k} ${v}`).join('; ');
export const HEADER_CSP = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

const INLINE_PREFIX = '/@supportspan-inline/';
const INLINE_SCRIPT = /<script type="module">([\s\S]*?)<\/script>/g;

export function contentSecurityPolicy(): Plugin {
  const inline = new Map<string, string>();
  return {
    name: 'supportspan-csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (ctx.server) {
          // Development: move inline module scripts into files this plugin serves.
          return html.replace(INLINE_SCRIPT, (_, code: string) => {
            const name = `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
            inline.set(name, code);
            return `<script type="module" src="${INLINE_PREFIX}${name}"></script>`;
          });
        }
        if (INLINE_SCRIPT.test(html)) throw new Error('the built index.html has an inline script, which the CSP would block');
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' }];
      },
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        res.setHeader('Content-Security-Policy', HEADER_CSP);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.setHeader('Referrer-Policy', 'no-referrer');
        const url = req.url ?? '';
        if (url.startsWith(INLINE_PREFIX)) {
          const code = inline.get(url.slice(INLINE_PREFIX.length));
          if (code === undefined) {
            res.statusCode = 404;
            res.end();
            return;
          }
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          res.end(code);
          return;
        }
        next();
      });
    },
  };
}
