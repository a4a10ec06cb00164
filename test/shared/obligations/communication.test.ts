import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { effectiveSupportEnd } from '../../../shared/engine/support-end';
import {
  communicationPlanSchema,
  defaultCommunicationPlan,
  noticeMilestones,
  noticesFor,
  noticesICalendar,
  purchaseDisclosure,
  registryFields,
} from '../../../shared/obligations/communication';
import { productSchema } from '../../../shared/domain/schemas';
import { samplePortfolio } from '../../fixtures/bundles/sample';

const portfolio = samplePortfolio();
const thermo = portfolio.products.find((p) => p.id === 'p-thermo')!;
const lock = portfolio.products.find((p) => p.id === 'p-lock')!;

describe('end-of-support notices count from the effective end', () => {
  it('the default plan: 12 and 6 months before and on the day, from the end the core SoC sets (not the declared end)', () => {
    expect(thermo.declaredSupportEnd).toBe('2030-12');
    expect(effectiveSupportEnd(thermo).end).toBe('2029-03-31');
    const notices = noticesFor(thermo, defaultCommunicationPlan('p-thermo'));
    expect(notices.map((n) => [n.monthsBefore, n.date, n.supportEnd])).toEqual([
      [12, '2028-03-31', '2029-03-31'],
      [6, '2028-09-30', '2029-03-31'],
      [0, '2029-03-31', '2029-03-31'],
    ]);
    expect(notices[0]!.subject).toBe('Security support ends 2029-03-31: Thermostat T1 (model T1-EU)');
    expect(notices[0]!.text).toContain('Security support for Thermostat T1 (model T1-EU) ends on 2029-03-31, in 12 months.');
    expect(notices[2]!.subject).toBe('Security support ends today: Thermostat T1 (model T1-EU)');
    expect(notices[0]!.channels).toEqual(['email', 'website']);
  });

  it('a plan of its own: any offsets (sorted, earliest first), channels, what stops and what to do', () => {
    const plan = communicationPlanSchema.parse({ productId: 'p-thermo', noticeMonths: [0, 24, 3], channels: ['in-app'], whatStops: 'security updates and the cloud schedule service', whatToDo: 'Replace it with T2.', contact: 'support@example.com' });
    const notices = noticesFor(thermo, plan);
    expect(notices.map((n) => n.date)).toEqual(['2027-03-31', '2028-12-31', '2029-03-31']);
    expect(notices[1]!.text).toBe('Security support for Thermostat T1 (model T1-EU) ends on 2029-03-31, in 3 months. After that date these stop: security updates and the cloud schedule service. What to do: Replace it with T2. Questions: support@example.com.');
  });

  it('a product without a known end has no notices; a plan must have notices, each once', () => {
    expect(effectiveSupportEnd(lock).end).toBeNull();
    expect(noticesFor(lock, defaultCommunicationPlan('p-lock'))).toEqual([]);
    expect(communicationPlanSchema.safeParse({ productId: 'p1', noticeMonths: [] }).error?.issues[0]?.message).toBe('give at least one notice');
    expect(communicationPlanSchema.safeParse({ productId: 'p1', noticeMonths: [6, 6] }).error?.issues[0]?.message).toBe('each month offset appears once');
  });

  it('the day of a notice moves with the data: an earlier core component end moves every notice', () => {
    const earlier = productSchema.parse({ ...thermo, components: thermo.components.map((c) => (c.id === 'c-soc' ? { ...c, securitySupportEnd: '2028-01-15' } : c)) });
    expect(noticesFor(earlier, defaultCommunicationPlan('p-thermo')).map((n) => n.date)).toEqual(['2027-01-15', '2027-07-15', '2028-01-15']);
  });
});

describe('the iCalendar feed of the notices', () => {
  it('parses back with ical.js: one all-day event per notice, stable uids, summary, description with channels', () => {
    const plans = [communicationPlanSchema.parse({ productId: 'p-thermo', noticeMonths: [12, 6, 0], channels: ['email', 'letter'], whatToDo: 'Replace; or keep it offline, ok?' })];
    const text = noticesICalendar(portfolio.products, plans, '2026-12-01T09:00:00Z');
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('End-of-support notices');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const expected = portfolio.products.flatMap((p) => noticeMilestones(p, plans.find((x) => x.productId === p.id) ?? defaultCommunicationPlan(p.id)));
    expect(events.map((e) => [e.uid, e.startDate.toString(), e.startDate.isDate, e.summary])).toEqual(expected.map((m) => [m.uid, m.date, true, m.summary]));
    const t12 = events.find((e) => e.uid === 'support-end-notice-p-thermo-12m@supportspan')!;
    expect(t12.startDate.toString()).toBe('2028-03-31');
    expect(t12.description).toContain('What to do: Replace; or keep it offline, ok?');
    expect(t12.description).toContain('Channels: E-mail to registered customers, Letter.');
    // The same input writes the same feed (re-importing updates the same events).
    expect(noticesICalendar(portfolio.products, plans, '2026-12-01T09:00:00Z')).toBe(text);
  });
});

describe('disclosure at purchase and registry fields', () => {
  it('states the end date of the support period, at least month and year', () => {
    expect(purchaseDisclosure(thermo)).toBe('Thermostat T1 (model T1-EU) receives security updates until at least March 2029 (2029-03-31).');
    expect(purchaseDisclosure(lock)).toBe('Smart lock L2 (model L2): the end date of the support period is not yet declared.');
  });

  it('gives what a labelling registry asks: support period end and whether updates are automatic', () => {
    const line = portfolio.lines.find((l) => l.id === thermo.lineId);
    expect(registryFields(thermo, line, defaultCommunicationPlan('p-thermo'))).toEqual({
      product: 'Thermostat T1', modelDesignation: 'T1-EU', productLine: 'Smart home', supportPeriodEnd: '2029-03-31',
      supportPeriodStatement: purchaseDisclosure(thermo), automaticUpdates: 'not recorded', updateMechanisms: ['ota'],
    });
    expect(registryFields(thermo, line, { ...defaultCommunicationPlan('p-thermo'), automaticUpdates: true }).automaticUpdates).toBe('yes');
    expect(registryFields(thermo, line, { ...defaultCommunicationPlan('p-thermo'), automaticUpdates: false }).automaticUpdates).toBe('no');
  });
});
