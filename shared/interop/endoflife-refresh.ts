/**
 * "Refresh from endoflife.date": the one network request Supportspan can make, and
 * only when the user presses the button. The URL is built here from a product id that
 * must match a strict pattern, so nothing else can be requested; the answer is
 * refused from its declared size (Content-Length, the compressed size), then
 * read as a stream and abandoned the moment it passes the limit (the
 * decompressed size: fetch inflates gzip and brotli as it goes, so a small
 * compressed body that inflates to gigabytes stops after 2 MB; and since
 * inflating never shrinks data, the compressed bytes read are bounded by the
 * same limit). It is then validated like any loaded catalog file. The fetch itself is injected: the browser build passes the page's `fetch`,
 * the desktop app's main process passes Node's (the page's CSP keeps connect-src 'self').
 */
export const ENDOFLIFE_PRODUCT = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const MAX_ENDOFLIFE_BYTES = 2 * 1024 * 1024;

export function endOfLifeUrl(product: string): string {
  if (!ENDOFLIFE_PRODUCT.test(product) || product.includes('..')) {
    throw new RangeError(`"${product}" is not an endoflife.date product id (lower-case letters, digits, . _ -; for example linux, openssl, yocto)`);
  }
  return `https://endoflife.date/api/${product}.json`;
}

export type FetchCatalogResult = { ok: true; bytes: Uint8Array<ArrayBuffer>; url: string } | { ok: false; error: string };

interface ChunkReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}

/** The part of a fetch Response this needs (shared/ has no DOM types). */
export interface CatalogResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  /** The body as a stream (every fetch has one); read chunk by chunk so a limit stops the download. */
  body?: { getReader(): ChunkReader } | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const TOO_LARGE = 'the answer is larger than 2 MB; not read';

/** The body, or null as soon as more than `limit` bytes arrived (the rest is never downloaded). */
async function readAtMost(response: CatalogResponse, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    return whole.byteLength > limit ? null : whole;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done || !next.value) break;
    total += next.value.byteLength;
    if (total > limit) {
      await reader.cancel('over the size limit').catch(() => undefined);
      return null;
    }
    chunks.push(next.value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Must fetch without credentials, refuse redirects and time out (the caller's runtime knows how). */
export type CatalogFetcher = (url: string) => Promise<CatalogResponse>;

export async function fetchEndOfLifeCatalog(product: string, fetcher: CatalogFetcher): Promise<FetchCatalogResult> {
  let url: string;
  try {
    url = endOfLifeUrl(product);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  try {
    const response = await fetcher(url);
    if (response.status === 404) return { ok: false, error: `endoflife.date has no product "${product}"` };
    if (!response.ok) return { ok: false, error: `endoflife.date answered ${response.status}` };
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_ENDOFLIFE_BYTES) {
      await response.body?.getReader().cancel().catch(() => undefined);
      return { ok: false, error: TOO_LARGE };
    }
    const bytes = await readAtMost(response, MAX_ENDOFLIFE_BYTES);
    if (!bytes) return { ok: false, error: TOO_LARGE };
    return { ok: true, bytes, url };
  } catch (error) {
    return { ok: false, error: `no connection to endoflife.date (${(error as Error).message}). Everything else works offline; load a catalog file instead.` };
  }
}
