import { analyzePortfolio, SEVERITIES } from '../../../shared/engine';
import type { AnalysisResult, Severity } from '../../../shared/engine';
import { EXIT } from '../command';
import type { CliCommand } from '../command';
import { asOfOption, choiceOption, FORMATS, parseCommandArgs, singleFile } from '../options';
import { readPortfolioFile } from '../portfolio-file';
import { renderTable } from '../table';

const NAME = 'analyze';

export const analyzeCommand: CliCommand = {
  name: NAME,
  summary: 'check a portfolio spreadsheet (CSV template) and list its lifecycle findings',
  help: `Usage: supportspan analyze <file.csv> [--as-of YYYY-MM-DD] [--format text|json] [--fail-on high|medium|low]

Reads a portfolio in the spreadsheet template (one row per component) and
lists every lifecycle finding: support gaps, legal minimums, spare parts,
repairability and missing data.

Options:
  --as-of YYYY-MM-DD     the day to analyse as of (default: today, UTC)
  --format text|json     a table for people (default) or JSON for tools
  --fail-on LEVEL        exit 1 when a finding of this severity or higher exists
                         (high, medium or low); without it the exit code
                         does not depend on the findings
  -h, --help             this help

Exit codes: 0 done (nothing at or above --fail-on), 1 findings at or above
--fail-on, 2 bad input (usage, file, or rows: each problem is listed on
stderr with its row and column), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      'as-of': { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const asOf = asOfOption(NAME, values, io.now());
    const format = choiceOption(NAME, values, 'format', FORMATS) ?? 'text';
    const failOn = choiceOption<Severity>(NAME, values, 'fail-on', SEVERITIES);
    const file = singleFile(NAME, positionals);

    const portfolio = await readPortfolioFile(NAME, file, io.cwd);
    const result = analyzePortfolio(portfolio, { asOf });
    io.stdout(format === 'json' ? `${JSON.stringify(toJson(result), null, 2)}\n` : renderText(result));

    if (failOn === undefined) return EXIT.ok;
    const threshold = SEVERITIES.indexOf(failOn);
    const tripped = result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold);
    return tripped ? EXIT.findings : EXIT.ok;
  },
};

/** The CLI's JSON contract: a stable subset of each finding, for scripts and CI. */
export function toJson(result: AnalysisResult): unknown {
  return {
    asOf: result.asOf,
    findings: result.findings.map((f) => ({
      kind: f.kind,
      severity: f.severity,
      productLine: f.productLine,
      product: f.product,
      component: f.component,
      gapDays: f.gapDays,
      message: f.message,
      provisions: f.provisions,
    })),
    summary: result.summary,
  };
}

function renderText(result: AnalysisResult): string {
  const s = result.summary;
  const out: string[] = [];
  if (result.findings.length > 0) {
    out.push(renderTable(
      ['SEVERITY', 'KIND', 'PRODUCT LINE', 'PRODUCT', 'COMPONENT', 'GAP DAYS', 'MESSAGE'],
      result.findings.map((f) => [
        f.severity, f.kind, f.productLine, f.product, f.component ?? '-', f.gapDays === null ? '-' : String(f.gapDays), f.message,
      ]),
    ));
    out.push('');
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push(
    `${plural(s.findings, 'finding')} (${SEVERITIES.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', ')}) ` +
      `in ${plural(s.products, 'product')} of ${plural(s.productLines, 'product line')}, ${plural(s.components, 'component')}, as of ${result.asOf}.`,
  );
  const kinds = Object.entries(s.byKind).filter(([, n]) => (n ?? 0) > 0);
  if (kinds.length > 0) {
    const width = Math.max(...kinds.map(([k]) => k.length));
    for (const [kind, n] of kinds) out.push(`  ${kind.padEnd(width)}  ${n}`);
  }
  return `${out.join('\n')}\n`;
}
