import { buildPackages } from '@zen-leads/test-support/build-packages';

/**
 * The kill test runs a backfill in a child process on the built packages: history and what it
 * depends on are built first (turbo skips whatever is unchanged), so it never runs a stale `dist`.
 */
export default function setup(): Promise<void> {
  return buildPackages('@zen-leads/history...');
}
