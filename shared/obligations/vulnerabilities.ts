/**
 * CRA Art 14 reporting of an actively exploited vulnerability or a severe
 * incident (obligations apply from 2026-09-11): the record, the three
 * deadlines, the affected fleet and the pre-filled report drafts.
 *
 * Deadlines are instants: the moment the manufacturer became aware is stored
 * as a UTC instant (ISO 8601 with Z), and each deadline is that instant plus
 * a number of hours (24, 72; 14 days = 336 hours after a fix is available).
 * Time zones and daylight-saving changes only affect how an instant is shown,
 * never the arithmetic. The incident's final report is one calendar month
 * after the notification (Art 14(4)(c)): the same UTC day-of-month and time one
 * month later, the month's last day when that day does not exist.
 *
 * The app writes drafts; it never submits anything.
 */
import { z } from 'zod';
import { idSchema, MAX_NAME, MAX_TEXT } from '../domain/schemas';
import type { Portfolio, Product } from '../domain/schemas';
import { forecastFleet } from '../engine/forecast';
import { effectiveSupportEnd } from '../engine/support-end';

export const CRA_REPORTING_FROM = '2026-09-11T00:00:00Z';

export const VULN_KINDS = ['exploited-vulnerability', 'severe-incident'] as const;
export type VulnKind = (typeof VULN_KINDS)[number];
export const VULN_KIND_LABELS: Readonly<Record<VulnKind, string>> = {
  'exploited-vulnerability': 'Actively exploited vulnerability',
  'severe-incident': 'Severe incident',
};

export const REPORT_KINDS = ['early-warning', 'notification', 'final-report'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_LABELS: Readonly<Record<ReportKind, string>> = {
  'early-warning': 'Early warning (24 h)',
  notification: 'Notification (72 h)',
  'final-report': 'Final report',
};

const HOUR = 3_600_000;
export const DEADLINE_HOURS = { 'early-warning': 24, notification: 72, finalAfterFix: 14 * 24 } as const;

/** A UTC instant: ISO 8601 with Z, seconds optional. Offsets are refused so that what is stored is unambiguous. */
export const utcInstantSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/, 'a UTC time such as 2026-10-24T09:30:00Z')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 16) === s.slice(0, 16), 'not a real date and time')
  .refine((s) => { const y = Number(s.slice(0, 4)); return y >= 1900 && y <= 2199; }, 'the year is outside 1900-2199');

export const sentReportSchema = z.strictObject({
  /** When it was sent (UTC instant). */
  sentAt: utcInstantSchema,
  /** The reference the CSIRT or ENISA platform gave, or the team's own. */
  reference: z.string().trim().min(1, 'the reference is empty').max(MAX_NAME),
});
export type SentReport = z.infer<typeof sentReportSchema>;

export const vulnerabilityRecordSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(VULN_KINDS),
  title: z.string().trim().min(1, 'the title is empty').max(MAX_NAME),
  /** CVE id or an internal id. */
  identifier: z.string().trim().min(1, 'give a CVE or internal id').max(100),
  productIds: z.array(idSchema).min(1, 'name at least one affected product').max(1000),
  /** Components of those products, when the problem is in one (empty = the product as a whole). */
  componentIds: z.array(idSchema).max(1000).default([]),
  affectedVersions: z.string().max(MAX_NAME).default(''),
  /** When the manufacturer became aware (UTC). */
  knownAt: utcInstantSchema,
  /** When a corrective or mitigating measure became available (UTC); null while there is none. */
  fixAvailableAt: utcInstantSchema.nullable().default(null),
  description: z.string().max(MAX_TEXT).default(''),
  mitigation: z.string().max(MAX_TEXT).default(''),
  reports: z.strictObject({
    'early-warning': sentReportSchema.nullable().default(null),
    notification: sentReportSchema.nullable().default(null),
    'final-report': sentReportSchema.nullable().default(null),
  }).default({ 'early-warning': null, notification: null, 'final-report': null }),
}).superRefine((v, ctx) => {
  if (v.fixAvailableAt !== null && Date.parse(v.fixAvailableAt) < Date.parse(v.knownAt)) ctx.addIssue({ code: 'custom', path: ['fixAvailableAt'], message: 'the fix cannot be available before the problem became known' });
});
export type VulnerabilityRecord = z.infer<typeof vulnerabilityRecordSchema>;

export function vulnReviewKey(id: string): string {
  return `vuln:${id}`;
}

/** One calendar month later in UTC, clamped to the month's last day (Jan 31 -> Feb 28/29). */
export function addUtcMonth(ms: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/* ------------------------------------------------------------ local times */

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall-clock time of `ms` in `timeZone`, as if it were UTC (ms). */
function wallClock(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The zone's offset from UTC at the instant `ms` (ms; +2 h = 7 200 000 for CEST). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  return wallClock(Math.floor(ms / 1000) * 1000, timeZone) - Math.floor(ms / 1000) * 1000;
}

export type LocalTimeResult =
  | { ok: true; instant: string }
  | { ok: false; reason: string; candidates: string[] };

/**
 * A wall-clock time as someone typed it (`YYYY-MM-DDTHH:mm`, seconds optional)
 * in an IANA time zone, as the UTC instant the record stores. A time skipped
 * by a daylight-saving change is refused; one that occurs twice is refused
 * with both instants, for the person to choose.
 */
export function utcFromLocal(local: string, timeZone: string): LocalTimeResult {
  const m = LOCAL_RE.exec(local.trim());
  if (!m) return { ok: false, reason: 'give the date and time as YYYY-MM-DDTHH:mm', candidates: [] };
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return { ok: false, reason: `${timeZone} is not a known time zone`, candidates: [] };
  }
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(wall);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
    return { ok: false, reason: `${local} is not a real date and time`, candidates: [] };
  }
  // Offsets in use within a day either side cover every transition the wall time can fall near.
  const offsets = new Set([zoneOffsetMs(wall - 86_400_000, timeZone), zoneOffsetMs(wall, timeZone), zoneOffsetMs(wall + 86_400_000, timeZone)]);
  const found = [...new Set([...offsets].map((o) => wall - o))].filter((t) => wallClock(t, timeZone) === wall).sort((a, b) => a - b);
  const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');
  if (found.length === 1) return { ok: true, instant: iso(found[0]!) };
  if (found.length === 0) return { ok: false, reason: `${local} does not exist in ${timeZone}: the clocks skip it when daylight saving time starts`, candidates: [] };
  return { ok: false, reason: `${local} occurs twice in ${timeZone} (the clocks go back): choose ${found.map(iso).join(' or ')}`, candidates: found.map(iso) };
}

/** An instant as a wall-clock time in a zone, with its offset: "2026-10-26 00:30 (UTC+01:00)". */
export function localTime(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  const offset = zoneOffsetMs(ms, timeZone);
  const wall = new Date(ms + offset).toISOString();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)} (UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')})`;
}

export interface Deadline {
  report: ReportKind;
  /** UTC instant, ISO 8601; null when it cannot be known yet (no fix available). */
  due: string | null;
  /** What it counts from, in words. */
  basis: string;
  sent: SentReport | null;
  /** Milliseconds from `now` to `due` (negative = overdue); null when there is no due time or it was sent. */
  remainingMs: number | null;
  state: 'sent' | 'open' | 'overdue' | 'waiting';
  /** Sent after its deadline. */
  late: boolean;
}

/** The three deadlines of a record, as of `now` (ms since the epoch). */
export function deadlines(v: Pick<VulnerabilityRecord, 'kind' | 'knownAt' | 'fixAvailableAt' | 'reports'>, now: number): Deadline[] {
  const known = Date.parse(v.knownAt);
  const iso = (ms: number): string => new Date(ms).toISOString();
  const one = (report: ReportKind, dueMs: number | null, basis: string): Deadline => {
    const sent = v.reports[report];
    const late = sent !== null && dueMs !== null && Date.parse(sent.sentAt) > dueMs;
    if (sent) return { report, due: dueMs === null ? null : iso(dueMs), basis, sent, remainingMs: null, state: 'sent', late };
    if (dueMs === null) return { report, due: null, basis, sent: null, remainingMs: null, state: 'waiting', late: false };
    const remainingMs = dueMs - now;
    return { report, due: iso(dueMs), basis, sent: null, remainingMs, state: remainingMs < 0 ? 'overdue' : 'open', late: false };
  };
  const early = known + DEADLINE_HOURS['early-warning'] * HOUR;
  const notification = known + DEADLINE_HOURS.notification * HOUR;
  let final: Deadline;
  if (v.kind === 'severe-incident') {
    const sentNotification = v.reports.notification;
    const from = sentNotification ? Date.parse(sentNotification.sentAt) : notification;
    final = one('final-report', addUtcMonth(from), sentNotification ? 'one month after the notification was sent' : 'one month after the notification (counted from its deadline until it is sent)');
  } else {
    final = one('final-report', v.fixAvailableAt === null ? null : Date.parse(v.fixAvailableAt) + DEADLINE_HOURS.finalAfterFix * HOUR,
      v.fixAvailableAt === null ? '14 days after a fix is available (no fix yet)' : '14 days after the fix became available');
  }
  return [
    one('early-warning', early, '24 hours after becoming aware'),
    one('notification', notification, '72 hours after becoming aware'),
    final,
  ];
}

/** True when the record falls under Art 14 (became known on or after 2026-09-11). */
export function reportingApplies(v: Pick<VulnerabilityRecord, 'knownAt'>): boolean {
  return Date.parse(v.knownAt) >= Date.parse(CRA_REPORTING_FROM);
}

export interface AffectedProduct {
  productId: string;
  product: string;
  modelDesignation: string;
  components: string[];
  /** Units in use in the as-of year (forecast); null when the forecast lacks inputs. */
  unitsInUse: number | null;
  effectiveSupportEnd: string | null;
}

/** The affected products with their units in use now (from the fleet forecast). */
export function affectedFleet(v: Pick<VulnerabilityRecord, 'productIds' | 'componentIds'>, portfolio: Pick<Portfolio, 'products'>, asOf: string): AffectedProduct[] {
  const year = Number(asOf.slice(0, 4));
  const out: AffectedProduct[] = [];
  for (const id of v.productIds) {
    const p = portfolio.products.find((x) => x.id === id);
    if (!p) continue;
    out.push(affectedProduct(p, v.componentIds, asOf, year));
  }
  return out;
}

function affectedProduct(p: Product, componentIds: readonly string[], asOf: string, year: number): AffectedProduct {
  let unitsInUse: number | null = null;
  try {
    const f = forecastFleet(p, { asOf, fromYear: year, toYear: year });
    const y = f.years.find((r) => r.year === year);
    unitsInUse = y ? Math.round(y.unitsInUse) : null;
  } catch {
    unitsInUse = null;
  }
  let end: string | null = null;
  try {
    end = effectiveSupportEnd(p).end;
  } catch {
    end = null;
  }
  return {
    productId: p.id,
    product: p.name,
    modelDesignation: p.sku,
    components: p.components.filter((c) => componentIds.includes(c.id)).map((c) => `${c.name}${c.version ? ` ${c.version}` : ''}`),
    unitsInUse,
    effectiveSupportEnd: end,
  };
}

/* ------------------------------------------------------------ drafts */

export interface ReportDraft {
  report: ReportKind;
  title: string;
  /** Ordered fields, label -> value, as the text, JSON and PDF show them. */
  fields: { label: string; value: string }[];
  /** Fields the team still has to fill in before sending. */
  toComplete: string[];
}

export interface DraftContext {
  manufacturer: string;
  asOf: string;
  now: number;
}

export function reportDraft(v: VulnerabilityRecord, report: ReportKind, portfolio: Pick<Portfolio, 'products'>, ctx: DraftContext): ReportDraft {
  const fleet = affectedFleet(v, portfolio, ctx.asOf);
  const d = deadlines(v, ctx.now).find((x) => x.report === report)!;
  const products = fleet.map((f) => `${f.product}${f.modelDesignation ? ` (model ${f.modelDesignation})` : ''}${f.components.length ? `: ${f.components.join(', ')}` : ''}`).join('; ');
  const units = fleet.map((f) => `${f.product}: ${f.unitsInUse === null ? 'unknown' : String(f.unitsInUse)}`).join('; ');
  const fields: { label: string; value: string }[] = [
    { label: 'Report', value: REPORT_LABELS[report] },
    { label: 'Type', value: VULN_KIND_LABELS[v.kind] },
    { label: 'Identifier', value: v.identifier },
    { label: 'Title', value: v.title },
    { label: 'Manufacturer', value: ctx.manufacturer },
    { label: 'Affected products', value: products || '(none found in the portfolio)' },
    { label: 'Affected versions', value: v.affectedVersions },
    { label: 'Became aware (UTC)', value: v.knownAt },
    { label: 'Due (UTC)', value: d.due ?? d.basis },
    { label: 'Units in use (forecast)', value: units },
  ];
  const toComplete: string[] = [];
  if (report === 'early-warning') {
    toComplete.push('Whether the problem is suspected of being caused by unlawful or malicious acts', 'The Member States where the product is made available');
  } else {
    fields.push({ label: 'Description', value: v.description });
    fields.push({ label: 'Corrective or mitigating measures', value: v.mitigation });
    if (!v.description) toComplete.push('Description');
    if (!v.mitigation) toComplete.push('Corrective or mitigating measures');
    if (report === 'notification') toComplete.push('Nature of the exploit or incident', 'Sensitivity of the information notified');
    if (report === 'final-report') {
      fields.push({ label: 'Fix available (UTC)', value: v.fixAvailableAt ?? '' });
      if (v.kind === 'exploited-vulnerability' && !v.fixAvailableAt) toComplete.push('Fix available');
      toComplete.push(v.kind === 'exploited-vulnerability' ? 'Severity and impact; the malicious actor, where known; the security update or measures' : 'Severity and impact; the type of threat or root cause; measures applied and ongoing');
    }
  }
  const previous = REPORT_KINDS.slice(0, REPORT_KINDS.indexOf(report)).map((k) => v.reports[k]).filter((r): r is SentReport => r !== null);
  if (previous.length) fields.push({ label: 'Earlier reports', value: previous.map((r) => `${r.reference} (${r.sentAt})`).join('; ') });
  return { report, title: `${REPORT_LABELS[report]}: ${v.identifier} ${v.title}`, fields, toComplete };
}

export const DRAFT_NOTICE = 'Draft prepared by Supportspan from the portfolio data. Supportspan does not submit it: check it, complete it and send it through the single reporting platform (CRA Art 16).';

export function draftAsText(d: ReportDraft): string {
  const width = Math.max(...d.fields.map((f) => f.label.length));
  const lines = [d.title, '='.repeat(Math.min(d.title.length, 78)), '', ...d.fields.map((f) => `${f.label.padEnd(width)}  ${f.value.replace(/\r?\n/g, `\n${' '.repeat(width + 2)}`)}`)];
  if (d.toComplete.length) lines.push('', 'To complete before sending:', ...d.toComplete.map((t) => `  - ${t}`));
  lines.push('', DRAFT_NOTICE, '');
  return lines.join('\n');
}

export function draftAsJson(d: ReportDraft): string {
  return `${JSON.stringify({ report: d.report, title: d.title, fields: Object.fromEntries(d.fields.map((f) => [f.label, f.value])), toComplete: d.toComplete, notice: DRAFT_NOTICE }, null, 2)}\n`;
}
