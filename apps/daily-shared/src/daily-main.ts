/**
 * The command around the job, for both apps' src/main.ts: read the settings, run the day, print
 * one JSON line; exit 0 done, 1 failed, 2 bad usage. The runtime's parts (arguments, environment,
 * exit) come in as functions, called inside the `try` so that a refused permission (Deno's
 * `--allow-env`) is reported and exits 1 like any other failure.
 */
import { isZenError } from '@zen-leads/core';
import { ConfigError, readConfig, usageFor } from './config.ts';
import { runDailyJob } from './daily-job.ts';

export interface DailyRuntime {
  /** The app's name, prefixed to each log line on stderr. */
  name: string;
  /** How the app is run, for the usage (`bun src/main.ts`). */
  command: string;
  readArgs(): readonly string[];
  readEnv(): Record<string, string | undefined>;
  exit(code: number): never;
}

export async function runDailyMain(runtime: DailyRuntime): Promise<void> {
  const log = (line: string): void => console.error(`[${runtime.name}] ${line}`);
  try {
    const config = readConfig(runtime.readArgs(), runtime.readEnv());
    const report = await runDailyJob(config, log);
    console.log(JSON.stringify(report));
  } catch (error) {
    if (error instanceof ConfigError) {
      if (error.message !== 'help') log(error.message);
      console.error(usageFor(runtime.command));
      runtime.exit(error.message === 'help' ? 0 : 2);
    }
    // Core errors never carry the token; the rest are ours (webhook, SQLite, file system).
    log(isZenError(error) ? `${error.name}: ${error.message}` : String(error instanceof Error ? error.message : error));
    runtime.exit(1);
  }
}
