/** Dispatches argv to a subcommand and turns errors into messages and exit codes. */
import { CliError, EXIT } from './command';
import type { CliIO, ExitCode } from './command';
import { COMMANDS } from './registry';
import { escapeTerminal } from './terminal-text';
import { escapeForTerminal } from '../../shared/text/hygiene';

/** Line by line, so the message's own line breaks stay and nothing else can move the cursor. */
const safeLines = (text: string): string => text.split('\n').map(escapeTerminal).join('\n');

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: supportspan <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "supportspan <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], rawIo: CliIO): Promise<ExitCode> {
  // Data can carry escape sequences and bidi controls: nothing reaches the terminal raw.
  const io: CliIO = { ...rawIo, stdout: (text) => rawIo.stdout(escapeForTerminal(text)), stderr: (text) => rawIo.stderr(escapeForTerminal(text)) };
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr(usage());
    return EXIT.badInput;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? rest[0] : undefined;
    const command = target === undefined ? undefined : COMMANDS.find((c) => c.name === target);
    if (target !== undefined && !command) {
      io.stderr(`unknown command "${target}"\n\n${usage()}`);
      return EXIT.badInput;
    }
    io.stdout(command ? `${command.help}\n` : usage());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`unknown command "${name}"\n\n${usage()}`);
    return EXIT.badInput;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${safeLines(error.message)}\n${error.details.map((d) => `  ${safeLines(d)}\n`).join('')}`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`${name}: internal error, please report it:\n${detail}\n`);
    return EXIT.internal;
  }
}
