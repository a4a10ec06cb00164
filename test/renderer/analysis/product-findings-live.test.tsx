import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { dropDb, testDb } from '../helpers';
import { seedWasher, washer } from './fixture';
import { DbProvider } from '../../../renderer/db/db-context';
import { AnalysisProvider } from '../../../renderer/analysis/analysis-context';
import { ProductFindingsPanel } from '../../../renderer/features/analysis-panels/product-findings-panel';
import { PlatformProvider } from '../../../renderer/platform/platform-context';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { resetFindingFilters } from '../../../renderer/features/findings/findings-filter-store';
import { putProduct } from '../../../renderer/db/repositories/products';
import { setSetting } from '../../../renderer/db/repositories/settings';
import type { SupportspanDb } from '../../../renderer/db/database';

let db: SupportspanDb;
afterEach(async () => {
  resetFindingFilters();
  await dropDb(db);
});

describe("the product page's findings follow an edit at once", () => {
  it('analyses the edited product from its live record, without waiting for the portfolio analysis', async () => {
    db = testDb();
    await db.open();
    await seedWasher(db);
    await setSetting(db, 'asOfDate', '2026-01-15');
    render(
      <PlatformProvider platform={createMemoryPlatform()}>
        <DbProvider db={db}>
          {/* The portfolio analysis waits a minute: anything shown comes from the product's own analysis. */}
          <AnalysisProvider debounceMs={60_000}>
            <ProductFindingsPanel productId="p-washer" />
          </AnalysisProvider>
        </DbProvider>
      </PlatformProvider>,
    );
    const title = await screen.findByRole('heading', { name: /^Findings/ });
    await waitFor(() => expect(title.textContent).toBe('Findings (5, 2 high open)'));
    expect(document.querySelector('[data-finding-key^="support-ends-before-use:"]')).not.toBeNull();
    // Support extended past the use end and the firmware with it: that finding goes.
    const w = washer();
    await putProduct(db, { ...w, declaredSupportEnd: '2036-12-31', components: (w.components ?? []).map((c) => (c.id === 'c-fw' ? { ...c, securitySupportEnd: '2037-06-30' } : c)) });
    await waitFor(() => expect(document.querySelector('[data-finding-key^="support-ends-before-use:"]')).toBeNull());
    expect(title.textContent).not.toBe('Findings (5, 2 high open)');
  });
});
