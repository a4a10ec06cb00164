import { afterEach, describe, expect, it } from 'vitest';
import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dropDb, renderApp, testDb } from '../helpers';
import { seedWasher } from '../analysis/fixture';
import { getSetting, setSetting } from '../../../renderer/db/repositories/settings';
import { acceptRisk, listDecisions, markMitigated, putDecision, revokeDecision } from '../../../renderer/db/repositories/decisions';
import { ValidationError, NotFoundError } from '../../../renderer/db/errors';
import { resetFindingFilters } from '../../../renderer/features/findings/findings-filter-store';
import { useUiStore } from '../../../renderer/state/ui-store';
import type { SupportspanDb } from '../../../renderer/db/database';

const KEY = 'support-ends-before-use:p-washer:-';
let db: SupportspanDb;
afterEach(async () => {
  resetFindingFilters();
  await dropDb(db);
});

async function seeded() {
  db = testDb();
  await db.open();
  await seedWasher(db);
  await setSetting(db, 'asOfDate', '2026-01-15');
}

describe('decisions repository', () => {
  it('accepts a risk with rationale, who and expiry; refuses missing or bad values without writing', async () => {
    await seeded();
    const base = { findingKey: KEY, productId: 'p-washer', rationale: 'Supplier extension signed', by: 'Ana', expires: '2027-06-30' };
    for (const [patch, issue] of [
      [{ rationale: '  ' }, /rationale: say why/],
      [{ by: '' }, /by: the name/],
      [{ expires: '' }, /expires: an expiry day is required/],
      [{ expires: '2027-02-30' }, /expires: /],
      [{ expires: '2027-06' }, /expires: /],
    ] as const) {
      const error = await acceptRisk(db, { ...base, ...patch }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.join('\n')).toMatch(issue);
    }
    expect(await listDecisions(db)).toEqual([]);

    const d = await acceptRisk(db, base, new Date('2026-01-15T10:00:00Z'));
    expect(d).toMatchObject({ type: 'accepted', rationale: 'Supplier extension signed', by: 'Ana', expires: '2027-06-30', decidedAt: '2026-01-15T10:00:00.000Z' });
    expect(await listDecisions(db)).toEqual([d]);
    const log = await db.changes.toArray();
    expect(log.at(-1)).toMatchObject({ entityType: 'decision', entityId: d.id, op: 'put', before: null, after: d });
  });

  it('a new decision on the same finding replaces the old one in one change group; revoke removes it, logged', async () => {
    await seeded();
    const accepted = await acceptRisk(db, { findingKey: KEY, productId: 'p-washer', rationale: 'r', by: 'Ana', expires: '2027-01-01' });
    const mitigated = await markMitigated(db, { findingKey: KEY, productId: 'p-washer', note: 'Extended to 2036', by: 'Ana' });
    expect(await listDecisions(db)).toEqual([mitigated]);
    const log = await db.changes.toArray();
    const last = log.filter((c) => c.group === log.at(-1)!.group);
    expect(last.map((c) => [c.entityId, c.op])).toEqual([[accepted.id, 'delete'], [mitigated.id, 'put']]);

    expect(await revokeDecision(db, KEY)).toBe(1);
    expect(await listDecisions(db)).toEqual([]);
    expect((await db.changes.toArray()).at(-1)).toMatchObject({ entityId: mitigated.id, op: 'delete', before: mitigated, after: null });
    await expect(revokeDecision(db, KEY)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a decision that fails the schema or names a product that does not exist', async () => {
    await seeded();
    await expect(putDecision(db, { id: 'd1', findingKey: KEY, productId: 'p-washer', type: 'ignored', decidedAt: 'x' })).rejects.toThrow(/type/);
    await expect(markMitigated(db, { findingKey: KEY, productId: 'p-gone', note: 'n', by: 'Ana' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await listDecisions(db)).toEqual([]);
  });
});

async function openFindingCard(kind: string) {
  const list = await screen.findByRole('region', { name: 'Findings in the portfolio' });
  return list.querySelector<HTMLElement>(`[data-kind="${kind}"]`)!;
}

describe('decisions in the findings panel', () => {
  it('accept (asking for the name once), see the status change, reload, then revoke', async () => {
    await seeded();
    const user = userEvent.setup();
    const { unmount } = await renderApp({ db });
    useUiStore.getState().navigate({ area: 'findings' });
    let card = await openFindingCard('support-ends-before-use');
    await user.click(within(card).getByRole('button', { name: 'Accept risk' }));
    const form = within(card).getByRole('form', { name: 'Accept risk' });
    // Nothing is saved while something is missing, and each problem is named.
    await user.click(within(form).getByRole('button', { name: 'Accept risk' }));
    const alert = within(form).getByRole('alert').textContent ?? '';
    for (const part of [/Rationale: say why/, /Reopens after: choose the last day/, /Your name: required/]) expect(alert).toMatch(part);
    expect(await listDecisions(db)).toEqual([]);

    await user.type(within(form).getByLabelText('Rationale'), 'Use end shortened in the next revision');
    await user.type(within(form).getByLabelText('Reopens after'), '2026-06-30');
    await user.type(within(form).getByLabelText('Your name'), 'Ana Lopez');
    await user.click(within(form).getByRole('button', { name: 'Accept risk' }));
    card = await openFindingCard('support-ends-before-use');
    await within(card).findByText('Risk accepted by Ana Lopez until 2026-06-30');
    expect(await getSetting(db, 'userName')).toBe('Ana Lopez');
    const [decision] = await listDecisions(db);
    expect(decision).toMatchObject({ findingKey: KEY, type: 'accepted', by: 'Ana Lopez', expires: '2026-06-30', rationale: 'Use end shortened in the next revision' });

    // The status filter sees it.
    await user.selectOptions(screen.getByLabelText('Status'), 'accepted');
    expect(screen.getByText('1 of 5 findings')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Status'), 'all');

    unmount();
    await renderApp({ db });
    useUiStore.getState().navigate({ area: 'findings' });
    card = await openFindingCard('support-ends-before-use');
    await within(card).findByText('Risk accepted by Ana Lopez until 2026-06-30');
    expect(within(card).getByText(/Rationale: Use end shortened/)).toBeTruthy();

    await user.click(within(card).getByRole('button', { name: 'Revoke decision' }));
    await waitFor(async () => expect(await listDecisions(db)).toEqual([]));
    card = await openFindingCard('support-ends-before-use');
    await within(card).findByText('Open');
  });

  it('mark mitigated with a note; the known name is used without asking', async () => {
    await seeded();
    await setSetting(db, 'userName', 'Ben');
    const user = userEvent.setup();
    await renderApp({ db });
    useUiStore.getState().navigate({ area: 'findings' });
    let card = await openFindingCard('spare-gap');
    await user.click(within(card).getByRole('button', { name: 'Mark mitigated' }));
    const form = within(card).getByRole('form', { name: 'Mark mitigated' });
    expect(await within(form).findByText(/Decided by Ben/)).toBeTruthy();
    expect(within(form).queryByLabelText('Your name')).toBeNull();
    await user.type(within(form).getByLabelText('How it was mitigated'), 'Second source for the pump');
    await user.click(within(form).getByRole('button', { name: 'Record mitigation' }));
    card = await openFindingCard('spare-gap');
    await within(card).findByText('Mitigated (Ben)');
    expect((await listDecisions(db))[0]).toMatchObject({ type: 'mitigated', by: 'Ben', rationale: 'Second source for the pump', expires: null });
  });

  it('an accepted risk reopens once the as-of date passes its expiry day', async () => {
    await seeded();
    await acceptRisk(db, { findingKey: KEY, productId: 'p-washer', rationale: 'r', by: 'Ana', expires: '2026-03-31' });
    await renderApp({ db });
    useUiStore.getState().navigate({ area: 'findings' });
    let card = await openFindingCard('support-ends-before-use');
    await within(card).findByText('Risk accepted by Ana until 2026-03-31');
    // The expiry day itself is still covered.
    await setSetting(db, 'asOfDate', '2026-03-31');
    card = await openFindingCard('support-ends-before-use');
    await within(card).findByText('Risk accepted by Ana until 2026-03-31');
    await setSetting(db, 'asOfDate', '2026-04-01');
    await waitFor(async () => {
      const c = await openFindingCard('support-ends-before-use');
      expect(within(c).getByText('Reopened: the acceptance expired on 2026-03-31')).toBeTruthy();
    });
  });
});
