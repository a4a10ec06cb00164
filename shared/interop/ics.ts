/**
 * Milestones as an iCalendar file (RFC 5545), so that support ends, spare-part
 * ends, certificate expiries and legal dates appear in the calendar people
 * already use. All-day events (`DTSTART;VALUE=DATE`), stable UIDs (a calendar
 * that imports the file again updates events instead of duplicating them),
 * CRLF line ends, text escaping and folding at 75 octets without splitting a
 * UTF-8 character.
 */
import { withoutControls } from '../text/hygiene';
import { dayToIso, parseDayDate, parseLifecycleDate } from '../domain/dates';
import type { Portfolio } from '../domain/schemas';

export const MILESTONE_KINDS = [
  'product-support-end', 'component-support-end', 'spare-parts-end', 'certificate-expiry', 'legal',
  // End-of-support notices of a communication plan (shared/obligations/communication.ts).
  'support-end-notice',
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export interface Milestone {
  /** Stable across exports: derived from the entity and the kind. */
  uid: string;
  kind: MilestoneKind;
  /** The day of the event, `YYYY-MM-DD` (a month-precision date is its last day). */
  date: string;
  /** True when the source date had month precision only. */
  monthPrecision: boolean;
  summary: string;
  description: string;
  categories: string[];
  productId: string | null;
  componentId: string | null;
}

export interface LegalDate {
  id: string;
  date: string;
  markets: string[];
  summary: string;
  description: string;
}

/** Dates in force from the legal sources of the rule packs (see the domain notes). */
export const LEGAL_DATES: readonly LegalDate[] = [
  { id: 'uk-psti', date: '2024-04-29', markets: ['UK'], summary: 'UK PSTI security requirements in force', description: 'Product Security and Telecommunications Infrastructure Act 2022 and SI 2023/1007: the defined support period must be published before sale.' },
  { id: 'eu-ecodesign-smartphones', date: '2025-06-20', markets: ['EU'], summary: 'EU ecodesign rules for smartphones and tablets apply', description: 'Regulation (EU) 2023/1670: spare parts for 7 years after the last unit placed on the market.' },
  { id: 'eu-cra-notified-bodies', date: '2026-06-11', markets: ['EU'], summary: 'CRA: provisions on conformity assessment bodies apply', description: 'Regulation (EU) 2024/2847, Chapter IV (Art 71(2)).' },
  { id: 'eu-right-to-repair', date: '2026-07-31', markets: ['EU'], summary: 'EU Right-to-Repair Directive applies', description: 'Directive (EU) 2024/1799: repair obligation for listed products, repair information form.' },
  { id: 'eu-cra-reporting', date: '2026-09-11', markets: ['EU'], summary: 'CRA: reporting of exploited vulnerabilities and incidents starts', description: 'Regulation (EU) 2024/2847 Art 14: early warning within 24 h, notification within 72 h, final report within 14 days.' },
  { id: 'eu-batteries-art11', date: '2027-02-18', markets: ['EU'], summary: 'EU Batteries Regulation: user-replaceable portable batteries', description: 'Regulation (EU) 2023/1542 Art 11: portable batteries removable and replaceable by the end user.' },
  { id: 'eu-cra-application', date: '2027-12-11', markets: ['EU'], summary: 'CRA applies in full', description: 'Regulation (EU) 2024/2847 applies (Art 71(2)): support period of at least 5 years (Art 13(8)), end date shown at purchase (Art 13(19)).' },
];

export interface MilestoneOptions {
  /** First and last day included, `YYYY-MM-DD`. */
  from: string;
  to: string;
  legalDates: boolean;
}

function dayOf(date: string): { day: number; month: boolean } | null {
  const r = parseLifecycleDate(date);
  return r.ok ? { day: r.day, month: r.precision === 'month' } : null;
}

const UID_DOMAIN = 'supportspan';
const uidPart = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** Milestones of a portfolio between two days, sorted by date, then UID. */
export function milestonesForPortfolio(portfolio: Pick<Portfolio, 'lines' | 'products'>, options: MilestoneOptions): Milestone[] {
  const from = parseDayDate(options.from);
  const to = parseDayDate(options.to);
  if (!from.ok) throw new RangeError(`from: ${from.reason}`);
  if (!to.ok) throw new RangeError(`to: ${to.reason}`);
  const out: Milestone[] = [];
  const lineName = new Map(portfolio.lines.map((l) => [l.id, l.name]));
  const push = (m: Omit<Milestone, 'date' | 'monthPrecision'>, date: string | null): void => {
    if (!date) return;
    const d = dayOf(date);
    if (!d || d.day < from.day || d.day > to.day) return;
    out.push({ ...m, date: dayToIso(d.day), monthPrecision: d.month });
  };
  const markets = new Set<string>();
  for (const p of portfolio.products) {
    for (const m of p.markets) markets.add(m);
    const where = [lineName.get(p.lineId), p.name].filter(Boolean).join(' / ');
    push({
      uid: `product-support-end-${uidPart(p.id)}@${UID_DOMAIN}`, kind: 'product-support-end',
      summary: `Security support ends: ${p.name}`,
      description: `${where}: declared security-support end ${p.declaredSupportEnd}.`,
      categories: ['Support end', p.name], productId: p.id, componentId: null,
    }, p.declaredSupportEnd);
    for (const c of p.components) {
      const base = { productId: p.id, componentId: c.id };
      const id = `${uidPart(p.id)}-${uidPart(c.id)}`;
      const src = (s: string | undefined): string => (s ? ` Source: ${s}.` : '');
      if (c.class === 'it') {
        push({
          ...base, uid: `component-support-end-${id}@${UID_DOMAIN}`, kind: 'component-support-end',
          summary: `Security support ends: ${c.name} (${p.name})`,
          description: `${where}: ${c.name}${c.version ? ` ${c.version}` : ''} security support ends ${c.securitySupportEnd}.${src(c.sources.securitySupportEnd)}`,
          categories: ['Component support end', p.name],
        }, c.securitySupportEnd);
      }
      push({
        ...base, uid: `spare-parts-end-${id}@${UID_DOMAIN}`, kind: 'spare-parts-end',
        summary: `Spare parts end: ${c.name} (${p.name})`,
        description: `${where}: spare parts for ${c.name} available until ${c.sparePartsUntil}.${src(c.sources.sparePartsUntil)}`,
        categories: ['Spare parts', p.name],
      }, c.sparePartsUntil);
      push({
        ...base, uid: `certificate-expiry-${id}@${UID_DOMAIN}`, kind: 'certificate-expiry',
        summary: `Expires: ${c.name} (${p.name})`,
        description: `${where}: ${c.name} expires ${c.expires}.${src(c.sources.expires)}`,
        categories: ['Certificate expiry', p.name],
      }, c.expires);
    }
  }
  if (options.legalDates) {
    for (const l of LEGAL_DATES) {
      if (!l.markets.some((m) => markets.has(m))) continue;
      push({
        uid: `legal-${l.id}@${UID_DOMAIN}`, kind: 'legal', summary: l.summary, description: l.description,
        categories: ['Legal', ...l.markets], productId: null, componentId: null,
      }, l.date);
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
}

/* ------------------------------------------------------------ writing */

/**
 * RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT.
 * No other control character may appear (3.1: CONTROL is excluded from TEXT):
 * each becomes a space, and bidi controls are dropped (shared/text/hygiene.ts).
 */
export function escapeText(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).map(withoutControls).join('\n');
  return lines.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** RFC 5545 3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0)!);
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (iso: string): string => iso.replace(/-/g, '');

function dtstamp(now: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(now);
  if (!m) throw new RangeError(`now "${now}" must be a UTC date-time such as 2026-01-31T12:00:00Z`);
  return `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z`;
}

export interface ICalendarOptions {
  /** PRODID, e.g. `-//Supportspan//Supportspan 0.1//EN`. */
  prodId: string;
  /** UTC date-time used as DTSTAMP (explicit, for reproducible output). */
  now: string;
  calendarName?: string;
}

export function toICalendar(events: readonly Milestone[], options: ICalendarOptions): string {
  const stamp = dtstamp(options.now);
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${escapeText(options.prodId)}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (options.calendarName) lines.push(`X-WR-CALNAME:${escapeText(options.calendarName)}`);
  for (const e of events) {
    const day = parseDayDate(e.date);
    if (!day.ok) throw new RangeError(`milestone ${e.uid}: ${day.reason}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(e.date)}`,
      `DTEND;VALUE=DATE:${compactDate(dayToIso(day.day + 1))}`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.monthPrecision ? `${e.description} (Published as a month: shown on its last day.)` : e.description)}`,
      `CATEGORIES:${e.categories.map(escapeText).join(',')}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/* ------------------------------------------------------------ reading */

export interface ParsedEvent {
  uid: string;
  dtstart: string;
  summary: string;
  description: string;
  categories: string[];
  /** Every property as read (name with parameters -> unescaped value). */
  properties: Record<string, string>;
}

function unescapeText(text: string): string {
  return text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits on commas that are not escaped. */
function splitList(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length) {
      cur += ch + text[i + 1]!;
      i++;
    } else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map(unescapeText);
}

/** A minimal reader for VEVENTs (unfolds, unescapes); enough to read our own export back. */
export function parseICalendar(text: string): ParsedEvent[] {
  const unfolded = text.replace(/\r?\n[ \t]/g, '');
  const events: ParsedEvent[] = [];
  let current: Record<string, string> | null = null;
  for (const line of unfolded.split(/\r?\n/)) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      const get = (k: string): string => current![k] ?? '';
      const dt = Object.keys(current).find((k) => k.split(';')[0] === 'DTSTART');
      events.push({
        uid: unescapeText(get('UID')),
        dtstart: dt ? current[dt]! : '',
        summary: unescapeText(get('SUMMARY')),
        description: unescapeText(get('DESCRIPTION')),
        categories: current.CATEGORIES ? splitList(current.CATEGORIES) : [],
        properties: current,
      });
      current = null;
    } else if (current) {
      const i = line.indexOf(':');
      if (i > 0) current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return events;
}
