import { migratedRiskData, rulePacksFor } from '../../../shared/bundle';
import { emptyObligationsData } from '../../../shared/bundle/format-obligations';
import { analyzePortfolio, planSupportPeriod, type AnalysisOptions, type SupportPlan } from '../../../shared/engine';
import { ACTIVITY_STATUS_LABELS, evidenceList, portfolioActivities, type ProductActivitiesOfPortfolio } from '../../../shared/obligations/activities';
import { buildRegister } from '../../../shared/risk';
import { formatCount } from '../../../shared/format/format';
import { CliError, EXIT } from '../command';
import type { CliCommand } from '../command';
import { asOfOption, choiceOption, FORMATS, parseCommandArgs, singleFile, stringOption } from '../options';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readPortfolioInput } from '../read-input';
import { renderTable } from '../table';
import { escapeTerminal } from '../terminal-text';

const NAME = 'activities';

export const activitiesCommand: CliCommand = {
  name: NAME,
  summary: 'list each product\'s NIST IR 8259r1 activities with their status, evidence and the findings that bear on them',
  help: `Usage: supportspan activities <portfolio> [--as-of YYYY-MM-DD] [--format text|json]

Lists NIST IR 8259r1 Activities 0-8 of every product: the status, owner and
evidence recorded in the app (a bundle, .sspan format 3, carries them; a
spreadsheet or portfolio file has none, so every activity is "not started"),
and the evidence the data gives: the findings that bear on each activity
(by key, as \`analyze --format json\` names them), the support-period plan
(Activity 5) and lifecycle risks (Activities 3 and 6). Decisions recorded on
findings are applied; an open high finding keeps "done" from holding without
a recorded reason.

Options:
  --as-of YYYY-MM-DD     the day to evaluate as of (default: today, UTC; for a
                         bundle, the bundle's own as-of day)
  --format text|json     a table for people (default) or JSON for tools:
                         {"products": [{"product", "activities": [{"id",
                         "title", "status", "evidence": [{"kind", "ref"}],
                         "derived": ["<finding key>", ...]}]}]}
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 done, 2 bad input (usage, file, rows), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, { ...INPUT_OPTIONS, 'as-of': { type: 'string' }, format: { type: 'string' } });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    let asOf = asOfOption(NAME, values, io.now());
    const format = choiceOption(NAME, values, 'format', FORMATS) ?? 'text';
    const file = singleFile(NAME, positionals);
    const { portfolio, bundle } = await readPortfolioInput(NAME, file, io, await inputOptions(NAME, values, io.cwd));
    if (bundle && stringOption(values, 'as-of') === undefined) asOf = bundle.manifest.asOf;
    const options: AnalysisOptions = { asOf, ...(bundle ? { rulePacks: rulePacksFor(bundle.analysis.rulePacks).packs } : {}) };
    let products: ProductActivitiesOfPortfolio[];
    try {
      const findings = analyzePortfolio(portfolio, options).findings;
      const lines = new Map(portfolio.lines.map((l) => [l.id, l]));
      const plans: SupportPlan[] = [];
      for (const p of portfolio.products) {
        const line = lines.get(p.lineId);
        if (line) plans.push(planSupportPeriod(p, line, options));
      }
      const risks = buildRegister(portfolio, bundle?.risks ?? migratedRiskData(), options).risks;
      const obligations = bundle?.obligations ?? emptyObligationsData();
      products = portfolioActivities({ portfolio, records: obligations.activityRecords, findings, asOf, plans, risks });
    } catch (e) {
      if (e instanceof RangeError) throw new CliError(`${NAME}: ${escapeTerminal(e.message)}`);
      throw e;
    }
    if (format === 'json') io.stdout(`${JSON.stringify(toJson(products), null, 2)}\n`);
    else io.stdout(renderText(products, asOf));
    return EXIT.ok;
  },
};

/** The CLI's JSON contract (docs/cli.md, docs/obligations.md). */
export function toJson(products: readonly ProductActivitiesOfPortfolio[]): unknown {
  return {
    products: products.map((p) => ({
      product: p.product,
      activities: p.activities.map((a) => ({
        id: a.id,
        title: a.title,
        status: a.record.status,
        evidence: evidenceList(a),
        derived: a.derived.map((f) => f.key),
      })),
    })),
  };
}

function renderText(products: readonly ProductActivitiesOfPortfolio[], asOf: string): string {
  const out: string[] = [];
  for (const p of products) {
    out.push(escapeTerminal(p.product));
    out.push(renderTable(
      ['ACTIVITY', 'STATUS', 'OWNER', 'EVIDENCE', 'FINDINGS', 'OPEN HIGH', 'SIGN-OFF', 'TITLE'],
      p.activities.map((a) => [
        `Activity ${a.number}`,
        ACTIVITY_STATUS_LABELS[a.record.status],
        a.record.owner || '-',
        String(evidenceList(a).length),
        String(a.derived.length),
        String(a.blockingFindings.length),
        a.record.signOff ? `${a.record.signOff.name} ${a.record.signOff.date}` : '-',
        `${a.title}${a.verified ? '' : ' (unverified)'}`,
      ]),
    ).trimEnd());
    for (const a of p.activities) if (a.statusProblem) out.push(`  ! ${escapeTerminal(a.statusProblem)}`);
    out.push('');
  }
  const records = products.reduce((n, p) => n + p.activities.filter((a) => a.record.status !== 'not-started' || a.record.evidence.length > 0).length, 0);
  out.push(`${formatCount(products.length, 'product')}, ${formatCount(records, 'activity', 'activities')} with records, as of ${asOf}. Activity titles marked unverified were not checked against the published IR 8259r1 text.`);
  return `${out.join('\n')}\n`;
}
