import { portfolioToCsv } from '../../../shared/csv';
import { portfolioSchema, type Portfolio } from '../../../shared/domain/schemas';
import { utf8Encode } from '../../../shared/bundle';
import { CliError, EXIT } from '../command';
import type { CliCommand } from '../command';
import { choiceOption, parseCommandArgs, singleFile, stringOption } from '../options';
import { checkOutputPath, writeFileAtomic } from '../portfolio-file';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readInput } from '../read-input';

const NAME = 'convert';
const OUTPUT_FORMATS = ['csv', 'json'] as const;
type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const convertCommand: CliCommand = {
  name: NAME,
  summary: 'write any readable input as the CSV template or as portfolio JSON',
  help: `Usage: supportspan convert <input> [-o out.csv|out.json] [--format csv|json]

Reads the input as every other command does and writes what was read: the
CSV template (docs/csv-template.md) or portfolio JSON (the domain schema:
"lines", "products" with their "components", "decisions").

Options:
  -o, --output FILE      the file to write (written completely or not at all;
                         never the input file); default: stdout
  --format csv|json      default: from the output's extension, else csv
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 written, 2 bad input (the input, its rows, or the output
cannot be written), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      ...INPUT_OPTIONS,
      output: { type: 'string', short: 'o' },
      format: { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const file = singleFile(NAME, positionals);
    const output = stringOption(values, 'output');
    const format: OutputFormat = choiceOption(NAME, values, 'format', OUTPUT_FORMATS)
      ?? (output?.toLowerCase().endsWith('.json') ? 'json' : 'csv');
    const target = output === undefined ? null : await checkOutputPath(NAME, output, [file], io.cwd);
    const { portfolio } = await readInput(NAME, file, io, await inputOptions(NAME, values, io.cwd));

    if (format === 'csv' && portfolio.decisions.length > 0) {
      io.stderr(`${NAME}: warning: the CSV template has no place for decisions on findings; ${portfolio.decisions.length} are not written (use --format json to keep them)\n`);
    }
    const text = format === 'json' ? toJson(portfolio) : portfolioToCsv(portfolio);
    if (target === null) {
      io.stdout(text);
      return EXIT.ok;
    }
    await writeFileAtomic(NAME, target, utf8Encode(text));
    return EXIT.ok;
  },
};

/** The portfolio exactly as the domain schema has it (checked once more: the output must read back). */
function toJson(portfolio: Portfolio): string {
  const checked = portfolioSchema.safeParse(portfolio);
  if (!checked.success) throw new CliError(`${NAME}: the portfolio read does not fit the portfolio schema; nothing was written`, EXIT.internal);
  return `${JSON.stringify(checked.data, null, 2)}\n`;
}
