import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addUtcMonth,
  affectedFleet,
  deadlines,
  draftAsJson,
  draftAsText,
  DRAFT_NOTICE,
  localTime,
  reportDraft,
  reportingApplies,
  utcFromLocal,
  utcInstantSchema,
  vulnerabilityRecordSchema,
  vulnReviewKey,
  type VulnerabilityRecord,
} from '../../../shared/obligations/vulnerabilities';
import { samplePortfolio } from '../../fixtures/bundles/sample';

const H = 3_600_000;

function vuln(patch: Partial<VulnerabilityRecord> = {}): VulnerabilityRecord {
  return vulnerabilityRecordSchema.parse({
    id: 'v1', kind: 'exploited-vulnerability', title: 'Heap overflow in the TLS stack', identifier: 'CVE-2026-12345',
    productIds: ['p-thermo'], componentIds: ['c-soc'], affectedVersions: '< 3.3', knownAt: '2026-10-24T23:30:00Z', ...patch,
  });
}

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('CRA Art 14 deadlines are hours after the instant of awareness', () => {
  it('knownAt 2026-10-24T23:30Z, across the EU change back to winter time on 2026-10-25', () => {
    const d = deadlines(vuln(), Date.parse('2026-10-25T12:00:00Z'));
    expect(d.map((x) => [x.report, x.due, x.state])).toEqual([
      ['early-warning', '2026-10-25T23:30:00.000Z', 'open'],
      ['notification', '2026-10-27T23:30:00.000Z', 'open'],
      ['final-report', null, 'waiting'],
    ]);
    expect(d[0]!.remainingMs).toBe(11.5 * H);
    // In Berlin the problem became known at 01:30 summer time; 24 hours later the wall clock shows 00:30 winter time (23 h of wall clock).
    expect(localTime('2026-10-24T23:30:00Z', 'Europe/Berlin')).toBe('2026-10-25 01:30 (UTC+02:00)');
    expect(localTime(d[0]!.due!, 'Europe/Berlin')).toBe('2026-10-26 00:30 (UTC+01:00)');
    expect(localTime(d[1]!.due!, 'Europe/Lisbon')).toBe('2026-10-27 23:30 (UTC+00:00)');
    expect(localTime(d[0]!.due!, 'America/New_York')).toBe('2026-10-25 19:30 (UTC-04:00)');
  });

  it('across the spring change (2026-03-29 in the EU, 2026-03-08 in the US): 24 hours, 25 hours of wall clock', () => {
    const d = deadlines(vuln({ knownAt: '2026-03-28T12:00:00Z' }), 0);
    expect(d[0]!.due).toBe('2026-03-29T12:00:00.000Z');
    expect(localTime('2026-03-28T12:00:00Z', 'Europe/Paris')).toBe('2026-03-28 13:00 (UTC+01:00)');
    expect(localTime(d[0]!.due!, 'Europe/Paris')).toBe('2026-03-29 14:00 (UTC+02:00)');
    const us = deadlines(vuln({ knownAt: '2026-03-07T15:00:00Z' }), 0);
    expect(us[1]!.due).toBe('2026-03-10T15:00:00.000Z');
    expect(localTime(us[1]!.due!, 'America/Chicago')).toBe('2026-03-10 10:00 (UTC-05:00)');
  });

  it('final report: 14 days (336 hours) after the fix, whatever the clocks do; overdue and late', () => {
    const v = vuln({ fixAvailableAt: '2026-10-20T08:15:00Z', knownAt: '2026-10-19T08:15:00Z' });
    const [, , final] = deadlines(v, Date.parse('2026-11-05T00:00:00Z'));
    expect(final!.due).toBe('2026-11-03T08:15:00.000Z');
    expect(Date.parse(final!.due!) - Date.parse(v.fixAvailableAt!)).toBe(336 * H);
    expect(final!.state).toBe('overdue');
    expect(final!.remainingMs).toBe(Date.parse('2026-11-03T08:15:00Z') - Date.parse('2026-11-05T00:00:00Z'));
    const sentLate = deadlines({ ...v, reports: { ...v.reports, 'early-warning': { sentAt: '2026-10-20T09:00:00Z', reference: 'EW-1' } } }, 0);
    expect(sentLate[0]).toMatchObject({ state: 'sent', late: true, remainingMs: null });
    const sentOnTime = deadlines({ ...v, reports: { ...v.reports, 'early-warning': { sentAt: '2026-10-20T08:15:00Z', reference: 'EW-1' } } }, 0);
    expect(sentOnTime[0]).toMatchObject({ state: 'sent', late: false });
  });

  it('severe incident: the final report one month after the notification (its deadline until it is sent)', () => {
    const v = vuln({ kind: 'severe-incident', knownAt: '2027-01-28T10:00:00Z' });
    const [, n, f] = deadlines(v, 0);
    expect(n!.due).toBe('2027-01-31T10:00:00.000Z');
    expect(f!.due).toBe('2027-02-28T10:00:00.000Z');
    const sent = deadlines({ ...v, reports: { ...v.reports, notification: { sentAt: '2027-01-30T16:45:00Z', reference: 'N-7' } } }, 0);
    expect(sent[2]!.due).toBe('2027-02-28T16:45:00.000Z');
    expect(sent[2]!.basis).toBe('one month after the notification was sent');
    expect(new Date(addUtcMonth(Date.parse('2028-01-31T23:59:00Z'))).toISOString()).toBe('2028-02-29T23:59:00.000Z');
    expect(new Date(addUtcMonth(Date.parse('2026-12-15T00:00:00Z'))).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('property: deadlines are exact hour offsets of the instant and do not depend on the machine time zone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z') / 60_000, max: Date.parse('2035-12-31T00:00:00Z') / 60_000 }).map((m) => new Date(m * 60_000).toISOString().replace('.000Z', 'Z'));
    fc.assert(fc.property(instant, fc.integer({ min: 0, max: 2000 }), fc.constantFrom(...zones), (knownAt, fixAfterH, tz) => {
      const fixAvailableAt = new Date(Date.parse(knownAt) + fixAfterH * H).toISOString().replace('.000Z', 'Z');
      process.env.TZ = 'UTC';
      const base = deadlines(vuln({ knownAt, fixAvailableAt }), 0);
      process.env.TZ = tz;
      const again = deadlines(vuln({ knownAt, fixAvailableAt }), 0);
      expect(again).toEqual(base);
      const known = Date.parse(knownAt);
      expect(Date.parse(base[0]!.due!) - known).toBe(24 * H);
      expect(Date.parse(base[1]!.due!) - known).toBe(72 * H);
      expect(Date.parse(base[2]!.due!) - Date.parse(fixAvailableAt)).toBe(336 * H);
      // Shown in any zone, the wall clock moves by 24 h plus the change of the zone's offset.
      const a = utcFromLocal(localTime(knownAt, tz).slice(0, 16).replace(' ', 'T'), tz);
      if (a.ok) expect(a.instant).toBe(knownAt);
      else expect(a.candidates).toContain(knownAt);
    }), { numRuns: 300 });
  });
});

describe('local times typed in a zone', () => {
  it('converts an ordinary time, refuses a skipped one and asks about a repeated one', () => {
    expect(utcFromLocal('2026-10-24T09:30', 'Europe/Berlin')).toEqual({ ok: true, instant: '2026-10-24T07:30:00Z' });
    expect(utcFromLocal('2026-12-01T09:30', 'Europe/Berlin')).toEqual({ ok: true, instant: '2026-12-01T08:30:00Z' });
    const skipped = utcFromLocal('2026-03-29T02:30', 'Europe/Berlin');
    expect(skipped).toMatchObject({ ok: false, candidates: [] });
    expect(!skipped.ok && skipped.reason).toBe('2026-03-29T02:30 does not exist in Europe/Berlin: the clocks skip it when daylight saving time starts');
    const twice = utcFromLocal('2026-10-25T02:30', 'Europe/Berlin');
    expect(twice).toMatchObject({ ok: false, candidates: ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'] });
    expect(utcFromLocal('2026-11-01T01:30', 'America/New_York')).toMatchObject({ ok: false, candidates: ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z'] });
    expect(utcFromLocal('2026-02-30T10:00', 'UTC')).toMatchObject({ ok: false, reason: '2026-02-30T10:00 is not a real date and time' });
    expect(utcFromLocal('2026-10-24T09:30', 'Mars/Olympus')).toMatchObject({ ok: false, reason: 'Mars/Olympus is not a known time zone' });
    expect(utcFromLocal('24/10/2026 09:30', 'UTC')).toMatchObject({ ok: false });
    expect(utcFromLocal('2026-10-24T09:30', 'Asia/Kolkata')).toEqual({ ok: true, instant: '2026-10-24T04:00:00Z' });
  });

  it('the stored instant is UTC only: offsets and impossible times are refused', () => {
    expect(utcInstantSchema.safeParse('2026-10-24T23:30:00Z').success).toBe(true);
    expect(utcInstantSchema.safeParse('2026-10-24T23:30Z').success).toBe(true);
    expect(utcInstantSchema.safeParse('2026-10-25T01:30:00+02:00').success).toBe(false);
    expect(utcInstantSchema.safeParse('2026-02-30T10:00:00Z').success).toBe(false);
    expect(utcInstantSchema.safeParse('2026-10-24T24:30:00Z').success).toBe(false);
    expect(vulnerabilityRecordSchema.safeParse({ ...vuln(), fixAvailableAt: '2026-10-01T00:00:00Z' }).error?.issues[0]?.message).toBe('the fix cannot be available before the problem became known');
  });
});

describe('the record, its fleet and its drafts', () => {
  it('applies from 2026-09-11 and has the review key vuln:<id>', () => {
    expect(reportingApplies({ knownAt: '2026-09-10T23:59:00Z' })).toBe(false);
    expect(reportingApplies({ knownAt: '2026-09-11T00:00:00Z' })).toBe(true);
    expect(vulnReviewKey('v1')).toBe('vuln:v1');
  });

  it('the affected fleet comes from the forecast: units in use in the as-of year', () => {
    const fleet = affectedFleet(vuln(), samplePortfolio(), '2026-12-01');
    expect(fleet).toHaveLength(1);
    expect(fleet[0]).toMatchObject({ productId: 'p-thermo', product: 'Thermostat T1', modelDesignation: 'T1-EU', components: ['SoC ESP32'] });
    expect(fleet[0]!.unitsInUse).toBeGreaterThan(0);
    expect(affectedFleet(vuln({ productIds: ['gone'] }), samplePortfolio(), '2026-12-01')).toEqual([]);
  });

  it('drafts each report from the data as text and JSON, with what is left to fill in, and never claims to submit', () => {
    const v = vuln({ description: 'Remote code execution', reports: { 'early-warning': { sentAt: '2026-10-25T10:00:00Z', reference: 'ENISA-EW-42' }, notification: null, 'final-report': null } });
    const ctx = { manufacturer: 'Acme Devices', asOf: '2026-12-01', now: Date.parse('2026-10-25T12:00:00Z') };
    const n = reportDraft(v, 'notification', samplePortfolio(), ctx);
    const text = draftAsText(n);
    expect(text).toContain('CVE-2026-12345');
    expect(text).toContain('Thermostat T1 (model T1-EU): SoC ESP32');
    expect(text).toContain('2026-10-27T23:30:00.000Z');
    expect(text).toContain('ENISA-EW-42 (2026-10-25T10:00:00Z)');
    expect(text).toContain('Corrective or mitigating measures');
    expect(text).toContain(DRAFT_NOTICE);
    const json = JSON.parse(draftAsJson(n));
    expect(json.fields.Manufacturer).toBe('Acme Devices');
    expect(json.toComplete).toEqual(expect.arrayContaining(['Corrective or mitigating measures', 'Nature of the exploit or incident']));
    expect(json.toComplete).not.toContain('Description');
    const f = reportDraft(v, 'final-report', samplePortfolio(), ctx);
    expect(f.toComplete).toContain('Fix available');
    expect(f.fields.find((x) => x.label === 'Due (UTC)')!.value).toBe('14 days after a fix is available (no fix yet)');
  });
});
