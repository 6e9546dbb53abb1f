import { buildPackages } from '@zen-leads/test-support/build-packages';

/**
 * The Bun and Deno test loads the built gateway: it and what it depends on are built first
 * (turbo skips whatever is unchanged), so no test runs a stale `dist`.
 */
export default function setup(): Promise<void> {
  return buildPackages('@zen-leads/gateway...');
}
