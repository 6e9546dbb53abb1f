import { buildPackages } from '@zen-leads/test-support/build-packages';

/**
 * The app runs the built core and history (the workspace packages its job imports, from `dist`,
 * as they are published): they are built first, and turbo skips whatever is unchanged.
 */
export default function setup(): Promise<void> {
  return buildPackages('@zen-leads/bun-daily...');
}
