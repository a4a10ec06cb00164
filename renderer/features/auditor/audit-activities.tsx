/**
 * Auditor mode: the IR 8259r1 activities recorded in the bundle, per product
 * (status, owner, due date, evidence, the findings that bear on each, sign-off),
 * and the auditor's verdict on each (agreed / disputed / needs evidence) with a
 * comment, saved in the audit's own database under the review key
 * `activity:<productId>:<A0..A8>` and carried in the signed response like the
 * notes on findings. Everything from the bundle is rendered as text.
 */
import { Fragment, useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { REVIEW_STATUSES, REVIEW_STATUS_LABELS, type Bundle, type ReviewStatus } from '../../../shared/bundle';
import type { FindingKind, Severity } from '../../../shared/engine';
import {
  ACTIVITY_STATUS_LABELS, EVIDENCE_KIND_LABELS, activityReviewKey, productActivities, type ProductActivity,
} from '../../../shared/obligations/activities';
import { REPORT_LABELS, VULN_KIND_LABELS, deadlines, vulnReviewKey, type VulnerabilityRecord } from '../../../shared/obligations/vulnerabilities';
import { formatTimestamp } from '../../../shared/format/format';
import type { ReviewRecord } from '../../db/auditor-db';
import { messageOf, useAuditStore } from '../bundles/common';
import type { Rerun } from './use-audit';

const SEVERITIES: ReadonlySet<string> = new Set(['high', 'medium', 'low']);

/** True for the review keys of activities and vulnerability records (the findings' review counts leave them out). */
export function isActivityReviewKey(key: string): boolean {
  return key.startsWith('activity:') || key.startsWith('vuln:');
}

export function AuditActivitiesSection({ manifestHash, bundle, rerun }: { manifestHash: string; bundle: Bundle; rerun: Rerun }) {
  const id = useId();
  const store = useAuditStore();
  const reviews = useLiveQuery(() => store.listReviews(manifestHash), [store, manifestHash]);
  const [error, setError] = useState<string | null>(null);
  const records = bundle.obligations.activityRecords;
  const byKey = new Map((reviews ?? []).map((r) => [r.findingKey, r]));

  const current = rerun.current;
  const products = useMemo(() => {
    const findings = [...current.values()]
      .filter((f): f is typeof f & { key: string; productId: string } => typeof f.key === 'string' && typeof f.productId === 'string' && SEVERITIES.has(f.severity))
      .map((f) => ({ key: f.key, kind: f.kind as FindingKind, severity: f.severity as Severity, message: f.message, productId: f.productId }));
    return bundle.portfolio.products.map((p) => ({ product: p, activities: productActivities({ productId: p.id, records, findings }) }));
  }, [bundle.portfolio.products, records, current]);

  async function save(key: string, patch: { status?: ReviewStatus | null; note?: string }) {
    try {
      await store.saveReview(manifestHash, key, patch);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const counts = { agreed: 0, disputed: 0, 'needs-evidence': 0 } as Record<ReviewStatus, number>;
  for (const r of reviews ?? []) if (r.status && isActivityReviewKey(r.findingKey)) counts[r.status]++;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Activities (NIST IR 8259r1)</h2>
      <p>
        The activity records in the bundle ({records.length} recorded), with the findings of the re-run that bear on each. Mark each activity and add a comment; they are saved in this audit only and go into the response.{' '}
        <span role="status">{counts.agreed} agreed, {counts.disputed} disputed, {counts['needs-evidence']} need evidence.</span>
      </p>
      {error && <p role="alert" className="error-text">{error}</p>}
      {reviews === undefined ? <p role="status">Reading your notes…</p> : products.map(({ product, activities }) => (
        <details key={product.id} className="audit-activities-product" open={activities.some((a) => a.record.status !== 'not-started' || a.record.signOff !== null)}>
          <summary>
            <strong>{product.name}</strong>: {activities.filter((a) => a.record.status === 'done' || a.record.status === 'not-applicable').length} of {activities.length} done or not applicable, {activities.filter((a) => a.record.signOff).length} signed off
          </summary>
          <ol className="review-list" aria-label={`Activities of ${product.name}`}>
            {activities.map((a) => {
              const key = activityReviewKey(product.id, a.id);
              return <ActivityReviewRow key={key} reviewKey={key} product={product.name} activity={a} review={byKey.get(key)} onSave={save} />;
            })}
          </ol>
        </details>
      ))}
      <h3>Vulnerabilities and incidents (CRA Art 14)</h3>
      {bundle.obligations.vulnerabilities.length === 0 ? <p>The bundle records none.</p> : reviews !== undefined && (
        <ol className="review-list" aria-label="Recorded vulnerabilities and incidents">
          {bundle.obligations.vulnerabilities.map((v) => {
            const key = vulnReviewKey(v.id);
            return <VulnReviewRow key={key} reviewKey={key} record={v} products={bundle.portfolio.products} createdAt={bundle.manifest.createdAt} review={byKey.get(key)} onSave={save} />;
          })}
        </ol>
      )}
    </section>
  );
}

function ActivityReviewRow({ reviewKey, product, activity: a, review, onSave }: {
  reviewKey: string; product: string; activity: ProductActivity; review: ReviewRecord | undefined;
  onSave(key: string, patch: { status?: ReviewStatus | null; note?: string }): Promise<void>;
}) {
  const r = a.record;
  const label = `Activity ${a.number} of ${product}`;
  return (
    <li className="review-row" data-review-key={reviewKey}>
      <p className="review-head">
        <strong>Activity {a.number}</strong> {a.title}{a.verified ? '' : ' (title unverified against the published text)'}
      </p>
      <dl className="facts">
        <dt>Status</dt><dd>{ACTIVITY_STATUS_LABELS[r.status]}{r.reason ? ` (reason: ${r.reason})` : ''}</dd>
        {r.owner && <><dt>Owner</dt><dd>{r.owner}</dd></>}
        {r.due && <><dt>Due</dt><dd>{r.due}</dd></>}
        <dt>Evidence</dt>
        <dd>{r.evidence.length === 0 ? 'none recorded' : r.evidence.map((e) => `${EVIDENCE_KIND_LABELS[e.kind]}: ${e.label ? `${e.label} (${e.ref})` : e.ref}`).join('; ')}</dd>
        {a.derived.length > 0 && <><dt>Findings</dt><dd>{a.derived.map((f) => `${f.severity}: ${f.message}`).join(' · ')}</dd></>}
        <dt>Sign-off</dt><dd>{r.signOff ? `${r.signOff.name}, ${r.signOff.date}` : 'not signed off'}</dd>
        {r.notes && <><dt>Notes</dt><dd>{r.notes}</dd></>}
      </dl>
      {a.statusProblem && <p className="error-text">{a.statusProblem}</p>}
      <ReviewControls reviewKey={reviewKey} label={label} review={review} onSave={onSave} />
    </li>
  );
}

type SaveReview = (key: string, patch: { status?: ReviewStatus | null; note?: string }) => Promise<void>;

function VulnReviewRow({ reviewKey, record: v, products, createdAt, review, onSave }: {
  reviewKey: string; record: VulnerabilityRecord; products: Bundle['portfolio']['products']; createdAt: string; review: ReviewRecord | undefined; onSave: SaveReview;
}) {
  // The state of each report when the bundle was made.
  const list = deadlines(v, Date.parse(createdAt));
  return (
    <li className="review-row" data-review-key={reviewKey}>
      <p className="review-head"><strong>{v.identifier}</strong> {v.title} ({VULN_KIND_LABELS[v.kind]})</p>
      <dl className="facts">
        <dt>Products</dt><dd>{v.productIds.map((id) => products.find((p) => p.id === id)?.name ?? id).join(', ')}</dd>
        <dt>Became aware</dt><dd>{formatTimestamp(v.knownAt)}</dd>
        {list.map((d) => (
          <Fragment key={d.report}>
            <dt>{REPORT_LABELS[d.report]}</dt>
            <dd>
              due {d.due ? formatTimestamp(d.due) : `when known (${d.basis})`};{' '}
              {d.sent ? `sent ${formatTimestamp(d.sent.sentAt)}, reference ${d.sent.reference}${d.late ? ' (late)' : ''}` : d.state === 'overdue' ? 'not sent, overdue when the bundle was made' : 'not sent'}
            </dd>
          </Fragment>
        ))}
      </dl>
      <ReviewControls reviewKey={reviewKey} label={v.identifier} review={review} onSave={onSave} />
    </li>
  );
}

function ReviewControls({ reviewKey, label, review, onSave }: { reviewKey: string; label: string; review: ReviewRecord | undefined; onSave: SaveReview }) {
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="review-controls">
      <label>
        Verdict{' '}
        <select
          aria-label={`Verdict on ${label}`}
          value={review?.status ?? ''}
          onChange={(e) => void onSave(reviewKey, { status: e.target.value === '' ? null : (e.target.value as ReviewStatus) })}
        >
          <option value="">No verdict</option>
          {REVIEW_STATUSES.map((s) => <option key={s} value={s}>{REVIEW_STATUS_LABELS[s]}</option>)}
        </select>
      </label>
      <label className="note-field">
        Comment
        <textarea
          aria-label={`Comment on ${label}`}
          rows={2}
          maxLength={10_000}
          value={note ?? review?.note ?? ''}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (note === null) return;
            void onSave(reviewKey, { note }).then(() => setNote(null));
          }}
        />
      </label>
    </div>
  );
}
