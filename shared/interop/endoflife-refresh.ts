/**
 * "Refresh from endoflife.date": the one network request Supportspan can make, and
 * only when the user presses the button. The URL is built here from a product id that
 * must match a strict pattern, so nothing else can be requested; the answer is
 * size-limited before it is read whole and then validated like any loaded catalog
 * file. The fetch itself is injected: the browser build passes the page's `fetch`,
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

/** The part of a fetch Response this needs (shared/ has no DOM types). */
export interface CatalogResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
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
    if (declared > MAX_ENDOFLIFE_BYTES) return { ok: false, error: 'the answer is larger than 2 MB; not read' };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_ENDOFLIFE_BYTES) return { ok: false, error: 'the answer is larger than 2 MB; not read' };
    return { ok: true, bytes, url };
  } catch (error) {
    return { ok: false, error: `no connection to endoflife.date (${(error as Error).message}). Everything else works offline; load a catalog file instead.` };
  }
}
