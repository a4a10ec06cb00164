/** `report --format pdf|xlsx|csv` on real bundle files, read back with pdf-lib, ExcelJS and papaparse. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { PDFDocument } from 'pdf-lib';
import { readBundle } from '../../shared/bundle';
import { ROOT, runCli } from './run-cli';

const SIGNED = join(ROOT, 'test', 'fixtures', 'bundles', 'sample-signed.sspan');
const UNSIGNED = join(ROOT, 'test', 'fixtures', 'bundles', 'sample-unsigned.sspan');
const SAMPLE_CSV = join(ROOT, 'assets', 'sample-portfolio.csv');
const EVIL = '=HYPERLINK("http://x","click")';

let tmp: string;
const at = (name: string): string => join(tmp, name);

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'supportspan-report-cli-'));
  process.env.SUPPORTSPAN_CONFIG_DIR = join(tmp, 'config');
});
afterAll(() => {
  delete process.env.SUPPORTSPAN_CONFIG_DIR;
  rmSync(tmp, { recursive: true, force: true });
});

async function bundleOf(path: string) {
  const read = await readBundle(new Uint8Array(readFileSync(path)));
  if (!read.ok) throw new Error(read.error);
  return read.bundle;
}

/** The text drawn on the pages: pdf-lib writes Helvetica text as hex strings inside (possibly deflated) content streams. */
async function pdfPagesText(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    let text = '';
    const contents = page.node.Contents();
    const streams = contents ? ('asArray' in contents ? contents.asArray() : [contents]) : [];
    for (const ref of streams) {
      const stream = doc.context.lookup(ref) as unknown as { getContents(): Uint8Array; dict: { toString(): string } };
      let raw = stream.getContents();
      if (stream.dict.toString().includes('FlateDecode')) raw = inflateSync(raw);
      const ops = Buffer.from(raw).toString('latin1');
      for (const m of ops.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) text += `${Buffer.from(m[1]!, 'hex').toString('latin1')}\n`;
    }
    return text;
  });
}

describe('report --format pdf', () => {
  it('writes a PDF with a cover, findings pages, page numbers, a running header and title metadata', async () => {
    const out = at('report.pdf');
    const r = await runCli(['report', SIGNED, '-o', out, '--format', 'pdf']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*report\.pdf \(pdf\): 2 findings, 3 products; bundle unknown-key/);
    const bytes = new Uint8Array(readFileSync(out));
    const doc = await PDFDocument.load(bytes);
    const bundle = await bundleOf(SIGNED);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getTitle()).toBe(`Findings report: Whole portfolio, as of ${bundle.manifest.asOf}`);
    expect(doc.getSubject()).toContain('Whole portfolio');
    expect(doc.getAuthor()).toBe('Supportspan');

    const pages = await pdfPagesText(bytes);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(pages[0]).toContain('Findings report');
    expect(pages[0]).toContain('unknown-key');
    expect(pages[0]).toContain('sample-signed.sspan');
    // The cover shows the signer's fingerprint as printed by `verify`.
    const verify = await runCli(['verify', SIGNED]);
    const fp = /([0-9a-f]{4}(?: [0-9a-f]{4}){15})/.exec(verify.stdout)![1]!;
    expect(pages[0]!.replace(/\n/g, ' ')).toContain(fp.slice(0, 39));
    // Every page, the cover included, names the manifest SHA-256 (header) and the signer (footer), whole.
    const hex = fp.replace(/ /g, '');
    for (const text of pages) {
      expect(text).toContain(`Manifest SHA-256 ${bundle.manifestHash}\n`);
      expect(text).toContain(`Signer ${fp}\n`);
    }
    expect(hex).toHaveLength(64);
    // The fixture was analysed with older rule packs: the cover says its data gives other findings now.
    expect(pages[0]!.replace(/\n/g, ' ')).toMatch(/Re-analysis Re-analysis with Supportspan \S+ on the bundle's data and rule packs: \d+ findings differ from those the bundle recorded/);
    expect(pages[0]).not.toContain(`Whole portfolio - as of`);
    for (const text of pages.slice(1)) expect(text).toContain(`Whole portfolio - as of ${bundle.manifest.asOf}`);
    const all = pages.join('\n');
    expect(all).toContain('Findings by severity');
    expect(all).toContain('Number of findings');
    expect(all).toContain('High severity: 1 finding');
    expect(all).toContain('Medium severity: 1 finding');
    expect(all).toContain('Smart lock L2 (Smart home)');
    expect(all).toContain('Status: Risk accepted - accepted by Ana on 2026-02-01, expires 2027-01-01');
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('names an unsigned bundle as unsigned and shows no fingerprint', async () => {
    const out = at('unsigned.pdf');
    const r = await runCli(['report', UNSIGNED, '-o', out, '--format', 'pdf']);
    expect(r.code).toBe(0);
    const pages = await pdfPagesText(new Uint8Array(readFileSync(out)));
    expect(pages[0]).toContain('unsigned');
    expect(pages[0]).toContain('Not signed');
    expect(pages[0]).toContain('Signer fingerprint\nnone\n');
    for (const text of pages) expect(text).toContain('Signer none (unsigned)\n');
  });
});

describe('report --format xlsx|csv', () => {
  it('xlsx: the findings table with date cells and a summary with the bundle identity', async () => {
    const out = at('findings.xlsx');
    const r = await runCli(['report', SIGNED, '-o', out, '--format', 'xlsx']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const bundle = await bundleOf(SIGNED);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Findings', 'Summary']);
    const sheet = wb.getWorksheet('Findings')!;
    expect(sheet.rowCount).toBe(bundle.analysis.findings.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('Support end');
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [2, 3].map((n) => sheet.getRow(n));
    const soc = rows.find((row) => row.getCell(col('Component')).value === 'SoC ESP32')!;
    expect(soc.getCell(col('Support end')).value).toBeInstanceOf(Date);
    expect((soc.getCell(col('Support end')).value as Date).toISOString().slice(0, 10)).toBe('2030-12-31');
    expect(soc.getCell(col('Decided by')).value).toBe('Ana');
    expect(soc.getCell(col('Status')).value).toBe('Risk accepted');
    expect(soc.getCell(col('Gap (days)')).value).toBe(640);

    const summary = new Map<string, unknown>();
    wb.getWorksheet('Summary')!.eachRow((row, n) => {
      if (n > 1) summary.set(String(row.getCell(2).value), row.getCell(3).value);
    });
    expect(summary.get('Signature')).toBe('unknown-key');
    expect(summary.get('Bundle file')).toBe('sample-signed.sspan');
    expect(String(summary.get('Signer fingerprint'))).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
    expect(summary.get('Manifest SHA-256')).toBe(bundle.manifestHash);
    expect(summary.get('All severities')).toBe(2);
  });

  it('csv: the same table, and a hostile product name from the bundle is guarded in CSV and XLSX', async () => {
    const [header, first] = readFileSync(SAMPLE_CSV, 'utf8').split(/\r?\n/);
    const cols = header!.split(',');
    const cells = first!.split(',');
    const name = cells[cols.indexOf('product')]!;
    const hostile = readFileSync(SAMPLE_CSV, 'utf8').split(name).join(`"${EVIL.replace(/"/g, '""')}"`);
    writeFileSync(at('hostile.csv'), hostile);
    const e = await runCli(['export', at('hostile.csv'), '-o', at('hostile.sspan'), '--as-of', '2026-11-28']);
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);

    const csvOut = at('findings.csv');
    const r = await runCli(['report', at('hostile.sspan'), '-o', csvOut, '--format', 'csv']);
    expect(r.code).toBe(0);
    const text = readFileSync(csvOut, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const bundle = await bundleOf(at('hostile.sspan'));
    expect(parsed.data).toHaveLength(bundle.analysis.findings.length);
    const evil = parsed.data.filter((row) => row['Product']!.includes('HYPERLINK'));
    expect(evil.length).toBeGreaterThan(0);
    for (const row of evil) expect(row['Product']).toBe(`'${EVIL}`);
    for (const row of parsed.data) for (const v of Object.values(row)) expect(v).not.toMatch(/^[=+@]/);
    const dated = parsed.data.filter((row) => row['Support end']);
    expect(dated.length).toBeGreaterThan(0);
    for (const row of dated) expect(row['Support end']).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const xlsxOut = at('hostile.xlsx');
    expect((await runCli(['report', at('hostile.sspan'), '-o', xlsxOut, '--format', 'xlsx'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsxOut) as never);
    const products: unknown[] = [];
    wb.getWorksheet('Findings')!.eachRow((row, n) => {
      if (n > 1) {
        products.push(row.getCell(2).value);
        expect(row.getCell(2).formula).toBeUndefined();
      }
    });
    expect(products).toContain(`'${EVIL}`);
  });
});

describe('report --format: refusals', () => {
  it('an unknown format is a usage error that names the formats, and nothing is written', async () => {
    const out = at('never.docx');
    const r = await runCli(['report', SIGNED, '-o', out, '--format', 'docx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report: --format "docx" is not one of: html, pdf, xlsx, csv');
    expect(existsSync(out)).toBe(false);
  });

  it('the default is still the HTML report, and the help names every format', async () => {
    const out = at('default.html');
    const r = await runCli(['report', SIGNED, '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<!DOCTYPE html>')).toBe(true);
    const help = await runCli(['report', '--help']);
    expect(help.stdout).toContain('--format html|pdf|xlsx|csv');
    for (const f of ['html', 'pdf', 'xlsx', 'csv']) expect(help.stdout).toMatch(new RegExp(`^  ${f} `, 'm'));
  });

  it('an invalid bundle is refused for every format', async () => {
    const broken = at('broken.sspan');
    writeFileSync(broken, readFileSync(SIGNED).subarray(0, 100));
    for (const format of ['pdf', 'xlsx', 'csv']) {
      const out = at(`broken.${format}`);
      const r = await runCli(['report', broken, '-o', out, '--format', format]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/cannot be read/);
      expect(existsSync(out)).toBe(false);
    }
  });
});
