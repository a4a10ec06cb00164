/** Every subcommand, in the order `--help` lists them. */
import type { CliCommand } from './command';
import { analyzeCommand } from './commands/analyze';
import { planCommand } from './commands/plan';
import { exportCommand } from './commands/export';
import { verifyCommand } from './commands/verify';
import { reportCommand } from './commands/report';
import { convertCommand } from './commands/convert';
import { matchCommand } from './commands/match';
import { risksCommand } from './commands/risks';
import { activitiesCommand } from './commands/activities';
import { pushCommand } from './commands/push';

export const COMMANDS: readonly CliCommand[] = [
  analyzeCommand,
  planCommand,
  exportCommand,
  verifyCommand,
  reportCommand,
  convertCommand,
  matchCommand,
  risksCommand,
  activitiesCommand,
  pushCommand,
];
