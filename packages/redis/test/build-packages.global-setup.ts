/**
 * The worker processes run the packages as users get them, from `dist`: Bun and Deno would run
 * TypeScript sources too, but Node 20 cannot. So the packages they load are built first, through
 * turbo (which skips whatever is unchanged), so the processes never run a stale build.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export default async function buildPackages(): Promise<void> {
  await run(
    `${repoRoot}node_modules/.bin/turbo`,
    ['run', 'build', '--filter=@zen-leads/redis...', '--output-logs=errors-only', '--log-prefix=none'],
    { cwd: repoRoot, timeout: 300_000, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } },
  );
}
