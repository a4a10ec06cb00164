import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dropDb, testDb } from '../helpers';
import { seedWasher } from './fixture';
import { DbProvider } from '../../../renderer/db/db-context';
import { AnalysisProvider } from '../../../renderer/analysis/analysis-context';
import { ProductFindingsPanel } from '../../../renderer/features/analysis-panels/product-findings-panel';
import { ProductPlannerTab } from '../../../renderer/features/analysis-panels/product-planner-tab';
import { PlatformProvider } from '../../../renderer/platform/platform-context';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { resetWhatIfStore, useWhatIfStore } from '../../../renderer/features/analysis-panels/what-if';
import { resetFindingFilters } from '../../../renderer/features/findings/findings-filter-store';
import { getProduct } from '../../../renderer/db/repositories/products';
import { setSetting } from '../../../renderer/db/repositories/settings';
import type { SupportspanDb } from '../../../renderer/db/database';

let db: SupportspanDb;
afterEach(async () => {
  resetWhatIfStore();
  resetFindingFilters();
  await dropDb(db);
});

async function renderPanels() {
  db = testDb();
  await db.open();
  await seedWasher(db);
  await setSetting(db, 'asOfDate', '2026-01-15');
  const user = userEvent.setup();
  render(
    <PlatformProvider platform={createMemoryPlatform()}>
      <DbProvider db={db}>
        <AnalysisProvider debounceMs={10}>
          <ProductFindingsPanel productId="p-washer" />
          <ProductPlannerTab productId="p-washer" />
        </AnalysisProvider>
      </DbProvider>
    </PlatformProvider>,
  );
  const planner = await screen.findByRole('region', { name: 'Support-period planner' });
  return { user, planner };
}

describe('product side panels', () => {
  it("shows the product's findings grouped, and the plan: recommended end, requirements, blockers with shortfall", async () => {
    const { planner } = await renderPanels();
    const list = await screen.findByRole('region', { name: 'Findings of this product' });
    // One line per finding, most severe first: severity, kind, component.
    const lines = within(list).getAllByRole('button', { expanded: false });
    expect(lines.map((b) => [b.querySelector('.severity-badge')!.textContent, b.querySelector('.finding-line-kind')!.textContent])).toEqual([
      ['High', 'Support ends before use ends'],
      ['High', 'Spare parts shorter than the legal minimum'],
      ['Medium', 'Component support ends first'],
      ['Medium', 'Spare parts end before use ends'],
      ['Low', 'No repair documentation'],
    ]);
    // A line opens in place to the full card, and closes again.
    await userEvent.click(lines[0]!);
    expect(lines[0]!.getAttribute('aria-expanded')).toBe('true');
    const card = lines[0]!.parentElement!.querySelector('article.finding')!;
    expect(card.textContent).toMatch(/Fix/);
    await userEvent.click(lines[0]!);
    expect(lines[0]!.parentElement!.querySelector('article.finding')).toBeNull();
    const p = within(planner);
    expect(p.getByTestId('recommended-end').textContent).toBe('2035-12-31');
    expect(p.getByTestId('meets-plan').textContent).toBe('No');
    // The effective end is the core firmware's, with the declared end beside it.
    expect(p.getByTestId('effective-end').textContent).toBe('2029-06-30, set by core component Main firmware (firmware)');
    expect(p.getByTestId('declared-end').textContent).toBe('2030-12-31');
    expect(p.getByTestId('last-placed-basis').textContent).toBe('2025-12-31: the last placing on the market');
    expect(p.getByText(/Cover the expected use: last placed on market 2025-12-31 \+ 10 years/).textContent).toMatch(/2035-12-31 \(EU 2024\/2847 Art 13\(8\)\)/);
    const blockers = p.getByRole('table', { name: 'Blocking components' });
    expect(within(blockers).getAllByRole('row')[1]!.textContent).toBe('Main firmwarefirmware2029-06-306 y 6 m short');
  });

  it('a what-if shows the plan and findings before and after without writing; Discard drops it', async () => {
    const { user, planner } = await renderPanels();
    const p = within(planner);
    const stored = await getProduct(db, 'p-washer');
    await user.selectOptions(p.getByLabelText('Component'), 'c-fw');
    await user.type(p.getByLabelText('New security-support end'), '2036-06');
    await user.type(p.getByLabelText('Declared support end'), '2036-06-30');
    const table = p.getByRole('table', { name: 'What-if: before and after' });
    const row = (name: string) => within(table).getByRole('rowheader', { name }).parentElement!.textContent;
    expect(row('Declared support end')).toBe('Declared support end2030-12-31→ 2036-06-30');
    expect(row('Effective support end')).toBe('Effective support end2029-06-30, set by core component Main firmware (firmware)→ 2036-06-30, the declared end');
    expect(row('Meets the plan')).toBe('Meets the planNo→ Yes');
    expect(row('Blocking components')).toBe('Blocking components1→ 0');
    expect(row('Findings')).toBe('Findings5 open (2 high, 2 medium, 1 low)→ 3 open (1 high, 1 medium, 1 low)');
    const gone = p.getByRole('heading', { name: 'Findings that would go away' }).nextElementSibling!;
    expect(gone.textContent).toMatch(/High: Security support for Washer W1 effectively ends 2029-06-30, when core component Main firmware \(firmware\) loses support \(declared end 2030-12-31\)/);
    expect(gone.textContent).toMatch(/Medium: Core component Main firmware/);

    // Nothing was written; the draft is UI state.
    expect(await getProduct(db, 'p-washer')).toEqual(stored);
    expect(useWhatIfStore.getState().drafts['p-washer']).toMatchObject({ componentId: 'c-fw', componentEnd: '2036-06', declaredSupportEnd: '2036-06-30' });

    await user.click(p.getByRole('button', { name: 'Discard' }));
    expect(p.queryByRole('table', { name: 'What-if: before and after' })).toBeNull();
    expect(useWhatIfStore.getState().drafts['p-washer']).toBeUndefined();
    expect(await getProduct(db, 'p-washer')).toEqual(stored);
  });

  it('refuses an invalid what-if value with the reason and cannot apply it', async () => {
    const { user, planner } = await renderPanels();
    const p = within(planner);
    await user.type(p.getByLabelText('Expected use (years)'), 'ten');
    expect(p.getByRole('alert').textContent).toMatch(/Expected use: "ten" is not a number of years/);
    expect((p.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    await user.clear(p.getByLabelText('Expected use (years)'));
    await user.type(p.getByLabelText('Declared support end'), '2031-02-30');
    expect(p.getByRole('alert').textContent).toMatch(/Declared support end: /);
  });

  it('Apply writes the changed product as one change and the findings follow', async () => {
    const { user, planner } = await renderPanels();
    const p = within(planner);
    const before = await db.changes.count();
    // 3 years of use end 2028-12-31, before the firmware's 2029-06-30 (the effective end); 4 years would not be met.
    await user.type(p.getByLabelText('Expected use (years)'), '3');
    expect(within(p.getByRole('table', { name: 'What-if: before and after' })).getByRole('rowheader', { name: 'Meets the plan' }).parentElement!.textContent).toBe('Meets the planNo→ Yes');
    await user.click(p.getByRole('button', { name: 'Apply' }));
    await waitFor(async () => expect((await getProduct(db, 'p-washer'))?.expectedUseYears).toBe(3));
    expect(await db.changes.count()).toBe(before + 1);
    const change = (await db.changes.toArray()).at(-1)!;
    expect(change).toMatchObject({ entityType: 'product', entityId: 'p-washer' });
    expect((change.before as { expectedUseYears: number }).expectedUseYears).toBe(10);
    await waitFor(() => expect(p.getByTestId('meets-plan').textContent).toBe('Yes'));
    await waitFor(() => expect(screen.queryByText(/Support ends before use ends/, { selector: 'h3' })).toBeNull());
    expect(useWhatIfStore.getState().drafts['p-washer']).toBeUndefined();
  });
});
