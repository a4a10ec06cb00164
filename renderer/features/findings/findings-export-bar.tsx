/**
 * "Export findings": the findings a list shows (its filters applied) as an
 * Excel workbook or CSV, saved through the platform's save dialog (or a
 * download); on the Findings screen also "Print / PDF" of the screen as shown.
 */
import { useState } from 'react';
import { DEFAULT_RULE_PACKS, type DecidedFinding, type RulePack } from '../../../shared/engine';
import { formatCount, formatNumber } from '../../../shared/format';
import type { SaveResult } from '../../platform/platform';
import { usePlatform } from '../../platform/platform-context';
import { exportFindings, type FindingsExportInput } from './export-findings';
import { isFiltered, type FindingFilter } from './finding-filters';

export interface FindingsExportBarProps {
  findings: readonly DecidedFinding[];
  total: number;
  filter: FindingFilter;
  asOf: string;
  scope: string;
  rulePacks?: readonly RulePack[];
  /** Offers "Print / PDF" (the Findings screen): prints the screen as shown, through the platform. */
  onPrint?: () => Promise<SaveResult>;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function FindingsExportBar(props: FindingsExportBarProps) {
  const platform = usePlatform();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const n = props.findings.length;
  const filtered = isFiltered(props.filter) || n !== props.total;
  const which = filtered ? `the ${formatNumber(n)} filtered` : `all ${formatNumber(n)}`;
  const input: FindingsExportInput = {
    findings: props.findings, total: props.total, filter: props.filter, asOf: props.asOf, scope: props.scope, rulePacks: props.rulePacks ?? DEFAULT_RULE_PACKS,
  };

  async function run(what: string, act: () => Promise<{ saved: boolean; name?: string }>, done: (name: string | undefined) => string) {
    setBusy(true);
    setMessage(null);
    try {
      const result = await act();
      setMessage({ error: false, text: result.saved ? done(result.name) : `${what} cancelled.` });
    } catch (error) {
      setMessage({ error: true, text: `Could not ${what.toLowerCase()}: ${errorText(error)}` });
    } finally {
      setBusy(false);
    }
  }

  const save = (format: 'xlsx' | 'csv') =>
    run('Export', () => exportFindings(input, format, platform), (name) => `Saved ${name ?? 'the file'}: ${formatCount(n, 'finding')}.`);

  return (
    <section className="findings-export no-print" aria-label="Export findings">
      <div className="button-row">
        <span className="findings-export-label">Export findings ({filtered ? `${formatNumber(n)} of ${formatNumber(props.total)} shown, filtered` : `all ${formatNumber(n)}`}):</span>
        <button type="button" disabled={busy || n === 0} onClick={() => void save('xlsx')} aria-label={`Export ${which} findings as XLSX`}>XLSX</button>
        <button type="button" disabled={busy || n === 0} onClick={() => void save('csv')} aria-label={`Export ${which} findings as CSV`}>CSV</button>
        {props.onPrint && (
          <button type="button" disabled={busy} onClick={() => void run('Print', props.onPrint!, (name) => (name ? `Saved ${name}.` : 'Sent to the print dialog.'))}>
            Print / PDF
          </button>
        )}
      </div>
      <p className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </section>
  );
}
