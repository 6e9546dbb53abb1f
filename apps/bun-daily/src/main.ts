#!/usr/bin/env bun
/**
 * bun-daily: one São Paulo day of CRM Zen lead totals (default: yesterday) → a webhook, with a
 * local SQLite history (bun:sqlite). Prints one JSON line on success; exit 0 done, 1 failed,
 * 2 bad usage. The job is @zen-leads/daily-shared's; Bun supplies the arguments, environment and exit.
 */
import { runDailyMain } from '@zen-leads/daily-shared';

await runDailyMain({
  name: 'bun-daily',
  command: 'bun src/main.ts',
  readArgs: () => Bun.argv.slice(2),
  readEnv: () => process.env,
  exit: (code) => process.exit(code),
});
