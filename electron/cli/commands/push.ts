import { userInfo } from 'node:os';
import { formatCount } from '../../../shared/format/format';
import { lineDocId, planPush, productDocId } from '../../../shared/team/documents';
import { CliError, EXIT } from '../command';
import type { CliCommand } from '../command';
import { FORMATS, choiceOption, parseCommandArgs } from '../options';
import { INPUT_HELP, INPUT_OPTIONS, inputOptions, readPortfolioInput } from '../read-input';
import { bulkWrite, connectTeam, currentDocs, describeTeamError, teamRequest, TeamRequestError, type TeamConnection } from '../team-database';
import { escapeTerminal } from '../terminal-text';

const NAME = 'push';
const BATCH = 500;

export const pushCommand: CliCommand = {
  name: NAME,
  summary: 'seed or update a team database (CouchDB) from any portfolio input',
  help: `Usage: supportspan push <portfolio> <db-url> [--create] [--by NAME] [--dry-run] [--format text|json]

Writes the portfolio's product lines and products (with their components and
the decisions on their findings) to a team database: one document per product
line and per product, matched by id, so a product already there is updated in
place and never duplicated. Documents that would not change are left alone;
products and lines that are in the database but not in the input are kept (a
push never deletes). Someone else's newer revision is never overwritten: a
document that changed on the server while pushing is reported and left as it
is.

<db-url> is a CouchDB 3.x database, https://host[:port]/database (plain http
only to 127.0.0.1). Sign-in: the URL's user part
(https://user:password@host/db) or the environment variables
SUPPORTSPAN_DB_USER and SUPPORTSPAN_DB_PASSWORD. The password is never printed.

Options:
  --create               create the database when it does not exist (needs a
                         server admin); without it a missing database is an error
  --by NAME              who the change is attributed to (default: the
                         SUPPORTSPAN_DB_USER, else this computer's user name)
  --dry-run              show what would be written; write nothing
  --format text|json     a summary for people (default) or JSON for tools
  -h, --help             this help

${INPUT_HELP}

Exit codes: 0 written (or nothing to write), 2 bad input (the portfolio, the
URL, sign-in refused, no write access, a missing database, documents the
server refused or that changed meanwhile), 3 internal error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(NAME, args, {
      ...INPUT_OPTIONS,
      create: { type: 'boolean' },
      by: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string' },
    });
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = choiceOption(NAME, values, 'format', FORMATS) ?? 'text';
    if (positionals.length !== 2) {
      throw new CliError(`${NAME}: expected a portfolio and a database URL (supportspan push <portfolio> <db-url>), got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`);
    }
    const [file, url] = positionals as [string, string];
    // The address is checked before the portfolio is read, so a typo is reported at once.
    const connection = connectTeam(NAME, url);
    const by = typeof values.by === 'string' ? values.by.trim() : (connection.auth?.username || safeUserName());
    if (by.length > 200) throw new CliError(`${NAME}: --by is longer than 200 characters`);
    const { portfolio } = await readPortfolioInput(NAME, file, io, await inputOptions(NAME, values, io.cwd));

    const created = await ensureDatabase(connection, values.create === true);
    const ids = [...portfolio.lines.map((l) => lineDocId(l.id)), ...portfolio.products.map((p) => productDocId(p.id))];
    const existing = await currentDocs(NAME, connection, ids);
    const plan = planPush(portfolio, existing, { by, at: io.now().toISOString(), via: 'cli push' });

    const failed: { docId: string; subject: string; reason: string }[] = [];
    let written = 0;
    if (!values['dry-run']) {
      for (let i = 0; i < plan.writes.length; i += BATCH) {
        const batch = plan.writes.slice(i, i + BATCH);
        let results;
        try {
          results = await bulkWrite(connection, batch.map((w) => w.doc));
        } catch (error) {
          throw new CliError(`${NAME}: ${describeTeamError(error, connection, 'write to it')}${written ? `; ${written} documents had been written before` : '; nothing was written'}`);
        }
        results.forEach((r, j) => {
          const w = batch[j]!;
          if (r.ok) written++;
          else {
            failed.push({
              docId: w.docId, subject: w.subject,
              reason: r.status === 409 ? 'changed on the server while pushing (someone else saved it): run push again to update it'
                : r.status === 403 || r.status === 401 ? `this user may not write it (${r.reason ?? ''})` : r.reason ?? 'refused',
            });
          }
        });
      }
    }

    const counts = {
      created: plan.writes.filter((w) => w.action === 'create').length,
      updated: plan.writes.filter((w) => w.action === 'update').length,
      unchanged: plan.unchanged,
    };
    if (format === 'json') {
      io.stdout(`${JSON.stringify({
        database: connection.address.url,
        createdDatabase: created,
        dryRun: values['dry-run'] === true,
        by,
        lines: portfolio.lines.length,
        products: portfolio.products.length,
        ...counts,
        written,
        writes: plan.writes.map((w) => ({ id: w.docId, action: w.action })),
        failed: failed.map((f) => ({ id: f.docId, reason: f.reason })),
        refused: plan.refused.map((r) => ({ id: r.docId, reason: r.message })),
      }, null, 2)}\n`);
    } else {
      const out: string[] = [];
      if (created) out.push(`created the database ${connection.shown}`);
      const verb = values['dry-run'] ? 'would write' : 'pushed';
      const docs = counts.created + counts.updated + counts.unchanged;
      out.push(`${verb} ${formatCount(portfolio.products.length, 'product')} in ${formatCount(portfolio.lines.length, 'product line')} to ${connection.shown} (${formatCount(docs, 'document')}): `
        + `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged${values['dry-run'] ? ' (dry run: nothing written)' : ''}`);
      for (const w of plan.writes.slice(0, 50)) out.push(`  ${w.action === 'create' ? 'create' : 'update'} ${escapeTerminal(w.subject)}`);
      if (plan.writes.length > 50) out.push(`  … and ${plan.writes.length - 50} more`);
      io.stdout(`${out.join('\n')}\n`);
    }
    const problems = [
      ...failed.map((f) => `${escapeTerminal(f.subject)} (document ${escapeTerminal(f.docId)}): ${escapeTerminal(f.reason)}`),
      ...plan.refused.map((r) => `document ${escapeTerminal(r.docId)}: ${escapeTerminal(r.message)}`),
    ];
    if (problems.length > 0) {
      throw new CliError(`${NAME}: ${problems.length} document${problems.length === 1 ? ' was' : 's were'} not written${written ? ` (${written} were)` : ''}`, EXIT.badInput, problems);
    }
    return EXIT.ok;
  },
};

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

/** Checks the database exists (creating it with --create); true when it was created. */
async function ensureDatabase(connection: TeamConnection, create: boolean): Promise<boolean> {
  try {
    await teamRequest(connection, 'GET', '');
    return false;
  } catch (error) {
    if (!(error instanceof TeamRequestError) || error.status !== 404) throw new CliError(`${NAME}: ${describeTeamError(error, connection, 'read it')}`);
    if (!create) throw new CliError(`${NAME}: ${describeTeamError(error, connection, 'read it')}: create it in CouchDB, or add --create (as a server admin)`);
  }
  try {
    await teamRequest(connection, 'PUT', '');
    return true;
  } catch (error) {
    if (error instanceof TeamRequestError && error.status === 412) return false; // created meanwhile
    throw new CliError(`${NAME}: ${describeTeamError(error, connection, 'create the database')}`);
  }
}
