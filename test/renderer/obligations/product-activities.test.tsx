import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ICAL from 'ical.js';
import { createLine, putProduct, setSetting } from '../../../renderer/db';
import { attachEvidence } from '../../../renderer/db/repositories/evidence';
import { undo } from '../../../renderer/db/repositories/undo';
import { useUiStore } from '../../../renderer/state/ui-store';
import { ACTIVITIES } from '../../../shared/obligations/activity-catalog';
import { portfolioSchema } from '../../../shared/domain';
import { buildRegister, CATALOG_VERSION, emptyRegisterData } from '../../../shared/risk';
import { renderApp, useTestDb } from '../helpers';

const freshDb = useTestDb();

/**
 * T1 is still on sale and in use for 10 years, but its security support ends
 * 2032-12: the engine reports a high "support ends before use" finding, which
 * bears on Activities 5 and 6.
 */
async function openProduct() {
  const db = freshDb();
  const line = await createLine(db, { name: 'Thermostats', environment: 'consumer' });
  await putProduct(db, {
    id: 'p1', lineId: line.id, name: 'T1', sku: 'T1-EU', category: 'thermostat', markets: ['EU'], firstPlacedOnMarket: '2024-01',
    declaredSupportEnd: '2032-12', unitsPerYear: 1000, expectedUseYears: 10,
    components: [{ id: 'c1', name: 'Main firmware', class: 'it', role: 'firmware', version: '2.1', securitySupportEnd: '2033-06', updateMechanism: 'ota', core: true }],
  });
  await setSetting(db, 'userName', 'Rita Reviewer');
  await setSetting(db, 'asOfDate', '2026-12-01');
  const user = userEvent.setup();
  const view = await renderApp({ db });
  act(() => useUiStore.getState().navigate({ area: 'product', productId: 'p1' }));
  fireEvent.click(await screen.findByRole('tab', { name: 'Activities' }));
  const section = await screen.findByRole('region', { name: 'Activities (NIST IR 8259r1)' });
  await within(section).findByRole('list', { name: 'Activities of T1' });
  return { ...view, db, user, section };
}

function activityItem(section: HTMLElement, n: number): HTMLElement {
  return within(section).getByRole('button', { name: new RegExp(`^Activity ${n} `) }).closest('li')!;
}

async function expand(user: ReturnType<typeof userEvent.setup>, section: HTMLElement, n: number): Promise<HTMLElement> {
  const toggle = within(section).getByRole('button', { name: new RegExp(`^Activity ${n} `) });
  if (toggle.getAttribute('aria-expanded') !== 'true') await user.click(toggle);
  return activityItem(section, n);
}

describe('Activities section on the product page', () => {
  it('lists Activity 0 to Activity 8 with phase and an honest "unverified" mark', async () => {
    const { section } = await openProduct();
    const items = within(within(section).getByRole('list', { name: 'Activities of T1' })).getAllByRole('listitem').filter((li) => li.classList.contains('activity'));
    expect(items).toHaveLength(9);
    ACTIVITIES.forEach((def, i) => {
      const item = items[i]!;
      expect(within(item).getByRole('button', { name: `Activity ${def.number} ${def.title}` })).toBeTruthy();
      expect(within(item).getByText(def.phase === 'pre-market' ? 'Before the market' : 'After the market')).toBeTruthy();
      expect(within(item).getByText(def.verified ? 'Verified text' : 'Unverified text')).toBeTruthy();
      expect(within(item).getByText('Not started', { selector: '.status-tag' })).toBeTruthy();
    });
  });

  it('saves status, owner, due date and notes through the repository, and Undo takes them back', async () => {
    const { section, user, db } = await openProduct();
    const item = await expand(user, section, 1);
    await user.selectOptions(within(item).getByRole('combobox', { name: 'Status' }), 'In progress');
    await user.type(within(item).getByRole('textbox', { name: 'Owner' }), 'Product team');
    await user.type(within(item).getByRole('textbox', { name: /^Due date/ }), '2027-03-31');
    await user.type(within(item).getByRole('textbox', { name: 'Notes' }), 'Use cases from the 2026 survey.');
    await user.click(within(item).getByRole('button', { name: 'Save Activity 1' }));
    await within(item).findByText('Activity 1 saved. Undo (Ctrl+Z) takes it back.');
    const stored = await db.activityRecords.get('p1:A1');
    expect(stored).toMatchObject({ status: 'in-progress', owner: 'Product team', due: '2027-03-31', notes: 'Use cases from the 2026 survey.' });
    await waitFor(() => expect(within(activityItem(section, 1)).getByText('In progress', { selector: '.status-tag' })).toBeTruthy());

    await undo(db);
    await waitFor(async () => expect(await db.activityRecords.get('p1:A1')).toBeUndefined());
    await waitFor(() => expect(within(activityItem(section, 1)).getByText('Not started', { selector: '.status-tag' })).toBeTruthy());
  });

  it('refuses a bad due date and "not applicable" without a reason, in words, and writes nothing', async () => {
    const { section, user, db } = await openProduct();
    const item = await expand(user, section, 2);
    await user.type(within(item).getByRole('textbox', { name: /^Due date/ }), '31.03.2027');
    await user.click(within(item).getByRole('button', { name: 'Save Activity 2' }));
    expect((await within(item).findByRole('alert')).textContent).toBe('The due date is a day as YYYY-MM-DD, e.g. 2027-03-31.');
    await user.clear(within(item).getByRole('textbox', { name: /^Due date/ }));

    await user.selectOptions(within(item).getByRole('combobox', { name: 'Status' }), 'Not applicable');
    await user.click(within(item).getByRole('button', { name: 'Save Activity 2' }));
    expect((await within(item).findByRole('alert')).textContent).toBe('Activity 2 is marked not applicable: say why it does not apply.');
    expect(await db.activityRecords.get('p1:A2')).toBeUndefined();

    await user.type(within(item).getByRole('textbox', { name: 'Why it does not apply (required)' }), 'Sold only to one enterprise customer.');
    await user.click(within(item).getByRole('button', { name: 'Save Activity 2' }));
    await waitFor(async () => expect(await db.activityRecords.get('p1:A2')).toMatchObject({ status: 'not-applicable', reason: 'Sold only to one enterprise customer.' }));
  });

  it('links the high finding to Activities 5 and 6 without typing, and holds "done" back until a reason is given', async () => {
    const { section, user, db } = await openProduct();
    const item = await expand(user, section, 6);
    const derived = await within(item).findByRole('heading', { name: 'From the data' });
    const block = derived.parentElement!;
    const finding = within(block).getByRole('button', { name: /Security support for T1 ends 2032-12-31/ });
    expect(within(block).getByText('1 open high finding keeps this activity from “done” unless a reason is recorded.')).toBeTruthy();
    // The product's lifecycle risks (the register the engine derives) land on Activities 3 and 6.
    const register = buildRegister(portfolioSchema.parse({ lines: await db.lines.toArray(), products: await db.products.toArray() }), emptyRegisterData(CATALOG_VERSION), { asOf: '2026-12-01' });
    expect(register.risks.length).toBeGreaterThan(0);
    for (const r of register.risks) expect(within(block).getAllByText(new RegExp(`^${r.threat.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).length).toBeGreaterThan(0);
    const three = await expand(user, section, 3);
    expect(within(three).getAllByText('Risk', { selector: '.tag' })).toHaveLength(register.risks.length);
    // Activity 5 (support planning) shows the planner's result as derived evidence as well.
    const five = await expand(user, section, 5);
    expect(within(five).getByRole('button', { name: /^Support-period plan:/ })).toBeTruthy();
    expect(within(five).getByRole('button', { name: /Security support for T1 ends 2032-12-31/ })).toBeTruthy();

    await user.selectOptions(within(item).getByRole('combobox', { name: 'Status' }), 'Done');
    expect(within(item).getByText(/A high finding is open on Activity 6: it can be marked done only with a reason recorded/)).toBeTruthy();
    await user.click(within(item).getByRole('button', { name: 'Save Activity 6' }));
    expect((await within(item).findByRole('alert')).textContent).toBe('Activity 6 cannot be done while a high finding is open on it, unless you record a reason.');
    expect(await db.activityRecords.get('p1:A6')).toBeUndefined();

    await user.type(within(item).getByRole('textbox', { name: /^Reason/ }), 'Extension to 2037 agreed with the chip vendor; announcement pending.');
    await user.click(within(item).getByRole('button', { name: 'Save Activity 6' }));
    await waitFor(async () => expect((await db.activityRecords.get('p1:A6'))?.status).toBe('done'));

    // The finding link goes to the finding's card in the findings panel.
    await user.click(finding);
    const card = document.querySelector('[data-finding-key="support-ends-before-use:p1:-"]')!;
    await waitFor(() => expect(card.contains(document.activeElement)).toBe(true));
  });

  it('attaches an evidence file, a finding and a link, refuses a bad link, removes one, and signs off', async () => {
    const { section, user, db } = await openProduct();
    const file = await attachEvidence(db, { productId: 'p1', ownerId: 'p1', name: 'support-policy.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.7 policy') });
    const item = await expand(user, section, 8);
    const add = within(item).getByRole('form', { name: 'Add evidence to Activity 8' });
    await waitFor(() => expect(within(add).getByRole('option', { name: 'support-policy.pdf' })).toBeTruthy());
    await user.selectOptions(within(add).getByRole('combobox', { name: 'Evidence file' }), 'support-policy.pdf');
    await user.click(within(add).getByRole('button', { name: 'Add evidence' }));
    await within(item).findByRole('heading', { name: 'Evidence (1)' });

    await user.selectOptions(within(add).getByRole('combobox', { name: 'Kind' }), 'Finding');
    await user.selectOptions(within(add).getByRole('combobox', { name: 'Finding' }), 'support-ends-before-use:p1:-');
    await user.click(within(add).getByRole('button', { name: 'Add evidence' }));
    await within(item).findByRole('heading', { name: 'Evidence (2)' });
    await user.click(within(item).getByRole('button', { name: /^Remove finding High: Security support for T1 ends 2032-12-31/ }));
    await within(item).findByRole('heading', { name: 'Evidence (1)' });

    await user.selectOptions(within(add).getByRole('combobox', { name: 'Kind' }), 'Link');
    await user.type(within(add).getByRole('textbox', { name: 'Link' }), 'see the wiki');
    await user.click(within(add).getByRole('button', { name: 'Add evidence' }));
    expect((await within(item).findByRole('alert')).textContent).toMatch(/a link starts with http:\/\/, https:\/\/, urn: or doc:/);
    await user.clear(within(add).getByRole('textbox', { name: 'Link' }));
    await user.type(within(add).getByRole('textbox', { name: 'Link' }), 'https://example.com/support-period');
    await user.type(within(add).getByRole('textbox', { name: 'Label' }), 'Support period page');
    await user.click(within(add).getByRole('button', { name: 'Add evidence' }));
    await within(item).findByRole('heading', { name: 'Evidence (2)' });
    expect(within(item).getByText('Support period page (https://example.com/support-period)')).toBeTruthy();

    let stored = await db.activityRecords.get('p1:A8');
    expect(stored?.evidence).toEqual([
      { kind: 'evidence-file', ref: file.id, label: 'support-policy.pdf' },
      { kind: 'link', ref: 'https://example.com/support-period', label: 'Support period page' },
    ]);

    await user.click(within(item).getByRole('button', { name: 'Remove evidence file support-policy.pdf from Activity 8' }));
    await within(item).findByRole('heading', { name: 'Evidence (1)' });

    const sign = within(item).getByRole('form', { name: 'Sign off Activity 8' });
    expect((within(sign).getByRole('textbox', { name: 'Reviewer' }) as HTMLInputElement).value).toBe('Rita Reviewer');
    const date = within(sign).getByRole('textbox', { name: 'Date' });
    await user.clear(date);
    await user.type(date, '2026-12-02');
    await user.click(within(sign).getByRole('button', { name: 'Sign off Activity 8' }));
    await within(item).findByText('Rita Reviewer');
    stored = await db.activityRecords.get('p1:A8');
    expect(stored?.signOff).toEqual({ name: 'Rita Reviewer', date: '2026-12-02' });
    expect(stored?.evidence.map((e) => e.kind)).toEqual(['link']);
    expect(within(activityItem(section, 8)).getByText('Signed off')).toBeTruthy();
  });

  it('saves the activities as a PDF through the save-file path', async () => {
    const { section, user, platform } = await openProduct();
    await user.click(within(section).getByRole('button', { name: 'Save the activities as PDF…' }));
    await within(section).findByText('Saved T1-activities.pdf.');
    expect(platform.saved).toHaveLength(1);
    expect(platform.saved[0]!.mimeType).toBe('application/pdf');
    expect(new TextDecoder().decode(platform.saved[0]!.bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('shows the coverage of each framework from the activity records', async () => {
    const { section, user } = await openProduct();
    const table = within(section).getByRole('table', { name: 'Coverage of T1 through its activities' });
    expect(within(within(table).getByRole('rowheader', { name: 'ETSI EN 303 645' }).closest('tr')!).getByText('0 of 4')).toBeTruthy();
    // 5.2-1 (vulnerability disclosure policy) maps to Activity 7 only.
    const seven = await expand(user, section, 7);
    await user.selectOptions(within(seven).getByRole('combobox', { name: 'Status' }), 'Done');
    await user.click(within(seven).getByRole('button', { name: 'Save Activity 7' }));
    await waitFor(() => expect(within(within(table).getByRole('rowheader', { name: 'ETSI EN 303 645' }).closest('tr')!).getByText('1 of 4')).toBeTruthy());
  });
});

describe('End-of-support communication on the product page', () => {
  it('shows the default notices from the effective end, saves a plan, and exports them as an iCalendar feed', async () => {
    const { user, db, platform } = await openProduct();
    const section = await screen.findByRole('region', { name: 'End-of-support communication' });
    const notices = within(section).getByRole('list', { name: 'Support end notices of T1' });
    const dates = within(notices).getAllByRole('listitem').map((li) => li.querySelector('time')!.textContent);
    expect(dates).toEqual(['2031-12-31', '2032-06-30', '2032-12-31']);
    expect(within(notices).getByText('Security support ends today: T1 (model T1-EU)')).toBeTruthy();
    expect(within(section).getByText('T1 (model T1-EU) receives security updates until at least December 2032 (2032-12-31).', { selector: 'blockquote' })).toBeTruthy();

    await user.clear(within(section).getByRole('textbox', { name: /^Notices, months before the end/ }));
    await user.type(within(section).getByRole('textbox', { name: /^Notices, months before the end/ }), '18, 0, 0');
    await user.click(within(section).getByRole('button', { name: 'Save the communication plan' }));
    expect((await within(section).findByRole('alert')).textContent).toBe('0 months appears twice.');
    expect(await db.communicationPlans.get('p1')).toBeUndefined();

    await user.clear(within(section).getByRole('textbox', { name: /^Notices, months before the end/ }));
    await user.type(within(section).getByRole('textbox', { name: /^Notices, months before the end/ }), '18, 0');
    await user.click(within(section).getByRole('checkbox', { name: 'Letter' }));
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Updates install automatically' }), 'Yes');
    await user.click(within(section).getByRole('button', { name: 'Save the communication plan' }));
    await within(section).findByText('Communication plan saved. Undo (Ctrl+Z) takes it back.');
    expect(await db.communicationPlans.get('p1')).toMatchObject({ noticeMonths: [18, 0], channels: ['email', 'website', 'letter'], automaticUpdates: true });
    await waitFor(() => expect(within(section).getAllByRole('listitem').map((li) => li.querySelector('time')?.textContent).filter(Boolean)).toEqual(['2031-06-30', '2032-12-31']));
    expect(within(section).getByText('Yes', { selector: 'dd' })).toBeTruthy();

    await user.click(within(section).getByRole('button', { name: 'Export the notices as a calendar (.ics)' }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0]!.name).toBe('T1-support-end-notices.ics');
    const cal = new ICAL.Component(ICAL.parse(new TextDecoder().decode(platform.saved[0]!.bytes)));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.startDate.toString())).toEqual(['2031-06-30', '2032-12-31']);
    expect(events[1]!.summary).toBe('Send notice: Security support ends today: T1 (model T1-EU)');
  });
});
