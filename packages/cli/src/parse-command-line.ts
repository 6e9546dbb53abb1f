import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliContext } from './cli-context.js';
import { CliError } from './cli-error.js';
import { cliVersion } from './version.js';
import { padToWidth } from './output/display-width.js';
import type { Lang } from '@zen-leads/history';
import type { Localized } from './messages/localized.js';

export type OptionValues = Record<string, string | boolean | undefined>;

/** One option: how it parses, and its line in `--help`. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's name in help: `--timeout <duration>` (`<duração>` in pt-BR). */
  value?: ValueName;
  /** Its help in each language; lines after the first continue under it. */
  help: Localized;
}

/** The names an option's value goes by in help: a table naming one not listed fails the typecheck. */
export type ValueName =
  | 'address'
  | 'day'
  | 'dir'
  | 'dur.'
  | 'duration'
  | 'file'
  | 'format'
  | 'history'
  | 'hours'
  | 'mode'
  | 'n'
  | 'n/dur.'
  | 'origin'
  | 'path'
  | 'text'
  | 'token'
  | 'url'
  | 'view';

/** Each value's name in each language. */
const VALUE_NAMES: Readonly<Record<ValueName, Localized>> = {
  address: { en: 'address', 'pt-BR': 'endereço' },
  day: { en: 'day', 'pt-BR': 'dia' },
  dir: { en: 'dir', 'pt-BR': 'pasta' },
  'dur.': { en: 'dur.', 'pt-BR': 'dur.' },
  duration: { en: 'duration', 'pt-BR': 'duração' },
  file: { en: 'file', 'pt-BR': 'arquivo' },
  format: { en: 'format', 'pt-BR': 'formato' },
  history: { en: 'history', 'pt-BR': 'histórico' },
  hours: { en: 'hours', 'pt-BR': 'horário' },
  mode: { en: 'mode', 'pt-BR': 'modo' },
  n: { en: 'n', 'pt-BR': 'n' },
  'n/dur.': { en: 'n/dur.', 'pt-BR': 'n/dur.' },
  origin: { en: 'origin', 'pt-BR': 'origem' },
  path: { en: 'path', 'pt-BR': 'caminho' },
  text: { en: 'text', 'pt-BR': 'texto' },
  token: { en: 'token', 'pt-BR': 'token' },
  url: { en: 'url', 'pt-BR': 'url' },
  view: { en: 'view', 'pt-BR': 'visão' },
};

/** Options under one heading of `--help`; a command's table is a list of them. */
export interface OptionSection {
  title?: Localized;
  options: Readonly<Record<string, OptionSpec>>;
}

/** The column where help text starts, after "  --option <value>". */
const HELP_COLUMN = 27;

/**
 * The help lines of a command's option table in one language: the table that parses is the
 * table that is shown. Option names never change with the language; their text does.
 */
export function optionsHelp(sections: readonly OptionSection[], lang: Lang): string {
  return sections
    .map(({ title, options }) => {
      const lines = Object.entries(options).flatMap(([name, spec]) => {
        const label = `  ${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` <${VALUE_NAMES[spec.value][lang]}>` : ''}`;
        const [first = '', ...rest] = spec.help[lang].split('\n');
        return [`${padToWidth(label, HELP_COLUMN - 2)}  ${first}`.trimEnd(), ...rest.map((line) => `${' '.repeat(HELP_COLUMN)}${line}`)];
      });
      return [...(title ? [title[lang]] : []), ...lines].join('\n');
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
    help: { type: 'boolean', short: 'h', help: { en: 'show this help', 'pt-BR': 'mostra esta ajuda' } },
    version: { type: 'boolean', short: 'V', help: { en: 'print the version', 'pt-BR': 'mostra a versão' } },
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
