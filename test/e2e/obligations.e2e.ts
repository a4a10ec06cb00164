/**
 * The manufacturer's obligations in Chromium with the real IndexedDB: fill an
 * IR 8259r1 activity with evidence and sign it off; record an actively
 * exploited vulnerability and see its deadlines count down; export the
 * activities (PDF) and the bundle's report and find the activity in them.
 * Screenshots of the screens at 1280, 1440 and 1920 px, light and dark.
 */
import { inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { readBundle } from '../../shared/bundle';
import { download, expectNoExternalRequests, openProductTab, SCREENSHOT_DIR, seriousViolations, useAppSessions, giveExportName } from './support/browser';

const baseUrl = inject('baseUrl');
const openSession = useAppSessions();

/** The text drawn on a PDF's pages: pdf-lib writes Helvetica text as hex strings inside (possibly deflated) content streams. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  let text = '';
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents ? ('asArray' in contents ? contents.asArray() : [contents]) : [];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref) as unknown as { getContents(): Uint8Array; dict: { toString(): string } };
      let raw = stream.getContents();
      if (stream.dict.toString().includes('FlateDecode')) raw = inflateSync(raw);
      const ops = Buffer.from(raw).toString('latin1');
      for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) text += `${Buffer.from(m[1]!, 'hex').toString('latin1')}\n`;
      for (const m of ops.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) text += `${m[1]}\n`;
    }
  }
  return text;
}

const WIDTHS = [1280, 1440, 1920] as const;

/** Element (or full-page) screenshots at each width, light and dark; returns the paths. */
async function shots(page: Page, name: string, target: Locator | null): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const paths: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 1000 });
      const path = join(SCREENSHOT_DIR, `${name}-${width}-${scheme}.png`);
      // What a person sees at that width: the viewport with the target at its top (or the whole screen).
      if (target) {
        await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path });
      } else await page.screenshot({ path, fullPage: true });
      paths.push(path);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  return paths;
}

/** "2026-12-03 10:15" for a time `hoursAgo` before now, in UTC. */
function utcInput(hoursAgo: number): string {
  const d = new Date(Date.now() - hoursAgo * 3_600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

describe('obligations in Chromium', () => {
  it('fills Activity 1 with evidence and signs it off; records an exploited vulnerability and sees the deadlines; exports the activities', async () => {
    const session = await openSession();
    const { page } = session;
    await page.goto(baseUrl);
    const tree = page.getByRole('treegrid', { name: 'Products by product line' });
    await tree.locator('.product-open', { hasText: /^Nestwarm T3$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Nestwarm T3' }).waitFor();

    // A file in the product's Evidence tab, to be named as the activity's evidence.
    await openProductTab(page, 'Evidence');
    const evidence = page.getByRole('region', { name: /^Evidence/ });
    const chooser = page.waitForEvent('filechooser');
    await evidence.getByRole('button', { name: 'Attach a file…' }).click();
    await (await chooser).setFiles({ name: 'use-case-study.txt', mimeType: 'text/plain', buffer: Buffer.from('Expected customers and use cases, 2026 survey.') });
    await evidence.getByRole('table', { name: 'Evidence files' }).getByText('use-case-study.txt').waitFor();

    await openProductTab(page, 'Activities');
    const section = page.getByRole('region', { name: 'Activities (NIST IR 8259r1)' });
    await section.getByRole('list', { name: 'Activities of Nestwarm T3' }).waitFor();
    expect(await section.locator('li.activity').count()).toBe(9);
    for (let n = 0; n <= 8; n++) await section.getByRole('button', { name: new RegExp(`^Activity ${n} `) }).waitFor();

    const one = section.locator('li.activity[data-activity="A1"]');
    await one.getByRole('button', { name: /^Activity 1 / }).click();
    await one.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Done' });
    await one.getByRole('textbox', { name: 'Owner' }).fill('Product management');
    await one.getByRole('textbox', { name: /^Due date/ }).fill('2027-01-31');
    await one.getByRole('textbox', { name: 'Notes' }).fill('Survey of 1,200 households.');
    await one.getByRole('button', { name: 'Save Activity 1' }).click();
    await one.getByText('Activity 1 saved. Undo (Ctrl+Z) takes it back.').waitFor();
    await one.locator('.status-tag', { hasText: 'Done' }).waitFor();

    const add = one.getByRole('form', { name: 'Add evidence to Activity 1' });
    await add.getByRole('combobox', { name: 'Evidence file' }).selectOption({ label: 'use-case-study.txt' });
    await add.getByRole('button', { name: 'Add evidence' }).click();
    await one.getByRole('heading', { name: 'Evidence (1)' }).waitFor();
    await add.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Link' });
    await add.getByRole('textbox', { name: 'Link' }).fill('https://example.com/use-cases');
    await add.getByRole('textbox', { name: 'Label' }).fill('Use-case register');
    await add.getByRole('button', { name: 'Add evidence' }).click();
    await one.getByRole('heading', { name: 'Evidence (2)' }).waitFor();

    const sign = one.getByRole('form', { name: 'Sign off Activity 1' });
    await sign.getByRole('textbox', { name: 'Reviewer' }).fill('Rita Reviewer');
    await sign.getByRole('textbox', { name: 'Date' }).fill('2026-12-02');
    await sign.getByRole('button', { name: 'Sign off Activity 1' }).click();
    await one.getByText('Signed off by').waitFor();
    await one.getByText('Rita Reviewer').waitFor();

    // Activity 6 carries the product's findings without typing.
    const six = section.locator('li.activity[data-activity="A6"]');
    await six.getByRole('button', { name: /^Activity 6 / }).click();
    await six.getByRole('heading', { name: 'From the data' }).waitFor();
    expect(await six.locator('.derived-items li').count()).toBeGreaterThan(0);

    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, 'obligations-activities', section);
    await shots(page, 'obligations-activity-6', six);
    const communication = page.getByRole('region', { name: 'End-of-support communication' });
    await communication.scrollIntoViewIfNeeded();
    await shots(page, 'obligations-communication', communication);

    // The activities as a PDF, through the save-file path.
    const pdf = await download(page, () => section.getByRole('button', { name: 'Save the activities as PDF…' }).click());
    expect(pdf.name).toBe('Nestwarm-T3-activities.pdf');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('Nestwarm T3: Activity 1');
    expect(text).toContain('Owner: Product management');
    expect(text).toContain('Signed off by Rita Reviewer on 2026-12-02');
    expect(text).toContain('Link https://example.com/use-cases');

    // An actively exploited vulnerability, known two hours ago.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Obligations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Obligations' }).waitFor();
    const panel = page.getByRole('region', { name: /^Exploited vulnerabilities and severe incidents/ });
    await panel.getByRole('button', { name: 'Record a vulnerability or incident…' }).click();
    const form = panel.getByRole('form', { name: 'Record a vulnerability or incident' });
    await form.getByRole('textbox', { name: 'CVE or internal id' }).fill('CVE-2026-40001');
    await form.getByRole('textbox', { name: 'Title' }).fill('Remote code execution in the thermostat web UI');
    await form.getByRole('textbox', { name: 'Became aware (UTC)' }).fill(utcInput(2));
    await form.getByRole('textbox', { name: 'Affected versions' }).fill('3.0 to 3.4');
    await form.getByRole('checkbox', { name: /^Nestwarm T3/ }).check();
    await form.getByRole('button', { name: 'Record' }).click();
    const deadlines = panel.getByRole('table', { name: 'Deadlines of CVE-2026-40001' });
    await deadlines.waitFor();
    const row = (report: string) => deadlines.getByRole('row').filter({ has: page.getByRole('rowheader', { name: report }) });
    expect(await row('Early warning (24 h)').locator('.countdown').textContent()).toMatch(/^2[12] h \d+ m left$/);
    expect(await row('Notification (72 h)').locator('.countdown').textContent()).toMatch(/^2 d (2[12]) h left$/);
    expect(await row('Final report').locator('.countdown').textContent()).toBe('starts when a fix is available');
    await panel.getByRole('table', { name: /^Affected fleet/ }).getByRole('rowheader', { name: /^Nestwarm T3/ }).waitFor();
    await panel.getByText('Supportspan prepares drafts of these reports; it never submits anything.', { exact: false }).waitFor();

    const draft = await download(page, () => panel.getByRole('button', { name: 'Text draft of the early warning (24 h)' }).click());
    expect(draft.name).toBe('draft-CVE-2026-40001-early-warning.txt');
    expect(new TextDecoder().decode(draft.bytes)).toContain('Supportspan does not submit it');

    expect(await seriousViolations(page)).toEqual([]);
    await shots(page, 'obligations-screen', null);

    // The bundle carries the activity with its evidence and sign-off, and the vulnerability record.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bundles & audits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bundles & audits' }).waitFor();
    await giveExportName(page);
    const exported = await download(page, () => page.getByRole('button', { name: 'Export bundle…' }).click());
    const read = await readBundle(exported.bytes);
    if (!read.ok) throw new Error(read.error);
    const product = read.bundle.portfolio.products.find((p) => p.name === 'Nestwarm T3')!;
    const a1 = read.bundle.obligations.activityRecords.find((r) => r.productId === product.id && r.activityId === 'A1');
    expect(a1).toMatchObject({ status: 'done', owner: 'Product management', due: '2027-01-31', signOff: { name: 'Rita Reviewer', date: '2026-12-02' } });
    expect(a1!.evidence.map((e) => e.kind)).toEqual(['evidence-file', 'link']);
    expect(read.bundle.obligations.vulnerabilities.map((v) => v.identifier)).toEqual(['CVE-2026-40001']);
    // Its report.html shows the activities headed "Activity 0" … "Activity 8", with Activity 1's evidence and sign-off.
    const html = read.bundle.reportHtml;
    const reportSection = /<section id="activities">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const article = /<article><h3>Nestwarm T3<\/h3>[\s\S]*?<\/article>/.exec(reportSection)?.[0] ?? '';
    for (let n = 0; n <= 8; n++) expect(article.includes(`<h4>Activity ${n}: `), `report.html heads Activity ${n}`).toBe(true);
    const reported = article.slice(article.indexOf('<h4>Activity 1: '), article.indexOf('<h4>Activity 2: '));
    expect(reported).toContain('Rita Reviewer, 2026-12-02');
    expect(reported).toContain('https://example.com/use-cases');
    expect(reported).toContain('Product management');
    expect(html.includes('CVE-2026-40001'), 'report.html lists the vulnerability record').toBe(true);

    expectNoExternalRequests(session);
    expect(session.pageErrors).toEqual([]);
  });
});
