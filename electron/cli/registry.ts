/** Every subcommand, in the order `--help` lists them. */
import type { CliCommand } from './command';
import { analyzeCommand } from './commands/analyze';
import { planCommand } from './commands/plan';

export const COMMANDS: readonly CliCommand[] = [
  analyzeCommand,
  planCommand,
];
