/**
 * UI state only: where the user is, what is selected, filters, open panels and
 * notices. Database rows never live here (they are read with live queries), so a
 * row is never in two places; the store keeps ids and lets components look rows up.
 */
import { create } from 'zustand';
import { formatHash, parseHash, DEFAULT_ROUTE, type Route } from './routes';

export type NoticeKind = 'error' | 'warning' | 'info' | 'success';

export interface Notice {
  id: string;
  kind: NoticeKind;
  message: string;
  /** Technical detail (error name, cause) for a "copy details" or a support request. */
  detail?: string;
  /** Sticky notices stay until dismissed (errors); others may be auto-dismissed by the view. */
  sticky: boolean;
}

export interface Filters {
  search: string;
  markets: string[];
  environments: string[];
  findingKinds: string[];
  severities: string[];
}

export type PanelId = 'findings';

/** The product page's tabs, in their order on screen. */
export const PRODUCT_TABS = ['components', 'details', 'planner', 'charts', 'risks', 'evidence', 'activities'] as const;
export type ProductTab = (typeof PRODUCT_TABS)[number];

/** Where the product page's findings panel sits: beside the tabs or below them. */
export type FindingsDock = 'side' | 'bottom';

const DOCK_KEY = 'supportspan.findings-dock';

/** The user's dock choice, remembered on this machine (a preference, not data). */
function storedDock(): FindingsDock {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(DOCK_KEY) === 'bottom' ? 'bottom' : 'side';
  } catch {
    return 'side';
  }
}

/**
 * A request to put the cursor on a field (a finding's cause): the product page
 * moves focus to `field` of the component (or of the product when componentId is
 * null) and clears it. `nonce` changes on every request, so asking twice works.
 */
export interface FocusRequest {
  productId: string;
  componentId: string | null;
  /** `product.declaredSupportEnd`, `component.securitySupportEnd`, ... (Finding.field). */
  field: string;
  nonce: number;
}

export interface UiState {
  route: Route;
  selectedLineId: string | null;
  selectedProductId: string | null;
  selectedComponentId: string | null;
  filters: Filters;
  panels: Record<PanelId, boolean>;
  notices: Notice[];
  /** Set when another window upgraded the database: this one must reload before writing again. */
  reloadRequired: string | null;
  focusRequest: FocusRequest | null;
  productTab: ProductTab;
  findingsDock: FindingsDock;
}

export interface UiActions {
  navigate(route: Route): void;
  /** Follows the location hash (back/forward, typed URL) without writing it back. */
  syncFromHash(hash: string): void;
  selectLine(id: string | null): void;
  selectProduct(id: string | null): void;
  selectComponent(id: string | null): void;
  setFilters(patch: Partial<Filters>): void;
  resetFilters(): void;
  togglePanel(panel: PanelId, open?: boolean): void;
  pushNotice(notice: Omit<Notice, 'id' | 'sticky'> & { sticky?: boolean }): string;
  dismissNotice(id: string): void;
  requireReload(reason: string): void;
  /** Opens the product, selects the component and asks the product page to focus the field. */
  focusTarget(productId: string, componentId: string | null, field: string): void;
  clearFocusRequest(): void;
  setProductTab(tab: ProductTab): void;
  setFindingsDock(dock: FindingsDock): void;
}

export const EMPTY_FILTERS: Filters = { search: '', markets: [], environments: [], findingKinds: [], severities: [] };

function initialState(): UiState {
  return {
    route: DEFAULT_ROUTE,
    selectedLineId: null,
    selectedProductId: null,
    selectedComponentId: null,
    filters: EMPTY_FILTERS,
    panels: { findings: true },
    notices: [],
    reloadRequired: null,
    focusRequest: null,
    productTab: 'components',
    findingsDock: storedDock(),
  };
}

/** Identical notices (e.g. the same quota error on every keystroke) are shown once. */
const MAX_NOTICES = 5;
let noticeCounter = 0;

export const useUiStore = create<UiState & UiActions>()((set, get) => ({
  ...initialState(),
  navigate(route) {
    set({ route, ...(route.area === 'product' ? { selectedProductId: route.productId } : {}) });
    const hash = formatHash(route);
    if (typeof window !== 'undefined' && window.location.hash !== hash) window.location.hash = hash;
  },
  syncFromHash(hash) {
    const route = parseHash(hash);
    set({ route, ...(route.area === 'product' ? { selectedProductId: route.productId } : {}) });
  },
  selectLine: (id) => set({ selectedLineId: id }),
  selectProduct: (id) => set({ selectedProductId: id, selectedComponentId: null }),
  selectComponent: (id) => set({ selectedComponentId: id }),
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  togglePanel: (panel, open) => set({ panels: { ...get().panels, [panel]: open ?? !get().panels[panel] } }),
  pushNotice(notice) {
    const existing = get().notices.find((n) => n.kind === notice.kind && n.message === notice.message);
    if (existing) return existing.id;
    noticeCounter += 1;
    const id = `notice-${noticeCounter}`;
    const full: Notice = { sticky: notice.kind === 'error', ...notice, id };
    set({ notices: [...get().notices, full].slice(-MAX_NOTICES) });
    return id;
  },
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  requireReload: (reason) => set({ reloadRequired: reason }),
  focusTarget(productId, componentId, field) {
    get().navigate({ area: 'product', productId });
    // A component's field is in the grid (Components tab); the product's own fields are on Product details.
    set({ productTab: componentId === null ? 'details' : 'components', selectedProductId: productId, selectedComponentId: componentId, focusRequest: { productId, componentId, field, nonce: (get().focusRequest?.nonce ?? 0) + 1 } });
  },
  clearFocusRequest: () => set({ focusRequest: null }),
  setProductTab: (tab) => set({ productTab: tab }),
  setFindingsDock(dock) {
    try {
      localStorage.setItem(DOCK_KEY, dock);
    } catch {
      // A preference that cannot be remembered still applies to this window.
    }
    set({ findingsDock: dock });
  },
}));

/** Back to a fresh state; tests call it between cases since the store is a module singleton. */
export function resetUiStore(): void {
  useUiStore.setState(initialState());
}
