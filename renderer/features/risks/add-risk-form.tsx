/** Adds a risk: a threat from the catalog (the shipped sets and your own) joined to a product and, optionally, one of its components. */
import { useId, useState, type FormEvent } from 'react';
import type { Product } from '../../../shared/domain';
import type { Catalog, ThreatSource } from '../../../shared/risk';
import { errorText, type RiskActions } from './risk-actions';
import { RISK_SOURCE_LABELS } from './risk-filters';

const GROUPS: ThreatSource[] = ['emb3d', 'owasp-ml', 'lifecycle', 'user'];

export function ThreatOptions({ catalog }: { catalog: Catalog }) {
  return (
    <>
      {GROUPS.map((g) => {
        const threats = catalog.threats.filter((t) => t.source === g);
        if (threats.length === 0) return null;
        return (
          <optgroup key={g} label={RISK_SOURCE_LABELS[g]}>
            {threats.map((t) => <option key={t.id} value={t.id}>{t.id} {t.title}</option>)}
          </optgroup>
        );
      })}
    </>
  );
}

export function AddRiskForm(props: { products: readonly Product[]; catalog: Catalog; actions: RiskActions; initialProductId?: string; onAdded: (id: string) => void; onCancel: () => void }) {
  const id = useId();
  const [productId, setProductId] = useState(props.initialProductId ?? props.products[0]?.id ?? '');
  const [componentId, setComponentId] = useState('');
  const [threatId, setThreatId] = useState(props.catalog.threats[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const product = props.products.find((p) => p.id === productId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!product) return setError('Choose a product.');
    if (!threatId) return setError('Choose a threat.');
    try {
      const rid = await props.actions.addRisk({ productId, componentId: componentId || null, threatId });
      props.onAdded(rid);
    } catch (err) {
      setError(`Not added: ${errorText(err)}`);
    }
  }

  return (
    <form className="risk-add" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`} className="risk-section-title">Add a risk</h2>
      <div className="risk-inline">
        <label>
          Product
          <select value={productId} onChange={(e) => { setProductId(e.target.value); setComponentId(''); }}>
            {props.products.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <label>
          Component (optional)
          <select value={componentId} onChange={(e) => setComponentId(e.target.value)}>
            <option value="">The product as a whole</option>
            {product?.components.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.role})</option>)}
          </select>
        </label>
        <label>
          Threat
          <select value={threatId} onChange={(e) => setThreatId(e.target.value)}>
            <ThreatOptions catalog={props.catalog} />
          </select>
        </label>
      </div>
      <div className="risk-inline">
        <button type="submit" className="primary">Add the risk</button>
        <button type="button" onClick={props.onCancel}>Cancel</button>
      </div>
      {error && <p className="field-error" role="alert">{error}</p>}
    </form>
  );
}
