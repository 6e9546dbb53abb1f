/**
 * deno-daily: one São Paulo day of CRM Zen lead totals (default: yesterday) → a webhook, with a
 * local SQLite history (Deno's node:sqlite), under Deno's least privilege (see README.md for the
 * exact flags). Prints one JSON line on success; exit 0 done, 1 failed, 2 bad usage. The job is
 * @zen-leads/daily-shared's; Deno supplies the arguments, the environment (only the variables
 * below) and exit.
 */
import { runDailyMain } from '@zen-leads/daily-shared';

/** Only the variables the job documents, read one by one (`--allow-env=<these>`). */
export const ENV_VARIABLES = ['ZEN_URL', 'ZEN_TOKEN', 'WEBHOOK_URL', 'ZEN_DAILY_STATE_DIR', 'HOME'] as const;

await runDailyMain({
  name: 'deno-daily',
  command: 'deno run <permissions> src/main.ts',
  readArgs: () => Deno.args,
  readEnv: () => Object.fromEntries(ENV_VARIABLES.map((name) => [name, Deno.env.get(name)])),
  exit: (code) => Deno.exit(code),
});
