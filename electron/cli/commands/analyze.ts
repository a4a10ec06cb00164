import { compareFindings, comparisonIsEmpty, rulePacksFor, type Bundle } from '../../../shared/bundle';
import { analyzePortfolio, SEVERITIES } from '../../../shared/engine';
import type { AnalysisOptions, AnalysisResult, Severity } from '../../../shared/engine';
import { CliError, EXIT } from '../command';
import type { CliCommand, CliIO } from '../command';
import { asOfOption, choiceOption, FORMATS, parseCommandArgs, singleFile, stringOption } from '../options';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readPortfolioInput } from '../read-input';
import { renderTable } from '../table';
import { comparisonJson, renderComparison } from '../reanalysis-text';

const NAME = 'analyze';

export const analyzeCommand: CliCommand = {
  name: NAME,
  summary: 'check a portfolio (CSV template or .sspan bundle) and list its lifecycle findings',
  help: `Usage: supportspan analyze <portfolio> [--as-of YYYY-MM-DD] [--format text|json] [--fail-on high|medium|low] [--compare]

Reads a portfolio in the spreadsheet template (one row per component) or a
bundle, and lists every lifecycle finding: support gaps, legal minimums,
spare parts, repairability and missing data. A bundle's analysis is run
again on its data, with the rule packs it was analysed with.

Options:
  --as-of YYYY-MM-DD     the day to analyse as of (default: today, UTC; for a
                         bundle, the bundle's own as-of day)
  --format text|json     a table for people (default) or JSON for tools
  --fail-on LEVEL        exit 1 when a finding of this severity or higher exists
                         (high, medium or low); without it the exit code
                         does not depend on the findings
  --compare              bundles only: also show where the findings differ
                         from those recorded in the bundle, and exit 1 if any do
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 done (nothing at or above --fail-on; with --compare, no
difference), 1 findings at or above --fail-on, or differences with
--compare, 2 bad input (usage, file, rows: each problem is listed on stderr
with its row and column; an unreadable or invalid bundle), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      ...INPUT_OPTIONS,
      'as-of': { type: 'string' },
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      compare: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    // validated before reading, so a typo is reported without waiting for a large file
    let asOf = asOfOption(NAME, values, io.now());
    const format = choiceOption(NAME, values, 'format', FORMATS) ?? 'text';
    const failOn = choiceOption<Severity>(NAME, values, 'fail-on', SEVERITIES);
    const file = singleFile(NAME, positionals);

    const { portfolio, bundle } = await readPortfolioInput(NAME, file, io, await inputOptions(NAME, values, io.cwd));
    if (values.compare && !bundle) throw new CliError(`${NAME}: --compare needs a bundle (.sspan), which records the findings to compare with`);
    if (bundle && stringOption(values, 'as-of') === undefined) asOf = bundle.manifest.asOf;
    const options: AnalysisOptions = { asOf, ...(bundle ? { rulePacks: bundleRulePacks(bundle, io) } : {}) };
    const result = analyzePortfolio(portfolio, options);
    const comparison = values.compare && bundle ? compareFindings(bundle.analysis.findings, result.findings) : null;
    if (comparison && bundle && bundle.manifest.asOf !== asOf) {
      io.stderr(`note: the bundle's findings were recorded as of ${bundle.manifest.asOf}; this run is as of ${asOf}, so dates alone can change them\n`);
    }
    if (format === 'json') {
      const json = toJson(result) as Record<string, unknown>;
      if (comparison) json.comparison = comparisonJson(comparison);
      io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      io.stdout(renderText(result) + (comparison ? renderComparison(comparison) : ''));
    }

    let code: typeof EXIT.ok | typeof EXIT.findings = EXIT.ok;
    if (comparison && !comparisonIsEmpty(comparison)) code = EXIT.findings;
    if (failOn !== undefined) {
      const threshold = SEVERITIES.indexOf(failOn);
      if (result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold)) code = EXIT.findings;
    }
    return code;
  },
};

/** The packs the bundle was analysed with, in this tool's versions; differences are stated on stderr. */
function bundleRulePacks(bundle: Bundle, io: CliIO) {
  const selection = rulePacksFor(bundle.analysis.rulePacks);
  for (const m of selection.missing) io.stderr(`note: the bundle was analysed with rule pack ${m.id} ${m.version}, which this version of Supportspan does not have; its rules are not run\n`);
  for (const o of selection.otherVersion) io.stderr(`note: the bundle was analysed with rule pack ${o.id} ${o.recorded}; this run uses version ${o.available}\n`);
  return selection.packs;
}

/** The CLI's JSON contract: a stable subset of each finding, for scripts and CI. */
export function toJson(result: AnalysisResult): unknown {
  return {
    asOf: result.asOf,
    findings: result.findings.map((f) => ({
      // The finding's stable key: what decisions, auditor reviews and the activities command's "derived" name.
      key: f.key,
      kind: f.kind,
      severity: f.severity,
      productLine: f.productLine,
      product: f.product,
      component: f.component,
      gapDays: f.gapDays,
      message: f.message,
      provisions: f.provisions,
    })),
    // Per product: the effective support end (with the component that sets it) and the rules that did not apply.
    products: result.products.map((p) => ({
      productLine: p.productLine,
      product: p.product,
      effectiveSupportEnd: p.effectiveSupportEnd.end,
      declaredSupportEnd: p.effectiveSupportEnd.declared,
      effectiveSupportEndSetBy: p.effectiveSupportEnd.setBy,
      notApplied: p.notApplied.map((n) => ({ rule: n.rule, pack: n.pack, reason: n.reason, provision: n.provision, kinds: n.kinds })),
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
