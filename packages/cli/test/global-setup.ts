import { buildPackages } from '@zen-leads/test-support/build-packages';

/**
 * The CLI tests spawn the real built bin, which loads the built core, simulator, history and (for
 * `--store redis://`) redis: the CLI and everything it depends on are built first (turbo skips
 * whatever is unchanged), so a direct `vitest run` after an edit never runs a stale `dist`.
 */
export default function setup(): Promise<void> {
  return buildPackages('@zen-leads/cli...');
}
