import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readBundle, verifyAuditResponse } from '../../../shared/bundle';
import { activityRecordSchema, activityReviewKey } from '../../../shared/obligations/activities';
import { vulnerabilityRecordSchema, vulnReviewKey } from '../../../shared/obligations/vulnerabilities';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { getSigningKey } from '../../../renderer/db/repositories/keys';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { makeBundle, otherKey, samplePortfolio, useBundlesScreenDb } from '../bundles/bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

describe('activities in the auditor workspace', () => {
  it('shows the bundle\'s activity records, takes a verdict and a comment per activity, and carries them in the signed response', async () => {
    const portfolio = samplePortfolio();
    const product = portfolio.products[0]!;
    const record = activityRecordSchema.parse({
      id: `${product.id}:A5`, productId: product.id, activityId: 'A5', status: 'done', reason: 'Supplier <b>extension</b> letter on file',
      owner: 'Ana Lima', due: '2026-12-31', evidence: [{ kind: 'link', ref: 'https://example.com/letter', label: 'Extension letter' }],
      signOff: { name: 'Rui Costa', date: '2026-11-27' },
    });
    const vuln = vulnerabilityRecordSchema.parse({
      id: 'v1', kind: 'exploited-vulnerability', title: 'Web UI RCE', identifier: 'CVE-2026-40001', productIds: [product.id], knownAt: '2026-11-20T08:00:00Z',
      reports: { 'early-warning': { sentAt: '2026-11-20T20:00:00Z', reference: 'CSIRT-1' }, notification: null, 'final-report': null },
    });
    const built = await makeBundle({
      portfolio,
      key: await otherKey(),
      edit: (input) => {
        input.obligations = { activityRecords: [record], vulnerabilities: [vuln], communicationPlans: [] };
      },
    });
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    platform.queueFile({ name: 'activities.sspan', bytes: built.bytes });
    await userEvent.click(await screen.findByRole('button', { name: 'Open a bundle…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Open in auditor mode' }));
    await screen.findByRole('region', { name: 'Audit banner' });

    const section = await screen.findByRole('region', { name: 'Activities (NIST IR 8259r1)' });
    const list = await within(section).findByRole('list', { name: `Activities of ${product.name}` });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(9);
    const five = rows[5]!;
    expect(within(five).getByText('Activity 5')).toBeTruthy();
    expect(within(five).getByText('Done (reason: Supplier <b>extension</b> letter on file)')).toBeTruthy();
    expect(within(five).getByText('Link: Extension letter (https://example.com/letter)')).toBeTruthy();
    expect(within(five).getByText('Rui Costa, 2026-11-27')).toBeTruthy();
    expect(section.querySelector('b')).toBeNull();

    await userEvent.selectOptions(within(five).getByRole('combobox', { name: `Verdict on Activity 5 of ${product.name}` }), 'needs-evidence');
    await userEvent.type(within(five).getByRole('textbox', { name: `Comment on Activity 5 of ${product.name}` }), 'Attach the signed letter itself.');
    await userEvent.tab();
    const key = activityReviewKey(product.id, 'A5');
    const store = auditStoreFor(db.name);
    await waitFor(async () => {
      const r = (await store.listReviews(read.bundle.manifestHash)).find((x) => x.findingKey === key);
      expect(r).toMatchObject({ status: 'needs-evidence', note: 'Attach the signed letter itself.' });
    });
    // The vulnerability record, with its reports as they stood when the bundle was made.
    const vulns = within(section).getByRole('list', { name: 'Recorded vulnerabilities and incidents' });
    expect(within(vulns).getByText(/due 2026-11-21 08:00 UTC; sent 2026-11-20 20:00 UTC, reference CSIRT-1/)).toBeTruthy();
    expect(within(vulns).getByText(/due 2026-11-23 08:00 UTC; not sent, overdue when the bundle was made/)).toBeTruthy();
    await userEvent.selectOptions(within(vulns).getByRole('combobox', { name: 'Verdict on CVE-2026-40001' }), 'disputed');
    await waitFor(() => expect(within(section).getByText('0 agreed, 1 disputed, 1 need evidence.')).toBeTruthy());
    // The findings' own count leaves the activity verdict out.
    expect(screen.getByText(/^0 agreed, 0 disputed, 0 need evidence\.$/)).toBeTruthy();

    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer name' }), 'Rita Reviewer');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer organisation' }), 'Notified Body 0001');
    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.sspan-response'))).toBe(true));
    const response = platform.saved.find((s) => s.name.endsWith('.sspan-response'))!;
    const myKey = await getSigningKey(db);
    const verified = await verifyAuditResponse(response.bytes, { trustedFingerprints: [myKey!.fingerprint] });
    expect(verified.state).toBe('valid');
    expect(verified.review?.entries).toEqual([
      expect.objectContaining({ findingKey: key, status: 'needs-evidence', note: 'Attach the signed letter itself.' }),
      expect.objectContaining({ findingKey: vulnReviewKey('v1'), status: 'disputed' }),
    ]);
  });
});
