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
import { KIND_INFO, type FindingKind } from '../engine/finding-kinds';
import { isRedacted, type LogEntry } from '../history/change-log';
import { formatCount } from '../format/format';

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
  /** The evidence files (names and SHA-256); absent = no section. */
  evidence?: readonly ReportEvidence[];
  /** The bundle's change log: its count, head hash and last REPORT_HISTORY_ENTRIES entries are shown; absent = no section. */
  history?: readonly LogEntry[];
  /**
   * Set when the report is made from a verified bundle: what was checked, when
   * and by which version, and the manifest's SHA-256 (the report inside a bundle
   * cannot name it: the manifest holds that report's hash).
   */
  verification?: ReportVerification;
}

export interface ReportReanalysis {
  same: number;
  changed: number;
  onlyRecorded: number;
  onlyCurrent: number;
  /** Rule packs re-run in another version, or not available ("eu-cra 2024.1 re-run as 2024.2"). */
  packNotes: readonly string[];
}

export interface ReportEvidence { ownerId: string; name: string; sha256: string; size: number }

export interface ReportVerification {
  manifestHash: string;
  /** ISO timestamp of the check. */
  checkedAt: string;
  /** The version of Supportspan that checked. */
  checkedWith: string;
  /** The trusted key's owner label, when the signer is trusted. */
  signerLabel?: string | null;
  /** The analysis re-run on the bundle's data with its rule packs, compared with the recorded findings (absent = not re-run). */
  reanalysis?: ReportReanalysis;
}

/** History entries listed in the report (the latest ones); the count and head hash cover all. */
export const REPORT_HISTORY_ENTRIES = 50;

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
.muted{color:#555}code{font-family:ui-monospace,monospace;font-size:.9em}
.hash{font-family:ui-monospace,monospace;font-size:.85em;overflow-wrap:anywhere}
td,th,dd,li,p{overflow-wrap:normal;word-break:normal;hyphens:manual}
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 .75rem;padding:0;list-style:none;font-size:.9em}
.legend .swatch{display:inline-block;width:1.4em;height:.75em;margin-right:.35em;vertical-align:middle;border:1px solid #555}
.audit-header{border:2px solid #1b1f24;padding:.4rem .6rem;margin:.5rem 0 1rem}
.audit-header p{margin:.1rem 0}
.running{display:none}
.toc ol{margin:.25rem 0}
/*
 * Printing. Chromium supports neither CSS @page margin boxes nor counter(page)
 * in fixed elements, so a printed copy repeats the manifest SHA-256 and the
 * signer in a header and footer fixed to every page (below), and the visible
 * audit header above the content carries the same facts. Page numbers ("Page N
 * of M") come from the desktop app's print-to-PDF footer; a browser prints its
 * own when its header and footer option is on. The numbered section list finds
 * a section in any copy.
 */
@media print{body{margin:0;max-width:none;font-size:11pt;padding:1.6cm 0 1.4cm}h2{break-after:avoid}table,svg,section.product{break-inside:avoid}a{color:inherit}
.running{display:block;position:fixed;left:0;right:0;font-size:8pt;color:#333;background:#fff}
.running-top{top:0;border-bottom:1px solid #999;padding-bottom:.1cm}.running-bottom{bottom:0;border-top:1px solid #999;padding-top:.1cm}}
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

function section(title: string, body: string, id?: string): string {
  return `<section${id ? ` id="${escapeHtml(id)}"` : ''}><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

/** The facts every printed page repeats, and the visible header block carries. */
function auditFacts(input: ReportInput): { manifest: string; signer: string } {
  const fp = input.signature.fingerprint;
  return {
    manifest: input.verification ? input.verification.manifestHash : 'not inside the bundle (the manifest holds this file\'s hash): verify the bundle to see it',
    signer: fp ? formatFingerprint(fp) : 'not signed',
  };
}

function auditHeader(input: ReportInput): string {
  const f = auditFacts(input);
  const owner = input.verification?.signerLabel ? ` (${input.verification.signerLabel})` : '';
  return '<div class="audit-header">'
    + `<p><strong>Manifest SHA-256:</strong> <code class="hash">${escapeHtml(f.manifest)}</code></p>`
    + `<p><strong>Signer fingerprint:</strong> <code class="hash">${escapeHtml(f.signer)}</code>${escapeHtml(owner)}</p>`
    + '</div>';
}

function runningHeaderFooter(input: ReportInput): string {
  const f = auditFacts(input);
  const text = `Manifest SHA-256 ${input.verification ? f.manifest : 'see the verification'} · signer ${f.signer}`;
  return `<div class="running running-top" aria-hidden="true">${escapeHtml(`Supportspan report — ${scopeLabel(input.scope)} as of ${input.asOf}`)}</div>`
    + `<div class="running running-bottom hash" aria-hidden="true">${escapeHtml(text)}</div>`;
}

function verificationStatement(input: ReportInput): string {
  const v = input.verification;
  const checks = 'every file against its SHA-256 in the manifest, the change log\'s hash chain, the data\'s schemas and references, the Ed25519 signature over the manifest, and that this report is the one the data produces (the bundle\'s own report.html is never shown)';
  if (!v) {
    return section('Verification', `<p>${escapeHtml(`This report was written into the bundle when it was made (Supportspan ${input.appVersion}, ${input.createdAt}). It has not been verified: open the bundle in Supportspan or run "supportspan verify" to check ${checks}.`)}</p>`, 'verification');
  }
  return section('Verification', `<p>${escapeHtml(`Checked ${v.checkedAt} with Supportspan ${v.checkedWith}: ${checks}. Result: ${input.signature.state}.`)}</p>`
    + `<p>${escapeHtml(SIGNATURE_TEXT[input.signature.state])}</p>`
    + (v.reanalysis ? `<p class="reanalysis">${escapeHtml(reanalysisSentence(v.reanalysis, v.checkedWith))}</p>` : ''), 'verification');
}

/** What a re-run of the bundle's analysis found, in one sentence (the report's verification statement, the PDF's cover). */
export function reanalysisSentence(r: ReportReanalysis, version: string): string {
  const packs = r.packNotes.length ? ` Rule packs: ${r.packNotes.join('; ')}.` : '';
  const differing = r.changed + r.onlyRecorded + r.onlyCurrent;
  if (differing === 0) return `Re-analysis with Supportspan ${version} on the bundle's data and rule packs gives the findings the bundle recorded (${formatCount(r.same, 'finding')} the same).${packs}`;
  return `Re-analysis with Supportspan ${version} on the bundle's data and rule packs: ${formatCount(differing, 'finding')} differ from those the bundle recorded (${r.changed} changed, ${r.onlyRecorded} recorded but not found now, ${r.onlyCurrent} new; ${r.same} the same). This report shows the findings the bundle recorded; "supportspan analyze <bundle> --compare" lists the differences.${packs}`;
}

function evidenceSection(evidence: readonly ReportEvidence[], portfolio: Portfolio): string {
  const owners = new Map<string, string>();
  for (const p of portfolio.products) {
    owners.set(p.id, p.name);
    for (const c of p.components) owners.set(c.id, `${p.name} / ${c.name}`);
  }
  if (evidence.length === 0) return section('Evidence', '<p class="muted">No evidence files.</p>', 'evidence');
  const rows = evidence.map((e) => `<tr><td>${escapeHtml(e.name)}</td><td>${escapeHtml(owners.get(e.ownerId) ?? e.ownerId)}</td><td>${escapeHtml(formatCount(e.size, 'byte'))}</td><td><code class="hash">${escapeHtml(e.sha256)}</code></td></tr>`);
  return section('Evidence', `<table><thead><tr><th>File</th><th>Attached to</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>${rows.join('')}</tbody></table>`, 'evidence');
}

function historySection(history: readonly LogEntry[]): string {
  const head = history.length ? history[history.length - 1]!.hash : null;
  const kept = history.filter((e) => !isRedacted(e)).length;
  const summaryText = `${formatCount(history.length, 'entry', 'entries')} in the change log (${formatCount(history.length - kept, 'entry', 'entries')} outside this bundle's scope, kept as hashes only).`;
  const headLine = head ? `<p>Head hash: <code class="hash">${escapeHtml(head)}</code></p>` : '';
  const last = history.slice(-REPORT_HISTORY_ENTRIES).reverse();
  const rows = last.map((e) => isRedacted(e)
    ? `<tr><td>${e.seq}</td><td colspan="4" class="muted">outside this bundle's scope</td><td><code class="hash">${escapeHtml(e.hash)}</code></td></tr>`
    : `<tr><td>${e.seq}</td><td>${escapeHtml(e.at)}</td><td>${escapeHtml(e.who || '—')}</td><td>${escapeHtml(e.action)}</td><td>${escapeHtml(`${e.entity.type} ${e.entity.id}`)}</td><td><code class="hash">${escapeHtml(e.hash)}</code></td></tr>`);
  const table = last.length
    ? `<h3>${escapeHtml(`The last ${formatCount(last.length, 'entry', 'entries')}, newest first`)}</h3><table><thead><tr><th>#</th><th>When</th><th>Who</th><th>Change</th><th>Record</th><th>Hash</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '';
  return section('History', `<p>${escapeHtml(summaryText)}</p>${headLine}${table}`, 'history');
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
  return section('Bundle', dl + `<p><span class="state state-${escapeHtml(s.state)}">${escapeHtml(s.state)}</span> ${escapeHtml(SIGNATURE_TEXT[s.state])}</p>${fp}${reasons}`, 'bundle');
}

/** A finding kind by its title (never its id); a kind this version does not know is named as such. */
export function kindTitle(kind: string): string {
  return Object.hasOwn(KIND_INFO, kind) ? KIND_INFO[kind as FindingKind].title : 'Finding of a kind this version does not know';
}

function findingsTable(findings: readonly RecordedFinding[]): string {
  const rows = findings.map((f) => {
    const provisions = [...(f.provisions ?? []), ...(f.nist ?? [])].map((p) => `<li>${escapeHtml(p)}</li>`).join('');
    return `<tr><td class="sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</td><td>${escapeHtml(kindTitle(f.kind))}</td>`
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

const TIMELINE_LEGEND = '<ul class="legend" aria-label="Timeline legend">'
  + '<li><span class="swatch" style="background:#5b8bd0"></span>Component supported or expected to last past the use end</li>'
  + '<li><span class="swatch" style="background:#d9822b"></span>Component support or expected life ends before the use end</li>'
  + '<li><span class="swatch" style="background:none;border:0;border-top:2px dashed #9b1c1c;height:0"></span>Use end (last placed on market + expected use)</li>'
  + '<li><span class="swatch" style="background:none;border:0;border-top:2px solid #1f6f3a;height:0"></span>Declared support end</li>'
  + '<li><span class="swatch" style="background:none;border:0;border-top:1px dotted #333;height:0"></span>As-of date</li>'
  + '</ul>';

function componentTable(product: Product): string {
  if (product.components.length === 0) return '<p class="muted">No components recorded.</p>';
  const rows = product.components.map((c) => `<tr><td>${escapeHtml(c.name)}</td><td>${escapeHtml(c.class === 'it' ? 'IT' : 'Mechanical')}</td><td>${escapeHtml(c.role)}</td>`
    + `<td>${escapeHtml(c.supplier || '—')}</td><td>${escapeHtml(c.version || '—')}</td><td>${c.core == null ? 'unknown' : c.core ? 'yes' : 'no'}</td>`
    + `<td>${escapeHtml(c.securitySupportEnd ?? '—')}</td><td>${c.expectedLifeYears == null ? '—' : escapeHtml(formatCount(c.expectedLifeYears, 'year'))}</td>`
    + `<td>${escapeHtml(c.updateMechanism ?? '—')}</td></tr>`);
  return '<table class="components"><caption class="muted">Components</caption><thead><tr><th>Component</th><th>Class</th><th>Role</th><th>Supplier</th><th>Version</th><th>Core</th><th>Security support end</th><th>Expected life</th><th>Updates</th></tr></thead>'
    + `<tbody>${rows.join('')}</tbody></table>`;
}

/** The finding a decision is about, by its kind's title (and component); the key only when the finding is not in the analysis. */
function decisionFinding(key: string, findings: readonly RecordedFinding[]): string {
  const f = findings.find((x) => x.key === key);
  if (!f) return `<span class="muted">a finding not in this analysis</span> <code class="hash">${escapeHtml(key)}</code>`;
  return escapeHtml(f.component ? `${kindTitle(f.kind)}: ${f.component}` : kindTitle(f.kind));
}

function decisionsTable(decisions: readonly Decision[], findings: readonly RecordedFinding[]): string {
  if (decisions.length === 0) return '<p class="muted">No decisions recorded.</p>';
  const rows = decisions.map((d) => `<tr><td>${decisionFinding(d.findingKey, findings)}</td><td>${escapeHtml(d.type)}</td><td>${escapeHtml(d.rationale)}</td><td>${escapeHtml(d.by)}</td><td>${escapeHtml(d.decidedAt)}</td><td>${escapeHtml(d.expires ?? '—')}</td></tr>`);
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
    + TIMELINE_LEGEND
    + componentTable(product)
    + (findings.length ? findingsTable(findings) : '<p>No findings.</p>')
    + (decisions.length ? `<h4>Decisions</h4>${decisionsTable(decisions, findings)}` : '')
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
  evidence: readonly ReportEvidence[];
  history: readonly LogEntry[];
  /** The signer named in the manifest; null for an unsigned bundle. */
  signerFingerprint: string | null;
}

/** A verification's outcome, for a report made from a verified bundle. */
export interface VerifiedReport {
  state: ReportSignatureState;
  fingerprint: string | null;
  reasons: readonly string[];
  verification: ReportVerification;
}

/**
 * The report.html the exporter writes into a bundle. Deterministic: the same
 * data gives the same bytes (no current time, only the manifest's createdAt),
 * which is what lets a reader tell a replaced report from the real one. With
 * `verified`, the report of a verified bundle: its state, the manifest's hash
 * and the verification statement (what the app shows and saves).
 */
/** The data's sections of a bundle's report, to pass to several renderBundleReport calls on the same data. */
export function bundleReportBody(data: BundleReportData): ReportBody {
  return reportBody({
    portfolio: data.portfolio, scope: data.scope, asOf: data.asOf, createdAt: data.createdAt, appVersion: data.appVersion,
    rulePacks: data.rulePacks, findings: data.findings, counts: data.counts, risks: data.risks, obligations: data.obligations,
    evidence: data.evidence, history: data.history,
  });
}

export function renderBundleReport(data: BundleReportData, verified?: VerifiedReport, body?: ReportBody): string {
  const input: ReportInput = {
    portfolio: data.portfolio, scope: data.scope, asOf: data.asOf, createdAt: data.createdAt, appVersion: data.appVersion,
    rulePacks: data.rulePacks, findings: data.findings, counts: data.counts, risks: data.risks, obligations: data.obligations,
    evidence: data.evidence, history: data.history,
    signature: verified
      ? { state: verified.state, fingerprint: verified.fingerprint, reasons: verified.reasons }
      : data.signerFingerprint ? { state: 'signed', fingerprint: data.signerFingerprint } : { state: 'unsigned' },
    ...(verified ? { verification: verified.verification } : {}),
  };
  return renderReportHtml(input, body ?? reportBody(input));
}

/**
 * The sections of a report that depend on its data only, not on the
 * signature or the verification: made once, they serve both the report a
 * verification compares with the bundle's and the verified report it shows.
 */
export interface ReportBody {
  readonly overview: string;
  readonly parts: readonly { id: string; title: string; html: string }[];
}

export function renderReportHtml(input: ReportInput, body: ReportBody = reportBody(input)): string {
  const title = `Supportspan report — ${scopeLabel(input.scope)} as of ${input.asOf}`;
  const parts: { id: string; title: string; html: string }[] = [
    { id: 'verification', title: 'Verification', html: verificationStatement(input) },
    { id: 'bundle', title: 'Bundle', html: summary(input) },
    ...body.parts,
  ];
  const shown = parts.filter((p) => p.html !== '');
  const toc = `<nav class="toc" aria-label="Sections"><ol>${shown.map((p) => `<li>${escapeHtml(p.title)}</li>`).join('')}</ol></nav>`;
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`
    + runningHeaderFooter(input)
    + `<header><h1>Support lifecycle report</h1><p class="muted">${escapeHtml(title)}</p>${auditHeader(input)}</header>`
    + toc
    + shown.map((p) => p.html).join('')
    + '<footer><p class="muted">Generated by Supportspan. The dates and findings are as recorded at the as-of date above.</p></footer>'
    + '</body></html>\n';
}

/** The data's sections of the report (see ReportBody). */
export function reportBody(input: Omit<ReportInput, 'signature' | 'verification'>): ReportBody {
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
  const parts: { id: string; title: string; html: string }[] = [
    { id: 'findings-overview', title: 'Findings overview', html: section('Findings overview', overview + detailNote, 'findings-overview') },
    { id: 'products', title: 'Products', html: `<div id="products">${products}</div>` },
    // Each of these opens with its own <section id="risks"> / <section id="activities">, or is empty.
    { id: 'risks', title: 'Risk register', html: renderRisksSection(input.portfolio, input.risks, input.asOf) },
    { id: 'activities', title: 'Activities and vulnerabilities', html: renderActivitiesSection(input.portfolio, input.obligations, input.findings, input.asOf) },
    ...(input.evidence ? [{ id: 'evidence', title: 'Evidence', html: evidenceSection(input.evidence, portfolio) }] : []),
    ...(input.history ? [{ id: 'history', title: 'History', html: historySection(input.history) }] : []),
    ...(other ? [{ id: 'other-findings', title: 'Other findings', html: `<div id="other-findings">${other}</div>` }] : []),
  ];
  return { overview, parts };
}
