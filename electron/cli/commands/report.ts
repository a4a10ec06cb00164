import { basename } from 'node:path';
import { formatFingerprint, normalizeFingerprint, openAnyBundleFile, reanalysisSentence, rerunBundleAnalysis, renderResponseReportHtml, reviewerLine, scopeLabel, SIGNATURE_TEXT, utf8Encode, verifiedBundleReport, type ResponseVerification } from '../../../shared/bundle';
import { appVersion } from '../app-version';
import { DEFAULT_RULE_PACKS } from '../../../shared/engine';
import type { ExcelJsModule } from '../../../shared/interop/xlsx-workbook';
import { findingsCsv, findingsPdf, findingsXlsx, provisionTitles, recordedReportFindings, type ReportSource } from '../../../shared/report';
import { CliError, EXIT } from '../command';
import type { CliCommand } from '../command';
import { choiceOption, listOption, parseCommandArgs, singleFile, stringOption } from '../options';
import { checkOutputPath, readBundleBytes, writeFileAtomic } from '../portfolio-file';
import { escapeTerminal } from '../terminal-text';
import { reportReanalysis } from '../reanalysis-text';

const NAME = 'report';
export const REPORT_FORMATS = ['html', 'pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** ExcelJS's Node entry, loaded only for --format xlsx. */
async function loadExcelJs(): Promise<ExcelJsModule> {
  const mod = (await import('exceljs')) as unknown as ExcelJsModule & { default?: ExcelJsModule };
  const lib = typeof mod.Workbook === 'function' ? mod : mod.default;
  if (!lib || typeof lib.Workbook !== 'function') throw new Error('the spreadsheet library did not load (no Workbook)');
  return lib;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export const reportCommand: CliCommand = {
  name: NAME,
  summary: 'write a bundle\'s report (HTML or PDF) or its findings table (XLSX or CSV), with its verified state',
  help: `Usage: supportspan report <file.sspan | file.sspan-response> -o <file> [--format html|pdf|xlsx|csv] [--trust FINGERPRINT]...

Verifies the bundle and writes its report. The report states the
verification result of this run (valid, signed by an unknown key, or
unsigned), not just what the exporter claimed.

 For an auditor's response (.sspan-response) the
report is the response's own HTML (reviewer and organisation, reviewed bundle,
each finding's status and note, the note's earlier versions, and the thread:
the earlier note, the manufacturer's reply, the new note) with the state of
this run; only html is written for it. A version 1 response is read as well:
its reviewer is one field, shown as the name, its organisation as not stated.

Formats:
  html   (default) one self-contained HTML file: summary, findings with
         provisions and remediation, decisions, and a timeline per product;
         no script, loads nothing, every text from the data escaped
  pdf    a PDF for management: a cover page with the scope, as-of date and
         the bundle's identity (signer fingerprint, signature state), a chart
         of the findings per severity, then the findings grouped by severity
         with component, kind, gap, provisions and decision; a running header
         and "Page N of M" on the pages
  xlsx   the findings table: sheet "Findings" (one row per finding, dates as
         date cells, a filter on the header) and sheet "Summary" (counts by
         severity, kind and product line, scope, as-of date, bundle identity)
  csv    the same findings table as CSV (UTF-8 with a byte order mark, ISO
         dates, text that a spreadsheet could run as a formula prefixed with ')

Options:
  -o, --output FILE      the file to write (written completely or not at all)
  --format FORMAT        html, pdf, xlsx or csv (default html)
  --trust FINGERPRINT    a signer you trust; repeat for several
  -h, --help             this help

Exit codes: 0 written, 2 bad input (the bundle is unreadable or invalid, an
unknown --format, or the output cannot be written), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      output: { type: 'string', short: 'o' },
      format: { type: 'string' },
      trust: { type: 'string', multiple: true },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const format: ReportFormat = choiceOption(NAME, values, 'format', REPORT_FORMATS) ?? 'html';
    const trusted = listOption(values, 'trust').map((text) => {
      const fp = normalizeFingerprint(text);
      if (!fp) throw new CliError(`${NAME}: --trust "${text}" is not a fingerprint (64 hex digits)`);
      return fp;
    });
    const file = singleFile(NAME, positionals);
    const output = stringOption(values, 'output');
    if (output === undefined) throw new CliError(`${NAME}: no output file given: add -o <report.${format}>`);
    const outPath = await checkOutputPath(NAME, output, [file], io.cwd);

    const { bytes: input } = await readBundleBytes(NAME, file, io.cwd);
    const opened = await openAnyBundleFile(input, { trustedFingerprints: trusted, appVersion: appVersion() });
    if (opened.kind === 'response') {
      const html = responseReport(file, opened.verification, format);
      await writeFileAtomic(NAME, outPath, utf8Encode(html));
      const v = opened.verification;
      const signer = v.fingerprint ? ` (${formatFingerprint(v.fingerprint)})` : '';
      io.stdout(`wrote ${output} (html): auditor response by ${escapeTerminal(reviewerLine(v.review!))}, ${v.manifest!.counts.entries} findings reviewed; response ${v.state}${signer}\n`);
      return EXIT.ok;
    }
    const verification = opened.verification;
    const bundle = verification.bundle;
    if (verification.state === 'invalid' || !bundle) {
      const what = verification.unreadable ? 'cannot be read' : 'is invalid';
      throw new CliError(`${NAME}: ${file} ${what}: ${verification.reasons.join('; ')}\nRun "supportspan verify ${file}" for details.`);
    }
    const m = bundle.manifest;
    const signature = { state: verification.state, fingerprint: verification.fingerprint ?? null, reasons: verification.reasons };
    // The report shows what the bundle recorded, and says whether its data still gives that.
    const rerun = rerunBundleAnalysis(bundle);
    let bytes: Uint8Array;
    if (format === 'html') {
      // Always made from the verified data; the bundle's own report.html is never used.
      bytes = utf8Encode(verifiedBundleReport(bundle, {
        ...signature,
        verification: { manifestHash: bundle.manifestHash, checkedAt: new Date().toISOString(), checkedWith: appVersion(), reanalysis: reportReanalysis(rerun) },
      }));
    } else {
      const findings = recordedReportFindings(bundle.analysis.findings, bundle.portfolio.decisions, m.asOf);
      const titles = provisionTitles(DEFAULT_RULE_PACKS);
      const source: ReportSource = {
        scope: capitalize(scopeLabel(m.scope)),
        asOf: m.asOf,
        kind: 'bundle',
        name: basename(file),
        signature: verification.state,
        fingerprint: verification.fingerprint ? formatFingerprint(verification.fingerprint) : null,
        manifestHash: bundle.manifestHash,
        createdAt: m.createdAt,
        rulePacks: bundle.analysis.rulePacks,
        reanalysis: reanalysisSentence(reportReanalysis(rerun), appVersion()),
      };
      if (format === 'pdf') {
        bytes = await findingsPdf({ source, findings, provisionTitles: titles, signatureNote: SIGNATURE_TEXT[verification.state] });
      } else if (format === 'xlsx') {
        bytes = await findingsXlsx(await loadExcelJs(), findings, source, { provisionTitles: titles });
      } else {
        bytes = utf8Encode(findingsCsv(findings, { provisionTitles: titles }));
      }
    }
    await writeFileAtomic(NAME, outPath, bytes);
    const signer = verification.fingerprint ? ` (${formatFingerprint(verification.fingerprint)})` : '';
    io.stdout(`wrote ${output} (${format}): ${bundle.analysis.findings.length} findings, ${bundle.portfolio.products.length} products; bundle ${verification.state}${signer}\n`);
    return EXIT.ok;
  },
};

/** An auditor response's report, with the state this run found; an invalid or unreadable response writes nothing (exit 2). */
function responseReport(file: string, v: ResponseVerification, format: ReportFormat): string {
  if (v.state === 'invalid' || !v.manifest || !v.review) {
    const what = v.unreadable ? 'cannot be read' : 'is invalid';
    throw new CliError(`${NAME}: ${file} ${what}: ${v.reasons.join('; ')}\nRun "supportspan verify ${file}" for details.`);
  }
  if (format !== 'html') throw new CliError(`${NAME}: ${file} is an auditor response; its report is written as html only (--format html)`);
  return renderResponseReportHtml({ manifest: v.manifest, review: v.review, state: v.state });
}
