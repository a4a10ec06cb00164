/**
 * What-if drafts: a change the user tries on a product before saving it. The
 * draft holds the typed text (UI state, in zustand); the changed product is
 * derived from the live product each time, so edits made meanwhile are kept.
 */
import { create } from 'zustand';
import { parseLifecycleDate, type Product } from '../../../shared/domain';

export interface WhatIfDraft {
  /** The component whose support end is tried; '' = none. */
  componentId: string;
  /** Its new security-support end as typed. */
  componentEnd: string;
  /** Expected use in years as typed; '' = unchanged. */
  expectedUseYears: string;
  /** Declared support end as typed; '' = unchanged. */
  declaredSupportEnd: string;
}

export const EMPTY_DRAFT: WhatIfDraft = { componentId: '', componentEnd: '', expectedUseYears: '', declaredSupportEnd: '' };

interface WhatIfState {
  drafts: Record<string, WhatIfDraft>;
  setDraft(productId: string, patch: Partial<WhatIfDraft>): void;
  discard(productId: string): void;
}

export const useWhatIfStore = create<WhatIfState>()((set, get) => ({
  drafts: {},
  setDraft: (productId, patch) => set({ drafts: { ...get().drafts, [productId]: { ...(get().drafts[productId] ?? EMPTY_DRAFT), ...patch } } }),
  discard: (productId) => {
    const { [productId]: _dropped, ...rest } = get().drafts;
    set({ drafts: rest });
  },
}));

export function resetWhatIfStore(): void {
  useWhatIfStore.setState({ drafts: {} });
}

export interface WhatIfOutcome {
  /** The product with the draft applied (the original when nothing valid changed). */
  product: Product;
  /** "field: problem" for every typed value that is not valid; such values are not applied. */
  issues: string[];
  changed: boolean;
}

export function applyWhatIf(product: Product, draft: WhatIfDraft): WhatIfOutcome {
  const issues: string[] = [];
  let next: Product = product;
  let changed = false;

  if (draft.componentId && draft.componentEnd.trim()) {
    const r = parseLifecycleDate(draft.componentEnd.trim());
    const index = product.components.findIndex((c) => c.id === draft.componentId);
    if (index < 0) issues.push('Component: it is no longer in the product');
    else if (!r.ok) issues.push(`New support end: ${r.reason}`);
    else if (product.components[index]!.securitySupportEnd !== draft.componentEnd.trim()) {
      const components = product.components.slice();
      components[index] = { ...components[index]!, securitySupportEnd: draft.componentEnd.trim() };
      next = { ...next, components };
      changed = true;
    }
  }
  if (draft.expectedUseYears.trim()) {
    const text = draft.expectedUseYears.trim();
    const years = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(years) || years <= 0 || years > 100) issues.push(`Expected use: "${text}" is not a number of years between 0 and 100`);
    else if (years !== product.expectedUseYears) {
      next = { ...next, expectedUseYears: years };
      changed = true;
    }
  }
  if (draft.declaredSupportEnd.trim()) {
    const text = draft.declaredSupportEnd.trim();
    const r = parseLifecycleDate(text);
    if (!r.ok) issues.push(`Declared support end: ${r.reason}`);
    else if (text !== product.declaredSupportEnd) {
      next = { ...next, declaredSupportEnd: text };
      changed = true;
    }
  }
  return { product: next, issues, changed };
}
