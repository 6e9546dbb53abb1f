import process from 'node:process';
import type { OutputStream } from './cli-context.js';
import { describeError } from './describe-error.js';
import { ExitCode } from './exit-codes.js';
import { isSystemError } from './file-system-error.js';
import { OutputError } from './output-error.js';

/**
 * A failed write to stdout arrives as an `error` event after `write` returned. A reader that
 * closed the pipe early (`zen-leads totals | head`) made a choice, so the run ends quietly with
 * the exit code it already had, as Unix tools do. Any other failure (`> /dev/full`, a full disk)
 * is named once on stderr and the run exits 7 instead of dying with a stack trace.
 */
export function handleStdoutErrors(stdout: NodeJS.WriteStream, stderr: OutputStream): void {
  let reported = false;
  stdout.on('error', (error: unknown) => {
    if (isSystemError(error) && error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    if (reported) return;
    reported = true;
    const failure = isSystemError(error) ? new OutputError({ kind: 'stdout' }, error) : error;
    stderr.write(`${describeError(failure)}\n`);
    process.exitCode = ExitCode.outputFailed;
  });
  // stderr failing leaves nowhere to report anything; the exit code still tells.
  process.stderr.on('error', () => {});
}
