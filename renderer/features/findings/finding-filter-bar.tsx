import { useId } from 'react';
import { formatCount, formatNumber } from '../../../shared/format/format';
import { FINDING_KINDS, KIND_INFO, SEVERITIES, type FindingKind, type FindingStatus, type ProductAnalysis, type Severity } from '../../../shared/engine';
import { FINDING_STATUSES, SEVERITY_LABELS, STATUS_LABELS, type FindingFilter } from './finding-filters';

export interface FindingFilterBarProps {
  filter: FindingFilter;
  onChange(patch: Partial<FindingFilter>): void;
  /** Shown as "n of total". */
  shown: number;
  total: number;
  /** Products' rules that did not apply (with the excluding provision), shown beside the filters. */
  notApplied?: readonly ProductAnalysis[];
  /** Name the product in each entry (the portfolio view). */
  showProduct?: boolean;
}

/**
 * Rules that did not run for a product: where a person filtering for a kind
 * would otherwise read "no finding" as "checked and fine".
 */
export function NotAppliedRules({ products, kind, showProduct }: { products: readonly ProductAnalysis[]; kind: FindingKind | 'all'; showProduct: boolean }) {
  const rows = products.flatMap((p) => p.notApplied.filter((n) => kind === 'all' || n.kinds.includes(kind)).map((n) => ({ p, n })));
  if (rows.length === 0) return null;
  return (
    <details className="not-applied" data-testid="not-applied-rules">
      <summary>
        {rows.length === 1 ? '1 rule did not apply' : `${rows.length} rules did not apply`}
        {kind !== 'all' ? ` for “${KIND_INFO[kind].title}”` : ''}
      </summary>
      <ul>
        {rows.slice(0, 200).map(({ p, n }) => (
          <li key={`${p.productId}:${n.pack}:${n.reason}`}>
            {showProduct && <strong>{p.product}: </strong>}
            {n.rule}, {n.reason}
            {n.provision !== null ? <span className="hint"> ({n.provision})</span> : <span className="hint"> (missing data)</span>}
          </li>
        ))}
        {rows.length > 200 && <li>… and {rows.length - 200} more</li>}
      </ul>
    </details>
  );
}

export function FindingFilterBar({ filter, onChange, shown, total, notApplied, showProduct = true }: FindingFilterBarProps) {
  const id = useId();
  const active = filter.severity !== 'all' || filter.kind !== 'all' || filter.status !== 'all' || filter.search !== '';
  return (
    <div className="finding-filters" role="search" aria-label="Filter findings">
      <div className="field">
        <label htmlFor={`${id}-search`}>Search findings</label>
        <input id={`${id}-search`} type="search" value={filter.search} onChange={(e) => onChange({ search: e.target.value })} placeholder="product, component, provision…" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-severity`}>Severity</label>
        <select id={`${id}-severity`} value={filter.severity} onChange={(e) => onChange({ severity: e.target.value as Severity | 'all' })}>
          <option value="all">All severities</option>
          {SEVERITIES.map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s]}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={filter.kind} onChange={(e) => onChange({ kind: e.target.value as FindingKind | 'all' })}>
          <option value="all">All kinds</option>
          {FINDING_KINDS.map((k) => <option key={k} value={k}>{KIND_INFO[k].title}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={filter.status} onChange={(e) => onChange({ status: e.target.value as FindingStatus | 'all' })}>
          <option value="all">All statuses</option>
          {FINDING_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
      </div>
      <p className="finding-count" role="status">
        {shown === total ? formatCount(total, 'finding') : `${formatNumber(shown)} of ${formatCount(total, 'finding')}`}
      </p>
      {active && (
        <button type="button" onClick={() => onChange({ severity: 'all', kind: 'all', status: 'all', search: '' })}>Clear filters</button>
      )}
      {notApplied && <NotAppliedRules products={notApplied} kind={filter.kind} showProduct={showProduct} />}
    </div>
  );
}
