/** Filters of the risk register (UI state) and the words the screens use for levels, statuses and sources. */
import { create } from 'zustand';
import type { RiskLevel, RiskRow, RiskStatus, ThreatSource } from '../../../shared/risk';
import { SOURCE_LABELS } from '../../../shared/risk';

export const LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
export const STATUS_LABELS: Readonly<Record<RiskStatus, string>> = {
  open: 'Open', accepted: 'Accepted', reopened: 'Reopened (acceptance expired)', mitigating: 'Mitigating', transferred: 'Transferred', avoided: 'Avoided',
};
export const RISK_SOURCE_LABELS: Readonly<Record<ThreatSource | 'unknown', string>> = { ...SOURCE_LABELS, unknown: 'Not in the catalog' };
/** The source filter: EMB3D, AI, lifecycle, user (the catalog's sources, in the user's words). */
export const SOURCE_FILTERS = ['emb3d', 'owasp-ml', 'lifecycle', 'user'] as const;
export const SOURCE_FILTER_LABELS: Readonly<Record<(typeof SOURCE_FILTERS)[number], string>> = {
  emb3d: 'MITRE EMB3D', 'owasp-ml': 'AI (OWASP ML Top 10)', lifecycle: 'Lifecycle (Supportspan)', user: 'Your threats',
};

export interface RiskFilter {
  productId: string | 'all';
  level: RiskLevel | 'unscored' | 'all';
  status: RiskStatus | 'all';
  source: ThreatSource | 'all';
  /** Only the risks the engine derives from the lifecycle data. */
  lifecycleOnly: boolean;
  search: string;
  /** A matrix cell clicked in the chart: likelihood and (weighted) impact. */
  cell: { likelihood: number; impact: number } | null;
}

export const ALL_RISKS: RiskFilter = { productId: 'all', level: 'all', status: 'all', source: 'all', lifecycleOnly: false, search: '', cell: null };

export function isFiltered(f: RiskFilter): boolean {
  return f.productId !== 'all' || f.level !== 'all' || f.status !== 'all' || f.source !== 'all' || f.lifecycleOnly || f.search.trim() !== '' || f.cell !== null;
}

/** The rows a filter lets through; the matrix cell is left out when `ignoreCell` (the matrix counts what the other filters leave). */
export function filterRisks(rows: readonly RiskRow[], f: RiskFilter, ignoreCell = false): RiskRow[] {
  const words = f.search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (f.productId !== 'all' && r.productId !== f.productId) return false;
    if (f.level === 'unscored' ? r.level !== null : f.level !== 'all' && r.level !== f.level) return false;
    if (f.status !== 'all' && r.status !== f.status) return false;
    if (f.source !== 'all' && r.threat.source !== f.source) return false;
    if (f.lifecycleOnly && !r.lifecycle) return false;
    if (!ignoreCell && f.cell && (r.likelihood !== f.cell.likelihood || r.impact !== f.cell.impact)) return false;
    if (words.length) {
      const text = `${r.threat.id} ${r.threat.title} ${r.product} ${r.productLine} ${r.component ?? ''} ${r.owner} ${r.rationale} ${r.basis}`.toLocaleLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

interface RiskFilterState {
  filter: RiskFilter;
  setFilter(patch: Partial<RiskFilter>): void;
  resetFilter(): void;
}

/** Kept while moving between screens, like the findings filters. */
export const useRiskFilterStore = create<RiskFilterState>()((set, get) => ({
  filter: ALL_RISKS,
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  resetFilter: () => set({ filter: ALL_RISKS }),
}));

export function resetRiskFilters(): void {
  useRiskFilterStore.setState({ filter: ALL_RISKS });
}
