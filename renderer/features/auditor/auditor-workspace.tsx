/**
 * Auditor mode: a bundle opened read-only in its own database. A banner says
 * what the file proves (verification state, signer, scope, dates, version);
 * below are its data, its recorded findings with the auditor's status and note
 * for each (saved in the audit's database), where a re-run of the analysis
 * differs from what was recorded, and the export of a signed response.
 * Everything from the bundle is rendered by React as text; its report.html is
 * offered for saving, never rendered here.
 */
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  buildAuditResponse, findingIdentity, REVIEW_STATUS_LABELS, scopeLabel, REVIEW_STATUSES, RESPONSE_EXTENSION, RESPONSE_MEDIA_TYPE, sha256Hex,
  type Bundle, type ComparableFinding, type ReviewEntry, type ReviewStatus, type Verification,
} from '../../../shared/bundle';
import { KIND_INFO, provisionLookup, STATUS_LABELS, type FindingKind } from '../../../shared/engine';
import { formatCount, formatNumber } from '../../../shared/format';
import { formatDate, formatTimestamp } from '../../../shared/format/format';
import { riskIdOfReviewKey } from '../../../shared/risk';
import { reviewedObligation } from '../../../shared/obligations/review';
import { MAX_REVIEWER_PART, type AuditSummary, type ReviewerIdentity, type ReviewRecord } from '../../db/auditor-db';
import { useDb } from '../../db/db-context';
import { ensureInstallationSigner, trustedKeyOf, trustFingerprint } from '../../db/repositories/keys';
import { getSetting } from '../../db/repositories/settings';
import { usePlatform } from '../../platform/platform-context';
import { useUiStore } from '../../state/ui-store';
import { messageOf, shortValue, useAuditStore } from '../bundles/common';
import { Fingerprint, ManifestFacts, STATE_EXPLANATION, TrustKeyConfirm, VerificationState } from '../bundles/verification-view';
import { fileSlug } from '../export/scope';
import { useAudit, useRerun, type Rerun } from './use-audit';
import { threadsOf } from './threads';
import { BundleEvidenceSection } from './bundle-evidence';
import { ManufacturerReplies, ManufacturerRepliesProvider } from './manufacturer-replies';
import { RiskReviewList, useBundleRisks } from './risk-reviews';
import { AuditActivitiesSection, isActivityReviewKey } from './audit-activities';
import { differencesOf, differingCount, FindingBasis, type Difference } from './finding-basis';
import { AuditHistorySection } from './audit-history';
import { AuditFindingsExport, auditReportFindings } from './audit-findings-export';
import './auditor.css';

const PAGE = 100;

function kindTitle(kind: string): string {
  return Object.hasOwn(KIND_INFO, kind) ? KIND_INFO[kind as FindingKind].title : kind;
}

function findingLabel(f: ComparableFinding): string {
  return `${kindTitle(f.kind)}: ${f.product ?? f.productId ?? '?'}${f.component ? ` / ${f.component}` : ''}`;
}

export function AuditorWorkspace({ auditId }: { auditId: string }) {
  const load = useAudit(auditId);
  const navigate = useUiStore((s) => s.navigate);
  if (load.status === 'loading') return <div className="screen"><p role="status">Opening the audit…</p></div>;
  if (load.status === 'missing' || load.status === 'failed') {
    return (
      <div className="screen">
        <h1>Audit not found</h1>
        <p role="alert">{load.status === 'failed' ? load.message : 'This audit is not on this computer (it may have been deleted).'}</p>
        <button type="button" onClick={() => navigate({ area: 'bundles' })}>Back to bundles and audits</button>
      </div>
    );
  }
  return <AuditView summary={load.summary} verification={load.verification} />;
}

function AuditView({ summary, verification }: { summary: AuditSummary; verification: Verification }) {
  const bundle = verification.state === 'invalid' ? undefined : verification.bundle;
  const rerun = useRerun(bundle);
  const store = useAuditStore();
  const navigate = useUiStore((s) => s.navigate);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    try {
      await store.deleteAudit(summary.manifestHash);
      navigate({ area: 'bundles' });
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <div className="screen auditor">
      <h1>Audit of {summary.fileName}</h1>
      <AuditBanner summary={summary} verification={verification} {...(rerun ? { differing: differingCount(rerun.comparison) } : {})} />
      <div className="button-row">
        <button type="button" onClick={() => navigate({ area: 'bundles' })}>Close audit</button>
        {!confirmDelete ? (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>Delete audit…</button>
        ) : (
          <span role="group" aria-label="Confirm deletion">
            Delete this audit and its notes from this computer?{' '}
            <button type="button" className="danger" onClick={() => void remove()}>Delete audit and notes</button>{' '}
            <button type="button" onClick={() => setConfirmDelete(false)}>Keep it</button>
          </span>
        )}
      </div>
      {error && <p role="alert" className="error-text">{error}</p>}
      {bundle && rerun && (
        <>
          <ManufacturerRepliesProvider replies={bundle.replies}><ReviewSection summary={summary} verification={verification} bundle={bundle} rerun={rerun} /></ManufacturerRepliesProvider>
          <AuditActivitiesSection manifestHash={summary.manifestHash} bundle={bundle} rerun={rerun} />
          <ComparisonSection bundle={bundle} rerun={rerun} />
          <DataSection bundle={bundle} />
          <AuditHistorySection bundle={bundle} />
          <BundleEvidenceSection bundle={bundle} />
        </>
      )}
    </div>
  );
}

/**
 * One or two lines: read-only, the verification state, how many findings the
 * re-analysis gives differently; the file's facts fold out below. It scrolls
 * with the page and never covers the content.
 */
export function AuditBanner({ summary, verification, differing }: { summary: AuditSummary; verification: Verification; differing?: number }) {
  const db = useDb();
  const [error, setError] = useState<string | null>(null);
  const [confirmTrust, setConfirmTrust] = useState(false);
  const manifest = verification.manifest;
  // "Verified" names whose key it is (the owner label the user confirmed when trusting it).
  const signer = useLiveQuery(async () => (verification.fingerprint ? trustedKeyOf(db, verification.fingerprint) : null), [db, verification.fingerprint]);
  return (
    <section role="region" aria-label="Audit banner" className={`audit-banner state-box-${verification.state}`}>
      <div className="audit-banner-line">
        <span className="read-only-note">Auditor mode, read-only.</span>
        <VerificationState state={verification.state} {...(verification.unreadable ? { unreadable: true } : {})} signer={signer ? { label: signer.label, fingerprint: signer.fingerprint } : null} />
        {differing !== undefined && (
          <span role="status" className={differing ? 'warning-text' : 'muted'}>
            {differing === 0
              ? 'The re-analysis gives the findings the manufacturer recorded.'
              : `${formatCount(differing, 'finding')} ${differing === 1 ? 'differs' : 'differ'} from what the manufacturer recorded.`}
          </span>
        )}
        {verification.state === 'unknown-key' && verification.fingerprint && !confirmTrust && (
          <button type="button" onClick={() => setConfirmTrust(true)}>Trust this key…</button>
        )}
      </div>
      {verification.state === 'unknown-key' && verification.fingerprint && confirmTrust && (
        <TrustKeyConfirm
          fingerprint={verification.fingerprint}
          onConfirm={(label) => trustFingerprint(db, verification.fingerprint!, label).then(() => { setError(null); setConfirmTrust(false); }, (e: unknown) => setError(messageOf(e)))}
          onCancel={() => setConfirmTrust(false)}
        />
      )}
      {verification.state === 'invalid' && (
        <ul className="reasons">{verification.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
      )}
      <details className="audit-banner-facts">
        <summary>
          What the file proves{manifest ? `: ${scopeLabel(manifest.scope)} as of ${manifest.asOf}` : ''}; signer, contents and hash (kept in its own database apart from your workspace)
        </summary>
        <p>{STATE_EXPLANATION[verification.state]}</p>
        {manifest ? (
          <ManifestFacts manifest={manifest} fileName={summary.fileName} manifestHash={summary.manifestHash} fingerprint={verification.fingerprint} />
        ) : (
          <p>Signer: {summary.signer ? <Fingerprint hex={summary.signer} /> : 'not signed'}</p>
        )}
      </details>
      {error && <p role="alert" className="error-text">{error}</p>}
    </section>
  );
}

// ------------------------------------------------------------------ review

function reviewedCounts(entries: readonly ReviewEntry[]): string {
  const of = (prefix: string) => entries.filter((e) => e.findingKey.startsWith(prefix)).length;
  const risks = entries.filter((e) => riskIdOfReviewKey(e.findingKey) !== null).length;
  const activities = of('activity:');
  const vulns = of('vuln:');
  const parts = [formatCount(entries.length - risks - activities - vulns, 'finding')];
  if (risks) parts.push(formatCount(risks, 'risk'));
  if (activities) parts.push(formatCount(activities, 'activity', 'activities'));
  if (vulns) parts.push(formatCount(vulns, 'vulnerability record'));
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

function ReviewSection({ summary, verification, bundle, rerun }: { summary: AuditSummary; verification: Verification; bundle: Bundle; rerun: Rerun }) {
  const db = useDb();
  const store = useAuditStore();
  const platform = usePlatform();
  const pushNotice = useUiStore((s) => s.pushNotice);
  const id = useId();
  const hash = summary.manifestHash;
  const reviews = useLiveQuery(() => store.listReviews(hash), [store, hash]);
  const conclusion = useLiveQuery(() => store.getConclusion(hash), [store, hash]);
  const reviewer = useLiveQuery(async () => {
    const stored = await store.getReviewer(hash);
    return stored.name ? stored : { ...stored, name: (await getSetting(db, 'userName')) ?? '' };
  }, [store, hash, db]);
  const [reviewerDraft, setReviewerDraft] = useState<ReviewerIdentity | null>(null);
  // A saved draft is what the fields show until the stored identity is read back with it: typing in
  // between builds on the draft, never on the identity from before the save (nor is it lost).
  if (reviewerDraft && reviewer && reviewerDraft.name === reviewer.name && reviewerDraft.organisation === reviewer.organisation) setReviewerDraft(null);
  const drafts = useRef(new Map<string, string>());
  // Notes being typed are saved on blur; an export first saves what is still being typed.
  const setDraft = (key: string, note: string | null): void => {
    if (note === null) drafts.current.delete(key);
    else drafts.current.set(key, note);
  };
  const [conclusionDraft, setConclusionDraft] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [reportHtml, setReportHtml] = useState<string | null>(null);
  const byKey = new Map((reviews ?? []).map((r) => [r.findingKey, r]));
  const recorded = bundle.analysis.findings;
  const productNames = new Map(bundle.portfolio.products.map((p) => [p.id, p.name]));
  const named = (f: ComparableFinding): ComparableFinding => ({ ...f, product: f.product ?? (f.productId ? productNames.get(f.productId) : undefined) });
  const risks = useBundleRisks(bundle);
  const lookup = useMemo(() => provisionLookup(rerun.selection.packs), [rerun.selection]);
  const differences = useMemo(() => differencesOf(rerun.comparison), [rerun.comparison]);
  const decided = useMemo(() => auditReportFindings(bundle), [bundle]);

  async function save(findingKey: string, patch: { status?: ReviewStatus | null; note?: string }) {
    try {
      await store.saveReview(hash, findingKey, patch);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  async function flush() {
    for (const [key, note] of [...drafts.current]) {
      await store.saveReview(hash, key, { note });
      drafts.current.delete(key);
    }
    if (conclusionDraft !== null) await store.saveConclusion(hash, conclusionDraft);
    if (reviewerDraft !== null) {
      const draft = reviewerDraft;
      await store.saveReviewer(hash, draft);
    }
  }

  async function saveReviewer() {
    if (reviewerDraft === null) return;
    const draft = reviewerDraft;
    try {
      await store.saveReviewer(hash, draft);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const isReviewed = (r: ReviewRecord | undefined): boolean => r !== undefined && (r.status !== null || r.note.trim() !== '');
  const notReviewed = recorded.filter((f) => !isReviewed(byKey.get(findingIdentity(f)))).length;

  const baseName = `${fileSlug(bundle.manifest.scope.kind === 'portfolio' ? 'portfolio' : bundle.manifest.scope.name)}-${bundle.manifest.asOf}`;

  async function exportResponse() {
    if (verification.state === 'invalid') return;
    setExporting(true);
    setError(null);
    try {
      await flush();
      const identity = await store.getReviewer(hash);
      if (!identity.name || !identity.organisation) {
        setError('Give your name and organisation before exporting the response: the response states who reviewed.');
        return;
      }
      const all = await store.listReviews(hash);
      const reviewedKeys = new Set(all.filter(isReviewed).map((r) => r.findingKey));
      const unreviewed = recorded.filter((f) => !reviewedKeys.has(findingIdentity(f))).length;
      const findings = new Map<string, ComparableFinding>([...rerun.current, ...recorded.map((f) => [findingIdentity(f), f] as const), ...risks.byKey]);
      const threads = await threadsOf(store, bundle.replies);
      const entries: ReviewEntry[] = all
        .filter((r) => r.status !== null || r.note.trim() !== '')
        .map((r) => {
          const f = findings.get(r.findingKey);
          const n = f ? named(f) : null;
          return {
            findingKey: r.findingKey, status: r.status, note: r.note, updatedAt: r.updatedAt,
            history: (r.noteHistory ?? []).map(({ note, savedAt }) => ({ note, savedAt })),
            replies: threads.get(r.findingKey) ?? [],
            finding: n && (n.severity === 'high' || n.severity === 'medium' || n.severity === 'low')
              ? { kind: n.kind, severity: n.severity, product: n.product ?? null, component: n.component ?? null, message: n.message }
              // Activities (`activity:<product>:<A0..A8>`) and vulnerability records (`vuln:<id>`) as the bundle has them.
              : reviewedObligation(r.findingKey, { portfolio: bundle.portfolio, ...bundle.obligations, findings: bundle.analysis.findings, asOf: bundle.manifest.asOf }),
          };
        });
      const { key } = await ensureInstallationSigner(db, platform.signer);
      const info = await platform.appInfo();
      const built = await buildAuditResponse({
        original: { manifestHash: hash, manifest: bundle.manifest, verification: verification.state, signer: verification.fingerprint ?? null },
        review: { reviewer: identity.name, organisation: identity.organisation, summary: await store.getConclusion(hash), entries, notReviewed: unreviewed },
        appVersion: info.version,
        createdAt: new Date().toISOString(),
        signingKey: key,
      });
      const name = `${baseName}-response${RESPONSE_EXTENSION}`;
      const saved = await platform.saveFile({ suggestedName: name, bytes: built.bytes, mimeType: RESPONSE_MEDIA_TYPE, filters: [{ name: 'Auditor responses', extensions: ['sspan-response'] }], title: 'Save the auditor response' });
      if (saved.saved) {
        // A later bundle's replies to these notes then show what they answer.
        await store.recordExportedResponse(hash, {
          id: await sha256Hex(built.manifestBytes), fileName: saved.name ?? name,
          notes: entries.map(({ findingKey, status, note, updatedAt }) => ({ findingKey, status, note, updatedAt })),
        });
        setReportHtml(built.reportHtml);
        pushNotice({ kind: 'success', message: `Auditor response ${saved.name ?? name} saved: ${reviewedCounts(entries)} reviewed, ${formatCount(unreviewed, 'recorded finding')} not reviewed, signed by your key.` });
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setExporting(false);
    }
  }

  async function saveHtml(html: string, name: string) {
    try {
      await platform.saveFile({ suggestedName: name, bytes: new TextEncoder().encode(html), mimeType: 'text/html', filters: [{ name: 'HTML report', extensions: ['html'] }] });
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const counts = { agreed: 0, disputed: 0, 'needs-evidence': 0 } as Record<ReviewStatus, number>;
  for (const r of reviews ?? []) if (r.status && !isActivityReviewKey(r.findingKey)) counts[r.status]++;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Recorded findings ({recorded.length})</h2>
      <p>
        As recorded in the bundle for {bundle.analysis.asOf}. Give each a status and a note; they are saved in this audit only.{' '}
        <span role="status">{formatNumber(counts.agreed)} agreed, {formatNumber(counts.disputed)} disputed, {formatNumber(counts['needs-evidence'])} need evidence.</span>{' '}
        <span role="status" aria-label="Not reviewed">{formatNumber(notReviewed)} of {formatCount(recorded.length, 'recorded finding')} not reviewed.</span>
      </p>
      <AuditFindingsExport
        bundle={bundle} fileName={summary.fileName} verification={verification} packs={rerun.selection.packs} differences={differences}
        loadReviews={async () => { await flush(); return store.listReviews(hash); }}
      />
      {reviews === undefined ? (
        <p role="status">Reading your notes…</p>
      ) : recorded.length === 0 ? (
        <p>The bundle records no findings.</p>
      ) : (
        <ol className="review-list" aria-label="Recorded findings">
          {recorded.slice(0, shown).map((f, i) => {
            const key = findingIdentity(f);
            const difference = differences.get(key);
            return (
              <ReviewRow
                key={key} findingKey={key} finding={named(f)} review={byKey.get(key)} setDraft={setDraft} onSave={save}
                difference={difference} basis={<FindingBasis bundle={bundle} finding={f} decided={decided[i]} lookup={lookup} difference={difference} />}
              />
            );
          })}
        </ol>
      )}
      {recorded.length > shown && <button type="button" onClick={() => setShown(shown + PAGE)}>Show {Math.min(PAGE, recorded.length - shown)} more</button>}
      {reviews !== undefined && (
        <RiskReviewList
          risks={risks}
          renderRow={({ reviewKey, label, finding, detail }) => (
            <ReviewRow findingKey={reviewKey} finding={finding} label={label} detail={detail} review={byKey.get(reviewKey)} setDraft={setDraft} onSave={save} />
          )}
        />
      )}

      <h3>Conclusion</h3>
      {conclusion !== undefined && (
        <textarea
          aria-label="Conclusion"
          className="conclusion"
          rows={4}
          maxLength={10_000}
          value={conclusionDraft ?? conclusion}
          onChange={(e) => setConclusionDraft(e.target.value)}
          onBlur={() => {
            if (conclusionDraft === null) return;
            store.saveConclusion(hash, conclusionDraft).then(() => setConclusionDraft(null), (e: unknown) => setError(messageOf(e)));
          }}
        />
      )}
      <h3>Response</h3>
      <p>A small file for the sender: your statuses and notes, referring to this bundle by its manifest hash, signed with this installation's key, with a readable report. It names you and your organisation and says how many findings you did not review.</p>
      {reviewer !== undefined && (
        <div className="review-controls reviewer-identity" role="group" aria-label="Reviewer">
          {(['name', 'organisation'] as const).map((part) => (
            <label key={part}>
              {part === 'name' ? 'Your name' : 'Organisation'} (required){' '}
              <input
                type="text"
                required
                maxLength={MAX_REVIEWER_PART}
                aria-label={part === 'name' ? 'Reviewer name' : 'Reviewer organisation'}
                value={(reviewerDraft ?? reviewer)[part]}
                onChange={(e) => setReviewerDraft({ ...(reviewerDraft ?? reviewer), [part]: e.target.value })}
                onBlur={() => void saveReviewer()}
              />
            </label>
          ))}
        </div>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={exporting || verification.state === 'invalid'} onClick={() => void exportResponse()}>Export auditor response…</button>
        {reportHtml && <button type="button" onClick={() => void saveHtml(reportHtml, `${baseName}-response-report.html`)}>Save the response report (HTML)</button>}
        <button type="button" onClick={() => void saveHtml(bundle.reportHtml, `${baseName}-report.html`)}>Save the bundle's report (HTML)</button>
      </div>
      {exporting && <p role="status">Writing the response…</p>}
      {error && <p role="alert" className="error-text">{error}</p>}
    </section>
  );
}

function ReviewRow({ findingKey, finding, label: givenLabel, detail, review, setDraft, onSave, basis, difference }: {
  findingKey: string; finding: ComparableFinding; label?: string; detail?: string; review: ReviewRecord | undefined; setDraft: (key: string, note: string | null) => void;
  basis?: ReactNode; difference?: Difference | undefined;
  onSave: (key: string, patch: { status?: ReviewStatus | null; note?: string }) => Promise<void>;
}) {
  const [note, setNote] = useState<string | null>(null);
  const label = givenLabel ?? findingLabel(finding);
  return (
    <li className={`review-row sev-border-${finding.severity}`}>
      <p className="review-head">
        <span className={`sev sev-${finding.severity}`}>{finding.severity}</span> <strong>{label}</strong>
        {difference && <> <span className="differs-tag" title={difference.lines.join('\n')}>differs: {difference.summary}</span></>}
      </p>
      <p>{finding.message}</p>
      {finding.remediation && <p className="muted">Remediation: {finding.remediation}</p>}
      {detail && <p className="muted">{detail}</p>}
      {basis}
      <ManufacturerReplies findingKey={findingKey} />
      <div className="review-controls">
        <label>
          Status{' '}
          <select
            aria-label={`Status of ${label}`}
            value={review?.status ?? ''}
            onChange={(e) => void onSave(findingKey, { status: e.target.value === '' ? null : (e.target.value as ReviewStatus) })}
          >
            <option value="">No status</option>
            {REVIEW_STATUSES.map((s) => <option key={s} value={s}>{REVIEW_STATUS_LABELS[s]}</option>)}
          </select>
        </label>
        <label className="note-field">
          Note
          <textarea
            aria-label={`Note on ${label}`}
            rows={2}
            maxLength={10_000}
            value={note ?? review?.note ?? ''}
            onChange={(e) => {
              setNote(e.target.value);
              setDraft(findingKey, e.target.value);
            }}
            onBlur={() => {
              if (note === null) return;
              setDraft(findingKey, null);
              void onSave(findingKey, { note }).then(() => setNote(null));
            }}
          />
        </label>
      </div>
      {review && (review.status !== null || review.note !== '') && (
        <p className="muted review-saved">Saved {formatTimestamp(review.updatedAt)}</p>
      )}
      {review?.noteHistory && review.noteHistory.length > 0 && (
        <details className="note-history">
          <summary>Earlier versions of the note ({formatNumber(review.noteHistory.length)})</summary>
          <ol aria-label={`Earlier versions of the note on ${label}`}>
            {[...review.noteHistory].reverse().map((v, i) => <li key={i}><span className="muted">{formatTimestamp(v.savedAt)}:</span> {v.note}</li>)}
          </ol>
        </details>
      )}
    </li>
  );
}

// ------------------------------------------------------------------ comparison

function ComparisonSection({ bundle, rerun }: { bundle: Bundle; rerun: Rerun }) {
  const id = useId();
  const { selection, comparison } = rerun;
  const differs = comparison.onlyRecorded.length + comparison.onlyCurrent.length + comparison.changed.length;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Re-run of the analysis</h2>
      <p>
        The bundle's data analysed again for {bundle.analysis.asOf} with its rule packs ({bundle.analysis.rulePacks.map((p) => `${p.id} ${p.version}`).join(', ') || 'none named: the built-in set'}).
      </p>
      {selection.missing.length > 0 && (
        <p className="warning-text">Not available in this app, so not run: {selection.missing.map((m) => `${m.id} ${m.version}`).join(', ')}.</p>
      )}
      {selection.otherVersion.length > 0 && (
        <p className="warning-text">Run in another version than recorded: {selection.otherVersion.map((o) => `${o.id} (recorded ${o.recorded}, this app ${o.available})`).join(', ')}.</p>
      )}
      {rerun.error && <p role="alert" className="error-text">The analysis could not be re-run: {rerun.error}</p>}
      <p role="status">
        {differs === 0 ? `The re-run gives the recorded findings (${comparison.same} the same).` : `${comparison.same} the same; ${comparison.onlyRecorded.length} only recorded, ${comparison.onlyCurrent.length} only now, ${comparison.changed.length} changed.`}
      </p>
      {comparison.onlyRecorded.length > 0 && (
        <>
          <h3>Only recorded ({comparison.onlyRecorded.length})</h3>
          <ul aria-label="Only recorded">{comparison.onlyRecorded.slice(0, 200).map((f) => <li key={findingIdentity(f)}>{f.severity} · {findingLabel(f)}: {f.message}</li>)}</ul>
        </>
      )}
      {comparison.onlyCurrent.length > 0 && (
        <>
          <h3>Only now ({comparison.onlyCurrent.length})</h3>
          <ul aria-label="Only now">{comparison.onlyCurrent.slice(0, 200).map((f) => <li key={findingIdentity(f)}>{f.severity} · {findingLabel(f)}: {f.message}</li>)}</ul>
        </>
      )}
      {comparison.changed.length > 0 && (
        <>
          <h3>Changed ({comparison.changed.length})</h3>
          <ul aria-label="Changed findings">
            {comparison.changed.slice(0, 200).map((c) => (
              <li key={c.key}>
                {findingLabel(c.recorded)}
                <ul>
                  {c.fields.map((field) => (
                    <li key={field}>{field}: recorded {shortValue(c.recorded[field])}, now {shortValue(c.current[field])}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

// ------------------------------------------------------------------ data

function DataSection({ bundle }: { bundle: Bundle }) {
  const id = useId();
  const { lines, products, decisions } = bundle.portfolio;
  const findingsByKey = new Map(bundle.analysis.findings.map((f) => [f.key ?? findingIdentity(f), { ...f, product: f.product ?? products.find((p) => p.id === f.productId)?.name }] as const));
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Products and components</h2>
      {lines.map((line) => (
        <div key={line.id} className="audit-line">
          <h3>{line.name} <span className="muted">({line.environment})</span></h3>
          {products.filter((p) => p.lineId === line.id).map((p) => (
            <details key={p.id} className="audit-product">
              <summary>
                {p.name} <span className="muted">SKU {p.sku} · {p.components.length} components · declared support end {p.declaredSupportEnd ?? 'unknown'}</span>
              </summary>
              <table className="audit-components">
                <thead>
                  <tr><th scope="col">Component</th><th scope="col">Class</th><th scope="col">Role</th><th scope="col">Supplier</th><th scope="col">Version</th><th scope="col">Security support end</th><th scope="col">Expected life (years)</th></tr>
                </thead>
                <tbody>
                  {p.components.map((c) => (
                    <tr key={c.id}>
                      <td>{c.name}</td><td>{c.class}</td><td>{c.role}</td><td>{c.supplier ?? ''}</td><td>{c.version ?? ''}</td>
                      <td>{c.securitySupportEnd ?? ''}</td><td>{c.expectedLifeYears ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </div>
      ))}
      <h3>Decisions ({decisions.length})</h3>
      {decisions.length === 0 ? <p className="muted">No decisions recorded.</p> : (
        <ul aria-label="Decisions">
          {decisions.map((d) => (
            <li key={d.id}>
              {STATUS_LABELS[d.type]} · {findingsByKey.has(d.findingKey) ? findingLabel(findingsByKey.get(d.findingKey)!) : <>a finding no longer recorded <code>{d.findingKey}</code></>}{' '}
              by {d.by || 'not named'} on {formatTimestamp(d.decidedAt)}{d.expires ? `, expires ${formatDate(d.expires)}` : ''}: {d.rationale}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
