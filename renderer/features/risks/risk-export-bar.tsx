/**
 * Exports of the register: CSV and XLSX of every risk, and a product's
 * threat model as Open Threat Model (OTM) JSON for Threat Dragon and other
 * tools. Files go out through the platform's save dialog (or download).
 */
import { useState } from 'react';
import type { Portfolio } from '../../../shared/domain';
import { productToOtm, reconcileRiskData, type RegisterResult, type RiskRegisterData } from '../../../shared/risk';
import { useDb } from '../../db/db-context';
import { usePlatform } from '../../platform/platform-context';
import { fileSlug } from '../export/scope';
import { riskRegisterFile, type RiskExportFile } from './export-risks';
import { errorText } from './risk-actions';

export function RiskExportBar(props: { register: RegisterResult; data: RiskRegisterData; portfolio: Portfolio; asOf: string; productId: string | null }) {
  const db = useDb();
  const platform = usePlatform();
  const products = [...props.portfolio.products].sort((a, b) => a.name.localeCompare(b.name));
  const [otmProduct, setOtmProduct] = useState(props.productId ?? products[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const chosen = products.some((p) => p.id === otmProduct) ? otmProduct : (props.productId ?? products[0]?.id ?? '');

  async function save(suggestedName: string, mimeType: string, ext: string, what: string, make: () => Promise<Uint8Array> | Uint8Array) {
    setBusy(true);
    setMessage(null);
    try {
      const bytes = await make();
      const result = await platform.saveFile({ suggestedName, bytes, mimeType, filters: [{ name: what, extensions: [ext] }] });
      setMessage(result.saved ? { error: false, text: `Saved ${result.name ?? suggestedName}.` } : { error: false, text: 'Export cancelled.' });
    } catch (error) {
      setMessage({ error: true, text: `Could not export ${what}: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  }

  const spreadsheet = (what: string, make: () => Promise<RiskExportFile>) => async () => {
    setBusy(true);
    setMessage(null);
    try {
      const file = await make();
      const result = await platform.saveFile({ suggestedName: file.suggestedName, bytes: file.bytes, mimeType: file.mimeType, filters: file.filters });
      setMessage(result.saved ? { error: false, text: `Saved ${result.name ?? file.suggestedName}.` } : { error: false, text: 'Export cancelled.' });
    } catch (error) {
      setMessage({ error: true, text: `Could not export ${what}: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  };
  const otmName = products.find((p) => p.id === chosen)?.name ?? 'product';
  return (
    <section className="risk-export" aria-label="Export the risk register">
      <div className="risk-inline">
        <button type="button" disabled={busy} onClick={() => void spreadsheet('the risks as CSV', () => riskRegisterFile(db, 'csv', { asOf: props.asOf }))()}>Export risks (CSV)</button>
        <button type="button" disabled={busy} onClick={() => void spreadsheet('the controls as CSV', () => riskRegisterFile(db, 'csv', { asOf: props.asOf, table: 'controls' }))()}>Export controls (CSV)</button>
        <button type="button" disabled={busy} onClick={() => void spreadsheet('the register as XLSX', () => riskRegisterFile(db, 'xlsx', { asOf: props.asOf }))()}>Export register (XLSX)</button>
        <label>
          Threat model of
          <select value={chosen} onChange={(e) => setOtmProduct(e.target.value)}>
            {products.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <button type="button" disabled={busy || !chosen}
          onClick={() => void save(`${fileSlug(otmName)}.otm.json`, 'application/json', 'json', 'the threat model (OTM)', () =>
            new TextEncoder().encode(`${JSON.stringify(productToOtm(props.portfolio, reconcileRiskData(props.data, props.portfolio), chosen, props.asOf), null, 2)}\n`))}>
          Export threat model (OTM)
        </button>
      </div>
      <p className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </section>
  );
}
