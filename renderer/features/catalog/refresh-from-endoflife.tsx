/** The optional, explicit refresh of one product's catalog from endoflife.date. */
import { useState } from 'react';
import { useDb } from '../../db/db-context';
import { putCatalog } from '../../db/repositories/catalogs';
import { usePlatform } from '../../platform/platform-context';
import { fetchEndOfLifeInBrowser, type FetchCatalogResult } from '../../interop/endoflife-refresh';
import { readCatalogFile } from './catalog-files';

export function RefreshFromEndOfLife({ onLoaded }: { onLoaded: (message: string) => void }) {
  const db = useDb();
  const platform = usePlatform();
  const [product, setProduct] = useState('linux');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function refresh() {
    setBusy(true);
    setError(null);
    try {
      // The desktop page may not connect anywhere (CSP connect-src 'self'): only the main process may fetch.
      const result: FetchCatalogResult = platform.fetchEndOfLife
        ? await platform.fetchEndOfLife(product)
        : platform.kind === 'browser'
          ? await fetchEndOfLifeInBrowser(product)
          : { ok: false, error: 'not available in this version of the app; load a catalog file downloaded from endoflife.date instead' };
      if (!result.ok) {
        setError(`Refresh failed: ${result.error}`);
        return;
      }
      const read = readCatalogFile({ name: `${product}.json`, bytes: result.bytes }, { product, today: new Date().toISOString().slice(0, 10) });
      if (!read.ok) {
        setError(`endoflife.date sent data that is not a valid catalog: ${read.errors.slice(0, 3).join('; ')}`);
        return;
      }
      await putCatalog(db, read.catalog, result.url);
      onLoaded(`Refreshed ${product} from endoflife.date; accepted dates were re-checked.`);
    } catch (e) {
      setError(`Refresh failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="refresh">
      <summary>Refresh from endoflife.date (online)</summary>
      <p className="hint">This makes a network request to endoflife.date, only when you press the button. Without it everything works offline.</p>
      <form className="field-row" onSubmit={(e) => { e.preventDefault(); void refresh(); }}>
        <label>endoflife.date product<input value={product} onChange={(e) => setProduct(e.target.value.trim())} /></label>
        <button type="submit" disabled={busy || !product}>{busy ? 'Refreshing…' : 'Refresh from endoflife.date'}</button>
      </form>
      {error && <p role="alert" className="error-text">{error}</p>}
    </details>
  );
}
