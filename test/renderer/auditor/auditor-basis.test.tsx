import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { findingIdentity, readBundle, verifyAuditResponse, type Bundle, type ComparableFinding } from '../../../shared/bundle';
import { appendChange, type LogEntry } from '../../../shared/history/change-log';
import { formatShortfallDays } from '../../../shared/format/format';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { fixture, makeBundle, useBundlesScreenDb } from '../bundles/bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

async function openAsAuditor(platform: ReturnType<typeof createMemoryPlatform>, name: string, bytes: Uint8Array) {
  platform.queueFile({ name, bytes });
  await userEvent.click(await screen.findByRole('button', { name: 'Open a bundle…' }));
  await userEvent.click(await screen.findByRole('button', { name: 'Open in auditor mode' }));
  return screen.findByRole('region', { name: 'Audit banner' });
}

async function read(bytes: Uint8Array): Promise<Bundle> {
  const r = await readBundle(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.bundle;
}

/** The row of the recorded finding with this identity (rows follow the bundle's order). */
async function rowOf(bundle: Bundle, key: string): Promise<HTMLElement> {
  const list = await screen.findByRole('list', { name: 'Recorded findings' });
  const index = bundle.analysis.findings.findIndex((f) => findingIdentity(f) === key);
  expect(index).toBeGreaterThanOrEqual(0);
  return within(list).getAllByRole('listitem').filter((li) => li.parentElement === list)[index]!;
}

describe('the basis of each finding in auditor mode', () => {
  it('shows provisions with titles, gap, the manufacturer\'s decision and the evidence with its hash on the finding', async () => {
    const bytes = fixture('sample-signed.sspan');
    const bundle = await read(bytes);
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'sample-signed.sspan', bytes);

    const soc = await rowOf(bundle, 'component-support-gap:p-thermo:c-soc');
    expect(within(within(soc).getByRole('list', { name: 'Provisions' })).getByText('EU 2024/2847 Art 13(8) (Support period)')).toBeTruthy();
    expect(within(soc).getByText(formatShortfallDays(640))).toBeTruthy();
    expect(within(soc).getByText(/Support end 2030-12-31/)).toBeTruthy();
    const decision = within(soc).getByLabelText('Manufacturer\'s decision');
    expect(decision.textContent).toContain('Risk accepted');
    expect(decision.textContent).toContain('SoC vendor extension under negotiation');
    expect(decision.textContent).toContain('by Ana on 2026-02-01 10:00 UTC');
    expect(decision.textContent).toContain('expires 2027-01-01');
    const socEvidence = within(soc).getByRole('list', { name: 'Evidence for this finding' });
    const letter = bundle.evidence.find((e) => e.ownerId === 'c-soc')!;
    expect(within(socEvidence).getByText(letter.sha256)).toBeTruthy();
    expect(within(socEvidence).getByText(/Espressif support letter \(2025\)\.pdf/)).toBeTruthy();
    // the lock's evidence is not the thermostat's
    expect(within(socEvidence).queryByText(/battery test/)).toBeNull();
    await userEvent.click(within(socEvidence).getByRole('button', { name: `Save ${letter.name}` }));
    expect(Array.from(platform.saved.find((s) => s.name === letter.name)!.bytes)).toEqual(Array.from(letter.bytes));

    const lock = await rowOf(bundle, 'support-end-undisclosed:p-lock:-');
    expect(within(lock).getByLabelText('Manufacturer\'s decision').textContent).toBe('No decision recorded: open');
    const battery = bundle.evidence.find((e) => e.ownerId === 'p-lock')!;
    expect(within(within(lock).getByRole('list', { name: 'Evidence for this finding' })).getByText(battery.sha256)).toBeTruthy();

    // the decisions list names the finding, not its key
    const decisions = screen.getByRole('list', { name: 'Decisions' });
    expect(within(decisions).getByText(/Thermostat T1 \/ SoC ESP32/)).toBeTruthy();
  });

  it('tags the findings the re-analysis gives differently, counts them in a compact banner, and says when a finding has no legal provision', async () => {
    let recorded: (ComparableFinding & { provisions: string[] })[] = [];
    const built = await makeBundle({
      edit: (input) => {
        const findings = input.analysis.findings as (ComparableFinding & { provisions: string[] })[];
        findings.splice(0, 1);
        findings[0]!.message = 'A message from an older rule';
        findings[1]!.provisions = [];
        recorded = findings;
      },
    });
    const bundle = await read(built.bytes);
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    const banner = await openAsAuditor(platform, 'older.sspan', built.bytes);
    // one found only now, two recorded differently
    expect(within(banner).getByText('3 findings differ from what the manufacturer recorded.')).toBeTruthy();

    const changed = await rowOf(bundle, findingIdentity(recorded[0]!));
    expect(within(changed).getByText('differs: Explanation')).toBeTruthy();
    expect(within(within(changed).getByRole('list', { name: 'What differs' })).getByText(/^Explanation: recorded A message from an older rule, re-analysis /)).toBeTruthy();

    const guidance = await rowOf(bundle, findingIdentity(recorded[1]!));
    expect(within(guidance).getByText('No legal provision: guidance only')).toBeTruthy();
    expect(within(guidance).queryByRole('list', { name: 'Provisions' })).toBeNull();
    expect(within(guidance).getByText('differs: Provisions')).toBeTruthy();

    // a finding the engine itself bases on guidance only: its NIST reference stays in its own place
    const engineGuidance = bundle.analysis.findings.find((f, i) => i > 1 && f.provisions.length === 0 && (f.nist ?? []).length > 0)!;
    expect(engineGuidance).toBeTruthy();
    const guidanceRow = await rowOf(bundle, findingIdentity(engineGuidance));
    expect(within(guidanceRow).getByText('No legal provision: guidance only')).toBeTruthy();
    expect(within(guidanceRow).getByText(new RegExp(`^${engineGuidance.nist![0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))).toBeTruthy();

    const same = await rowOf(bundle, findingIdentity(recorded[2]!));
    expect(within(same).queryByText(/^differs:/)).toBeNull();
  });

  it('lists the bundle\'s history with who, when, field, before and after, filtered by product, and "not named" for an entry without a name', async () => {
    const base = await read(fixture('sample-signed.sspan'));
    const product = base.portfolio.products[0]!;
    const history: LogEntry[] = [];
    history.push(await appendChange(null, { at: '2026-03-01T08:00:00.000Z', who: 'Ana', entity: { type: 'product', id: product.id }, action: 'create', after: { id: product.id, name: product.name } }));
    history.push(await appendChange(history[0]!, {
      at: '2026-03-02T09:30:00.000Z', who: '', entity: { type: 'product', id: product.id }, action: 'update',
      before: { id: product.id, name: product.name, sku: 'OLD-1' }, after: { id: product.id, name: product.name, sku: 'NEW-2' },
    }));
    const other = base.portfolio.products[1]!;
    history.push(await appendChange(history[1]!, { at: '2026-03-03T10:00:00.000Z', who: 'Ben', entity: { type: 'product', id: other.id }, action: 'update', before: { notes: 'a' }, after: { notes: 'b' } }));
    // written while no user name was set: the change log's placeholder
    history.push(await appendChange(history[2]!, { at: '2026-03-04T10:00:00.000Z', who: 'unknown user', entity: { type: 'product', id: product.id }, action: 'update', before: { notes: 'x' }, after: { notes: 'y' } }));
    const built = await makeBundle({ portfolio: base.portfolio, edit: (input) => { input.history = history; } });
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'history.sspan', built.bytes);

    const table = await screen.findByRole('table', { name: 'History' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    expect(within(rows.find((r) => r.textContent?.includes('2026-03-04 10:00 UTC'))!).getByText('not named')).toBeTruthy();
    expect(table.textContent).not.toContain('unknown user');
    const unnamed = rows[1]!;
    expect(within(unnamed).getByText('not named')).toBeTruthy();
    expect(within(unnamed).getByText('2026-03-02 09:30 UTC')).toBeTruthy();
    expect(within(unnamed).getByText('sku')).toBeTruthy();
    expect(within(unnamed).getByText('OLD-1')).toBeTruthy();
    expect(within(unnamed).getByText('NEW-2')).toBeTruthy();
    expect(within(unnamed).getByText(`Product ${product.name}`)).toBeTruthy();

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'History of product' }), other.id);
    const filtered = within(screen.getByRole('table', { name: 'History' })).getAllByRole('row').slice(1);
    expect(filtered).toHaveLength(1);
    expect(within(filtered[0]!).getByText('Ben')).toBeTruthy();
    expect(within(filtered[0]!).getByText('notes')).toBeTruthy();
  });

  it('keeps earlier versions of a note, requires the reviewer\'s name and organisation before export, and states how many findings were not reviewed', async () => {
    const bytes = fixture('sample-signed.sspan');
    const bundle = await read(bytes);
    const key = 'component-support-gap:p-thermo:c-soc';
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'sample-signed.sspan', bytes);
    const store = auditStoreFor(db.name);

    const row = await rowOf(bundle, key);
    const note = within(row).getByRole('textbox', { name: /^Note on / });
    await userEvent.type(note, 'Letter is from 2025');
    await userEvent.tab();
    await waitFor(async () => expect((await store.listReviews(bundle.manifestHash)).find((r) => r.findingKey === key)?.note).toBe('Letter is from 2025'));
    await userEvent.clear(note);
    await userEvent.type(note, 'Letter covers 2031 only');
    await userEvent.tab();
    await waitFor(async () => {
      const r = (await store.listReviews(bundle.manifestHash)).find((x) => x.findingKey === key);
      expect(r?.note).toBe('Letter covers 2031 only');
      expect(r?.noteHistory?.map((v) => v.note)).toEqual(['Letter is from 2025']);
      expect(r?.noteHistory?.[0]?.savedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    });
    const earlier = await within(await rowOf(bundle, key)).findByRole('list', { name: /^Earlier versions of the note on / });
    expect(within(earlier).getByText('Letter is from 2025')).toBeTruthy();
    expect(within(earlier).getByText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC:$/)).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Not reviewed' }).textContent).toBe('1 of 2 recorded findings not reviewed.');

    const name = screen.getByRole('textbox', { name: 'Reviewer name' });
    const organisation = screen.getByRole('textbox', { name: 'Reviewer organisation' });
    await userEvent.clear(name);
    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    expect(await screen.findByText(/^Give your name and organisation before exporting/, { selector: '[role=alert]' })).toBeTruthy();
    await userEvent.type(name, 'Rita Reviewer');
    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    expect(await screen.findByText(/^Give your name and organisation before exporting/, { selector: '[role=alert]' })).toBeTruthy();
    expect(platform.saved.some((s) => s.name.endsWith('.sspan-response'))).toBe(false);

    await userEvent.type(organisation, 'Notified Body 0001');
    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.sspan-response'))).toBe(true));
    const response = await verifyAuditResponse(platform.saved.find((s) => s.name.endsWith('.sspan-response'))!.bytes);
    // format version 2: the name and the organisation apart, and the note's earlier version with its time
    expect(response.manifest?.formatVersion).toBe(2);
    expect(response.review?.reviewer).toBe('Rita Reviewer');
    expect(response.review?.organisation).toBe('Notified Body 0001');
    expect(response.review?.entries[0]?.history).toEqual([{ note: 'Letter is from 2025', savedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    expect(response.review?.entries[0]?.replies).toEqual([]);
    expect(response.review?.notReviewed).toBe(1);
    expect(response.review?.entries.map((e) => e.findingKey)).toEqual([key]);
    expect(await store.getReviewer(bundle.manifestHash)).toEqual({ name: 'Rita Reviewer', organisation: 'Notified Body 0001' });
    await userEvent.click(await screen.findByRole('button', { name: 'Save the response report (HTML)' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('-response-report.html'))).toBe(true));
    const html = new TextDecoder().decode(platform.saved.find((s) => s.name.endsWith('-response-report.html'))!.bytes);
    expect(html).toContain('<dt>Not reviewed</dt><dd>1 recorded finding</dd>');
    expect(html).toContain('<dt>Reviewer</dt><dd>Rita Reviewer</dd>\n<dt>Organisation</dt><dd>Notified Body 0001</dd>');
    expect(html).toContain('<summary>1 earlier version</summary>');
  });

  it('exports the findings with the review status, note and re-analysis as CSV and XLSX, read back', async () => {
    const bytes = fixture('sample-signed.sspan');
    const bundle = await read(bytes);
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    await openAsAuditor(platform, 'sample-signed.sspan', bytes);
    const soc = await rowOf(bundle, 'component-support-gap:p-thermo:c-soc');
    await userEvent.selectOptions(within(soc).getByRole('combobox', { name: /^Status of / }), 'disputed');
    // typed, not yet saved by leaving the field: the export saves it first
    await userEvent.type(within(soc).getByRole('textbox', { name: /^Note on / }), '=HYPERLINK("x") letter is 2025');

    const bar = screen.getByRole('group', { name: 'Export findings and reviews' });
    await userEvent.click(within(bar).getByRole('button', { name: 'Export findings and reviews as CSV' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.csv'))).toBe(true));
    const csvFile = platform.saved.find((s) => s.name.endsWith('.csv'))!;
    expect(csvFile.name).toBe(`findings-whole-portfolio-${bundle.manifest.asOf}-review.csv`);
    const parsed = Papa.parse<Record<string, string>>(new TextDecoder().decode(csvFile.bytes).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(bundle.analysis.findings.length);
    const socRow = parsed.data.find((r) => r['Finding key'] === 'component-support-gap:p-thermo:c-soc')!;
    expect(socRow['Review status']).toBe('Disputed');
    // formula guard from shared/text: the note does not start with "="
    expect(socRow['Review note']).toMatch(/^'=HYPERLINK\("x"\) letter is 2025$/);
    expect(socRow['Reviewed at']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(socRow['Provisions']).toBe('EU 2024/2847 Art 13(8) (Support period)');
    expect(socRow['Decision']).toBe('Risk accepted');
    expect(socRow['Decided by']).toBe('Ana');
    const lockRow = parsed.data.find((r) => r['Finding key'] === 'support-end-undisclosed:p-lock:-')!;
    expect(lockRow['Review status']).toBe('Not reviewed');
    expect(lockRow['Review note']).toBe('');
    expect(socRow['Re-analysis']).toMatch(/^(same|differs: .+)$/);

    await userEvent.click(within(bar).getByRole('button', { name: 'Export findings and reviews as XLSX' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.xlsx'))).toBe(true), { timeout: 10_000 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(platform.saved.find((s) => s.name.endsWith('.xlsx'))!.bytes as never);
    const sheet = wb.getWorksheet('Findings')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const statusCol = header.indexOf('Review status') + 1;
    const keyCol = header.indexOf('Finding key') + 1;
    expect(statusCol).toBeGreaterThan(0);
    const statuses = new Map<string, string>();
    sheet.eachRow((row, n) => { if (n > 1) statuses.set(String(row.getCell(keyCol).value), String(row.getCell(statusCol).value)); });
    expect(statuses.get('component-support-gap:p-thermo:c-soc')).toBe('Disputed');
    expect(statuses.get('support-end-undisclosed:p-lock:-')).toBe('Not reviewed');
  });
});
