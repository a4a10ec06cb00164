/**
 * The risk register in Chromium with the real IndexedDB, on the first-run
 * sample portfolio: confirm device properties of a product, see the threats
 * that follow, score one, add a control shared by two risks, accept another
 * with an expiry, reload and find all of it kept, export the threat model
 * and a bundle whose report.html lists the risks. Screenshots of the Risks
 * screen and the product's risk section at three widths in both themes.
 */
import { describe, expect, it, inject } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { readBundle } from '../../shared/bundle';
import { validateOtm } from '../../shared/risk';
import { join } from 'node:path';
import { download, expectNoExternalRequests, openProductTab, screenshot, SCREENSHOT_DIR, seriousViolations, useAppSessions, giveExportName } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
const row = (page: Page, idPrefix: string): Locator => page.locator(`tr[data-risk-id^="${idPrefix}"]`).first();
const detail = (page: Page) => page.getByTestId('risk-detail');
const section = (page: Page) => page.getByTestId('product-risks');

async function openRisk(page: Page, idPrefix: string) {
  await row(page, idPrefix).locator('button.risk-open').click();
  await detail(page).waitFor();
  await expect.poll(async () => decodeURIComponent(new URL(page.url()).hash)).toMatch(new RegExp(`^#/risks/${idPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

/** The input, select or textarea of the label that starts with `label` (wrapped labels: a control's value is part of its name). */
const field = (scope: Locator, label: string): Locator =>
  scope.locator('label').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first().locator('input, select, textarea').first();

async function propertyChoice(page: Page, propertyId: string, choice: 'Applies' | 'Does not apply') {
  const radio = section(page).locator(`[data-property-id="${propertyId}"]`).getByRole('radio', { name: choice });
  // The list of threats grows as properties are confirmed and shifts the layout: a click may land as the page moves, so try again.
  for (let i = 0; i < 3 && !(await radio.isChecked()); i += 1) await radio.click().catch(() => undefined);
  await expect.poll(() => radio.isChecked()).toBe(true);
}

describe('risk register in Chromium', () => {
  it('properties → threats → a scored risk, a shared control, an acceptance with expiry; kept after reload; in the bundle report', async () => {
    const session = await openSession({ viewport: { width: 1440, height: 900 } });
    const { page } = session;
    await page.goto(baseUrl);
    await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('main li, main [role="row"], main [role="treeitem"]').length > 3);

    // The register holds the lifecycle risks of the sample; open Nestwarm T3's product page from its unpatchable-device risk.
    await nav(page, 'Risks');
    await page.getByRole('heading', { level: 1, name: 'Risks' }).waitFor();
    await row(page, 'lc:TID-210:nestwarm-t3').waitFor();
    await openRisk(page, 'lc:TID-210:nestwarm-t3');
    await detail(page).getByRole('button', { name: 'Nestwarm T3', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nestwarm T3' }).waitFor();
    await openProductTab(page, 'Risks');

    // Confirm two proposed properties and reject one; the threats that follow name the property that brought them.
    await section(page).getByRole('heading', { name: 'Device properties' }).waitFor();
    await propertyChoice(page, 'PID-41', 'Applies');
    await propertyChoice(page, 'PID-275', 'Applies');
    await propertyChoice(page, 'PID-13', 'Does not apply');
    const threats = section(page).locator('.risk-threat-list > li');
    await expect.poll(() => threats.count()).toBeGreaterThan(3);
    await expect.poll(() => section(page).getByText(/brought by PID-41/).count()).toBeGreaterThan(0);
    const threatItem = section(page).locator('.risk-threat-list > li', { hasText: 'brought by PID-275' }).first();
    const threatId = (await threatItem.getAttribute('data-threat-id'))!;
    await threatItem.getByRole('button', { name: /to the register$/ }).click();
    const compact = section(page).locator('.risk-compact a', { hasText: new RegExp(`^${threatId} `) });
    await compact.waitFor();
    await compact.click();

    // Score the new risk against the written anchors.
    await detail(page).getByRole('heading', { name: new RegExp(`^${threatId} `) }).waitFor();
    const userRiskHash = decodeURIComponent(new URL(page.url()).hash);
    const userRiskId = userRiskHash.replace('#/risks/', '');
    await field(detail(page), 'Likelihood').selectOption({ label: '3 Possible: known attacks against similar products' });
    await field(detail(page), 'Impact (as assessed)').selectOption('4');
    await field(detail(page), 'Owner').fill('Product security');
    await detail(page).getByRole('button', { name: 'Save assessment' }).click();
    await detail(page).getByText('Assessment saved.').waitFor();
    await expect.poll(() => row(page, userRiskId).locator('td').nth(1).textContent()).toBe('3 × 4');

    // One control for two risks: written on the unpatchable-device risk, linked from the certificate risk.
    await openRisk(page, 'lc:TID-210:nestwarm-t3');
    await field(detail(page), 'Your own control').fill('Segment units on a separate VLAN');
    await detail(page).getByRole('checkbox', { name: 'Compensating' }).last().check();
    await detail(page).getByRole('button', { name: 'Add own control' }).click();
    await detail(page).getByText('Segment units on a separate VLAN', { exact: true }).waitFor();
    await openRisk(page, 'lc:LC-CERT:nestwarm-t3');
    await field(detail(page), 'Existing control').selectOption({ label: 'Segment units on a separate VLAN (1 risk)' });
    await detail(page).getByRole('button', { name: 'Link control' }).click();
    await detail(page).getByText(/^Also mitigates:/).waitFor();
    const control = detail(page).locator('.risk-control', { hasText: 'Segment units on a separate VLAN' });
    await field(control, 'Status').selectOption('in-place');
    await field(control, 'Owner').fill('Network team');
    await control.getByRole('button', { name: 'Save control' }).click();
    await detail(page).getByText('Saved “Segment units on a separate VLAN”.').waitFor();

    // Accept the app's ecosystem risk with an owner, a rationale and an expiry.
    await openRisk(page, 'lc:LC-ECO:nestwarm-t3');
    await field(detail(page), 'Response').selectOption('accept');
    await field(detail(page), 'Rationale').fill('The app keeps working offline; customers are told in the notice');
    await field(detail(page), 'Owner').fill('Ana Example');
    await field(detail(page), 'Acceptance expires').fill('2030-06-30');
    await detail(page).getByRole('button', { name: 'Save assessment' }).click();
    await expect.poll(() => detail(page).getByTestId('risk-status').textContent()).toBe('Accepted');
    const ecoId = (await page.locator('tr.risk-row--selected').getAttribute('data-risk-id'))!;

    const axeRisks = await seriousViolations(page);

    // Everything is kept across a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Risks' }).waitFor();
    await detail(page).waitFor();
    await expect.poll(() => detail(page).getByTestId('risk-status').textContent()).toBe('Accepted');
    expect(await field(detail(page), 'Acceptance expires').inputValue()).toBe('2030-06-30');
    expect(await row(page, ecoId).locator('td').nth(5).textContent()).toBe('Accepted until 2030-06-30');
    expect(await row(page, userRiskId).locator('td').nth(1).textContent()).toBe('3 × 4');
    expect(await row(page, 'lc:TID-210:nestwarm-t3').locator('td').nth(7).textContent()).toBe('1');
    expect(await row(page, 'lc:LC-CERT:nestwarm-t3').locator('td').nth(7).textContent()).toBe('1');
    await openRisk(page, 'lc:LC-CERT:nestwarm-t3');
    const kept = detail(page).locator('.risk-control', { hasText: 'Segment units on a separate VLAN' });
    expect(await field(kept, 'Status').inputValue()).toBe('in-place');
    expect(await field(kept, 'Owner').inputValue()).toBe('Network team');

    // The threat model of the product as OTM JSON, valid against the OTM schema.
    await field(page.locator('main'), 'Threat model of').selectOption({ label: 'Nestwarm T3' });
    const otm = await download(page, () => page.getByRole('button', { name: 'Export threat model (OTM)' }).click());
    expect(otm.name).toBe('nestwarm-t3.otm.json');
    const doc = JSON.parse(new TextDecoder().decode(otm.bytes)) as { threats: { id: string }[]; mitigations: { name: string }[] };
    expect(validateOtm(doc)).toEqual([]);
    expect(doc.threats.map((t) => t.id)).toContain(userRiskId);
    expect(doc.mitigations.map((m) => m.name)).toContain('Segment units on a separate VLAN');

    // The register as a workbook (risks and controls sheets) and the controls as CSV.
    const xlsx = await download(page, () => page.getByRole('button', { name: 'Export register (XLSX)' }).click());
    expect(xlsx.name).toMatch(/^risk-register-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(new TextDecoder().decode(xlsx.bytes.slice(0, 2))).toBe('PK');
    const controlsCsv = await download(page, () => page.getByRole('button', { name: 'Export controls (CSV)' }).click());
    expect(new TextDecoder().decode(controlsCsv.bytes)).toContain('Segment units on a separate VLAN');

    // The product page still has the answers.
    await detail(page).getByRole('button', { name: 'Nestwarm T3', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Nestwarm T3' }).waitFor();
    await openProductTab(page, 'Risks');
    await section(page).getByRole('heading', { name: 'Device properties' }).waitFor();
    expect(await section(page).locator('[data-property-id="PID-41"]').getByRole('radio', { name: 'Applies' }).isChecked()).toBe(true);
    expect(await section(page).locator('[data-property-id="PID-13"]').getByRole('radio', { name: 'Does not apply' }).isChecked()).toBe(true);
    const axeProduct = await seriousViolations(page);

    // A bundle's report lists the risks with the control and the acceptance.
    await nav(page, 'Bundles & audits');
    await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();
    await giveExportName(page);
    const exported = await download(page, () => page.getByRole('button', { name: 'Export bundle…' }).click());
    const read = await readBundle(exported.bytes);
    if (!read.ok) throw new Error(read.error);
    const report = read.bundle.reportHtml;
    expect(report).toContain('<h2>Risk register</h2>');
    expect(report).toContain('Segment units on a separate VLAN');
    expect(report).toContain('until 2030-06-30');
    expect(report).toContain(threatId);

    expect({ risks: axeRisks, product: axeProduct }).toEqual({ risks: [], product: [] });
    expectNoExternalRequests(session);
    expect(session.pageErrors).toEqual([]);
  }, 240_000);

  it('screenshots of the Risks screen and the product risk section at 1280, 1440 and 1920 px, light and dark, with no serious axe violation', async () => {
    const problems: Record<string, string[]> = {};
    for (const colorScheme of ['light', 'dark'] as const) {
      const session = await openSession({ colorScheme, viewport: { width: 1280, height: 900 } });
      const { page } = session;
      await page.goto(baseUrl);
      await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('main li, main [role="row"], main [role="treeitem"]').length > 3);
      await nav(page, 'Risks');
      await row(page, 'lc:TID-210:fieldlink-g200').waitFor();
      await openRisk(page, 'lc:TID-210:fieldlink-g200');
      problems[`risks-${colorScheme}`] = await seriousViolations(page);
      for (const width of [1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `risks-${width}`, colorScheme);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.getByRole('button', { name: 'Threat catalog' }).click();
      await page.getByTestId('threat-catalog').getByText(/The MITRE Corporation/).waitFor();
      problems[`catalog-${colorScheme}`] = await seriousViolations(page);
      await screenshot(page, 'risks-catalog-1440', colorScheme);

      await detail(page).getByRole('button', { name: 'FieldLink G200', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'FieldLink G200' }).waitFor();
      await openProductTab(page, 'Risks');
      await section(page).getByRole('heading', { name: 'Device properties' }).waitFor();
      await propertyChoice(page, 'PID-41', 'Applies');
      await expect.poll(() => section(page).locator('.risk-threat-list > li').count()).toBeGreaterThan(0);
      problems[`product-${colorScheme}`] = await seriousViolations(page);
      for (const width of [1280, 1440, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await section(page).scrollIntoViewIfNeeded();
        await section(page).screenshot({ path: join(SCREENSHOT_DIR, `product-risks-${width}-${colorScheme}.png`) });
      }
      expect(session.pageErrors).toEqual([]);
      expectNoExternalRequests(session);
    }
    expect(Object.values(problems).flat()).toEqual([]);
  }, 300_000);
});
