#!/usr/bin/env node
import process from 'node:process';
import { main } from './main.js';
import { redactingStream } from './redacting-stream.js';
import { handleStdoutErrors } from './stdout-errors.js';
import { storeSecretsOf } from './store-spec.js';

// Ctrl-C during a wait aborts it cleanly (the countdown line is cleared, the queue ticket given
// back) instead of killing mid-write; so does SIGTERM (a service manager, a cron timeout), except
// for `serve`, which drains on it itself.
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted (Ctrl-C)')));
const terminated = new Error('terminated (SIGTERM)');
if (process.argv[2] !== 'serve') process.once('SIGTERM', () => interrupt.abort(terminated));

const secrets = [
  process.env.ZEN_TOKEN,
  flagValueOf(process.argv, '--token'),
  // A Redis URL's password is as secret as the token.
  ...storeSecretsOf(process.env.ZEN_STORE),
  ...storeSecretsOf(flagValueOf(process.argv, '--store')),
];
const stderr = redactingStream(process.stderr, secrets);
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

function flagValueOf(argv: readonly string[], flag: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === flag) return argv[index + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}
