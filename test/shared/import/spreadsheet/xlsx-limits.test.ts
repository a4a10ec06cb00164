/** Hostile workbooks, generated here: decompression bombs, lying headers, a million rows, damaged files. */
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../../../shared/import/spreadsheet';
import { readWorkbook } from '../../../../shared/interop/xlsx-read';
import { DEFAULT_XLSX_LIMITS } from '../../../../shared/interop/xlsx-zip';
import { bombWorkbook, entry, repeatedStream, SHEET_HEAD, workbookAround, zip } from './zip-build';

const LIBRARY_TEXT = /undefined|Cannot set|sheetNo|Bug :|invalid (stored|block|distance)|unexpected EOF/;
const MiB = 1024 * 1024;

async function refusal(bytes: Uint8Array, limits = {}): Promise<string> {
  const r = await readSpreadsheet(bytes, 'hostile.xlsx', { limits });
  expect(r.portfolio.products).toEqual([]);
  expect(r.errors).toHaveLength(1);
  const reason = r.errors[0]!.reason;
  expect(reason).not.toMatch(LIBRARY_TEXT);
  return reason;
}

describe('decompression limits while inflating', () => {
  it('refuses a 2 MB workbook inflating to ~1.9 GB, without inflating it (declared size)', async () => {
    const bomb = bombWorkbook(1900);
    expect(bomb.length).toBeLessThan(3 * MiB);
    expect(await refusal(bomb)).toMatch(/would inflate .* a decompression bomb or a damaged file, not a workbook/);
  });

  it('refuses the same bomb when its header lies about the size, after inflating little, holding little memory', async () => {
    const bomb = bombWorkbook(1900, 40 * MiB);
    const before = process.memoryUsage().rss;
    expect(await refusal(bomb)).toMatch(/inflates to more than the 40.0 MB it declares: a decompression bomb/);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * MiB);
  });

  it('refuses a 0.4 MB workbook inflating to 400 MB, instead of reading "0 data rows"', async () => {
    const bomb = bombWorkbook(400);
    expect(bomb.length).toBeLessThan(0.6 * MiB);
    expect(await refusal(bomb)).toMatch(/decompression bomb/);
    // Declaring a small size does not help: it is refused as soon as it inflates past it.
    const lying = bombWorkbook(400, 2 * MiB);
    expect(await refusal(lying)).toMatch(/inflates to more than the 2.0 MB it declares: a decompression bomb/);
    const r = readWorkbook(bombWorkbook(400), DEFAULT_XLSX_LIMITS);
    expect(r.ok).toBe(false);
  });

  it('stops at the row limit: a million-row sheet is refused at row 200,001, before its damaged end is ever reached', async () => {
    const tenThousand = Buffer.from('<row><c><v>1</v></c></row>'.repeat(10_000));
    const stream = repeatedStream(Buffer.from(SHEET_HEAD), tenThousand, 100);
    // Damage the end: a reader that parsed the whole sheet would report the damage instead.
    const damaged = stream.slice();
    damaged.fill(0xff, damaged.length - 64);
    const bytes = workbookAround({ name: 'xl/worksheets/sheet1.xml', data: damaged, size: SHEET_HEAD.length + tenThousand.length * 100 });
    // Identical rows compress far better than real ones: the ratio limit is lifted to reach the row limit.
    expect(await refusal(bytes, { maxRatio: 1e6 })).toMatch(/has more than 200,000 rows; at most 200,000 are read: split it into several files/);
  });

  it('speaks the user\'s terms for damaged and wrong files', async () => {
    expect(await refusal(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]))).toMatch(/damaged or truncated|not an .xlsx workbook/);
    expect(await refusal(new TextEncoder().encode('PK\u0003\u0004 not really a zip, just text that starts like one'))).toMatch(/damaged or truncated/);
    const sheet = entry('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c t="inlineStr"><is><t>Product</t></is></c></row></sheetData></worksheet>`);
    const truncated = workbookAround(sheet).slice(0, 300);
    expect(await refusal(truncated)).toMatch(/damaged|truncated/);
    const noWorkbook = zip([entry('word/document.xml', '<w:document/>')]);
    expect(await refusal(noWorkbook)).toMatch(/it has no workbook part/);
    const lying = workbookAround({ ...sheet, size: 10 });
    expect(await refusal(lying)).toMatch(/inflates to more than the 10 bytes it declares/);
  });
});
