/**
 * deno-daily: one São Paulo day of CRM Zen lead totals (default: yesterday) → a webhook, with a
 * local SQLite history, under Deno's least privilege (see README.md for the exact flags).
 * Prints one JSON line on success; exit 0 done, 1 failed, 2 bad usage.
 */
import { isZenError } from '@zen-leads/core';
import { ConfigError, readConfig, USAGE } from './config.ts';
import { runDailyJob } from './daily-job.ts';

const log = (line: string): void => console.error(`[deno-daily] ${line}`);

/** Only the variables the job documents, read one by one (`--allow-env=<these>`). */
export const ENV_VARIABLES = ['ZEN_URL', 'ZEN_TOKEN', 'WEBHOOK_URL', 'ZEN_DAILY_STATE_DIR', 'HOME'] as const;

function readEnv(): Record<string, string | undefined> {
  return Object.fromEntries(ENV_VARIABLES.map((name) => [name, Deno.env.get(name)]));
}

try {
  const config = readConfig(Deno.args, readEnv());
  const report = await runDailyJob(config, log);
  console.log(JSON.stringify(report));
} catch (error) {
  if (error instanceof ConfigError) {
    if (error.message !== 'help') log(error.message);
    console.error(USAGE);
    Deno.exit(error.message === 'help' ? 0 : 2);
  }
  log(isZenError(error) ? `${error.name}: ${error.message}` : String(error instanceof Error ? error.message : error));
  Deno.exit(1);
}
