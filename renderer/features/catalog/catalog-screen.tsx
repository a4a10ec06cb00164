/**
 * End-of-life catalog matching: the IT components of a scope with their
 * catalog matches and the proposed security-support end with its provenance;
 * accept (writes the date and its source note through the products
 * repository, change-logged, so undoable) or reject each. Loading a newer
 * catalog re-checks accepted dates and flags those that moved.
 */
import { FILE_LIMITS } from '../../../shared/ipc/file-limits';
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Component, Product } from '../../../shared/domain';
import {
  acceptProposal, describeCatalogDate, describeMilestone, formatCatalogSource, matchComponent, proposeSupportEnd, recheckAcceptedDates, type EolCatalog, type Proposal, type Recheck,
} from '../../../shared/interop';
import { useDb } from '../../db/db-context';
import { deleteCatalog, listCatalogs, putCatalog } from '../../db/repositories/catalogs';
import { getProduct, putProduct } from '../../db/repositories/products';
import { usePlatform } from '../../platform/platform-context';
import { portfolioOfScope, ScopeSelect, useWorkspace, type Scope } from '../export/scope';
import { activeCatalogs, readCatalogFile } from './catalog-files';
import { RefreshFromEndOfLife } from './refresh-from-endoflife';

interface Row {
  product: Product;
  component: Component;
  proposals: Proposal[];
}

const CONFIDENCE_LABEL: Record<Proposal['confidence'], string> = {
  exact: 'Exact (purl or CPE)',
  high: 'High (name and version)',
  low: 'Low (name with other words)',
};

export function CatalogScreen() {
  const db = useDb();
  const ws = useWorkspace();
  const stored = useLiveQuery(() => listCatalogs(db), [db]);
  const [scope, setScope] = useState<Scope>({ kind: 'portfolio' });
  const [rejected, setRejected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const catalogs = useMemo(() => activeCatalogs(stored ?? []), [stored]);
  const portfolio = ws ? portfolioOfScope(ws, scope) : null;
  const rows: Row[] = useMemo(() => {
    if (!portfolio) return [];
    return portfolio.products.flatMap((product) => product.components
      .filter((c) => c.class === 'it')
      .map((component) => ({
        product,
        component,
        proposals: matchComponent(component, catalogs).map((m) => proposeSupportEnd(component, m)),
      })));
  }, [portfolio, catalogs]);
  const rechecks: (Recheck & { product: Product; component: Component })[] = useMemo(() => {
    if (!portfolio) return [];
    return portfolio.products.flatMap((product) => recheckAcceptedDates(product.components, catalogs)
      .filter((r) => r.moved)
      .map((r) => ({ ...r, product, component: product.components.find((c) => c.id === r.componentId)! })));
  }, [portfolio, catalogs]);

  if (!ws || !stored || !portfolio) return <p role="status">Loading…</p>;

  async function writeComponent(productId: string, componentId: string, change: (c: Component) => Component, done: string) {
    setMessage(null);
    try {
      const current = await getProduct(db, productId);
      const target = current?.components.find((c) => c.id === componentId);
      if (!current || !target) throw new Error('the component no longer exists');
      await putProduct(db, { ...current, components: current.components.map((c) => (c.id === componentId ? change(c) : c)) });
      setMessage({ kind: 'ok', text: done });
    } catch (error) {
      setMessage({ kind: 'error', text: `Not saved: ${(error as Error).message}` });
    }
  }

  const proposalKey = (p: Proposal): string => `${p.componentId}\u0000${p.provenance.catalog}\u0000${p.provenance.product}\u0000${p.provenance.cycle}`;

  return (
    <section aria-labelledby="catalog-title">
      <h2 id="catalog-title">End-of-life catalogs</h2>
      <CatalogFiles
        stored={stored}
        onLoaded={(text) => setMessage({ kind: 'ok', text })}
        onRemove={(id) => void deleteCatalog(db, id)}
        onSave={async (catalog, source) => { await putCatalog(db, catalog, source); }}
      />
      <RefreshFromEndOfLife onLoaded={(text) => setMessage({ kind: 'ok', text })} />

      {rechecks.length > 0 && (
        <div role="region" aria-label="Accepted dates that moved">
          <h3>Accepted dates that moved</h3>
          <table>
            <thead><tr><th scope="col">Component</th><th scope="col">Accepted</th><th scope="col">Catalog now</th><th scope="col" /></tr></thead>
            <tbody>
              {rechecks.map((r) => (
                <tr key={`${r.product.id}-${r.componentId}`}>
                  <td>{r.component.name} {r.component.version} <span className="hint">({r.product.name})</span></td>
                  <td>{r.acceptedFrom.date} <span className="hint">from {r.acceptedFrom.catalog}, {r.acceptedFrom.product} {r.acceptedFrom.cycle}</span></td>
                  <td className="flag">{r.now ?? (r.nowState === 'ended-date-unknown' ? 'ended, no date' : r.nowState === 'not-ended' ? 'not ended, no date' : 'no date')} <span className="hint">in {r.checkedIn}{r.checkedInDate ? ` of ${r.checkedInDate}` : ''}</span></td>
                  <td>
                    {r.now && r.checkedIn ? (
                      <button
                        type="button"
                        onClick={() => void writeComponent(r.product.id, r.componentId, (c) => ({
                          ...c,
                          securitySupportEnd: r.now,
                          sources: { ...c.sources, securitySupportEnd: formatCatalogSource({ catalog: r.checkedIn!, product: r.acceptedFrom.product, cycle: r.acceptedFrom.cycle, date: r.now!, catalogDate: r.checkedInDate }) },
                        }), `${r.component.name}: security support end updated from ${r.acceptedFrom.date} to ${r.now}.`)}
                      >
                        Update {r.component.name} to {r.now}
                      </button>
                    ) : <span className="hint">Check by hand: the catalog no longer gives a date.</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>Match components</h3>
      <div className="field-row"><ScopeSelect ws={ws} value={scope} onChange={setScope} label="Scope" /></div>
      {rows.length === 0 ? <p className="hint">No IT components in this scope.</p> : (
        <div className="table-scroll">
          <table aria-label="Catalog matches">
            <thead>
              <tr><th scope="col">Component</th><th scope="col">Now</th><th scope="col">Catalog match</th><th scope="col">Confidence and reason</th><th scope="col">Proposed security-support end</th><th scope="col">Decision</th></tr>
            </thead>
            <tbody>
              {rows.flatMap(({ product, component, proposals }) => (proposals.length === 0 ? [
                <tr key={component.id}>
                  <td>{component.name} {component.version} <span className="hint">({product.name})</span></td>
                  <td>{component.securitySupportEnd ?? 'unknown'}</td>
                  <td colSpan={4} className="hint">No match in the loaded catalogs.</td>
                </tr>,
              ] : proposals.map((p) => {
                const key = proposalKey(p);
                const accepted = !!p.sourceNote && component.sources.securitySupportEnd === p.sourceNote && component.securitySupportEnd === p.proposed;
                const label = `${component.name} ${component.version}`.trim();
                return (
                  <tr key={key}>
                    <td>{label} <span className="hint">({product.name})</span></td>
                    <td>{component.securitySupportEnd ?? 'unknown'}</td>
                    <td>
                      {p.provenance.product} {p.provenance.cycle}
                      <div className="hint">catalog {p.provenance.catalog}, {describeCatalogDate(p.provenance.catalogDate, p.provenance.catalogDateBasis)}</div>
                    </td>
                    <td>
                      <span className={`confidence confidence-${p.confidence}`}>{CONFIDENCE_LABEL[p.confidence]}</span>
                      <div className="hint">{p.reason}</div>
                      {p.needsConfirmation && <div className="confirm-note">Matched by name and version: confirm it is the same software.</div>}
                    </td>
                    <td>
                      {p.proposed ?? '—'}
                      <div className="hint">Extended support: {describeMilestone(p.extendedSupport)}</div>
                      {/* With a date, the other columns already say where it comes from; without one, say why there is none. */}
                      {!p.proposed && <div className="hint">{p.explanation}</div>}
                    </td>
                    <td>
                      {accepted ? <span>Accepted</span>
                        : rejected.has(key) ? (
                          <span>Rejected <button type="button" className="link-button" onClick={() => setRejected((s) => { const n = new Set(s); n.delete(key); return n; })}>undo</button></span>
                        ) : p.proposed ? (
                          <span className="actions">
                            <button
                              type="button"
                              aria-label={`${p.needsConfirmation ? 'Confirm and accept' : 'Accept'} ${p.proposed} for ${label} (${product.name})`}
                              onClick={() => void writeComponent(product.id, component.id, (c) => acceptProposal(c, p), `${label}: security support ends ${p.proposed} (from ${p.provenance.catalog}).`)}
                            >
                              {p.needsConfirmation ? 'Confirm and accept' : 'Accept'}
                            </button>
                            <button type="button" aria-label={`Reject the match for ${label} (${product.name})`} onClick={() => setRejected((s) => new Set(s).add(key))}>Reject</button>
                          </span>
                        ) : <span className="hint">Nothing to accept</span>}
                    </td>
                  </tr>
                );
              })))}
            </tbody>
          </table>
        </div>
      )}
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : undefined}>{message.text}</p>}
    </section>
  );
}

function CatalogFiles({ stored, onLoaded, onRemove, onSave }: {
  stored: { id: string; catalog: Pick<EolCatalog, 'title' | 'asOf' | 'asOfBasis' | 'products'>; source: string; loadedAt: string }[];
  onLoaded: (message: string) => void;
  onRemove: (id: string) => void;
  onSave: (catalog: EolCatalog, source: string) => Promise<void>;
}) {
  const platform = usePlatform();
  const [pending, setPending] = useState<{ name: string; bytes: Uint8Array; product: string } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  async function read(file: { name: string; bytes: Uint8Array }, product?: string) {
    const result = readCatalogFile(file, product ? { product } : {});
    if (!result.ok) {
      setErrors(result.errors);
      if (result.needsProduct) setPending({ ...file, product: product ?? file.name.replace(/\.[^.]*$/, '').toLowerCase() });
      return;
    }
    try {
      await onSave(result.catalog, file.name);
      setErrors([]);
      setPending(null);
      onLoaded(`Loaded ${result.catalog.title} (${result.catalog.products.length} product${result.catalog.products.length === 1 ? '' : 's'}); accepted dates were re-checked.`);
    } catch (error) {
      setErrors([(error as Error).message]);
    }
  }

  async function pick() {
    const file = await platform.openFile({ title: 'Load an end-of-life catalog', filters: [{ name: 'Catalog JSON', extensions: ['json'] }], maxBytes: FILE_LIMITS.catalog, kind: 'catalog' });
    if (file) await read(file);
  }

  return (
    <div>
      <p className="hint">
        Built in: common embedded platforms (curated). Load newer files: endoflife.date API JSON (for example
        linux.json from endoflife.date/api/linux.json, or the v1 product file) or a Supportspan catalog. Everything works offline.
      </p>
      <button type="button" onClick={() => void pick()}>Load a catalog file…</button>
      {pending && (
        <form className="field-row" onSubmit={(e) => { e.preventDefault(); void read(pending, pending.product); }}>
          <label>
            endoflife.date product of {pending.name}
            <input value={pending.product} onChange={(e) => setPending({ ...pending, product: e.target.value })} />
          </label>
          <button type="submit">Read again</button>
        </form>
      )}
      {errors.length > 0 && <ul role="alert" className="error-text">{errors.slice(0, 20).map((e, i) => <li key={i}>{e}</li>)}</ul>}
      {stored.length > 0 && (
        <ul aria-label="Loaded catalogs">
          {stored.map((s) => (
            <li key={s.id}>
              {s.catalog.title} <span className="hint">({s.id}, {describeCatalogDate(s.catalog.asOf, s.catalog.asOfBasis)}, from {s.source})</span>{' '}
              <button type="button" className="link-button" onClick={() => onRemove(s.id)}>Remove</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
