/**
 * "Refresh from endoflife.date": the one network request the app can make,
 * only when the user presses the button. The URL is built here from a product
 * id that must match a strict pattern, so nothing else can be requested; the
 * response is size-limited and then validated like any loaded catalog file.
 * In the desktop app the main process makes the request (the page's CSP keeps
 * connect-src 'self'); in the browser build the page fetches it.
 */
export const ENDOFLIFE_PRODUCT = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const MAX_ENDOFLIFE_BYTES = 2 * 1024 * 1024;

export function endOfLifeUrl(product: string): string {
  if (!ENDOFLIFE_PRODUCT.test(product)) {
    throw new RangeError(`"${product}" is not an endoflife.date product id (lower-case letters, digits, . _ -; for example linux, openssl, yocto)`);
  }
  return `https://endoflife.date/api/${product}.json`;
}

export type FetchCatalogResult = { ok: true; bytes: Uint8Array; url: string } | { ok: false; error: string };

/** Browser build: fetch with a size limit and a time limit. */
export async function fetchEndOfLifeInBrowser(product: string, fetcher: typeof fetch = fetch): Promise<FetchCatalogResult> {
  let url: string;
  try {
    url = endOfLifeUrl(product);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  try {
    const response = await fetcher(url, { credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(15_000) });
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
