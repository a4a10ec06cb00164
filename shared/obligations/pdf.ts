/**
 * PDF exports with pdf-lib (writes PDF in the browser and Node, no native
 * code): a product's activities, and a vulnerability report draft. The
 * management PDF report built elsewhere adds the activities through
 * `activitiesPdfSection`, which gives the section's content as plain blocks.
 *
 * The standard Helvetica font encodes WinAnsi only: text goes through
 * `pdfSafe` (text/pdf-text.ts), which spells what it can in WinAnsi and writes
 * "?" for the rest (the text, JSON and HTML outputs keep them).
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { pdfSafe } from '../text/pdf-text';
import { ACTIVITY_STATUS_LABELS, EVIDENCE_KIND_LABELS, evidenceList } from './activities';
import type { ProductActivity } from './activities';
import type { ProductActivitiesOfPortfolio } from './activities';
import { deadlines, DRAFT_NOTICE, REPORT_LABELS, VULN_KIND_LABELS } from './vulnerabilities';
import type { ReportDraft, VulnerabilityRecord } from './vulnerabilities';

export { pdfSafe };

export interface PdfBlock {
  heading: string;
  lines: string[];
}

/** The activities section's content (one block per activity), for any PDF report. */
export function activitiesPdfSection(product: string, activities: readonly ProductActivity[]): PdfBlock[] {
  return activities.map((a) => {
    const r = a.record;
    const lines = [
      `${a.title}${a.verified ? '' : ' (title unverified against the published text)'}`,
      `Status: ${ACTIVITY_STATUS_LABELS[r.status]}${r.reason ? ` (reason: ${r.reason})` : ''}`,
    ];
    if (r.owner) lines.push(`Owner: ${r.owner}`);
    if (r.due) lines.push(`Due: ${r.due}`);
    const evidence = evidenceList(a);
    if (evidence.length) lines.push(`Evidence: ${evidence.map((e) => `${EVIDENCE_KIND_LABELS[e.kind as keyof typeof EVIDENCE_KIND_LABELS] ?? 'Planner'} ${e.ref}`).join('; ')}`);
    if (a.derived.length) lines.push(`Findings: ${a.derived.map((f) => `${f.severity} ${f.key}`).join('; ')}`);
    if (a.statusProblem) lines.push(`Check: ${a.statusProblem}`);
    lines.push(r.signOff ? `Signed off by ${r.signOff.name} on ${r.signOff.date}` : 'Not signed off');
    if (r.notes) lines.push(`Notes: ${r.notes}`);
    return { heading: `${product}: Activity ${a.number}`, lines };
  });
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = pdfSafe(text).split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    const next = cur ? `${cur} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) <= width || cur === '') cur = next;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  lines.push(cur);
  return lines;
}

/** A4 pages of headed blocks. */
export async function blocksToPdf(title: string, subtitle: string, blocks: readonly PdfBlock[], footer: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfSafe(title));
  doc.setProducer('Supportspan');
  doc.setCreator('Supportspan');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [W, H, M] = [595.28, 841.89, 50];
  let page: PDFPage = doc.addPage([W, H]);
  let y = H - M;
  const line = (text: string, f: PDFFont, size: number, gap = 4): void => {
    for (const l of wrap(text, f, size, W - 2 * M)) {
      if (y - size < M) {
        page = doc.addPage([W, H]);
        y = H - M;
      }
      page.drawText(l, { x: M, y: y - size, size, font: f, color: rgb(0, 0, 0) });
      y -= size + gap;
    }
  };
  line(title, bold, 16, 6);
  line(subtitle, font, 10, 10);
  for (const b of blocks) {
    y -= 6;
    line(b.heading, bold, 12, 4);
    for (const l of b.lines) line(l, font, 10, 3);
  }
  y -= 10;
  line(footer, font, 8);
  return doc.save({ useObjectStreams: false });
}

export function activitiesPdf(product: string, asOf: string, activities: readonly ProductActivity[]): Promise<Uint8Array> {
  return blocksToPdf(`Activities: ${product}`, `NIST IR 8259r1 Activities 0-8, as of ${asOf}`, activitiesPdfSection(product, activities),
    'Exported by Supportspan. Activity titles not marked verified were not checked against the published IR 8259r1 text.');
}

export function draftPdf(d: ReportDraft): Promise<Uint8Array> {
  const blocks: PdfBlock[] = [{ heading: 'Report', lines: d.fields.map((f) => `${f.label}: ${f.value}`) }];
  if (d.toComplete.length) blocks.push({ heading: 'To complete before sending', lines: d.toComplete.map((t) => `- ${t}`) });
  return blocksToPdf(d.title, 'Draft: not submitted', blocks, DRAFT_NOTICE);
}

/** The vulnerability and incident records as PDF blocks, deadlines as of `now` (ms). */
export function vulnerabilitiesPdfSection(records: readonly VulnerabilityRecord[], productNames: ReadonlyMap<string, string>, now: number): PdfBlock[] {
  return records.map((v) => ({
    heading: `${v.identifier}: ${v.title}`,
    lines: [
      `${VULN_KIND_LABELS[v.kind]}; became aware ${v.knownAt}`,
      `Products: ${v.productIds.map((id) => productNames.get(id) ?? id).join(', ')}${v.affectedVersions ? ` (versions ${v.affectedVersions})` : ''}`,
      ...deadlines(v, now).map((d) => `${REPORT_LABELS[d.report]}: due ${d.due ?? d.basis}; ${d.state === 'sent' ? `sent ${d.sent!.sentAt}, reference ${d.sent!.reference}${d.late ? ' (late)' : ''}` : d.state}`),
    ],
  }));
}

/**
 * The PDF report of the obligations: every given product's Activities 0-8 and
 * the vulnerability records (what the app's "Save PDF report" writes).
 */
export function obligationsReportPdf(input: {
  title: string;
  asOf: string;
  products: readonly ProductActivitiesOfPortfolio[];
  vulnerabilities: readonly VulnerabilityRecord[];
  /** ms since the epoch: the deadlines' countdowns are as of this instant. */
  now: number;
}): Promise<Uint8Array> {
  const names = new Map(input.products.map((p) => [p.productId, p.product]));
  const blocks = [
    ...input.products.flatMap((p) => activitiesPdfSection(p.product, p.activities)),
    ...(input.vulnerabilities.length ? [{ heading: 'Vulnerabilities and incidents (CRA Art 14)', lines: ['Deadlines in UTC. Supportspan prepares drafts; it submits nothing.'] }] : []),
    ...vulnerabilitiesPdfSection(input.vulnerabilities, names, input.now),
  ];
  return blocksToPdf(input.title, `NIST IR 8259r1 Activities 0-8 and CRA Art 14 records, as of ${input.asOf}`, blocks,
    'Exported by Supportspan. Activity titles not marked verified were not checked against the published IR 8259r1 text.');
}
