/**
 * The app's areas and their URL hashes (`#/portfolio`, `#/product/<id>`, ...).
 * Hash routing works the same under app://supportspan and a static web server.
 */
export const AREAS = ['portfolio', 'product', 'findings', 'risks', 'obligations', 'data', 'bundles', 'settings'] as const;
export type Area = (typeof AREAS)[number];

export type Route =
  | { area: 'portfolio' }
  | { area: 'product'; productId: string | null }
  | { area: 'findings' }
  /** `riskId`: the risk open in the detail panel (`#/risks/<id>`). */
  | { area: 'risks'; riskId?: string }
  | { area: 'obligations' }
  | { area: 'data' }
  /** `auditId`: the first 16 hex digits of an audited bundle's manifest hash (`#/bundles/audit/<id>`). */
  | { area: 'bundles'; auditId?: string }
  | { area: 'settings' };

export const DEFAULT_ROUTE: Route = { area: 'portfolio' };

export const AREA_LABELS: Record<Area, string> = {
  portfolio: 'Portfolio',
  product: 'Product',
  findings: 'Findings',
  risks: 'Risks',
  obligations: 'Obligations',
  data: 'Import & export',
  bundles: 'Bundles & audits',
  settings: 'Settings',
};

/** Unknown hashes fall back to the portfolio rather than an empty screen. */
export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(safeDecode);
  switch (parts[0]) {
    case 'product':
      return { area: 'product', productId: parts[1] ?? null };
    case 'findings':
      return { area: 'findings' };
    case 'risks':
      return parts[1] ? { area: 'risks', riskId: parts[1] } : { area: 'risks' };
    case 'obligations':
      return { area: 'obligations' };
    case 'data':
      return { area: 'data' };
    case 'bundles':
      return parts[1] === 'audit' && parts[2] ? { area: 'bundles', auditId: parts[2] } : { area: 'bundles' };
    case 'settings':
      return { area: 'settings' };
    default:
      return DEFAULT_ROUTE;
  }
}

export function formatHash(route: Route): string {
  if (route.area === 'product') {
    return route.productId ? `#/product/${encodeURIComponent(route.productId)}` : '#/product';
  }
  if (route.area === 'risks' && route.riskId) return `#/risks/${encodeURIComponent(route.riskId)}`;
  if (route.area === 'bundles' && route.auditId) return `#/bundles/audit/${encodeURIComponent(route.auditId)}`;
  return `#/${route.area}`;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
