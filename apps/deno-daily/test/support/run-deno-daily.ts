/**
 * Runs the app as cron would: the real `deno` binary (from the tools cache the test command
 * fills), with the least privilege the README documents — net only to the API's and the
 * webhook's host:port, env only the job's variables, read/write only the state folder — and a
 * clean environment.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBinary, STATE_QUERIES, type RunResult, type StateRows } from '@zen-leads/daily-shared/testing';
import { denoBinary } from '@zen-leads/test-support/runtimes';

export const appDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const ENV_VARIABLES = 'ZEN_URL,ZEN_TOKEN,WEBHOOK_URL,ZEN_DAILY_STATE_DIR,HOME';

/** `--allow-net=<api host:port>,<webhook host:port>` and the rest of the documented flags. */
export function leastPrivilege(env: Record<string, string>): string[] {
  const hostOf = (url: string | undefined): string => {
    const parsed = new URL(url ?? '');
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
  };
  const stateDir = env['ZEN_DAILY_STATE_DIR'] ?? '';
  return [
    `--allow-net=${hostOf(env['ZEN_URL'])},${hostOf(env['WEBHOOK_URL'])}`,
    `--allow-env=${ENV_VARIABLES}`,
    `--allow-read=${stateDir}`,
    `--allow-write=${stateDir}`,
  ];
}

export function runDeno(args: readonly string[], env: Record<string, string>): Promise<RunResult> {
  return runBinary(denoBinary(), args, {
    cwd: appDir,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/root', NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', ...env },
  });
}

export function runDenoDaily(args: readonly string[], env: Record<string, string>, permissions: string[] = leastPrivilege(env)): Promise<RunResult> {
  return runDeno(['run', '--no-prompt', ...permissions, 'src/main.ts', ...args], env);
}

/** The history's days and the deliveries, read with Deno's own node:sqlite. */
export async function readState(dbPath: string): Promise<StateRows> {
  const script = `import { DatabaseSync } from 'node:sqlite';
const db = new DatabaseSync(Deno.env.get('DB_PATH'), { readOnly: true });
const queries = JSON.parse(Deno.env.get('QUERIES'));
console.log(JSON.stringify({ days: db.prepare(queries.days).all(), deliveries: db.prepare(queries.deliveries).all() }));`;
  const result = await runDeno(['eval', '--allow-env=DB_PATH,QUERIES', `--allow-read=${dirname(dbPath)}`, script], { DB_PATH: dbPath, QUERIES: JSON.stringify(STATE_QUERIES) });
  if (result.code !== 0) throw new Error(`reading ${dbPath} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as StateRows;
}
