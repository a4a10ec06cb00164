/**
 * The findings report as a PDF (pdf-lib; writes in Node and the browser): a
 * cover page with the scope, as-of date and the source's identity (for a
 * bundle its signer fingerprint and verified state), a chart page with the
 * findings per severity, then the findings grouped by severity with their
 * subject, kind, gap, provisions and decision. Every page after the cover has
 * a running header (scope and as-of date); every page a "Page N of M" footer
 * and, for a bundle, the manifest SHA-256 (header) and the signer's
 * fingerprint (footer), so a page on its own still says what it came from.
 * All text goes through `pdfSafe` (Helvetica encodes WinAnsi only).
 */
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import { SEVERITIES, type Severity } from '../engine/finding-kinds';
import { SEVERITY_LABELS, STATUS_LABELS } from '../engine/finding-labels';
import { formatCount, formatDate, formatNumber } from '../format/format';
import { pdfSafe } from '../text/pdf-text';
import { describeProvision, findingGapText, kindLabel, sortReportFindings, summarizeFindings, type ReportFinding, type ReportSource } from './findings-table';

/** Findings drawn in full; the rest are counted (every finding is in the XLSX and CSV). */
export const PDF_MAX_FINDINGS = 2000;

export interface FindingsPdfInput {
  source: ReportSource;
  findings: readonly ReportFinding[];
  provisionTitles?: ReadonlyMap<string, string>;
  /** One sentence on what the signature state means, shown on the cover. */
  signatureNote?: string;
  /** Default PDF_MAX_FINDINGS. */
  maxFindings?: number;
}

const [W, H, M] = [595.28, 841.89, 50];
const TOP = H - M - 14; // below the running header
const BOTTOM = M + 10; // above the footer
const INK = rgb(0.11, 0.12, 0.14);
const MUTED = rgb(0.35, 0.37, 0.4);
const RULE = rgb(0.8, 0.8, 0.85);
export const SEVERITY_COLORS: Readonly<Record<Severity, Color>> = {
  high: rgb(0.61, 0.11, 0.11),
  medium: rgb(0.54, 0.29, 0),
  low: rgb(0.18, 0.29, 0.48),
};

/** Lines of at most `width` points: words wrapped, a word longer than a line broken, line breaks in the text kept. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let cur = '';
    for (const word of pdfSafe(paragraph).split(' ')) {
      const next = cur ? `${cur} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) {
        cur = next;
        continue;
      }
      if (cur) lines.push(cur);
      cur = '';
      // A word wider than the line: broken where it must be.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let n = rest.length - 1;
        while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
        lines.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      cur = rest;
    }
    lines.push(cur);
  }
  return lines;
}

interface Line { text: string; font: PDFFont; size: number; color: Color; indent: number; gap: number }

/** "1, 2, 5, 10, 20, 50 ...": a round top for the chart's axis. */
function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

export async function findingsPdf(input: FindingsPdfInput): Promise<Uint8Array> {
  const { source } = input;
  const titles = input.provisionTitles ?? new Map<string, string>();
  const doc = await PDFDocument.create();
  const title = `Findings report: ${source.scope}, as of ${source.asOf}`;
  doc.setTitle(pdfSafe(title));
  doc.setSubject(pdfSafe(`Security-support and repairability findings of ${source.scope} as of ${source.asOf}`));
  doc.setAuthor('Supportspan');
  doc.setCreator('Supportspan');
  doc.setProducer('Supportspan');
  doc.setKeywords(['findings', 'security support', 'repairability', pdfSafe(source.scope)]);
  // Reproducible: the file's dates are the source's, not the moment of writing.
  const stampText = source.createdAt ?? `${source.asOf}T00:00:00Z`;
  const stamp = Number.isNaN(new Date(stampText).getTime()) ? new Date(Date.UTC(2000, 0, 1)) : new Date(stampText);
  doc.setCreationDate(stamp);
  doc.setModificationDate(stamp);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const summary = summarizeFindings(input.findings);

  let page: PDFPage = doc.addPage([W, H]);
  let y = H - M;
  const newPage = (): void => {
    page = doc.addPage([W, H]);
    y = TOP;
  };
  const draw = (lines: readonly Line[]): void => {
    for (const l of lines) {
      if (y - l.size < BOTTOM) newPage();
      page.drawText(l.text, { x: M + l.indent, y: y - l.size, size: l.size, font: l.font, color: l.color });
      y -= l.size + l.gap;
    }
  };
  const para = (text: string, f: PDFFont, size: number, options: { color?: Color; indent?: number; gap?: number } = {}): Line[] =>
    wrapText(text, f, size, W - 2 * M - (options.indent ?? 0)).map((t) => ({ text: t, font: f, size, color: options.color ?? INK, indent: options.indent ?? 0, gap: options.gap ?? 3 }));

  // ---- cover ----
  draw(para('Findings report', bold, 26, { gap: 10 }));
  draw(para(source.scope, font, 16, { gap: 4 }));
  draw(para(`As of ${formatDate(source.asOf)}`, font, 13, { color: MUTED, gap: 22 }));
  const facts: [string, string][] = [
    ['Scope', source.scope],
    ['As-of date', formatDate(source.asOf)],
    ['Source', source.kind === 'bundle' ? `Bundle ${source.name ?? ''}`.trim() : `Workspace ${source.name ?? ''}`.trim()],
  ];
  if (source.kind === 'bundle') {
    facts.push(['Signature', source.signature ?? 'not verified']);
    facts.push(['Signer fingerprint', source.fingerprint ?? 'none']);
    if (source.manifestHash) facts.push(['Manifest SHA-256', source.manifestHash]);
    if (source.reanalysis) facts.push(['Re-analysis', source.reanalysis]);
  }
  if (source.createdAt) facts.push(['Created', source.createdAt]);
  if (source.rulePacks) facts.push(['Rule packs', source.rulePacks.map((r) => `${r.id} ${r.version}`).join(', ') || 'none recorded']);
  if (source.filter) facts.push(['Filter', source.filter]);
  facts.push(['Findings', `${formatNumber(summary.total)}: ${SEVERITIES.map((s) => `${formatNumber(summary.bySeverity[s])} ${SEVERITY_LABELS[s].toLowerCase()}`).join(', ')}`
    + (source.totalFindings !== undefined ? ` (of ${formatCount(source.totalFindings, 'finding')} before filtering)` : '')]);
  for (const [k, v] of facts) {
    const lines = para(v, font, 11, { indent: 130 });
    if (y - 11 < BOTTOM) newPage();
    page.drawText(pdfSafe(k), { x: M, y: y - 11, size: 11, font: bold, color: INK });
    draw(lines);
    y -= 6;
  }
  if (input.signatureNote) {
    y -= 6;
    draw(para(input.signatureNote, font, 10, { color: MUTED }));
  }
  y -= 16;
  draw(para('Generated by Supportspan. The findings and dates are as computed for the as-of date above; the spreadsheet export (XLSX or CSV) carries every finding with its dates.', font, 9, { color: MUTED }));

  // ---- chart: findings per severity ----
  newPage();
  draw(para('Findings by severity', bold, 16, { gap: 14 }));
  const chart = { left: M + 50, bottom: TOP - 380, width: W - 2 * M - 70, height: 300 };
  const top = niceMax(Math.max(...SEVERITIES.map((s) => summary.bySeverity[s]), 1));
  page.drawLine({ start: { x: chart.left, y: chart.bottom }, end: { x: chart.left, y: chart.bottom + chart.height }, thickness: 1, color: INK });
  page.drawLine({ start: { x: chart.left, y: chart.bottom }, end: { x: chart.left + chart.width, y: chart.bottom }, thickness: 1, color: INK });
  for (let i = 0; i <= 5; i++) {
    const v = (top / 5) * i;
    const ty = chart.bottom + (chart.height / 5) * i;
    const label = formatNumber(v, Number.isInteger(v) ? 0 : 1);
    if (i > 0) page.drawLine({ start: { x: chart.left, y: ty }, end: { x: chart.left + chart.width, y: ty }, thickness: 0.5, color: RULE });
    page.drawText(pdfSafe(label), { x: chart.left - 6 - font.widthOfTextAtSize(pdfSafe(label), 9), y: ty - 3, size: 9, font, color: MUTED });
  }
  const slot = chart.width / SEVERITIES.length;
  SEVERITIES.forEach((s, i) => {
    const n = summary.bySeverity[s];
    const h = (n / top) * chart.height;
    const x = chart.left + slot * i + slot * 0.2;
    const bw = slot * 0.6;
    if (h > 0) page.drawRectangle({ x, y: chart.bottom, width: bw, height: h, color: SEVERITY_COLORS[s] });
    const count = formatNumber(n);
    page.drawText(count, { x: x + bw / 2 - font.widthOfTextAtSize(count, 10) / 2, y: chart.bottom + h + 4, size: 10, font: bold, color: INK });
    const label = SEVERITY_LABELS[s];
    page.drawText(label, { x: x + bw / 2 - font.widthOfTextAtSize(label, 10) / 2, y: chart.bottom - 14, size: 10, font, color: INK });
  });
  const xTitle = 'Severity';
  page.drawText(xTitle, { x: chart.left + chart.width / 2 - bold.widthOfTextAtSize(xTitle, 10) / 2, y: chart.bottom - 32, size: 10, font: bold, color: INK });
  const yTitle = 'Number of findings';
  page.drawText(yTitle, { x: M + 4, y: chart.bottom + chart.height / 2 - bold.widthOfTextAtSize(yTitle, 10) / 2, size: 10, font: bold, color: INK, rotate: degrees(90) });
  // Legend
  let lx = chart.left;
  const ly = chart.bottom - 60;
  page.drawText('Legend:', { x: lx, y: ly, size: 9, font: bold, color: INK });
  lx += bold.widthOfTextAtSize('Legend:', 9) + 10;
  for (const s of SEVERITIES) {
    page.drawRectangle({ x: lx, y: ly - 1, width: 10, height: 10, color: SEVERITY_COLORS[s] });
    const label = `${SEVERITY_LABELS[s]} (${formatNumber(summary.bySeverity[s])})`;
    page.drawText(pdfSafe(label), { x: lx + 14, y: ly, size: 9, font, color: INK });
    lx += 14 + font.widthOfTextAtSize(pdfSafe(label), 9) + 16;
  }
  y = ly - 30;
  if (summary.byLine.length > 0) {
    draw(para('Findings by product line', bold, 12, { gap: 6 }));
    for (const l of summary.byLine.slice(0, 12)) {
      draw(para(`${l.line || 'No product line'}: ${formatNumber(l.total)} (${SEVERITIES.map((s) => `${formatNumber(l.counts[s])} ${SEVERITY_LABELS[s].toLowerCase()}`).join(', ')})`, font, 10));
    }
    if (summary.byLine.length > 12) draw(para(`${formatCount(summary.byLine.length - 12, 'more product line')} in the spreadsheet export's summary.`, font, 10, { color: MUTED }));
  }

  // ---- findings by severity ----
  const max = input.maxFindings ?? PDF_MAX_FINDINGS;
  const sorted = sortReportFindings(input.findings);
  const shown = sorted.slice(0, max);
  const contentHeight = TOP - BOTTOM;
  let firstGroup = true;
  for (const s of SEVERITIES) {
    const group = shown.filter((f) => f.severity === s);
    if (group.length === 0) continue;
    // The findings start on a page of their own; a later severity follows on the same page when there is room.
    if (firstGroup || y - BOTTOM < 160) newPage();
    else y -= 18;
    firstGroup = false;
    draw(para(`${SEVERITY_LABELS[s]} severity: ${formatCount(summary.bySeverity[s], 'finding')}`, bold, 16, { color: SEVERITY_COLORS[s], gap: 10 }));
    for (const f of group) {
      const subject = [f.product, f.component].filter(Boolean).join(' / ') || '(no product)';
      const gap = findingGapText(f.gapDays);
      const lines: Line[] = [
        ...para(`${subject}${f.productLine ? ` (${f.productLine})` : ''}`, bold, 10.5, { indent: 8 }),
        ...para(`${kindLabel(f.kind)}${gap ? ` - gap: ${gap}` : ''}`, font, 9.5, { indent: 8, color: SEVERITY_COLORS[s] }),
        ...para(f.message, font, 9, { indent: 8 }),
      ];
      if (f.provisions.length) lines.push(...para(`Provisions: ${f.provisions.map((p) => describeProvision(p, titles)).join('; ')}`, font, 8.5, { indent: 8, color: MUTED }));
      if (f.nist?.length) lines.push(...para(`NIST: ${f.nist.map((p) => describeProvision(p, titles)).join('; ')}`, font, 8.5, { indent: 8, color: MUTED }));
      const d = f.decision;
      const status = d
        ? `Status: ${STATUS_LABELS[f.status]} - ${d.type} by ${d.by || 'unnamed'} on ${formatDate(d.decidedAt.slice(0, 10))}${d.expires ? `, expires ${formatDate(d.expires)}` : ''}${d.rationale ? `: ${d.rationale}` : ''}`
        : `Status: ${STATUS_LABELS[f.status]}`;
      lines.push(...para(status, font, 8.5, { indent: 8 }));
      const height = lines.reduce((sum, l) => sum + l.size + l.gap, 0) + 8;
      // A finding stays on one page unless it is longer than a page.
      if (y - height < BOTTOM && height < contentHeight) newPage();
      const startY = y;
      const startPage = page;
      draw(lines);
      if (page === startPage) page.drawRectangle({ x: M, y: y + 3, width: 3, height: startY - y - 3, color: SEVERITY_COLORS[s] });
      y -= 8;
    }
  }
  if (sorted.length > shown.length) {
    y -= 6;
    draw(para(`${formatCount(sorted.length - shown.length, 'more finding')} not shown here; the spreadsheet export (XLSX or CSV) has every finding.`, bold, 10));
  }
  if (sorted.length === 0) {
    newPage();
    draw(para('No findings in this scope on the as-of date.', font, 12));
  }

  // ---- running header and footer ----
  const pages = doc.getPages();
  const header = pdfSafe(`${source.scope} - as of ${formatDate(source.asOf)}`);
  const identity = source.kind === 'bundle'
    ? {
        manifest: source.manifestHash ? `Manifest SHA-256 ${source.manifestHash}` : null,
        signer: `Signer ${source.fingerprint ?? 'none (unsigned)'}`,
      }
    : null;
  /** One line of at most the page width at `size`: shrunk down to 5 pt, then cut with an ellipsis. */
  const fitLine = (text: string, f: PDFFont, size: number, width: number): { text: string; size: number } => {
    const safe = pdfSafe(text);
    for (let s = size; s >= 5; s -= 0.5) if (f.widthOfTextAtSize(safe, s) <= width) return { text: safe, size: s };
    const lines = wrapText(safe, f, 5, width - f.widthOfTextAtSize(' …', 5));
    return { text: `${lines[0] ?? ''} …`, size: 5 };
  };
  pages.forEach((p, i) => {
    const footer = `Page ${i + 1} of ${pages.length}`;
    const footerWidth = font.widthOfTextAtSize(footer, 8);
    p.drawText(footer, { x: W - M - footerWidth, y: M - 20, size: 8, font, color: MUTED });
    p.drawText('Supportspan findings report', { x: M, y: M - 20, size: 8, font, color: MUTED });
    if (identity) {
      const signer = fitLine(identity.signer, mono, 7, W - 2 * M);
      p.drawText(signer.text, { x: M, y: M - 30, size: signer.size, font: mono, color: MUTED });
      if (identity.manifest) {
        const manifest = fitLine(identity.manifest, mono, 7, W - 2 * M);
        p.drawText(manifest.text, { x: M, y: H - M + 16, size: manifest.size, font: mono, color: MUTED });
      }
    }
    if (i === 0) return;
    const lines = wrapText(header, font, 8, W - 2 * M - 10);
    const headerLine = lines.length > 1 ? `${lines[0]} …` : (lines[0] ?? '');
    p.drawText(headerLine, { x: M, y: H - M + 6, size: 8, font, color: MUTED });
    p.drawLine({ start: { x: M, y: H - M + 2 }, end: { x: W - M, y: H - M + 2 }, thickness: 0.5, color: RULE });
  });
  return doc.save({ useObjectStreams: false });
}
