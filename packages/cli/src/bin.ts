#!/usr/bin/env node
import process from 'node:process';
import { main } from './main.js';
import { redactingStream, secretsOf } from './redacting-stream.js';
import { ExitCode, isSystemError, outputError } from './cli-error.js';
import type { OutputStream } from './cli-context.js';
import { describeError } from './describe-error.js';
import { messagesLang, takeLangOption } from './global-options.js';

// Ctrl-C during a wait aborts it cleanly (the countdown line is cleared, the queue ticket given
// back) instead of killing mid-write; so does SIGTERM (a service manager, a cron timeout), except
// for `serve`, which drains on it itself.
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted (Ctrl-C)')));
const terminated = new Error('terminated (SIGTERM)');
if (process.argv[2] !== 'serve') process.once('SIGTERM', () => interrupt.abort(terminated));

// main redacts its own stderr too; this one covers what reaches stderr outside it (a stdout failure).
const stderr = redactingStream(process.stderr, secretsOf(process.argv.slice(2), process.env));
handleStdoutErrors(process.stdout, stderr);
const exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr,
  now: Date.now,
  signal: interrupt.signal,
});
// A stdout failure reported meanwhile keeps its own code; SIGTERM's is 128 + 15, as the shell's.
process.exitCode ??= interrupt.signal.reason === terminated && exitCode === 130 ? 143 : exitCode;


/**
 * A failed write to stdout arrives as an `error` event after `write` returned. A reader that
 * closed the pipe early (`zen-leads totals | head`) made a choice, so the run ends quietly with
 * the exit code it already had, as Unix tools do. Any other failure (`> /dev/full`, a full disk)
 * is named once on stderr and the run exits 7 instead of dying with a stack trace.
 */
function handleStdoutErrors(stdout: NodeJS.WriteStream, stderr: OutputStream): void {
  let reported = false;
  stdout.on('error', (error: unknown) => {
    if (isSystemError(error) && error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    if (reported) return;
    reported = true;
    stderr.write(`${describeError(isSystemError(error) ? outputError({ kind: 'stdout' }, error) : error, undefined, Date.now(), runLang())}\n`);
    process.exitCode = ExitCode.outputFailed;
  });
  // stderr failing leaves nowhere to report anything; the exit code still tells.
  process.stderr.on('error', () => {});
}

/** The run's language as main chose it (--lang, else the locale); a bad --lang was refused there already. */
function runLang(): ReturnType<typeof messagesLang> {
  try {
    return messagesLang({ lang: takeLangOption(process.argv.slice(2), process.env).lang });
  } catch {
    return messagesLang({});
  }
}
