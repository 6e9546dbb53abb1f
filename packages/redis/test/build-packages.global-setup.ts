import { buildPackages } from '@zen-leads/test-support/build-packages';

/**
 * The worker processes run the packages as users get them, from `dist`: Bun and Deno would run
 * TypeScript sources too, but Node 20 cannot. So the packages they load are built first, through
 * turbo (which skips whatever is unchanged), so the processes never run a stale build.
 */
export default function setup(): Promise<void> {
  return buildPackages('@zen-leads/redis...');
}
