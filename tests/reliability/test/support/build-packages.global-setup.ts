/**
 * The suite runs what users run: the CLI's built bin, the n8n package's built CommonJS bundle, and
 * the core and simulator they load. Turbo builds them before `pnpm test`; a direct `vitest run`
 * gets the same here (turbo skips whatever is unchanged), so no test ever runs a stale build.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export default async function buildPackages(): Promise<void> {
  await run(
    `${repoRoot}node_modules/.bin/turbo`,
    ['run', 'build', '--filter=@zen-leads/reliability-tests...', '--output-logs=errors-only', '--log-prefix=none'],
    { cwd: repoRoot, timeout: 300_000, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } },
  );
}
