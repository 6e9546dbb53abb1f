import type { CliContext } from './cli-context.js';
import { COMMANDS, findCommand } from './commands/registry.js';
import { describeError } from './describe-error.js';
import { exitCodeOf } from './exit-codes.js';
import { failureContextOf } from './failure-context.js';
import { UsageError } from './usage-error.js';
import { cliVersion } from './version.js';

/** The shell's convention for a run stopped by Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const list = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n');
  return `Usage: zen-leads <command> [options]

Lead-distribution totals from the CRM Zen API, within its one-request-per-5-minutes limit.

Commands:
${list}

Options:
  -h, --help       show help (also: zen-leads <command> --help)
  -V, --version    print the version

Environment: ZEN_URL, ZEN_TOKEN, ZEN_STORE, ZEN_CACHE_DIR.
Exit codes: 0 ok · 1 unexpected · 2 invalid input or usage, API 400 · 3 authentication (401)
            4 rate limited, not waited · 5 server or network failure · 6 invalid response body
`;
}

/**
 * Runs one command line and returns the exit code. Never throws and never exits the process,
 * so it runs the same in the bin, in tests and under Bun or Deno.
 */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' && rest[0] ? findCommand(rest[0]) : undefined;
      context.stdout.write(topic ? topic.help() : globalHelp());
      return 0;
    }
    if (first === '--version' || first === '-V') {
      context.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    const command = findCommand(first);
    if (!command) {
      const names = COMMANDS.map((known) => known.name).join(', ');
      throw new UsageError(
        first.startsWith('-')
          ? `${first} needs a command before it, e.g. zen-leads totals ${first}. Commands: ${names}.`
          : `unknown command ${JSON.stringify(first)}. Commands: ${names}. Run zen-leads --help.`,
      );
    }
    return await command.run(rest, context);
  } catch (error) {
    if (context.signal?.aborted) {
      context.stderr.write('zen-leads: interrupted; nothing was printed.\n');
      return INTERRUPTED;
    }
    context.stderr.write(`${describeError(error, failureContextOf(error), context.now())}\n`);
    return exitCodeOf(error);
  }
}
