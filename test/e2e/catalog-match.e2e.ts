/**
 * Catalog matching in Chromium: components whose versions are in their names
 * ("Linux kernel 5.10", "OpenSSL 1.1.1w", empty version fields) get proposals
 * with confidence, reason and the catalog's own date; a catalog saved as
 * linux.json is the Linux kernel; a "Vendor kernel driver pack" gets none.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { expectNoExternalRequests, SCREENSHOT_DIR, screenshot, seriousViolations, startEmptyWorkspace, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const ROOT = join(import.meta.dirname, '..', '..');
const SNAPSHOT = join(ROOT, 'test/fixtures/interop/eol/endoflife');
const openSession = useAppSessions();

const tmp = mkdtempSync(join(tmpdir(), 'supportspan-catalog-e2e-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The newest release date in the snapshot file: the date the app must show for it. */
const newestEntry = (file: string): string => (JSON.parse(readFileSync(join(SNAPSHOT, file), 'utf8')) as { releaseDate?: string; latestReleaseDate?: string }[])
  .flatMap((c) => [c.releaseDate, c.latestReleaseDate]).filter((d): d is string => !!d).sort().at(-1)!;
const kernel510 = (JSON.parse(readFileSync(join(SNAPSHOT, 'linux-kernel.json'), 'utf8')) as { cycle: string; eol: string }[]).find((c) => c.cycle === '5.10')!.eol;

async function importAndLoad(page: Page): Promise<void> {
  await page.goto(baseUrl);
  await startEmptyWorkspace(page);
  await page.goto(`${baseUrl}#/data`);
  await page.getByRole('heading', { level: 1, name: 'Import & export' }).waitFor();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a spreadsheet…' }).click();
  await (await chooser).setFiles(join(ROOT, 'test/fixtures/interop/e2e/versions-in-names.csv'));
  const panel = page.getByRole('region', { name: 'Import a spreadsheet' });
  await panel.getByRole('button', { name: 'Import 1 product' }).click();
  await panel.getByText(/Imported\./).waitFor();

  // A catalog saved from endoflife.date under the product's older id.
  const linux = join(tmp, 'linux.json');
  copyFileSync(join(SNAPSHOT, 'linux-kernel.json'), linux);
  const catalog = page.getByRole('region', { name: 'End-of-life catalogs' });
  const fileChooser = page.waitForEvent('filechooser');
  await catalog.getByRole('button', { name: 'Load a catalog file…' }).click();
  await (await fileChooser).setFiles(linux);
  await catalog.getByText(/Loaded endoflife\.date: linux-kernel/).waitFor();
}

describe('catalog matching of real component names in Chromium', () => {
  it('proposes and accepts dates for "Linux kernel 5.10" and "OpenSSL 1.1.1w", with confidence, reason and provenance', async () => {
    const session = await openSession();
    const { page } = session;
    await importAndLoad(page);
    const catalog = page.getByRole('region', { name: 'End-of-life catalogs' });
    const matches = catalog.getByRole('table', { name: 'Catalog matches' });
    const kernelRows = matches.getByRole('row').filter({ hasText: 'Linux kernel 5.10' });
    // Built-in catalog and the loaded file both know 5.10.
    expect(await kernelRows.count()).toBe(2);
    const fromFile = kernelRows.filter({ hasText: 'endoflife-linux-kernel' });
    await expect.poll(() => fromFile.innerText()).toContain(`catalog endoflife-linux-kernel, with entries up to ${newestEntry('linux-kernel.json')}`);
    const text = await fromFile.innerText();
    expect(text).toContain('High (name and version)');
    expect(text).toContain('the name starts with "linux kernel" as whole words; version 5.10 from the name -> cycle 5.10');
    expect(text).toContain('Extended support: unknown');
    expect(text).toContain(kernel510);

    const openssl = matches.getByRole('row').filter({ hasText: 'OpenSSL 1.1.1w' });
    expect(await openssl.count()).toBe(1);
    expect(await openssl.innerText()).toContain('letter suffix w dropped');
    // Whole words: a driver pack with "kernel" in its name is not Linux.
    expect(await matches.getByRole('row').filter({ hasText: 'Vendor kernel driver pack' }).innerText()).toContain('No match in the loaded catalogs.');

    await catalog.getByRole('button', { name: `Confirm and accept ${kernel510} for Linux kernel 5.10 (Gateway G7)` }).click();
    await catalog.getByText(`Linux kernel 5.10: security support ends ${kernel510} (from endoflife-linux-kernel).`).waitFor();
    await catalog.getByRole('button', { name: /^Confirm and accept .* for OpenSSL 1\.1\.1w \(Gateway G7\)$/ }).click();
    await catalog.getByText(/OpenSSL 1\.1\.1w: security support ends /).waitFor();
    expect(await matches.getByText('Accepted', { exact: true }).count()).toBe(2);

    expect(await seriousViolations(page)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`screenshots of the catalog screen at 1280, 1440 and 1920 px (${colorScheme})`, async () => {
      const session = await openSession({ colorScheme, viewport: { width: 1280, height: 900 } });
      const { page } = session;
      await importAndLoad(page);
      const catalog = page.getByRole('region', { name: 'End-of-life catalogs' });
      await catalog.getByRole('table', { name: 'Catalog matches' }).getByText('High (name and version)').first().waitFor();
      for (const width of [1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await catalog.scrollIntoViewIfNeeded();
        await screenshot(page, `catalog-match-${width}`, colorScheme);
        // The catalog section alone, at full resolution, for review.
        await catalog.screenshot({ path: join(SCREENSHOT_DIR, `catalog-match-section-${width}-${colorScheme}.png`) });
      }
      expect(await seriousViolations(page)).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    });
  }
});
