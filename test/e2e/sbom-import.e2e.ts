import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { AxeBuilder } from '@axe-core/playwright';
import { SCREENSHOT_DIR, expectNoExternalRequests, useAppSessions } from './support/browser';

const baseUrl = inject('baseUrl');
const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURE = join(ROOT, 'test/fixtures/interop/sbom/cdxgen-ddc-sbom.json');

const openSession = useAppSessions();

/** A newer cdxgen run of the same product: spring-boot 3.0.1 -> 3.0.2, gson's first entry dropped, zstd-jni added. */
function newerSbom(): Buffer {
  const doc = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { components: Record<string, unknown>[]; dependencies: { ref: string; dependsOn?: string[] }[] };
  const boot = doc.components.find((c) => c.name === 'spring-boot')!;
  const oldRef = String(boot['bom-ref']);
  const newRef = oldRef.replace('3.0.1', '3.0.2');
  Object.assign(boot, { version: '3.0.2', purl: newRef, 'bom-ref': newRef });
  const gone = doc.components.findIndex((c) => c.name === 'gson');
  const goneRef = String(doc.components[gone]!['bom-ref']);
  doc.components.splice(gone, 1);
  doc.components.push({ type: 'library', group: 'com.github.luben', name: 'zstd-jni', version: '1.5.5-1', purl: 'pkg:maven/com.github.luben/zstd-jni@1.5.5-1?type=jar', 'bom-ref': 'pkg:maven/com.github.luben/zstd-jni@1.5.5-1?type=jar' });
  doc.dependencies = doc.dependencies.filter((d) => d.ref !== goneRef)
    .map((d) => ({ ref: d.ref === oldRef ? newRef : d.ref, dependsOn: d.dependsOn?.filter((r) => r !== goneRef).map((r) => (r === oldRef ? newRef : r)) }));
  return Buffer.from(JSON.stringify(doc));
}

async function choose(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const region = page.getByRole('region', { name: 'Import a CycloneDX SBOM or HBOM' });
  const chooser = page.waitForEvent('filechooser');
  await region.getByRole('button', { name: 'Choose a CycloneDX file…' }).click();
  await (await chooser).setFiles(file);
  return region;
}

describe('SBOM import in Chromium', () => {
  it('imports an SBOM as a product, then merges a newer one: changed, added and removed, never duplicated', async () => {
    const session = await openSession();
    const { page, context } = session;
    // Under the desktop app's CSP: the schema validator must run without eval.
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

    let region = await choose(page, FIXTURE);
    const table = region.getByRole('table', { name: 'Components to add' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(57);
    await region.getByText(/product "dependency-diff-check" from metadata\.component; 56 components read/).waitFor();
    await region.getByRole('button', { name: 'Add product with 56 components' }).click();
    await region.getByText('Added product dependency-diff-check with 56 components from cdxgen-ddc-sbom.json.').waitFor();

    region = await choose(page, { name: 'ddc-newer.json', mimeType: 'application/json', buffer: newerSbom() });
    await region.getByText(/metadata\.component matches dependency-diff-check \(by name\)/).waitFor();
    await expect.poll(() => region.getByRole('status').first().innerText()).toMatch(/Merge: 2 changed, 1 added, 1 removed, 53 unchanged\./);
    // spring-boot's version, and the graph of the component that depended on the dropped gson.
    const changed = await region.getByRole('table', { name: 'Changed components' }).innerText();
    expect(changed).toMatch(/spring-boot\s.*3\.0\.1 → 3\.0\.2/);
    expect(changed).toMatch(/\tdependsOn\t/);
    expect(await region.getByRole('table', { name: 'Added components' }).innerText()).toMatch(/zstd-jni/);
    expect(await region.getByRole('table', { name: 'Removed components' }).innerText()).toMatch(/gson/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await region.screenshot({ path: join(SCREENSHOT_DIR, 'sbom-merge-preview-1280-light.png') });
    await region.getByRole('button', { name: 'Merge into dependency-diff-check' }).click();
    await region.getByText('Merged ddc-newer.json into dependency-diff-check: 2 changed, 1 added, 1 removed.').waitFor();

    // The same file again: everything matches, nothing would be added.
    region = await choose(page, { name: 'ddc-newer.json', mimeType: 'application/json', buffer: newerSbom() });
    await expect.poll(() => region.getByRole('status').first().innerText()).toMatch(/Merge: 0 changed, 0 added, 0 removed, 56 unchanged\./);
    await region.getByRole('button', { name: 'Cancel' }).click();

    // The product in the portfolio: 56 components, spring-boot once, at 3.0.2.
    await page.goto(`${baseUrl}#/portfolio`);
    await page.getByText('dependency-diff-check').first().waitFor();

    await context.unrouteAll({ behavior: 'ignoreErrors' });
    expect(cspViolations).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expectNoExternalRequests(session);
  });

  it('the SBOM import screen at 1280, 1440 and 1920 px, light and dark, axe clean', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1280, 1440, 1920]) {
        const session = await openSession({ colorScheme, viewport: { width, height: 900 } });
        const { page } = session;
        await page.goto(`${baseUrl}#/data`);
        await page.getByRole('heading', { level: 1, name: 'Import & export' }).waitFor();
        const region = await choose(page, join(ROOT, 'test/fixtures/interop/sbom/spec-valid-component-types-1.6.json'));
        await region.getByRole('table', { name: 'Components to add' }).waitFor();
        await region.screenshot({ path: join(SCREENSHOT_DIR, `sbom-import-${width}-${colorScheme}.png`) });
        // This screen's region: other panels of the page have their own checks.
        const axe = await new AxeBuilder({ page }).include('section.cdx-import').analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
        expect(session.pageErrors).toEqual([]);
        await session.close();
      }
    }
  });
});
