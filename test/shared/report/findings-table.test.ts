import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { inflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { portfolioSchema } from '../../../shared/domain';
import { recordedAnalysisSchema } from '../../../shared/bundle';
import { analyzePortfolio, applyDecisions, DEFAULT_RULE_PACKS, FINDING_DATE_LABELS, KIND_INFO } from '../../../shared/engine';
import { formatGapDays } from '../../../shared/format';
import {
  FINDING_LEAD_COLUMNS, FINDING_TAIL_COLUMNS, findingsCsv, findingsPdf, findingsSummaryTable, findingsTable, findingsXlsx, provisionTitles,
  recordedReportFindings, reportFileStem, summarizeFindings, wrapText, type ReportSource,
} from '../../../shared/report';
import { isWinAnsi, pdfSafe } from '../../../shared/text/pdf-text';
import { samplePortfolio, sampleAnalysis } from '../../fixtures/bundles/sample';

const AS_OF = '2026-05-01';
const EVIL = '=HYPERLINK("http://x","click")';

function decided(portfolio = samplePortfolio()) {
  const analysis = analyzePortfolio(portfolio, { asOf: AS_OF });
  return applyDecisions(analysis.findings, portfolio.decisions, AS_OF);
}

const recorded0 = () => recordedAnalysisSchema.parse(sampleAnalysis(AS_OF));

const SOURCE: ReportSource = { scope: 'Portfolio', asOf: AS_OF, kind: 'workspace', name: 'Main workspace' };

describe('findings table', () => {
  const findings = decided();
  const titles = provisionTitles(DEFAULT_RULE_PACKS);

  it('adds extra columns after the standard ones, one cell per finding by its position, text guarded in CSV', () => {
    const plain = findingsTable(findings, { provisionTitles: titles });
    const extra = findingsTable(findings, {
      provisionTitles: titles,
      extraColumns: [{ header: 'Review status', cell: (_f, i) => (i === 0 ? 'Disputed' : null) }, { header: 'Review note', cell: (f) => `${EVIL} ${f.kind}` }],
    });
    expect(extra.header).toEqual([...plain.header, 'Review status', 'Review note']);
    expect(extra.rows.map((r) => r.slice(0, plain.header.length))).toEqual(plain.rows);
    expect(extra.rows[0]!.slice(-2)).toEqual([{ text: 'Disputed' }, { text: `${EVIL} ${findings[0]!.kind}` }]);
    expect(extra.rows[1]![plain.header.length]).toBeNull();
    const parsed = Papa.parse<Record<string, string>>(findingsCsv(findings, { extraColumns: [{ header: 'Review note', cell: () => EVIL }] }).slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data.every((r) => r['Review note'] === `'${EVIL}`)).toBe(true);
  });

  it('has one row per finding with the lead columns, the dates the findings carry and the decision columns', () => {
    expect(findings.length).toBeGreaterThan(3);
    const table = findingsTable(findings, { provisionTitles: titles });
    expect(table.rows).toHaveLength(findings.length);
    expect(table.header.slice(0, FINDING_LEAD_COLUMNS.length)).toEqual([...FINDING_LEAD_COLUMNS]);
    expect(table.header.slice(-FINDING_TAIL_COLUMNS.length)).toEqual([...FINDING_TAIL_COLUMNS]);
    const dateHeaders = table.header.slice(FINDING_LEAD_COLUMNS.length, -FINDING_TAIL_COLUMNS.length);
    const keys = new Set(findings.flatMap((f) => Object.keys(f.dates)));
    expect(dateHeaders).toHaveLength(keys.size);
    for (const k of keys) expect(dateHeaders).toContain(FINDING_DATE_LABELS[k]);
    expect(dateHeaders).toContain('Support end');

    const col = (name: string) => table.header.indexOf(name);
    findings.forEach((f, i) => {
      const row = table.rows[i]!;
      expect(row[col('Product')]).toEqual({ text: f.product });
      expect(row[col('Product line')]).toEqual({ text: f.productLine });
      expect(row[col('Kind')]).toEqual({ text: KIND_INFO[f.kind].title });
      expect(row[col('Severity')]).toEqual({ text: f.severity[0]!.toUpperCase() + f.severity.slice(1) });
      expect(row[col('Gap (days)')]).toEqual(f.gapDays === null ? null : { number: f.gapDays, digits: 0 });
      // A finding's gap is a shortfall.
      expect(row[col('Gap')]).toEqual(f.gapDays === null ? null : { text: formatGapDays(-f.gapDays) });
      for (const [k, v] of Object.entries(f.dates)) expect(row[col(FINDING_DATE_LABELS[k]!)]).toEqual({ date: v });
      expect(row[col('Finding key')]).toEqual({ text: f.key });
    });
    const gap = table.rows.find((r) => r[col('Gap (days)')] !== null)!;
    expect((gap[col('Gap')] as { text: string }).text).toMatch(/short$/);
  });

  it('names provisions with their rule-pack titles and fills the decision columns', () => {
    const table = findingsTable(findings, { provisionTitles: titles });
    const col = (name: string) => table.header.indexOf(name);
    const i = findings.findIndex((f) => f.key === 'component-support-gap:p-thermo:c-soc');
    expect(i).toBeGreaterThanOrEqual(0);
    const row = table.rows[i]!;
    const support = DEFAULT_RULE_PACKS.flatMap((p) => p.provisions).find((p) => p.id === findings[i]!.provisions[0])!;
    expect((row[col('Provisions')] as { text: string }).text).toContain(`${support.id} (${support.title})`);
    expect(row[col('Status')]).toEqual({ text: 'Risk accepted' });
    expect(row[col('Decision')]).toEqual({ text: 'Risk accepted' });
    expect(row[col('Decided by')]).toEqual({ text: 'Ana' });
    expect(row[col('Decided on')]).toEqual({ date: '2026-02-01' });
    expect(row[col('Rationale')]).toEqual({ text: 'SoC vendor extension under negotiation' });
    expect(row[col('Decision expires')]).toEqual({ date: '2027-01-01' });
    // Without titles the identifiers stay as they are.
    const bare = findingsTable(findings);
    expect((bare.rows[i]![col('Provisions')] as { text: string }).text).toBe(findings[i]!.provisions.join('; '));
  });

  it('reopens an expired decision and re-applies decisions to recorded findings', () => {
    const later = applyDecisions(analyzePortfolio(samplePortfolio(), { asOf: '2027-06-01' }).findings, samplePortfolio().decisions, '2027-06-01');
    const t = findingsTable(later);
    const i = later.findIndex((f) => f.key === 'component-support-gap:p-thermo:c-soc');
    expect(t.rows[i]![t.header.indexOf('Status')]).toEqual({ text: 'Reopened' });

    const recorded = recordedReportFindings(recorded0().findings, samplePortfolio().decisions, AS_OF);
    expect(recorded.map((f) => f.status)).toEqual(['accepted', 'open']);
    const rt = findingsTable(recorded);
    expect(rt.header).toContain('Support end');
    expect(rt.rows[0]![rt.header.indexOf('Support end')]).toEqual({ date: '2030-12-31' });
    // A recorded finding without a key carries no decision.
    const noKey = recordedReportFindings([{ ...recorded0().findings[0]!, key: undefined }], samplePortfolio().decisions, AS_OF);
    expect(noKey[0]!.status).toBe('open');
  });

  it('summarises by severity, kind and product line with the source', () => {
    const s = summarizeFindings(findings);
    expect(s.total).toBe(findings.length);
    expect(s.bySeverity.high + s.bySeverity.medium + s.bySeverity.low).toBe(findings.length);
    expect(s.byLine.map((l) => l.line).sort()).toEqual([...new Set(findings.map((f) => f.productLine))].sort());
    const table = findingsSummaryTable(findings, { ...SOURCE, kind: 'bundle', name: 'q3.sspan', signature: 'valid', fingerprint: 'AB12', filter: 'Severity: High', totalFindings: 99 });
    const byItem = new Map(table.rows.map((r) => [(r[1] as { text: string }).text, r]));
    expect(byItem.get('Scope')![2]).toEqual({ text: 'Portfolio' });
    expect(byItem.get('As-of date')![2]).toEqual({ date: AS_OF });
    expect(byItem.get('Bundle file')![2]).toEqual({ text: 'q3.sspan' });
    expect(byItem.get('Signature')![2]).toEqual({ text: 'valid' });
    expect(byItem.get('Signer fingerprint')![2]).toEqual({ text: 'AB12' });
    expect(byItem.get('Findings before filtering')![2]).toEqual({ number: 99, digits: 0 });
    expect(byItem.get('All severities')![2]).toEqual({ number: findings.length, digits: 0 });
    expect(byItem.get('Smart home')![2]).toEqual({ number: findings.filter((f) => f.productLine === 'Smart home').length, digits: 0 });
  });

  it('CSV: ISO dates, guarded text, parsed back by papaparse', () => {
    const portfolio = samplePortfolio();
    portfolio.products[0]!.name = EVIL;
    const hostile = decided(portfolio);
    const csv = findingsCsv(hostile, { provisionTitles: titles });
    expect(csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(hostile.length);
    const evilRow = parsed.data.find((r) => r['Product']!.includes('HYPERLINK'))!;
    expect(evilRow['Product']).toBe(`'${EVIL}`);
    const withSupport = parsed.data.find((r) => r['Support end'])!;
    expect(withSupport['Support end']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('findings workbook (ExcelJS read-back)', () => {
  it('writes Findings with date cells, a frozen header, a filter and widths, and a Summary sheet; hostile text is guarded', async () => {
    const portfolio = samplePortfolio();
    portfolio.products[0]!.name = EVIL;
    const findings = decided(portfolio);
    const bytes = await findingsXlsx(ExcelJS, findings, SOURCE, { provisionTitles: provisionTitles(DEFAULT_RULE_PACKS) });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Findings', 'Summary']);
    const sheet = wb.getWorksheet('Findings')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual([...FINDING_LEAD_COLUMNS]);
    expect(sheet.rowCount).toBe(findings.length + 1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(header.indexOf('Explanation') + 1).width).toBe(60);

    const supportCol = header.indexOf('Support end') + 1;
    const gapCol = header.indexOf('Gap (days)') + 1;
    let dates = 0;
    let numbers = 0;
    for (let r = 2; r <= sheet.rowCount; r++) {
      const v = sheet.getRow(r).getCell(supportCol).value;
      if (v !== null && v !== undefined) {
        expect(v).toBeInstanceOf(Date);
        expect(sheet.getRow(r).getCell(supportCol).numFmt).toBe('yyyy-mm-dd');
        dates++;
      }
      const g = sheet.getRow(r).getCell(gapCol).value;
      if (g !== null && g !== undefined) {
        expect(typeof g).toBe('number');
        numbers++;
      }
    }
    expect(dates).toBeGreaterThan(0);
    expect(numbers).toBeGreaterThan(0);
    const products = [];
    for (let r = 2; r <= sheet.rowCount; r++) products.push(sheet.getRow(r).getCell(2).value);
    expect(products).toContain(`'${EVIL}`);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const cell = sheet.getRow(r).getCell(2);
      expect(cell.formula).toBeUndefined();
    }

    const summary = wb.getWorksheet('Summary')!;
    const items = new Map<string, unknown>();
    summary.eachRow((row, n) => {
      if (n > 1) items.set(String(row.getCell(2).value), row.getCell(3).value);
    });
    expect(items.get('Scope')).toBe('Portfolio');
    expect(items.get('As-of date')).toBeInstanceOf(Date);
    expect((items.get('As-of date') as Date).toISOString().slice(0, 10)).toBe(AS_OF);
    expect(items.get('All severities')).toBe(findings.length);
    expect(items.get('Workspace')).toBe('Main workspace');
  });
});

/** The text drawn on each page: pdf-lib writes Helvetica text as hex strings inside (possibly deflated) content streams. */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    let text = '';
    const contents = page.node.Contents();
    const streams = contents ? ('asArray' in contents ? contents.asArray() : [contents]) : [];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref) as unknown as { getContents(): Uint8Array; dict: { toString(): string } };
      let raw = stream.getContents();
      if (stream.dict.toString().includes('FlateDecode')) raw = inflateSync(raw);
      for (const m of Buffer.from(raw).toString('latin1').matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) text += `${Buffer.from(m[1]!, 'hex').toString('latin1')}\n`;
    }
    return text;
  });
}

describe('findings PDF (pdf-lib read-back)', () => {
  it('a finding longer than a page runs on; hostile and non-WinAnsi text is drawn as "?" without losing the rest; the count of findings left out is stated', async () => {
    const [first, ...rest] = decided();
    const long = { ...first!, product: 'Gateway\u2212X \u202Eevil\u202C 日本', message: `${'Very long explanation. '.repeat(400)}END-OF-MESSAGE` };
    const bytes = await findingsPdf({ source: { ...SOURCE, scope: `Product line: ${'Very long name '.repeat(20)}` }, findings: [long, ...rest], maxFindings: 2 });
    const pages = await pdfPages(bytes);
    const all = pages.join('\n');
    expect(all).toContain('Gateway-X ?evil? ??');
    expect(all).toContain('END-OF-MESSAGE');
    expect(all).toContain(`${rest.length - 1} more findings not shown here`);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
    // The running header is cut to one line and says so.
    // (WinAnsi 0x85 is the ellipsis; read back as Latin-1 it is U+0085.)
    expect(pages[1]).toMatch(/Product line: Very long name .* \u0085\n/);
    const starts = pages.findIndex((t) => t.includes('Gateway-X'));
    const ends = pages.findIndex((t) => t.includes('END-OF-MESSAGE'));
    expect(starts).toBeGreaterThan(1);
    expect(ends).toBe(starts + 1);
  });


  it('has a cover, a chart page and finding pages with title and subject metadata', async () => {
    const findings = decided();
    const bytes = await findingsPdf({ source: SOURCE, findings, provisionTitles: provisionTitles(DEFAULT_RULE_PACKS) });
    const doc = await PDFDocument.load(bytes);
    const severities = new Set(findings.map((f) => f.severity)).size;
    expect(severities).toBeGreaterThan(1);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
    expect(doc.getTitle()).toBe(`Findings report: Portfolio, as of ${AS_OF}`);
    expect(doc.getSubject()).toContain('Portfolio');
    expect(doc.getCreationDate()?.toISOString().slice(0, 10)).toBe(AS_OF);
  });

  it('lists at most maxFindings and still writes a report with no findings', async () => {
    const findings = decided();
    const few = await PDFDocument.load(await findingsPdf({ source: SOURCE, findings, maxFindings: 1 }));
    expect(few.getPageCount()).toBe(3);
    const none = await PDFDocument.load(await findingsPdf({ source: SOURCE, findings: [] }));
    expect(none.getPageCount()).toBe(3);
  });

  it('text is WinAnsi only: the minus sign is spelled "-", other characters "?", wrapped within the width', async () => {
    expect(pdfSafe('\u22123 days \u2192 later')).toBe('-3 days -> later');
    expect(pdfSafe('日本 ok')).toBe('?? ok');
    expect(pdfSafe('Café — “ok” €')).toBe('Café — “ok” €');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const sample = 'Gateway\u2212X 日本 \u2009thin → café ≥ 5 “quoted” ' + 'x'.repeat(300);
    const lines = wrapText(sample, font, 10, 200);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      expect([...l].every(isWinAnsi)).toBe(true);
      expect(font.widthOfTextAtSize(l, 10)).toBeLessThanOrEqual(200);
      // Helvetica can encode every character the helper keeps.
      expect(() => font.encodeText(l)).not.toThrow();
    }
    expect(lines.join(' ')).toContain('Gateway-X ??  thin -> café >= 5');
    expect(wrapText('one\ntwo', font, 10, 500)).toEqual(['one', 'two']);
  });
});

describe('file names', () => {
  it('makes a plain stem from the scope', () => {
    expect(reportFileStem('Product line: Smart home', AS_OF)).toBe(`findings-product-line-smart-home-${AS_OF}`);
    expect(reportFileStem('日本', AS_OF)).toBe(`findings-report-${AS_OF}`);
  });
});

describe('portfolio schema', () => {
  it('the sample decision is valid', () => {
    expect(portfolioSchema.parse(samplePortfolio()).decisions).toHaveLength(1);
  });
});
