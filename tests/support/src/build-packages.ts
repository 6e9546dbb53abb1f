import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Builds the packages a suite runs from `dist` (spawned bins, child processes, bundles) through
 * turbo: `filter` is turbo's, e.g. `@zen-leads/cli...` for the CLI and everything it loads.
 * Turbo builds them before `pnpm test`; a direct `vitest run` after an edit gets the same here,
 * and turbo skips whatever is unchanged, so no test runs a stale build.
 */
export async function buildPackages(filter: string): Promise<void> {
  // The test command built everything once already; a second turbo run would rewrite dist/ (a
  // cache hit restores files) under a step that runs beside this one.
  if (process.env.ZEN_BUILT === '1') return;
  await run(
    `${repoRoot}node_modules/.bin/turbo`,
    ['run', 'build', `--filter=${filter}`, '--output-logs=errors-only', '--log-prefix=none'],
    { cwd: repoRoot, timeout: 300_000, env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } },
  );
}
