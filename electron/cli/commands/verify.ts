import { checkVerifiedResponse, formatFingerprint, normalizeFingerprint, openAnyBundleFile, rerunBundleAnalysis, scopeLabel, type BundleCounts, type BundleRerun, type Verification } from '../../../shared/bundle';
import { reanalysisJson, reanalysisLine } from '../reanalysis-text';
import { CliError, EXIT } from '../command';
import type { CliCommand, ExitCode } from '../command';
import { choiceOption, FORMATS, listOption, parseCommandArgs, singleFile } from '../options';
import { readBundleBytes } from '../portfolio-file';
import { appVersion } from '../app-version';
import { knownBundles, renderResponseText, responseExitCode, responseJson } from '../response-file';
import { VERIFY_EXIT } from '../verify-exit';

const NAME = 'verify';

export { VERIFY_EXIT };

export const verifyCommand: CliCommand = {
  name: NAME,
  summary: 'check that a bundle is complete and unchanged, and who signed it',
  help: `Usage: supportspan verify <file.sspan | file.sspan-response> [--trust FINGERPRINT]... [--bundle FILE]... [--format text|json]

Checks every file of the bundle against the SHA-256 in its manifest, the
change log's hash chain, the data's schemas and references, and the Ed25519
signature, then makes the report from the data and compares it with the
bundle's report.html (a bundle made by this version must ship exactly that
report, or it is invalid), then reports one of four states:
  valid        intact and signed by a key you trust (--trust)
  unknown-key  intact and signed, but by a key you did not name with --trust
  unsigned     intact, but nothing proves who made it
  invalid      changed, damaged, incomplete or with a bad signature

An auditor's response (.sspan-response, recognised by its manifest, not its
name) gets the same four states and four named checks: integrity (its files
against its manifest), signature, reference (what it says of the reviewed
bundle matches that bundle) and exported (the reviewed bundle is one you
exported: "export" keeps a record of them, and --bundle adds a bundle file).

Options:
  --trust FINGERPRINT    a signer you trust (64 hex digits; spaces, colons and
                         case are ignored); repeat for several. With at least
                         one --trust, only "valid" passes
  --bundle FILE          for a response: the bundle it reviews, when export's
                         record does not have it; repeat for several
  --format text|json     a report for people (default) or JSON for tools
  -h, --help             this help

Exit codes: 0 intact (valid; or, without --trust, also unknown-key and
unsigned), 1 invalid or tampered (or, with --trust, not signed by a trusted
key; or a response whose reference or exported check failed), 2 unreadable (missing, not a zip, truncated, over a limit, a newer
format version) or bad usage, 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      trust: { type: 'string', multiple: true },
      format: { type: 'string' },
      bundle: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = choiceOption(NAME, values, 'format', FORMATS) ?? 'text';
    const trusted = listOption(values, 'trust').map((text) => {
      const fp = normalizeFingerprint(text);
      if (!fp) throw new CliError(`${NAME}: --trust "${text}" is not a fingerprint (64 hex digits, as printed by export --sign or verify)`);
      return fp;
    });
    const file = singleFile(NAME, positionals);

    const { bytes } = await readBundleBytes(NAME, file, io.cwd);
    const opened = await openAnyBundleFile(bytes, { trustedFingerprints: trusted, appVersion: appVersion() });
    if (opened.kind === 'response') {
      const result = checkVerifiedResponse(opened.verification, await knownBundles(NAME, listOption(values, 'bundle'), io.cwd, trusted));
      const code = responseExitCode(result, trusted.length > 0);
      if (format === 'json') io.stdout(`${JSON.stringify(responseJson(file, result, code), null, 2)}\n`);
      else if (code === VERIFY_EXIT.ok) io.stdout(renderResponseText(file, result, false));
      else io.stderr(renderResponseText(file, result, trusted.length > 0));
      return code as ExitCode;
    }
    const v = opened.verification;
    const code = exitCodeFor(v, trusted.length > 0);
    // A readable bundle's analysis is run again on its data: a difference is stated, not an invalid bundle
    // (a newer rule pack can change findings), so that a reader knows the recorded findings are not the data's.
    const rerun = v.state !== 'invalid' && v.bundle ? rerunBundleAnalysis(v.bundle) : null;
    if (format === 'json') io.stdout(`${JSON.stringify(toJson(file, v, code, rerun), null, 2)}\n`);
    else if (code === VERIFY_EXIT.ok) io.stdout(renderText(file, v, false, rerun));
    else io.stderr(renderText(file, v, trusted.length > 0, rerun));
    return code as ExitCode;
  },
};

export function exitCodeFor(v: Verification, strict: boolean): number {
  if (v.state === 'invalid') return v.unreadable ? VERIFY_EXIT.unreadable : VERIFY_EXIT.invalid;
  if (strict && v.state !== 'valid') return VERIFY_EXIT.invalid;
  return VERIFY_EXIT.ok;
}

function headline(file: string, v: Verification, strict: boolean): string {
  const fp = v.fingerprint ? formatFingerprint(v.fingerprint) : '';
  switch (v.state) {
    case 'valid':
      return `${file}: valid: intact and signed by a trusted key ${fp}`;
    case 'unknown-key':
      return `${file}: intact, signed by an unknown key ${fp}${strict ? ' (not one of the --trust fingerprints)' : ''}`;
    case 'unsigned':
      return `${file}: intact but unsigned: nothing proves who made it${strict ? ' (--trust asks for a signature)' : ''}`;
    case 'invalid':
      return v.unreadable ? `${file}: unreadable: ${v.reasons.join('; ')}` : `${file}: INVALID: ${v.reasons.join('; ')}`;
  }
}

function renderText(file: string, v: Verification, strict: boolean, rerun: BundleRerun | null): string {
  const out = [headline(file, v, strict)];
  if (v.state === 'unknown-key') {
    out.push('  Compare this fingerprint with the sender (by phone or in person), then pass it with --trust to accept it.');
  }
  if (v.state === 'invalid' && v.fingerprint) out.push(`  the signature names key ${formatFingerprint(v.fingerprint)}`);
  const m = v.manifest;
  if (m && v.state !== 'invalid') {
    const c = m.counts;
    out.push(`  scope: ${scopeLabel(m.scope)}; as of ${m.asOf}; created ${m.createdAt} by Supportspan ${m.appVersion}; format version ${v.bundle?.formatVersion ?? m.formatVersion}`);
    if (v.bundle?.migratedFrom) out.push(`  read from format version ${v.bundle.migratedFrom}`);
    out.push(`  ${describeCounts(c)}`);
    out.push(`  rule packs: ${m.rulePacks.map((r) => `${r.id} ${r.version}`).join(', ') || 'none recorded'}`);
    out.push(`  ${Object.keys(m.files).length} files match their SHA-256 in the manifest; the change log's hash chain is intact`);
    out.push(`  ${reportCheckText(v)}`);
    if (rerun) out.push(`  ${reanalysisLine(rerun)}`);
  }
  return `${out.join('\n')}\n`;
}

/** What the check of the bundle's own report.html found (it is never used as is: every report is made from the data). */
function reportCheckText(v: Verification): string {
  return v.reportCheck === 'identical'
    ? 'report.html is exactly the report its data produces'
    : `report.html was made by another version (Supportspan ${v.manifest?.appVersion ?? 'unknown'}) and was not compared; "supportspan report" makes it from the data`;
}

function toJson(file: string, v: Verification, code: number, rerun: BundleRerun | null): unknown {
  return {
    file,
    kind: 'bundle',
    state: v.state,
    unreadable: v.unreadable === true,
    exitCode: code,
    fingerprint: v.fingerprint ?? null,
    reasons: v.reasons,
    reportCheck: v.reportCheck ?? null,
    reanalysis: rerun ? reanalysisJson(rerun) : null,
    manifest: v.manifest && v.state !== 'invalid'
      ? { formatVersion: v.manifest.formatVersion, appVersion: v.manifest.appVersion, createdAt: v.manifest.createdAt, asOf: v.manifest.asOf, scope: v.manifest.scope, counts: v.manifest.counts, rulePacks: v.manifest.rulePacks }
      : null,
  };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "4 product lines, 8 products, …": a bundle's contents in one line. */
export function describeCounts(c: BundleCounts): string {
  return [
    plural(c.lines, 'product line'), plural(c.products, 'product'), plural(c.components, 'component'), plural(c.decisions, 'decision'),
    plural(c.findings, 'finding'), plural(c.evidence, 'evidence file'), plural(c.changes, 'change'),
  ].join(', ');
}
