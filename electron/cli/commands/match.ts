import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  describeCatalogDate, describeMilestone, LARGEST_CATALOG_BYTES, matchComponent, proposeSupportEnd, readCatalogSnapshot,
  type EolCatalog, type MilestoneState,
} from '../../../shared/interop';
import { CliError, EXIT } from '../command';
import type { CliCommand, CliIO } from '../command';
import { choiceOption, FORMATS, parseCommandArgs, singleFile, stringOption } from '../options';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readInput } from '../read-input';
import { renderTable } from '../table';
import { escapeTerminal } from '../terminal-text';

const NAME = 'match';
const MAX_CATALOG_FILES = 500;

/** One proposal, the JSON shape documented in docs/cli.md. */
export interface ProposalJson {
  product: string;
  component: string;
  catalog: string;
  catalogProduct: string;
  cycle: string;
  /** The proposed security-support end, or null when the catalog gives none (see catalogState). */
  supportEnd: string | null;
  confidence: string;
  reason: string;
  /** date | ended-date-unknown | not-ended | unknown */
  catalogState: MilestoneState;
  /** The catalog's own date (the snapshot's), never the day it was read. */
  catalogDate: string | null;
  /** Extended (paid) support of the cycle, beside the standard end: a date, or null with its state. */
  extendedSupportEnd: string | null;
  extendedSupportState: MilestoneState;
}

interface Row extends ProposalJson {
  componentVersion: string;
  catalogDateBasis: EolCatalog['asOfBasis'];
}

export const matchCommand: CliCommand = {
  name: NAME,
  summary: 'propose security-support ends for components from end-of-life catalogs',
  help: `Usage: supportspan match <portfolio> --catalog <file|folder> [--format text|json]

For each IT component: the catalog cycles it matches (by purl and CPE first,
then by name with the version from the version field or the name), with the
confidence, the reason, and the proposed security-support end. Nothing is
written; accept dates in the app or edit the portfolio.

Options:
  --catalog PATH         an endoflife.date API file (legacy cycle list or v1
                         product; the file name gives the product, "linux.json"
                         is linux-kernel), a Supportspan catalog, or a folder:
                         every .json file in it is loaded (an index.json there
                         is read as the snapshot's index). Repeat for more.
  --format text|json     a table (default) or JSON
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 done (with or without proposals), 2 bad input (the portfolio,
or a catalog that cannot be read), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      ...INPUT_OPTIONS,
      catalog: { type: 'string', multiple: true },
      format: { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = choiceOption(NAME, values, 'format', FORMATS) ?? 'text';
    const file = singleFile(NAME, positionals);
    const catalogPaths = Array.isArray(values.catalog) ? values.catalog : stringOption(values, 'catalog') ? [stringOption(values, 'catalog')!] : [];
    if (catalogPaths.length === 0) throw new CliError(`${NAME}: no catalog given: add --catalog <file|folder> (for example a folder of endoflife.date API files)`);
    const catalogs: EolCatalog[] = [];
    for (const path of catalogPaths) catalogs.push(...(await loadCatalogs(path, io)));
    const { portfolio } = await readInput(NAME, file, io, await inputOptions(NAME, values, io.cwd));

    const proposals: Row[] = [];
    for (const product of portfolio.products) {
      for (const component of product.components) {
        if (component.class !== 'it') continue;
        for (const m of matchComponent(component, catalogs)) {
          const p = proposeSupportEnd(component, m);
          proposals.push({
            product: product.name,
            component: component.name,
            catalog: p.provenance.catalog,
            catalogProduct: p.provenance.product,
            cycle: p.provenance.cycle,
            supportEnd: p.proposed,
            confidence: p.confidence,
            reason: p.reason,
            catalogState: p.state,
            catalogDate: p.provenance.catalogDate,
            catalogDateBasis: p.provenance.catalogDateBasis,
            extendedSupportEnd: p.extendedSupport.date,
            extendedSupportState: p.extendedSupport.state,
            componentVersion: component.version,
          });
        }
      }
    }
    if (format === 'json') {
      const json = proposals.map(({ componentVersion: _v, catalogDateBasis: _b, ...p }): ProposalJson => p);
      io.stdout(`${JSON.stringify({ proposals: json }, null, 2)}\n`);
    }
    else io.stdout(renderText(proposals, catalogs));
    return EXIT.ok;
  },
};

async function readCatalogFileBytes(shown: string, path: string): Promise<{ name: string; bytes: Uint8Array }> {
  const info = await stat(path);
  if (info.size > LARGEST_CATALOG_BYTES) throw new CliError(`${NAME}: the catalog ${shown} is larger than 8 MB; a catalog is much smaller`);
  return { name: path, bytes: new Uint8Array(await readFile(path)) };
}

/** A file, or every .json file of a folder taken as one snapshot. Sizes are checked with stat before reading. */
async function loadCatalogs(given: string, io: CliIO): Promise<EolCatalog[]> {
  const path = resolve(io.cwd, given);
  const shown = escapeTerminal(given);
  let files: { name: string; bytes: Uint8Array }[];
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
      if (names.length === 0) throw new CliError(`${NAME}: the catalog folder ${shown} has no .json files`);
      if (names.length > MAX_CATALOG_FILES) throw new CliError(`${NAME}: the catalog folder ${shown} has ${names.length} .json files; at most ${MAX_CATALOG_FILES} are read`);
      files = [];
      for (const n of names) files.push(await readCatalogFileBytes(`${shown}/${escapeTerminal(n)}`, join(path, n)));
    } else {
      files = [await readCatalogFileBytes(shown, path)];
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${NAME}: the catalog ${shown}: no such file or folder` : `${NAME}: cannot read the catalog ${shown} (${code ?? 'unknown error'})`);
  }
  // Messages name files as the user gave them, not by absolute path.
  const relative = (name: string): string => escapeTerminal(name.startsWith(path) ? `${given}${name.slice(path.length)}` : name);
  const snapshot = readCatalogSnapshot(files);
  if (snapshot.errors.length > 0) {
    throw new CliError(`${NAME}: the catalog ${shown} cannot be read`, EXIT.badInput, snapshot.errors.map(relative));
  }
  for (const w of snapshot.warnings) io.stderr(`${NAME}: warning: ${relative(w)}\n`);
  return snapshot.catalogs.map((c) => ({ ...c, generatedFrom: relative(c.generatedFrom) }));
}

function renderText(proposals: Row[], catalogs: readonly EolCatalog[]): string {
  const loaded = catalogs.map((c) => `${c.id} (${describeCatalogDate(c.asOf, c.asOfBasis)})`).join(', ');
  if (proposals.length === 0) return `No component matched the catalogs: ${loaded}\n`;
  const rows = proposals.map((p) => [
    `${p.product} / ${p.component}${p.componentVersion ? ` ${p.componentVersion}` : ''}`,
    `${p.catalogProduct} ${p.cycle}`,
    p.supportEnd ?? describeMilestone({ state: p.catalogState, date: null }),
    p.extendedSupportState === 'unknown' ? '' : describeMilestone({ state: p.extendedSupportState, date: p.extendedSupportEnd }),
    p.confidence,
    `${p.reason} [${p.catalog}, ${describeCatalogDate(p.catalogDate, p.catalogDateBasis)}]`,
  ].map(escapeTerminal));
  return `${renderTable(['component', 'catalog cycle', 'support end', 'extended', 'confidence', 'reason'], rows)}\n\n${proposals.length} proposal${proposals.length === 1 ? '' : 's'} from ${loaded}\n`;
}
