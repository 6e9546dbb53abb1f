import { buildPackages } from '@zen-leads/test-support/build-packages';

/**
 * The suite runs what users run: the CLI's built bin, the n8n package's built CommonJS bundle, and
 * the core and simulator they load. Turbo builds them before `pnpm test`; a direct `vitest run`
 * gets the same here (turbo skips whatever is unchanged), so no test ever runs a stale build.
 */
export default function setup(): Promise<void> {
  return buildPackages('@zen-leads/reliability-tests...');
}
