import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.js';

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** What a command line holds once parsed: its options by long name, and its positionals. */
export interface ParsedCommandLine {
  values: OptionValues;
  positionals: string[];
}

/**
 * Strict parsing with `node:util` (Node, Bun and Deno all ship it): an unknown option or a
 * missing value is a usage error that names the command's help, never a silent default.
 */
export function parseCommandLine(
  command: string,
  args: readonly string[],
  options: OptionSpecs,
  maxPositionals: number,
): ParsedCommandLine {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\.?\s*To specify a positional.*$/s, '') : String(error);
    throw new CliError(`${message.replace(/\.$/, '')}. Run "zen-leads ${command} --help" for the options.`);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((value) => JSON.stringify(value));
    throw new CliError(`unexpected argument ${extra.join(' ')}. Run "zen-leads ${command} --help" for usage.`);
  }
  return { values: parsed.values as OptionValues, positionals: parsed.positionals };
}

/** A string option, or undefined; an empty string counts as not given. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string option that must be one of `choices`. */
export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly T[]): T | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be one of ${choices.join(', ')}, not ${JSON.stringify(value)}.`);
}
