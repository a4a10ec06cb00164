import { buildRegister } from '../../../shared/risk';
import type { RegisterResult } from '../../../shared/risk';
import { migratedRiskData, rulePacksFor } from '../../../shared/bundle';
import { formatUnitYears } from '../../../shared/format/format';
import { CliError, EXIT } from '../command';
import type { CliCommand } from '../command';
import { asOfOption, choiceOption, FORMATS, parseCommandArgs, singleFile, stringOption } from '../options';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readPortfolioInput } from '../read-input';
import { renderTable } from '../table';
import { escapeTerminal } from '../terminal-text';

const NAME = 'risks';

export const risksCommand: CliCommand = {
  name: NAME,
  summary: 'list the risk register: lifecycle risks derived from the data, plus a bundle\'s recorded risks',
  help: `Usage: supportspan risks <portfolio> [--as-of YYYY-MM-DD] [--format text|json]

Lists the risk register of a portfolio. Lifecycle risks (EMB3D TID-210
device vulnerabilities unpatchable, certificate expiry, ecosystem shutdown,
AI models that cannot be kept current) are derived from the data with their
exposure in unit-years from the fleet forecast; a bundle (.sspan, format 3)
adds the risks, scores, responses and controls recorded in the app.

Options:
  --as-of YYYY-MM-DD     the day to evaluate as of (default: today, UTC; for a
                         bundle, the bundle's own as-of day)
  --format text|json     a table for people (default) or JSON for tools:
                         {"risks": [{"id", "product", "component", "threat":
                         {"id", "title", "source"}, "likelihood", "impact",
                         "score", "level", "exposureUnitYears", "status",
                         "findingKeys", "controls"}]}
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 done, 2 bad input (usage, file, rows, a register that does
not match its portfolio), 3 internal error.`,
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
    let result: RegisterResult;
    try {
      result = buildRegister(portfolio, bundle?.risks ?? migratedRiskData(), {
        asOf, ...(bundle ? { rulePacks: rulePacksFor(bundle.analysis.rulePacks).packs } : {}),
      });
    } catch (e) {
      if (e instanceof RangeError) throw new CliError(`${NAME}: ${escapeTerminal(e.message)}`);
      throw e;
    }
    if (format === 'json') io.stdout(`${JSON.stringify(toJson(result), null, 2)}\n`);
    else io.stdout(renderText(result));
    return EXIT.ok;
  },
};

/** The CLI's JSON contract (docs/cli.md). */
export function toJson(result: RegisterResult): unknown {
  return {
    risks: result.risks.map((r) => ({
      id: r.id,
      product: r.product,
      component: r.component,
      threat: r.threat,
      likelihood: r.likelihood,
      impact: r.impact,
      score: r.score,
      level: r.level,
      exposureUnitYears: r.exposureUnitYears,
      status: r.status,
      findingKeys: r.findingKeys,
      controls: r.controls,
    })),
  };
}

function renderText(result: RegisterResult): string {
  const out: string[] = [];
  if (result.risks.length > 0) {
    out.push(renderTable(
      ['LEVEL', 'SCORE', 'PRODUCT', 'COMPONENT', 'THREAT', 'STATUS', 'EXPOSURE', 'TITLE'],
      result.risks.map((r) => [
        r.level ?? '-', r.score === null ? '-' : `${r.likelihood}x${r.impact}=${r.score}`, r.product, r.component ?? '-', r.threat.id, r.status,
        r.exposureUnitYears === null ? '-' : formatUnitYears(r.exposureUnitYears), r.threat.title,
      ]),
    ));
    out.push('');
  }
  out.push(`${result.risks.length} risk${result.risks.length === 1 ? '' : 's'} as of ${result.asOf}; threat catalog ${result.catalogVersion}.`);
  for (const a of result.attribution) out.push(a);
  return `${out.join('\n')}\n`;
}
