/**
 * The support-period planner for one product: the earliest support end that
 * covers expected use and every minimum, the requirements behind it, the core
 * components whose support ends first, and a what-if that shows the plan and the
 * findings before and after a change, saved only on "Apply".
 */
import { useId, useMemo, useState } from 'react';
import { analyzeProduct, applyDecisions, planSupportPeriod, severityRank, type AnalysisOptions, type DecidedFinding, type EffectiveSupportEnd, type SupportPlan } from '../../../shared/engine';
import type { Decision, Product, ProductLine } from '../../../shared/domain';
import { useDb } from '../../db/db-context';
import { putProduct } from '../../db/repositories/products';
import { ValidationError } from '../../db/errors';
import { useUiStore } from '../../state/ui-store';
import { formatShortfallDays } from '../../../shared/format/format';
import { SEVERITY_LABELS } from '../findings/finding-filters';
import { applyWhatIf, EMPTY_DRAFT, useWhatIfStore } from './what-if';

export interface PlannerPanelProps {
  product: Product;
  line: ProductLine;
  options: AnalysisOptions;
  decisions: readonly Decision[];
  findings: readonly DecidedFinding[];
}

function safePlan(product: Product, line: ProductLine, options: AnalysisOptions): { plan: SupportPlan | null; error: string | null } {
  try {
    return { plan: planSupportPeriod(product, line, options), error: null };
  } catch (error) {
    return { plan: null, error: error instanceof Error ? error.message : String(error) };
  }
}

function meets(plan: SupportPlan): string {
  return plan.meetsPlan === null ? 'Cannot tell yet' : plan.meetsPlan ? 'Yes' : 'No';
}

/** "2033-12-31, set by core component Linux kernel (os)" or "2041-12-31, the declared end". */
export function effectiveText(e: EffectiveSupportEnd): string {
  if (e.end === null) return 'unknown (no declared support end)';
  return e.setBy ? `${e.end}, set by core component ${e.setBy.component} (${e.setBy.role})` : `${e.end}, the declared end`;
}

const BASIS_TEXT: Record<SupportPlan['lastPlacedBasis'], string> = {
  'last-placed': 'the last placing on the market',
  'planned-end-of-sale': 'the planned end of sale',
  'as-of': 'the as-of date (still on sale, no planned end of sale: sales are counted as stopping today)',
};

function severityCounts(findings: readonly DecidedFinding[]): string {
  const open = findings.filter((f) => f.status === 'open' || f.status === 'reopened');
  const counts = { high: 0, medium: 0, low: 0 };
  for (const f of open) counts[f.severity] += 1;
  return `${open.length} open (${counts.high} high, ${counts.medium} medium, ${counts.low} low)`;
}

export function PlannerPanel({ product, line, options, decisions, findings }: PlannerPanelProps) {
  const { plan, error } = useMemo(() => safePlan(product, line, options), [product, line, options]);
  return (
    <section aria-labelledby="planner-title" className="planner-panel">
      <h2 id="planner-title">Support-period planner</h2>
      {error && <p role="alert" className="field-error">The plan could not be computed: {error}</p>}
      {plan && <PlanFacts plan={plan} />}
      {plan && <WhatIf product={product} line={line} options={options} decisions={decisions} findings={findings} before={plan} />}
    </section>
  );
}

function PlanFacts({ plan }: { plan: SupportPlan }) {
  return (
    <>
      <dl className="facts">
        <dt>Recommended earliest support end</dt>
        <dd data-testid="recommended-end">{plan.recommendedEarliestEnd ?? 'unknown (see what is missing)'}</dd>
        <dt>Effective support end</dt>
        <dd data-testid="effective-end">{effectiveText(plan.effectiveSupportEnd)}</dd>
        <dt>Declared support end</dt>
        <dd data-testid="declared-end">{plan.declaredSupportEnd ?? 'not declared'}</dd>
        <dt>Effective end meets the plan</dt>
        <dd data-testid="meets-plan">
          <span className={plan.meetsPlan === null ? '' : plan.meetsPlan ? 'plan-ok' : 'plan-bad'}>{meets(plan)}</span>
        </dd>
        <dt>Use end</dt>
        <dd>{plan.useEnd ?? 'unknown'}</dd>
        <dt>Counted from</dt>
        <dd data-testid="last-placed-basis">{plan.lastPlacedOnMarket}: {BASIS_TEXT[plan.lastPlacedBasis]}</dd>
      </dl>
      {plan.requirements.length > 0 && (
        <>
          <h3>Requirements that shape it</h3>
          <ul className="plan-list">
            {plan.requirements.map((r) => (
              <li key={r.id}>
                {r.label}: <strong>{r.end}</strong>
                {r.provisions.length > 0 && <span className="hint"> ({r.provisions.join('; ')})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.notApplied.length > 0 && (
        <>
          <h3>Rules that do not apply</h3>
          <ul className="plan-list" data-testid="not-applied">
            {plan.notApplied.map((n) => (
              <li key={`${n.pack}:${n.reason}`}>
                {n.rule}: {n.reason}
                {n.provision !== null && <span className="hint"> ({n.provision})</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Components whose support ends first</h3>
      {plan.blockers.length === 0 ? (
        <p>None: every core IT component's support reaches the recommended end.</p>
      ) : (
        <table className="plan-compare" aria-label="Blocking components">
          <thead>
            <tr><th scope="col">Component</th><th scope="col">Role</th><th scope="col">Support end</th><th scope="col">Shortfall</th></tr>
          </thead>
          <tbody>
            {plan.blockers.map((b) => (
              <tr key={b.componentId}>
                <td>{b.component}</td>
                <td>{b.role}</td>
                <td>{b.securitySupportEnd ?? 'unknown'}</td>
                <td>{formatShortfallDays(b.shortfallDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.missing.length > 0 && (
        <>
          <h3>Missing to complete the plan</h3>
          <ul className="plan-list">
            {plan.missing.map((m) => <li key={m}>{m}</li>)}
          </ul>
        </>
      )}
    </>
  );
}

interface WhatIfProps extends PlannerPanelProps {
  before: SupportPlan;
}

function WhatIf({ product, line, options, decisions, findings, before }: WhatIfProps) {
  const id = useId();
  const db = useDb();
  const draft = useWhatIfStore((s) => s.drafts[product.id]) ?? EMPTY_DRAFT;
  const setDraft = useWhatIfStore((s) => s.setDraft);
  const discard = useWhatIfStore((s) => s.discard);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const outcome = useMemo(() => applyWhatIf(product, draft), [product, draft]);
  const after = useMemo(() => {
    if (!outcome.changed) return null;
    const { plan, error } = safePlan(outcome.product, line, options);
    let afterFindings: DecidedFinding[] = [];
    try {
      afterFindings = applyDecisions(analyzeProduct(outcome.product, line, options), decisions, options.asOf);
    } catch {
      afterFindings = [];
    }
    return { plan, error, findings: afterFindings };
  }, [outcome, line, options, decisions]);

  const itComponents = useMemo(() => {
    const blockers = new Set(before.blockers.map((b) => b.componentId));
    return product.components
      .filter((c) => c.class === 'it' && c.role !== 'certificate')
      .sort((a, b) => Number(blockers.has(b.id)) - Number(blockers.has(a.id)) || a.name.localeCompare(b.name));
  }, [product.components, before.blockers]);

  const diff = useMemo(() => {
    if (!after) return null;
    const beforeKeys = new Set(findings.map((f) => f.key));
    const afterKeys = new Set(after.findings.map((f) => f.key));
    const bySeverity = (a: DecidedFinding, b: DecidedFinding) => severityRank(a.severity) - severityRank(b.severity);
    return {
      resolved: findings.filter((f) => !afterKeys.has(f.key)).sort(bySeverity),
      added: after.findings.filter((f) => !beforeKeys.has(f.key)).sort(bySeverity),
    };
  }, [after, findings]);

  const apply = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      await putProduct(db, outcome.product);
      discard(product.id);
      useUiStore.getState().pushNotice({ kind: 'success', message: `What-if applied to ${product.name}.` });
    } catch (e) {
      setSaveError(e instanceof ValidationError ? e.issues.join('; ') : e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const dirty = draft.componentId !== '' || draft.componentEnd !== '' || draft.expectedUseYears !== '' || draft.declaredSupportEnd !== '';
  const selected = product.components.find((c) => c.id === draft.componentId);

  return (
    <div className="what-if">
      <h3>What if…</h3>
      <p className="hint">Try a change here; nothing is saved until you press Apply.</p>
      <fieldset>
        <legend>Extend a component's support</legend>
        <div className="field">
          <label htmlFor={`${id}-component`}>Component</label>
          <select id={`${id}-component`} value={draft.componentId} onChange={(e) => setDraft(product.id, { componentId: e.target.value })}>
            <option value="">Choose an IT component</option>
            {itComponents.map((c) => (
              <option key={c.id} value={c.id}>{c.name} (support end {c.securitySupportEnd ?? 'unknown'})</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-component-end`}>New security-support end</label>
          <input id={`${id}-component-end`} value={draft.componentEnd} placeholder={selected?.securitySupportEnd ?? 'YYYY-MM-DD'} onChange={(e) => setDraft(product.id, { componentEnd: e.target.value })} disabled={!draft.componentId} aria-describedby={`${id}-date-hint`} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Change the product</legend>
        <div className="field">
          <label htmlFor={`${id}-use`}>Expected use (years)</label>
          <input id={`${id}-use`} inputMode="decimal" value={draft.expectedUseYears} placeholder={product.expectedUseYears === null ? 'unknown' : String(product.expectedUseYears)} onChange={(e) => setDraft(product.id, { expectedUseYears: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-declared`}>Declared support end</label>
          <input id={`${id}-declared`} value={draft.declaredSupportEnd} placeholder={product.declaredSupportEnd ?? 'YYYY-MM-DD'} onChange={(e) => setDraft(product.id, { declaredSupportEnd: e.target.value })} aria-describedby={`${id}-date-hint`} />
        </div>
      </fieldset>
      <p id={`${id}-date-hint`} className="hint">Dates are YYYY-MM-DD, or YYYY-MM for the last day of that month.</p>
      {outcome.issues.length > 0 && (
        <ul className="field-error" role="alert">
          {outcome.issues.map((i) => <li key={i}>{i}</li>)}
        </ul>
      )}
      {after && (
        <table className="plan-compare" aria-label="What-if: before and after">
          <thead>
            <tr><th scope="col">Measure</th><th scope="col">Before</th><th scope="col">After</th></tr>
          </thead>
          <tbody>
            <CompareRow label="Recommended earliest support end" before={before.recommendedEarliestEnd ?? 'unknown'} after={after.plan?.recommendedEarliestEnd ?? 'unknown'} />
            <CompareRow label="Effective support end" before={effectiveText(before.effectiveSupportEnd)} after={after.plan ? effectiveText(after.plan.effectiveSupportEnd) : 'unknown'} />
            <CompareRow label="Declared support end" before={before.declaredSupportEnd ?? 'not declared'} after={after.plan?.declaredSupportEnd ?? 'not declared'} />
            <CompareRow label="Meets the plan" before={meets(before)} after={after.plan ? meets(after.plan) : 'unknown'} />
            <CompareRow label="Blocking components" before={String(before.blockers.length)} after={String(after.plan?.blockers.length ?? '?')} />
            <CompareRow label="Findings" before={severityCounts(findings)} after={severityCounts(after.findings)} />
          </tbody>
        </table>
      )}
      {diff && (diff.resolved.length > 0 || diff.added.length > 0) && (
        <div className="what-if-diff">
          {diff.resolved.length > 0 && (
            <>
              <h4>Findings that would go away</h4>
              <ul className="plan-list">{diff.resolved.map((f) => <li key={f.key}>{SEVERITY_LABELS[f.severity]}: {f.message}</li>)}</ul>
            </>
          )}
          {diff.added.length > 0 && (
            <>
              <h4>New findings</h4>
              <ul className="plan-list">{diff.added.map((f) => <li key={f.key}>{SEVERITY_LABELS[f.severity]}: {f.message}</li>)}</ul>
            </>
          )}
        </div>
      )}
      {after?.error && <p className="field-error" role="alert">The changed plan could not be computed: {after.error}</p>}
      {saveError && <p className="field-error" role="alert">Not applied: {saveError}</p>}
      <div className="button-row">
        <button type="button" className="primary" disabled={!outcome.changed || outcome.issues.length > 0 || saving} onClick={() => void apply()}>Apply</button>
        <button type="button" disabled={!dirty} onClick={() => discard(product.id)}>Discard</button>
      </div>
    </div>
  );
}

function CompareRow({ label, before, after }: { label: string; before: string; after: string }) {
  const changed = before !== after;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{before}</td>
      <td className={changed ? 'plan-changed' : undefined}>{changed ? `→ ${after}` : after}</td>
    </tr>
  );
}
