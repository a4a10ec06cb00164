/**
 * The Risks screen and the product page's risk section over the real
 * repositories (fake-indexeddb): the register, the matrix filter, scoring
 * with the written anchors, acceptance that expires, controls shared by two
 * risks, undo, the catalog with its attribution, user threats and STRIDE
 * tags, OTM export; on the product page, properties → threats → risks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLine, putProduct } from '../../../renderer/db';
import { setSetting } from '../../../renderer/db/repositories/settings';
import { loadRiskRegisterData } from '../../../renderer/db/repositories/risks';
import type { SupportspanDb } from '../../../renderer/db/database';
import { resetRiskFilters } from '../../../renderer/features/risks/risk-filters';
import { resetUiStore } from '../../../renderer/state/ui-store';
import { EMB3D_COPYRIGHT, lifecycleRiskId, validateOtm } from '../../../shared/risk';
import { renderApp, useTestDb } from '../helpers';

const freshDb = useTestDb();
afterEach(() => {
  resetRiskFilters();
  resetUiStore();
  window.location.hash = '';
});

const LC = lifecycleRiskId('TID-210', 'gw', null);
const CERT = lifecycleRiskId('LC-CERT', 'gw', 'cert');

async function seed(db: SupportspanDb) {
  const line = await createLine(db, { name: 'Gateways', environment: 'industrial' });
  await putProduct(db, {
    id: 'gw', lineId: line.id, name: 'Gateway G1', category: 'gateway',
    firstPlacedOnMarket: '2020-01-01', lastPlacedOnMarket: '2020-12-31', expectedUseYears: 10, unitsPerYear: 1000, declaredSupportEnd: '2030-12-31',
    components: [
      { id: 'fw', name: 'Firmware', class: 'it', role: 'firmware', core: true, securitySupportEnd: '2026-12', updateMechanism: 'ota' },
      { id: 'radio', name: 'Radio', class: 'it', role: 'radio' },
      { id: 'cert', name: 'Device certificate', class: 'it', role: 'certificate', expires: '2027-06-30' },
    ],
  });
  await setSetting(db, 'asOfDate', '2026-01-15');
}

async function openRisks() {
  const db = freshDb();
  await db.open();
  await seed(db);
  const user = userEvent.setup();
  const app = await renderApp({ db });
  await user.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Risks' }));
  await screen.findByRole('heading', { level: 1, name: 'Risks' });
  await screen.findByRole('table', { name: 'Risk register' });
  return { user, ...app };
}

const rowOf = (id: string) => document.querySelector<HTMLElement>(`tr[data-risk-id="${id}"]`);
const detail = () => screen.getByTestId('risk-detail');

describe('Risks screen', () => {
  it('lists the lifecycle risks with their scores, level, status, exposure, and the matrix cell filters the table', async () => {
    const { user } = await openRisks();
    const row = within(rowOf(LC)!);
    expect(row.getByRole('button', { name: /TID-210 Device Vulnerabilities Unpatchable/ })).toBeTruthy();
    // Industrial: impact 3 weighted one step up to 4; 4 × 4 = 16, high.
    const cells = [...rowOf(LC)!.querySelectorAll('td')].map((c) => c.textContent);
    // Product · component, L × I, score, level, residual, status, exposure, controls
    expect(cells.slice(0, 6)).toEqual(['Gateway G1 · Firmware', '4 × 4', '16', 'High', '16 High', 'Open']);
    expect(cells[6]).toMatch(/^[\d,]+ unit-years$/);
    expect(cells[7]).toBe('0');
    expect(rowOf(CERT)).toBeTruthy();

    const cell = screen.getByRole('button', { name: /^Likelihood 4 Likely, impact 4 Major: 1 risk, level high$/ });
    await user.click(cell);
    expect(cell.getAttribute('aria-pressed')).toBe('true');
    expect(rowOf(LC)).toBeTruthy();
    expect(rowOf(CERT)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show all cells' }));
    expect(rowOf(CERT)).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Source'), 'user');
    expect(screen.getByText('No risk matches the filters.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.type(screen.getByLabelText('Search risks'), 'certificate');
    expect(rowOf(LC)).toBeNull();
    expect(rowOf(CERT)).toBeTruthy();
  });

  it('scores a risk against the written anchors, shows the weighting, basis and chain, and an expired acceptance reopens', async () => {
    const { user, db } = await openRisks();
    await user.click(within(rowOf(LC)!).getByRole('button', { name: /TID-210/ }));
    const d = within(detail());
    expect(d.getByText(/Environment: Industrial OT \/ IIoT, impact \+1 step \(3 → 4\)\. In OT\/IIoT a compromise/)).toBeTruthy();
    expect(detail().querySelector('.risk-basis')!.textContent).toMatch(/^Security support for Gateway G1 effectively ends 2026-12-31, set by Firmware \(firmware\), before its units stop being used\.$/);
    expect(within(d.getByRole('list', { name: 'Chain that sets the support end' })).getAllByRole('listitem')[0]!.textContent).toBe('Gateway G1');
    const likelihood = d.getByLabelText('Likelihood') as HTMLSelectElement;
    expect([...likelihood.options].map((o) => o.text)).toContain('2 Unlikely: possible, no known attack against this kind of product');

    await user.selectOptions(likelihood, '2');
    await user.click(d.getByRole('button', { name: 'Save assessment' }));
    await waitFor(() => expect(rowOf(LC)!.querySelectorAll('td')[1]!.textContent).toBe('2 × 4'));
    expect(rowOf(LC)!.querySelectorAll('td')[2]!.textContent).toBe('8');

    // Accepting needs rationale, owner and expiry: the repository says what is missing.
    await user.selectOptions(d.getByLabelText('Response'), 'accept');
    await user.click(d.getByRole('button', { name: 'Save assessment' }));
    expect(await d.findByText(/Not saved: .*owner/)).toBeTruthy();
    await user.type(d.getByLabelText('Rationale'), 'Units sit behind the plant firewall');
    await user.type(d.getByLabelText('Owner'), 'Ana');
    await user.type(d.getByLabelText('Acceptance expires'), '2025-12-31');
    await user.click(d.getByRole('button', { name: 'Save assessment' }));
    // The expiry is before the as-of date, so the acceptance has already lapsed.
    await waitFor(() => expect(within(detail()).getByTestId('risk-status').textContent).toBe('Reopened (acceptance expired): accepted until 2025-12-31'));
    const stored = (await loadRiskRegisterData(db)).risks.find((r) => r.id === LC)!;
    expect([stored.likelihood, stored.response, stored.owner, stored.expires]).toEqual([2, 'accept', 'Ana', '2025-12-31']);
  });

  it('adds a proposed control, shares it with a second risk, and undo takes the link back', async () => {
    const { user, db } = await openRisks();
    await user.click(within(rowOf(LC)!).getByRole('button', { name: /TID-210/ }));
    const proposed = within(detail()).getByLabelText('Proposed control') as HTMLSelectElement;
    const isolation = [...proposed.options].find((o) => o.text.startsWith('Network isolation'))!;
    await user.selectOptions(proposed, isolation.value);
    await user.click(within(detail()).getByRole('button', { name: 'Add proposed control' }));
    await waitFor(() => expect(within(detail()).getByText('Network isolation of units past support')).toBeTruthy());
    const [control] = (await loadRiskRegisterData(db)).controls;
    expect(control).toMatchObject({ title: 'Network isolation of units past support', compensating: true, riskIds: [LC] });

    await user.click(within(rowOf(CERT)!).getByRole('button', { name: /LC-CERT/ }));
    await user.click(within(detail()).getByRole('button', { name: 'Link control' }));
    await waitFor(async () => expect((await loadRiskRegisterData(db)).controls[0]!.riskIds.sort()).toEqual([CERT, LC].sort()));
    expect(await within(detail()).findByText(/Also mitigates:/)).toBeTruthy();
    expect(rowOf(CERT)!.querySelectorAll('td')[7]!.textContent).toBe('1');

    await user.click(screen.getByRole('button', { name: /^Undo/ }));
    await waitFor(async () => expect((await loadRiskRegisterData(db)).controls[0]!.riskIds).toEqual([LC]));
  });

  it('adds a risk from the catalog and shows the catalog with the EMB3D attribution, your threats and STRIDE tags', async () => {
    const { user, db } = await openRisks();
    await user.click(screen.getByRole('button', { name: 'Threat catalog' }));
    const cat = within(screen.getByTestId('threat-catalog'));
    expect(cat.getByText(new RegExp(EMB3D_COPYRIGHT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))).toBeTruthy();
    expect(cat.getByText(/OWASP Machine Learning Security Top 10/)).toBeTruthy();

    await user.type(cat.getByLabelText('Threat id'), 'ACME-01');
    await user.type(cat.getByLabelText('Title'), 'Service port left open');
    await user.type(cat.getByLabelText('References'), 'CWE-1191, CAPEC-121');
    await user.click(cat.getByRole('button', { name: 'Add threat' }));
    await waitFor(async () => expect((await loadRiskRegisterData(db)).threats).toMatchObject([{ id: 'ACME-01', references: ['CWE-1191', 'CAPEC-121'] }]));
    await user.click(await cat.findByRole('checkbox', { name: 'Tampering' }));
    await user.click(cat.getByRole('button', { name: 'Save STRIDE tags' }));
    await waitFor(async () => expect((await loadRiskRegisterData(db)).threatTags).toEqual([{ threatId: 'ACME-01', stride: ['tampering'] }]));
    await user.click(cat.getByRole('button', { name: 'Close the catalog' }));

    await user.click(screen.getByRole('button', { name: 'Add risk' }));
    await user.selectOptions(screen.getByLabelText('Component (optional)'), 'radio');
    await user.selectOptions(screen.getByLabelText('Threat'), 'ACME-01');
    await user.click(screen.getByRole('button', { name: 'Add the risk' }));
    await waitFor(() => expect(within(detail()).getByRole('heading', { name: /ACME-01 Service port left open/ })).toBeTruthy());
    expect((await loadRiskRegisterData(db)).risks).toMatchObject([{ productId: 'gw', componentId: 'radio', threatId: 'ACME-01' }]);
  });

  it('exports the product threat model as OTM JSON that validates against the schema, and the register as CSV', async () => {
    const { user, platform } = await openRisks();
    await user.click(screen.getByRole('button', { name: 'Export threat model (OTM)' }));
    await screen.findByText('Saved gateway-g1.otm.json.');
    const file = platform.saved.at(-1)!;
    const doc = JSON.parse(new TextDecoder().decode(file.bytes)) as { otmVersion: string; threats: { id: string }[] };
    expect(validateOtm(doc)).toEqual([]);
    expect(doc.threats.map((t) => t.id)).toContain(LC);

    await user.click(screen.getByRole('button', { name: 'Export risks (CSV)' }));
    await screen.findByText('Saved risk-register-2026-01-15-risks.csv.');
    const csv = new TextDecoder().decode(platform.saved.at(-1)!.bytes);
    expect(csv).toContain('TID-210');
    expect(csv).toContain('Gateway G1');
  });
});

describe('product page risk section', () => {
  it('proposes properties with reasons, confirming one brings its threats, which can be added and lead to the Risks screen', async () => {
    const db = freshDb();
    await db.open();
    await seed(db);
    const user = userEvent.setup();
    window.location.hash = '#/product/gw';
    await renderApp({ db });
    await screen.findByRole('heading', { level: 1, name: 'Gateway G1' });
    await user.click(screen.getByRole('tab', { name: 'Risks' }));
    const section = within(await screen.findByTestId('product-risks', {}, { timeout: 4000 }));
    const radio = section.getByRole('group', { name: /PID-41 / });
    expect(within(radio).getByText(/Radio \(radio\) has a wireless interface/)).toBeTruthy();
    expect(section.getByText('No threat follows yet: confirm the device properties that apply.')).toBeTruthy();

    await user.click(within(radio).getByRole('radio', { name: 'Applies' }));
    await waitFor(async () => expect((await loadRiskRegisterData(db)).properties).toMatchObject([{ productId: 'gw', propertyId: 'PID-41', state: 'confirmed' }]));
    const threats = within((await section.findByRole('heading', { name: /Applicable threats \([1-9]/ })).parentElement!);
    const first = threats.getAllByRole('listitem')[0]!;
    expect(within(first).getByText(/brought by PID-41/)).toBeTruthy();
    const threatId = first.getAttribute('data-threat-id')!;
    await user.click(within(first).getByRole('button', { name: /Add .* to the register/ }));
    await waitFor(async () => expect((await loadRiskRegisterData(db)).risks.map((r) => r.threatId)).toEqual([threatId]));

    const link = await section.findByRole('link', { name: new RegExp(`^${threatId} `) });
    await user.click(link);
    await screen.findByRole('heading', { level: 1, name: 'Risks' });
    expect(within(await screen.findByTestId('risk-detail')).getByRole('heading', { name: new RegExp(threatId) })).toBeTruthy();

    expect(window.location.hash.startsWith('#/risks/')).toBe(true);
  });
});
