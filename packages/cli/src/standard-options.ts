import type { CliContext } from './cli-context.js';
import type { OptionSpecs, OptionValues } from './parse-command-line.js';
import { cliVersion } from './version.js';

/** `-h`/`--help` and `-V`/`--version`, on every command as at the top level. */
export const STANDARD_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

/** Their lines in each command's `--help`. */
export const STANDARD_OPTIONS_HELP = `  -h, --help               show this help
  -V, --version            print the version`;

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
