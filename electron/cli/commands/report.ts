import { formatFingerprint, normalizeFingerprint, renderReportHtml, utf8Encode } from '../../../shared/bundle';
import { CliError, EXIT } from '../command';
import type { CliCommand } from '../command';
import { listOption, parseCommandArgs, singleFile, stringOption } from '../options';
import { checkOutputPath, readBundleFile, writeFileAtomic } from '../portfolio-file';

const NAME = 'report';

export const reportCommand: CliCommand = {
  name: NAME,
  summary: 'write a bundle\'s report as one self-contained HTML file, with its verified state',
  help: `Usage: supportspan report <file.sspan> -o <report.html> [--trust FINGERPRINT]...

Verifies the bundle and writes its report: summary, findings with provisions
and remediation, decisions, and a timeline per product. The file has no
script and loads nothing; every text from the data is escaped. The report
states the verification result of this run (valid, signed by an unknown key,
or unsigned), not just what the exporter claimed.

Options:
  -o, --output FILE      the HTML file to write (written completely or not at all)
  --trust FINGERPRINT    a signer you trust; repeat for several
  -h, --help             this help

Exit codes: 0 written, 2 bad input (the bundle is unreadable or invalid, or
the output cannot be written), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      output: { type: 'string', short: 'o' },
      trust: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const trusted = listOption(values, 'trust').map((text) => {
      const fp = normalizeFingerprint(text);
      if (!fp) throw new CliError(`${NAME}: --trust "${text}" is not a fingerprint (64 hex digits)`);
      return fp;
    });
    const file = singleFile(NAME, positionals);
    const output = stringOption(values, 'output');
    if (output === undefined) throw new CliError(`${NAME}: no output file given: add -o <report.html>`);
    const outPath = await checkOutputPath(NAME, output, [file], io.cwd);

    const { bundle, verification } = await readBundleFile(NAME, file, io.cwd, trusted);
    const m = bundle.manifest;
    const html = renderReportHtml({
      portfolio: bundle.portfolio,
      scope: m.scope,
      asOf: m.asOf,
      createdAt: m.createdAt,
      appVersion: m.appVersion,
      rulePacks: bundle.analysis.rulePacks,
      findings: bundle.analysis.findings,
      counts: m.counts,
      risks: bundle.risks,
      obligations: bundle.obligations,
      signature: { state: verification.state, fingerprint: verification.fingerprint ?? null, reasons: verification.reasons },
    });
    await writeFileAtomic(NAME, outPath, utf8Encode(html));
    const signer = verification.fingerprint ? ` (${formatFingerprint(verification.fingerprint)})` : '';
    io.stdout(`wrote ${output}: ${bundle.analysis.findings.length} findings, ${bundle.portfolio.products.length} products; bundle ${verification.state}${signer}\n`);
    return EXIT.ok;
  },
};
