/**
 * The "Obligations" area: CRA Art 14 vulnerability handling across the
 * portfolio (records, deadlines, reports sent, affected fleet, drafts) and the
 * portfolio's coverage of CRA, EN 303 645 and IR 8259A/B through its activities,
 * with each product's progress linking to its activities on the product page.
 */
import { useId, useState } from 'react';
import { ACTIVITY_IDS } from '../../../shared/obligations/activity-catalog';
import { activityCounts, portfolioCoverage } from '../../../shared/obligations/crosswalk';
import { useAnalysis } from '../../analysis/analysis-context';
import { useActivityRecords, useVulnerabilities } from '../../analysis/use-obligations';
import { useDb } from '../../db/db-context';
import { deleteVulnerability, putVulnerability, recordSentReport } from '../../db/repositories/obligations';
import { usePlatform } from '../../platform/platform-context';
import { useUiStore } from '../../state/ui-store';
import { formatCount } from '../../../shared/format/format';
import { CoverageTable } from './coverage-table';
import { VulnerabilityPanel, type VulnerabilityActions } from './vulnerability-panel';
import './obligations.css';

export function ObligationsScreen() {
  const db = useDb();
  const platform = usePlatform();
  const id = useId();
  const { portfolio, options } = useAnalysis();
  const records = useActivityRecords();
  const vulns = useVulnerabilities();
  const navigate = useUiStore((s) => s.navigate);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const actions: VulnerabilityActions = {
    put: async (r) => { await putVulnerability(db, r); setMessage({ kind: 'ok', text: `Recorded ${r.identifier}. Undo (Ctrl+Z) takes it back.` }); },
    recordSent: async (vid, sent) => { await recordSentReport(db, vid, sent); },
    remove: async (vid) => { await deleteVulnerability(db, vid); setMessage({ kind: 'ok', text: 'Deleted. Undo (Ctrl+Z) brings it back.' }); },
    saveFile: async (f) => {
      setMessage(null);
      const r = await platform.saveFile({ suggestedName: f.name, bytes: f.bytes, mimeType: f.mimeType, filters: [{ name: f.what, extensions: [f.ext] }] });
      return r.saved ? (r.name ?? f.name) : null;
    },
  };

  const products = portfolio?.products ?? [];
  const coverage = records && portfolio ? portfolioCoverage(products.map((p) => p.id), records) : undefined;

  return (
    <div className="screen obligations-screen">
      <h1>Obligations</h1>
      <p className="hint">What the manufacturer has to do and show after sale: report actively exploited vulnerabilities and severe incidents (CRA Art 14), and the IR 8259r1 activities behind each product.</p>
      {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : 'save-status'}>{message.text}</p>}
      {portfolio ? (
        <VulnerabilityPanel records={vulns} portfolio={portfolio} asOf={options.asOf} actions={actions} />
      ) : <p role="status">Reading the portfolio…</p>}
      <section className="panel" aria-labelledby={`${id}-coverage`}>
        <h2 id={`${id}-coverage`}>Portfolio coverage</h2>
        {coverage === undefined ? <p role="status">Reading the activities…</p> : products.length === 0 ? <p className="hint">The portfolio has no product.</p> : (
          <div className="obligations-grid">
            <CoverageTable coverage={coverage} caption={`Crosswalk items fully covered, summed over ${formatCount(products.length, 'product')}`} perProduct={false} />
            <div>
              <h3>Activities per product</h3>
              <ul className="product-coverage-list" aria-label="Activities per product">
                {products.map((p) => {
                  const mine = (records ?? []).filter((r) => r.productId === p.id);
                  const counted = mine.filter((r) => activityCounts(r)).length;
                  const signed = mine.filter((r) => r.signOff).length;
                  return (
                    <li key={p.id}>
                      <a href={`#/product/${encodeURIComponent(p.id)}`} onClick={(e) => { e.preventDefault(); navigate({ area: 'product', productId: p.id }); useUiStore.getState().setProductTab('activities'); }}>{p.name}</a>
                      <span>{counted} of {ACTIVITY_IDS.length} done, {signed} signed off</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
