/**
 * report.html: what an auditor can read without the app. Self-contained (no
 * script, no external resource, a CSP that forbids both), every user string
 * escaped, timelines as inline SVG, and print-friendly.
 */
import { showHidden } from '../text/hygiene';
import { addYears, dayToIso, parseLifecycleDate, type DayNumber } from '../domain/dates';
import type { Component, Decision, Portfolio, Product, ProductLine } from '../domain/schemas';
import type { BundleCounts, BundleScope, RecordedFinding, RulePackRef } from './format';
import { formatFingerprint } from './signing';
import { scopeLabel } from './scope';
import type { RiskRegisterData } from '../risk/schemas';
import { renderRisksSection } from './report-risks';
import { renderActivitiesSection } from './report-activities';
import type { ObligationsData } from './format-obligations';

export type ReportSignatureState = 'unsigned' | 'signed' | 'valid' | 'unknown-key' | 'invalid';

export interface ReportInput {
  portfolio: Portfolio;
  scope: BundleScope;
  asOf: string;
  createdAt: string;
  appVersion: string;
  rulePacks: readonly RulePackRef[];
  findings: readonly RecordedFinding[];
  counts?: BundleCounts;
  /** `signed` = written by the exporter (it cannot verify itself); the others come from a verification. */
  signature: { state: ReportSignatureState; fingerprint?: string | null; reasons?: readonly string[] };
  /** Products shown in full (facts, timeline, findings, decisions); the others get one summary row each. Default REPORT_DETAIL_PRODUCTS. */
  detailProducts?: number;
  /** The risk register (format version 3); absent = no section. */
  risks?: RiskRegisterData;
  /** Activity and vulnerability records (format version 3); absent = no section. */
  obligations?: ObligationsData;
}

/**
 * A report stays readable (and a 100k-component bundle stays quick to write
 * and open) when only this many products are shown in full: those with the
 * most severe findings. Every other product gets a summary row; every finding
 * is in analysis/findings.json and in the app.
 */
export const REPORT_DETAIL_PRODUCTS = 200;
/** Rows of the table of findings that match no product in the bundle. */
export const REPORT_OTHER_FINDINGS = 1000;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values (and SVG text). */
/** Also makes control and bidi characters visible (⟦RLO U+202E⟧), so that text cannot display as something it is not. */
export function escapeHtml(value: unknown): string {
  return showHidden(String(value ?? '')).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #ccd;padding:.3rem .45rem;text-align:left;vertical-align:top}th{background:#f1f3f6}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
.sev-high{color:#9b1c1c;font-weight:700}.sev-medium{color:#8a4b00;font-weight:700}.sev-low{color:#2e4a7a;font-weight:700}
.state{display:inline-block;padding:.2rem .6rem;border-radius:.3rem;font-weight:700;border:2px solid}
.state-valid{border-color:#1f6f3a;color:#1f6f3a}.state-invalid{border-color:#9b1c1c;color:#9b1c1c}
.state-unsigned,.state-unknown-key,.state-signed{border-color:#8a4b00;color:#8a4b00}
.muted{color:#555}code{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all}
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}table,svg,section.product{break-inside:avoid}a{color:inherit}}
`;

/** What each signature state means, in one sentence (the HTML and PDF reports show it). */
export const SIGNATURE_TEXT: Readonly<Record<ReportSignatureState, string>> = {
  signed: 'Signed at export. Verify the bundle file in Supportspan (or with the command line) to confirm it is unchanged.',
  unsigned: 'Not signed: nothing proves who made this bundle or that it is unchanged.',
  valid: 'Signature valid, and the signer is a trusted key.',
  'unknown-key': 'Signature valid, but the signer\'s key is not among the trusted fingerprints.',
  invalid: 'INVALID: the bundle was changed after it was made, or is damaged. Do not rely on it.',
};

function day(text: string | null | undefined): DayNumber | null {
  if (!text) return null;
  const r = parseLifecycleDate(text);
  return r.ok ? r.day : null;
}

function section(title: string, body: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function summary(input: ReportInput): string {
  const c = input.counts;
  const rows: [string, string][] = [
    ['Scope', scopeLabel(input.scope)],
    ['As-of date', input.asOf],
    ['Created', input.createdAt],
    ['App version', input.appVersion],
    ['Rule packs', input.rulePacks.map((r) => `${r.id} ${r.version}`).join(', ') || 'none recorded'],
  ];
  if (c) rows.push(['Contents', `${c.lines} product lines, ${c.products} products, ${c.components} components, ${c.decisions} decisions, ${c.findings} findings, ${c.evidence} evidence files, ${c.changes} change-log entries`]);
  const dl = `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
  const s = input.signature;
  const fp = s.fingerprint ? `<p>Signer fingerprint: <code>${escapeHtml(formatFingerprint(s.fingerprint))}</code></p>` : '';
  const reasons = s.reasons?.length ? `<ul>${s.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '';
  return section('Bundle', dl + `<p><span class="state state-${escapeHtml(s.state)}">${escapeHtml(s.state)}</span> ${escapeHtml(SIGNATURE_TEXT[s.state])}</p>${fp}${reasons}`);
}

function findingsTable(findings: readonly RecordedFinding[]): string {
  const rows = findings.map((f) => {
    const provisions = [...(f.provisions ?? []), ...(f.nist ?? [])].map((p) => `<li>${escapeHtml(p)}</li>`).join('');
    return `<tr><td class="sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</td><td><code>${escapeHtml(f.kind)}</code></td>`
      + `<td>${escapeHtml(f.component ?? '—')}</td><td>${f.gapDays == null ? '—' : escapeHtml(`${f.gapDays} days`)}</td>`
      + `<td>${escapeHtml(f.message)}${f.remediation ? `<p class="muted"><strong>Remediation:</strong> ${escapeHtml(f.remediation)}</p>` : ''}</td>`
      + `<td>${provisions ? `<ul>${provisions}</ul>` : '—'}</td></tr>`;
  });
  return `<table><thead><tr><th>Severity</th><th>Kind</th><th>Component</th><th>Gap</th><th>Explanation</th><th>Provisions</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

interface Row { label: string; start: DayNumber | null; end: DayNumber | null; note: string }

function componentEnd(c: Component, start: DayNumber | null): DayNumber | null {
  if (c.class === 'it') return day(c.securitySupportEnd) ?? day(c.expires);
  if (c.expectedLifeYears != null && start != null) return addYears(start, c.expectedLifeYears);
  return null;
}

/** One row per component from first placed on market to its support end or wear-out, with use-end and support-end markers. */
export function timelineSvg(product: Product, asOf: string): string {
  const start = day(product.firstPlacedOnMarket);
  const asOfDay = day(asOf);
  const lastPlaced = day(product.lastPlacedOnMarket) ?? asOfDay;
  const useEnd = lastPlaced != null && product.expectedUseYears != null ? addYears(lastPlaced, product.expectedUseYears) : null;
  const supportEnd = day(product.declaredSupportEnd);
  const rows: Row[] = product.components.map((c) => ({
    label: c.name,
    start,
    end: componentEnd(c, start),
    note: c.class === 'it' ? 'security support' : 'expected life',
  }));
  const points = [start, useEnd, supportEnd, asOfDay, ...rows.map((r) => r.end)].filter((d): d is number => d != null);
  if (rows.length === 0 || points.length < 2) return '<p class="muted">Not enough dates for a timeline.</p>';
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = Math.max(max - min, 1);
  const labelW = 200, plotW = 560, rowH = 22, top = 30;
  const height = top + rows.length * rowH + 30;
  const x = (d: number) => (labelW + ((d - min) / span) * plotW).toFixed(1);
  const parts: string[] = [];
  const title = `Timeline of ${product.name}`;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${labelW + plotW + 20} ${height}" width="${labelW + plotW + 20}" height="${height}">`);
  parts.push(`<title>${escapeHtml(title)}</title>`);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="4" y="${y + 14}">${escapeHtml(r.label.length > 30 ? r.label.slice(0, 29) + '…' : r.label)}</text>`);
    if (r.start != null && r.end != null) {
      const x0 = Number(x(Math.min(r.start, r.end)));
      const w = Math.max(Number(x(Math.max(r.start, r.end))) - x0, 1);
      parts.push(`<rect x="${x0.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="12" fill="${r.end < (useEnd ?? Infinity) ? '#d9822b' : '#5b8bd0'}"><title>${escapeHtml(`${r.label}: ${r.note} until ${dayToIso(r.end)}`)}</title></rect>`);
    } else {
      parts.push(`<text x="${labelW}" y="${y + 14}" fill="#777">${escapeHtml(`${r.note}: unknown`)}</text>`);
    }
  });
  const marker = (d: number | null, label: string, color: string, dash: string) => {
    if (d == null) return;
    parts.push(`<line x1="${x(d)}" x2="${x(d)}" y1="${top - 6}" y2="${height - 22}" stroke="${color}" stroke-width="2" stroke-dasharray="${dash}"><title>${escapeHtml(`${label}: ${dayToIso(d)}`)}</title></line>`);
    parts.push(`<text x="${x(d)}" y="${height - 8}" text-anchor="middle" fill="${color}">${escapeHtml(`${label} ${dayToIso(d)}`)}</text>`);
  };
  marker(useEnd, 'use end', '#9b1c1c', '4 2');
  marker(supportEnd, 'support end', '#1f6f3a', '0');
  if (asOfDay != null) parts.push(`<line x1="${x(asOfDay)}" x2="${x(asOfDay)}" y1="${top - 6}" y2="${height - 22}" stroke="#333" stroke-width="1" stroke-dasharray="1 3"><title>${escapeHtml(`as of ${asOf}`)}</title></line>`);
  parts.push(`<text x="${labelW}" y="16" fill="#555">${escapeHtml(`${dayToIso(min)} – ${dayToIso(max)}`)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

function decisionsTable(decisions: readonly Decision[]): string {
  if (decisions.length === 0) return '<p class="muted">No decisions recorded.</p>';
  const rows = decisions.map((d) => `<tr><td><code>${escapeHtml(d.findingKey)}</code></td><td>${escapeHtml(d.type)}</td><td>${escapeHtml(d.rationale)}</td><td>${escapeHtml(d.by)}</td><td>${escapeHtml(d.decidedAt)}</td><td>${escapeHtml(d.expires ?? '—')}</td></tr>`);
  return `<table><thead><tr><th>Finding</th><th>Decision</th><th>Rationale</th><th>By</th><th>Decided</th><th>Expires</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function productSection(product: Product, line: ProductLine | undefined, findings: readonly RecordedFinding[], decisions: readonly Decision[], asOf: string): string {
  const facts: [string, string][] = [
    ['Product line', line ? `${line.name} (${line.environment})` : product.lineId],
    ['SKU', product.sku || '—'],
    ['Category', product.category],
    ['Markets', product.markets.join(', ') || '—'],
    ['Placed on market', `${product.firstPlacedOnMarket ?? 'unknown'} – ${product.lastPlacedOnMarket ?? 'still on sale'}`],
    ['Expected use', product.expectedUseYears == null ? 'unknown' : `${product.expectedUseYears} years`],
    ['Rationale', product.expectedUseRationale || '—'],
    ['Declared support end', product.declaredSupportEnd ?? 'not declared'],
  ];
  return `<section class="product"><h3>${escapeHtml(product.name)}</h3>`
    + `<dl>${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`
    + timelineSvg(product, asOf)
    + (findings.length ? findingsTable(findings) : '<p>No findings.</p>')
    + (decisions.length ? `<h4>Decisions</h4>${decisionsTable(decisions)}` : '')
    + '</section>';
}

const SEVERITY_WEIGHT = { high: 1_000_000, medium: 1_000, low: 1 } as const;

/** Ids of the products to show in full: the `limit` with the most severe findings (ties keep portfolio order). */
function productsInDetail(products: readonly Product[], findingsBy: ReadonlyMap<string, readonly RecordedFinding[]>, limit: number): Set<string> {
  if (products.length <= limit) return new Set(products.map((p) => p.id));
  const score = (p: Product): number => (findingsBy.get(p.id) ?? []).reduce((n, f) => n + SEVERITY_WEIGHT[f.severity], 0);
  const ranked = products.map((p, i) => ({ id: p.id, i, score: score(p) })).sort((a, b) => b.score - a.score || a.i - b.i);
  return new Set(ranked.slice(0, Math.max(0, limit)).map((r) => r.id));
}

function productSummaryTable(products: readonly Product[], findingsBy: ReadonlyMap<string, readonly RecordedFinding[]>, decisionsBy: ReadonlyMap<string, readonly Decision[]>): string {
  const rows = products.map((p) => {
    const sev = { high: 0, medium: 0, low: 0 };
    for (const f of findingsBy.get(p.id) ?? []) sev[f.severity]++;
    return `<tr><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.sku || '—')}</td><td>${escapeHtml(p.declaredSupportEnd ?? 'not declared')}</td>`
      + `<td>${sev.high}</td><td>${sev.medium}</td><td>${sev.low}</td><td>${(decisionsBy.get(p.id) ?? []).length}</td></tr>`;
  });
  return '<h3>Other products (summary)</h3><table><thead><tr><th>Product</th><th>SKU</th><th>Declared support end</th><th>High</th><th>Medium</th><th>Low</th><th>Decisions</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`;
}

/**
 * What a bundle's report is made from: only data the bundle itself holds, so a
 * reader can make the report again and compare it with the one shipped.
 */
export interface BundleReportData {
  portfolio: Portfolio;
  scope: BundleScope;
  asOf: string;
  createdAt: string;
  appVersion: string;
  rulePacks: readonly RulePackRef[];
  findings: readonly RecordedFinding[];
  counts: BundleCounts;
  risks: RiskRegisterData;
  obligations: ObligationsData;
  /** The signer named in the manifest; null for an unsigned bundle. */
  signerFingerprint: string | null;
}

/**
 * The report.html the exporter writes into a bundle. Deterministic: the same
 * data gives the same bytes (no current time, only the manifest's createdAt),
 * which is what lets a reader tell a replaced report from the real one.
 */
export function renderBundleReport(data: BundleReportData): string {
  return renderReportHtml({
    portfolio: data.portfolio, scope: data.scope, asOf: data.asOf, createdAt: data.createdAt, appVersion: data.appVersion,
    rulePacks: data.rulePacks, findings: data.findings, counts: data.counts, risks: data.risks, obligations: data.obligations,
    signature: data.signerFingerprint ? { state: 'signed', fingerprint: data.signerFingerprint } : { state: 'unsigned' },
  });
}

export function renderReportHtml(input: ReportInput): string {
  const { portfolio } = input;
  const lines = new Map(portfolio.lines.map((l) => [l.id, l]));
  const findingsBy = new Map<string, RecordedFinding[]>();
  const unmatched: RecordedFinding[] = [];
  const productIds = new Set(portfolio.products.map((p) => p.id));
  const productNames = new Map(portfolio.products.map((p) => [p.name, p.id]));
  for (const f of input.findings) {
    const pid = f.productId && productIds.has(f.productId) ? f.productId : f.product ? productNames.get(f.product) : undefined;
    if (pid) {
      const list = findingsBy.get(pid);
      if (list) list.push(f);
      else findingsBy.set(pid, [f]);
    }
    else unmatched.push(f);
  }
  const bySeverity = { high: 0, medium: 0, low: 0 };
  for (const f of input.findings) bySeverity[f.severity]++;
  const overview = `<p>${escapeHtml(`${input.findings.length} findings: ${bySeverity.high} high, ${bySeverity.medium} medium, ${bySeverity.low} low.`)}</p>`;
  const decisionsBy = new Map<string, Decision[]>();
  for (const d of portfolio.decisions) {
    const list = decisionsBy.get(d.productId);
    if (list) list.push(d);
    else decisionsBy.set(d.productId, [d]);
  }
  const detailed = productsInDetail(portfolio.products, findingsBy, input.detailProducts ?? REPORT_DETAIL_PRODUCTS);
  const byLine = new Map<string, Product[]>();
  for (const p of portfolio.products) {
    const key = lines.has(p.lineId) ? p.lineId : '';
    const list = byLine.get(key);
    if (list) list.push(p);
    else byLine.set(key, [p]);
  }
  const products = [...portfolio.lines, { id: '', name: '', environment: 'consumer', notes: '' } as ProductLine]
    .map((line) => {
      const ps = byLine.get(line.id) ?? [];
      if (ps.length === 0) return '';
      const heading = line.id ? `<h2>${escapeHtml(`Product line: ${line.name}`)}</h2>${line.notes ? `<p>${escapeHtml(line.notes)}</p>` : ''}` : '<h2>Products without a line</h2>';
      const full = ps.filter((p) => detailed.has(p.id));
      const brief = ps.filter((p) => !detailed.has(p.id));
      return `<section>${heading}`
        + full.map((p) => productSection(p, lines.get(p.lineId), findingsBy.get(p.id) ?? [], decisionsBy.get(p.id) ?? [], input.asOf)).join('')
        + (brief.length ? productSummaryTable(brief, findingsBy, decisionsBy) : '')
        + '</section>';
    })
    .join('');
  const omitted = portfolio.products.length - detailed.size;
  const detailNote = omitted > 0
    ? `<p class="muted">${escapeHtml(`${detailed.size} of ${portfolio.products.length} products are shown in full (those with the most severe findings); the other ${omitted} have one summary row each. Every finding is in analysis/findings.json in the bundle.`)}</p>`
    : '';
  const shownOther = unmatched.slice(0, REPORT_OTHER_FINDINGS);
  const otherNote = unmatched.length > shownOther.length
    ? `<p class="muted">${escapeHtml(`${unmatched.length - shownOther.length} more in analysis/findings.json.`)}</p>`
    : '';
  const other = unmatched.length ? section('Other findings', findingsTable(shownOther) + otherNote) : '';
  const title = `Supportspan report — ${scopeLabel(input.scope)} as of ${input.asOf}`;
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`
    + `<header><h1>Support lifecycle report</h1><p class="muted">${escapeHtml(title)}</p></header>`
    + summary(input)
    + section('Findings overview', overview + detailNote)
    + products
    + renderRisksSection(input.portfolio, input.risks, input.asOf)
    + renderActivitiesSection(input.portfolio, input.obligations, input.findings, input.asOf)
    + other
    + '<footer><p class="muted">Generated by Supportspan. The dates and findings are as recorded at the as-of date above.</p></footer>'
    + '</body></html>\n';
}
