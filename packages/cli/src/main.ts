import type { CliContext } from './cli-context.js';
import { COMMANDS, findCommand } from './commands/registry.js';
import { globalHelp } from './global-help.js';
import { CliError, ExitCode } from './cli-error.js';
import { describeFailure } from './describe-error.js';
import { redactingStream, secretsOf } from './redacting-stream.js';
import { answerStandardOptions, parseCommandLine } from './parse-command-line.js';
import { cliVersion } from './version.js';
import { messagesLang, takeLangOption } from './global-options.js';
import { cliMessages } from './messages/index.js';
import { langOfEnvironment } from '@zen-leads/history';

/**
 * Runs one command line and returns the exit code. Never throws and never exits the process,
 * so it runs the same in the bin, in tests and under Bun or Deno.
 */
export async function main(argv: readonly string[], given: CliContext): Promise<number> {
  // Whatever reaches stderr has the token and a store's password replaced, whoever calls main.
  let context: CliContext = { ...given, stderr: redactingStream(given.stderr, secretsOf(argv, given.env)) };
  try {
    // The locale's language first, so even a bad --lang is refused in it.
    const fromLocale = langOfEnvironment(given.env);
    context = { ...context, ...(fromLocale ? { lang: fromLocale } : {}) };
    const chosen = takeLangOption(argv, given.env);
    context = { ...context, ...(chosen.lang ? { lang: chosen.lang } : {}) };
    const [first, ...rest] = chosen.argv;
    // No command at all is a mistake (a cron line cut short), not a request for help.
    const say = cliMessages(messagesLang(context)).usage;
    if (first === undefined) {
      context.stderr.write(`${say.noCommand}\n\n${globalHelp(messagesLang(context))}`);
      return ExitCode.invalidInput;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' && rest[0] ? findCommand(rest[0]) : undefined;
      context.stdout.write(topic ? topic.help(messagesLang(context)) : globalHelp(messagesLang(context)));
      return 0;
    }
    if (first === '--version' || first === '-V') {
      context.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    const command = findCommand(first);
    if (!command) {
      const names = COMMANDS.map((known) => known.name).join(', ');
      throw new CliError((words) => (first.startsWith('-') ? words.usage.optionFirst(first, names) : words.usage.unknownCommand(JSON.stringify(first), names)));
    }
    const line = parseCommandLine(command.name, rest, command.options, command.positionals);
    return answerStandardOptions(line.values, command.help(messagesLang(context)), context) ?? (await command.run(line, context));
  } catch (error) {
    if (context.signal?.aborted) {
      context.stderr.write(`${cliMessages(messagesLang(context)).errors.interrupted}\n`);
      return ExitCode.interrupted;
    }
    const failure = describeFailure(error, undefined, context.now(), messagesLang(context));
    context.stderr.write(`zen-leads: ${failure.message}\n`);
    return failure.exitCode;
  }
}
