#!/usr/bin/env bun
/**
 * bun-daily: one São Paulo day of CRM Zen lead totals (default: yesterday) → a webhook, with a
 * local SQLite history. Prints one JSON line on success; exit 0 done, 1 failed, 2 bad usage.
 * The job is daily-shared's; Bun supplies the arguments, environment, SQLite and exit.
 */
import { runDailyMain } from '../../daily-shared/src/daily-main.ts';
import { openDailyHistory } from './history.ts';

await runDailyMain({
  name: 'bun-daily',
  command: 'bun src/main.ts',
  readArgs: () => Bun.argv.slice(2),
  readEnv: () => process.env,
  openHistory: openDailyHistory,
  exit: (code) => process.exit(code),
});
