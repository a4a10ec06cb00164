import { createServer, type Server } from 'node:http';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchEndOfLifeCatalog, MAX_ENDOFLIFE_BYTES, type CatalogFetcher } from '../../shared/interop/endoflife-refresh';

/**
 * A hostile server on 127.0.0.1 standing in for endoflife.date: a gzip body
 * that never ends (zeros compress about 1000:1, so each MB on the wire is a GB
 * inflated), and one with a lying Content-Length. Node's real fetch does the
 * inflating, as in the desktop app's main process.
 */
let server: Server;
let base = '';
let wireBytes = 0;
let closed = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.on('close', () => { closed += 1; });
    if (req.url === '/api/bomb.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      const gzip = createGzip({ level: 1 });
      gzip.on('data', (chunk: Buffer) => { wireBytes += chunk.length; });
      gzip.pipe(res);
      const zeros = Buffer.alloc(1024 * 1024);
      const push = (): void => {
        while (!res.destroyed) {
          if (!gzip.write(zeros)) {
            gzip.once('drain', push);
            return;
          }
        }
        gzip.destroy();
      };
      push();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
    res.write('[');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const local: CatalogFetcher = (url) => fetch(base + new URL(url).pathname, { credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(15_000) });

describe('the endoflife.date refresh against a hostile server', () => {
  it('abandons an endless gzip body after 2 MB inflated', async () => {
    const result = await fetchEndOfLifeCatalog('bomb', local);
    expect(result).toEqual({ ok: false, error: 'the answer is larger than 2 MB; not read' });
    await new Promise((r) => setTimeout(r, 200));
    expect(closed).toBeGreaterThanOrEqual(1);
    // far less than the 1.27 GB a whole read would have inflated; compressed traffic stays small too
    expect(wireBytes).toBeLessThan(64 * MAX_ENDOFLIFE_BYTES);
  });

  it('refuses a declared size over the limit without reading the body', async () => {
    expect(await fetchEndOfLifeCatalog('big', local)).toEqual({ ok: false, error: 'the answer is larger than 2 MB; not read' });
  });
});
