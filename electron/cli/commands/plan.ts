import { planSupportPeriod } from '../../../shared/engine';
import type { SupportPlan } from '../../../shared/engine';
import { EXIT } from '../command';
import type { CliCommand } from '../command';
import { asOfOption, choiceOption, FORMATS, parseCommandArgs, singleFile, stringOption } from '../options';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readPortfolioInput } from '../read-input';
import { renderTable } from '../table';

const NAME = 'plan';

export interface ProductPlan extends SupportPlan {
  productLine: string;
  product: string;
}

export const planCommand: CliCommand = {
  name: NAME,
  summary: 'propose the earliest defensible security-support end for each product',
  help: `Usage: supportspan plan <portfolio> [--as-of YYYY-MM-DD] [--format text|json]

For each product in the portfolio spreadsheet or bundle: the earliest support end that
covers the expected use and every applicable legal minimum, whether the
declared end meets it, which core components block it (their supplier
support ends first), and which data is missing to plan.

Options:
  --as-of YYYY-MM-DD     the day to plan as of (default: today, UTC; for a
                         bundle, the bundle's own as-of day)
  --format text|json     readable blocks (default) or JSON
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 done, 2 bad input, 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      ...INPUT_OPTIONS,
      'as-of': { type: 'string' },
      format: { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    let asOf = asOfOption(NAME, values, io.now());
    const format = choiceOption(NAME, values, 'format', FORMATS) ?? 'text';
    const file = singleFile(NAME, positionals);

    const { portfolio, bundle } = await readPortfolioInput(NAME, file, io, await inputOptions(NAME, values, io.cwd));
    if (bundle && stringOption(values, 'as-of') === undefined) asOf = bundle.manifest.asOf;
    const lines = new Map(portfolio.lines.map((l) => [l.id, l]));
    const plans: ProductPlan[] = [];
    for (const product of portfolio.products) {
      const line = lines.get(product.lineId);
      if (!line) continue; // the parser only returns products of known lines
      plans.push({ productLine: line.name, product: product.name, ...planSupportPeriod(product, line, { asOf }) });
    }
    io.stdout(format === 'json' ? `${JSON.stringify({ asOf, plans }, null, 2)}\n` : renderText(asOf, plans));
    return EXIT.ok;
  },
};

function verdict(p: SupportPlan): string {
  if (p.meetsPlan === null) return 'cannot tell: data missing';
  return p.meetsPlan ? 'meets the plan' : 'falls short of the plan';
}

function renderText(asOf: string, plans: ProductPlan[]): string {
  const out: string[] = [`Support-period plan as of ${asOf}`, ''];
  for (const p of plans) {
    out.push(`${p.productLine} / ${p.product}`);
    out.push(`  use ends:                  ${p.useEnd ?? 'unknown'}`);
    out.push(`  legal minimum end:         ${p.legalMinimumEnd ?? 'none applies'}`);
    if (p.policyMinimumEnd !== null) out.push(`  policy minimum end:        ${p.policyMinimumEnd}`);
    out.push(`  recommended earliest end:  ${p.recommendedEarliestEnd ?? 'unknown'}`);
    const eff = p.effectiveSupportEnd;
    // The verdict is the effective end's; it stays on the declared-end line that scripts already read.
    out.push(`  effective support end:     ${eff.end ?? 'unknown'}${eff.setBy ? ` (set by core component ${eff.setBy.component}, ${eff.setBy.role})` : eff.end !== null ? ' (the declared end)' : ''}`);
    out.push(`  declared support end:      ${p.declaredSupportEnd ?? 'not declared'} (${verdict(p)})`);
    if (p.lastPlacedBasis !== 'last-placed') out.push(`  counted from:              ${p.lastPlacedBasis === 'planned-end-of-sale' ? 'planned end of sale' : 'still on sale, sales stop on the as-of date'} ${p.lastPlacedOnMarket}`);
    if (p.requirements.length > 0) {
      out.push('  requirements:');
      for (const r of p.requirements) out.push(`    ${r.end}  ${r.label}${r.provisions.length ? ` [${r.provisions.join('; ')}]` : ''}`);
    }
    for (const n of p.notApplied) out.push(`  not applied: ${n.rule}: ${n.reason}${n.provision ? ` [${n.provision}]` : ''}`);
    if (p.blockers.length > 0) {
      out.push('  blocking components:');
      out.push(renderTable(
        ['COMPONENT', 'ROLE', 'SUPPORT END', 'SHORTFALL DAYS'],
        p.blockers.map((b) => [b.component, b.role, b.securitySupportEnd ?? 'unknown', b.shortfallDays === null ? '-' : String(b.shortfallDays)]),
      ).split('\n').map((l) => `    ${l}`).join('\n'));
    }
    if (p.missing.length > 0) {
      out.push('  missing data:');
      for (const m of p.missing) out.push(`    ${m}`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}
