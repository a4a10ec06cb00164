/** Filters of the register: product, level, status, source, lifecycle only, and text search. */
import { formatNumber, plural } from '../../../shared/format';
import { LEVELS, type RiskLevel, type RiskStatus, type ThreatSource } from '../../../shared/risk';
import { isFiltered, LEVEL_LABELS, SOURCE_FILTERS, SOURCE_FILTER_LABELS, STATUS_LABELS, type RiskFilter } from './risk-filters';

const STATUSES = Object.keys(STATUS_LABELS) as RiskStatus[];

export function RiskFilterBar({ filter, onChange, products, shown, total }: {
  filter: RiskFilter; onChange: (patch: Partial<RiskFilter>) => void; products: readonly { id: string; name: string }[]; shown: number; total: number;
}) {
  return (
    <div className="risk-filters" role="search" aria-label="Filter risks">
      <label>
        Product
        <select value={filter.productId} onChange={(e) => onChange({ productId: e.target.value })}>
          <option value="all">All products</option>
          {[...products].sort((a, b) => a.name.localeCompare(b.name)).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <label>
        Level
        <select value={filter.level} onChange={(e) => onChange({ level: e.target.value as RiskLevel | 'unscored' | 'all' })}>
          <option value="all">All levels</option>
          {[...LEVELS].reverse().map((l) => <option key={l} value={l}>{LEVEL_LABELS[l]}</option>)}
          <option value="unscored">Not scored</option>
        </select>
      </label>
      <label>
        Status
        <select value={filter.status} onChange={(e) => onChange({ status: e.target.value as RiskStatus | 'all' })}>
          <option value="all">All statuses</option>
          {STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
      </label>
      <label>
        Source
        <select value={filter.source} onChange={(e) => onChange({ source: e.target.value as ThreatSource | 'all' })}>
          <option value="all">All sources</option>
          {SOURCE_FILTERS.map((s) => <option key={s} value={s}>{SOURCE_FILTER_LABELS[s]}</option>)}
        </select>
      </label>
      <label className="risk-check">
        <input type="checkbox" checked={filter.lifecycleOnly} onChange={(e) => onChange({ lifecycleOnly: e.target.checked })} />
        Only risks from the lifecycle data
      </label>
      <label>
        Search risks
        <input type="search" value={filter.search} onChange={(e) => onChange({ search: e.target.value })} />
      </label>
      <span className="risk-filters__count" role="status">{formatNumber(shown)} of {formatNumber(total)} {plural(total, 'risk')}</span>
      {isFiltered(filter) && (
        <button type="button" onClick={() => onChange({ productId: 'all', level: 'all', status: 'all', source: 'all', lifecycleOnly: false, search: '', cell: null })}>Clear filters</button>
      )}
    </div>
  );
}
