import { afterEach, describe, expect, it } from 'vitest';
import { buildAuditResponse, createBundle, readBundle, verifyAuditResponse, type ReviewEntryInput } from '../../../shared/bundle';
import { createAuditStore, type AuditStore } from '../../../renderer/db/auditor-db';
import { activityRecordSchema, activityReviewKey, emptyActivityRecord } from '../../../shared/obligations/activities';
import { parseObligationReviewKey, reviewedObligation } from '../../../shared/obligations/review';
import { vulnerabilityRecordSchema, vulnReviewKey } from '../../../shared/obligations/vulnerabilities';
import { sampleInput } from '../../fixtures/bundles/sample';

const CREATED = '2026-11-28T10:00:00.000Z';
let store: AuditStore | null = null;
afterEach(async () => {
  if (store) {
    for (const a of await store.listAudits()) await store.deleteAudit(a.manifestHash);
    store.close();
  }
  store = null;
});

describe('auditor verdicts on activities and vulnerability records', () => {
  it('parses the review keys and refuses others', () => {
    expect(parseObligationReviewKey(activityReviewKey('p-thermo', 'A5'))).toEqual({ type: 'activity', productId: 'p-thermo', activityId: 'A5' });
    expect(parseObligationReviewKey(vulnReviewKey('v1'))).toEqual({ type: 'vulnerability', id: 'v1' });
    expect(parseObligationReviewKey('activity:p-thermo:A9')).toBeNull();
    expect(parseObligationReviewKey('activity::A1')).toBeNull();
    expect(parseObligationReviewKey('vuln:')).toBeNull();
    expect(parseObligationReviewKey('support-ends-before-use:p-thermo:-')).toBeNull();
    expect(parseObligationReviewKey('risk:r1')).toBeNull();
  });

  it('are stored in the audit, exported in the signed-or-not response with what was reviewed, and read back', async () => {
    const obligations = {
      activityRecords: [activityRecordSchema.parse({ ...emptyActivityRecord('p-thermo', 'A5'), status: 'done', signOff: { name: 'Rui', date: '2026-11-27' } })],
      vulnerabilities: [vulnerabilityRecordSchema.parse({ id: 'v1', kind: 'exploited-vulnerability', title: 'TLS overflow', identifier: 'CVE-2026-12345', productIds: ['p-thermo'], knownAt: '2026-10-24T23:30:00Z' })],
      communicationPlans: [],
    };
    const read = await readBundle(await createBundle({ ...(await sampleInput()), obligations }));
    if (!read.ok) throw new Error(read.error);
    const bundle = read.bundle;

    store = createAuditStore(`audit-obligations-${Date.now()}`);
    await store.saveAudit({ manifestHash: bundle.manifestHash, fileName: 'b.sspan', scope: bundle.manifest.scope, asOf: bundle.manifest.asOf, createdAt: bundle.manifest.createdAt, appVersion: '0.1.0', signer: null, bytes: new Uint8Array([1]) });
    const a5 = activityReviewKey('p-thermo', 'A5');
    const a8 = activityReviewKey('p-lock', 'A8');
    const v1 = vulnReviewKey('v1');
    await store.saveReview(bundle.manifestHash, a5, { status: 'disputed', note: 'Done, while the legal minimum is not met' });
    await store.saveReview(bundle.manifestHash, a8, { status: 'needs-evidence' });
    await store.saveReview(bundle.manifestHash, v1, { status: 'agreed', note: 'Early warning on time' });
    await expect(store.saveReview(bundle.manifestHash, v1, { status: 'maybe' as 'agreed' })).rejects.toThrow('Review was not saved: status: "maybe" is not one of agreed, disputed, needs-evidence');
    const reviews = await store.listReviews(bundle.manifestHash);
    expect(reviews.map((r) => [r.findingKey, r.status]).sort()).toEqual([[a8, 'needs-evidence'], [a5, 'disputed'], [v1, 'agreed']].sort());

    const data = { portfolio: bundle.portfolio, ...bundle.obligations, findings: bundle.analysis.findings, asOf: bundle.manifest.asOf };
    const entries: ReviewEntryInput[] = reviews.map((r) => ({ findingKey: r.findingKey, status: r.status, note: r.note, updatedAt: r.updatedAt, finding: reviewedObligation(r.findingKey, data) }));
    const built = await buildAuditResponse({
      original: { manifestHash: bundle.manifestHash, manifest: bundle.manifest, verification: 'unsigned', signer: null },
      review: { reviewer: 'Iris', organisation: 'NB', summary: 'Activities checked', entries },
      appVersion: '0.1.0', createdAt: CREATED,
    });
    expect(built.manifest.counts).toEqual({ entries: 3, agreed: 1, disputed: 1, needsEvidence: 1 });
    const back = await verifyAuditResponse(built.bytes);
    expect(back.state).toBe('unsigned');
    const byKey = new Map(back.review!.entries.map((e) => [e.findingKey, e]));
    expect(byKey.get(a5)).toMatchObject({ status: 'disputed', note: 'Done, while the legal minimum is not met', finding: { kind: 'activity', severity: 'medium', product: 'Thermostat T1' } });
    expect(byKey.get(a5)!.finding!.message).toMatch(/^Activity 5: Plan for adequate support .*Done; .*signed off by Rui on 2026-11-27\.$/);
    expect(byKey.get(a8)).toMatchObject({ status: 'needs-evidence', finding: { kind: 'activity', severity: 'high', product: 'Smart lock L2' } });
    expect(byKey.get(v1)).toMatchObject({ status: 'agreed', finding: { kind: 'vulnerability', severity: 'high', product: 'Thermostat T1' } });
    expect(byKey.get(v1)!.finding!.message).toContain('CVE-2026-12345: TLS overflow; became aware 2026-10-24T23:30:00Z; reports sent: none.');
    expect(built.reportHtml).toContain('Activity 5: Plan for adequate support');
    // A key naming nothing in the bundle stays without a reviewed item.
    expect(reviewedObligation(activityReviewKey('ghost', 'A1'), data)).toBeNull();
    expect(reviewedObligation(vulnReviewKey('ghost'), data)).toBeNull();
  });
});
