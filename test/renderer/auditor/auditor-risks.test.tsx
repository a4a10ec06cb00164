import { describe, expect, it } from 'vitest';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readBundle, verifyAuditResponse } from '../../../shared/bundle';
import { buildRegister, emptyRegisterData, riskReviewKey, CATALOG_VERSION } from '../../../shared/risk';
import type { SupportspanDb } from '../../../renderer/db/database';
import { auditStoreFor } from '../../../renderer/db/auditor-db';
import { getSigningKey } from '../../../renderer/db/repositories/keys';
import { createMemoryPlatform } from '../../../renderer/platform/memory-platform';
import { renderApp } from '../helpers';
import { withLayout } from '../portfolio/fixtures';
import { AS_OF, makeBundle, otherKey, samplePortfolio, useBundlesScreenDb } from '../bundles/bundle-fixtures';

withLayout();
configure({ asyncUtilTimeout: 15_000 });

let db: SupportspanDb;
useBundlesScreenDb((fresh) => (db = fresh));

describe('auditor mode: risks', () => {
  it('lists the bundle\'s risks, keeps a comment on one under its risk key and sends it in the response', async () => {
    const portfolio = samplePortfolio();
    const product = portfolio.products[0]!;
    const data = emptyRegisterData(CATALOG_VERSION);
    data.risks.push({
      id: 'user-risk-1', productId: product.id, componentId: null, threatId: 'TID-101', likelihood: 2, impact: 4,
      response: 'mitigate', rationale: 'Signed boot <script>', owner: 'Ops', reviewDate: null, expires: null, residualLikelihood: null, residualImpact: null,
    });
    const expected = buildRegister(portfolio, data, { asOf: AS_OF });
    const userRow = expected.risks.find((r) => r.id === 'user-risk-1')!;
    expect(userRow).toBeTruthy();
    const lifecycle = expected.risks.filter((r) => r.lifecycle);
    expect(lifecycle.length).toBeGreaterThan(0);

    const built = await makeBundle({ portfolio, key: await otherKey(), edit: (input) => { input.risks = data; } });
    const read = await readBundle(built.bytes);
    if (!read.ok) throw new Error(read.error);
    expect(read.bundle.risks.risks).toHaveLength(1);

    const platform = createMemoryPlatform();
    await renderApp({ db, platform });
    platform.queueFile({ name: 'risks.sspan', bytes: built.bytes });
    await userEvent.click(await screen.findByRole('button', { name: 'Open a bundle…' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Open in auditor mode' }));

    const list = await screen.findByRole('list', { name: 'Risks' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(expected.risks.length);
    expect(screen.getByRole('heading', { name: `Risks (${expected.risks.length})` })).toBeTruthy();
    const label = `${userRow.threat.id} ${userRow.threat.title}: ${userRow.product}`;
    const row = rows.find((r) => within(r).queryByText(label) !== null)!;
    expect(row).toBeTruthy();
    expect(within(row).getByText(/Risk recorded by the manufacturer; likelihood 2, impact/)).toBeTruthy();

    await userEvent.selectOptions(within(row).getByRole('combobox', { name: `Status of ${label}` }), 'needs-evidence');
    await userEvent.type(within(row).getByRole('textbox', { name: `Note on ${label}` }), 'Show the secure boot test <i>report</i>');
    await userEvent.tab();
    const hash = read.bundle.manifestHash;
    await waitFor(async () => {
      const r = (await auditStoreFor(db.name).listReviews(hash)).find((x) => x.findingKey === riskReviewKey('user-risk-1'));
      expect(r).toMatchObject({ status: 'needs-evidence', note: 'Show the secure boot test <i>report</i>' });
    });

    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer name' }), 'Rita Reviewer');
    await userEvent.type(screen.getByRole('textbox', { name: 'Reviewer organisation' }), 'Notified Body 0001');
    await userEvent.click(screen.getByRole('button', { name: 'Export auditor response…' }));
    await waitFor(() => expect(platform.saved.some((s) => s.name.endsWith('.sspan-response'))).toBe(true));
    expect(await screen.findByText(/0 findings and 1 risk reviewed/)).toBeTruthy();
    const response = platform.saved.find((s) => s.name.endsWith('.sspan-response'))!;
    const verified = await verifyAuditResponse(response.bytes, { trustedFingerprints: [(await getSigningKey(db))!.fingerprint] });
    expect(verified.state).toBe('valid');
    expect(verified.review?.entries).toHaveLength(1);
    expect(verified.review?.entries[0]).toMatchObject({
      findingKey: 'risk:user-risk-1', status: 'needs-evidence', note: 'Show the secure boot test <i>report</i>',
      finding: { kind: 'risk', product: product.name, component: null },
    });
    expect(verified.review?.entries[0]?.finding?.message).toContain('TID-101');
  });
});
