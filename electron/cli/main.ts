/**
 * Command-line entry: `npm run cli -- <command> ...` (runs with Node, no
 * Electron). Output goes to stdout, problems to stderr; the exit code is set
 * rather than forced so that piped output is flushed completely.
 */
import { runCli } from './run';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  now: () => new Date(),
});
process.exitCode = code;
