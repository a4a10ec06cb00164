/**
 * The product page's "Activities": the NIST IR 8259r1 checklist (Activity 0 …
 * Activity 8) with records, evidence, the evidence the data gives and the
 * reviewer's sign-off; the product's coverage of CRA Annex I/II, EN 303 645 and
 * IR 8259A/B through the crosswalk; and a PDF of the activities. Reads with the
 * obligations hooks, writes through the obligations repository (undoable).
 */
import { useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { todayIso, type Product } from '../../../shared/domain';
import { EVIDENCE_KIND_LABELS, type ActivityEvidence } from '../../../shared/obligations/activities';
import { activitiesPdf } from '../../../shared/obligations/pdf';
import { formatCount } from '../../../shared/format/format';
import { useAnalysis } from '../../analysis/analysis-context';
import { useProductActivities, useProductCoverage } from '../../analysis/use-obligations';
import { useDb } from '../../db/db-context';
import { listEvidenceOfProduct } from '../../db/repositories/evidence';
import { addActivityEvidence, clearSignOff, removeActivityEvidence, saveActivity, signOffActivity } from '../../db/repositories/obligations';
import { getSetting } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/platform-context';
import { revealElement } from '../product/reveal';
import { useUiStore } from '../../state/ui-store';
import { ActivityCard, type ActivityCardActions, type EvidenceChoices } from './activity-card';
import { CoverageTable } from './coverage-table';
import { riskChoices, useProductRisks, withRisks } from './risk-choices';
import './obligations.css';

const NONE: never[] = [];

/** Puts the cursor on a finding in the product's findings panel (opening the panel and the finding first). */
export function goToFinding(key: string): boolean {
  useUiStore.getState().togglePanel('findings', true);
  const focus = (): boolean => {
    const card = [...document.querySelectorAll<HTMLElement>('[data-finding-key]')].find((el) => el.dataset.findingKey === key);
    if (!card) return false;
    // In the compact panel the finding is one line: open it to its card.
    const line = card.querySelector<HTMLButtonElement>('.finding-line');
    if (line && line.getAttribute('aria-expanded') === 'false') line.click();
    revealElement(card);
    (line ?? card.querySelector<HTMLElement>('.finding-go'))?.focus({ preventScroll: true });
    return true;
  };
  if (focus()) return true;
  requestAnimationFrame(() => void focus());
  return true;
}

export function ProductActivitiesSection({ product }: { product: Product }) {
  const db = useDb();
  const platform = usePlatform();
  const id = useId();
  const risks = useProductRisks(product.id);
  const derivedActivities = useProductActivities(product.id);
  const activities = useMemo(() => (derivedActivities ? withRisks(derivedActivities, risks) : undefined), [derivedActivities, risks]);
  const coverage = useProductCoverage(product.id);
  const { byProduct, portfolio, options } = useAnalysis();
  const findings = byProduct.get(product.id) ?? NONE;
  const files = useLiveQuery(() => listEvidenceOfProduct(db, product.id), [db, product.id]);
  const reviewer = useLiveQuery(async () => (await getSetting(db, 'userName')) ?? '', [db]) ?? '';
  const setProductTab = useUiStore((s) => s.setProductTab);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const choices: EvidenceChoices = useMemo(() => ({
    'evidence-file': (files ?? []).map((f) => ({ ref: f.id, label: f.name })),
    finding: findings.map((f) => ({ ref: f.key, label: `${f.severity === 'high' ? 'High' : f.severity === 'medium' ? 'Medium' : 'Low'}: ${f.message}` })),
    risk: riskChoices(risks),
    decision: (portfolio?.decisions ?? NONE).filter((d) => d.productId === product.id).map((d) => ({
      ref: d.id,
      label: `${d.type === 'accepted' ? 'Accepted' : 'Mitigated'}${d.by ? ` by ${d.by}` : ''}: ${d.rationale || findings.find((f) => f.key === d.findingKey)?.message || 'a finding'}`,
    })),
  }), [files, findings, risks, portfolio?.decisions, product.id]);

  const describe = (e: ActivityEvidence): string => {
    if (e.kind === 'link') return e.label || e.ref;
    const found = choices[e.kind].find((c) => c.ref === e.ref);
    if (found) return found.label;
    if (e.label) return `${e.label} (no longer on the product)`;
    return `${EVIDENCE_KIND_LABELS[e.kind].toLowerCase()} no longer on the product`;
  };

  async function savePdf() {
    if (!activities) return;
    setMessage(null);
    try {
      const bytes = await activitiesPdf(product.name, options.asOf, activities);
      const name = `${product.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'product'}-activities.pdf`;
      const result = await platform.saveFile({ suggestedName: name, bytes, mimeType: 'application/pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }], title: `Save the activities of ${product.name}` });
      if (result.saved) setMessage({ kind: 'ok', text: `Saved ${result.name ?? name}.` });
    } catch (e) {
      setMessage({ kind: 'error', text: `Could not save the PDF: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  const done = activities?.filter((a) => a.record.status === 'done' || a.record.status === 'not-applicable').length ?? 0;
  const signed = activities?.filter((a) => a.record.signOff).length ?? 0;
  const problems = activities?.filter((a) => a.statusProblem).length ?? 0;
  const today = todayIso();

  return (
    <section className="panel obligations-section activities-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Activities (NIST IR 8259r1)</h2>
      <p className="hint">
        The manufacturer’s activities before the product is on the market (0–5) and after it (6–8). Findings and the planner are linked to the activities they bear on without typing.
      </p>
      {activities === undefined ? <p role="status">Reading the activities…</p> : (
        <>
          <p role="status">
            {done} of {activities.length} done or not applicable, {signed} signed off{problems ? `, ${formatCount(problems, 'activity needs', 'activities need')} a reason` : ''}.
          </p>
          <ol className="activity-list" aria-label={`Activities of ${product.name}`}>
            {activities.map((a) => {
              const actions: ActivityCardActions = {
                save: async (patch) => { await saveActivity(db, { productId: product.id, activityId: a.id, ...patch }); },
                addEvidence: async (evidence) => { await addActivityEvidence(db, { productId: product.id, activityId: a.id, evidence }); },
                removeEvidence: async (index) => { await removeActivityEvidence(db, { productId: product.id, activityId: a.id, index }); },
                signOff: async (s) => { await signOffActivity(db, { productId: product.id, activityId: a.id, ...s }); },
                clearSignOff: async () => { await clearSignOff(db, { productId: product.id, activityId: a.id }); },
                openFinding: (key) => { goToFinding(key); },
                openPlanner: () => {
                  setProductTab('planner');
                  requestAnimationFrame(() => document.getElementById('planner-title')?.scrollIntoView?.({ block: 'start' }));
                },
              };
              return <ActivityCard key={a.id} activity={a} choices={choices} describe={describe} actions={actions} reviewer={reviewer} today={today} />;
            })}
          </ol>
          <div className="button-row">
            <button type="button" onClick={() => void savePdf()}>Save the activities as PDF…</button>
          </div>
          {message && <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error-text' : undefined}>{message.text}</p>}
        </>
      )}
      <h3>Coverage</h3>
      {coverage === undefined ? <p role="status">Reading the coverage…</p> : <CoverageTable coverage={coverage} caption={`Coverage of ${product.name} through its activities`} perProduct />}
    </section>
  );
}
