/**
 * Export actions for a scope: the spreadsheet template (CSV, .xlsx), CycloneDX
 * 1.6 JSON per product, and an iCalendar file of the scope's milestones in a
 * date range. Files go out through the platform (save dialog or download).
 */
import { IsoDateInput } from '../forms/iso-date-input';
import { useState } from 'react';
import { useUiStore } from '../../state/ui-store';
import { usePlatform } from '../../platform/platform-context';
import { loadExcelJs } from '../../interop/exceljs-loader';
import { csvBytes, cycloneDxBytes, icsFile, xlsxBytes } from './export-files';
import { fileSlug, portfolioOfScope, ScopeSelect, scopeName, useWorkspace, type Scope } from './scope';

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const plusYears = (d: Date, years: number): Date => new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate()));

export function ExportPanel() {
  const ws = useWorkspace();
  const platform = usePlatform();
  const pushNotice = useUiStore((s) => s.pushNotice);
  const [scope, setScope] = useState<Scope>({ kind: 'portfolio' });
  const [from, setFrom] = useState(() => isoDay(new Date()));
  const [to, setTo] = useState(() => isoDay(plusYears(new Date(), 5)));
  const [legal, setLegal] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  if (!ws) return <p role="status">Loading…</p>;
  const portfolio = portfolioOfScope(ws, scope);
  const name = fileSlug(scopeName(ws, scope));
  const empty = portfolio.lines.length === 0;
  const products = portfolio.products;

  async function save(suggestedName: string, mimeType: string, ext: string, make: () => Promise<Uint8Array> | Uint8Array, what: string) {
    setBusy(true);
    setMessage(null);
    try {
      const bytes = await make();
      const result = await platform.saveFile({ suggestedName, bytes, mimeType, filters: [{ name: what, extensions: [ext] }] });
      if (result.saved) setMessage({ kind: 'ok', text: `Saved ${result.name ?? suggestedName}.` });
    } catch (error) {
      const text = `Could not export ${what}: ${(error as Error).message}`;
      setMessage({ kind: 'error', text });
      pushNotice({ kind: 'error', message: text });
    } finally {
      setBusy(false);
    }
  }

  const version = async (): Promise<string> => (await platform.appInfo()).version;

  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div className="field-row">
        <ScopeSelect ws={ws} value={scope} onChange={setScope} label="Scope" />
      </div>
      {empty && <p className="hint">Nothing to export yet: the scope has no product line.</p>}
      <h3>Spreadsheet template</h3>
      <p className="hint">The same columns the import reads: edit in a spreadsheet and import again to update.</p>
      <div className="actions">
        <button type="button" disabled={busy || empty} onClick={() => void save(`${name}.csv`, 'text/csv', 'csv', () => csvBytes(portfolio), 'CSV')}>
          Export CSV
        </button>
        <button
          type="button"
          disabled={busy || empty}
          onClick={() => void save(`${name}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx',
            async () => xlsxBytes(await loadExcelJs(), portfolio), 'Excel workbook')}
        >
          Export Excel (.xlsx)
        </button>
      </div>
      <h3>CycloneDX (per product)</h3>
      {products.length === 0 ? <p className="hint">No product in this scope.</p> : (
        <ul className="plain-list">
          {products.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() => void save(`${fileSlug(p.name)}.cdx.json`, 'application/vnd.cyclonedx+json', 'json', async () =>
                  cycloneDxBytes(p, ws.lines.find((l) => l.id === p.lineId) ?? null, { now: new Date(), version: await version() }), 'CycloneDX JSON')}
              >
                Export CycloneDX of {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Calendar of milestones</h3>
      <fieldset>
        <legend>Milestones: support ends, spare-part ends, certificate expiries{legal ? ', legal dates' : ''}</legend>
        <div className="field-row">
          <label>From<IsoDateInput value={from} onChange={setFrom} /></label>
          <label>To<IsoDateInput value={to} onChange={setTo} /></label>
          <label className="inline"><span><input type="checkbox" checked={legal} onChange={(e) => setLegal(e.target.checked)} /> Legal dates of the markets sold in</span></label>
        </div>
        <button
          type="button"
          disabled={busy || empty || !from || !to || to < from}
          onClick={() => void save(`${name}-milestones.ics`, 'text/calendar', 'ics', async () => {
            const file = icsFile(portfolio, { from, to, legalDates: legal, now: new Date(), version: await version(), calendarName: `Supportspan: ${scopeName(ws, scope)}` });
            if (file.events.length === 0) throw new Error(`no milestones between ${from} and ${to}`);
            return file.bytes;
          }, 'iCalendar')}
        >
          Export calendar (.ics)
        </button>
        {to < from && <p className="error-text">The end of the range is before its start.</p>}
      </fieldset>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : undefined}>{message.text}</p>}
    </section>
  );
}
