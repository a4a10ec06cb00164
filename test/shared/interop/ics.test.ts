import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { portfolioSchema } from '../../../shared/domain/schemas';
import { escapeText, foldLine, milestonesForPortfolio, parseICalendar, toICalendar } from '../../../shared/interop/ics';
import type { Milestone } from '../../../shared/interop/ics';
import { sampleLine, sampleProduct } from './sample-product';

const portfolio = portfolioSchema.parse({ lines: [sampleLine], products: [sampleProduct], decisions: [] });
const options = { prodId: '-//Supportspan//Supportspan 0.1//EN', now: '2026-01-15T09:30:00Z' };
const octets = (s: string): number => new TextEncoder().encode(s).length;

describe('milestones of a portfolio', () => {
  it('lists support ends, spare-part ends, expiries and legal dates in range, sorted', () => {
    const ms = milestonesForPortfolio(portfolio, { from: '2026-01-01', to: '2035-12-31', legalDates: true });
    const compact = ms.map((m) => [m.date, m.kind, m.componentId ?? m.uid]);
    expect(compact).toEqual([
      ['2026-06-11', 'legal', 'legal-eu-cra-notified-bodies@supportspan'],
      ['2026-07-31', 'legal', 'legal-eu-right-to-repair@supportspan'],
      ['2026-09-11', 'legal', 'legal-eu-cra-reporting@supportspan'],
      ['2026-12-31', 'component-support-end', 'c-kernel'],
      ['2027-02-18', 'legal', 'legal-eu-batteries-art11@supportspan'],
      ['2027-12-11', 'legal', 'legal-eu-cra-application@supportspan'],
      ['2030-03-15', 'certificate-expiry', 'c-cert'],
      ['2032-12-31', 'product-support-end', 'product-support-end-thermo-t2@supportspan'],
      ['2033-06-30', 'component-support-end', 'c-fw'],
      ['2034-12-31', 'spare-parts-end', 'c-wifi'],
      ['2035-06-30', 'spare-parts-end', 'c-relay'],
    ]);
    expect(ms.find((m) => m.componentId === 'c-fw')!.monthPrecision).toBe(true);
  });

  it('honours the range and the legal switch; UK-only legal dates need a UK product', () => {
    const none = milestonesForPortfolio(portfolio, { from: '2026-01-01', to: '2030-12-31', legalDates: false });
    expect(none.some((m) => m.kind === 'legal')).toBe(false);
    const early = milestonesForPortfolio(portfolio, { from: '2024-01-01', to: '2024-12-31', legalDates: true });
    expect(early.map((m) => m.uid)).toEqual(['legal-uk-psti@supportspan']);
    const euOnly = portfolioSchema.parse({ lines: [sampleLine], products: [{ ...sampleProduct, markets: ['EU'] }] });
    expect(milestonesForPortfolio(euOnly, { from: '2024-01-01', to: '2024-12-31', legalDates: true })).toEqual([]);
    expect(() => milestonesForPortfolio(portfolio, { from: '2026-01', to: '2027-01-01', legalDates: true })).toThrow(/from:/);
  });
});

describe('iCalendar writing', () => {
  it('escapes TEXT per RFC 5545', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(50)}${'€'.repeat(20)}😀x`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(octets(p)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('writes CRLF lines, stable UIDs, DTSTAMP and all-day DTSTART', () => {
    const ms = milestonesForPortfolio(portfolio, { from: '2026-01-01', to: '2035-12-31', legalDates: true });
    const text = toICalendar(ms, options);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTAMP:20260115T093000Z');
    expect(text).toContain('DTSTART;VALUE=DATE:20261231');
    expect(toICalendar(ms, options)).toBe(text);
    expect(() => toICalendar(ms, { ...options, now: '2026-01-15' })).toThrow(/UTC date-time/);
  });

  it('parses back with an independent library (ical.js) and with our reader', () => {
    const ms = milestonesForPortfolio(portfolio, { from: '2026-01-01', to: '2035-12-31', legalDates: true });
    const text = toICalendar(ms, options);
    const cal = new ICAL.Component(ICAL.parse(text));
    const vevents = cal.getAllSubcomponents('vevent');
    expect(vevents).toHaveLength(ms.length);
    vevents.forEach((v, i) => {
      const event = new ICAL.Event(v);
      const m = ms[i]!;
      expect(event.uid).toBe(m.uid);
      expect(event.summary).toBe(m.summary);
      expect(event.startDate.toString()).toBe(m.date);
      expect(event.startDate.isDate).toBe(true);
      expect(event.description.startsWith(m.description)).toBe(true);
      expect(v.getFirstProperty('categories')!.getValues()).toEqual(m.categories);
    });
    const ours = parseICalendar(text);
    expect(ours.map((e) => [e.uid, e.summary, e.dtstart, e.categories])).toEqual(
      ms.map((m) => [m.uid, m.summary, m.date.replace(/-/g, ''), m.categories]));
  });

  it('survives hostile text: separators, newlines and long non-ASCII names', () => {
    const nasty: Milestone = {
      uid: 'x@supportspan', kind: 'legal', date: '2028-02-29', monthPrecision: false,
      summary: 'Ends; really, now\\ok\nEND:VEVENT\nBEGIN:VEVENT', description: 'Ünïcødé '.repeat(30),
      categories: ['a,b', 'c;d'], productId: null, componentId: null,
    };
    const text = toICalendar([nasty], options);
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const e = new ICAL.Event(events[0]!);
    expect(e.summary).toBe(nasty.summary);
    expect(e.description).toBe(nasty.description);
    expect(events[0]!.getFirstProperty('categories')!.getValues()).toEqual(['a,b', 'c;d']);
    expect(parseICalendar(text)[0]).toMatchObject({ summary: nasty.summary, description: nasty.description, categories: ['a,b', 'c;d'] });
  });
});
