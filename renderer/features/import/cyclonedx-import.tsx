/**
 * CycloneDX import into a product: pick a .json SBOM/HBOM, preview the
 * components that will be added with the file's warnings and errors, confirm,
 * and they are added to the product in one change-logged write (undoable).
 */
import { FILE_LIMITS } from '../../../shared/ipc/file-limits';
import { useState } from 'react';
import type { Component } from '../../../shared/domain';
import { importCycloneDx, parseCycloneDxText } from '../../../shared/interop';
import { useDb } from '../../db/db-context';
import { getProduct, putProduct } from '../../db/repositories/products';
import { usePlatform } from '../../platform/platform-context';
import { ScopeSelect, useWorkspace, type Scope } from '../export/scope';

interface Preview {
  fileName: string;
  components: Component[];
  warnings: string[];
  errors: string[];
}

export function CycloneDxImport() {
  const ws = useWorkspace();
  const db = useDb();
  const platform = usePlatform();
  const [target, setTarget] = useState<Scope | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  if (!ws) return null;
  const firstProduct = ws.products[0];
  const scope: Scope | null = target ?? (firstProduct ? { kind: 'product', id: firstProduct.id } : null);
  const product = scope?.kind === 'product' ? ws.products.find((p) => p.id === scope.id) : undefined;

  async function pick() {
    setMessage(null);
    const file = await platform.openFile({ title: 'Import a CycloneDX SBOM or HBOM', filters: [{ name: 'CycloneDX JSON', extensions: ['json'] }], maxBytes: FILE_LIMITS.cyclonedx, kind: 'cyclonedx' });
    if (!file) return;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
    } catch {
      setMessage({ kind: 'error', text: `${file.name}: not UTF-8 text, so not CycloneDX JSON.` });
      return;
    }
    const parsed = parseCycloneDxText(text);
    if (!parsed.ok) {
      setMessage({ kind: 'error', text: `${file.name}: ${parsed.error}` });
      return;
    }
    const result = importCycloneDx(parsed.value, { fileName: file.name });
    setPreview({ fileName: file.name, ...result });
  }

  async function confirm() {
    if (!preview || !product) return;
    try {
      const current = await getProduct(db, product.id);
      if (!current) throw new Error('the product no longer exists');
      await putProduct(db, { ...current, components: [...current.components, ...preview.components] });
      setMessage({ kind: 'ok', text: `Added ${preview.components.length} component${preview.components.length === 1 ? '' : 's'} from ${preview.fileName} to ${product.name}.` });
      setPreview(null);
    } catch (error) {
      setMessage({ kind: 'error', text: `Nothing was added: ${(error as Error).message}` });
    }
  }

  const existingNames = new Set(product?.components.map((c) => `${c.name.toLowerCase()}\u0000${c.version}`) ?? []);
  const repeats = preview?.components.filter((c) => existingNames.has(`${c.name.toLowerCase()}\u0000${c.version}`)) ?? [];

  return (
    <section aria-labelledby="cdx-import-title">
      <h2 id="cdx-import-title">Import a CycloneDX SBOM or HBOM into a product</h2>
      {ws.products.length === 0 ? <p className="hint">Create or import a product first.</p> : (
        <>
          <div className="field-row">
            {scope && <ScopeSelect ws={ws} value={scope} onChange={(s) => { setTarget(s); setPreview(null); }} label="Product" productsOnly />}
            <button type="button" onClick={() => void pick()}>Choose a CycloneDX JSON file…</button>
          </div>
          {preview && product && (
            <div>
              <p>
                <strong>{preview.fileName}</strong>: {preview.components.length} component{preview.components.length === 1 ? '' : 's'} will be added to{' '}
                <strong>{product.name}</strong>.
              </p>
              {preview.errors.length > 0 && (
                <div role="alert">
                  <p className="error-text">{preview.errors.length} problem{preview.errors.length === 1 ? '' : 's'} in the file (the fields named stay empty):</p>
                  <ul>{preview.errors.map((e, i) => <li key={i}>{e}</li>)}</ul>
                </div>
              )}
              {preview.warnings.length > 0 && (
                <details>
                  <summary>{preview.warnings.length} warning{preview.warnings.length === 1 ? '' : 's'}</summary>
                  <ul>{preview.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
                </details>
              )}
              {repeats.length > 0 && (
                <p className="flag">{repeats.length} component{repeats.length === 1 ? ' has' : 's have'} the name and version of one the product already has: {repeats.map((c) => c.name).join(', ')}.</p>
              )}
              <div className="table-scroll">
                <table aria-label="Components to add">
                  <thead><tr><th scope="col">Name</th><th scope="col">Version</th><th scope="col">Role</th><th scope="col">Supplier</th><th scope="col">purl / cpe</th><th scope="col">Security support end</th></tr></thead>
                  <tbody>
                    {preview.components.map((c) => (
                      <tr key={c.id}><td>{c.name}</td><td>{c.version}</td><td>{c.role}</td><td>{c.supplier}</td><td>{c.purl ?? c.cpe ?? ''}</td><td>{c.securitySupportEnd ?? 'unknown'}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <div className="actions">
                <button type="button" className="primary" disabled={preview.components.length === 0} onClick={() => void confirm()}>
                  {preview.errors.length > 0 ? 'Add them anyway' : 'Add'} {preview.components.length} component{preview.components.length === 1 ? '' : 's'}
                </button>
                <button type="button" onClick={() => setPreview(null)}>Cancel</button>
              </div>
            </div>
          )}
        </>
      )}
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : undefined}>{message.text}</p>}
    </section>
  );
}
