/**
 * report.html's risk register section: every risk (lifecycle risks derived
 * again from the bundle's data), its score, response, controls and exposure,
 * with the catalog's attribution. Escaped HTML only.
 */
import type { Portfolio } from '../domain/schemas';
import { formatUnitYears } from '../format/format';
import { buildRegister } from '../risk/register';
import type { RiskRegisterData } from '../risk/schemas';
import { CONTROL_STATUS_LABELS, RESPONSE_LABELS } from '../risk/schemas';
import { escapeHtml } from './report-html';

export function renderRisksSection(portfolio: Portfolio, data: RiskRegisterData | undefined, asOf: string): string {
  if (!data) return '';
  let result;
  try {
    result = buildRegister(portfolio, data, { asOf });
  } catch (e) {
    return `<section id="risks"><h2>Risk register</h2><p class="muted">${escapeHtml(`The risk register could not be evaluated: ${e instanceof Error ? e.message : String(e)}`)}</p></section>`;
  }
  const controls = new Map(data.controls.map((c) => [c.id, c]));
  const rows = result.risks.map((r) => `<tr><td>${escapeHtml(r.product)}${r.component ? `<br><span class="muted">${escapeHtml(r.component)}</span>` : ''}</td>`
    + `<td><code>${escapeHtml(r.threat.id)}</code> ${escapeHtml(r.threat.title)}${r.lifecycle ? ' <span class="muted">(lifecycle)</span>' : ''}</td>`
    + `<td>${escapeHtml(r.score === null ? 'not scored' : `${r.likelihood} × ${r.impact} = ${r.score} ${r.level}`)}${r.residual ? `<br><span class="muted">${escapeHtml(`residual ${r.residual.score} ${r.residual.level}`)}</span>` : ''}</td>`
    + `<td>${escapeHtml(r.response ? RESPONSE_LABELS[r.response] : '—')} (${escapeHtml(r.status)})${r.expires ? `<br><span class="muted">${escapeHtml(`until ${r.expires}`)}</span>` : ''}${r.rationale ? `<br>${escapeHtml(r.rationale)}` : ''}</td>`
    + `<td>${escapeHtml(r.exposureUnitYears === null ? '—' : formatUnitYears(r.exposureUnitYears))}</td>`
    + `<td>${r.controls.map((id) => { const c = controls.get(id); return c ? `${escapeHtml(c.title)} <span class="muted">(${escapeHtml(CONTROL_STATUS_LABELS[c.status])}${c.compensating ? ', compensating' : ''})</span>` : escapeHtml(id); }).join('<br>') || '—'}</td></tr>`).join('');
  const table = result.risks.length
    ? `<table><thead><tr><th>Product</th><th>Threat</th><th>Score</th><th>Response</th><th>Exposure</th><th>Controls</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p>No risks are recorded or derived.</p>';
  return `<section id="risks"><h2>Risk register</h2><p>${escapeHtml(`${result.risks.length} risks; threat catalog ${result.catalogVersion}; scoring method ${result.matrixVersion}.`)}</p>${table}`
    + result.attribution.map((a) => `<p class="muted">${escapeHtml(a)}</p>`).join('') + '</section>';
}
