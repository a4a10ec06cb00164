import {
  assembleBundleInput, buildBundle, BundleWriteError, formatBytes, formatFingerprint, resolveScope, scopeByName, scopeLabel,
  ScopeError, type BundleScope, type EvidenceInput,
} from '../../../shared/bundle';
import type { Portfolio } from '../../../shared/domain/schemas';
import { parseDayDate } from '../../../shared/domain/dates';
import { todayIso } from '../../../shared/domain/dates';
import { CliError, EXIT } from '../command';
import type { CliCommand } from '../command';
import { parseCommandArgs, singleFile, stringOption } from '../options';
import { checkOutputPath, writeFileAtomic } from '../portfolio-file';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readPortfolioInput } from '../read-input';
import { loadOrCreateSigningKey } from '../signing-key-file';
import { recordExportedBundle } from '../exported-bundles-file';
import { describeCounts } from './verify';
import { appVersion } from '../app-version';

const NAME = 'export';

export const exportCommand: CliCommand = {
  name: NAME,
  summary: 'write a bundle (.sspan) with the data, findings, plans, report and interchange copies',
  help: `Usage: supportspan export <portfolio> -o <out.sspan> [--scope SCOPE] [--as-of YYYY-MM-DD] [--sign]

Writes a bundle: the portfolio data, the findings and support plans computed
as of --as-of, the change history and evidence (when the input is a bundle),
report.html, a CycloneDX 1.6 file per product and the CSV template rows,
with the SHA-256 of every file in its manifest.

Options:
  -o, --output FILE      the bundle to write (written completely or not at all;
                         never the input file)
  --scope SCOPE          portfolio (default), line:<name> or product:<name>
                         (a name is matched without regard to case; an id works too)
  --as-of YYYY-MM-DD     the day to analyse as of (default: today, UTC; for a
                         bundle input, the bundle's own as-of day)
  --sign                 sign the manifest with your Ed25519 key (created on
                         first use in your configuration folder, readable only
                         by you); prints its fingerprint
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 written, 2 bad input (file, rows, scope, an invalid input
bundle, or the output cannot be written), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      ...INPUT_OPTIONS,
      output: { type: 'string', short: 'o' },
      scope: { type: 'string' },
      'as-of': { type: 'string' },
      sign: { type: 'boolean' },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const file = singleFile(NAME, positionals);
    const output = stringOption(values, 'output');
    if (output === undefined) throw new CliError(`${NAME}: no output file given: add -o <out.sspan>`);
    const givenAsOf = stringOption(values, 'as-of');
    if (givenAsOf !== undefined) {
      const r = parseDayDate(givenAsOf);
      if (!r.ok) throw new CliError(`${NAME}: --as-of ${r.reason}`);
    }
    const outPath = await checkOutputPath(NAME, output, [file], io.cwd);

    const { portfolio, bundle } = await readPortfolioInput(NAME, file, io, await inputOptions(NAME, values, io.cwd));
    const asOf = givenAsOf ?? bundle?.manifest.asOf ?? todayIso(io.now());
    const scope = parseScope(stringOption(values, 'scope'), portfolio);
    const evidence: EvidenceInput[] = (bundle?.evidence ?? []).map((e) => ({ ownerId: e.ownerId, name: e.name, mediaType: e.mediaType, bytes: e.bytes }));
    const signing = values.sign ? await loadOrCreateSigningKey(NAME, io.now()) : null;

    let built;
    try {
      built = await buildBundle(assembleBundleInput(portfolio, {
        scope,
        asOf,
        appVersion: appVersion(),
        createdAt: io.now().toISOString(),
        history: bundle?.history ?? [],
        evidence,
        signingKey: signing?.key ?? null,
      }));
    } catch (error) {
      if (error instanceof BundleWriteError || error instanceof ScopeError) throw new CliError(`${NAME}: ${error.message}`);
      throw error;
    }
    await writeFileAtomic(NAME, outPath, built.bytes);
    // An auditor's response to this bundle is recognised by `verify` through this record.
    await recordExportedBundle(NAME, built, outPath);

    const c = built.manifest.counts;
    const out = [
      `wrote ${output} (${formatBytes(built.bytes.length)}): ${scopeLabel(built.manifest.scope)} as of ${asOf}`,
      `  ${describeCounts(c)}`,
    ];
    if (signing) {
      if (signing.created) out.push(`  created your signing key ${signing.path}`);
      out.push(`  signed by ${formatFingerprint(signing.key.fingerprint)}`);
    } else {
      out.push('  not signed (add --sign to sign it with your key)');
    }
    io.stdout(`${out.join('\n')}\n`);
    return EXIT.ok;
  },
};

/** `portfolio`, `line:<name or id>`, `product:<name or id>`. */
function parseScope(text: string | undefined, portfolio: Portfolio): BundleScope {
  if (text === undefined || text === 'portfolio') return { kind: 'portfolio' };
  const m = /^(line|product):(.+)$/s.exec(text);
  if (!m) throw new CliError(`${NAME}: --scope "${text}" is not one of: portfolio, line:<name>, product:<name>`);
  const kind = m[1] as 'line' | 'product';
  const name = m[2]!;
  try {
    return scopeByName(portfolio, kind, name);
  } catch (byName) {
    // an id, for names that are ambiguous
    try {
      return resolveScope(portfolio, { kind, id: name });
    } catch {
      throw new CliError(`${NAME}: --scope: ${(byName as Error).message}`);
    }
  }
}

export { appVersion } from '../app-version';
