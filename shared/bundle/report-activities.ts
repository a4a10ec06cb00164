/**
 * report.html's obligations sections: each product's NIST IR 8259r1
 * activities ("Activity 0" … "Activity 8": status, owner, evidence, the
 * findings that bear on it, sign-off), and the CRA Art 14 vulnerability and
 * incident records with their deadlines and the reports sent. Derived evidence
 * is computed again from the bundle's findings and decisions. Escaped HTML only.
 */
import type { Portfolio } from '../domain/schemas';
import { formatCount, formatCountdown, formatTimestamp } from '../format/format';
import { ACTIVITY_STATUS_LABELS, EVIDENCE_KIND_LABELS, evidenceList, portfolioActivities, type FindingLike, type ProductActivity } from '../obligations/activities';
import { deadlines, REPORT_LABELS, VULN_KIND_LABELS } from '../obligations/vulnerabilities';
import type { ObligationsData } from './format-obligations';
import { escapeHtml, kindTitle } from './report-html';

/** Products shown with their nine activities; the rest are counted. */
export const REPORT_ACTIVITY_PRODUCTS = 200;

function evidenceLabel(kind: string): string {
  return (EVIDENCE_KIND_LABELS as Record<string, string>)[kind] ?? (kind === 'plan' ? 'Support-period plan' : kind);
}

function activityBlock(a: ProductActivity): string {
  const r = a.record;
  const rows: string[] = [];
  rows.push(`<dt>Status</dt><dd>${escapeHtml(ACTIVITY_STATUS_LABELS[r.status])}${r.reason ? ` <span class="muted">(${escapeHtml(r.reason)})</span>` : ''}</dd>`);
  rows.push(`<dt>Owner</dt><dd>${escapeHtml(r.owner || '—')}${r.due ? ` <span class="muted">due ${escapeHtml(r.due)}</span>` : ''}</dd>`);
  const evidence = evidenceList(a);
  rows.push(`<dt>Evidence</dt><dd>${evidence.length ? `<ul>${evidence.map((e) => `<li>${escapeHtml(evidenceLabel(e.kind))}: <code>${escapeHtml(e.ref)}</code></li>`).join('')}</ul>` : '—'}</dd>`);
  rows.push(`<dt>Findings</dt><dd>${a.derived.length ? `<ul>${a.derived.map((f) => `<li><span class="sev-${escapeHtml(f.severity)}">${escapeHtml(f.severity)}</span> ${escapeHtml(kindTitle(f.kind))} (${escapeHtml(f.status)}) ${escapeHtml(f.message)}</li>`).join('')}</ul>` : '—'}</dd>`);
  rows.push(`<dt>Sign-off</dt><dd>${r.signOff ? escapeHtml(`${r.signOff.name}, ${r.signOff.date}`) : 'not signed off'}</dd>`);
  if (r.notes) rows.push(`<dt>Notes</dt><dd>${escapeHtml(r.notes)}</dd>`);
  const problem = a.statusProblem ? `<p class="sev-high">${escapeHtml(a.statusProblem)}</p>` : '';
  const unverified = a.verified ? '' : ' <span class="muted">(title not verified against the published text)</span>';
  return `<h4>${escapeHtml(`Activity ${a.number}: ${a.title}`)}${unverified}</h4>${problem}<dl>${rows.join('')}</dl>`;
}

export function renderActivitiesSection(
  portfolio: Portfolio,
  data: ObligationsData | undefined,
  findings: readonly FindingLike[],
  asOf: string,
  detailProducts = REPORT_ACTIVITY_PRODUCTS,
): string {
  if (!data) return '';
  const all = portfolioActivities({ portfolio, records: data.activityRecords, findings, asOf });
  // Products with records come first (those are the team's work), then by name.
  const withRecords = new Set(data.activityRecords.map((r) => r.productId));
  const ordered = [...all].sort((a, b) => Number(withRecords.has(b.productId)) - Number(withRecords.has(a.productId)) || a.product.localeCompare(b.product));
  const shown = ordered.slice(0, detailProducts);
  const rest = ordered.length - shown.length;
  const products = shown.map((p) => `<article><h3>${escapeHtml(p.product)}</h3>${p.activities.map(activityBlock).join('')}</article>`).join('');
  const more = rest > 0 ? `<p class="muted">${escapeHtml(`${formatCount(rest, 'more product', 'more products')} not shown here; their records are in data/activities.json and in the app.`)}</p>` : '';
  return `<section id="activities"><h2>Activities (NIST IR 8259r1)</h2>`
    + `<p>${escapeHtml(`${formatCount(data.activityRecords.length, 'activity record', 'activity records')} for ${formatCount(withRecords.size, 'product', 'products')}.`)}</p>`
    + products + more + '</section>'
    + renderVulnerabilitiesSection(portfolio, data, asOf);
}

/** The vulnerability and incident records, with the three deadlines as of the end of the as-of day. */
export function renderVulnerabilitiesSection(portfolio: Pick<Portfolio, 'products'>, data: ObligationsData, asOf: string): string {
  if (data.vulnerabilities.length === 0) return '';
  const names = new Map(portfolio.products.map((p) => [p.id, p.name]));
  const now = Date.parse(`${asOf}T23:59:59Z`);
  const rows = data.vulnerabilities.map((v) => {
    const d = deadlines(v, now).map((x) => {
      const when = x.due ? formatTimestamp(x.due) : x.basis;
      const state = x.state === 'sent'
        ? `sent ${formatTimestamp(x.sent!.sentAt)}, reference ${x.sent!.reference}${x.late ? ' (late)' : ''}`
        : x.state === 'waiting' ? 'waiting' : formatCountdown(x.remainingMs!);
      return `<li>${escapeHtml(`${REPORT_LABELS[x.report]}: ${when}; ${state}`)}</li>`;
    }).join('');
    return `<tr><td><code>${escapeHtml(v.identifier)}</code> ${escapeHtml(v.title)}<br><span class="muted">${escapeHtml(VULN_KIND_LABELS[v.kind])}</span></td>`
      + `<td>${escapeHtml(v.productIds.map((id) => names.get(id) ?? id).join(', '))}${v.affectedVersions ? `<br><span class="muted">${escapeHtml(v.affectedVersions)}</span>` : ''}</td>`
      + `<td>${escapeHtml(formatTimestamp(v.knownAt))}</td><td><ul>${d}</ul></td></tr>`;
  }).join('');
  return '<section id="vulnerabilities"><h2>Vulnerabilities and incidents (CRA Art 14)</h2>'
    + `<p class="muted">${escapeHtml(`Deadlines in UTC, as of the end of ${asOf}. Supportspan prepares drafts; it submits nothing.`)}</p>`
    + `<table><thead><tr><th>Record</th><th>Products</th><th>Became aware</th><th>Reports</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
