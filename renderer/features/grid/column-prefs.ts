/**
 * How each person sized and which columns they hid, per grid: UI state only (no
 * data), remembered in localStorage so the grid looks the same after a restart.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const COLUMN_PREFS_KEY = 'supportspan.grid-columns';
export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 960;

export interface GridColumnPrefs {
  /** Widths the person set, in pixels, by column key. */
  widths: Record<string, number>;
  /** Keys of the columns the person hid. */
  hidden: string[];
}

interface ColumnPrefsState {
  grids: Record<string, GridColumnPrefs>;
  setWidth(grid: string, column: string, width: number): void;
  setHidden(grid: string, column: string, hidden: boolean): void;
  reset(grid: string): void;
}

export const EMPTY_PREFS: GridColumnPrefs = { widths: {}, hidden: [] };

export function clampWidth(width: number): number {
  return Math.round(Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, width)));
}

/** A stored value that is not what this version wrote (edited by hand, older shape) is dropped, not trusted. */
function sanitize(value: unknown): Record<string, GridColumnPrefs> {
  if (!value || typeof value !== 'object') return {};
  const grids: Record<string, GridColumnPrefs> = {};
  for (const [grid, prefs] of Object.entries(value as Record<string, unknown>)) {
    if (!prefs || typeof prefs !== 'object') continue;
    const { widths, hidden } = prefs as { widths?: unknown; hidden?: unknown };
    const cleanWidths: Record<string, number> = {};
    if (widths && typeof widths === 'object') {
      for (const [key, w] of Object.entries(widths as Record<string, unknown>)) if (typeof w === 'number' && Number.isFinite(w)) cleanWidths[key] = clampWidth(w);
    }
    grids[grid] = { widths: cleanWidths, hidden: Array.isArray(hidden) ? hidden.filter((h): h is string => typeof h === 'string') : [] };
  }
  return grids;
}

const noStorage = { getItem: () => null, setItem: () => undefined, removeItem: () => undefined };

export const useColumnPrefs = create<ColumnPrefsState>()(
  persist(
    (set) => ({
      grids: {},
      setWidth: (grid, column, width) =>
        set((s) => {
          const prefs = s.grids[grid] ?? EMPTY_PREFS;
          return { grids: { ...s.grids, [grid]: { ...prefs, widths: { ...prefs.widths, [column]: clampWidth(width) } } } };
        }),
      setHidden: (grid, column, hidden) =>
        set((s) => {
          const prefs = s.grids[grid] ?? EMPTY_PREFS;
          const rest = prefs.hidden.filter((h) => h !== column);
          return { grids: { ...s.grids, [grid]: { ...prefs, hidden: hidden ? [...rest, column] : rest } } };
        }),
      reset: (grid) =>
        set((s) => {
          const grids = { ...s.grids };
          delete grids[grid];
          return { grids };
        }),
    }),
    {
      name: COLUMN_PREFS_KEY,
      version: 1,
      storage: createJSONStorage(() => (typeof localStorage === 'undefined' ? noStorage : localStorage)),
      partialize: (s) => ({ grids: s.grids }),
      merge: (persisted, current) => ({ ...current, grids: sanitize((persisted as { grids?: unknown } | undefined)?.grids) }),
    },
  ),
);
