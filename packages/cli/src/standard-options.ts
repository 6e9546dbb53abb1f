import type { CliContext } from './cli-context.js';
import type { OptionSection, OptionValues } from './parse-command-line.js';
import { cliVersion } from './version.js';

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
