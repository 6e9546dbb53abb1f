#!/usr/bin/env bun
/**
 * bun-daily: one São Paulo day of CRM Zen lead totals (default: yesterday) → a webhook, with a
 * local SQLite history. Prints one JSON line on success; exit 0 done, 1 failed, 2 bad usage.
 */
import { isZenError } from '@zen-leads/core';
import { ConfigError, readConfig, USAGE } from './config.ts';
import { runDailyJob } from './daily-job.ts';

const log = (line: string): void => console.error(`[bun-daily] ${line}`);

try {
  const config = readConfig(Bun.argv.slice(2), process.env);
  const report = await runDailyJob(config, log);
  console.log(JSON.stringify(report));
} catch (error) {
  if (error instanceof ConfigError) {
    if (error.message !== 'help') log(error.message);
    console.error(USAGE);
    process.exit(error.message === 'help' ? 0 : 2);
  }
  // Core errors never carry the token; the rest are ours (webhook, SQLite, file system).
  log(isZenError(error) ? `${error.name}: ${error.message}` : String(error instanceof Error ? error.message : error));
  process.exit(1);
}
