import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliContext } from './cli-context.js';
import { CliError } from './cli-error.js';
import { cliVersion } from './version.js';

export type OptionValues = Record<string, string | boolean | undefined>;

/** One option: how it parses, and its line in `--help`. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's name in help: `--timeout <duration>`. */
  value?: string;
  /** Its help; lines after the first continue under it. */
  help: string;
}

/** Options under one heading of `--help`; a command's table is a list of them. */
export interface OptionSection {
  title?: string;
  options: Readonly<Record<string, OptionSpec>>;
}

/** The column where help text starts, after "  --option <value>". */
const HELP_COLUMN = 27;

/** The help lines of a command's option table: the table that parses is the table that is shown. */
export function optionsHelp(sections: readonly OptionSection[]): string {
  return sections
    .map(({ title, options }) => {
      const lines = Object.entries(options).flatMap(([name, spec]) => {
        const label = `  ${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` <${spec.value}>` : ''}`;
        const [first = '', ...rest] = spec.help.split('\n');
        return [`${label.padEnd(HELP_COLUMN - 2)}  ${first}`.trimEnd(), ...rest.map((line) => `${' '.repeat(HELP_COLUMN)}${line}`)];
      });
      return [...(title ? [title] : []), ...lines].join('\n');
    })
    .join('\n\n');
}

function parseArgsOptions(sections: readonly OptionSection[]): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const section of sections) {
    for (const [name, { type, short, multiple }] of Object.entries(section.options)) {
      options[name] = { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) };
    }
  }
  return options;
}

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
  sections: readonly OptionSection[],
  maxPositionals: number,
): ParsedCommandLine {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: parseArgsOptions(sections), allowPositionals: true, strict: true });
  } catch (error) {
    throw parseError(error, command);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((value) => JSON.stringify(value));
    throw new CliError((say) => say.usage.unexpectedArgument(extra.join(' '), command));
  }
  return { values: parsed.values as OptionValues, positionals: parsed.positionals };
}

/**
 * parseArgs's error in the run's language, worded from its `code` and the option its message
 * quotes ('--fromat', '--format <value>'); its own English text only when neither is there.
 */
function parseError(error: unknown, command: string): CliError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const option = /^[^']*'(?:-\w, )?(-[^'\s<,]+)/.exec(message)?.[1];
  if (option !== undefined && code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new CliError((say) => say.usage.unknownOption(option, command));
  if (option !== undefined && code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const missing = /argument missing/.test(message);
    return new CliError((say) => (missing ? say.usage.missingValue(option, command) : say.usage.noValueTaken(option, command)));
  }
  const problem = message.replace(/\.?\s*To specify a positional.*$/s, '').replace(/\.$/, '');
  return new CliError((say) => say.usage.unparsed(problem, command));
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
  throw new CliError((say) => say.usage.choice(`--${name}`, choices, JSON.stringify(value)));
}

/** `-h`/`--help` and `-V`/`--version`, on every command as at the top level. */
export const STANDARD_OPTIONS: OptionSection = {
  options: {
    help: { type: 'boolean', short: 'h', help: 'show this help' },
    version: { type: 'boolean', short: 'V', help: 'print the version' },
  },
};

/**
 * Answers `--help` or `--version` when given (before any setting is read, so they work without
 * ZEN_URL or ZEN_TOKEN) and returns the exit code; undefined when neither was asked for.
 */
export function answerStandardOptions(values: OptionValues, help: string, context: CliContext): number | undefined {
  if (values.help === true) {
    context.stdout.write(help);
    return 0;
  }
  if (values.version === true) {
    context.stdout.write(`${cliVersion()}\n`);
    return 0;
  }
  return undefined;
}
