/** Filters of each findings list (the portfolio screen, each product's panel): UI state, kept while moving between screens. */
import { create } from 'zustand';
import { ALL_FINDINGS, type FindingFilter } from './finding-filters';

interface FindingFilterState {
  filters: Record<string, FindingFilter>;
  setFilter(scope: string, patch: Partial<FindingFilter>): void;
  resetFilter(scope: string): void;
}

export const useFindingFilterStore = create<FindingFilterState>()((set, get) => ({
  filters: {},
  setFilter: (scope, patch) => set({ filters: { ...get().filters, [scope]: { ...(get().filters[scope] ?? ALL_FINDINGS), ...patch } } }),
  resetFilter: (scope) => {
    const { [scope]: _dropped, ...rest } = get().filters;
    set({ filters: rest });
  },
}));

export function useFindingFilter(scope: string): [FindingFilter, (patch: Partial<FindingFilter>) => void] {
  const filter = useFindingFilterStore((s) => s.filters[scope]) ?? ALL_FINDINGS;
  const setFilter = useFindingFilterStore((s) => s.setFilter);
  return [filter, (patch) => setFilter(scope, patch)];
}

export function resetFindingFilters(): void {
  useFindingFilterStore.setState({ filters: {} });
}
