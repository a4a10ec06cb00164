/** Option parsing shared by subcommands (node:util parseArgs, strict). */
import { parseArgs } from 'node:util';
import { parseDayDate, todayIso } from '../../shared/domain/dates';
import { CliError } from './command';

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** parseArgs with strict checking; its errors become usage errors naming the command. */
export function parseCommandArgs(command: string, args: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`${command}: ${message.replace(/\. To specify a positional argument.*$/s, '')}\nRun "supportspan ${command} --help" for usage.`);
  }
}

export function stringOption(values: ParsedArgs['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** --as-of: a real calendar day; defaults to today in UTC. */
export function asOfOption(command: string, values: ParsedArgs['values'], now: Date): string {
  const given = stringOption(values, 'as-of');
  if (given === undefined) return todayIso(now);
  const r = parseDayDate(given);
  if (!r.ok) throw new CliError(`${command}: --as-of ${r.reason}`);
  return given;
}

export function choiceOption<T extends string>(
  command: string,
  values: ParsedArgs['values'],
  name: string,
  allowed: readonly T[],
): T | undefined {
  const given = stringOption(values, name);
  if (given === undefined) return undefined;
  const hit = allowed.find((a) => a === given);
  if (!hit) throw new CliError(`${command}: --${name} "${given}" is not one of: ${allowed.join(', ')}`);
  return hit;
}

/** Exactly one input file. */
export function singleFile(command: string, positionals: string[]): string {
  if (positionals.length === 0) throw new CliError(`${command}: no input file given\nRun "supportspan ${command} --help" for usage.`);
  if (positionals.length > 1) throw new CliError(`${command}: expected one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0] as string;
}

/** A repeatable string option (`multiple: true`): every value given, in order. */
export function listOption(values: ParsedArgs['values'], name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export const FORMATS = ['text', 'json'] as const;
export type OutputFormat = (typeof FORMATS)[number];
