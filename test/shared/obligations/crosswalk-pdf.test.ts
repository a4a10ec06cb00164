import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { ACTIVITY_IDS } from '../../../shared/obligations/activity-catalog';
import { activityRecordSchema, emptyActivityRecord, portfolioActivities, productActivities, type ActivityRecord } from '../../../shared/obligations/activities';
import { activityCounts, CROSSWALK, FRAMEWORKS, portfolioCoverage, productCoverage } from '../../../shared/obligations/crosswalk';
import { activitiesPdf, draftPdf, obligationsReportPdf, pdfSafe } from '../../../shared/obligations/pdf';
import { reportDraft, vulnerabilityRecordSchema } from '../../../shared/obligations/vulnerabilities';
import { analyzePortfolio } from '../../../shared/engine';
import { samplePortfolio } from '../../fixtures/bundles/sample';

const rec = (productId: string, activityId: ActivityRecord['activityId'], patch: Partial<ActivityRecord> = {}): ActivityRecord =>
  activityRecordSchema.parse({ ...emptyActivityRecord(productId, activityId), ...patch });

describe('the crosswalk', () => {
  it('maps every item to real activities and every activity appears in it', () => {
    for (const item of CROSSWALK) {
      expect(item.activities.length).toBeGreaterThan(0);
      for (const a of item.activities) expect(ACTIVITY_IDS).toContain(a);
      expect(FRAMEWORKS).toContain(item.framework);
    }
    const used = new Set(CROSSWALK.flatMap((i) => i.activities));
    expect([...ACTIVITY_IDS].filter((a) => !used.has(a))).toEqual([]);
    const keys = CROSSWALK.map((i) => `${i.framework} ${i.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('counts done, and not applicable with a reason; never in progress', () => {
    expect(activityCounts(undefined)).toBe(false);
    expect(activityCounts({ status: 'done', reason: '' })).toBe(true);
    expect(activityCounts({ status: 'not-applicable', reason: 'No app' })).toBe(true);
    expect(activityCounts({ status: 'not-applicable', reason: ' ' })).toBe(false);
    expect(activityCounts({ status: 'in-progress', reason: 'x' })).toBe(false);
  });

  it('coverage per product: an item is full when every mapped activity counts', () => {
    const records = [rec('p1', 'A5', { status: 'done' }), rec('p1', 'A8', { status: 'done' }), rec('p1', 'A7', { status: 'in-progress' }), rec('p2', 'A7', { status: 'done' })];
    const c = productCoverage('p1', records);
    expect(c.activitiesDone).toBe(2);
    expect(c.activitiesTotal).toBe(9);
    const row = (fw: string, id: string) => c.items.find((r) => r.item.framework === fw && r.item.id === id)!;
    expect(row('en-303-645', '5.3-13')).toMatchObject({ covered: ['A5', 'A8'], full: true });
    expect(row('cra-annex-ii', '(7)')).toMatchObject({ full: true });
    expect(row('en-303-645', '5.2-1')).toMatchObject({ covered: [], full: false }); // A7 only in progress for p1
    expect(row('cra-annex-i', 'Part II(8)')).toMatchObject({ covered: ['A6', 'A8'].filter((a) => a === 'A8'), full: false });
    const fullCount = c.items.filter((r) => r.full).length;
    expect(FRAMEWORKS.reduce((n, f) => n + c.byFramework[f].full, 0)).toBe(fullCount);
    expect(FRAMEWORKS.reduce((n, f) => n + c.byFramework[f].total, 0)).toBe(CROSSWALK.length);
  });

  it('coverage of the portfolio sums its products; an item is full only when every product covers it', () => {
    const all = ACTIVITY_IDS.map((a) => rec('p1', a, { status: 'done' }));
    const p = portfolioCoverage(['p1', 'p2'], [...all, rec('p2', 'A5', { status: 'done' }), rec('p2', 'A8', { status: 'not-applicable', reason: 'Sold without a label' })]);
    expect(p.activitiesDone).toBe(11);
    expect(p.activitiesTotal).toBe(18);
    // p2 counts A5 and A8 only: the items full for the portfolio are those mapped to nothing else.
    const full = p.items.filter((r) => r.full).map((r) => `${r.item.framework} ${r.item.id}`);
    expect(full).toEqual(CROSSWALK.filter((i) => i.activities.every((a) => a === 'A5' || a === 'A8')).map((i) => `${i.framework} ${i.id}`));
    expect(full).toEqual(expect.arrayContaining(['cra-annex-ii (7)', 'en-303-645 5.3-13', 'cra-annex-ii (8)']));
    expect(full).not.toContain('en-303-645 5.2-1');
    expect(FRAMEWORKS.reduce((n, f) => n + p.byFramework[f].total, 0)).toBe(2 * CROSSWALK.length);
    expect(portfolioCoverage([], []).items.every((r) => !r.full)).toBe(true);
  });
});

/** The text drawn on the pages: pdf-lib writes Helvetica text as hex strings inside (possibly deflated) content streams. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  let text = '';
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents ? ('asArray' in contents ? contents.asArray() : [contents]) : [];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref) as unknown as { getContents(): Uint8Array; dict: { toString(): string } };
      let raw = stream.getContents();
      if (stream.dict.toString().includes('FlateDecode')) raw = inflateSync(raw);
      const ops = Buffer.from(raw).toString('latin1');
      for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) text += `${Buffer.from(m[1]!, 'hex').toString('latin1')}\n`;
      for (const m of ops.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) text += `${m[1]}\n`;
    }
  }
  return text;
}

describe('PDF exports (pdf-lib)', () => {
  it('the activities PDF opens and contains each activity, its status, evidence, findings and sign-off', async () => {
    const portfolio = samplePortfolio();
    const findings = analyzePortfolio(portfolio, { asOf: '2026-12-01' }).findings;
    const records = [
      rec('p-thermo', 'A5', { status: 'done', reason: 'Extension letter from Espressif', owner: 'Ana Lima', evidence: [{ kind: 'link', ref: 'https://example.com/letter', label: '' }], signOff: { name: 'Rui Costa', date: '2026-11-30' } }),
      rec('p-thermo', 'A2', { status: 'not-applicable', reason: 'Résumé: no “smart” features — ok' }),
    ];
    const acts = productActivities({ productId: 'p-thermo', records, findings });
    const bytes = await activitiesPdf('Thermostat T1', '2026-12-01', acts);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Activities: Thermostat T1');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const text = await pdfText(bytes);
    for (let n = 0; n <= 8; n++) expect(text).toContain(`Thermostat T1: Activity ${n}`);
    expect(text).toContain('Status: Done (reason: Extension letter from Espressif)');
    expect(text).toContain('Owner: Ana Lima');
    expect(text).toContain('Evidence: Link https://example.com/letter');
    expect(text).toContain('high support-ends-before-use:p-thermo:-');
    expect(text).toContain('Signed off by Rui Costa on 2026-11-30');
    expect(text).toContain('Status: Not applicable (reason: R\u00e9sum\u00e9: no ');
  });

  it('a vulnerability draft PDF says it is a draft and carries the fields', async () => {
    const v = vulnerabilityRecordSchema.parse({ id: 'v1', kind: 'exploited-vulnerability', title: 'Overflow', identifier: 'CVE-2026-1', productIds: ['p-thermo'], knownAt: '2026-10-24T23:30:00Z' });
    const d = reportDraft(v, 'early-warning', samplePortfolio(), { manufacturer: 'Acme', asOf: '2026-12-01', now: 0 });
    const text = await pdfText(await draftPdf(d));
    expect(text).toContain('Draft: not submitted');
    expect(text).toContain('Identifier: CVE-2026-1');
    expect(text).toContain('Due (UTC): 2026-10-25T23:30:00.000Z');
  });

  it('the PDF report has every product’s activities (decisions applied) and the vulnerability records', async () => {
    const portfolio = samplePortfolio();
    const findings = analyzePortfolio(portfolio, { asOf: '2026-12-01' }).findings;
    const decided = { ...portfolio, decisions: [{ id: 'd1', findingKey: 'support-end-undisclosed:p-lock:-', productId: 'p-lock', type: 'accepted' as const, rationale: 'Published soon', by: 'Ana', decidedAt: '2026-11-01T09:00:00Z', expires: null }] };
    const products = portfolioActivities({ portfolio: decided, records: [rec('p-lock', 'A8', { status: 'done' })], findings, asOf: '2026-12-01' });
    expect(products.map((p) => p.product)).toEqual(portfolio.products.map((p) => p.name));
    expect(products.find((p) => p.productId === 'p-lock')!.activities.find((a) => a.id === 'A8')!.statusProblem).toBeNull();
    const v = vulnerabilityRecordSchema.parse({ id: 'v1', kind: 'severe-incident', title: 'Outage', identifier: 'INC-7', productIds: ['p-lock'], knownAt: '2026-11-02T08:00:00Z' });
    const bytes = await obligationsReportPdf({ title: 'Obligations: Smart home', asOf: '2026-12-01', products, vulnerabilities: [v], now: Date.parse('2026-12-01T00:00:00Z') });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Obligations: Smart home');
    const text = await pdfText(bytes);
    for (const p of portfolio.products) for (let n = 0; n <= 8; n++) expect(text).toContain(`${p.name}: Activity ${n}`);
    expect(text).toContain('INC-7: Outage');
    expect(text).toContain('Products: Smart lock L2');
    expect(text).toContain('Notification (72 h): due 2026-11-05T08:00:00.000Z; overdue');
    expect(text).toContain('accepted support-end-undisclosed:p-lock:-'.slice(9));
  });

  it('keeps what Helvetica can draw and replaces the rest', () => {
    expect(pdfSafe('Caf\u00e9 \u2014 \u201cok\u201d \u20ac')).toBe('Caf\u00e9 \u2014 \u201cok\u201d \u20ac');
    expect(pdfSafe('\u65e5\u672c line\nbreak\t\u{1F600}')).toBe('?? line break ?');
  });
});
