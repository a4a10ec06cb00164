/**
 * The product page's risk section: the device properties proposed from the
 * components (with the reasons), confirmed or rejected by you; the threats
 * that follow from the confirmed ones, each with the property that brought
 * it; and the product's risks, each leading to the Risks screen.
 */
import { useId, useMemo, useState } from 'react';
import type { Product } from '../../../shared/domain';
import { formatCount } from '../../../shared/format';
import { applicableThreats, buildRegister, loadCatalog, productProperties, reconcileRiskData, type Catalog, type RegisterResult } from '../../../shared/risk';
import { useAnalysis } from '../../analysis/analysis-context';
import { useRiskRegisterData } from '../../analysis/use-risk-register';
import { useUiStore } from '../../state/ui-store';
import { errorText } from './risk-actions';
import { STATUS_LABELS } from './risk-filters';
import { LevelBadge } from './risk-table';
import { useRiskActions } from './use-risk-actions';
import './risks.css';

const PROPERTY_STATES = [
  { value: 'confirmed', label: 'Applies' },
  { value: 'rejected', label: 'Does not apply' },
  { value: '', label: 'Not answered' },
] as const;

export function ProductRisksSection({ product }: { product: Product }) {
  const id = useId();
  const analysis = useAnalysis();
  const data = useRiskRegisterData();
  const lines = analysis.portfolio?.lines;
  const { asOf, rulePacks, policy } = analysis.options;
  const navigate = useUiStore((s) => s.navigate);
  const actions = useRiskActions();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  /** Answers being saved: shown at once, until the stored answer arrives (or the write fails). */
  const [pending, setPending] = useState<Readonly<Record<string, string>>>({});
  const catalog = useMemo<Catalog | null>(() => {
    if (!data) return null;
    try {
      return loadCatalog(data.threats, data.threatTags);
    } catch {
      return null;
    }
  }, [data]);
  // Only this product's risks are shown, so only this product is analysed (the Risks screen builds the whole register).
  const register = useMemo<RegisterResult | null | undefined>(() => {
    if (!data || !catalog || !lines) return undefined;
    const portfolio = { lines: lines.filter((l) => l.id === product.lineId), products: [product], decisions: [] };
    try {
      return buildRegister(portfolio, reconcileRiskData(data, portfolio), { asOf, catalog, ...(rulePacks ? { rulePacks } : {}), ...(policy ? { policy } : {}) });
    } catch {
      return null;
    }
  }, [data, catalog, lines, product, asOf, rulePacks, policy]);

  if (!data || !register || !catalog) {
    return (
      <section className="product-risks" aria-labelledby={`${id}-t`}>
        <h2 id={`${id}-t`}>Risks and threats</h2>
        <p role="status">{catalog === null ? 'The threat catalog could not be loaded: one of your threats reuses a shipped id.' : register === null ? 'The risk register of this product could not be built from its data.' : 'Loading the risk register…'}</p>
      </section>
    );
  }
  const properties = productProperties(product, data.properties, catalog);
  const threats = applicableThreats(product, data.properties, catalog);
  const risks = register.risks.filter((r) => r.productId === product.id);
  const registered = new Set(risks.map((r) => r.threat.id));
  const propText = (pid: string) => (pid === 'role:ai-model' ? 'an AI model component' : `${pid} ${catalog.propertyById.get(pid)?.text ?? ''}`.trim());

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
    <section className="product-risks" aria-labelledby={`${id}-t`} data-testid="product-risks">
      <h2 id={`${id}-t`}>Risks and threats</h2>
      <div className="product-risks__grid">
        <section aria-labelledby={`${id}-props`}>
          <h3 id={`${id}-props`}>Device properties</h3>
          <p className="hint">Proposed from the components; confirm those that apply so the threats that hang on them follow.</p>
          {properties.length === 0 ? <p className="hint">No property is proposed: add components with their roles.</p> : (
            <ul className="risk-properties">
              {properties.map((p) => (
                <li key={p.propertyId} data-property-id={p.propertyId} className={`risk-property risk-property--${p.state ?? 'open'}`}>
                  <fieldset>
                    <legend><span className="risk-threat-id">{p.propertyId}</span> {p.text}</legend>
                    {p.reasons.length > 0 && <p className="hint risk-property__why">{p.reasons.join('; ')}.</p>}
                    <div className="risk-segmented">
                      {PROPERTY_STATES.map((s) => (
                        <label key={s.value} className="risk-check">
                          <input
                            type="radio"
                            name={`${id}-${p.propertyId}`}
                            value={s.value}
                            checked={(pending[p.propertyId] ?? p.state ?? '') === s.value}
                            onChange={() => {
                              setPending((prev) => ({ ...prev, [p.propertyId]: s.value }));
                              void go(() => actions.setProductProperty({ productId: product.id, propertyId: p.propertyId, state: s.value === '' ? null : s.value }), `${p.propertyId}: ${s.label.toLowerCase()}.`, 'Not saved')
                                .finally(() => setPending(({ [p.propertyId]: _done, ...rest }) => rest));
                            }}
                          />
                          {s.label}
                        </label>
                      ))}
                    </div>
                  </fieldset>
                </li>
              ))}
            </ul>
          )}
          <p className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</p>
        </section>
        <section aria-labelledby={`${id}-threats`}>
          <h3 id={`${id}-threats`}>Applicable threats ({formatCount(threats.length, 'threat')})</h3>
          {threats.length === 0 ? <p className="hint">No threat follows yet: confirm the device properties that apply.</p> : (
            <ul className="risk-threat-list">
              {threats.map((t) => (
                <li key={t.threat.id} data-threat-id={t.threat.id}>
                  <span><span className="risk-threat-id">{t.threat.id}</span> {t.threat.title}</span>
                  <span className="hint risk-sub"> · brought by {t.broughtBy.map(propText).join(', ')}</span>
                  {registered.has(t.threat.id) ? <span className="hint risk-sub"> · in the register</span> : (
                    <button type="button" className="risk-threat-add" aria-label={`Add ${t.threat.id} ${t.threat.title} to the register`}
                      onClick={() => void go(async () => { const rid = await actions.addRisk({ productId: product.id, componentId: null, threatId: t.threat.id }); return rid; }, `${t.threat.id} added to the register.`, 'Not added')}>
                      Add to register
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby={`${id}-risks`}>
          <h3 id={`${id}-risks`}>Risks of this product ({formatCount(risks.length, 'risk')})</h3>
          {risks.length === 0 ? <p className="hint">No risk yet.</p> : (
            <ul className="risk-compact">
              {risks.map((r) => (
                <li key={r.id} data-risk-id={r.id}>
                  <a href={`#/risks/${encodeURIComponent(r.id)}`} onClick={(e) => { e.preventDefault(); navigate({ area: 'risks', riskId: r.id }); }}>
                    <span className="risk-threat-id">{r.threat.id}</span> {r.threat.title}{r.component ? ` · ${r.component}` : ''}
                  </a>{' '}
                  <LevelBadge level={r.level} /> <span className="hint">{STATUS_LABELS[r.status]}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}
