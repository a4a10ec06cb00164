import { useEffect, useRef, type ReactNode } from 'react';
import { useUiStore } from '../state/ui-store';
import { AREAS, AREA_LABELS, type Area, type Route } from '../state/routes';
import { ErrorBoundary } from './error-boundary';
import { NoticeArea } from './notice-area';
import { useHashRoute } from './use-hash-route';
import { PortfolioScreen } from '../features/portfolio/portfolio-screen';
import { ProductScreen } from '../features/product/product-screen';
import { UndoToolbar } from '../features/undo/undo-toolbar';
import { FindingsScreen } from '../features/findings/findings-screen';
import { RisksScreen } from '../features/risks/risks-screen';
import { ObligationsScreen } from '../features/obligations/obligations-screen';
import { SettingsScreen } from '../features/settings/settings-screen';
import { DataScreen } from '../features/import/data-screen';
import { BundlesScreen } from '../features/bundles/bundles-screen';
import { BundleFileIntake } from '../features/bundles/desktop-integration';
import { TeamStatusBadge } from '../team/team-status-badge';

function screenFor(route: Route): ReactNode {
  switch (route.area) {
    case 'portfolio':
      return <PortfolioScreen />;
    case 'product':
      return <ProductScreen productId={route.productId} />;
    case 'findings':
      return <FindingsScreen />;
    case 'risks':
      return <RisksScreen riskId={route.riskId ?? null} />;
    case 'obligations':
      return <ObligationsScreen />;
    case 'data':
      return <DataScreen />;
    case 'bundles':
      return <BundlesScreen auditId={route.auditId ?? null} />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function routeForArea(area: Area, selectedProductId: string | null): Route {
  return area === 'product' ? { area, productId: selectedProductId } : { area };
}

export function Shell() {
  useHashRoute();
  const route = useUiStore((s) => s.route);
  const selectedProductId = useUiStore((s) => s.selectedProductId);
  const navigate = useUiStore((s) => s.navigate);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigation, move focus to the new screen so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    // A new screen starts at its top; focus goes to it without the browser scrolling to the focused element.
    document.scrollingElement?.scrollTo?.({ top: 0, left: 0 });
    mainRef.current?.focus({ preventScroll: true });
  }, [route.area]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
        Skip to content
      </a>
      <header className="app-header">
        <span className="app-name">Supportspan</span>
        <nav aria-label="Main">
          <ul>
            {AREAS.map((area) => (
              <li key={area}>
                <a
                  href={`#/${area}`}
                  aria-current={route.area === area ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(routeForArea(area, selectedProductId));
                  }}
                >
                  {AREA_LABELS[area]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <UndoToolbar />
        <TeamStatusBadge />
      </header>
      <NoticeArea />
      <BundleFileIntake />
      <main id="main" ref={mainRef} tabIndex={-1} aria-label={AREA_LABELS[route.area]}>
        <ErrorBoundary key={route.area} scope={`the ${AREA_LABELS[route.area]} screen`}>
          {screenFor(route)}
        </ErrorBoundary>
      </main>
    </div>
  );
}
