/**
 * What a subcommand is. Adding one = a file under commands/ exporting a
 * CliCommand, plus one line in registry.ts.
 */

/** Exit codes shared by every subcommand (documented in docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** The command ran and found something at or above the requested threshold. */
  findings: 1,
  /** Bad input: usage, options, the file or its rows. */
  badInput: 2,
  /** A failure inside the tool itself (a bug): reported, never mistaken for bad input. */
  internal: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working directory that relative paths resolve against. */
  cwd: string;
  /** The clock, so that "today" is injectable. */
  now(): Date;
}

export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text printed by `<command> --help`. */
  help: string;
  run(args: string[], io: CliIO): Promise<ExitCode>;
}

/** An error whose message is meant for the user, with the exit code to leave with. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.badInput, readonly details: string[] = []) {
    super(message);
    this.name = 'CliError';
  }
}
