/**
 * Auditor mode, "Export findings and reviews": the bundle's recorded findings
 * as the manufacturer's findings report has them (shared/report: the same
 * table, with the manufacturer's decisions applied on the bundle's as-of
 * date), plus the auditor's review status, note, when it was saved and what
 * the re-analysis gives differently, as an Excel workbook or CSV saved
 * through the platform.
 */
import { useState } from 'react';
import { findingIdentity, formatFingerprint, REVIEW_STATUS_LABELS, scopeLabel, type Bundle, type Verification } from '../../../shared/bundle';
import type { RulePack } from '../../../shared/engine';
import { formatCount, formatTimestamp } from '../../../shared/format/format';
import {
  CSV_MIME, findingsCsv, findingsXlsx, provisionTitles, recordedReportFindings, reportFileStem, XLSX_MIME,
  type ExtraFindingColumn, type ReportFinding, type ReportSource,
} from '../../../shared/report';
import type { ReviewRecord } from '../../db/auditor-db';
import { loadExcelJs } from '../../interop/exceljs-loader';
import { usePlatform } from '../../platform/platform-context';
import { messageOf } from '../bundles/common';
import type { Difference } from './finding-basis';

export const REVIEW_COLUMNS = ['Review status', 'Review note', 'Reviewed at', 'Re-analysis'] as const;

/** The recorded findings with the decisions applied, each keyed by its identity (what reviews are stored under). */
export function auditReportFindings(bundle: Bundle): ReportFinding[] {
  const recorded = bundle.analysis.findings;
  return recordedReportFindings(recorded, bundle.portfolio.decisions, bundle.analysis.asOf)
    .map((f, i) => ({ ...f, key: findingIdentity(recorded[i]!) }));
}

export function reviewColumns(reviews: ReadonlyMap<string, ReviewRecord>, differences: ReadonlyMap<string, Difference>): ExtraFindingColumn[] {
  const review = (f: ReportFinding): ReviewRecord | undefined => (f.key === undefined ? undefined : reviews.get(f.key));
  return [
    { header: REVIEW_COLUMNS[0], cell: (f) => { const s = review(f)?.status; return s ? REVIEW_STATUS_LABELS[s] : 'Not reviewed'; } },
    { header: REVIEW_COLUMNS[1], cell: (f) => review(f)?.note || null },
    { header: REVIEW_COLUMNS[2], cell: (f) => { const r = review(f); return r && (r.status !== null || r.note !== '') ? formatTimestamp(r.updatedAt) : null; } },
    { header: REVIEW_COLUMNS[3], cell: (f) => { const d = f.key === undefined ? undefined : differences.get(f.key); return d ? `differs: ${d.lines.join('; ')}` : 'same'; } },
  ];
}

export function AuditFindingsExport({ bundle, fileName, verification, packs, differences, loadReviews }: {
  bundle: Bundle; fileName: string; verification: Verification; packs: readonly RulePack[];
  differences: ReadonlyMap<string, Difference>;
  /** Saves what is still being typed, then reads the reviews. */
  loadReviews: () => Promise<ReviewRecord[]>;
}) {
  const platform = usePlatform();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const n = bundle.analysis.findings.length;
  const m = bundle.manifest;

  async function save(format: 'xlsx' | 'csv') {
    setBusy(true);
    setMessage(null);
    try {
      const reviews = new Map((await loadReviews()).map((r) => [r.findingKey, r]));
      const findings = auditReportFindings(bundle);
      const options = { provisionTitles: provisionTitles(packs), extraColumns: reviewColumns(reviews, differences) };
      const stem = `${reportFileStem(scopeLabel(m.scope), m.asOf)}-review`;
      const source: ReportSource = {
        scope: scopeLabel(m.scope), asOf: m.asOf, kind: 'bundle', name: fileName, signature: verification.state,
        fingerprint: verification.fingerprint ? formatFingerprint(verification.fingerprint) : null, manifestHash: bundle.manifestHash, createdAt: m.createdAt, rulePacks: bundle.analysis.rulePacks,
      };
      const file = format === 'csv'
        ? { suggestedName: `${stem}.csv`, mimeType: CSV_MIME, bytes: new TextEncoder().encode(findingsCsv(findings, options)), filters: [{ name: 'CSV', extensions: ['csv'] }] }
        : { suggestedName: `${stem}.xlsx`, mimeType: XLSX_MIME, bytes: await findingsXlsx(await loadExcelJs(), findings, source, options), filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] };
      const result = await platform.saveFile(file);
      setMessage({ error: false, text: result.saved ? `Saved ${result.name ?? file.suggestedName}: ${formatCount(n, 'finding')} with your reviews.` : 'Export cancelled.' });
    } catch (e) {
      setMessage({ error: true, text: `Could not export: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="findings-export" role="group" aria-label="Export findings and reviews">
      <div className="button-row">
        <span>Export the {formatCount(n, 'recorded finding')} with your review status and note:</span>
        <button type="button" disabled={busy || n === 0} onClick={() => void save('xlsx')} aria-label="Export findings and reviews as XLSX">XLSX</button>
        <button type="button" disabled={busy || n === 0} onClick={() => void save('csv')} aria-label="Export findings and reviews as CSV">CSV</button>
      </div>
      <p className={message?.error ? 'field-error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </div>
  );
}
