import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expectNoExternalRequests, SCREENSHOT_DIR, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const ROOT = join(import.meta.dirname, '..', '..');
const WORKBOOK = join(ROOT, 'test/fixtures/interop/spreadsheets/title-group-header.xlsx');

const openSession = useAppSessions();

async function openWorkbook(page: Page) {
  await page.goto(`${baseUrl}#/data`);
  await page.getByRole('heading', { level: 1, name: 'Import & export' }).waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await (await chooser).setFiles(WORKBOOK);
  const panel = page.getByRole('region', { name: 'Import a spreadsheet' });
  await panel.getByRole('table', { name: 'Column mapping' }).waitFor();
  return panel;
}

describe('spreadsheet import in Chromium', () => {
  it('reads the title-row workbook, fixes two cells on the import screen, re-checks and shows the products', async () => {
    const session = await openSession();
    const { page } = session;
    const panel = await openWorkbook(page);
    expect(await panel.getByLabel('Header row').inputValue()).toBe('4');
    expect(await panel.getByLabel('Sheet').inputValue()).toBe('Portfolio');
    await panel.getByText(/German conventions/).first().waitFor();

    const errors = panel.getByRole('table', { name: 'Errors' });
    const rows = (await errors.getByRole('row').allInnerTexts()).slice(1).map((r) => r.split('\t').slice(0, 2));
    expect(rows).toEqual([['6', 'Ersatzteile bis'], ['9', 'Update-Mechanismus']]);
    await panel.getByRole('textbox', { name: 'Fix row 6, Ersatzteile bis' }).fill('28.02.2035');
    await panel.getByRole('textbox', { name: 'Fix row 9, Update-Mechanismus' }).fill('OTA');
    await panel.getByRole('button', { name: 'Re-check with the fixed cells' }).click();
    await errors.waitFor({ state: 'detached' });
    await panel.getByRole('status').first().getByText(/no errors/).waitFor();
    await panel.getByRole('button', { name: 'Import 2 products' }).click();
    await panel.getByText(/Imported\. .*Products: 2 added/).waitFor();

    await page.goto(`${baseUrl}#/portfolio`);
    await page.getByText('Thermostat T3').first().waitFor();
    await page.getByText('Hub H2').first().waitFor();
    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1280, 1440, 1920]) {
      it(`import screen at ${width} px, ${colorScheme}: screenshot, axe clean`, async () => {
        const session = await openSession({ colorScheme, viewport: { width, height: 900 } });
        const panel = await openWorkbook(session.page);
        // The import panel only: the page below it (catalogs, export) is other screens' business.
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await panel.screenshot({ path: join(SCREENSHOT_DIR, `spreadsheet-import-${width}-${colorScheme}.png`) });
        const axe = await new AxeBuilder({ page: session.page }).include('section[aria-labelledby="sheet-import-title"]').analyze();
        const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        expect(serious).toEqual([]);
      });
    }
  }
});
