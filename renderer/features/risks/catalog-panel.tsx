/**
 * The threat catalog: MITRE EMB3D, the AI set (OWASP ML Top 10) and the
 * lifecycle threats, with their attribution always in view, plus your own
 * threats; any threat can be tagged with STRIDE categories.
 */
import { useId, useState, type FormEvent } from 'react';
import { formatCount } from '../../../shared/format';
import { STRIDE, STRIDE_LABELS, type Catalog, type Stride, type Threat, type ThreatSource } from '../../../shared/risk';
import { errorText, type RiskActions } from './risk-actions';
import { RISK_SOURCE_LABELS, SOURCE_FILTERS, SOURCE_FILTER_LABELS } from './risk-filters';

export function CatalogAttribution({ catalog }: { catalog: Pick<Catalog, 'version' | 'attribution'> }) {
  return (
    <div className="risk-attribution" aria-label="Catalog sources and terms">
      <p className="risk-attribution__version">Catalog: {catalog.version}</p>
      {catalog.attribution.map((a) => <p key={a}>{a}</p>)}
    </div>
  );
}

export function CatalogPanel({ catalog, actions, onClose }: { catalog: Catalog; actions: RiskActions; onClose: () => void }) {
  const id = useId();
  const [source, setSource] = useState<ThreatSource | 'all'>('all');
  const [search, setSearch] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const shown = catalog.threats.filter((t) => (source === 'all' || t.source === source)
    && words.every((w) => `${t.id} ${t.title} ${t.category} ${t.description} ${t.references.join(' ')}`.toLocaleLowerCase().includes(w)));
  const open = openId ? catalog.threatById.get(openId) : undefined;

  return (
    <section className="risk-catalog" aria-labelledby={`${id}-t`} data-testid="threat-catalog">
      <div className="risk-detail__head">
        <h2 id={`${id}-t`} className="risk-section-title">Threat catalog</h2>
        <button type="button" onClick={onClose}>Close the catalog</button>
      </div>
      <CatalogAttribution catalog={catalog} />
      <div className="risk-inline">
        <label>
          Source
          <select value={source} onChange={(e) => setSource(e.target.value as ThreatSource | 'all')}>
            <option value="all">All sources</option>
            {SOURCE_FILTERS.map((s) => <option key={s} value={s}>{SOURCE_FILTER_LABELS[s]}</option>)}
          </select>
        </label>
        <label>
          Search threats
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <span className="hint" role="status">{formatCount(shown.length, 'threat')} of {formatCount(catalog.threats.length, 'threat')}</span>
      </div>
      <div className="risk-catalog__body">
        <div className="risk-table-wrap risk-catalog__list">
          <table className="risk-table">
            <caption className="visually-hidden">Threats</caption>
            <thead>
              <tr><th scope="col">Threat</th><th scope="col">Category</th><th scope="col">Source</th><th scope="col">STRIDE</th></tr>
            </thead>
            <tbody>
              {shown.map((t) => (
                <tr key={t.id} data-threat-id={t.id} className={t.id === openId ? 'risk-row risk-row--selected' : 'risk-row'}>
                  <th scope="row">
                    <button type="button" className="link-button" aria-current={t.id === openId ? 'true' : undefined} onClick={() => setOpenId(t.id)}>
                      <span className="risk-threat-id">{t.id}</span> {t.title}
                    </button>
                  </th>
                  <td>{t.category}</td>
                  <td>{RISK_SOURCE_LABELS[t.source]}</td>
                  <td>{t.stride.map((s) => STRIDE_LABELS[s]).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="risk-catalog__side">
          {open ? <ThreatDetail key={open.id} threat={open} catalog={catalog} actions={actions} onDeleted={() => setOpenId(null)} /> : <p className="hint">Choose a threat to see its properties and mitigations and to tag it with STRIDE.</p>}
          <UserThreatForm catalog={catalog} actions={actions} onAdded={(tid) => setOpenId(tid)} />
        </div>
      </div>
    </section>
  );
}

function ThreatDetail({ threat: t, catalog, actions, onDeleted }: { threat: Threat; catalog: Catalog; actions: RiskActions; onDeleted: () => void }) {
  const id = useId();
  const [stride, setStride] = useState<Stride[]>(t.stride);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const toggle = (s: Stride, on: boolean) => setStride((prev) => (on ? STRIDE.filter((x) => x === s || prev.includes(x)) : prev.filter((x) => x !== s)));
  async function go(fn: () => Promise<unknown>, done: string, fail: string) {
    setMessage(null);
    try {
      await fn();
      setMessage({ error: false, text: done });
    } catch (error) {
      setMessage({ error: true, text: `${fail}: ${errorText(error)}` });
    }
  }
  return (
    <div className="risk-threat-detail" aria-labelledby={`${id}-t`} role="group">
      <h3 id={`${id}-t`}><span className="risk-threat-id">{t.id}</span> {t.title}</h3>
      <p className="hint">{RISK_SOURCE_LABELS[t.source]}{t.category ? ` · ${t.category}` : ''}</p>
      {t.description && <p>{t.description}</p>}
      {t.properties.length > 0 && (
        <>
          <h4>Device properties it hangs on</h4>
          <ul>{t.properties.map((p) => <li key={p}>{p} {catalog.propertyById.get(p)?.text ?? ''}</li>)}</ul>
        </>
      )}
      {t.mitigations.length > 0 && (
        <>
          <h4>Mitigations</h4>
          <ul>{t.mitigations.map((m) => <li key={m}>{m} {catalog.mitigationById.get(m)?.title ?? ''}</li>)}</ul>
        </>
      )}
      {t.references.length > 0 && <p className="hint">References: {t.references.join(', ')}</p>}
      <fieldset className="risk-stride">
        <legend>STRIDE</legend>
        {STRIDE.map((s) => (
          <label key={s} className="risk-check">
            <input type="checkbox" checked={stride.includes(s)} onChange={(e) => toggle(s, e.target.checked)} />
            {STRIDE_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <div className="risk-inline">
        <button type="button" onClick={() => void go(() => actions.setThreatStride(t.id, stride), 'STRIDE tags saved.', 'Not saved')}>Save STRIDE tags</button>
        {t.source === 'user' && (
          <button type="button" className="danger" onClick={() => void go(async () => { await actions.deleteUserThreat(t.id); onDeleted(); }, 'Threat deleted.', 'Not deleted')}>Delete this threat</button>
        )}
      </div>
      <p className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </div>
  );
}

function UserThreatForm({ catalog, actions, onAdded }: { catalog: Catalog; actions: RiskActions; onAdded: (id: string) => void }) {
  const id = useId();
  const [tid, setTid] = useState('');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [refs, setRefs] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const threatId = tid.trim();
    if (catalog.threatById.has(threatId)) {
      setMessage({ error: true, text: `Not added: the id ${threatId} is already used in the catalog; choose another.` });
      return;
    }
    try {
      await actions.putUserThreat({
        id: threatId, title: title.trim(), category: category.trim(), description: description.trim(),
        references: refs.split(/[,;\n]/).map((r) => r.trim()).filter(Boolean),
      });
      setMessage({ error: false, text: `Added ${threatId}.` });
      setTid(''); setTitle(''); setCategory(''); setDescription(''); setRefs('');
      onAdded(threatId);
    } catch (error) {
      setMessage({ error: true, text: `Not added: ${errorText(error)}` });
    }
  }

  return (
    <form className="risk-user-threat" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`}>
      <h3 id={`${id}-t`}>Add your own threat</h3>
      <label>Threat id<input type="text" value={tid} onChange={(e) => setTid(e.target.value)} placeholder="e.g. ACME-01" autoComplete="off" required /></label>
      <label>Title<input type="text" value={title} onChange={(e) => setTitle(e.target.value)} autoComplete="off" required /></label>
      <label>Category<input type="text" value={category} onChange={(e) => setCategory(e.target.value)} autoComplete="off" /></label>
      <label>Description<textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} /></label>
      <label>
        References
        <input type="text" value={refs} onChange={(e) => setRefs(e.target.value)} placeholder="CAPEC-…, CWE-…" autoComplete="off" aria-describedby={`${id}-refs`} />
      </label>
      <span className="hint" id={`${id}-refs`}>Separate references with commas.</span>
      <button type="submit">Add threat</button>
      <p className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </form>
  );
}
