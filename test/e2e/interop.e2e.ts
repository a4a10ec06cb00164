import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parseICalendar } from '../../shared/interop';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { expectNoExternalRequests, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const ROOT = join(import.meta.dirname, '..', '..');

const openSession = useAppSessions();

describe('import, catalog matching and calendar export in Chromium', () => {
  it('imports an .xlsx with errors after fixing the mapping, accepts two catalog matches and exports an .ics', async () => {
    const session = await openSession();
    const { page, context } = session;
    // Serve the app under the desktop app's CSP, so the lazily loaded ExcelJS is proven to run without eval.
    await context.route((url) => url.href.startsWith(baseUrl), async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CONTENT_SECURITY_POLICY } });
    });
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|unsafe-eval/i.test(m.text())) cspViolations.push(m.text());
    });

    await page.goto(`${baseUrl}#/data`);
    await page.getByRole('heading', { level: 1, name: 'Import & export' }).waitFor();

    // Import: the file input behind "Choose a spreadsheet…".
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
    await (await chooser).setFiles(join(ROOT, 'test/fixtures/interop/e2e/gateways-with-errors.xlsx'));
    const panel = page.getByRole('region', { name: 'Import a spreadsheet' });
    await panel.getByRole('table', { name: 'Column mapping' }).waitFor();
    // "Kind" is read as the class (a synonym); the mapping screen says why.
    expect(await panel.getByRole('combobox', { name: 'Template column for “Kind”' }).inputValue()).toBe('class');
    const errors = panel.getByRole('table', { name: 'Errors' });
    await errors.waitFor();
    const errorRows = await errors.getByRole('row').allInnerTexts();
    expect(errorRows.slice(1).map((r) => r.split('\t').slice(0, 2))).toEqual([['5', 'Security support end']]);
    await panel.getByRole('button', { name: 'Import only the valid rows…' }).click();
    await panel.getByText('1 of 4 rows will be skipped').waitFor();
    await panel.getByRole('button', { name: 'Skip 1 row and import the rest' }).click();
    await panel.getByText(/Imported\. .*Products: 1 added/).waitFor();

    // Catalog matching: the kernel by name (flagged), OpenSSL by name; accept both.
    const catalog = page.getByRole('region', { name: 'End-of-life catalogs' });
    const matches = catalog.getByRole('table', { name: 'Catalog matches' });
    await matches.getByText(/Matched by name and version/).first().waitFor();
    await catalog.getByRole('button', { name: /^Confirm and accept .* for Linux kernel 6\.6\.30 \(Gateway G1\)$/ }).click();
    await catalog.getByText(/Linux kernel 6\.6\.30: security support ends/).waitFor();
    await catalog.getByRole('button', { name: /^Confirm and accept .* for OpenSSL 3\.0\.13 \(Gateway G1\)$/ }).click();
    await catalog.getByText(/OpenSSL 3\.0\.13: security support ends/).waitFor();
    expect(await matches.getByText('Accepted', { exact: true }).count()).toBe(2);

    // Calendar export as a download, parsed back.
    const exportRegion = page.getByRole('region', { name: 'Export' });
    await exportRegion.getByLabel('From', { exact: true }).fill('2025-01-01');
    await exportRegion.getByLabel('To', { exact: true }).fill('2040-12-31');
    const download = page.waitForEvent('download');
    await exportRegion.getByRole('button', { name: 'Export calendar (.ics)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('portfolio-milestones.ics');
    const path = await file.path();
    const events = parseICalendar(readFileSync(path, 'utf8'));
    const summaries = events.map((e) => e.summary);
    expect(summaries).toContain('Security support ends: Linux kernel (Gateway G1)');
    expect(summaries).toContain('Security support ends: OpenSSL (Gateway G1)');
    expect(summaries.some((s) => s.includes('Gateway G2'))).toBe(false);
    const kernel = events.find((e) => e.summary === 'Security support ends: Linux kernel (Gateway G1)')!;
    expect(kernel.description).toMatch(/Source: catalog:embedded-platforms:linux-kernel:6\.6:/);

    expect(cspViolations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });
});
