/**
 * The browser build's side of "Refresh from endoflife.date" (the desktop app asks
 * its main process instead, see platform.fetchEndOfLife). The rules live in shared/.
 */
import { fetchEndOfLifeCatalog, type FetchCatalogResult } from '../../shared/interop/endoflife-refresh';

export { endOfLifeUrl, ENDOFLIFE_PRODUCT, MAX_ENDOFLIFE_BYTES, type FetchCatalogResult } from '../../shared/interop/endoflife-refresh';

export function fetchEndOfLifeInBrowser(product: string, fetcher: typeof fetch = fetch): Promise<FetchCatalogResult> {
  return fetchEndOfLifeCatalog(product, (url) =>
    fetcher(url, { credentials: 'omit', redirect: 'error', signal: AbortSignal.timeout(15_000) }),
  );
}
