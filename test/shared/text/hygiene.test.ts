import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { parseTemplateCsv } from '../../../shared/csv';
import { toICalendar, milestonesForPortfolio } from '../../../shared/interop/ics';
import { escapeHtml } from '../../../shared/bundle/report-html';
import { checkPortfolioText, escapeForTerminal, showHidden, withoutControls } from '../../../shared/text/hygiene';

const COLUMNS = 'product_line,environment,product,sku,category,markets,first_placed_on_market,last_placed_on_market,expected_use_years,declared_support_end,units_per_year,component,class,role,supplier,version,core,security_support_end,update_mechanism,expected_life_years,field_replaceable,spare_parts_until,repair_docs,expires'.split(',');
const HEADER = COLUMNS.join(',');
/** A template row from the few cells a test cares about. */
const row = (cells: Record<string, string>): string => COLUMNS.map((c) => cells[c] ?? '').join(',');
// A hostile spreadsheet: a bidi override that makes "exe.txt" read as "txt.exe", terminal escape sequences, a bell.
const HOSTILE_CSV = [
  HEADER,
  row({ product_line: 'Home', environment: 'consumer', product: 'Invoice\u202Etxt.exe', sku: 'SKU\u001b[31mRED', category: 'thermostat', markets: 'EU', component: 'Firmware\u0007', class: 'it', role: 'firmware', supplier: 'Acme\u001b]0;pwned\u0007', version: '1.0', security_support_end: '2030-01-01' }),
].join('\r\n');

describe('text hygiene rules', () => {
  it('marks bidi and control characters visibly', () => {
    expect(showHidden('Invoice\u202Etxt.exe')).toBe('Invoice⟦RLO U+202E⟧txt.exe');
    expect(showHidden('a\u2066b\u2069')).toBe('a⟦LRI U+2066⟧b⟦PDI U+2069⟧');
    expect(showHidden('x\u001b[2Jy')).toBe('x⟦U+001B⟧[2Jy');
    expect(showHidden('tab\tand\nline')).toBe('tab\tand\nline');
  });
  it('escapes for the terminal', () => {
    expect(escapeForTerminal('a\u001b[31mb\u202e\u0000\u009b')).toBe('a\\u001b[31mb\\u202e\\u0000\\u009b');
    expect(escapeForTerminal('line\nnext\tcol')).toBe('line\nnext\tcol');
    // CSV on stdout keeps its CRLF line ends; a lone CR (which would overwrite the line) is shown
    expect(escapeForTerminal('a,b\r\nc\rd')).toBe('a,b\r\nc\\u000dd');
    // inside JSON the escape stands for the same character
    const json = JSON.stringify({ name: 'x\u202ey' });
    expect(JSON.parse(escapeForTerminal(json))).toEqual({ name: 'x\u202ey' });
  });
  it('finds NUL as an error, controls and bidi as warnings, named by product and field', () => {
    const parsed = parseTemplateCsv(HOSTILE_CSV.replace('SKU', 'SK\u0000U'));
    const report = checkPortfolioText(parsed.portfolio, 'the file');
    expect(report.errors.map((e) => e.message)).toEqual([
      'the file, product "Invoice⟦RLO U+202E⟧txt.exe", field sku: contains a NUL character (U+0000), which is not accepted in text. Remove it and import again.',
    ]);
    const warnings = report.warnings.map((w) => w.message).join('\n');
    expect(warnings).toContain('product "Invoice⟦RLO U+202E⟧txt.exe", field name: contains text-direction control RLO (U+202E)');
    expect(warnings).toContain('component "Firmware⟦U+0007⟧", field supplier: contains the control characters U+001B, U+0007');
  });
});

describe('outputs never carry raw control characters', () => {
  const { portfolio } = parseTemplateCsv(HOSTILE_CSV);

  it('iCalendar', () => {
    const events = milestonesForPortfolio(portfolio, { from: '2020-01-01', to: '2040-12-31', legalDates: false });
    expect(events.length).toBeGreaterThan(0);
    const ics = toICalendar(events, { prodId: '-//x//y//EN', now: '2026-01-01T00:00:00.000Z', calendarName: 'Cal\u001b[2J\u202e' });
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // still a calendar a standard reader accepts
    const comp = new ICAL.Component(ICAL.parse(ics));
    expect(comp.getAllSubcomponents('vevent').length).toBe(events.length);
  });

  it('the HTML report', () => {
    expect(escapeHtml('Invoice\u202Etxt.exe <b>')).toBe('Invoice⟦RLO U+202E⟧txt.exe &lt;b&gt;');
    expect(withoutControls('a\u0007b\u202ec')).toBe('a bc');
  });
});
