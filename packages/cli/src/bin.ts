#!/usr/bin/env node
import process from 'node:process';
import { main } from './main.js';
import { redactingStream } from './redacting-stream.js';
import { storeSecretsOf } from './store-spec.js';

// Ctrl-C during a wait aborts it cleanly (the countdown line is cleared) instead of killing mid-write.
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort(new Error('interrupted (Ctrl-C)')));

// A pipe closed early (`zen-leads totals | head`) is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const secrets = [
  process.env.ZEN_TOKEN,
  flagValueOf(process.argv, '--token'),
  // A Redis URL's password is as secret as the token.
  ...storeSecretsOf(process.env.ZEN_STORE),
  ...storeSecretsOf(flagValueOf(process.argv, '--store')),
];
process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: redactingStream(process.stderr, secrets),
  now: Date.now,
  signal: interrupt.signal,
});

function flagValueOf(argv: readonly string[], flag: string): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === flag) return argv[index + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}
